using Engagement.Contest;
using Engagement.Contest.Rules;

namespace Engagement.Tests.Contest.Rules;

public sealed class StageScoringTests
{
    private static readonly StageRules Rules = StageScoring.Default;

    [Theory]
    [InlineData(StagePart.Required, true, null, 10)]
    [InlineData(StagePart.Required, false, null, 0)]
    [InlineData(StagePart.Buzzer, true, null, 10)]
    [InlineData(StagePart.Buzzer, false, null, -10)]
    [InlineData(StagePart.Risk, true, 10, 10)]
    [InlineData(StagePart.Risk, true, 20, 20)]
    [InlineData(StagePart.Risk, true, 30, 30)]
    [InlineData(StagePart.Risk, false, 10, -10)]
    [InlineData(StagePart.Risk, false, 30, -30)]
    public void A_judgement_scores_by_its_part(StagePart part, bool correct, int? risk, int points)
    {
        Assert.Equal(points, StageScoring.Points(part, correct, Rules, risk));
    }

    [Theory]
    [InlineData(-5, -5)]
    [InlineData(5, -5)] // typed without its sign: a wrong answer still takes points
    public void A_wrong_answer_takes_the_size_of_the_wrong_value_whatever_its_sign(int buzzWrong, int points)
    {
        Assert.Equal(points, StageScoring.Points(StagePart.Buzzer, false, Rules with { BuzzWrong = buzzWrong }, null));
        Assert.Equal(points, StageScoring.Points(StagePart.Required, false, Rules with { RequiredWrong = buzzWrong }, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(15)]
    [InlineData(0)]
    public void A_risk_judgement_needs_a_value_the_rules_offer(int? risk)
    {
        Assert.Equal("stage.bad-risk-value", Assert.Throws<RuleViolation>(() => StageScoring.Points(StagePart.Risk, true, Rules, risk)).Code);
    }

    [Theory]
    [InlineData(EarlyBuzzRule.Refuse, 0)]
    [InlineData(EarlyBuzzRule.LoseTurn, 0)]
    [InlineData(EarlyBuzzRule.Penalty, -10)]
    public void Only_the_penalty_rule_makes_an_early_buzz_cost_points(EarlyBuzzRule rule, int points)
    {
        Assert.Equal(points, StageScoring.EarlyBuzzPoints(Rules with { EarlyBuzz = rule }));
    }

    private static readonly Question Key = new("Q1", QuestionType.Oral, "请简述遵义会议的历史意义。", [], "挽救了党、挽救了红军、挽救了中国革命", "", 10, "党史", "中");

    private static StageTeam Team(string id) => new(id, id + "队", id, null, ["甲", "乙", "丙"]);

    private static StageSetup Setup() => new(
        Rules,
        [Team("t1"), Team("t2"), Team("t3"), Team("t4")],
        [
            new StageQuestion(1, StagePart.Required, Key, "t1"),
            new StageQuestion(2, StagePart.Buzzer, Key with { QuestionId = "Q2" }, null),
            new StageQuestion(3, StagePart.Risk, Key with { QuestionId = "Q3" }, "t2"),
        ]);

    [Fact]
    public void A_good_setup_passes()
    {
        StageScoring.Validate(Setup());
        StageScoring.Validate(Setup() with { Teams = [Team("a"), Team("b")], Questions = [new StageQuestion(1, StagePart.Buzzer, Key, null)] });
    }

    public static TheoryData<string, string> BadSetups() => new()
    {
        { "one team", "stage.bad-team-count" },
        { "seventeen teams", "stage.bad-team-count" },
        { "repeated id", "stage.duplicate-team" },
        { "repeated name", "stage.duplicate-team" },
        { "bad id", "stage.bad-team-id" },
        { "empty name", "stage.bad-team-name" },
        { "eleven players", "stage.bad-players" },
        { "no questions", "stage.bad-question-count" },
        { "numbered from 0", "stage.bad-question-numbers" },
        { "gap in numbers", "stage.bad-question-numbers" },
        { "required without team", "stage.question-team" },
        { "risk for unknown team", "stage.question-team" },
        { "buzzer with a team", "stage.question-team" },
        { "odd part", "stage.bad-part" },
        { "oral without key", "question.missing-answer" },
        { "no risk values", "stage.bad-risk-values" },
        { "four risk values", "stage.bad-risk-values" },
        { "repeated risk value", "stage.bad-risk-values" },
        { "zero risk value", "stage.bad-risk-values" },
        { "negative correct points", "stage.bad-points" },
        { "huge penalty", "stage.bad-points" },
        { "odd early rule", "stage.bad-early-buzz" },
        { "two-second answers", "stage.bad-answer-seconds" },
    };

    [Theory]
    [MemberData(nameof(BadSetups))]
    public void A_bad_setup_is_refused_with_its_code(string change, string code)
    {
        var s = Setup();
        var q = s.Questions;
        var setup = change switch
        {
            "one team" => s with { Teams = [Team("t1")], Questions = [q[1]] },
            "seventeen teams" => s with { Teams = Enumerable.Range(1, 17).Select(i => Team("t" + i)).ToList() },
            "repeated id" => s with { Teams = [Team("t1"), Team("t1") with { Name = "别的" }] , Questions = [q[1]] },
            "repeated name" => s with { Teams = [Team("t1"), Team("t2") with { Name = " t1队 " }], Questions = [q[1]] },
            "bad id" => s with { Teams = [Team("t1"), Team("t 2")], Questions = [q[1]] },
            "empty name" => s with { Teams = [Team("t1"), Team("t2") with { Name = " " }], Questions = [q[1]] },
            "eleven players" => s with { Teams = [Team("t1"), Team("t2") with { Players = Enumerable.Repeat("甲", 11).ToList() }], Questions = [q[1]] },
            "no questions" => s with { Questions = [] },
            "numbered from 0" => s with { Questions = [q[0] with { No = 0 }] },
            "gap in numbers" => s with { Questions = [q[0], q[2]] },
            "required without team" => s with { Questions = [q[0] with { TeamId = null }] },
            "risk for unknown team" => s with { Questions = [q[0], q[1], q[2] with { TeamId = "t9" }] },
            "buzzer with a team" => s with { Questions = [q[0], q[1] with { TeamId = "t1" }] },
            "odd part" => s with { Questions = [q[0] with { Part = (StagePart)5 }] },
            "oral without key" => s with { Questions = [q[0] with { Question = Key with { Answer = " " } }] },
            "no risk values" => s with { Rules = Rules with { RiskValues = [] } },
            "four risk values" => s with { Rules = Rules with { RiskValues = [10, 20, 30, 40] } },
            "repeated risk value" => s with { Rules = Rules with { RiskValues = [10, 10] } },
            "zero risk value" => s with { Rules = Rules with { RiskValues = [0, 10] } },
            "negative correct points" => s with { Rules = Rules with { BuzzCorrect = -10 } },
            "huge penalty" => s with { Rules = Rules with { EarlyBuzzPenalty = 1001 } },
            "odd early rule" => s with { Rules = Rules with { EarlyBuzz = (EarlyBuzzRule)9 } },
            "two-second answers" => s with { Rules = Rules with { AnswerSeconds = 2 } },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.Equal(code, Assert.Throws<RuleViolation>(() => StageScoring.Validate(setup)).Code);
    }

    private static ScoreChange Change(long seq, string team, int points) =>
        new(seq, team, points, "judgement", 1, points > 0, null, "host", DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_scoreboard_sums_changes_best_first_and_shows_each_teams_newest_change()
    {
        var teams = new[] { Team("t1"), Team("t2"), Team("t3"), Team("t4") };
        var changes = new[]
        {
            Change(1, "t1", 10), Change(2, "t2", 10), Change(5, "t2", -10), Change(3, "t3", 20),
            Change(4, "t1", 10), Change(6, "t9", 50), // an unknown team's change is left out
        };

        var board = StageScoring.Scoreboard(teams, changes);

        Assert.Equal(
            [new TeamScore(1, "t1", "t1队", 20, 10), new TeamScore(1, "t3", "t3队", 20, 20), new TeamScore(3, "t2", "t2队", 0, -10), new TeamScore(3, "t4", "t4队", 0, null)],
            board);
    }

    [Fact]
    public void The_newest_change_is_by_ledger_position_not_list_order()
    {
        var board = StageScoring.Scoreboard([Team("t1"), Team("t2")], [Change(9, "t1", -30), Change(2, "t1", 10)]);

        Assert.Equal((-20, -30), (board[1].Points, board[1].LastChange));
        Assert.Equal(("t2", 1), (board[0].TeamId, board[0].Rank));
    }
}
