using System.Text.Json;
using Engagement.Ledger;
using Engagement.Selection;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Selection;

[Collection(ClusterCollection.Name)]
public sealed class JudgingGrainTests(ClusterFixture fixture)
{
    private static readonly IReadOnlyList<RubricCriterion> Rubric = SelectionEventGrain.DefaultRubric;
    private static readonly StageCase OnStage = new("c1", "红色家书诵读", "b1", "第一中学党支部");

    /// <summary>A judge from the case's own branch: recused (回避).</summary>
    private static readonly JudgeSeat Insider = new("j0", "王评委", "b1");

    /// <summary>Seven judges who may score the case: three from other branches, four outside experts.</summary>
    private static readonly JudgeSeat[] Panel =
        Enumerable.Range(1, 7).Select(i => new JudgeSeat($"j{i}", $"评委{i}", i <= 3 ? $"b{i + 1}" : null)).ToArray();

    /// <summary>The seven judges' totals in submission order: 95 (j5) is the highest, 70 (j6) the lowest.</summary>
    private static readonly decimal[] SevenTotals = [92, 85, 78, 88, 95, 70, 85];

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    private (IJudgingGrain Grain, string Stream) NewJudging()
    {
        var roundId = ClusterFixture.NewKey("round");
        return (fixture.Client.GetGrain<IJudgingGrain>(roundId), $"judging:{roundId}");
    }

    /// <summary>Marks on the default rubric (30, 25, 20, 25) adding up to <paramref name="total"/>, filled in order.</summary>
    public static Dictionary<string, decimal> MarksFor(decimal total)
    {
        var marks = new Dictionary<string, decimal>();
        foreach (var criterion in Rubric)
        {
            marks[criterion.Id] = Math.Min(criterion.MaxPoints, total);
            total -= marks[criterion.Id];
        }

        Assert.Equal(0m, total);
        return marks;
    }

    [Fact]
    public async Task A_recused_judge_is_refused_and_the_refusal_is_in_the_ledger()
    {
        var (judging, stream) = NewJudging();
        var stage = await judging.PresentCase(OnStage, [Insider, .. Panel], Rubric, 1, TooFewToTrim.AverageAll);
        Assert.Equal(["王评委"], stage.Recused);
        Assert.Equal((0, 7), (stage.Submitted, stage.Expected));
        Assert.True((await judging.GetForJudge(Insider.JudgeId)).Recused);

        var refusal = await Assert.ThrowsAsync<RuleViolation>(() => judging.Submit(Insider, OnStage.CaseId, MarksFor(90)));
        await judging.Submit(Panel[0], OnStage.CaseId, MarksFor(88)); // a judge of another branch may score

        Assert.Equal(("judging.recused", ViolationKind.Conflict), (refusal.Code, refusal.Kind));
        var scores = Assert.Single(await judging.GetScores());
        Assert.Equal(["j1"], scores.Marks.Select(m => m.JudgeId));
        Assert.Equal(["王评委"], scores.RecusedJudges);
        var entries = await Ledger.ReadAsync(stream);
        Assert.Null(LedgerEntry.FirstBroken(entries));
        var recusals = entries.Where(e => e.Kind == "recused" && e.Actor == Insider.JudgeId).ToList();
        Assert.Equal(2, recusals.Count); // decided when the case came on stage, then the refused attempt
        Assert.Single(recusals, e => e.Data.Contains("judging.recused"));
        Assert.DoesNotContain(entries, e => e.Kind is "score" or "amend" && e.Actor == Insider.JudgeId);
    }

