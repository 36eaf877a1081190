using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

public sealed class MatchScoreTests
{
    private static MatchScore Air => MatchScore.Start(RuleSet.AirVolleyball);

    private static void Refused(string code, Func<MatchScore> entry) =>
        Assert.Equal(code, Assert.Throws<ScoringViolation>(() => entry()).Code);

    [Fact]
    public void A_new_match_has_not_started_and_team_A_serves()
    {
        var score = Air;

        Assert.Equal(MatchScoreStatus.NotStarted, score.Status);
        Assert.Equal(Team.A, score.Serving);
        Assert.Equal((1, new SetScore(0, 0)), (score.SetNumber, score.Current));
        Assert.Empty(score.Sets);
        Assert.Null(score.Winner);
        Assert.Empty(score.Events);
    }

    [Fact]
    public void Starting_refuses_a_nonsense_rule_set()
    {
        Refused(ScoringViolation.RulesInvalid, () => MatchScore.Start(RuleSet.AirVolleyball with { LeadNeeded = 0 }));
    }

    [Theory]
    [InlineData("air", 1, 0, MatchScoreStatus.InProgress)]
    [InlineData("air", 20, 20, MatchScoreStatus.InProgress)]
    [InlineData("air", 21, 20, MatchScoreStatus.InProgress)]
    [InlineData("air", 21, 19, MatchScoreStatus.SetOver)]
    [InlineData("air", 22, 20, MatchScoreStatus.SetOver)]
    [InlineData("air", 25, 24, MatchScoreStatus.InProgress)]
    [InlineData("air", 30, 28, MatchScoreStatus.SetOver)]
    [InlineData("air-capped", 25, 24, MatchScoreStatus.SetOver)]
    [InlineData("fivb", 21, 19, MatchScoreStatus.InProgress)]
    [InlineData("fivb", 25, 23, MatchScoreStatus.SetOver)]
    public void Rallies_score_points_until_the_rules_say_the_set_is_over(string preset, int a, int b, MatchScoreStatus status)
    {
        var score = MatchScore.Start(Preset(preset)).Reach(a, b);

        Assert.Equal(status, score.Status);
        Assert.Equal(new SetScore(a, b), score.Current);
    }

