using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>Forfeits and retirements.</summary>
public sealed class MatchScoreEndingsTests
{
    private static void Refused(string code, Func<MatchScore> entry) =>
        Assert.Equal(code, Assert.Throws<ScoringViolation>(() => entry()).Code);

    [Theory]
    [InlineData("air", "", "", "A", "0:21 0:21")]
    [InlineData("air", "", "", "B", "21:0 21:0")]
    [InlineData("fivb", "", "", "A", "0:25 0:25 0:25")]
    [InlineData("air", "21:10", "", "A", "0:21 0:21")] // sets already played do not count
    [InlineData("air", "21:10", "15:3", "A", "0:21 0:21")]
    [InlineData("air", "", "21:19", "B", "21:0 21:0")] // also while a set awaits confirmation
    [InlineData("fivb", "25:10 10:25 25:10 10:25", "", "B", "25:0 25:0 25:0")] // the deciding set is never reached
    public void A_forfeit_loses_every_set_needed_0_to_the_target(string preset, string played, string current, string team, string sets)
    {
        var score = MatchScore.Start(Preset(preset)).PlaySets(played);
        if (current != "")
        {
            score = score.Reach(Set(current).A, Set(current).B);
        }

        var forfeited = score.Forfeit(ParseTeam(team));

        Assert.Equal(MatchScoreStatus.Forfeited, forfeited.Status);
        Assert.Equal(sets, Text(forfeited.Sets));
        Assert.Equal((ParseTeam(team).Opponent(), ParseTeam(team)), (forfeited.Winner!.Value, forfeited.ConcededBy!.Value));
        Assert.Null(forfeited.Current);
        Assert.Null(forfeited.Serving);
        var result = forfeited.ToResult("x", "y");
        Assert.Equal(MatchEnding.Forfeit, result.Ending);
        Assert.True(SetRules.IsValidMatch(forfeited.Rules, result.Sets));
    }

    [Fact]
    public void A_forfeit_is_refused_once_the_match_is_decided()
    {
        var decided = MatchScore.Start(RuleSet.AirVolleyball).PlaySets("21:10 21:10");

        Refused(ScoringViolation.MatchDecided, () => decided.Forfeit(Team.B));
        Refused(ScoringViolation.MatchClosed, () => decided.ConfirmMatchEnd().Forfeit(Team.B));
        Refused(ScoringViolation.MatchClosed, () => decided.ConfirmMatchEnd().Retire(Team.B));
    }

    [Theory]
    // The current set goes to the opponent with the fewest points that win it; the retiring team keeps its own.
    [InlineData("air", "", "12:10", "B", "21:10 21:0")]
    [InlineData("air", "", "10:12", "A", "10:21 0:21")] // retiring while leading still loses the set
    [InlineData("air", "", "1:0", "B", "21:0 21:0")]
    [InlineData("air", "", "20:20", "B", "22:20 21:0")] // the lead of 2 is kept
    [InlineData("air-capped", "", "24:24", "B", "25:24 21:0")] // …but never beyond the cap
    [InlineData("air", "21:15", "5:3", "B", "21:15 21:3")] // confirmed sets stand
    [InlineData("air", "15:21", "", "A", "15:21 0:21")] // between sets: the next set is lost 0 to the target
    [InlineData("air", "21:15 15:21", "14:14", "A", "21:15 15:21 14:16")] // the deciding set goes to 15
    [InlineData("fivb", "25:20", "20:24", "B", "25:20 26:24 25:0")]
    [InlineData("fivb", "25:20 20:25", "3:3", "A", "25:20 20:25 3:25 0:25")]
    public void A_retiring_team_loses_the_current_set_and_every_set_still_needed(
        string preset, string played, string current, string team, string sets)
    {
        var score = MatchScore.Start(Preset(preset)).PlaySets(played);
        if (current != "")
        {
            score = score.Reach(Set(current).A, Set(current).B);
        }

        var retired = score.Retire(ParseTeam(team));

        Assert.Equal(MatchScoreStatus.Retired, retired.Status);
        Assert.Equal(sets, Text(retired.Sets));
        Assert.Equal((ParseTeam(team).Opponent(), ParseTeam(team)), (retired.Winner!.Value, retired.ConcededBy!.Value));
        var result = retired.ToResult("x", "y");
        Assert.Equal(MatchEnding.Retirement, result.Ending);
        Assert.True(SetRules.IsValidMatch(retired.Rules, result.Sets));
    }

    [Fact]
    public void A_team_that_never_played_forfeits_rather_than_retires()
    {
        Refused(ScoringViolation.NotStarted, () => MatchScore.Start(RuleSet.AirVolleyball).Retire(Team.A));
    }

    [Fact]
    public void Retiring_is_refused_while_a_set_awaits_confirmation()
    {
        var setOver = MatchScore.Start(RuleSet.AirVolleyball).Reach(21, 15);

        Refused(ScoringViolation.SetOver, () => setOver.Retire(Team.B));
        Assert.Equal("21:15 21:0", Text(setOver.ConfirmSetEnd().Retire(Team.B).Sets));
    }

    [Fact]
    public void Nothing_is_entered_after_a_forfeit_or_retirement()
    {
        var forfeited = MatchScore.Start(RuleSet.AirVolleyball).Forfeit(Team.A);
        var retired = MatchScore.Start(RuleSet.AirVolleyball).Rally(Team.A).Retire(Team.A);

        foreach (var closed in new[] { forfeited, retired })
        {
            Refused(ScoringViolation.MatchClosed, () => closed.Rally(Team.A));
            Refused(ScoringViolation.MatchClosed, closed.Undo);
            Refused(ScoringViolation.MatchClosed, () => closed.Timeout(Team.A));
            Refused(ScoringViolation.MatchClosed, closed.ConfirmSetEnd);
            Refused(ScoringViolation.MatchClosed, () => closed.Forfeit(Team.B));
            Refused(ScoringViolation.MatchClosed, () => closed.Retire(Team.B));
        }
    }
}
