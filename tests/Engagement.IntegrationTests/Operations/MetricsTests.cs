using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// /metrics and /api/operations/status against the real app: after a hall votes and answers over HTTP, the scrape shows
/// exactly what was acknowledged and refused, the live connection and its pushes, the ledger's batches, and ASP.NET
/// Core's, SignalR's and Orleans' own series; the status figures move with it. Access: loopback (the default allowed
/// network) and organisers may scrape; with loopback not allowed, anyone else gets a 403.
/// </summary>
[Collection(Collections.Durability)]
public sealed class MetricsTests(ITestOutputHelper output)
{
    private const int Voters = 8;

    [Fact]
    public async Task Metrics_and_status_show_what_the_hall_did()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("metrics", data.Path);
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("MX", Voters, 4)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        var round = await organiser.OpenVoteRoundAsync(branches);
        var phones = await SignInAsync(app.Url!, organiser, branches);

        await using var screen = await LiveClient.ConnectAsync(app.Url!);
        await screen.SubscribeAsync($"round:{round.RoundId}");

        // Every phone votes once; the first taps again with a new ballot id (refused: the first ballot is final)
        // and retries its first ballot (the same receipt, not a second ballot).
        var ballotIds = phones.Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        for (var i = 0; i < phones.Count; i++)
        {
            await (await Ballot(phones[i], round, ballotIds[i], i)).ExpectAsync(HttpStatusCode.OK);
        }

        await (await Ballot(phones[0], round, ballotIds[0], 0)).ExpectAsync(HttpStatusCode.OK);
        var again = await (await Ballot(phones[0], round, Guid.NewGuid().ToString("N"), 0)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("ballot.already-voted", again.Code);

        // The round's screen got a push for the ballots; the organiser's status sees ballots arriving and that push.
        Assert.NotNull(await screen.WaitForAsync(u => u.GetProperty("payload").GetProperty("ballots").GetInt32() == Voters, TimeSpan.FromSeconds(10)));
        var status = await Selection.Json(await organiser.Http.GetAsync("/api/operations/status"), HttpStatusCode.OK);
        output.WriteLine(status.GetRawText());
        Assert.True(Figure(status, "ballotsPerSecond") > 0);
        Assert.True(Figure(status, "connections") >= 1);
        Assert.InRange(Figure(status, "lastPushAgeSeconds")!.Value, 0, 5);
        Assert.Equal(1, status.GetProperty("refusalsLastMinute").GetProperty("byReason").GetProperty("ballot.already-voted").GetInt64());
        var write = status.GetProperty("databaseWriteMs");
        Assert.True(write.GetProperty("count").GetInt32() >= 1);
        Assert.True(write.GetProperty("p95").GetDouble() >= write.GetProperty("p50").GetDouble());
        Assert.Equal("host", write.GetProperty("source").GetString());
        Assert.Equal("Embedded", status.GetProperty("mode").GetString());

        // A contest question answered by three phones.
        await (await organiser.ImportBankAsync(Contests.Xlsx(Contests.Generate("MQ", 2)), "bank.xlsx")).ExpectAsync(HttpStatusCode.OK);
        var contest = await organiser.CreateContestAsync("党史知识竞赛", ["MQ001", "MQ002"], answerSeconds: 60);
        await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{contest}/start", null), HttpStatusCode.OK);
        await organiser.StepAsync(contest, 1, "Shown");
        await organiser.StepAsync(contest, 1, "Open");
        for (var i = 0; i < 3; i++)
        {
            await (await phones[i].Client.AnswerAsync(contest, Guid.NewGuid().ToString("N"), 1, "B")).ExpectAsync(HttpStatusCode.OK);
        }

        // The scrape may be cached for a moment: read until the figures are in.
        var text = await ScrapeUntilAsync(app.Url!, t => Value(t, "engagement_ballots_acknowledged_total") == Voters
            && Value(t, "engagement_answers_acknowledged_total") == 3
            && Value(t, "engagement_live_push_latency_milliseconds_count") >= 1);
        Assert.Equal(Voters, Value(text, "engagement_ballots_acknowledged_total"));
        Assert.Equal(3, Value(text, "engagement_answers_acknowledged_total"));
        Assert.Equal(1, Value(text, "engagement_refusals_total", "reason=\"ballot.already-voted\""));
        Assert.True(Value(text, "engagement_live_connections") >= 1, "the screen's connection is open");
        Assert.True(Value(text, "engagement_live_push_latency_milliseconds_count") >= 1);
        // Every ballot and answer is in some batch: the batches' sizes add up to at least what was acknowledged.
        Assert.True(Value(text, "engagement_ledger_commit_size_sum") >= Voters + 3);
        Assert.True(Value(text, "engagement_ledger_commit_duration_milliseconds_count") >= 1);
        Assert.Contains("engagement_ledger_commit_duration_milliseconds_bucket{", text);
        Assert.True(Value(text, "http_server_request_duration_seconds_count") > Voters, "ASP.NET Core's request series");
        Assert.True(Value(text, "signalr_server_active_connections") >= 1, "SignalR's own connection series");
        Assert.True(Value(text, "kestrel_active_connections") >= 1, "Kestrel's connection series");
        Assert.Contains("orleans_app_requests_latency_milliseconds_bucket{", text);
        Assert.Contains("dotnet_gc_collections_total", text);

        var answering = await Selection.Json(await organiser.Http.GetAsync("/api/operations/status"), HttpStatusCode.OK);
        Assert.True(Figure(answering, "answersPerSecond") > 0);

        // Quiet again: the rate falls back to zero once the ballots are out of the ten-second window.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var later = await Selection.Json(await organiser.Http.GetAsync("/api/operations/status"), HttpStatusCode.OK);
        Assert.Equal(0, Figure(later, "ballotsPerSecond"));
        Assert.Equal("Ok", later.GetProperty("lastPushAgeSeconds").GetProperty("level").GetString());

        foreach (var phone in phones)
        {
            phone.Client.Dispose();
        }
    }

