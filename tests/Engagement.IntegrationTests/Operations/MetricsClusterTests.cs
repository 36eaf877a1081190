using System.Net;
using System.Security.Cryptography;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// Cluster mode: ballots, refusals and ledger commits happen in the silo. The silo serves them on its own metrics port
/// (Engagement:Metrics:SiloPort), and reports them to the web host's status, which says they come from the silos.
/// </summary>
[Collection(Collections.Cluster)]
public sealed class MetricsClusterTests(ITestOutputHelper output)
{
    private const int Voters = 8;

    [Fact]
    public async Task The_silo_serves_its_own_figures_and_reports_them_to_the_organisers_status()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var schema = await AppProcess.RunSchemaCommandAsync(connectionString);
        Assert.True(schema.ExitCode == 0, schema.Output);

        var metricsPort = AppProcess.FreePort();
        await using var silo = AppProcess.StartSilo("metrics-cluster-silo", new Dictionary<string, string>
        {
            ["ConnectionStrings:Engagement"] = connectionString,
            ["Engagement:Silo:SiloPort"] = AppProcess.FreePort().ToString(),
            ["Engagement:Silo:GatewayPort"] = AppProcess.FreePort().ToString(),
            ["Engagement:Silo:AdvertisedAddress"] = "127.0.0.1",
            ["Engagement:Metrics:SiloPort"] = metricsPort.ToString(),
            ["Engagement:Metrics:SiloHost"] = "127.0.0.1",
        });
        await silo.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));

        var settings = TestApps.OrganiserSettings();
        settings["Engagement:Mode"] = "Cluster";
        settings["ConnectionStrings:Engagement"] = connectionString;
        settings["Engagement:AccessKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var web = await AppProcess.StartWebAsync("metrics-cluster-web", settings);
        using var organiser = await web.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("MC", Voters, 4)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        var round = await organiser.OpenVoteRoundAsync(branches);
        var phones = await MetricsTests.SignInAsync(web.Url!, organiser, branches);
        for (var i = 0; i < phones.Count; i++)
        {
            await (await MetricsTests.Ballot(phones[i], round, Guid.NewGuid().ToString("N"), i)).ExpectAsync(HttpStatusCode.OK);
        }

        await (await MetricsTests.Ballot(phones[0], round, Guid.NewGuid().ToString("N"), 0)).ExpectAsync(HttpStatusCode.Conflict);

        // The silo's own endpoint has the ballots, the refusal and the ledger's commits.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        var text = string.Empty;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            text = await (await http.GetAsync("/metrics")).ExpectAsync(HttpStatusCode.OK);
            if (MetricsTests.Value(text, "engagement_ballots_acknowledged_total") == Voters)
            {
                break;
            }
        }

        output.WriteLine(string.Join('\n', text.Split('\n').Where(l => l.StartsWith("engagement_", StringComparison.Ordinal))));
        Assert.Equal(Voters, MetricsTests.Value(text, "engagement_ballots_acknowledged_total"));
        Assert.Equal(1, MetricsTests.Value(text, "engagement_refusals_total", "reason=\"ballot.already-voted\""));
        Assert.True(MetricsTests.Value(text, "engagement_ledger_commit_duration_milliseconds_count") >= 1);
        Assert.Contains("orleans_", text);

        // The web host itself counted no ballot: they are the silo's.
        var webText = await (await organiser.Http.GetAsync("/metrics")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(MetricsTests.Value(webText, "engagement_ballots_acknowledged_total"));

        // The organiser's status has the silo's report (every 3 s): ballots arriving, database writes from the silos.
        System.Text.Json.JsonElement status = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            status = await Selection.Json(await organiser.Http.GetAsync("/api/operations/status"), HttpStatusCode.OK);
            if (status.GetProperty("silosReporting").GetInt32() >= 1 && MetricsTests.Figure(status, "ballotsPerSecond") > 0)
            {
                break;
            }
        }

        output.WriteLine(status.GetRawText());
        Assert.Equal("Cluster", status.GetProperty("mode").GetString());
        Assert.Equal(1, status.GetProperty("silosReporting").GetInt32());
        Assert.True(MetricsTests.Figure(status, "ballotsPerSecond") > 0);
        Assert.Equal(1, status.GetProperty("refusalsLastMinute").GetProperty("byReason").GetProperty("ballot.already-voted").GetInt64());
        Assert.Equal("silos", status.GetProperty("databaseWriteMs").GetProperty("source").GetString());
        Assert.True(status.GetProperty("databaseWriteMs").GetProperty("count").GetInt32() >= 1);

        foreach (var phone in phones)
        {
            phone.Client.Dispose();
        }
    }
}
