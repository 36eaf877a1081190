using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;
using static Engagement.Tests.Tournament.Rules.Table;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>Head-to-head, mini-tables and shared positions.</summary>
public sealed class StandingsTieTests
{
    // x beat y, y beat z, z beat x, all 21:19 21:19; x and y beat w 21:0 21:0, w beat z 21:0 21:0.
    // x and y end level on everything: 2 wins, sets 4:2, points 122:80.
    private static readonly MatchResult[] TwoLevel =
    [
        M("x", "y", "21:19 21:19"),
        M("y", "z", "21:19 21:19"),
        M("z", "x", "21:19 21:19"),
        M("x", "w", "21:0 21:0"),
        M("y", "w", "21:0 21:0"),
        M("w", "z", "21:0 21:0"),
    ];

    public static TheoryData<string, string, string, string> TwoWayCases() => new()
    {
        { "air-fivb-points", "fivb", "w x y z", "x:- y:HeadToHead z:MatchesWon w:PointsQuotient" },
        { "air-fivb-points", "fivb", "z y x w", "x:- y:HeadToHead z:MatchesWon w:PointsQuotient" },
        { "air", "chinese", "w x y z", "x:- y:HeadToHead z:MatchPoints w:PointsQuotient" },
        { "air", "chinese", "y x w z", "x:- y:HeadToHead z:MatchPoints w:PointsQuotient" },
    };

    [Theory]
    [MemberData(nameof(TwoWayCases))]
    public void A_two_way_tie_is_decided_by_the_match_between_the_two(string preset, string criteria, string teams, string deciders)
    {
        var chain = criteria == "fivb" ? StandingCriteria.Fivb : StandingCriteria.ChineseRegulation;

        var rows = Rank(teams, TwoLevel, Preset(preset), chain);

        Assert.Equal("x:1 y:2 z:3 w:4", Positions(rows));
        Assert.Equal(deciders, Deciders(rows));
        Assert.Equal((rows[0].PointsQuotient, rows[0].SetQuotient), (rows[1].PointsQuotient, rows[1].SetQuotient));
        Assert.All(rows, r => Assert.False(r.Tied));
    }

    [Fact]
    public void Head_to_head_leaves_level_teams_that_never_met_level()
    {
        MatchResult[] results = [M("a", "c", "21:10 21:10"), M("b", "d", "21:10 21:10")];

        var rows = Rank("a b c d", results, RuleSet.AirVolleyball, StandingCriteria.Fivb);

        Assert.Equal("a:1 b:1 c:3 d:3", Positions(rows));
        Assert.All(rows, r => Assert.True(r.Tied));
    }

    [Fact]
    public void A_three_way_tie_is_ranked_by_a_mini_table_of_the_criteria_before_head_to_head()
    {
        // p, q and r have 5 match points each (FIVB table). Among themselves p beat q 2-0 (3), q beat r 2-1
        // (2 and 1), r beat p 2-1 (2 and 1): one win each, but mini-table match points p 4, r 3, q 2.
        // The points quotient after head-to-head would say q, r, p.
        MatchResult[] results =
        [
            M("p", "q", "21:19 21:19"),
            M("q", "r", "21:19 19:21 15:13"),
            M("r", "p", "21:19 19:21 15:13"),
            M("w", "p", "21:19 19:21 15:13"),
            M("q", "w", "21:0 21:0"),
            M("r", "w", "21:19 19:21 15:13"),
        ];
        StandingCriterion[] chain = [StandingCriterion.MatchPoints, StandingCriterion.HeadToHead, StandingCriterion.PointsQuotient];

        var rows = Rank("w r q p", results, Preset("air-fivb-points"), chain);

        Assert.Equal("p:1 r:2 q:3 w:4", Positions(rows));
        Assert.Equal("p:- r:HeadToHead q:HeadToHead w:MatchPoints", Deciders(rows));
        Assert.Equal([5, 5, 5, 3], rows.Select(r => r.MatchPoints));
    }

