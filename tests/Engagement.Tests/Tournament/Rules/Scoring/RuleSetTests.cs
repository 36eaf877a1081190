using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

public sealed class RuleSetTests
{
    [Fact]
    public void The_air_volleyball_preset_is_best_of_3_to_21_21_15_win_by_2_switching_at_8()
    {
        var rules = RuleSet.AirVolleyball;

        Assert.Equal((2, 21, 15, 2), (rules.SetsToWin, rules.PointsPerSet, rules.DecidingSetPoints, rules.LeadNeeded));
        Assert.False(rules.CapsEnabled);
        Assert.Equal((25, 17), (rules.SetCap, rules.DecidingSetCap));
        Assert.Equal(8, rules.DecidingSetSideSwitchAt);
        Assert.Equal(2, rules.TimeoutsPerSet);
        Assert.Equal(MatchPointsTable.WinTwoLossOne, rules.MatchPoints);
        Assert.Equal((3, 3), (rules.MaxSets, rules.DecidingSet));
    }

    [Fact]
    public void The_capped_air_volleyball_preset_differs_only_by_turning_caps_on()
    {
        Assert.True(RuleSet.AirVolleyballCapped.CapsEnabled);
        Assert.Equal(RuleSet.AirVolleyball, RuleSet.AirVolleyballCapped with { CapsEnabled = false });
    }

    [Fact]
    public void The_fivb_indoor_preset_is_best_of_5_to_25_deciding_15_win_by_2_without_cap()
    {
        var rules = RuleSet.FivbIndoor;

        Assert.Equal((3, 25, 15, 2), (rules.SetsToWin, rules.PointsPerSet, rules.DecidingSetPoints, rules.LeadNeeded));
        Assert.False(rules.CapsEnabled);
        Assert.Equal(MatchPointsTable.Fivb, rules.MatchPoints);
        Assert.Equal((5, 5), (rules.MaxSets, rules.DecidingSet));
    }

    [Theory]
    [InlineData("air")]
    [InlineData("air-capped")]
    [InlineData("fivb")]
    [InlineData("air-fivb-points")]
    public void Presets_are_sound(string preset)
    {
        Assert.Empty(Preset(preset).Problems());
        Preset(preset).Validate();
    }

    public static TheoryData<RuleSet, string> Nonsense() => new()
    {
        { RuleSet.AirVolleyball with { SetsToWin = 0 }, RuleSet.ProblemSetsToWin },
        { RuleSet.AirVolleyball with { PointsPerSet = 0 }, RuleSet.ProblemPointsPerSet },
        { RuleSet.AirVolleyball with { DecidingSetPoints = -15 }, RuleSet.ProblemDecidingSetPoints },
        { RuleSet.AirVolleyball with { LeadNeeded = 0 }, RuleSet.ProblemLead },
        { RuleSet.AirVolleyballCapped with { SetCap = 20 }, RuleSet.ProblemSetCap }, // cap below the target of 21
        { RuleSet.AirVolleyballCapped with { DecidingSetCap = 14 }, RuleSet.ProblemDecidingSetCap },
        { RuleSet.FivbIndoor with { CapsEnabled = true }, RuleSet.ProblemSetCap }, // caps turned on but never set
        { RuleSet.AirVolleyball with { DecidingSetSideSwitchAt = 0 }, RuleSet.ProblemSideSwitch },
        { RuleSet.AirVolleyball with { DecidingSetSideSwitchAt = 15 }, RuleSet.ProblemSideSwitch }, // would end the set first
        { RuleSet.AirVolleyball with { TimeoutsPerSet = -1 }, RuleSet.ProblemTimeouts },
        { RuleSet.AirVolleyball with { MatchPoints = new MatchPointsTable(1, 2, 2, 1, 2, 0) }, RuleSet.ProblemMatchPoints },
        { RuleSet.AirVolleyball with { MatchPoints = new MatchPointsTable(2, 1, 1, 1, 2, 0) }, RuleSet.ProblemMatchPoints },
        { RuleSet.AirVolleyball with { MatchPoints = new MatchPointsTable(2, 1, 2, 1, 0, 0) }, RuleSet.ProblemMatchPoints },
        { RuleSet.AirVolleyball with { MatchPoints = new MatchPointsTable(3, -1, 2, 1, 3, 0) }, RuleSet.ProblemMatchPoints },
    };

