using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class RankingTests
{
    private static RankingInput Case(string id, string? judge, string vote, params string?[] criteria) =>
        new(id, FN(judge), F(vote), criteria.Select(FN).ToArray());

    [Theory]
    [InlineData("0.7", "0.3", "90", "100", "93")]
    [InlineData("0.7", "0.3", "85.5", "50", "74.85")]
    [InlineData("0.5", "0.5", "80.5", "61", "70.75")]
    [InlineData("1", "0", "85.5", "10", "85.5")]
    [InlineData("0", "1", "85.5", "10", "10")]
    [InlineData("0.7", "0.3", null, "100", "30")] // no judge score counts as 0
    [InlineData("0.65", "0.35", "88.25", "83.5", "86.5875")]
    public void The_final_score_is_the_weighted_sum_of_judge_and_vote_scores(
        string judgeWeight, string voteWeight, string? judge, string vote, string final)
    {
        var ranked = Assert.Single(Ranking.Rank([Case("a", judge, vote)], D(judgeWeight), D(voteWeight)));

        Assert.Equal(F(final), ranked.FinalScore);
        Assert.Equal(FN(judge), ranked.JudgeScore);
        Assert.Equal(F(vote), ranked.VoteScore);
        Assert.Equal(1, ranked.Rank);
    }

    [Fact]
    public void Cases_are_ranked_by_final_score_not_by_input_order()
    {
        var ranked = Ranking.Rank(
            [Case("low", "70", "10"), Case("top", "95", "90"), Case("mid", "85", "50")], 0.7m, 0.3m);

        Assert.Equal(["top", "mid", "low"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
        Assert.All(ranked, r => Assert.Null(r.DecidedBy));
        Assert.All(ranked, r => Assert.False(r.SharedRank));
    }

    [Fact]
    public void Differences_hidden_by_display_rounding_still_rank()
    {
        // Finals 85.331 and 85.334 both show as 85.33; a's higher judge score must not decide.
        var ranked = Ranking.Rank([Case("a", "90", "80.662"), Case("b", "80", "90.668")], 0.5m, 0.5m);

        Assert.Equal(["b", "a"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 2], ranked.Select(r => r.Rank));
        Assert.Equal(Scores.Display(ranked[0].FinalScore), Scores.Display(ranked[1].FinalScore));
        Assert.Null(ranked[1].DecidedBy); // the final scores differ, so no tie-break was needed
    }

    /// <summary>
    /// Final scores that are equal as fractions, reached from different judge and vote scores: (judge, vote)
    /// of the upper and the lower case, the weights, and the exact final they share.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string, string> ExactTies() => new()
    {
        // The issue's example: 0.7 × 220/3 + 0.3 × 100/9 = 0.7 × 40 + 0.3 × 800/9 = 164/3 (apart in decimal).
        { "220/3", "100/9", "40", "800/9", "0.7", "0.3", "164/3" },
        // Thirds against sevenths.
        { "250/3", "100/7", "50", "450/7", "0.6", "0.4", "390/7" },
        // Rank points (× 100 ÷ 12) against a trimmed mean of thirds.
        { "260/3", "250/3", "80", "90", "0.5", "0.5", "85" },
        // A 30-point rubric's judge score (100 × 79/3 ÷ 30 = 790/9) against a whole one.
        { "790/9", "200/3", "80", "2290/27", "0.7", "0.3", "733/9" },
    };

    [Theory]
    [MemberData(nameof(ExactTies))]
    public void Equal_exact_final_scores_tie_and_the_declared_chain_decides_not_rounding_noise(
        string upperJudge, string upperVote, string lowerJudge, string lowerVote, string judgeWeight, string voteWeight, string final)
    {
        // Listed lower first, so input order cannot be what puts the upper case above.
        var ranked = Ranking.Rank([Case("lower", lowerJudge, lowerVote), Case("upper", upperJudge, upperVote)], D(judgeWeight), D(voteWeight));

        Assert.Equal([F(final), F(final)], ranked.Select(r => r.FinalScore));
        Assert.Equal(["upper", "lower"], ranked.Select(r => r.CaseId));
        Assert.Equal([null, Ranking.ByJudge], ranked.Select(r => r.DecidedBy)); // the higher judge score
        Assert.Equal([1, 2], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void The_issue_example_differs_in_decimal_arithmetic_which_is_why_ranking_is_exact()
    {
        var upper = 0.7m * (220m / 3m) + 0.3m * (100m / 9m);
        var lower = 0.7m * 40m + 0.3m * (800m / 9m);

        Assert.NotEqual(upper, lower); // rounding noise in the 28th place
        Assert.Equal(F("164/3"), Ranking.Rank([Case("a", "220/3", "100/9")], 0.7m, 0.3m)[0].FinalScore);
        Assert.Equal(F("164/3"), Ranking.Rank([Case("b", "40", "800/9")], 0.7m, 0.3m)[0].FinalScore);
    }

    [Fact]
    public void Equal_exact_finals_with_equal_judge_scores_and_criteria_share_a_rank()
    {
        // Same judge score (a trimmed mean of thirds) and criteria, same vote score reached differently.
        var ranked = Ranking.Rank(
            [Case("b", "235/3", "200/3", "85/3"), Case("a", "235/3", "400/6", "170/6"), Case("c", "70", "50")], 0.7m, 0.3m);

        Assert.Equal(["a", "b", "c"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 1, 3], ranked.Select(r => r.Rank));
        Assert.Equal([true, true, false], ranked.Select(r => r.SharedRank));
    }

    public static TheoryData<RankingInput[], string[], string> TieBreaks() => new()
    {
        // 0.5 × 90 + 0.5 × 60 = 75 = 0.5 × 80 + 0.5 × 70: the higher judge score wins.
        { [Case("b", "80", "70", "30"), Case("a", "90", "60", "20")], ["a", "b"], "judge" },
        // Same final and judge score: the first criterion decides.
        { [Case("b", "80", "70", "27", "21"), Case("a", "80", "70", "28", "20")], ["a", "b"], "criterion:0" },
        // Same first criterion too: the second decides.
        { [Case("a", "80", "70", "28", "19"), Case("b", "80", "70", "28", "20")], ["b", "a"], "criterion:1" },
        // A missing criterion score loses to any given one.
        { [Case("a", "80", "70", "28", null), Case("b", "80", "70", "28", "0")], ["b", "a"], "criterion:1" },
        { [Case("a", "80", "70", "28"), Case("b", "80", "70", "28", "0")], ["b", "a"], "criterion:1" },
    };

    [Theory]
    [MemberData(nameof(TieBreaks))]
    public void Equal_final_scores_are_separated_by_the_declared_chain(RankingInput[] cases, string[] order, string decidedBy)
    {
        var ranked = Ranking.Rank(cases, 0.5m, 0.5m);

        Assert.Equal(order, ranked.Select(r => r.CaseId));
        Assert.Equal(ranked[0].FinalScore, ranked[1].FinalScore);
        Assert.Equal([1, 2], ranked.Select(r => r.Rank));
        Assert.Equal([null, decidedBy], ranked.Select(r => r.DecidedBy));
        Assert.All(ranked, r => Assert.False(r.SharedRank));
    }

    [Fact]
    public void A_missing_judge_score_loses_a_tie_to_a_zero_one()
    {
        var ranked = Ranking.Rank([Case("a", null, "50"), Case("b", "0", "50")], 0m, 1m);

        Assert.Equal(["b", "a"], ranked.Select(r => r.CaseId));
        Assert.Equal("judge", ranked[1].DecidedBy);
    }

    [Fact]
    public void Cases_tied_on_everything_share_a_rank_and_the_next_rank_is_skipped()
    {
        var ranked = Ranking.Rank(
            [
                Case("d", "70", "70", "20", "15"),
                Case("c", "80", "80", "25", "18"),
                Case("a", "90", "90", "28", "20"),
                Case("b", "80", "80", "25", "18"),
            ],
            0.7m,
            0.3m);

        Assert.Equal(["a", "b", "c", "d"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 2, 2, 4], ranked.Select(r => r.Rank));
        Assert.Equal([false, true, true, false], ranked.Select(r => r.SharedRank));
        Assert.All(ranked, r => Assert.Null(r.DecidedBy));
    }

    [Fact]
    public void A_three_way_tie_at_the_top_shares_first_place()
    {
        var ranked = Ranking.Rank(
            [Case("z", "80", "80"), Case("y", "80", "80"), Case("x", "80", "80"), Case("w", "79", "81")], 0.5m, 0.5m);

        Assert.Equal(["x", "y", "z", "w"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 1, 1, 4], ranked.Select(r => r.Rank));
        Assert.Equal([true, true, true, false], ranked.Select(r => r.SharedRank));
        Assert.Equal([null, null, null, "judge"], ranked.Select(r => r.DecidedBy));
    }

    [Fact]
    public void A_tie_broken_below_a_shared_rank_keeps_the_shared_pair_together()
    {
        var ranked = Ranking.Rank(
            [Case("c", "80", "80", "24"), Case("b", "80", "80", "25"), Case("a", "80", "80", "25")], 0.7m, 0.3m);

        Assert.Equal(["a", "b", "c"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 1, 3], ranked.Select(r => r.Rank));
        Assert.Equal([true, true, false], ranked.Select(r => r.SharedRank));
        Assert.Equal([null, null, "criterion:0"], ranked.Select(r => r.DecidedBy));
    }

    public static TheoryData<int[]> Orders() => new() { { [0, 1, 2, 3, 4] }, { [4, 3, 2, 1, 0] }, { [2, 0, 4, 1, 3] }, { [3, 4, 0, 2, 1] } };

    [Theory]
    [MemberData(nameof(Orders))]
    public void The_ranking_is_the_same_whatever_the_input_order(int[] order)
    {
        RankingInput[] cases =
        [
            Case("e", "80", "80", "25"),
            Case("d", "80", "80", "25"),
            Case("c", "90", "70", "25"),
            Case("b", "80", "80", "26"),
            Case("a", "60", "100", "25"),
        ];

        var ranked = Ranking.Rank(order.Select(i => cases[i]).ToArray(), 0.5m, 0.5m);

        Assert.Equal(["c", "b", "d", "e", "a"], ranked.Select(r => r.CaseId));
        Assert.Equal([1, 2, 3, 3, 5], ranked.Select(r => r.Rank));
        Assert.Equal([null, "judge", "criterion:0", null, "judge"], ranked.Select(r => r.DecidedBy));
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised, "stuffed honest runner")]
    [InlineData(VoteScoreMethod.RankPoints, "honest runner stuffed")]
    public void Rank_points_keep_a_stuffed_vote_from_outweighing_the_judges(VoteScoreMethod method, string order)
    {
        var votes = VoteScore.Compute(Votes("stuffed=1000 honest=10 runner=5"), method);
        var judges = Marks("stuffed=70 honest=90 runner=85");

        var ranked = Ranking.Rank(
            judges.Select(j => new RankingInput(j.Key, Exact.Of(j.Value), votes[j.Key], [])).ToArray(), 0.7m, 0.3m);

        Assert.Equal(order.Split(' '), ranked.Select(r => r.CaseId));
    }

    [Theory]
    [InlineData("-0.1", "1")]
    [InlineData("1", "-0.1")]
    [InlineData("0", "0")]
    public void Negative_or_all_zero_weights_are_refused(string judgeWeight, string voteWeight)
    {
        Assert.Throws<ArgumentException>(() => Ranking.Rank([Case("a", "80", "80")], D(judgeWeight), D(voteWeight)));
    }

    [Fact]
    public void A_case_listed_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Ranking.Rank([Case("a", "80", "80"), Case("a", "70", "70")], 0.7m, 0.3m));
    }

    [Fact]
    public void No_cases_give_an_empty_ranking()
    {
        Assert.Empty(Ranking.Rank([], 0.7m, 0.3m));
    }
}
