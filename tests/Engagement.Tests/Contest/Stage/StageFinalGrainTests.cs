using System.Text.Json;
using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Contest.Stage;

/// <summary>
/// The stage final on the in-process cluster: the first buzz the grain receives wins however many arrive at once,
/// early buzzes meet the rule, every score change is a recorded judgement, correction or adjustment (the last two
/// with a reason), nothing is shown before its time, and a restart resumes at the same step with the same scores.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StageFinalGrainTests(ClusterFixture fixture)
{
    private static readonly string[] Teams = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"];

    private static Question Q(string id, QuestionType type = QuestionType.Single) =>
        new(id, type, $"题干 {id}", type == QuestionType.Single ? ["甲", "乙", "丙"] : [], type == QuestionType.Oral ? "参考答案" : "B", $"解析 {id}", 10, "党史", "中");

    /// <summary>Questions: 1 必答 for t1, 2 抢答, 3 风险 for t2, 4 抢答.</summary>
    private static StageSetup Setup(EarlyBuzzRule early = EarlyBuzzRule.Refuse, bool reopen = false, int teams = 4) => new(
        new StageRules(10, 0, 10, -10, early, 5, reopen, [10, 20, 30], 30),
        Teams.Take(teams).Select((t, i) => new StageTeam(t, $"第{i + 1}队", null, null, [$"选手{i + 1}"])).ToList(),
        [
            new StageQuestion(1, StagePart.Required, Q("s1", QuestionType.Oral), "t1"),
            new StageQuestion(2, StagePart.Buzzer, Q("s2"), null),
            new StageQuestion(3, StagePart.Risk, Q("s3"), "t2"),
            new StageQuestion(4, StagePart.Buzzer, Q("s4"), null),
        ]);

    private async Task<IStageFinalGrain> Running(StageSetup? setup = null)
    {
        var stage = fixture.Client.GetGrain<IStageFinalGrain>(ClusterFixture.NewKey("stage"));
        await stage.Configure(setup ?? Setup());
        await stage.Start();
        return stage;
    }

    private async Task<IReadOnlyList<LedgerEntry>> Entries(IStageFinalGrain stage) =>
        await fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>().ReadAsync($"contest:{stage.GetPrimaryKeyString()}:stage");

    [Fact]
    public async Task Eight_tablets_buzzing_at_once_give_exactly_one_winner_and_every_tablet_the_same_answer()
    {
        var stage = await Running(Setup(teams: 8));
        await stage.Present(2, "host");
        await stage.OpenBuzzing(2, "host");

        using var start = new ManualResetEventSlim();
        var buzzes = Teams.Select(t => Task.Run(async () =>
        {
            start.Wait();
            return await stage.Buzz(new BuzzRequest($"b-{t}", t, 2));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(buzzes);

        var winners = results.Where(r => r.Outcome == BuzzOutcome.Won).ToList();
        Assert.Single(winners);
        var winner = Teams[Array.FindIndex(results, r => r.Outcome == BuzzOutcome.Won)];
        Assert.All(results.Where(r => r.Outcome != BuzzOutcome.Won), r => Assert.Equal((BuzzOutcome.Late, winner), (r.Outcome, r.Winner)));
        // The winner is the first buzz in the grain's (and the ledger's) order.
        var recorded = (await Entries(stage)).Where(e => e.Kind == "buzz").ToList();
        Assert.Equal(8, recorded.Count);
        Assert.Contains("\"Won\"", recorded[0].Data);
        Assert.Contains(winner, recorded[0].Data);
        var view = await stage.Get();
        Assert.Equal((StagePhase.Answering, winner), (view.Live.Phase, view.Live.Floor));
    }

    [Fact]
    public async Task A_retried_buzz_gets_its_first_answer_and_is_recorded_once()
    {
        var stage = await Running();
        await stage.Present(2, "host");
        await stage.OpenBuzzing(2, "host");

        var first = await stage.Buzz(new BuzzRequest("same", "t3", 2));
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => stage.Buzz(new BuzzRequest("same", "t3", 2))));

        Assert.Equal(BuzzOutcome.Won, first.Outcome);
        Assert.All(again, r => Assert.Equal(first, r));
        Assert.Single(await Entries(stage), e => e.Kind == "buzz");
    }

    [Theory]
    [InlineData(EarlyBuzzRule.Refuse, BuzzOutcome.Early, BuzzOutcome.Won, 0)]
    [InlineData(EarlyBuzzRule.LoseTurn, BuzzOutcome.Excluded, BuzzOutcome.Excluded, 0)]
    [InlineData(EarlyBuzzRule.Penalty, BuzzOutcome.Early, BuzzOutcome.Won, -5)]
    public async Task A_buzz_before_the_host_opens_buzzing_is_refused_and_meets_the_rule(EarlyBuzzRule rule, BuzzOutcome earlyAgainOutcome, BuzzOutcome afterOpening, int points)
    {
        var stage = await Running(Setup(rule));
        await stage.Present(2, "host");

        var early = await stage.Buzz(new BuzzRequest("e1", "t2", 2));
        var earlyAgain = await stage.Buzz(new BuzzRequest("e2", "t2", 2));
        await stage.OpenBuzzing(2, "host");
        var later = await stage.Buzz(new BuzzRequest("e3", "t2", 2));

        Assert.Equal(BuzzOutcome.Early, early.Outcome);
        Assert.Equal(earlyAgainOutcome, earlyAgain.Outcome);
        Assert.Equal(afterOpening, later.Outcome);
        var view = await stage.Get();
        Assert.Equal(points, view.Live.Scores.Single(s => s.TeamId == "t2").Points);
        // The penalty is taken once per question however often the team buzzes early.
        Assert.Equal(points == 0 ? 0 : 1, view.Changes.Count(c => c.Kind == "early-buzz"));
    }

    [Fact]
    public async Task A_required_question_goes_to_its_team_and_a_double_clicked_judgement_counts_once()
    {
        var stage = await Running();
        var presented = await stage.Present(1, "host");
        Assert.Equal(("t1", StagePhase.Answering), (presented.Live.Floor, presented.Live.Phase));

        await Task.WhenAll(stage.Judge(new JudgementRequest(1, "t1", true, "host")), stage.Judge(new JudgementRequest(1, "t1", true, "host")));

        var view = await stage.Get();
        Assert.Equal(10, view.Live.Scores.Single(s => s.TeamId == "t1").Points);
        Assert.Single(view.Changes);
        await Assert.ThrowsAsync<RuleViolation>(() => stage.Judge(new JudgementRequest(1, "t1", false, "host")));
    }

    [Fact]
    public async Task A_risk_value_is_chosen_before_the_question_is_seen_and_a_wrong_answer_takes_it()
    {
        var stage = await Running();
        // The desk of the team whose risk question comes next is asked for its value before the question is shown.
        Assert.Equal(new NextRisk(3, "t2", null), (await stage.Get()).Live.NextRisk);
        var notChosen = await Assert.ThrowsAsync<RuleViolation>(() => stage.Present(3, "host"));
        Assert.Equal("stage.risk-not-chosen", notChosen.Code);
        Assert.Equal("stage.not-your-question", (await Assert.ThrowsAsync<RuleViolation>(() => stage.ChooseRisk(new RiskChoice("t1", 3, 20, "t1")))).Code);
        Assert.Equal("stage.bad-risk", (await Assert.ThrowsAsync<RuleViolation>(() => stage.ChooseRisk(new RiskChoice("t2", 3, 25, "t2")))).Code);

        await stage.ChooseRisk(new RiskChoice("t2", 3, 10, "t2"));
        Assert.Equal(new NextRisk(3, "t2", 20), (await stage.ChooseRisk(new RiskChoice("t2", 3, 20, "t2"))).Live.NextRisk);
        var shown = await stage.Present(3, "host");
        Assert.Equal(20, shown.Live.RiskValue);
        Assert.Null(shown.Live.NextRisk);
        Assert.Equal("stage.risk-too-late", (await Assert.ThrowsAsync<RuleViolation>(() => stage.ChooseRisk(new RiskChoice("t2", 3, 30, "t2")))).Code);

        var judged = await stage.Judge(new JudgementRequest(3, "t2", false, "host"));
        Assert.Equal(-20, judged.Live.Scores.Single(s => s.TeamId == "t2").Points);
    }

    [Fact]
    public async Task After_a_wrong_buzz_answer_the_key_stays_hidden_while_others_may_take_the_question()
    {
        var stage = await Running(Setup(reopen: true));
        await stage.Present(2, "host");
        await stage.OpenBuzzing(2, "host");
        await stage.Buzz(new BuzzRequest("w1", "t1", 2));
        var wrong = await stage.Judge(new JudgementRequest(2, "t1", false, "host"));

        Assert.Null(wrong.Live.Answer);
        Assert.Contains("t1", wrong.Live.Excluded);
        await stage.OpenBuzzing(2, "host");
        Assert.Equal(BuzzOutcome.Excluded, (await stage.Buzz(new BuzzRequest("w2", "t1", 2))).Outcome);
        Assert.Equal(BuzzOutcome.Won, (await stage.Buzz(new BuzzRequest("w3", "t3", 2))).Outcome);
        var right = await stage.Judge(new JudgementRequest(2, "t3", true, "host"));

        Assert.Equal("B", right.Live.Answer);
        Assert.Equal([-10, 0, 10, 0], right.Setup.Teams.Select(t => right.Live.Scores.Single(s => s.TeamId == t.TeamId).Points));
    }

    [Fact]
    public async Task Without_reopening_a_wrong_buzz_answer_ends_the_question_and_shows_the_key()
    {
        var stage = await Running(Setup(reopen: false));
        await stage.Present(2, "host");
        await stage.OpenBuzzing(2, "host");
        await stage.Buzz(new BuzzRequest("n1", "t4", 2));
        var wrong = await stage.Judge(new JudgementRequest(2, "t4", false, "host"));

        Assert.Equal("B", wrong.Live.Answer);
        Assert.Equal("stage.buzzing-over", (await Assert.ThrowsAsync<RuleViolation>(() => stage.OpenBuzzing(2, "host"))).Code);
    }

    [Fact]
    public async Task Corrections_and_adjustments_need_a_reason_and_are_kept_with_it()
    {
        var stage = await Running();
        await stage.Present(1, "host");
        var judged = await stage.Judge(new JudgementRequest(1, "t1", false, "host"));
        var seq = judged.Changes.Single().Seq;

        Assert.Equal("stage.reason-required", (await Assert.ThrowsAsync<RuleViolation>(() => stage.CorrectJudgement(new JudgementCorrection(seq, true, "  ", "arbiter")))).Code);
        Assert.Equal("stage.reason-required", (await Assert.ThrowsAsync<RuleViolation>(() => stage.Adjust(new PointsAdjustment("t2", 5, "", "arbiter")))).Code);
        Assert.Equal("stage.judgement-not-found", (await Assert.ThrowsAsync<RuleViolation>(() => stage.CorrectJudgement(new JudgementCorrection(999, true, "复核", "arbiter")))).Code);

        await stage.CorrectJudgement(new JudgementCorrection(seq, true, "复核录像后改判", "arbiter"));
        var view = await stage.Adjust(new PointsAdjustment("t2", -5, "场上提示答案", "arbiter"));

        Assert.Equal(10, view.Live.Scores.Single(s => s.TeamId == "t1").Points);
        Assert.Equal(-5, view.Live.Scores.Single(s => s.TeamId == "t2").Points);
        Assert.Equal(["复核录像后改判", "场上提示答案"], view.Changes.Where(c => c.Reason is not null).Select(c => c.Reason));
        Assert.Equal(["correction", "adjustment"], (await Entries(stage)).TakeLast(2).Select(e => e.Kind == "corrected" ? "correction" : "adjustment"));
    }

    private static string Json(object value) =>
        JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public async Task Nothing_is_shown_before_its_time()
    {
        var stage = await Running();
        var idle = Json((await stage.GetSnapshot()).Payload);
        Assert.DoesNotContain("题干", idle);

        await stage.Present(2, "host");
        await stage.OpenBuzzing(2, "host");
        var open = (StageLive)(await stage.GetSnapshot()).Payload;
        var openJson = Json(open);
        Assert.Contains("题干 s2", openJson);
        Assert.DoesNotContain("解析 s2", openJson);
        Assert.Null(open.Answer);
        Assert.DoesNotContain("题干 s4", openJson);
    }

    [Fact]
    public async Task A_restart_resumes_at_the_same_step_with_the_same_scores_and_the_same_buzz_answers()
    {
        var stage = await Running(Setup(EarlyBuzzRule.Penalty, reopen: true));
        await stage.Present(1, "host");
        await stage.Judge(new JudgementRequest(1, "t1", true, "host"));
        await stage.Present(2, "host");
        await stage.Buzz(new BuzzRequest("r0", "t4", 2));
        await stage.OpenBuzzing(2, "host");
        var won = await stage.Buzz(new BuzzRequest("r1", "t2", 2));
        var before = await stage.Get();

        await fixture.Cluster.DeactivateAsync(stage);
        var after = await stage.Get();

        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
        Assert.Equal(won, await stage.Buzz(new BuzzRequest("r1", "t2", 2)));
        Assert.Equal(StagePhase.Answering, after.Live.Phase);
        Assert.Null(LedgerEntry.FirstBroken(await Entries(stage)));
    }

    [Fact]
    public async Task The_setup_is_fixed_once_the_final_starts_and_the_final_ends_with_its_chain_hash()
    {
        var stage = await Running();
        Assert.Equal("stage.not-setup", (await Assert.ThrowsAsync<RuleViolation>(() => stage.Configure(Setup()))).Code);
        await stage.Present(1, "host");
        Assert.Equal("stage.answer-pending", (await Assert.ThrowsAsync<RuleViolation>(() => stage.Finish("host"))).Code);
        await stage.Judge(new JudgementRequest(1, "t1", true, "host"));

        var finished = await stage.Finish("host");
        var again = await stage.Finish("host");

        var heads = await stage.GetLedgerHeads();
        Assert.Equal(heads.Single().Hash, finished.Live.FinalHash);
        Assert.Equal(finished.Revision, again.Revision);
        Assert.Equal("stage.finished", (await Assert.ThrowsAsync<RuleViolation>(() => stage.Present(2, "host"))).Code);
        Assert.Equal(BuzzOutcome.Closed, (await stage.Buzz(new BuzzRequest("late", "t1", 2))).Outcome);
    }
}

/// <summary>
/// Host and desks at the same time: every pair of stage actions sent at once, from every step a final can be in, then
/// a restart. Whatever each call answered, the view after the restart (rebuilt from the ledger alone) is the view
/// before it, the chain verifies, and no call failed with anything but a rule the person can read.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StageFinalRaceTests(ClusterFixture fixture)
{
    private static readonly (string Name, Func<IStageFinalGrain, int, Task> Act)[] Actions =
    [
        ("present 2", (s, i) => s.Present(2, "host")),
        ("present 3", (s, i) => s.Present(3, "host")),
        ("open 2", (s, i) => s.OpenBuzzing(2, "host")),
        ("buzz t1", (s, i) => s.Buzz(new BuzzRequest($"a{i}", "t1", 2))),
        ("buzz t2", (s, i) => s.Buzz(new BuzzRequest($"b{i}", "t2", 2))),
        ("judge t1 wrong", (s, i) => s.Judge(new JudgementRequest(2, "t1", false, "host"))),
        ("judge t2 right", (s, i) => s.Judge(new JudgementRequest(2, "t2", true, "host"))),
        ("risk", (s, i) => s.ChooseRisk(new RiskChoice("t2", 3, 30, "t2"))),
        ("adjust", (s, i) => s.Adjust(new PointsAdjustment("t1", 3, "礼让", "host"))),
        ("finish", (s, i) => s.Finish("host")),
    ];

    public static TheoryData<int> Prefixes() => new(Enumerable.Range(0, 4));

    [Theory]
    [MemberData(nameof(Prefixes))]
    public async Task Every_pair_of_stage_actions_at_once_then_a_restart_leaves_the_view_the_ledger_rebuilds(int prefix)
    {
        for (var a = 0; a < Actions.Length; a++)
        {
            for (var b = a; b < Actions.Length; b++)
            {
                var stage = fixture.Client.GetGrain<IStageFinalGrain>(ClusterFixture.NewKey("stage-race"));
                await stage.Configure(new StageSetup(
                    new StageRules(10, 0, 10, -10, EarlyBuzzRule.Penalty, 5, true, [10, 20, 30], 30),
                    [new StageTeam("t1", "一队", null, null, []), new StageTeam("t2", "二队", null, null, [])],
                    [
                        new StageQuestion(1, StagePart.Required, new Question("q1", QuestionType.Oral, "口答", [], "答", "", 10, "", ""), "t1"),
                        new StageQuestion(2, StagePart.Buzzer, new Question("q2", QuestionType.TrueFalse, "判断", [], "A", "", 10, "", ""), null),
                        new StageQuestion(3, StagePart.Risk, new Question("q3", QuestionType.Oral, "风险", [], "答", "", 10, "", ""), "t2"),
                    ]));
                await stage.Start();
                // The step the pair meets: idle, a buzzer question shown, buzzing open, a team on the floor.
                if (prefix >= 1)
                {
                    await stage.Present(2, "host");
                }

                if (prefix >= 2)
                {
                    await stage.OpenBuzzing(2, "host");
                }

                if (prefix >= 3)
                {
                    await stage.Buzz(new BuzzRequest("first", "t1", 2));
                }

                var calls = new[] { Actions[a].Act(stage, 1), Actions[b].Act(stage, 2) };
                foreach (var call in calls)
                {
                    try
                    {
                        await call;
                    }
                    catch (RuleViolation)
                    {
                        // Refused for a reason the person is told; nothing recorded.
                    }
                }

                var before = await stage.Get();
                await fixture.Cluster.DeactivateAsync(stage);
                var after = await stage.Get();
                Assert.True(
                    System.Text.Json.JsonSerializer.Serialize(before) == System.Text.Json.JsonSerializer.Serialize(after),
                    $"{Actions[a].Name} + {Actions[b].Name} from step {prefix}: the view after a restart differs");
                var entries = await fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>().ReadAsync($"contest:{stage.GetPrimaryKeyString()}:stage");
                Assert.Null(LedgerEntry.FirstBroken(entries));
                Assert.Equal(before.Revision, entries.Count);
            }
        }
    }
}
