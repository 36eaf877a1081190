using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class VoteScoreTests
{
    [Theory]
    [InlineData("a=40 b=30 c=10 d=0", "a=100 b=75 c=25 d=0")]
    [InlineData("a=3 b=1", "a=100 b=100/3")]
    [InlineData("a=7 b=7 c=1", "a=100 b=100 c=100/7")]
    [InlineData("a=1", "a=100")]
    public void Max_normalised_scores_are_100_times_votes_over_the_most_votes(string votes, string scores)
    {
        Assert.Equal(Exacts(scores), VoteScore.Compute(Votes(votes), VoteScoreMethod.MaxNormalised));
    }

    [Theory]
    // Place points 12, 10, 8, 7 … scaled so 12 = 100.
    [InlineData("a=50 b=40 c=30 d=20 e=10", "a=12 b=10 c=8 d=7 e=6")]
    // Ties share the better place and its points; the next place is skipped (1, 2, 2, 4).
    [InlineData("a=50 b=40 c=40 d=10", "a=12 b=10 c=10 d=7")]
    [InlineData("a=9 b=9 c=9 d=1", "a=12 b=12 c=12 d=7")]
    // No votes, no points, whatever the place.
    [InlineData("a=50 b=40 c=0 d=0", "a=12 b=10 c=0 d=0")]
    // Beyond 10th place: nothing.
    [InlineData("a=11 b=10 c=9 d=8 e=7 f=6 g=5 h=4 i=3 j=2 k=1", "a=12 b=10 c=8 d=7 e=6 f=5 g=4 h=3 i=2 j=1 k=0")]
    // A tie at 10th keeps 10th's point for both.
    [InlineData("a=11 b=10 c=9 d=8 e=7 f=6 g=5 h=4 i=3 j=2 k=2", "a=12 b=10 c=8 d=7 e=6 f=5 g=4 h=3 i=2 j=1 k=1")]
    public void Rank_points_give_each_place_its_points_scaled_to_100(string votes, string points)
    {
        var expected = Marks(points).ToDictionary(p => p.Key, p => F(p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) * F("100/12"));

        Assert.Equal(expected, VoteScore.Compute(Votes(votes), VoteScoreMethod.RankPoints));
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised)]
    [InlineData(VoteScoreMethod.RankPoints)]
    public void When_nobody_voted_every_case_scores_zero(VoteScoreMethod method)
    {
        Assert.Equal(Exacts("a=0 b=0 c=0"), VoteScore.Compute(Votes("a=0 b=0 c=0"), method));
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised)]
    [InlineData(VoteScoreMethod.RankPoints)]
    public void No_cases_give_no_scores(VoteScoreMethod method)
    {
        Assert.Empty(VoteScore.Compute(Votes(""), method));
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised, "1")]
    [InlineData(VoteScoreMethod.RankPoints, "1000/12")]
    public void Rank_points_cap_what_a_stuffed_lead_takes_from_the_runner_up(VoteScoreMethod method, string runnerUp)
    {
        var scores = VoteScore.Compute(Votes("stuffed=1000 honest=10"), method);

        Assert.Equal(F("100"), scores["stuffed"]);
        Assert.Equal(F(runnerUp), scores["honest"]);
    }

    [Fact]
    public void A_negative_vote_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VoteScore.Compute(Votes("a=3 b=-1"), VoteScoreMethod.MaxNormalised));
    }

    /// <summary>"a=100 b=100/3" → exact scores by case.</summary>
    private static Dictionary<string, Fractions.Fraction> Exacts(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => F(p[1]), StringComparer.Ordinal);
}
