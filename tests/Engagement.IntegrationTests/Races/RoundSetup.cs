using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

/// <summary>One entry of a round's audit trail as GET /api/selection/rounds/{id}/audit shows it.</summary>
public sealed record TrailEntry(string Stream, long Seq, string Kind, string? Actor, string Data)
{
    /// <summary>For a "status" entry, the status it records ("open", "closed", "published").</summary>
    public string? Status => Kind == "status" ? JsonDocument.Parse(Data).RootElement.GetProperty("status").GetString() : null;
}

/// <summary>The organiser's calls on a round, as the console sends them, for building and for racing.</summary>
public static class RoundSetup
{
    public const string FirstName = "初定轮次";

    /// <summary>A selection event with one accepted case per branch; the cases in branch order.</summary>
    public static async Task<(string EventId, string[] CaseIds)> EventAsync(ApiClient organiser, IReadOnlyList<BranchDto> branches, string title)
    {
        var eventId = (await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/selection/events", new { title }), HttpStatusCode.Created))
            .GetProperty("eventId").GetString()!;
        var cases = new List<string>();
        foreach (var branch in branches)
        {
            var caseId = (await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/events/{eventId}/cases",
                new { branchId = branch.BranchId, title = $"{branch.Name}案例", summary = "重温入党誓词", themeDayDate = "2026-07-01", attachmentIds = Array.Empty<string>() }),
                HttpStatusCode.Created)).GetProperty("caseId").GetString()!;
            await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/events/{eventId}/cases/{caseId}/review", new { status = "Accepted", note = (string?)null }), HttpStatusCode.OK);
            cases.Add(caseId);
        }

        return (eventId, cases.ToArray());
    }

    public static object Body(IEnumerable<string> caseIds, string name = FirstName, bool live = false, int maxChoices = 1) => new
    {
        name,
        kind = live ? "LiveFinal" : "Vote",
        caseIds = caseIds.ToArray(),
        minChoices = 1,
        maxChoices,
        allowOwnBranch = true,
        revote = "FirstBallotFinal",
        secret = false,
        showLiveTallies = true,
        judgeWeight = live ? 0.7m : 0m,
        voteWeight = live ? 0.3m : 1m,
        voteMethod = "MaxNormalised",
    };

    public static async Task<string> CreateAsync(ApiClient organiser, string eventId, object body) =>
        (await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/events/{eventId}/rounds", body), HttpStatusCode.Created))
        .GetProperty("roundId").GetString()!;

    public static async Task<JsonElement> ActAsync(ApiClient organiser, string roundId, string action) =>
        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{roundId}/{action}", null), HttpStatusCode.OK);

    public static Request Configure(ApiClient console, string roundId, object body) =>
        new("configure", console, http => http.PutAsJsonAsync($"/api/selection/rounds/{roundId}", body));

    public static Request Open(ApiClient console, string roundId) => Action(console, roundId, "open");

    public static Request Close(ApiClient console, string roundId) => Action(console, roundId, "close");

    public static Request Publish(ApiClient console, string roundId) => Action(console, roundId, "publish");

    public static Request Stage(ApiClient console, string roundId, string caseId) =>
        new($"stage {caseId}", console, http => http.PostAsJsonAsync($"/api/selection/rounds/{roundId}/stage", new { caseId }));

    public static Request Phase(ApiClient console, string roundId, string phase) =>
        new($"phase {phase}", console, http => http.PostAsJsonAsync($"/api/selection/rounds/{roundId}/stage/phase", new { phase }));

    /// <summary>Every stream of the round's audit trail, each checked intact, entries in order.</summary>
    public static async Task<IReadOnlyList<TrailEntry>> TrailAsync(ApiClient organiser, string roundId)
    {
        var streams = await organiser.GetAsync($"/api/selection/rounds/{roundId}/audit?limit=1000");
        var entries = new List<TrailEntry>();
        foreach (var stream in streams.EnumerateArray())
        {
            var name = stream.GetProperty("stream").GetString()!;
            Assert.True(stream.GetProperty("firstBroken").ValueKind == JsonValueKind.Null, $"The chain of {name} is broken: {stream}");
            var latest = stream.GetProperty("latest").EnumerateArray().ToList();
            Assert.Equal(stream.GetProperty("count").GetInt64(), latest.Count);
            entries.AddRange(latest.Select(e => new TrailEntry(name, e.GetProperty("seq").GetInt64(), e.GetProperty("kind").GetString()!,
                e.GetProperty("actor").GetString(), e.GetProperty("data").GetString()!)));
        }

        return entries;
    }

    public static JsonElement Round(this Answer answer) => answer.Json;

    public static string Status(this JsonElement round) => round.GetProperty("status").GetString()!;

    public static string Name(this JsonElement round) => round.GetProperty("settings").GetProperty("name").GetString()!;

    public static long Revision(this JsonElement round) => round.GetProperty("revision").GetInt64();

    private static Request Action(ApiClient console, string roundId, string action) =>
        new(action, console, http => http.PostAsync($"/api/selection/rounds/{roundId}/{action}", null));
}
