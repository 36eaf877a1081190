using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;
using static Engagement.Tests.Tournament.Rules.Table;

namespace Engagement.Tests.Tournament.Rules;

public sealed class StandingsTests
{
    private static readonly MatchResult[] ThreeTeams =
    [
        M("a", "b", "21:15 18:21 15:10"),
        M("a", "c", "21:0 21:0", MatchEnding.Forfeit),
        M("b", "c", "21:19 21:19"),
    ];

    [Fact]
    public void Each_row_counts_matches_match_points_sets_and_points()
    {
        var rows = Rank("a b c", ThreeTeams, RuleSet.AirVolleyball, StandingCriteria.ChineseRegulation);

        // 2 for a win, 1 for a loss, 0 for the forfeit; the forfeit counts as 0:21 in every set.
        Assert.Equal(
            [
                ("a", 1, 2, 2, 0, 4, 4, 1, 96, 46),
                ("b", 2, 2, 1, 1, 3, 3, 2, 88, 92),
                ("c", 3, 2, 0, 2, 1, 0, 4, 38, 84),
            ],
            rows.Select(r => (r.TeamId, r.Position, r.Played, r.Won, r.Lost, r.MatchPoints, r.SetsWon, r.SetsLost, r.PointsWon, r.PointsLost)));
        Assert.Equal([new Quotient(4, 1), new Quotient(3, 2), new Quotient(0, 4)], rows.Select(r => r.SetQuotient));
        Assert.Equal([new Quotient(96, 46), new Quotient(88, 92), new Quotient(38, 84)], rows.Select(r => r.PointsQuotient));
        Assert.All(rows, r => Assert.False(r.Tied));
        Assert.Equal("a:- b:MatchPoints c:MatchPoints", Deciders(rows));
    }

    [Fact]
    public void Fivb_match_points_give_3_for_a_straight_win_and_2_1_for_a_deciding_set()
    {
        var rows = Rank("a b c", ThreeTeams, Preset("air-fivb-points"), StandingCriteria.Fivb);

        Assert.Equal([("a", 5), ("b", 4), ("c", 0)], rows.Select(r => (r.TeamId, r.MatchPoints)));
    }

    [Theory]
    [InlineData("a b c")]
    [InlineData("c b a")]
    [InlineData("b c a")]
    public void The_order_of_the_input_does_not_change_the_table(string teams)
    {
        var rows = Rank(teams, [.. ThreeTeams.Reverse()], RuleSet.AirVolleyball, StandingCriteria.ChineseRegulation);

        Assert.Equal("a:1 b:2 c:3", Positions(rows));
    }

    [Fact]
    public void A_team_without_matches_is_listed_with_zeros()
    {
        var row = Rank("a b c idle", ThreeTeams, RuleSet.AirVolleyball, StandingCriteria.ChineseRegulation)[^1];

        Assert.Equal(("idle", 4, 0, 0, 0), (row.TeamId, row.Position, row.Played, row.MatchPoints, row.SetsWon));
        Assert.Equal(0.0, row.SetQuotient.Value);
    }

    // Sets a 4:3 and points 100:167, b 3:4 and 167:100; both one win and 3 match points under either table.
    private static readonly MatchResult[] SetsAgainstPoints =
    [
        M("a", "c", "25:23 25:23 25:23"),
        M("a", "d", "0:25 25:23 0:25 0:25"),
        M("b", "c", "25:0 25:0 23:25 25:0"),
        M("b", "d", "23:25 23:25 23:25"),
    ];

    [Fact]
    public void Under_fivb_the_set_quotient_C_comes_before_the_points_quotient_Z()
    {
        var rows = Rank("a b c d", SetsAgainstPoints, RuleSet.FivbIndoor, StandingCriteria.Fivb);

        Assert.Equal("d:1 a:2 b:3 c:4", Positions(rows));
        Assert.Equal("d:- a:MatchesWon b:SetQuotient c:MatchesWon", Deciders(rows));
        Assert.Equal((3, 3), (rows[1].MatchPoints, rows[2].MatchPoints));
    }