    [Fact]
    public async Task Marks_can_be_amended_until_the_case_is_revealed_and_then_it_is_locked()
    {
        var (judging, stream) = NewJudging();
        var judge = Panel[0];
        await judging.PresentCase(OnStage, Panel, Rubric, 1, TooFewToTrim.AverageAll);
        await judging.Submit(judge, OnStage.CaseId, MarksFor(80));
        await judging.Submit(judge, OnStage.CaseId, MarksFor(84)); // amended while presenting
        await judging.Advance(StagePhase.Scoring);
        var mine = await judging.Submit(judge, OnStage.CaseId, MarksFor(86)); // and while scoring
        Assert.Equal(20m, mine.MyMarks!["participation"]);
        Assert.Equal(11m, mine.MyMarks!["results"]);
        Assert.False(mine.Locked);

        await judging.Advance(StagePhase.Revealed);

        var late = await Assert.ThrowsAsync<RuleViolation>(() => judging.Submit(judge, OnStage.CaseId, MarksFor(95)));
        var first = await Assert.ThrowsAsync<RuleViolation>(() => judging.Submit(Panel[1], OnStage.CaseId, MarksFor(70)));
        var again = await Assert.ThrowsAsync<RuleViolation>(() => judging.PresentCase(OnStage, Panel, Rubric, 1, TooFewToTrim.AverageAll));
        Assert.Equal(("judging.case-locked", ViolationKind.Conflict), (late.Code, late.Kind));
        Assert.Equal("judging.case-locked", first.Code);
        Assert.Equal("judging.case-locked", again.Code);
        Assert.True((await judging.GetForJudge(judge.JudgeId)).Locked);
        var scores = Assert.Single(await judging.GetScores());
        Assert.True(scores.Locked);
        var mark = Assert.Single(scores.Marks);
        Assert.Equal((judge.JudgeId, 86m, 2), (mark.JudgeId, mark.Total, mark.Amendments));
        var entries = await Ledger.ReadAsync(stream);
        // Refused late marks leave no entry: only recusals are part of the audit trail.
        Assert.Equal(["score", "amend", "amend"], entries.Where(e => e.Actor == judge.JudgeId).Select(e => e.Kind));
        Assert.DoesNotContain(entries, e => e.Data.Contains("judging.case-locked"));
    }

    [Fact]
    public async Task The_reveal_shows_every_mark_strikes_the_highest_and_lowest_and_gives_the_trimmed_mean()
    {
        var (judging, _) = NewJudging();

        var scoring = await ScoreSevenJudges(judging);
        var revealed = await judging.Advance(StagePhase.Revealed);

        Assert.Equal((7, 7), (scoring.Submitted, scoring.Expected));
        Assert.Null(scoring.Marks); // no values before the reveal
        Assert.Null(scoring.Result);
        Assert.Equal(StagePhase.Revealed, revealed.Phase);
        Assert.Equal(85.6m, revealed.Result); // (92 + 85 + 78 + 88 + 85) / 5
        Assert.Equal(SevenTotals, revealed.Marks!.Select(m => m.Total));
        Assert.Equal(["评委5", "评委6"], revealed.Marks!.Where(m => m.Dropped).Select(m => m.JudgeName));
        var scores = Assert.Single(await judging.GetScores());
        Assert.Equal(85.6m, scores.JudgeScore);
        Assert.Equal(["j5", "j6"], scores.Marks.Where(m => m.Dropped).Select(m => m.JudgeId));
        // Criterion means over the five counting judges, in rubric order (the tie-break chain).
        Assert.Equal([30m, 25m, 20m, 10.6m], scores.CriterionMeans);
    }

    [Fact]
    public async Task A_reactivated_judging_grain_replays_its_ledger_to_the_same_scores_and_lock()
    {
        var (judging, _) = NewJudging();
        await ScoreSevenJudges(judging);
        await judging.Submit(Panel[2], OnStage.CaseId, MarksFor(80)); // an amendment: 78 → 80
        await judging.Advance(StagePhase.Revealed);
        var before = (Json(await judging.GetScores()), Json(await judging.GetStage()), await judging.GetLedgerHead());

        await fixture.Cluster.DeactivateAsync(judging);
        Assert.False(fixture.Cluster.TryGetGrainContext(judging.GetGrainId(), out _));

        var after = (Json(await judging.GetScores()), Json(await judging.GetStage()), await judging.GetLedgerHead());
        Assert.Equal(before, after);
        Assert.Contains("\"Amendments\":1", after.Item1);
        Assert.Equal(86m, Assert.Single(await judging.GetScores()).JudgeScore); // (92 + 85 + 80 + 88 + 85) / 5
        Assert.Equal("judging.case-locked",
            (await Assert.ThrowsAsync<RuleViolation>(() => judging.Submit(Panel[0], OnStage.CaseId, MarksFor(60)))).Code);
    }

    /// <summary>A 30-point rubric: three criteria of 10.</summary>
    private static readonly IReadOnlyList<RubricCriterion> ThirtyPoints =
        [new("theme", "主题突出", 10m, 1m), new("form", "形式创新", 10m, 1m), new("results", "成效显著", 10m, 1m)];

