using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class ScoresTests
{
    [Theory]
    [InlineData("80.125", "80.13")] // banker's rounding would give 80.12
    [InlineData("66.665", "66.67")]
    [InlineData("-80.125", "-80.13")]
    [InlineData("85.995", "86")]
    [InlineData("83.3333333", "83.33")]
    [InlineData("85.00499", "85")]
    [InlineData("1000/12", "83.33")]
    [InlineData("92", "92")]
    public void Display_rounds_half_away_from_zero_to_two_decimals(string score, string shown)
    {
        Assert.Equal(D(shown), Scores.Display(D(score)));
    }
}
