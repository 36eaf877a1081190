using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class TrimmedMeanTests
{
    [Theory]
    // k = 0: a plain mean, nothing dropped.
    [InlineData("95 90 70 80 60", 0, "79", "", "")]
    // k = 1: the one highest and the one lowest go.
    [InlineData("95 90 70 80 60", 1, "80", "0", "4")]
    // k = 2 of 7 (diving): the middle three count; dropped listed highest first and lowest first.
    [InlineData("70 95 99 60 50 80 85", 2, "235/3", "2 1", "4 3")]
    [InlineData("9.0 8.5 7.0 8.0 9.5 6.5 8.0", 2, "24.5/3", "4 0", "5 2")]
    // k = 1 of 9 (figure skating): the middle seven count.
    [InlineData("7 9 1 5 3 8 2 6 4", 1, "5", "1", "2")]
    public void Drops_the_k_highest_and_k_lowest_and_averages_the_rest(
        string scores, int k, string mean, string droppedHigh, string droppedLow)
    {
        var result = TrimmedMean.Compute(List(scores), k);

        Assert.Equal(F(mean), result.Mean);
        Assert.Equal(Ints(droppedHigh), result.DroppedHigh);
        Assert.Equal(Ints(droppedLow), result.DroppedLow);
        Assert.Equal(List(scores).Length - 2 * k, result.Counting);
        Assert.Equal(k, result.EffectiveK);
        Assert.False(result.TooFew);
    }

    [Theory]
    // One instance per dropped slot, and of equal scores the one submitted last goes.
    [InlineData("90 90 80 70 70", 1, "80", "1", "4")]
    [InlineData("70 90 80 70 90", 1, "80", "4", "3")]
    [InlineData("95 95 95 60 60 60 80", 2, "235/3", "2 1", "5 4")]
    // All equal: the last is dropped as high, the one before it as low.
    [InlineData("80 80 80 80 80", 1, "80", "4", "3")]
    public void Shared_extreme_scores_lose_only_one_instance_per_slot_the_last_submitted(
        string scores, int k, string mean, string droppedHigh, string droppedLow)
    {
        var result = TrimmedMean.Compute(List(scores), k);

        Assert.Equal(F(mean), result.Mean);
        Assert.Equal(Ints(droppedHigh), result.DroppedHigh);
        Assert.Equal(Ints(droppedLow), result.DroppedLow);
    }

    [Theory]
    [InlineData(0, 1, 0, 0, true)]
    [InlineData(1, 1, 0, 1, true)]
    [InlineData(2, 1, 0, 2, true)]
    [InlineData(2, 0, 0, 2, true)]
    [InlineData(3, 1, 0, 3, false)]
    [InlineData(4, 1, 0, 4, false)]
    [InlineData(5, 1, 1, 3, false)]
    [InlineData(6, 1, 1, 4, false)]
    [InlineData(6, 2, 1, 4, false)]
    [InlineData(7, 2, 2, 3, false)]
    [InlineData(7, 3, 2, 3, false)]
    [InlineData(9, 1, 1, 7, false)]
    [InlineData(9, 4, 3, 3, false)]
    public void At_least_three_scores_always_count(int n, int k, int effectiveK, int counting, bool tooFew)
    {
        var scores = Enumerable.Range(1, n).Select(i => (decimal)(i * 10)).ToArray();

        var result = TrimmedMean.Compute(scores, k);

        Assert.Equal(effectiveK, result.EffectiveK);
        Assert.Equal(counting, result.Counting);
        Assert.Equal(effectiveK, result.DroppedHigh.Count);
        Assert.Equal(effectiveK, result.DroppedLow.Count);
        Assert.Equal(tooFew, result.TooFew);
    }

    [Theory]
    [InlineData("80", "80")]
    [InlineData("80 91", "85.5")]
    [InlineData("60 100 95 70", "81.25")] // four with k = 1: effective k 0, so 100 and 60 still count
    public void Too_few_to_trim_gives_the_plain_mean(string scores, string mean)
    {
        Assert.Equal(F(mean), TrimmedMean.Compute(List(scores)).Mean);
    }

    [Fact]
    public void No_scores_gives_no_mean()
    {
        var result = TrimmedMean.Compute(Array.Empty<decimal>());

        Assert.Null(result.Mean);
        Assert.True(result.TooFew);
        Assert.Equal(0, result.Counting);
        Assert.Empty(result.DroppedHigh);
        Assert.Empty(result.DroppedLow);
    }

    [Theory]
    [InlineData("85.1 85.2 85.3", 1, "85.2")] // in double this is 85.19999999999999
    [InlineData("85.5 86.5 87.5 88.5 84.5", 1, "86.5")]
    [InlineData("0.1 0.2 0.3 0.1 0.2", 0, "0.18")]
    [InlineData("88.8 88.9 88.7 88.6 88.95", 1, "88.8")]
    public void Means_are_exact_in_decimal(string scores, int k, string mean)
    {
        Assert.Equal(F(mean), TrimmedMean.Compute(List(scores), k).Mean);
    }

    [Theory]
    [InlineData("80 80 81", 0, "241/3", "80.33")]
    [InlineData("70 80 81 75 90", 1, "236/3", "78.67")]
    [InlineData("27.5 28 26 29 25", 1, "163/6", "27.17")]
    public void Means_that_do_not_terminate_are_exact_fractions_rounded_only_to_show(string scores, int k, string mean, string shown)
    {
        var exact = TrimmedMean.Compute(List(scores), k).Mean!.Value;

        Assert.Equal(F(mean), exact);
        Assert.Equal(D(shown), Scores.Display(exact));
    }

    [Fact]
    public void Three_thirds_of_a_mean_add_back_to_the_whole_exactly()
    {
        // In decimal, (80 + 80 + 81) / 3 × 3 is 240.99999…; exactly, it is 241.
        var mean = TrimmedMean.Compute(List("80 80 81"), 0).Mean!.Value;

        Assert.Equal(F("241"), mean * new Fractions.Fraction(3));
    }

    [Theory]
    [InlineData("95 90 70 80 60")]
    [InlineData("60 80 70 90 95")]
    [InlineData("80 60 95 70 90")]
    public void The_mean_does_not_depend_on_submission_order(string scores)
    {
        Assert.Equal(F("80"), TrimmedMean.Compute(List(scores), 1).Mean);
    }

    [Fact]
    public void The_default_k_is_one()
    {
        Assert.Equal(1, TrimmedMean.Compute(List("95 90 70 80 60")).EffectiveK);
    }

    [Fact]
    public void A_negative_k_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrimmedMean.Compute(List("80 85 90"), -1));
    }
}
