using CsCheck;
using Engagement.Contest;
using Engagement.Contest.Rules;

namespace Engagement.Tests.Contest.Rules;

public sealed class AnswerScoringTests
{
    private static readonly Question Single = new("Q1", QuestionType.Single, "一大在哪里召开？", ["上海", "北京", "广州", "武汉"], "A", "", 10, "党史", "易");
    private static readonly Question Multiple = new("Q2", QuestionType.Multiple, "?", ["a", "b", "c", "d"], "ACD", "", 30, "党史", "中");
    private static readonly Question TrueFalse = new("Q3", QuestionType.TrueFalse, "?", [], "B", "", 10, "党史", "易");

    private static HallScoring Plain(int penalty = 0, PartialCredit partial = PartialCredit.None) => new(false, penalty, partial, 20);

    private static HallScoring Speed(int penalty = 0, PartialCredit partial = PartialCredit.None) => new(true, penalty, partial, 20);

    public static TheoryData<string, string?, int, bool, int> PlainMarks() => new()
    {
        // question, choice, penalty, correct, points
        { "single", "A", 0, true, 10 },
        { "single", "B", 0, false, 0 },
        { "single", "B", 5, false, -5 },
        { "single", null, 5, false, 0 }, // no answer costs nothing, even with negative marking
        { "single", "", 5, false, 0 },
        { "tf", "B", 0, true, 10 },
        { "tf", "A", 3, false, -3 },
        { "multiple", "ACD", 0, true, 30 },
        { "multiple", "AC", 0, false, 0 }, // 少选不得分
        { "multiple", "ABCD", 0, false, 0 }, // 多选不得分
        { "multiple", "AC", 10, false, -10 },
    };

    [Theory]
    [MemberData(nameof(PlainMarks))]
    public void Without_speed_bonus_a_correct_answer_scores_the_points_and_a_wrong_one_the_penalty(string type, string? choice, int penalty, bool correct, int points)
    {
        var question = type switch { "single" => Single, "tf" => TrueFalse, _ => Multiple };

        Assert.Equal(new AnswerMark(correct, points), AnswerScoring.Mark(question, choice, TimeSpan.FromSeconds(7), Plain(penalty)));
    }

