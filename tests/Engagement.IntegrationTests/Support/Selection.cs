using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Support;

/// <summary>Setting up a case-selection round through the organiser API, as the console does.</summary>
public static class Selection
{
    public sealed record RoundSetup(string EventId, string RoundId, IReadOnlyList<string> CaseIds, IReadOnlyDictionary<string, string> CaseBranch);

    /// <summary>One accepted case per branch, a vote round over all of them (choose 1 or 2, not your own branch), opened.</summary>
    public static async Task<RoundSetup> OpenVoteRoundAsync(this ApiClient organiser, IReadOnlyList<BranchDto> branches, bool secret = false, bool live = false)
    {
        var created = await Json(await organiser.Http.PostAsJsonAsync("/api/selection/events", new { title = "优秀主题党日活动案例评选" }), HttpStatusCode.Created);
        var eventId = created.GetProperty("eventId").GetString()!;
        var caseBranch = new Dictionary<string, string>();
        foreach (var branch in branches)
        {
            var submitted = await Json(await organiser.Http.PostAsJsonAsync($"/api/selection/events/{eventId}/cases",
                new { branchId = branch.BranchId, title = $"{branch.Name}主题党日", summary = "重温入党誓词", themeDayDate = "2026-07-01", attachmentIds = Array.Empty<string>() }), HttpStatusCode.Created);
            var caseId = submitted.GetProperty("caseId").GetString()!;
            await Json(await organiser.Http.PostAsJsonAsync($"/api/selection/events/{eventId}/cases/{caseId}/review", new { status = "Accepted", note = (string?)null }), HttpStatusCode.OK);
            caseBranch[caseId] = branch.BranchId;
        }

        var caseIds = caseBranch.Keys.ToList();
        var round = await Json(await organiser.Http.PostAsJsonAsync($"/api/selection/events/{eventId}/rounds", new
        {
            name = "线上投票",
            kind = live ? "LiveFinal" : "Vote",
            caseIds,
            minChoices = 1,
            maxChoices = 2,
            allowOwnBranch = false,
            revote = "FirstBallotFinal",
            secret,
            showLiveTallies = true,
            judgeWeight = live ? 0.7m : 0m,
            voteWeight = live ? 0.3m : 1m,
            voteMethod = "MaxNormalised",
        }), HttpStatusCode.Created);
        var roundId = round.GetProperty("roundId").GetString()!;
        await Json(await organiser.Http.PostAsync($"/api/selection/rounds/{roundId}/open", null), HttpStatusCode.OK);
        return new RoundSetup(eventId, roundId, caseIds, caseBranch);
    }

    /// <summary>Two cases the member may choose: the first ones not of their own branch.</summary>
    public static string[] ChoicesFor(this RoundSetup round, string memberBranchId, int seed) =>
        round.CaseIds.Where(c => round.CaseBranch[c] != memberBranchId).Skip(seed % 3).Take(1 + seed % 2).ToArray();

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.ExpectAsync(expected);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
