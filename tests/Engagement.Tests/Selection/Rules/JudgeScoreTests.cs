using Engagement.Selection;
using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class JudgeScoreTests
{
    [Theory]
    // 100 × trimmed mean ÷ rubric maximum: the judge score is on the vote score's 0–100 scale.
    [InlineData("30 30 30", "30", "30", "100")]
    [InlineData("27 24 21", "30", "24", "80")]
    [InlineData("25.5 26 27", "30", "157/6", "785/9")]
    [InlineData("10 8 9 7 6", "10", "8", "80")]
    [InlineData("90 80 70", "100", "80", "80")]
    [InlineData("46 45 44", "50", "45", "90")]
    public void The_judge_score_is_100_times_the_trimmed_mean_over_the_rubric_maximum(string totals, string rubricMax, string mean, string score)
    {
        var judged = JudgeScore.Compute(List(totals), 0, D(rubricMax), 1, TooFewToTrim.AverageAll);

        Assert.Equal(F(mean), judged.MeanTotal);
        Assert.Equal(F(score), judged.Score);
    }

    [Fact]
    public void Perfect_judges_on_a_30_point_rubric_carry_the_whole_judge_weight()
    {
        // Raw, a perfect 30 added at most 0.7 × 30 = 21 beside a top vote's 0.3 × 100 = 30.
        var perfect = JudgeScore.Compute(List("30 30 30 30 30"), 0, 30m, 1, TooFewToTrim.AverageAll).Score;
        var half = JudgeScore.Compute(List("15 15 15 15 15"), 0, 30m, 1, TooFewToTrim.AverageAll).Score;

        var ranked = Ranking.Rank([new("judges", perfect, F("50"), []), new("votes", half, F("100"), [])], 0.7m, 0.3m);

        Assert.Equal(["judges", "votes"], ranked.Select(r => r.CaseId));
        Assert.Equal([F("85"), F("65")], ranked.Select(r => r.FinalScore));
    }

    [Theory]
    // totals, recused, k, rule → mean, effective k, short of trim, replaced, replacement
    // Five on the panel, one recused: four left cannot lose one at each end and keep three.
    [InlineData("80 90 70 85", 1, 1, TooFewToTrim.AverageAll, "81.25", 0, true, 0, null)]
    [InlineData("80 90 70 85", 1, 1, TooFewToTrim.ReplaceRecused, "985/12", 1, false, 1, "81.25")]
    // Nobody recused (a judge simply absent): replacing is for recusal only, so both rules average.
    [InlineData("80 90 70 85", 0, 1, TooFewToTrim.ReplaceRecused, "81.25", 0, true, 0, null)]
    // Diving (k = 2 of 7), two recused: five left drop only one at each end, or the two are replaced.
    [InlineData("95 90 80 70 60", 2, 2, TooFewToTrim.AverageAll, "80", 1, true, 0, null)]
    [InlineData("95 90 80 70 60", 2, 2, TooFewToTrim.ReplaceRecused, "238/3", 2, false, 2, "79")]
    // Enough judges after recusal: the rule never applies.
    [InlineData("95 90 80 70 60", 1, 1, TooFewToTrim.ReplaceRecused, "80", 1, false, 0, null)]
    // Too few even with the recused replaced: what can be trimmed is, and it is said so.
    [InlineData("80 70", 1, 1, TooFewToTrim.ReplaceRecused, "75", 0, true, 1, "75")]
    // k = 0 is never short.
    [InlineData("80 70", 3, 0, TooFewToTrim.AverageAll, "75", 0, false, 0, null)]
    public void When_recusal_leaves_too_few_to_trim_the_declared_rule_decides(
        string totals, int recused, int k, TooFewToTrim rule, string mean, int effectiveK, bool shortOfTrim, int replaced, string? replacement)
    {
        var judged = JudgeScore.Compute(List(totals), recused, 100m, k, rule);

        Assert.Equal(F(mean), judged.MeanTotal);
        Assert.Equal(F(mean), judged.Score); // a 100-point rubric
        Assert.Equal(effectiveK, judged.EffectiveK);
        Assert.Equal(shortOfTrim, judged.ShortOfTrim);
        Assert.Equal(replaced, judged.Replaced);
        Assert.Equal(FN(replacement), judged.Replacement);
    }

    [Fact]
    public void Replaced_places_come_after_the_given_totals_and_can_be_dropped_like_them()
    {
        // 80 80 80 80 given, one recused: the replacement is 80 too; of equal totals the last goes first.
        var judged = JudgeScore.Compute(List("80 80 80 80"), 1, 100m, 1, TooFewToTrim.ReplaceRecused);

        Assert.Equal([4], judged.DroppedHigh);
        Assert.Equal([3], judged.DroppedLow);
    }

    [Theory]
    // Criterion means follow the same counting and replacement as the totals.
    [InlineData("80 90 70 85", "20 25 15 24", TooFewToTrim.AverageAll, "21")]
    [InlineData("80 90 70 85", "20 25 15 24", TooFewToTrim.ReplaceRecused, "65/3")] // (20 + 24 + 21) / 3
    public void Criterion_means_count_the_same_judges_as_the_total(string totals, string criterion, TooFewToTrim rule, string mean)
    {
        var judged = JudgeScore.Compute(List(totals), 1, 100m, 1, rule);

        Assert.Equal(F(mean), judged.MeanOf(List(criterion)));
    }

    [Fact]
    public void No_totals_give_no_judge_score()
    {
        var judged = JudgeScore.Compute([], 2, 30m, 1, TooFewToTrim.ReplaceRecused);

        Assert.Null(judged.MeanTotal);
        Assert.Null(judged.Score);
        Assert.Null(judged.MeanOf([]));
    }

    [Fact]
    public void A_rubric_maximum_of_zero_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JudgeScore.Compute(List("80"), 0, 0m, 1, TooFewToTrim.AverageAll));
    }
}