    [Theory]
    [MemberData(nameof(Nonsense))]
    public void Validate_rejects_a_nonsense_rule_set_naming_the_problem(RuleSet rules, string problem)
    {
        Assert.Contains(problem, rules.Problems());
        var refused = Assert.Throws<ScoringViolation>(rules.Validate);
        Assert.Equal(ScoringViolation.RulesInvalid, refused.Code);
        Assert.Contains(refused.Args[0], rules.Problems());
    }

    [Theory]
    [InlineData(false, 0, 0)] // caps off: the cap values do not matter
    [InlineData(true, 21, 15)] // a cap equal to the target is allowed: first to 21 wins
    [InlineData(true, 25, 17)]
    public void Caps_are_checked_only_when_turned_on_and_may_equal_the_target(bool capsOn, int setCap, int decidingCap)
    {
        var rules = RuleSet.AirVolleyball with { CapsEnabled = capsOn, SetCap = setCap, DecidingSetCap = decidingCap };

        Assert.Empty(rules.Problems());
    }

    [Fact]
    public void No_side_switch_is_a_sound_setting()
    {
        Assert.Empty((RuleSet.AirVolleyball with { DecidingSetSideSwitchAt = null }).Problems());
    }

    [Theory]
    // FIVB table, best of 3: 2-0 → 3/0, 2-1 → 2/1.
    [InlineData("air-fivb-points", "21:10 21:10", MatchEnding.Played, 3, 0)]
    [InlineData("air-fivb-points", "10:21 21:10 15:10", MatchEnding.Played, 2, 1)]
    [InlineData("air-fivb-points", "10:21 10:21", MatchEnding.Played, 3, 0)] // winner is B: same table
    // FIVB table, best of 5: 3-0 and 3-1 → 3/0, 3-2 → 2/1.
    [InlineData("fivb", "25:20 25:20 25:20", MatchEnding.Played, 3, 0)]
    [InlineData("fivb", "25:20 20:25 25:20 25:20", MatchEnding.Played, 3, 0)]
    [InlineData("fivb", "25:20 20:25 20:25 25:20 15:13", MatchEnding.Played, 2, 1)]
    [InlineData("fivb", "0:25 0:25 0:25", MatchEnding.Forfeit, 3, 0)]
    [InlineData("fivb", "25:20 20:25 25:20 20:25 15:0", MatchEnding.Retirement, 2, 1)] // a retirement earns its set score
    // 2 for a win, 1 for a loss, 0 for a forfeit.
    [InlineData("air", "21:10 21:10", MatchEnding.Played, 2, 1)]
    [InlineData("air", "10:21 21:10 15:10", MatchEnding.Played, 2, 1)]
    [InlineData("air", "0:21 0:21", MatchEnding.Forfeit, 2, 0)]
    [InlineData("air", "21:10 21:0", MatchEnding.Retirement, 2, 1)]
    public void Match_points_follow_the_table_by_set_score_and_ending(string preset, string sets, MatchEnding ending, int winner, int loser)
    {
        var result = new MatchResult("x", "y", Sets(sets), ending);

        Assert.Equal((winner, loser), Preset(preset).MatchPointsFor(result));
    }

    [Theory]
    [InlineData("air", 2, 0)]
    [InlineData("fivb", 3, 0)]
    public void A_retirement_earns_the_forfeit_row_when_the_table_says_so(string preset, int winner, int loser)
    {
        var rules = Preset(preset);
        rules = rules with { MatchPoints = rules.MatchPoints with { RetirementCountsAsForfeit = true } };
        var sets = preset == "air" ? "21:10 10:21 15:3" : "25:20 20:25 25:20 20:25 15:3";

        Assert.Equal((winner, loser), rules.MatchPointsFor(new MatchResult("x", "y", Sets(sets), MatchEnding.Retirement)));
    }
}
