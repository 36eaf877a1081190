using Engagement.Tests.Testing;
using Engagement.Tournament;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>
/// A scorer's tap raced against the organiser's schedule change or correction, each pair sent at once
/// several times over. A match reports to its tournament and the tournament commands its matches, so
/// neither waits on the other (nothing waits for a timeout); the answers, the match, the tournament's
/// fixture and both after a restart must tell one story.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentRaceTests(ClusterFixture fixture)
{
    private const int Tries = 4;
    private readonly TournamentDriver _driver = new(fixture);

    /// <summary>What a scorer and the big screen would compare: teams, status, sets, current score and court.</summary>
    private static string Seen(MatchView m) =>
        $"{m.TeamA} v {m.TeamB} {m.Status} [{string.Join(",", m.Sets.Select(s => $"{s.A}:{s.B}"))}] {m.Current?.A}:{m.Current?.B} @{m.Court}";

    private static string Seen(Fixture f) =>
        $"{f.TeamA} v {f.TeamB} {f.Status} @{f.Court} {f.Winner} [{string.Join(",", f.Sets.Select(s => $"{s.A}:{s.B}"))}]";

    private async Task<(string Match, string Fixture)> SeenAfterRestart(string id, string matchId)
    {
        await fixture.Cluster.DeactivateAsync(_driver.Match(id, matchId));
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ITournamentGrain>(id));
        var match = await _driver.Match(id, matchId).Get();
        var tournament = await fixture.Client.GetGrain<ITournamentGrain>(id).Get();
        return (Seen(match), Seen(TournamentDriver.FixtureOf(tournament, matchId)));
    }

    [Fact]
    public async Task A_court_change_and_the_first_rally_sent_at_once_keep_the_rally_and_the_new_court_also_after_a_restart()
    {
        for (var i = 0; i < Tries; i++)
        {
            var (id, tournament, _) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout), TournamentDriver.Teams(4));
            var match = _driver.Match(id, "R1-M1");

            var (schedule, tap) = await Race.AtOnce(
                () => tournament.Schedule("R1-M1", "2号场", null),
                () => match.Score(ScoringAction.Rally, "A", TournamentDriver.Scorer));

            Assert.True(schedule.Accepted && tap.Accepted, schedule.Refusal?.Code ?? tap.Refusal?.Code);
            var shown = await match.Get();
            // The same two teams on a new court: the score stands, whichever came first.
            Assert.Equal(("InProgress", 1, 0, "2号场"), (shown.Status, shown.Current!.A, shown.Current.B, shown.Court));
            var fixtureShown = TournamentDriver.FixtureOf(await tournament.Get(), "R1-M1");
            Assert.Equal((FixtureStatus.Running, "2号场"), (fixtureShown.Status, fixtureShown.Court));
            Assert.Equal((Seen(shown), Seen(fixtureShown)), await SeenAfterRestart(id, "R1-M1"));
        }
    }

    /// <param name="semiFinalStarted">
    /// True: the semi-final is under way, so the correction resets it while its scorer taps. False: the tap
    /// is the semi-final's first rally, whose report to the tournament meets the tournament preparing the
    /// match again with its new teams (once a call cycle that waited for the response timeout).
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_correction_that_changes_a_semi_finals_teams_and_a_rally_on_it_sent_at_once_leave_the_new_pairing_and_no_stale_start(bool semiFinalStarted)
    {
        for (var i = 0; i < Tries; i++)
        {
            var (id, tournament, view) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout), TournamentDriver.Teams(8));
            foreach (var quarterFinal in new[] { "R1-M1", "R1-M2" }.Select(m => TournamentDriver.FixtureOf(view, m)))
            {
                await _driver.PlayMatch(id, quarterFinal, new MatchPlan(TournamentDriver.Favourite(quarterFinal)));
            }

            var semiFinal = _driver.Match(id, "R2-M1");
            if (semiFinalStarted)
            {
                await semiFinal.Score(ScoringAction.Rally, "A", TournamentDriver.Scorer);
            }

            var quarterFinal1 = TournamentDriver.FixtureOf(await tournament.Get(), "R1-M1");
            var corrected = TournamentDriver.TwoNil(quarterFinal1, "t8");

            var (correction, tap) = await Race.AtOnce(
                () => tournament.Correct("R1-M1", corrected),
                () => semiFinal.Score(ScoringAction.Rally, "B", TournamentDriver.Scorer));

            Assert.True(correction.Accepted, correction.Refusal?.Code);
            var shown = await semiFinal.Get();
            var fixtureShown = TournamentDriver.FixtureOf(await tournament.Get(), "R2-M1");
            Assert.Equal(("t8", "t4"), (shown.TeamA, shown.TeamB));
            Assert.Equal(("t8", "t4"), (fixtureShown.TeamA, fixtureShown.TeamB));
            if (tap.Accepted && tap.Value!.TeamA == "t8")
            {
                // The tap came after the correction: it is the new pairing's first rally.
                Assert.Equal(("InProgress", FixtureStatus.Running, 0, 1), (shown.Status, fixtureShown.Status, shown.Current!.A, shown.Current.B));
            }
            else
            {
                // The tap came first (on t1 v t4, since reset) or found the match between reset and prepare:
                // the new pairing starts from nothing, and the old match's report is not taken as a start.
                Assert.True(!tap.Accepted ? tap.Refusal!.Code == "match.not-ready" : tap.Value!.TeamA == "t1", $"tap: {tap.Refusal?.Code} {tap.Value?.TeamA}");
                Assert.Equal(("NotStarted", FixtureStatus.Ready), (shown.Status, fixtureShown.Status));
            }

            Assert.Equal((Seen(shown), Seen(fixtureShown)), await SeenAfterRestart(id, "R2-M1"));
        }
    }

    [Fact]
    public async Task A_confirming_tap_and_a_schedule_change_of_the_match_it_feeds_sent_at_once_both_land()
    {
        for (var i = 0; i < Tries; i++)
        {
            var (id, tournament, view) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout), TournamentDriver.Teams(4));
            var first = TournamentDriver.FixtureOf(view, "R1-M1");
            await _driver.PlayMatch(id, TournamentDriver.FixtureOf(view, "R1-M2"), new MatchPlan(TournamentDriver.Favourite(TournamentDriver.FixtureOf(view, "R1-M2"))));
            var match = _driver.Match(id, "R1-M1");
            await TournamentDriver.PlaySet(match, "A", 0);
            await TournamentDriver.PlaySet(match, "A", 0);

            var (confirm, schedule) = await Race.AtOnce(
                () => match.Score(ScoringAction.ConfirmMatch, null, TournamentDriver.Scorer),
                () => tournament.Schedule("R2-M1", "中心场", null));

            Assert.True(confirm.Accepted && schedule.Accepted, confirm.Refusal?.Code ?? schedule.Refusal?.Code);
            var final = TournamentDriver.FixtureOf(await tournament.Get(), "R2-M1");
            Assert.Equal((first.TeamA, FixtureStatus.Ready, "中心场"), (final.TeamA, final.Status, final.Court));
            var prepared = await _driver.Match(id, "R2-M1").Get();
            Assert.Equal((final.TeamA, final.TeamB, "中心场"), (prepared.TeamA, prepared.TeamB, prepared.Court));
            Assert.Equal((Seen(prepared), Seen(final)), await SeenAfterRestart(id, "R2-M1"));
        }
    }
}
