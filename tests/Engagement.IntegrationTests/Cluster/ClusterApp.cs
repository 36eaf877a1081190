using System.Diagnostics;
using System.Security.Cryptography;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Cluster;

/// <summary>
/// A PostgreSQL-backed cluster as an operator would run it: schema installed by the silo's "schema"
/// command (twice), two silos and two web hosts sharing one access key, all on 127.0.0.1. Silo 2 joins
/// after the web hosts are up and the hall's vote round is open, so the grains activated until then —
/// the organiser's, the main screen's, the round's — live on silo 1, and killing silo 1 is a real failover.
/// </summary>
public sealed class ClusterApp : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;
    public List<(int ExitCode, string Output)> SchemaRuns { get; } = [];
    public AppProcess Silo1 { get; private set; } = null!;
    public AppProcess Silo2 { get; private set; } = null!;
    public AppProcess WebA { get; private set; } = null!;
    public AppProcess WebB { get; private set; } = null!;
    public ApiClient OrganiserA { get; private set; } = null!;
    public ApiClient OrganiserB { get; private set; } = null!;
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The members and open round the failover steps vote in.</summary>
    public HallVote Hall { get; private set; } = null!;

    /// <summary>What the web hosts answered while a silo was dying (recorded by the failover test).</summary>
    public List<FailoverAnswer> FailoverAnswers { get; } = [];

    private readonly List<AppProcess> _processes = [];

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            ConnectionString = await TestPostgres.CreateDatabaseAsync();
            SchemaRuns.Add(await AppProcess.RunSchemaCommandAsync(ConnectionString));
            SchemaRuns.Add(await AppProcess.RunSchemaCommandAsync(ConnectionString));
            if (SchemaRuns.Any(r => r.ExitCode != 0))
            {
                throw new InvalidOperationException("The schema command failed:\n" + string.Join("\n---\n", SchemaRuns.Select(r => $"exit {r.ExitCode}: {r.Output}")));
            }

            // Silo 1 alone first: the web hosts' start-up (organiser bootstrap, readiness probes) activates the
            // organiser accounts and the main screen there, so killing silo 1 later is a real failover.
            Silo1 = StartSilo("cluster-silo-1");
            await Silo1.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));

            // Both hosts bootstrap the organiser from the same settings; whichever comes first creates it.
            var settings = TestApps.OrganiserSettings();
            settings["Engagement:Mode"] = "Cluster";
            settings["ConnectionStrings:Engagement"] = ConnectionString;
            settings["Engagement:AccessKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            Task<AppProcess>[] starting = [AppProcess.StartWebAsync("cluster-web-a", settings), AppProcess.StartWebAsync("cluster-web-b", settings)];
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                _processes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            (WebA, WebB) = (starting[0].Result, starting[1].Result);
            OrganiserA = await WebA.OrganiserAsync();
            OrganiserB = await WebB.OrganiserAsync();
            Hall = await HallVote.OpenAsync(OrganiserA);
            Silo2 = StartSilo("cluster-silo-2");
            await Silo2.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));
            StartupTime = clock.Elapsed;
        }
        catch
        {
            // Keep every started process's log, and never leave one running.
            await DisposeAsync();
            throw;
        }
    }

    private AppProcess StartSilo(string name)
    {
        var silo = AppProcess.StartSilo(name, new Dictionary<string, string>
        {
            ["ConnectionStrings:Engagement"] = ConnectionString,
            ["Engagement:Silo:SiloPort"] = AppProcess.FreePort().ToString(),
            ["Engagement:Silo:GatewayPort"] = AppProcess.FreePort().ToString(),
            ["Engagement:Silo:AdvertisedAddress"] = "127.0.0.1",
        });
        _processes.Add(silo);
        return silo;
    }

    public async Task DisposeAsync()
    {
        Hall?.Dispose();
        OrganiserA?.Dispose();
        OrganiserB?.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _processes.Clear();
    }
}

public sealed record FailoverAnswer(TimeSpan At, string What, int Status, bool RetryAfter, string Body);