    [Fact]
    public async Task Outside_the_allowed_networks_only_an_organiser_may_scrape()
    {
        using var data = new TempDirectory();
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = data.Path;
        // Loopback is not in the list, so this test's requests come from a network that is not allowed.
        settings["Engagement:Metrics:AllowedNetworks"] = "10.255.255.0/24, fd00:dead::/32";
        await using var app = await AppProcess.StartWebAsync("metrics-access", settings);

        using var organiser = await app.OrganiserAsync();
        using var anonymous = new ApiClient(app.Url!);
        var refused = await (await anonymous.Http.GetAsync("/metrics")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("metrics.forbidden", refused.Code);

        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("MA", 2, 1)), "roster.xlsx");
        var card = (await organiser.CodesAsync((await organiser.OverviewAsync()).Branches[0].BranchId)).Codes[0];
        using var member = new ApiClient(app.Url!);
        await (await member.MemberLoginAsync(card.Code)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("metrics.forbidden", (await (await member.Http.GetAsync("/metrics")).ProblemAsync(HttpStatusCode.Forbidden)).Code);

        var text = await (await organiser.Http.GetAsync("/metrics")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("# TYPE", text);
    }

    [Fact]
    public async Task A_bad_allowed_network_stops_start_up_with_the_setting_named()
    {
        using var data = new TempDirectory();
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = data.Path;
        settings["Engagement:Metrics:AllowedNetworks"] = "10.0.0.0/33";
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartWebAsync("metrics-bad-network", settings));
        Assert.Contains("Engagement:Metrics:AllowedNetworks", failure.Message);
    }

    internal static Task<HttpResponseMessage> Ballot(Phone phone, Selection.RoundSetup round, string ballotId, int seed) =>
        phone.Client.Http.PostAsJsonAsync($"/api/member/rounds/{round.RoundId}/ballots", new { ballotId, choices = round.ChoicesFor(phone.BranchId, seed) });

    internal static double? Figure(JsonElement status, string name) =>
        status.GetProperty(name).GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private async Task<string> ScrapeUntilAsync(string url, Func<string, bool> ready)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var text = await (await http.GetAsync("/metrics")).ExpectAsync(HttpStatusCode.OK);
            if (ready(text) || DateTime.UtcNow > deadline)
            {
                output.WriteLine(string.Join('\n', text.Split('\n').Where(l => l.StartsWith("engagement_", StringComparison.Ordinal))));
                return text;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The sum of a series' samples (over all its label sets, or those containing <paramref name="label"/>); null if absent.</summary>
    public static double? Value(string text, string series, string? label = null)
    {
        double? sum = null;
        foreach (Match line in Regex.Matches(text, $@"^{Regex.Escape(series)}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)", RegexOptions.Multiline))
        {
            if (label is null || line.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                sum = (sum ?? 0) + double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    internal sealed record Phone(string MemberNo, string BranchId, ApiClient Client);

    internal static async Task<List<Phone>> SignInAsync(string url, ApiClient organiser, IReadOnlyList<BranchDto> branches)
    {
        var phones = new List<Phone>();
        foreach (var branch in branches)
        {
            foreach (var card in (await organiser.CodesAsync(branch.BranchId)).Codes)
            {
                var client = new ApiClient(url);
                await (await client.MemberLoginAsync(card.Code)).ExpectAsync(HttpStatusCode.OK);
                phones.Add(new Phone(card.MemberNo, branch.BranchId, client));
            }
        }

        return phones;
    }
}
