using System.Security.Cryptography;
using System.Text;
using Engagement.Ledger;
using Engagement.Selection;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Selection;

[Collection(ClusterCollection.Name)]
public sealed class SelectionEventGrainTests(ClusterFixture fixture)
{
    private static readonly (string Id, string Name)[] Branches =
        [("b1", "第一中学党支部"), ("b2", "实验小学党支部"), ("b3", "教育局机关党支部")];

    /// <summary>Five outside judges per case; their totals per case (k = 1 drops the first and last here).</summary>
    private static readonly JudgeSeat[] Judges = Enumerable.Range(1, 5).Select(i => new JudgeSeat($"j{i}", $"评委{i}", null)).ToArray();

    private static readonly decimal[][] JudgeTotals =
    [
        [90, 88, 86, 84, 70], // trimmed mean 86
        [80, 78, 76, 74, 60], // 76
        [95, 93, 91, 89, 50], // 91
    ];

    private static RoundSettings VoteRound(IReadOnlyList<string> caseIds) =>
        new("初赛网络投票", RoundKind.Vote, caseIds, 1, 1, true, RevotePolicy.FirstBallotFinal, false, false, 0m, 1m, VoteMethod.MaxNormalised);

    private static RoundSettings LiveFinal(IReadOnlyList<string> caseIds) =>
        new("现场决赛", RoundKind.LiveFinal, caseIds, 1, 1, true, RevotePolicy.FirstBallotFinal, false, false, 0.7m, 0.3m, VoteMethod.MaxNormalised);

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    [Fact]
    public async Task A_case_not_yet_accepted_cannot_be_put_in_a_round()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Submitted, CaseStatus.Rejected);
        var (accepted, submitted, rejected) = (cases[0].CaseId, cases[1].CaseId, cases[2].CaseId);

        var pending = await Assert.ThrowsAsync<RuleViolation>(() => selection.CreateRound(VoteRound([accepted, submitted])));
        var refused = await Assert.ThrowsAsync<RuleViolation>(() => selection.CreateRound(VoteRound([rejected, accepted])));

        Assert.Equal(("round.case-not-accepted", ViolationKind.Invalid, submitted), (pending.Code, pending.Kind, pending.Args.Single()));
        Assert.Equal(("round.case-not-accepted", rejected), (refused.Code, refused.Args.Single()));
        Assert.Empty((await selection.Get())!.RoundIds);
        // Nor can a draft round be changed to hold one.
        var round = await selection.CreateRound(VoteRound([accepted]));
        var change = await Assert.ThrowsAsync<RuleViolation>(() => selection.ConfigureRound(round.RoundId, VoteRound([accepted, submitted])));
        Assert.Equal("round.case-not-accepted", change.Code);
        Assert.Equal([accepted], (await fixture.Client.GetGrain<IRoundGrain>(round.RoundId).Get()).Cases.Select(c => c.CaseId));
        // Once accepted, it can.
        await selection.ReviewCase(submitted, CaseStatus.Accepted, "材料齐全");
        var second = await selection.CreateRound(VoteRound([accepted, submitted]));
        Assert.Equal([accepted, submitted], second.Cases.Select(c => c.CaseId));
        Assert.Equal([round.RoundId, second.RoundId], (await selection.Get())!.RoundIds);
    }

    [Fact]
    public async Task Publishing_a_live_final_ranks_the_cases_by_the_published_formula_over_judges_and_votes()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Accepted, CaseStatus.Accepted);

        var published = await RunLiveFinalAsync(selection, cases, votes: [4, 8, 2]);

        var results = published.Results!;
        Assert.Equal(RoundStatus.Published, published.Status);
        Assert.Equal(
            "最终得分 = 0.7 × 评委得分 + 0.3 × 投票得分（评委得分 = 100 × 评委平均分 ÷ 评分标准满分 100，平均分去掉 1 个最高分和 1 个最低分；"
            + "评委不足 5 位时少去或不去；投票得分 = 100 × 得票数 ÷ 最高得票数）",
            results.Formula);
        Assert.StartsWith("Final score = 0.7 × judge score + 0.3 × vote score (judge score = 100 × judges' mean total ÷ the rubric's maximum 100", results.FormulaEn);
        // final = 0.7 × trimmed mean + 0.3 × 100 × votes ÷ 8: judges alone would put case 3 first, votes alone case 2.
        var expected = new[]
        {
            (cases[1].CaseId, 1, 0.7m * 76 + 0.3m * 100m, 76m, 100m, 8),
            (cases[0].CaseId, 2, 0.7m * 86 + 0.3m * 50m, 86m, 50m, 4),
            (cases[2].CaseId, 3, 0.7m * 91 + 0.3m * 25m, 91m, 25m, 2),
        };
        Assert.Equal(expected, results.Ranking.Select(r => (r.CaseId, r.Rank, r.FinalScore, r.JudgeScore!.Value, r.VoteScore, r.Votes)));
        Assert.Equal([83.2m, 75.2m, 71.2m], results.Ranking.Select(r => r.FinalScore));
        Assert.All(results.Ranking, r => Assert.False(r.SharedRank));
        // Publishing again changes nothing.
        var again = await selection.PublishRound(published.RoundId, confirmUnscored: false);
        Assert.Equal((results.FinalHash, results.PublishedAt), (again.Results!.FinalHash, again.Results.PublishedAt));
    }

    [Fact]
    public async Task The_final_hash_is_recomputable_from_the_ledger_and_one_more_ballot_changes_it()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Accepted, CaseStatus.Accepted);

        var first = await RunLiveFinalAsync(selection, cases, votes: [4, 8, 2]);
        var second = await RunLiveFinalAsync(selection, cases, votes: [4, 8, 3]);

        foreach (var round in new[] { first, second })
        {
            var chains = round.Results!.Chains;
            Assert.Equal([$"round:{round.RoundId}", $"judging:{round.RoundId}"], chains.Select(c => c.Stream));
            foreach (var head in chains)
            {
                var entries = await Ledger.ReadAsync(head.Stream);
                Assert.Null(LedgerEntry.FirstBroken(entries));
                Assert.Equal(head.Hash, entries.Single(e => e.Seq == head.Seq).Hash);
            }

            var text = string.Join('\n', chains.Select(c => $"{c.Stream}:{c.Seq}:{c.Hash}"));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), round.Results.FinalHash);
        }

        // The same round but for one ballot: its chain is one entry longer, and the final hash differs.
        Assert.Equal(first.Results!.Chains[0].Seq + 1, second.Results!.Chains[0].Seq);
        Assert.Equal(first.Results.Chains[1].Seq, second.Results.Chains[1].Seq);
        Assert.NotEqual(first.Results.FinalHash, second.Results.FinalHash);
        Assert.Equal(3, second.Results.Ranking.Single(r => r.CaseId == cases[2].CaseId).Votes);
    }

    [Fact]
    public async Task Equal_exact_final_scores_are_published_as_a_tie_that_the_judge_score_decides()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Accepted, CaseStatus.Accepted);
        // Trimmed means 220/3, 40 and 50; votes 1, 8 and 9: vote scores 100/9, 800/9 and 100.
        decimal[][] totals = [[80, 75, 75, 70, 65], [50, 40, 40, 40, 30], [60, 50, 50, 50, 40]];

        var published = await RunLiveFinalAsync(selection, cases, votes: [1, 8, 9], totals);

        var ranking = published.Results!.Ranking;
        // 0.7 × 220/3 + 0.3 × 100/9 = 0.7 × 40 + 0.3 × 800/9 = 164/3 exactly: tied, and the higher judge score goes first.
        Assert.Equal([cases[2].CaseId, cases[0].CaseId, cases[1].CaseId], ranking.Select(r => r.CaseId));
        Assert.Equal(["65", "164/3", "164/3"], ranking.Select(r => r.FinalExact));
        Assert.Equal(ranking[1].FinalScore, ranking[2].FinalScore);
        Assert.Equal([null, null, "judge"], ranking.Select(r => r.DecidedBy));
        Assert.Equal([1, 2, 3], ranking.Select(r => r.Rank));
    }

    [Fact]
    public async Task A_30_point_rubric_is_put_on_100_before_it_is_combined_with_the_votes()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Accepted);
        IReadOnlyList<RubricCriterion> thirty = [new("theme", "主题突出", 15m, 1m), new("results", "成效显著", 15m, 1m)];
        await selection.SetRubric(thirty, 1, TooFewToTrim.AverageAll);
        // Perfect judges and one vote, against half marks and the most votes.
        decimal[][] totals = [[30, 30, 30, 30, 30], [15, 15, 15, 15, 15]];

        var published = await RunLiveFinalAsync(selection, cases, votes: [1, 2], totals, thirty);

        var ranking = published.Results!.Ranking;
        // 0.7 × 100 + 0.3 × 50 = 85 against 0.7 × 50 + 0.3 × 100 = 65; raw, it was 21 + 15 = 36 against 40.5.
        Assert.Equal([(cases[0].CaseId, 100m, 85m), (cases[1].CaseId, 50m, 65m)], ranking.Select(r => (r.CaseId, r.JudgeScore!.Value, r.FinalScore)));
        Assert.Contains("评委得分 = 100 × 评委平均分 ÷ 评分标准满分 30", published.Results.Formula);
        Assert.Contains("÷ the rubric's maximum 30", published.Results.FormulaEn);
    }

    [Fact]
    public async Task A_live_final_with_a_case_never_on_stage_is_refused_naming_it_until_the_organiser_confirms_it_unscored()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Accepted, CaseStatus.Accepted);
        decimal[][] totals = [[90, 88, 86, 84, 70], [80, 78, 76, 74, 60]];

        var refusal = await Assert.ThrowsAsync<RuleViolation>(() => RunLiveFinalAsync(selection, cases, votes: [4, 8, 2], totals));

        Assert.Equal(("round.unscored-cases", ViolationKind.Conflict), (refusal.Code, refusal.Kind));
        Assert.Equal([cases[2].Title, "1"], refusal.Args);
        var roundId = (await selection.Get())!.RoundIds[^1];
        Assert.Equal(RoundStatus.Closed, (await fixture.Client.GetGrain<IRoundGrain>(roundId).Get()).Status);

        var published = await selection.PublishRound(roundId, confirmUnscored: true);

        var unscored = published.Results!.Ranking.Single(r => r.CaseId == cases[2].CaseId);
        Assert.True(unscored.Unscored);
        Assert.Null(unscored.JudgeScore); // 未评分, not 0
        Assert.Equal(0.3m * 25m, unscored.FinalScore); // the vote part only, as the confirmation said
        Assert.All(published.Results.Ranking.Where(r => r.CaseId != cases[2].CaseId), r => Assert.False(r.Unscored));
    }

    [Fact]
    public async Task A_vote_round_needs_no_confirmation_to_publish()
    {
        var (selection, cases) = await NewEventAsync(CaseStatus.Accepted, CaseStatus.Accepted);
        var round = await selection.CreateRound(VoteRound(cases.Select(c => c.CaseId).ToList()));
        var grain = fixture.Client.GetGrain<IRoundGrain>(round.RoundId);
        await grain.Open(new RoundOpening(Branches.Select(b => new BranchTurnout(b.Id, b.Name, 0, 50)).ToList()));
        await grain.Close();

        var published = await selection.PublishRound(round.RoundId, confirmUnscored: false);

        Assert.All(published.Results!.Ranking, r => Assert.False(r.Unscored));
    }

    [Fact]
    public async Task The_rule_for_too_few_judges_is_kept_with_the_rubric_and_an_unknown_one_is_refused()
    {
        var (selection, _) = await NewEventAsync(CaseStatus.Accepted);

        var set = await selection.SetRubric(SelectionEventGrain.DefaultRubric, 2, TooFewToTrim.ReplaceRecused);
        var bad = await Assert.ThrowsAsync<RuleViolation>(() => selection.SetRubric(SelectionEventGrain.DefaultRubric, 1, (TooFewToTrim)7));

        Assert.Equal((2, TooFewToTrim.ReplaceRecused), (set.TrimK, set.WhenTooFewToTrim));
        Assert.Equal(("selection.bad-too-few-rule", ViolationKind.Invalid), (bad.Code, bad.Kind));
        Assert.Equal(TooFewToTrim.ReplaceRecused, (await selection.Get())!.WhenTooFewToTrim);
    }

    private async Task<(ISelectionEventGrain Selection, IReadOnlyList<CaseInfo> Cases)> NewEventAsync(params CaseStatus[] statuses)
    {
        var summary = await fixture.Client.GetGrain<ISelectionEventsGrain>(0).Create("2026年度优秀主题党日活动案例评选");
        var selection = fixture.Client.GetGrain<ISelectionEventGrain>(summary.EventId);
        var cases = new List<CaseInfo>();
        for (var i = 0; i < statuses.Length; i++)
        {
            var (id, name) = Branches[i];
            var info = await selection.SubmitCase(new CaseSubmission(id, name, $"{name}主题党日", "重温入党誓词。", new DateOnly(2026, 3, 5), []));
            cases.Add(statuses[i] == CaseStatus.Submitted ? info : await selection.ReviewCase(info.CaseId, statuses[i], null));
        }

        return (selection, cases);
    }

    /// <summary>
    /// A live final from creation to publication: members vote (votes[i] for case i), the judges score
    /// each case on stage (<see cref="JudgeTotals"/>), the organiser closes and publishes.
    /// </summary>
    private async Task<RoundView> RunLiveFinalAsync(
        ISelectionEventGrain selection, IReadOnlyList<CaseInfo> cases, int[] votes, decimal[][]? totals = null, IReadOnlyList<RubricCriterion>? rubric = null)
    {
        totals ??= JudgeTotals;
        rubric ??= SelectionEventGrain.DefaultRubric;
        var created = await selection.CreateRound(LiveFinal(cases.Select(c => c.CaseId).ToList()));
        var round = fixture.Client.GetGrain<IRoundGrain>(created.RoundId);
        await round.Open(new RoundOpening(Branches.Select(b => new BranchTurnout(b.Id, b.Name, 0, 50)).ToList()));
        var member = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            for (var v = 0; v < votes[i]; v++, member++)
            {
                await round.Vote(new BallotRequest($"DY{member:D4}", Branches[member % 3].Id, $"ballot-{member:D4}", [cases[i].CaseId]));
            }
        }

        var judging = fixture.Client.GetGrain<IJudgingGrain>(created.RoundId);
        // Cases past the end of totals are never put on stage.
        for (var i = 0; i < Math.Min(cases.Count, totals.Length); i++)
        {
            await judging.PresentCase(new StageCase(cases[i].CaseId, cases[i].Title, cases[i].BranchId, cases[i].BranchName), Judges, rubric, 1, TooFewToTrim.AverageAll);
            await judging.Advance(StagePhase.Scoring);
            for (var j = 0; j < Judges.Length; j++)
            {
                await judging.Submit(Judges[j], cases[i].CaseId, MarksFor(rubric, totals[i][j]));
            }

            await judging.Advance(StagePhase.Revealed);
        }

        await judging.Advance(StagePhase.Final);
        await round.Close();
        return await selection.PublishRound(created.RoundId, confirmUnscored: false);
    }

    /// <summary>Marks on any rubric adding up to <paramref name="total"/>, filled criterion by criterion.</summary>
    private static Dictionary<string, decimal> MarksFor(IReadOnlyList<RubricCriterion> rubric, decimal total)
    {
        var marks = new Dictionary<string, decimal>();
        foreach (var criterion in rubric)
        {
            marks[criterion.Id] = Math.Min(criterion.MaxPoints, total);
            total -= marks[criterion.Id];
        }

        Assert.Equal(0m, total);
        return marks;
    }
}
