using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>A match is audited by replaying its events: the replay must give exactly the live score.</summary>
public sealed class MatchScoreReplayTests
{
    public static TheoryData<string, Func<MatchScore, MatchScore>> Matches() => new()
    {
        { "air", s => s },
        { "air", s => s.ChooseFirstServer(Team.B).Rallies("BBAAB").Timeout(Team.A).Undo().Rallies("AA") },
        { "air", s => s.Reach(21, 19).Undo().Rallies("BA").Timeout(Team.B) },
        { "air", s => s.PlaySets("21:19").ReopenSet().Undo().Undo().Rallies("BB").ConfirmSetEnd().Rallies("ABA") },
        { "air", s => s.PlaySets("21:19 19:21").ChooseFirstServer(Team.B).Reach(8, 5) },
        { "air", s => s.PlaySets("21:19 19:21").Reach(15, 13) },
        { "air", s => s.PlaySets("21:19 19:21 15:13").ConfirmMatchEnd() },
        { "air-capped", s => s.PlaySets("25:24 23:25").Reach(16, 16).Rally(Team.B).ConfirmSetEnd().ConfirmMatchEnd() },
        { "air", s => s.PlaySets("21:19").Reach(3, 5).Forfeit(Team.B) },
        { "air", s => s.PlaySets("21:19").Reach(20, 20).Retire(Team.B) },
        { "fivb", s => s.PlaySets("25:20 20:25 25:20 20:25").Timeout(Team.A).Timeout(Team.A).Reach(7, 7).Rally(Team.B) },
        { "fivb", s => s.PlaySets("25:20 25:20 25:20").ReopenSet().Undo().Rally(Team.B).Reach(0, 0).Rallies("BBA") },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public void Replaying_the_events_gives_the_live_score(string preset, Func<MatchScore, MatchScore> play)
    {
        var live = play(MatchScore.Start(Preset(preset)));

        var replayed = MatchScore.Replay(Preset(preset), live.Events);

        Assert.Equal(live.Events, replayed.Events);
        Assert.Equal(live.Status, replayed.Status);
        Assert.Equal(live.Sets, replayed.Sets);
        Assert.Equal((live.SetNumber, live.Current, live.Serving), (replayed.SetNumber, replayed.Current, replayed.Serving));
        Assert.Equal((live.Winner, live.ConcededBy, live.SideSwitchDue), (replayed.Winner, replayed.ConcededBy, replayed.SideSwitchDue));
        Assert.Equal(
            (live.TimeoutsLeft(Team.A), live.TimeoutsLeft(Team.B), live.SetsWon(Team.A), live.SetsWon(Team.B)),
            (replayed.TimeoutsLeft(Team.A), replayed.TimeoutsLeft(Team.B), replayed.SetsWon(Team.A), replayed.SetsWon(Team.B)));
    }

    [Fact]
    public void The_event_log_records_every_accepted_entry_in_order_including_corrections()
    {
        var score = MatchScore.Start(RuleSet.AirVolleyball)
            .ChooseFirstServer(Team.B).Rally(Team.A).Timeout(Team.B).Undo();

        MatchEvent[] expected = [new FirstServerChosen(Team.B), new RallyWon(Team.A), new TimeoutTaken(Team.B), new RallyUndone()];
        Assert.Equal(expected, score.Events);
    }

    [Fact]
    public void A_refused_entry_is_not_recorded()
    {
        var score = MatchScore.Start(RuleSet.AirVolleyball).Reach(21, 19);

        Assert.Throws<ScoringViolation>(() => score.Rally(Team.B));
        Assert.Equal(40, score.Events.Count);
        Assert.IsType<RallyWon>(score.Events[^1]);
    }

    [Fact]
    public void Replaying_a_log_the_rules_refuse_fails_as_the_live_entry_would()
    {
        MatchEvent[] log = [.. Enumerable.Repeat<MatchEvent>(new RallyWon(Team.A), 21), new RallyWon(Team.B)];

        var refused = Assert.Throws<ScoringViolation>(() => MatchScore.Replay(RuleSet.AirVolleyball, log));
        Assert.Equal(ScoringViolation.SetOver, refused.Code);
    }

    [Fact]
    public void A_replayed_score_carries_on_like_the_live_one()
    {
        var live = MatchScore.Start(RuleSet.AirVolleyball).PlaySets("21:19").Reach(10, 4);
        var replayed = MatchScore.Replay(RuleSet.AirVolleyball, live.Events);

        var liveEnd = live.Rallies(new string('A', 11)).ConfirmSetEnd();
        var replayedEnd = replayed.Rallies(new string('A', 11)).ConfirmSetEnd();

        Assert.Equal(MatchScoreStatus.MatchOver, replayedEnd.Status);
        Assert.Equal(liveEnd.Sets, replayedEnd.Sets);
    }
}
