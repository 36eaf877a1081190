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
        Assert.Equal(Marks(scores), VoteScore.Compute(Votes(votes), VoteScoreMethod.MaxNormalised));
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
        var expected = Marks(points).ToDictionary(p => p.Key, p => p.Value * 100m / 12m);

        Assert.Equal(expected, VoteScore.Compute(Votes(votes), VoteScoreMethod.RankPoints));
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised)]
    [InlineData(VoteScoreMethod.RankPoints)]
    public void When_nobody_voted_every_case_scores_zero(VoteScoreMethod method)
    {
        Assert.Equal(Marks("a=0 b=0 c=0"), VoteScore.Compute(Votes("a=0 b=0 c=0"), method));
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

        Assert.Equal(100m, scores["stuffed"]);
        Assert.Equal(D(runnerUp), scores["honest"]);
    }

    [Fact]
    public void A_negative_vote_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VoteScore.Compute(Votes("a=3 b=-1"), VoteScoreMethod.MaxNormalised));
    }

    [Fact]
    public void The_published_Chinese_max_normalised_formula_reads_as_announced()
    {
        Assert.Equal(
            "最终得分 = 0.7 × 评委得分 + 0.3 × 投票得分（投票得分 = 100 × 得票数 ÷ 最高得票数）",
            VoteScore.Formula(VoteScoreMethod.MaxNormalised, 0.70m, 0.30m, english: false));
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised, false, "0.6", "0.4", "0.6 × 评委得分", "0.4 × 投票得分", "最高得票数")]
    [InlineData(VoteScoreMethod.RankPoints, false, "0.65", "0.35", "0.65 × 评委得分", "0.35 × 投票得分", "12、10、8、7、6、5、4、3、2、1")]
    [InlineData(VoteScoreMethod.MaxNormalised, true, "0.7", "0.3", "0.7 × judge score", "0.3 × vote score", "most votes")]
    [InlineData(VoteScoreMethod.RankPoints, true, "0.5", "0.5", "0.5 × judge score", "0.5 × vote score", "12, 10, 8, 7, 6, 5, 4, 3, 2, 1")]
    [InlineData(VoteScoreMethod.MaxNormalised, true, "1", "0", "1 × judge score", "0 × vote score", "most votes")]
    public void The_formula_states_both_weights_and_the_vote_method(
        VoteScoreMethod method, bool english, string judgeWeight, string voteWeight, string judgePart, string votePart, string methodPart)
    {
        var formula = VoteScore.Formula(method, D(judgeWeight), D(voteWeight), english);

        Assert.Contains(judgePart, formula);
        Assert.Contains(votePart, formula);
        Assert.Contains(methodPart, formula);
        Assert.Equal(english, formula.StartsWith("Final score", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-0.1", "1")]
    [InlineData("0", "0")]
    public void A_formula_with_impossible_weights_is_refused(string judgeWeight, string voteWeight)
    {
        Assert.Throws<ArgumentException>(() => VoteScore.Formula(VoteScoreMethod.MaxNormalised, D(judgeWeight), D(voteWeight), false));
    }
}