    [Fact]
    public void Rallies_and_timeouts_after_the_set_is_over_are_refused_until_the_scorer_confirms_it()
    {
        var over = Air.Reach(21, 19);

        Refused(ScoringViolation.SetOver, () => over.Rally(Team.B));
        Refused(ScoringViolation.SetOver, () => over.Timeout(Team.B));
        Assert.Null(over.Serving);

        var next = over.ConfirmSetEnd();
        Assert.Equal(MatchScoreStatus.InProgress, next.Status);
        Assert.Equal((2, new SetScore(0, 0)), (next.SetNumber, next.Current));
        Assert.Equal([new SetScore(21, 19)], next.Sets);
        Assert.Equal((1, 0), (next.SetsWon(Team.A), next.SetsWon(Team.B)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 3)]
    [InlineData(21, 20)]
    public void The_scorer_cannot_confirm_a_set_the_rules_say_goes_on(int a, int b)
    {
        Refused(ScoringViolation.SetNotOver, () => Air.Reach(a, b).ConfirmSetEnd());
    }

    [Theory]
    [InlineData("air", "21:19 21:15", "A", 2, 0)]
    [InlineData("air", "19:21 21:15 13:15", "B", 1, 2)]
    [InlineData("air-capped", "25:24 23:25 17:16", "A", 2, 1)]
    [InlineData("fivb", "25:20 25:20 25:20", "A", 3, 0)]
    [InlineData("fivb", "25:20 20:25 28:30 25:20 13:15", "B", 2, 3)]
    public void The_match_is_decided_when_a_team_has_won_its_sets_and_ends_when_the_scorer_confirms(
        string preset, string sets, string winner, int setsA, int setsB)
    {
        var decided = MatchScore.Start(Preset(preset)).PlaySets(sets);

        Assert.Equal(MatchScoreStatus.MatchOver, decided.Status);
        Assert.Equal(ParseTeam(winner), decided.Winner);
        Assert.Equal((setsA, setsB), (decided.SetsWon(Team.A), decided.SetsWon(Team.B)));
        Assert.Equal(sets, Text(decided.Sets));
        Assert.Null(decided.Current);
        Refused(ScoringViolation.MatchDecided, () => decided.Rally(Team.A));
        Assert.Throws<InvalidOperationException>(() => decided.ToResult("x", "y"));

        var finished = decided.ConfirmMatchEnd();
        Assert.Equal(MatchScoreStatus.Finished, finished.Status);
        Refused(ScoringViolation.MatchClosed, () => finished.Rally(Team.A));
        Refused(ScoringViolation.MatchClosed, finished.ConfirmMatchEnd);
        var result = finished.ToResult("x", "y");
        Assert.Equal(("x", "y", MatchEnding.Played, sets), (result.TeamA, result.TeamB, result.Ending, Text(result.Sets)));
        Assert.True(SetRules.IsValidMatch(finished.Rules, result.Sets));
    }

    [Fact]
    public void The_match_end_is_confirmed_only_after_the_deciding_set_is_confirmed()
    {
        var lastSetOver = Air.PlaySets("21:19").Reach(21, 15);

        Assert.Equal(MatchScoreStatus.SetOver, lastSetOver.Status);
        Refused(ScoringViolation.MatchNotOver, lastSetOver.ConfirmMatchEnd);
        Refused(ScoringViolation.MatchNotOver, () => Air.Reach(3, 1).ConfirmMatchEnd());
        Refused(ScoringViolation.MatchDecided, () => lastSetOver.ConfirmSetEnd().ConfirmSetEnd());
    }

    [Theory]
    [InlineData("", "A")]
    [InlineData("B", "B")]
    [InlineData("BA", "A")]
    [InlineData("AAB", "B")]
    [InlineData("BBBBA", "A")]
    public void The_team_that_wins_a_rally_serves_next(string rallies, string serving)
    {
        Assert.Equal(ParseTeam(serving), Air.Rallies(rallies).Serving);
    }

    [Fact]
    public void A_toss_before_the_first_rally_chooses_the_first_server_and_is_refused_after_it()
    {
        var tossed = Air.ChooseFirstServer(Team.B);

        Assert.Equal(Team.B, tossed.Serving);
        Assert.Equal(MatchScoreStatus.NotStarted, tossed.Status);
        Refused(ScoringViolation.SetUnderWay, () => tossed.Rally(Team.A).ChooseFirstServer(Team.A));
    }

    [Theory]
    [InlineData("A", "B", "A")]
    [InlineData("B", "A", "B")]
    public void Each_later_set_starts_with_the_team_that_did_not_serve_first_in_the_previous_set(
        string set1, string set2, string set3)
    {
        var score = Air.ChooseFirstServer(ParseTeam(set1));
        Assert.Equal(ParseTeam(set1), score.Serving);

        score = score.PlaySets("21:19");
        Assert.Equal(ParseTeam(set2), score.Serving); // not A, who won the last rally

        score = score.PlaySets("19:21");
        Assert.Equal(ParseTeam(set3), score.Serving);
    }

    [Fact]
    public void The_deciding_set_can_have_its_own_toss()
    {
        var deciding = Air.PlaySets("21:19 19:21");

        Assert.True(deciding.IsDecidingSet);
        Assert.Equal(Team.B, deciding.ChooseFirstServer(Team.B).Serving);
        Assert.Equal(Team.A, deciding.Serving);
    }

    [Theory]
    [InlineData("air", "21:19 19:21", 8, 5, true)]
    [InlineData("air", "21:19 19:21", 5, 8, true)]
    [InlineData("air", "21:19 19:21", 7, 5, false)]
    [InlineData("air", "21:19 19:21", 9, 5, false)] // the signal is for the rally that reached 8
    [InlineData("air", "21:19 19:21", 8, 8, false)] // 8:7 → 8:8: the sides changed at 8:7
    [InlineData("air", "", 8, 5, false)] // only in the deciding set
    [InlineData("air", "21:19", 8, 5, false)]
    [InlineData("fivb", "25:20 20:25 25:20 20:25", 8, 3, true)]
    [InlineData("fivb", "25:20 20:25 25:20", 8, 3, false)]
    public void Teams_switch_sides_when_a_team_first_reaches_8_in_the_deciding_set(string preset, string before, int a, int b, bool due)
    {
        var score = MatchScore.Start(Preset(preset)).PlaySets(before).Reach(a, b);

        Assert.Equal(due, score.SideSwitchDue);
    }

    [Fact]
    public void The_side_switch_signal_follows_the_configured_point_and_can_be_turned_off()
    {
        var at6 = MatchScore.Start(RuleSet.AirVolleyball with { DecidingSetSideSwitchAt = 6 }).PlaySets("21:19 19:21");
        var none = MatchScore.Start(RuleSet.AirVolleyball with { DecidingSetSideSwitchAt = null }).PlaySets("21:19 19:21");

        Assert.True(at6.Reach(6, 2).SideSwitchDue);
        Assert.False(at6.Reach(8, 2).SideSwitchDue);
        Assert.False(none.Reach(8, 2).SideSwitchDue);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Each_team_has_the_configured_number_of_timeouts_per_set(int perSet)
    {
        var score = MatchScore.Start(RuleSet.AirVolleyball with { TimeoutsPerSet = perSet }).Rallies("AB");
        for (var i = 0; i < perSet; i++)
        {
            Assert.Equal(perSet - i, score.TimeoutsLeft(Team.A));
            score = score.Timeout(Team.A);
        }

        Assert.Equal(0, score.TimeoutsLeft(Team.A));
        var refused = Assert.Throws<ScoringViolation>(() => score.Timeout(Team.A));
        Assert.Equal((ScoringViolation.NoTimeoutsLeft, "A"), (refused.Code, refused.Args[0]));
        Assert.Equal(perSet, score.TimeoutsLeft(Team.B)); // the other team's are its own

        var nextSet = score.Reach(21, 19).ConfirmSetEnd();
        Assert.Equal(perSet, nextSet.TimeoutsLeft(Team.A)); // they come back in the next set
    }

    [Fact]
    public void A_timeout_does_not_change_the_score_or_the_server()
    {
        var before = Air.Rallies("AAB");
        var after = before.Timeout(Team.A);

        Assert.Equal((before.Current, before.Serving, before.Status), (after.Current, after.Serving, after.Status));
    }

    [Fact]
    public void Entries_leave_the_earlier_score_unchanged()
    {
        var before = Air.Rallies("AB");
        var after = before.Rally(Team.A).Timeout(Team.B).Undo();

        Assert.Equal(new SetScore(1, 1), before.Current);
        Assert.Equal(2, before.Events.Count);
        Assert.Equal(new SetScore(1, 1), after.Current);
        Assert.Equal(5, after.Events.Count);
    }
}
