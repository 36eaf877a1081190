using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

public sealed class SetRulesTests
{
    [Theory]
    // Air volleyball, sets 1–2 to 21 with a lead of 2, no cap.
    [InlineData("air", 1, 20, 18, false)]
    [InlineData("air", 1, 21, 19, true)]
    [InlineData("air", 1, 21, 20, false)] // lead of 1 is not enough
    [InlineData("air", 1, 22, 20, true)]
    [InlineData("air", 2, 0, 21, true)]
    [InlineData("air", 2, 19, 21, true)]
    [InlineData("air", 1, 25, 24, false)] // caps off: no cap at 25
    [InlineData("air", 1, 29, 28, false)]
    [InlineData("air", 1, 30, 28, true)]
    // Deciding set (3) to 15.
    [InlineData("air", 3, 14, 12, false)]
    [InlineData("air", 3, 15, 13, true)]
    [InlineData("air", 3, 15, 14, false)]
    [InlineData("air", 3, 16, 14, true)]
    [InlineData("air", 3, 17, 16, false)]
    // Caps on: 25 in sets 1–2, 17 in the deciding set, whatever the lead.
    [InlineData("air-capped", 1, 22, 20, true)]
    [InlineData("air-capped", 1, 24, 24, false)]
    [InlineData("air-capped", 1, 25, 24, true)]
    [InlineData("air-capped", 2, 24, 25, true)]
    [InlineData("air-capped", 3, 16, 16, false)]
    [InlineData("air-capped", 3, 17, 16, true)]
    [InlineData("air-capped", 3, 15, 14, false)]
    // FIVB indoor: 25 in sets 1–4, 15 in set 5, no cap.
    [InlineData("fivb", 1, 25, 23, true)]
    [InlineData("fivb", 1, 25, 24, false)]
    [InlineData("fivb", 3, 15, 13, false)] // set 3 of 5 is not the deciding set
    [InlineData("fivb", 4, 24, 26, true)]
    [InlineData("fivb", 4, 30, 28, true)]
    [InlineData("fivb", 5, 15, 13, true)]
    [InlineData("fivb", 5, 15, 14, false)]
    public void A_set_is_over_at_the_target_with_the_lead_or_at_the_cap(string preset, int set, int a, int b, bool over)
    {
        Assert.Equal(over, SetRules.IsSetOver(Preset(preset), set, a, b));
    }

    [Theory]
    [InlineData("air", 1, 21, 19, "A")]
    [InlineData("air", 1, 17, 21, "B")]
    [InlineData("air", 1, 21, 20, "-")]
    [InlineData("air-capped", 1, 24, 25, "B")]
    [InlineData("fivb", 5, 15, 10, "A")]
    [InlineData("fivb", 5, 14, 14, "-")]
    public void The_winner_of_a_set_is_known_only_when_it_is_over(string preset, int set, int a, int b, string winner)
    {
        Team? expected = winner == "-" ? null : ParseTeam(winner);

        Assert.Equal(expected, SetRules.Winner(Preset(preset), set, a, b));
    }

    [Theory]
    [InlineData("air", 1, 21, 19, true)]
    [InlineData("air", 1, 21, 0, true)]
    [InlineData("air", 1, 0, 21, true)]
    [InlineData("air", 1, 22, 20, true)]
    [InlineData("air", 1, 30, 28, true)]
    [InlineData("air", 1, 21, 20, false)] // not over
    [InlineData("air", 1, 22, 19, false)] // over already at 21:19
    [InlineData("air", 1, 19, 22, false)]
    [InlineData("air", 1, 31, 28, false)]
    [InlineData("air", 1, 20, 20, false)]
    [InlineData("air", 1, -1, 21, false)]
    [InlineData("air", 3, 15, 13, true)]
    [InlineData("air", 3, 16, 13, false)]
    [InlineData("air", 3, 21, 13, false)] // the deciding set is played to 15: over at 15:13
    [InlineData("air", 3, 21, 19, true)] // …but a long deuce can still end 21:19
    [InlineData("air-capped", 1, 25, 24, true)] // the cap ends the set on a lead of 1
    [InlineData("air-capped", 1, 25, 23, true)]
    [InlineData("air-capped", 1, 26, 24, false)] // over at 25:24
    [InlineData("air-capped", 1, 25, 20, false)] // over at 22:20
    [InlineData("air-capped", 3, 17, 16, true)]
    [InlineData("air-capped", 3, 17, 15, true)]
    [InlineData("air-capped", 3, 18, 16, false)]
    [InlineData("fivb", 1, 25, 23, true)]
    [InlineData("fivb", 1, 26, 24, true)]
    [InlineData("fivb", 1, 25, 24, false)]
    [InlineData("fivb", 5, 15, 9, true)]
    [InlineData("fivb", 5, 25, 9, false)]
    public void Impossible_final_scores_are_rejected(string preset, int set, int a, int b, bool valid)
    {
        Assert.Equal(valid, SetRules.IsValidFinalScore(Preset(preset), set, a, b));
    }

    [Theory]
    [InlineData("air", 1, 0, 21)]
    [InlineData("air", 1, 19, 21)]
    [InlineData("air", 1, 20, 22)]
    [InlineData("air", 1, 28, 30)]
    [InlineData("air", 3, 13, 15)]
    [InlineData("air", 3, 14, 16)]
    [InlineData("air-capped", 1, 20, 22)]
    [InlineData("air-capped", 1, 24, 25)] // no more than the cap
    [InlineData("air-capped", 3, 16, 17)]
    [InlineData("fivb", 2, 24, 26)]
    public void The_winning_score_against_a_team_is_the_fewest_points_that_end_the_set(string preset, int set, int loser, int winning)
    {
        var rules = Preset(preset);

        Assert.Equal(winning, SetRules.WinningScoreAgainst(rules, set, loser));
        Assert.True(SetRules.IsValidFinalScore(rules, set, winning, loser));
    }

    [Theory]
    [InlineData("air", "21:10 21:10", true)]
    [InlineData("air", "21:10 10:21 15:10", true)]
    [InlineData("air", "0:21 0:21", true)]
    [InlineData("air", "21:10", false)] // unfinished
    [InlineData("air", "", false)]
    [InlineData("air", "21:10 21:10 15:10", false)] // a set after the match was decided
    [InlineData("air", "21:10 10:21 21:10", false)] // the deciding set goes to 15
    [InlineData("air", "21:20 21:10", false)]
    [InlineData("fivb", "25:20 20:25 25:20 25:20", true)]
    [InlineData("fivb", "25:20 25:20", false)]
    public void A_complete_match_has_valid_sets_and_stops_when_a_team_has_its_sets(string preset, string sets, bool valid)
    {
        Assert.Equal(valid, SetRules.IsValidMatch(Preset(preset), Sets(sets)));
    }
}