    [Fact]
    public async Task On_a_30_point_rubric_the_reveal_puts_the_judge_score_on_100()
    {
        var (judging, _) = NewJudging();
        await judging.PresentCase(OnStage, Panel[..5], ThirtyPoints, 1, TooFewToTrim.AverageAll);
        decimal[] totals = [27, 24, 21, 30, 18]; // 30 and 18 dropped: mean 24 of 30
        for (var i = 0; i < totals.Length; i++)
        {
            var each = totals[i] / 3;
            await judging.Submit(Panel[i], OnStage.CaseId, new Dictionary<string, decimal> { ["theme"] = each, ["form"] = each, ["results"] = each });
        }

        var revealed = await judging.Advance(StagePhase.Revealed);

        Assert.Equal((80m, 24m, 30m), (revealed.Result, revealed.MeanTotal, revealed.MaxTotal));
        var scores = Assert.Single(await judging.GetScores());
        Assert.Equal((80m, 24m, 30m, "80"), (scores.JudgeScore, scores.MeanTotal, scores.MaxTotal, scores.JudgeScoreExact));
        Assert.Equal([8m, 8m, 8m], scores.CriterionMeans);
    }

    public static TheoryData<TooFewToTrim, string, string, bool, string[]> TooFewRules() => new()
    {
        // Four judges left of five (one recused): nothing dropped, the four averaged; said so on the reveal.
        { TooFewToTrim.AverageAll, "81.25", "81.25", true, [] },
        // The recused judge's place gets the others' mean (81.25), then 90 and 70 are dropped as for five.
        { TooFewToTrim.ReplaceRecused, "985/12", "985/12", false, ["评委2", "评委3"] },
    };

    [Theory]
    [MemberData(nameof(TooFewRules))]
    public async Task When_recusal_leaves_too_few_to_trim_the_events_rule_decides_and_the_reveal_says_so(
        TooFewToTrim rule, string result, string exact, bool shortOfTrim, string[] dropped)
    {
        var (judging, _) = NewJudging();
        await judging.PresentCase(OnStage, [Insider, .. Panel[..4]], Rubric, 1, rule);
        decimal[] totals = [80, 90, 70, 85];
        for (var i = 0; i < totals.Length; i++)
        {
            await judging.Submit(Panel[i], OnStage.CaseId, MarksFor(totals[i]));
        }

        var revealed = await judging.Advance(StagePhase.Revealed);
        var scores = Assert.Single(await judging.GetScores());

        Assert.Equal(Rules.Decimals.F(exact), Fractions.Fraction.FromString(scores.JudgeScoreExact!));
        Assert.Equal(Engagement.Selection.Rules.Exact.ToDecimal(Rules.Decimals.F(result)), revealed.Result);
        Assert.Equal(shortOfTrim, revealed.ShortOfTrim);
        Assert.Equal(shortOfTrim, scores.ShortOfTrim);
        Assert.Equal(rule, revealed.WhenTooFewToTrim);
        Assert.Equal(dropped, revealed.Marks!.Where(m => m.Dropped).Select(m => m.JudgeName).Order());
        var replaced = revealed.Marks!.Where(m => m.Replaced).ToList();
        Assert.Equal(rule == TooFewToTrim.ReplaceRecused ? [("王评委", 81.25m)] : [], replaced.Select(m => (m.JudgeName, m.Total)));
        Assert.Equal(["王评委"], revealed.Recused);
    }

    [Fact]
    public async Task A_case_put_on_stage_before_the_rule_was_a_choice_replays_as_average_all()
    {
        var (judging, stream) = NewJudging();
        // A "present" entry as written before whenTooFewToTrim existed, then four marks.
        var old = JsonSerializer.Serialize(new { Case = OnStage, Panel = new[] { Insider, Panel[0], Panel[1], Panel[2], Panel[3] }, Rubric, K = 1 });
        var commands = new List<(string Kind, string? Actor, string Data)> { ("present", "organiser", old) };
        decimal[] totals = [80, 90, 70, 85];
        commands.AddRange(totals.Select((t, i) => ("score", (string?)Panel[i].JudgeId,
            JsonSerializer.Serialize(new { CaseId = OnStage.CaseId, Marks = MarksFor(t), Total = t }))));
        await LedgerChain.From(stream, []).CommitAsync(Ledger, commands);

        var revealed = await judging.Advance(StagePhase.Revealed);

        Assert.Equal((81.25m, true, TooFewToTrim.AverageAll), (revealed.Result, revealed.ShortOfTrim, revealed.WhenTooFewToTrim));
        Assert.Equal(4, revealed.Marks!.Count);
    }

    private static async Task<StageView> ScoreSevenJudges(IJudgingGrain judging)
    {
        await judging.PresentCase(OnStage, [Insider, .. Panel], Rubric, 1, TooFewToTrim.AverageAll);
        await judging.Advance(StagePhase.Scoring);
        for (var i = 0; i < Panel.Length; i++)
        {
            await judging.Submit(Panel[i], OnStage.CaseId, MarksFor(SevenTotals[i]));
        }

        return await judging.GetStage();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
