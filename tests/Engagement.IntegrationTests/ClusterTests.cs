using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests;

/// <summary>
/// A PostgreSQL-backed cluster as an operator would run it: schema installed by the silo's "schema"
/// command (twice), two silos and two web hosts sharing one access key, all on 127.0.0.1. Silo 2 joins
/// after the web hosts are up, so the grains they activated at start live on silo 1.
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
            Silo2 = StartSilo("cluster-silo-2");
            await Silo2.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));
            OrganiserA = await WebA.OrganiserAsync();
            OrganiserB = await WebB.OrganiserAsync();
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

[Collection(Collections.Cluster)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class ClusterTests(ClusterApp cluster, ITestOutputHelper output) : IClassFixture<ClusterApp>
{
    [Fact, Step(1)]
    public async Task Schema_command_is_idempotent_and_both_silos_join()
    {
        output.WriteLine($"Cluster up in {cluster.StartupTime.TotalSeconds:F1} s");
        Assert.Equal([0, 0], cluster.SchemaRuns.Select(r => r.ExitCode));
        // Once more, now with a running cluster on the database.
        var third = await AppProcess.RunSchemaCommandAsync(cluster.ConnectionString);
        Assert.True(third.ExitCode == 0, third.Output);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0).ToLowerInvariant());
            }
        }

        Assert.Subset(tables.ToHashSet(), new HashSet<string>
        {
            "orleansquery", "engagementschema", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
        });
        await using (var command = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3", connection))
        {
            Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!); // 3 = Active
        }
    }

    [Fact, Step(2)]
    public async Task Screen_changed_through_host_A_reaches_live_clients_of_host_B()
    {
        await using var screenOnB = await LiveClient.ConnectAsync(cluster.WebB.Url!);
        await screenOnB.SubscribeAsync("screen:main");

        // Host B's live observer is registered at start and refreshed every 10 s, and the notifier caches
        // the host list for 2 s: keep changing the headline through A until B has pushed one of them.
        var clock = Stopwatch.StartNew();
        var sent = new HashSet<string>();
        var seen = false;
        for (var i = 1; clock.Elapsed < TimeSpan.FromSeconds(30) && !seen; i++)
        {
            var headline = $"集群标题 {i} {Guid.NewGuid().ToString("N")[..4]}";
            sent.Add(headline);
            await cluster.OrganiserA.ShowOnScreenAsync(headline);
            var update = await screenOnB.WaitForAsync(u => sent.Contains(LiveClient.Headline(u)), TimeSpan.FromSeconds(3));
            seen = update.HasValue;
        }

        Assert.True(seen, $"Host B pushed none of {sent.Count} headlines set through host A within 30 s");
        output.WriteLine($"First cross-host push after {clock.Elapsed.TotalSeconds:F1} s ({sent.Count} change(s))");

        // Once both hosts are on the list, every change gets through promptly.
        var final = "集群最终标题 " + Guid.NewGuid().ToString("N")[..6];
        clock.Restart();
        await cluster.OrganiserA.ShowOnScreenAsync(final, "来自 A");
        var pushed = await screenOnB.WaitForAsync(u => LiveClient.Headline(u) == final, TimeSpan.FromSeconds(10));
        Assert.True(pushed.HasValue, $"\"{final}\" set through A did not reach B's live client within 10 s");
        output.WriteLine($"Push A -> B took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(final, (await cluster.OrganiserB.ScreenAsync()).Headline);
    }

    [Fact, Step(3)]
    public async Task Roster_imported_through_host_A_is_read_through_host_B()
    {
        var roster = Rosters.Generate("CLU", members: 40, branches: 3);

        var summary = await cluster.OrganiserA.ImportOkAsync(Rosters.Xlsx(roster), "roster.xlsx");
        Assert.Equal(40, summary.MembersAdded);

        var onB = await cluster.OrganiserB.OverviewAsync();
        Assert.Equal(40, onB.MemberCount);
        Assert.Equal(roster.GroupBy(r => r.Branch).ToDictionary(g => g.Key, g => g.Count()), onB.Branches.ToDictionary(b => b.Name, b => b.MemberCount));
        var branch = onB.Branch(Rosters.BranchName("CLU", 2));
        var details = await cluster.OrganiserB.BranchAsync(branch.BranchId);
        Assert.Equal(roster.Where(r => r.Branch == branch.Name).Select(r => r.MemberNo).Order(), details.Members.Select(m => m.MemberNo).Order());

        // A member code printed through A signs in through B (the hosts share the access key).
        var code = (await cluster.OrganiserA.CodesAsync(branch.BranchId)).Codes[0];
        using var phone = new ApiClient(cluster.WebB.Url!);
        Assert.Equal(code.MemberNo, (await (await phone.MemberLoginAsync(code.Code)).ReadAsync<MeDto>()).MemberNo);
    }

    /// <summary>Silo 1 holds the main screen's activation (see <see cref="ClusterApp"/>): killing it forces a failover.</summary>
    [Fact, Step(4)]
    public async Task Web_hosts_keep_answering_after_a_silo_is_killed()
    {
        var headline = "断电前 " + Guid.NewGuid().ToString("N")[..6];
        await cluster.OrganiserA.ShowOnScreenAsync(headline);
        var answers = cluster.FailoverAnswers;

        cluster.Silo1.Kill();
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60);
        TimeSpan? readsOk = null;
        TimeSpan? writeOk = null;
        var written = "断电后 " + Guid.NewGuid().ToString("N")[..6];
        while (clock.Elapsed < limit && (readsOk is null || writeOk is null))
        {
            if (readsOk is null)
            {
                var a = await Observe("GET via A", () => cluster.OrganiserA.Http.GetAsync("/api/screens/main"));
                var b = await Observe("GET via B", () => cluster.OrganiserB.Http.GetAsync("/api/screens/main"));
                if (a?.IsSuccessStatusCode == true && b?.IsSuccessStatusCode == true)
                {
                    // Served from PostgreSQL by the surviving silo: the state from before the crash.
                    Assert.Equal(headline, (await a.Content.ReadFromJsonAsync<ScreenDto>(Api.Json))!.Headline);
                    Assert.Equal(headline, (await b.Content.ReadFromJsonAsync<ScreenDto>(Api.Json))!.Headline);
                    readsOk = clock.Elapsed;
                }
            }
            else if ((await Observe("PUT via B", () => cluster.OrganiserB.Http.PutAsJsonAsync("/api/screens/main", new { headline = written })))?.IsSuccessStatusCode == true)
            {
                writeOk = clock.Elapsed;
            }

            await Task.Delay(250);
        }

        output.WriteLine($"Reads answered after {readsOk?.TotalSeconds:F1} s, a write after {writeOk?.TotalSeconds:F1} s. Refusals:");
        foreach (var answer in answers.Where(x => x.Status != 200).DistinctBy(x => (x.What, x.Status)))
        {
            output.WriteLine($"  {answer.At.TotalSeconds:F1} s {answer.What}: {answer.Status} retry-after={answer.RetryAfter} {answer.Body}");
        }

        var last = answers.LastOrDefault();
        Assert.True(readsOk is not null, $"Web hosts did not answer GET /api/screens/main within {limit.TotalSeconds} s of a silo's death; last: {last}");
        Assert.True(writeOk is not null, $"No screen change went through within {limit.TotalSeconds} s of a silo's death; last: {last}");
        Assert.Equal(written, (await cluster.OrganiserA.ScreenAsync()).Headline);
        Assert.False(cluster.Silo2.HasExited, "The surviving silo exited");

        async Task<HttpResponseMessage?> Observe(string what, Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                var response = await send();
                var body = response.IsSuccessStatusCode ? string.Empty : await response.Content.ReadAsStringAsync();
                answers.Add(new FailoverAnswer(clock.Elapsed, what, (int)response.StatusCode, response.Headers.RetryAfter is not null, body[..Math.Min(body.Length, 300)]));
                return response;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.Add(new FailoverAnswer(clock.Elapsed, what, 0, false, e.Message));
                return null;
            }
        }
    }

    /// <summary>While a call cannot be placed the API says so retryably, as ProblemExceptionHandler promises.</summary>
    [Fact, Step(5)]
    public void Refusals_during_the_failover_are_503_with_Retry_After_never_500()
    {
        var answers = cluster.FailoverAnswers;
        Assert.True(answers.Count > 0, "Run together with Web_hosts_keep_answering_after_a_silo_is_killed, which records the answers");
        var wrong = answers.Where(x => x.Status != 200 && !(x.Status == 503 && x.RetryAfter)).ToList();
        Assert.True(wrong.Count == 0,
            $"{wrong.Count} of {answers.Count} answers during the failover were neither 200 nor 503 with Retry-After:\n"
            + string.Join("\n", wrong.DistinctBy(x => (x.What, x.Status)).Select(x => $"{x.At.TotalSeconds:F1} s {x.What}: {x.Status} {x.Body}")));
    }

    [Fact, Step(6)]
    public async Task Live_push_between_hosts_resumes_after_a_silo_is_killed()
    {
        await using var screenOnB = await LiveClient.ConnectAsync(cluster.WebB.Url!);
        await screenOnB.SubscribeAsync("screen:main");
        var clock = Stopwatch.StartNew();
        var sent = new HashSet<string>();
        var seen = false;
        for (var i = 1; clock.Elapsed < TimeSpan.FromSeconds(30) && !seen; i++)
        {
            var headline = $"恢复 {i} {Guid.NewGuid().ToString("N")[..4]}";
            sent.Add(headline);
            var put = await cluster.OrganiserA.Http.PutAsJsonAsync("/api/screens/main", new { headline });
            seen = put.IsSuccessStatusCode && (await screenOnB.WaitForAsync(u => sent.Contains(LiveClient.Headline(u)), TimeSpan.FromSeconds(3))).HasValue;
        }

        output.WriteLine($"Live push resumed after {clock.Elapsed.TotalSeconds:F1} s ({sent.Count} change(s))");
        Assert.True(seen, $"Host B pushed none of {sent.Count} headlines set through host A within 30 s of the failover");
    }
}