    [Fact]
    public void Teams_still_level_in_the_mini_table_start_head_to_head_again_among_themselves()
    {
        // Mini-table of p, q, r: p 5, q 2, r 2 match points. Then q and r alone: q beat r.
        // The points quotient after head-to-head would have put r (148:110) above q (135:133).
        MatchResult[] results =
        [
            M("p", "q", "21:19 21:19"),
            M("p", "r", "21:19 19:21 15:13"),
            M("q", "r", "21:19 19:21 15:13"),
            M("w", "p", "21:0 21:0"),
            M("q", "w", "21:19 21:19"),
            M("r", "w", "21:0 21:0"),
        ];
        StandingCriterion[] chain = [StandingCriterion.MatchPoints, StandingCriterion.HeadToHead, StandingCriterion.PointsQuotient];

        var rows = Rank("r q p w", results, Preset("air-fivb-points"), chain);

        Assert.Equal("p:1 q:2 r:3 w:4", Positions(rows));
        Assert.Equal("p:- q:HeadToHead r:HeadToHead w:MatchPoints", Deciders(rows));
        Assert.True(rows[2].PointsQuotient > rows[1].PointsQuotient);
    }

    [Fact]
    public void A_mini_table_that_separates_no_one_hands_over_to_the_next_criterion()
    {
        // A cycle: one win each among themselves. The whole table's points quotient decides: y, x, z.
        MatchResult[] results = [M("x", "y", "21:19 21:19"), M("y", "z", "21:10 21:10"), M("z", "x", "21:15 21:15")];
        StandingCriterion[] chain = [StandingCriterion.MatchesWon, StandingCriterion.HeadToHead, StandingCriterion.PointsQuotient];

        var rows = Rank("x y z", results, RuleSet.AirVolleyball, chain);

        Assert.Equal("y:1 x:2 z:3", Positions(rows));
        Assert.Equal("y:- x:PointsQuotient z:PointsQuotient", Deciders(rows));
    }

    [Fact]
    public void When_head_to_head_comes_first_its_mini_table_ranks_by_matches_won()
    {
        // Wins: x 2, y 1, z 0. Points quotient would say y (80:42), x (97:91), z.
        MatchResult[] results = [M("x", "y", "21:19 21:19"), M("y", "z", "21:0 21:0"), M("x", "z", "21:19 19:21 15:13")];

        var rows = Rank("z y x", results, RuleSet.AirVolleyball, [StandingCriterion.HeadToHead, StandingCriterion.PointsQuotient]);

        Assert.Equal("x:1 y:2 z:3", Positions(rows));
        Assert.Equal("x:- y:HeadToHead z:HeadToHead", Deciders(rows));
    }

    // x, y and z beat each other in a cycle with identical scores and all beat w identically.
    private static readonly MatchResult[] Cycle =
    [
        M("x", "y", "21:19 21:19"),
        M("y", "z", "21:19 21:19"),
        M("z", "x", "21:19 21:19"),
        M("x", "w", "21:5 21:5"),
        M("y", "w", "21:5 21:5"),
        M("z", "w", "21:5 21:5"),
    ];

    public static TheoryData<string, string, string> FullyTiedCases() => new()
    {
        { "fivb", "x y z w", "w:MatchesWon" },
        { "fivb", "w z y x", "w:MatchesWon" },
        { "fivb", "y w x z", "w:MatchesWon" },
        { "chinese", "z x w y", "w:MatchPoints" },
    };

    [Theory]
    [MemberData(nameof(FullyTiedCases))]
    public void Teams_level_on_every_criterion_share_a_position_and_are_listed_by_id(string criteria, string teams, string lastDecider)
    {
        var chain = criteria == "fivb" ? StandingCriteria.Fivb : StandingCriteria.ChineseRegulation;

        var rows = Rank(teams, [.. Cycle.Reverse()], RuleSet.AirVolleyball, chain);

        Assert.Equal("x:1 y:1 z:1 w:4", Positions(rows));
        Assert.Equal([true, true, true, false], rows.Select(r => r.Tied));
        Assert.Equal($"x:- y:- z:- {lastDecider}", Deciders(rows));
    }

    [Fact]
    public void A_shared_position_below_the_top_skips_the_positions_it_covers()
    {
        MatchResult[] results = [.. Cycle, M("top", "x", "21:0 21:0"), M("top", "y", "21:0 21:0"), M("top", "z", "21:0 21:0"), M("top", "w", "21:0 21:0")];

        var rows = Rank("w x y z top", results, RuleSet.AirVolleyball, StandingCriteria.Fivb);

        Assert.Equal("top:1 x:2 y:2 z:2 w:5", Positions(rows));
        Assert.Equal("top:- x:MatchesWon y:MatchesWon z:MatchesWon w:MatchesWon", Deciders(rows));
    }
}
