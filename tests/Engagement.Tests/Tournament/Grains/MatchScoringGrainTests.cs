using System.Text.Json;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Engagement.Tournament;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>The scoring rules as a scorer meets them through a match grain, and the match's ledger.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MatchScoringGrainTests(ClusterFixture fixture)
{
    private const string Scorer = TournamentDriver.Scorer;
    private readonly TournamentDriver _driver = new(fixture);

    /// <summary>A started round robin of four and its first fixture's match grain (prepared by the tournament).</summary>
    private async Task<(string Id, ITournamentGrain Tournament, Fixture Fixture, IMatchGrain Match)> FirstMatch()
    {
        var (id, tournament, view) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.RoundRobin), TournamentDriver.Teams(4));
        var first = view.Matches[0];
        var match = _driver.Match(id, first.MatchId);
        var prepared = await match.Get();
        Assert.Equal(("NotStarted", first.TeamA, first.TeamB), (prepared.Status, prepared.TeamA, prepared.TeamB));
        return (id, tournament, first, match);
    }

    private static async Task<RuleViolation> Refused(Func<Task> action, string code)
    {
        var refusal = await Assert.ThrowsAsync<RuleViolation>(action);
        Assert.Equal((code, ViolationKind.Conflict), (refusal.Code, refusal.Kind));
        return refusal;
    }

    private static async Task<MatchView> Rallies(IMatchGrain match, string team, int count)
    {
        var view = await match.Get();
        for (var i = 0; i < count; i++)
        {
            view = await match.Score(ScoringAction.Rally, team, Scorer);
        }

        return view;
    }

    [Fact]
    public async Task A_set_the_rules_have_ended_refuses_rallies_until_confirmed_and_undo_works_until_then()
    {
        var (id, tournament, first, match) = await FirstMatch();

        var view = await Rallies(match, "A", 20);
        Assert.Equal(("InProgress", new SetPoints(20, 0)), (view.Status, view.Current));
        await Refused(() => match.Score(ScoringAction.ConfirmSet, null, Scorer), "scoring.set-not-over");
        // Scoring has begun: the tournament shows the match as running.
        Assert.Equal(FixtureStatus.Running, TournamentDriver.FixtureOf(await tournament.Get(), first.MatchId).Status);

        view = await match.Score(ScoringAction.Rally, "A", Scorer);
        Assert.Equal(("SetOver", new SetPoints(21, 0), 1), (view.Status, view.Current, view.SetNumber));
        var version = view.Version;
        await Refused(() => match.Score(ScoringAction.Rally, "B", Scorer), "scoring.set-over");
        await Refused(() => match.Score(ScoringAction.Rally, "A", Scorer), "scoring.set-over");
        Assert.Equal((version, new SetPoints(21, 0)), ((await match.Get()).Version, (await match.Get()).Current)); // refusals leave no trace

        // Before confirmation the last rally can be taken back, and the set goes on.
        view = await match.Score(ScoringAction.Undo, null, Scorer);
        Assert.Equal(("InProgress", new SetPoints(20, 0)), (view.Status, view.Current));
        Assert.Empty(view.Sets);
        view = await match.Score(ScoringAction.Rally, "B", Scorer);
        Assert.Equal(("InProgress", new SetPoints(20, 1)), (view.Status, view.Current));
        view = await match.Score(ScoringAction.Rally, "A", Scorer);
        Assert.Equal(("SetOver", new SetPoints(21, 1)), (view.Status, view.Current));

        view = await match.Score(ScoringAction.ConfirmSet, null, Scorer);
        Assert.Equal(("InProgress", 2, new SetPoints(0, 0)), (view.Status, view.SetNumber, view.Current));
        Assert.Equal([new SetPoints(21, 1)], view.Sets);
        Assert.Equal((1, 0), (view.SetsA, view.SetsB));
        // A confirmed set is out of the scorer's reach: undo does not go back into it.
        await Refused(() => match.Score(ScoringAction.Undo, null, Scorer), "scoring.set-confirmed");
        await Refused(() => match.Score(ScoringAction.ConfirmMatch, null, Scorer), "scoring.match-not-over");

        var kinds = (await _driver.Ledger.ReadAsync($"match:{id}/{first.MatchId}")).Select(e => e.Kind).ToList();
        Assert.Equal(["prepare", .. Enumerable.Repeat("Rally", 21), "Undo", "Rally", "Rally", "ConfirmSet"], kinds);
    }

    [Fact]
    public async Task Timeouts_are_limited_per_team_per_set_and_renew_in_the_next_set()
    {
        var (_, _, _, match) = await FirstMatch();
        var limit = TournamentDriver.Rules.TimeoutsPerSet;
        Assert.Equal(2, limit);
        Assert.Equal((2, 2), ((await match.Get()).TimeoutsLeftA, (await match.Get()).TimeoutsLeftB));

        await Rallies(match, "B", 3);
        var view = await match.Score(ScoringAction.Timeout, "A", Scorer);
        Assert.Equal((1, 2), (view.TimeoutsLeftA, view.TimeoutsLeftB));
        view = await match.Score(ScoringAction.Timeout, "A", Scorer);
        Assert.Equal((0, 2), (view.TimeoutsLeftA, view.TimeoutsLeftB));
        var refusal = await Refused(() => match.Score(ScoringAction.Timeout, "A", Scorer), "scoring.no-timeouts-left");
        Assert.Equal(["A"], refusal.Args);
        view = await match.Score(ScoringAction.Timeout, "B", Scorer); // the other team still has its own
        Assert.Equal((0, 1), (view.TimeoutsLeftA, view.TimeoutsLeftB));
        Assert.Equal(new SetPoints(0, 3), view.Current); // a timeout is no point

        view = await TournamentDriver.PlaySet(match, "B", 0);
        Assert.Equal(("InProgress", 2), (view.Status, view.SetNumber));
        Assert.Equal((limit, limit), (view.TimeoutsLeftA, view.TimeoutsLeftB));
        await match.Score(ScoringAction.Timeout, "A", Scorer);
        view = await match.Score(ScoringAction.Timeout, "A", Scorer);
        Assert.Equal(0, view.TimeoutsLeftA);
        await Refused(() => match.Score(ScoringAction.Timeout, "A", Scorer), "scoring.no-timeouts-left");
    }

    [Fact]
    public async Task A_forfeit_is_a_two_nil_result_with_every_set_lost_nil_to_the_target_and_is_reported_to_the_tournament()
    {
        var (id, tournament, first, match) = await FirstMatch();
        await Rallies(match, "A", 5);
        await Rallies(match, "B", 3);

        // Team A does not continue: B wins 21:0, 21:0 whatever the score was.
        var view = await match.Score(ScoringAction.Forfeit, "A", Scorer);
        Assert.Equal(("Forfeited", first.TeamB, 0, 2), (view.Status, view.Winner, view.SetsA, view.SetsB));
        Assert.Equal([new SetPoints(0, 21), new SetPoints(0, 21)], view.Sets);
        await Refused(() => match.Score(ScoringAction.Rally, "B", Scorer), "scoring.match-closed");

        var after = await tournament.Get();
        var result = TournamentDriver.FixtureOf(after, first.MatchId);
        Assert.Equal((FixtureStatus.Completed, first.TeamB, "Forfeited"), (result.Status, result.Winner, result.Ending));
        Assert.Equal([new SetPoints(0, 21), new SetPoints(0, 21)], result.Sets);

        // In the table the winner gets the forfeit win's points and the forfeiting team the forfeit loss's (0).
        var table = Assert.Single(after.Groups).Standings;
        var winner = Assert.Single(table, s => s.TeamId == first.TeamB);
        var loser = Assert.Single(table, s => s.TeamId == first.TeamA);
        Assert.Equal((1, 1, TournamentDriver.Rules.ForfeitWinPoints, 2, 0, 42, 0), (winner.Played, winner.Won, winner.MatchPoints, winner.SetsWon, winner.SetsLost, winner.PointsWon, winner.PointsLost));
        Assert.Equal((1, 1, TournamentDriver.Rules.ForfeitLossPoints, 0, 2, 0, 42), (loser.Played, loser.Lost, loser.MatchPoints, loser.SetsWon, loser.SetsLost, loser.PointsWon, loser.PointsLost));
        Assert.Equal(0, loser.MatchPoints);
        Assert.Equal(1, winner.Position);

        var audit = await _driver.Ledger.ReadAsync($"tournament:{id}");
        Assert.Null(LedgerEntry.FirstBroken(audit));
        var reported = Assert.Single(audit, e => e.Kind == "result");
        using var data = JsonDocument.Parse(reported.Data);
        Assert.Equal((first.MatchId, first.TeamB, "Forfeited"), (
            data.RootElement.GetProperty("matchId").GetString(),
            data.RootElement.GetProperty("Winner").GetString(),
            data.RootElement.GetProperty("Ending").GetString()));
    }

    [Fact]
    public async Task A_reactivated_match_grain_replays_its_ledger_to_the_same_score()
    {
        var (id, tournament, first, match) = await FirstMatch();

        // Set 1: B leads 18:0, A comes back to 21:18 (one rally undone on the way).
        await Rallies(match, "B", 18);
        await Rallies(match, "A", 20);
        await match.Score(ScoringAction.Undo, null, Scorer);
        var view = await Rallies(match, "A", 2);
        Assert.Equal(("SetOver", new SetPoints(21, 18)), (view.Status, view.Current));
        await match.Score(ScoringAction.ConfirmSet, null, Scorer);

        // Set 2, part way: a timeout each for B, a rally undone.
        await match.Score(ScoringAction.Timeout, "B", Scorer);
        await Rallies(match, "B", 10);
        await Rallies(match, "A", 5);
        view = await match.Score(ScoringAction.Undo, null, Scorer);
        Assert.Equal((new SetPoints(4, 10), 1), (view.Current, view.TimeoutsLeftB));
        await AssertReplaysTheSame(match);

        // The reactivated grain goes on from there with the same rules: B has one timeout left, not two.
        await match.Score(ScoringAction.Timeout, "B", Scorer);
        await Refused(() => match.Score(ScoringAction.Timeout, "B", Scorer), "scoring.no-timeouts-left");
        view = await TournamentDriver.PlaySet(match, "B", 4);
        Assert.Equal([new SetPoints(21, 18), new SetPoints(4, 21)], view.Sets);

        // Deciding set to 15: A reaches 8 first and the teams change sides; that survives a reactivation too.
        await Rallies(match, "B", 6);
        view = await Rallies(match, "A", 8);
        Assert.Equal((3, new SetPoints(8, 6), true), (view.SetNumber, view.Current, view.SideSwitchDue));
        await AssertReplaysTheSame(match);
        view = await TournamentDriver.PlaySet(match, "A", 6);
        Assert.Equal(("MatchOver", first.TeamA), (view.Status, view.Winner));
        await AssertReplaysTheSame(match);

        view = await match.Score(ScoringAction.ConfirmMatch, null, Scorer);
        Assert.Equal("Finished", view.Status);
        await AssertReplaysTheSame(match);
        await Refused(() => match.Score(ScoringAction.Rally, "A", Scorer), "scoring.match-closed");

        var result = TournamentDriver.FixtureOf(await tournament.Get(), first.MatchId);
        Assert.Equal((FixtureStatus.Completed, first.TeamA, "Finished"), (result.Status, result.Winner, result.Ending));
        Assert.Equal([new SetPoints(21, 18), new SetPoints(4, 21), new SetPoints(15, 6)], result.Sets);
        var stream = await _driver.Ledger.ReadAsync($"match:{id}/{first.MatchId}");
        Assert.Null(LedgerEntry.FirstBroken(stream));
        Assert.Equal((long)stream.Count, (await match.Get()).Version);
    }

    /// <summary>Deactivates the match grain and checks that the new activation, rebuilt from the ledger, shows the same.</summary>
    private async Task AssertReplaysTheSame(IMatchGrain match)
    {
        var before = TournamentDriver.Json(await match.Get());
        await fixture.Cluster.DeactivateAsync(match);
        Assert.False(fixture.Cluster.TryGetGrainContext(match.GetGrainId(), out _));
        Assert.Equal(before, TournamentDriver.Json(await match.Get()));
    }
}
