using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using MiniExcelLibs;

namespace Engagement.IntegrationTests;

/// <summary>
/// A live final as an organiser runs it, over HTTP against the real app: judges sign in by link, the
/// case goes on stage, an affiliated judge is refused (回避), marks are revealed with the extremes
/// dropped, the round is closed and published, and the results carry the formula, the ranking and a
/// final hash that the audit trail backs.
/// </summary>
[Collection(Collections.Durability)]
public sealed class SelectionFlowTests
{
    [Fact]
    public async Task A_live_final_runs_from_stage_to_published_results_with_recusal_and_trimmed_mean()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("selection-flow", data.Path);
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("SF", 24, 4)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        var round = await organiser.OpenVoteRoundAsync(branches, live: true);

        // Six judges; the first is affiliated with the branch of the first case.
        var firstCase = round.CaseIds[0];
        var judges = new List<ApiClient>();
        for (var i = 0; i < 6; i++)
        {
            var grant = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new
            {
                role = "Judge",
                name = $"评委{i + 1}",
                branchId = i == 0 ? round.CaseBranch[firstCase] : null,
                scope = round.EventId,
            }), HttpStatusCode.Created);
            var link = grant.GetProperty("link").GetString()!;
            var judge = new ApiClient(app.Url!);
            await (await judge.Http.PostAsJsonAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] })).ExpectAsync(HttpStatusCode.OK);
            judges.Add(judge);
        }

        // A judge of another event may not score here.
        var stranger = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Judge", name = "外来评委", branchId = (string?)null, scope = "another-event" }), HttpStatusCode.Created);
        using var strangerClient = new ApiClient(app.Url!);
        var strangerLink = stranger.GetProperty("link").GetString()!;
        await (await strangerClient.Http.PostAsJsonAsync("/api/auth/link", new { token = strangerLink[(strangerLink.IndexOf("#t=", StringComparison.Ordinal) + 3)..] })).ExpectAsync(HttpStatusCode.OK);

        await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/rounds/{round.RoundId}/stage", new { caseId = firstCase }), HttpStatusCode.OK);
        var desk = await Selection.Json(await judges[1].Http.GetAsync("/api/judge/desk"), HttpStatusCode.OK);
        Assert.Equal(firstCase, desk.GetProperty("view").GetProperty("case").GetProperty("caseId").GetString());
        var rubric = desk.GetProperty("view").GetProperty("rubric").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("maxPoints").GetDecimal());
        Assert.Equal(4, rubric.Count);

        var recused = await judges[0].Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId = firstCase, marks = Marks(rubric, 0.5m) });
        Assert.Equal("judging.recused", (await recused.ProblemAsync(HttpStatusCode.Conflict)).Code);
        var outsider = await strangerClient.Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId = firstCase, marks = Marks(rubric, 0.5m) });
        await outsider.ProblemAsync(HttpStatusCode.NotFound);

        // Totals 80, 60, 72, 90 (after an amendment from 40), 70: the trimmed mean drops one highest (90)
        // and one lowest (60) → (80 + 72 + 70) / 3 = 74.
        decimal[] perCriterion = [0.8m, 0.6m, 0.72m, 0.4m, 0.7m];
        for (var j = 1; j <= 5; j++)
        {
            await (await judges[j].Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId = firstCase, marks = Marks(rubric, perCriterion[j - 1]) })).ExpectAsync(HttpStatusCode.OK);
        }

        await (await judges[4].Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId = firstCase, marks = Marks(rubric, 0.9m) })).ExpectAsync(HttpStatusCode.OK);
        var tooHigh = await judges[1].Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId = firstCase, marks = Marks(rubric, 1.5m) });
        await tooHigh.ProblemAsync(HttpStatusCode.BadRequest);

        var scoring = await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/rounds/{round.RoundId}/stage/phase", new { phase = "Scoring" }), HttpStatusCode.OK);
        Assert.Equal(5, scoring.GetProperty("submitted").GetInt32());
        Assert.Equal(5, scoring.GetProperty("expected").GetInt32());
        Assert.Equal(JsonValueKind.Null, scoring.GetProperty("marks").ValueKind);
        Assert.Contains("评委1", scoring.GetProperty("recused").EnumerateArray().Select(r => r.GetString()));

        var revealed = await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/rounds/{round.RoundId}/stage/phase", new { phase = "Revealed" }), HttpStatusCode.OK);
        Assert.Equal(74m, revealed.GetProperty("result").GetDecimal());
        var dropped = revealed.GetProperty("marks").EnumerateArray().Where(m => m.GetProperty("dropped").GetBoolean()).Select(m => m.GetProperty("total").GetDecimal()).Order().ToList();
        Assert.Equal([60m, 90m], dropped);
        var late = await judges[2].Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId = firstCase, marks = Marks(rubric, 0.1m) });
        Assert.Equal("judging.case-locked", (await late.ProblemAsync(HttpStatusCode.Conflict)).Code);

        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{round.RoundId}/close", null), HttpStatusCode.OK);
        // Only the first case was on stage: publishing is refused, naming the others, until the organiser confirms them unscored.
        var refused = await (await organiser.Http.PostAsync($"/api/selection/rounds/{round.RoundId}/publish", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("round.unscored-cases", refused.Code);
        var details = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}"), HttpStatusCode.OK);
        foreach (var unscoredCase in details.GetProperty("round").GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("caseId").GetString() != firstCase))
        {
            Assert.Contains(unscoredCase.GetProperty("title").GetString()!, refused.Detail);
        }

        var published = await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/rounds/{round.RoundId}/publish", new { confirmUnscored = true }), HttpStatusCode.OK);
        var results = published.GetProperty("results");
        Assert.Contains("0.7", results.GetProperty("formula").GetString());
        Assert.Contains("评分标准满分 100", results.GetProperty("formula").GetString());
        Assert.All(results.GetProperty("ranking").EnumerateArray().Where(r => r.GetProperty("caseId").GetString() != firstCase),
            r => Assert.True(r.GetProperty("unscored").GetBoolean() && r.GetProperty("judgeScore").ValueKind == JsonValueKind.Null));
        var top = results.GetProperty("ranking").EnumerateArray().First(r => r.GetProperty("caseId").GetString() == firstCase);
        Assert.Equal(0.7m * 74m, top.GetProperty("finalScore").GetDecimal());
        Assert.Equal(1, top.GetProperty("rank").GetInt32());
        Assert.Equal(64, results.GetProperty("finalHash").GetString()!.Length);

        var audit = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}/audit"), HttpStatusCode.OK);
        Assert.All(audit.EnumerateArray(), stream => Assert.Equal(JsonValueKind.Null, stream.GetProperty("firstBroken").ValueKind));
        var judging = audit.EnumerateArray().Single(s => s.GetProperty("stream").GetString()!.StartsWith("judging:", StringComparison.Ordinal));
        var kinds = judging.GetProperty("latest").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("recused", kinds);
        Assert.Contains("amend", kinds);
        // A refused late mark is answered, not audited: only recusals are part of the stage's trail.
        Assert.DoesNotContain("refused", kinds);

        var export = await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}/export.xlsx");
        await export.ExpectAsync(HttpStatusCode.OK);
        await using var xlsx = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(["排名", "评分明细"], MiniExcel.GetSheetNames(xlsx));
        xlsx.Position = 0;
        // Rows 1–4 name the event, round and publication time; the column names are on row 5.
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "评分明细", startCell: "A5").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(sheet, row => Equals(row["总分 Total"], "回避"));

        foreach (var judge in judges)
        {
            judge.Dispose();
        }
    }

    [Fact]
    public async Task A_secret_round_shows_every_role_only_turnout_until_it_closes_and_weights_must_add_up_to_one()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("selection-secret", data.Path);
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("SS", 12, 3)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        // Live tallies asked for (the helper's showLiveTallies), but the round is secret: turnout only.
        var round = await organiser.OpenVoteRoundAsync(branches, secret: true);
        var voters = new List<ApiClient>();
        foreach (var branch in branches)
        {
            var card = (await organiser.CodesAsync(branch.BranchId)).Codes[0];
            var member = new ApiClient(app.Url!);
            await (await member.Http.PostAsJsonAsync("/api/auth/member", new { code = card.Code })).ExpectAsync(HttpStatusCode.OK);
            await (await member.Http.PostAsJsonAsync($"/api/member/rounds/{round.RoundId}/ballots",
                new { ballotId = Guid.NewGuid().ToString("N"), choices = round.ChoicesFor(branch.BranchId, 0) })).ExpectAsync(HttpStatusCode.OK);
            voters.Add(member);
        }

        var open = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("tally").ValueKind); // the organiser too
        Assert.Equal(branches.Count, open.GetProperty("round").GetProperty("ballots").GetInt32());
        var live = await Selection.Json(await voters[0].Http.GetAsync($"/api/rounds/{round.RoundId}/live"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, live.GetProperty("tally").ValueKind);
        var mine = await Selection.Json(await voters[0].Http.GetAsync("/api/member/rounds"), HttpStatusCode.OK);
        Assert.All(mine.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("round").GetProperty("tally").ValueKind));
        var audit = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}/audit"), HttpStatusCode.OK);
        Assert.DoesNotContain(audit.EnumerateArray(), a => a.GetProperty("stream").GetString()!.EndsWith(":box", StringComparison.Ordinal));

        await Selection.Json(await organiser.Http.PostAsync($"/api/selection/rounds/{round.RoundId}/close", null), HttpStatusCode.OK);

        var closed = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}"), HttpStatusCode.OK);
        var chosen = branches.Sum(b => round.ChoicesFor(b.BranchId, 0).Length);
        Assert.Equal(chosen, closed.GetProperty("tally").EnumerateObject().Sum(p => p.Value.GetInt32()));
        var closedAudit = await Selection.Json(await organiser.Http.GetAsync($"/api/selection/rounds/{round.RoundId}/audit"), HttpStatusCode.OK);
        Assert.Contains(closedAudit.EnumerateArray(), a => a.GetProperty("stream").GetString()!.EndsWith(":box", StringComparison.Ordinal));

        // Weights of 70 and 30 are refused with a message that says why, not published as "70 × 评委得分".
        var percentages = await organiser.Http.PostAsJsonAsync($"/api/selection/events/{round.EventId}/rounds", new
        {
            name = "现场决赛", kind = "LiveFinal", caseIds = round.CaseIds, minChoices = 1, maxChoices = 1, allowOwnBranch = true,
            revote = "FirstBallotFinal", secret = false, showLiveTallies = false, judgeWeight = 70, voteWeight = 30, voteMethod = "MaxNormalised",
        });
        var problem = await percentages.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("round.weights-not-one", problem.Code);
        Assert.Contains("70 + 30 = 100", problem.Detail);

        foreach (var voter in voters)
        {
            voter.Dispose();
        }
    }

    /// <summary>Every criterion marked at the same fraction of its maximum: the total is that fraction of 100.</summary>
    private static Dictionary<string, decimal> Marks(IReadOnlyDictionary<string, decimal> criteria, decimal fraction) =>
        criteria.ToDictionary(c => c.Key, c => c.Value * fraction);
}
