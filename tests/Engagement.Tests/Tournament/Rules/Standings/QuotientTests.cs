using Engagement.Tournament.Rules;

namespace Engagement.Tests.Tournament.Rules;

public sealed class QuotientTests
{
    [Theory]
    [InlineData(2, 1, 4, 2, 0)] // equal fractions are equal
    [InlineData(3, 1, 2, 1, 1)]
    [InlineData(2, 3, 3, 4, -1)]
    [InlineData(1, 0, 100, 1, 1)] // a zero denominator is +∞
    [InlineData(6, 0, 2, 0, 0)] // …and every +∞ is level
    [InlineData(0, 0, 0, 5, 0)] // 0/0 counts as 0
    [InlineData(0, 0, 1, 100, -1)]
    [InlineData(1, 0, 0, 0, 1)]
    [InlineData(2_000_000_000, 1_999_999_999, 1_999_999_999, 1_999_999_998, -1)] // exact, no rounding
    public void Quotients_compare_exactly_with_a_zero_denominator_as_infinity(int won1, int lost1, int won2, int lost2, int sign)
    {
        var x = new Quotient(won1, lost1);
        var y = new Quotient(won2, lost2);

        Assert.Equal(sign, Math.Sign(x.CompareTo(y)));
        Assert.Equal(-sign, Math.Sign(y.CompareTo(x)));
        Assert.Equal(sign == 0, x == y);
        if (sign == 0)
        {
            Assert.Equal(x.GetHashCode(), y.GetHashCode());
        }
    }

    [Theory]
    [InlineData(3, 2, 1.5)]
    [InlineData(0, 4, 0.0)]
    [InlineData(0, 0, 0.0)]
    [InlineData(5, 0, double.PositiveInfinity)]
    public void The_value_shown_is_won_over_lost(int won, int lost, double value)
    {
        Assert.Equal(value, new Quotient(won, lost).Value);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void Negative_counts_are_refused(int won, int lost)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quotient(won, lost));
    }
}