    [Theory]
    [InlineData(0, 10)] // at once: full points
    [InlineData(10_000, 8)] // T/2: 10 × 3/4 = 7.5, rounded half away from zero
    [InlineData(20_000, 5)] // at the deadline: half
    [InlineData(25_000, 5)] // beyond T: clamped to T
    [InlineData(-3_000, 10)] // a clock glitch before opening counts as t = 0
    [InlineData(4_000, 9)] // 10 × 0.9 = 9
    [InlineData(6_000, 9)] // 10 × 0.85 = 8.5 → 9
    [InlineData(6_001, 8)] // just past the half: 8.49… → 8
    public void The_speed_bonus_runs_linearly_from_full_points_to_half_at_the_deadline(int elapsedMs, int points)
    {
        Assert.Equal(new AnswerMark(true, points), AnswerScoring.Mark(Single, "A", TimeSpan.FromMilliseconds(elapsedMs), Speed()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(30_000)]
    public void The_speed_bonus_never_touches_a_wrong_answer(int elapsedMs)
    {
        Assert.Equal(new AnswerMark(false, -4), AnswerScoring.Mark(Single, "C", TimeSpan.FromMilliseconds(elapsedMs), Speed(penalty: 4)));
    }

    [Theory]
    [InlineData("ACD", true, 30)]
    [InlineData("AC", false, 20)] // 2 of 3 correct options
    [InlineData("D", false, 10)]
    [InlineData("AB", false, -6)] // a wrong option: wrong, with the penalty
    [InlineData("ABCD", false, -6)]
    [InlineData("B", false, -6)]
    public void Proportional_credit_scores_a_correct_subset_by_its_share(string choice, bool correct, int points)
    {
        Assert.Equal(new AnswerMark(correct, points), AnswerScoring.Mark(Multiple, choice, TimeSpan.Zero, Plain(6, PartialCredit.Proportional)));
    }

    [Theory]
    [InlineData("D", 10_000, 3)] // 10 × 1/3 × 3/4 = 2.5 → 3; rounding the share first would give 3 × 3/4 = 2.25 → 2
    [InlineData("AC", 5_000, 6)] // 10 × 2/3 × 7/8 = 5.83 → 6
    [InlineData("D", 20_000, 2)] // 10 × 1/3 × 1/2 = 1.67 → 2
    public void Proportional_credit_with_the_speed_bonus_is_rounded_once(string choice, int elapsedMs, int points)
    {
        var question = Multiple with { Points = 10 };
        Assert.Equal(points, AnswerScoring.Mark(question, choice, TimeSpan.FromMilliseconds(elapsedMs), Speed(partial: PartialCredit.Proportional)).Points);
    }

    [Theory]
    [InlineData(1, 1)] // 0.5 at the deadline rounds away from zero
    [InlineData(3, 2)] // 1.5 → 2
    [InlineData(5, 3)] // 2.5 → 3 (banker's rounding would give 2)
    [InlineData(7, 4)] // 3.5 → 4
    public void Halves_round_away_from_zero(int points, int expected)
    {
        Assert.Equal(expected, AnswerScoring.Mark(Single with { Points = points }, "A", TimeSpan.FromSeconds(20), Speed()).Points);
    }

    [Fact]
    public void An_oral_question_never_scores_on_a_phone()
    {
        var oral = new Question("O1", QuestionType.Oral, "?", [], "答案", "", 10, "", "");
        Assert.Equal(new AnswerMark(false, 0), AnswerScoring.Mark(oral, "答案", TimeSpan.Zero, Plain()));
    }

    private static readonly Gen<(Question Question, string Choice, int ElapsedMs, HallScoring Scoring)> GenAnswer =
        from points in Gen.Int[1, 1000]
        from optionCount in Gen.Int[2, 6]
        from keyMask in Gen.Int[1, (1 << optionCount) - 1]
        from choiceMask in Gen.Int[0, (1 << optionCount) - 1]
        from multiple in Gen.Bool
        from speed in Gen.Bool
        from penalty in Gen.Int[0, 1000]
        from partial in Gen.Enum<PartialCredit>()
        from seconds in Gen.Int[5, 120]
        from elapsed in Gen.Int[-5_000, 130_000]
        let key = multiple ? Letters(keyMask) : Letters(keyMask)[..1]
        let question = new Question("Q", multiple ? QuestionType.Multiple : QuestionType.Single, "?", Enumerable.Repeat("x", optionCount).ToList(), key, "", points, "", "")
        select (question, Letters(choiceMask), elapsed, new HallScoring(speed, penalty, partial, seconds));

    private static string Letters(int mask) => string.Concat(Enumerable.Range(0, 6).Where(i => (mask & (1 << i)) != 0).Select(i => (char)('A' + i)));

    [Fact]
    public void A_mark_is_always_between_minus_the_penalty_and_the_points()
    {
        GenAnswer.Sample(a =>
        {
            var mark = AnswerScoring.Mark(a.Question, a.Choice, TimeSpan.FromMilliseconds(a.ElapsedMs), a.Scoring);
            Assert.InRange(mark.Points, -a.Scoring.WrongPenalty, a.Question.Points);
            Assert.Equal(a.Choice == a.Question.Answer, mark.Correct);
            Assert.True(mark.Points > 0 || !mark.Correct);
        });
    }

    [Fact]
    public void A_correct_answer_with_the_speed_bonus_scores_at_least_half_the_points_rounded()
    {
        GenAnswer.Sample(a =>
        {
            var scoring = a.Scoring with { SpeedBonus = true };
            var mark = AnswerScoring.Mark(a.Question, a.Question.Answer, TimeSpan.FromMilliseconds(a.ElapsedMs), scoring);
            Assert.True(mark.Correct);
            Assert.InRange(mark.Points, (int)Math.Round(a.Question.Points / 2m, MidpointRounding.AwayFromZero), a.Question.Points);
        });
    }

    [Fact]
    public void An_earlier_correct_answer_never_scores_less_than_a_later_one()
    {
        var gen = from a in GenAnswer from other in Gen.Int[-5_000, 130_000] select (a, other);
        gen.Sample(x =>
        {
            var (early, late) = (Math.Min(x.a.ElapsedMs, x.other), Math.Max(x.a.ElapsedMs, x.other));
            var scoring = x.a.Scoring with { SpeedBonus = true };
            var question = x.a.Question;
            Assert.True(AnswerScoring.Mark(question, x.a.Choice, TimeSpan.FromMilliseconds(early), scoring).Points
                >= AnswerScoring.Mark(question, x.a.Choice, TimeSpan.FromMilliseconds(late), scoring).Points);
        });
    }

    [Theory]
    [InlineData("", 20, 0, 10, "contest.bad-title")]
    [InlineData("   ", 20, 0, 10, "contest.bad-title")]
    [InlineData("党史知识竞赛", 4, 0, 10, "contest.bad-countdown")]
    [InlineData("党史知识竞赛", 121, 0, 10, "contest.bad-countdown")]
    [InlineData("党史知识竞赛", 20, -1, 10, "contest.bad-penalty")]
    [InlineData("党史知识竞赛", 20, 1001, 10, "contest.bad-penalty")]
    [InlineData("党史知识竞赛", 20, 0, 0, "contest.bad-top-members")]
    [InlineData("党史知识竞赛", 20, 0, 51, "contest.bad-top-members")]
    public void Settings_out_of_bounds_are_refused_with_their_code(string title, int seconds, int penalty, int top, string code)
    {
        var settings = new ContestSettings(title, new HallScoring(true, penalty, PartialCredit.None, seconds), GroupRanking.Average, top);

        Assert.Equal(code, Assert.Throws<RuleViolation>(() => AnswerScoring.Validate(settings)).Code);
    }

    [Fact]
    public void Settings_at_the_bounds_pass_and_odd_enums_do_not()
    {
        var ok = new ContestSettings(new string('题', 60), new HallScoring(true, 1000, PartialCredit.Proportional, 5), GroupRanking.AverageTimesParticipation, 50);
        AnswerScoring.Validate(ok);
        AnswerScoring.Validate(ok with { Title = "  党史  知识竞赛 ", Scoring = ok.Scoring with { AnswerSeconds = 120, WrongPenalty = 0 }, TopMembers = 1 });
        Assert.Equal("党史 知识竞赛", AnswerScoring.Normalise(ok with { Title = "  党史  知识竞赛 " }).Title);

        Assert.Equal("contest.bad-title", Assert.Throws<RuleViolation>(() => AnswerScoring.Validate(ok with { Title = new string('题', 61) })).Code);
        Assert.Equal("contest.bad-partial-credit", Assert.Throws<RuleViolation>(() => AnswerScoring.Validate(ok with { Scoring = ok.Scoring with { Partial = (PartialCredit)7 } })).Code);
        Assert.Equal("contest.bad-ranking", Assert.Throws<RuleViolation>(() => AnswerScoring.Validate(ok with { Ranking = (GroupRanking)(-1) })).Code);
        Assert.Equal("contest.bad-settings", Assert.Throws<RuleViolation>(() => AnswerScoring.Validate(ok with { Scoring = null! })).Code);
    }
}