    [Fact]
    public void Under_the_chinese_regulation_the_points_quotient_Z_comes_before_the_set_quotient_C()
    {
        var rules = RuleSet.FivbIndoor with { MatchPoints = MatchPointsTable.WinTwoLossOne };

        var rows = Rank("a b c d", SetsAgainstPoints, rules, StandingCriteria.ChineseRegulation);

        Assert.Equal("d:1 b:2 a:3 c:4", Positions(rows));
        Assert.Equal("d:- b:MatchPoints a:PointsQuotient c:MatchPoints", Deciders(rows));
        Assert.Equal((3, 3), (rows[1].MatchPoints, rows[2].MatchPoints));
    }

    [Fact]
    public void The_presets_list_the_criteria_in_their_documented_order()
    {
        Assert.Equal(
            [StandingCriterion.MatchesWon, StandingCriterion.MatchPoints, StandingCriterion.SetQuotient, StandingCriterion.PointsQuotient, StandingCriterion.HeadToHead],
            StandingCriteria.Fivb);
        Assert.Equal(
            [StandingCriterion.MatchPoints, StandingCriterion.PointsQuotient, StandingCriterion.SetQuotient, StandingCriterion.HeadToHead],
            StandingCriteria.ChineseRegulation);
    }

    // a and b lost no set: both C值 are +∞ (4/0 and 2/0), and equal.
    private static readonly MatchResult[] Unbeaten =
    [
        M("a", "c", "21:10 21:10"),
        M("a", "d", "21:10 21:10"),
        M("b", "d", "21:15 21:15"),
        M("c", "d", "21:10 10:21 15:10"),
    ];

    [Fact]
    public void A_zero_denominator_ranks_as_infinity_and_infinities_are_level()
    {
        var rows = Rank("a b c d", Unbeaten, RuleSet.AirVolleyball, [StandingCriterion.SetQuotient]);

        Assert.Equal("a:1 b:1 c:3 d:4", Positions(rows));
        Assert.Equal([true, true, false, false], rows.Select(r => r.Tied));
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], rows.Take(2).Select(r => r.SetQuotient.Value));
    }

    [Fact]
    public void Level_infinite_quotients_go_on_to_the_next_criterion()
    {
        var rows = Rank("a b c d", Unbeaten, RuleSet.AirVolleyball, [StandingCriterion.SetQuotient, StandingCriterion.PointsQuotient]);

        Assert.Equal("a:1 b:2 c:3 d:4", Positions(rows));
        Assert.Equal("a:- b:PointsQuotient c:SetQuotient d:SetQuotient", Deciders(rows));
    }

    [Fact]
    public void Nothing_played_counts_as_a_quotient_of_0_level_with_losing_everything()
    {
        var rows = Rank("winner loser idle", [M("winner", "loser", "21:5 21:5")], RuleSet.AirVolleyball, [StandingCriterion.SetQuotient]);

        Assert.Equal("winner:1 idle:2 loser:2", Positions(rows));
        Assert.Equal([false, true, true], rows.Select(r => r.Tied));
    }

    public static TheoryData<string, MatchResult[], StandingCriterion[]> Refused() => new()
    {
        { "a a", [], [StandingCriterion.MatchPoints] }, // a team twice
        { "a ", [], [StandingCriterion.MatchPoints] }, // an empty id
        { "a b", [M("a", "z", "21:0 21:0")], [StandingCriterion.MatchPoints] }, // not in the table
        { "a b", [M("a", "a", "21:0 21:0")], [StandingCriterion.MatchPoints] }, // against itself
        { "a b", [M("a", "b", "21:20 21:0")], [StandingCriterion.MatchPoints] }, // impossible set
        { "a b", [M("a", "b", "21:0")], [StandingCriterion.MatchPoints] }, // unfinished match
        { "a b", [], [] }, // no criteria
        { "a b", [], [StandingCriterion.MatchPoints, StandingCriterion.MatchPoints] },
        { "a b", [], [(StandingCriterion)99] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Inconsistent_input_is_refused(string teams, MatchResult[] results, StandingCriterion[] criteria)
    {
        Assert.Throws<ArgumentException>(() => Rank(teams, results, RuleSet.AirVolleyball, criteria));
    }
}
