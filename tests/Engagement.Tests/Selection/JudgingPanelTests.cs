using Engagement.Selection;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Selection;

/// <summary>
/// Who may score a case: the round's chosen panel (or every judge of the event), fixed when the case comes on
/// stage. A judge's own view says at once whether they are on it, recused, or not on it — before any mark.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JudgingPanelTests(ClusterFixture fixture)
{
    private static readonly IReadOnlyList<RubricCriterion> Rubric = SelectionEventGrain.DefaultRubric;
    private static readonly StageCase First = new("c1", "红色家书诵读", "b1", "第一中学党支部");
    private static readonly StageCase Second = new("c2", "重走长征路", "b9", "第九小学党支部");
    private static readonly JudgeSeat Insider = new("j0", "王评委", "b1");
    private static readonly JudgeSeat[] Judges =
        Enumerable.Range(1, 4).Select(i => new JudgeSeat($"j{i}", $"评委{i}", null)).ToArray();

    private IJudgingGrain NewJudging() => fixture.Client.GetGrain<IJudgingGrain>(ClusterFixture.NewKey("round"));

    [Fact]
    public async Task A_judge_added_after_the_case_came_on_stage_is_told_at_once_that_they_are_not_on_its_panel()
    {
        var judging = NewJudging();
        await judging.PresentCase(First, [Insider, .. Judges[..3]], Rubric, 1, TooFewToTrim.AverageAll);
        var latecomer = Judges[3]; // the link was created while the case was on stage

        var late = await judging.GetForJudge(latecomer.JudgeId);
        var seated = await judging.GetForJudge(Judges[0].JudgeId);
        var recused = await judging.GetForJudge(Insider.JudgeId);

        Assert.Equal((false, false), (late.OnPanel, late.Recused));
        Assert.Equal((true, false), (seated.OnPanel, seated.Recused));
        Assert.Equal((true, true), (recused.OnPanel, recused.Recused));
        var refusal = await Assert.ThrowsAsync<RuleViolation>(() => judging.Submit(latecomer, First.CaseId, JudgingGrainTests.MarksFor(90)));
        Assert.Equal(("judging.not-on-panel", ViolationKind.Conflict), (refusal.Code, refusal.Kind));
    }

    [Fact]
    public async Task With_nothing_on_stage_no_judge_is_on_a_panel()
    {
        var view = await NewJudging().GetForJudge(Judges[0].JudgeId);

        Assert.Equal((StagePhase.Idle, false, false), (view.Phase, view.OnPanel, view.Recused));
    }

    [Fact]
    public async Task The_rounds_chosen_panel_narrows_the_next_case_and_survives_a_restart()
    {
        var judging = NewJudging();
        await judging.PresentCase(First, Judges, Rubric, 1, TooFewToTrim.AverageAll); // before the choice: all four

        var chosen = await judging.SetPanel(["j1", "j2", "j3", "j2"]);
        await fixture.Cluster.DeactivateAsync(judging);

        Assert.Equal(["j1", "j2", "j3"], chosen.JudgeIds);
        Assert.Equal(["j1", "j2", "j3"], (await judging.GetPanel()).JudgeIds);
        Assert.True((await judging.GetForJudge("j4")).OnPanel); // the case on stage keeps the panel it came with
        var stage = await judging.PresentCase(Second, Judges, Rubric, 1, TooFewToTrim.AverageAll);
        Assert.Equal(3, stage.Expected);
        Assert.False((await judging.GetForJudge("j4")).OnPanel);
        Assert.True((await judging.GetForJudge("j3")).OnPanel);
        Assert.Equal("judging.not-on-panel",
            (await Assert.ThrowsAsync<RuleViolation>(() => judging.Submit(Judges[3], Second.CaseId, JudgingGrainTests.MarksFor(80)))).Code);
        await judging.Submit(Judges[0], Second.CaseId, JudgingGrainTests.MarksFor(80));
    }

    [Fact]
    public async Task Choosing_no_judges_is_refused_and_null_gives_the_panel_back_to_every_judge()
    {
        var judging = NewJudging();
        await judging.SetPanel(["j1"]);

        var empty = await Assert.ThrowsAsync<RuleViolation>(() => judging.SetPanel([]));
        var blank = await Assert.ThrowsAsync<RuleViolation>(() => judging.SetPanel([" "]));
        Assert.Equal(("judging.panel-empty", ViolationKind.Invalid), (empty.Code, empty.Kind));
        Assert.Equal("judging.panel-empty", blank.Code);
        Assert.Equal(["j1"], (await judging.GetPanel()).JudgeIds);

        await judging.SetPanel(null);
        var stage = await judging.PresentCase(First, Judges, Rubric, 1, TooFewToTrim.AverageAll);

        Assert.Null((await judging.GetPanel()).JudgeIds);
        Assert.Equal(4, stage.Expected);
    }

    [Fact]
    public async Task A_case_is_not_put_on_stage_when_every_chosen_judges_link_is_gone()
    {
        var judging = NewJudging();
        await judging.SetPanel(["removed-judge"]);

        var refusal = await Assert.ThrowsAsync<RuleViolation>(() => judging.PresentCase(First, Judges, Rubric, 1, TooFewToTrim.AverageAll));

        Assert.Equal(("judging.panel-empty", ViolationKind.Conflict), (refusal.Code, refusal.Kind));
        Assert.Equal(StagePhase.Idle, (await judging.GetStage()).Phase);
    }
}
