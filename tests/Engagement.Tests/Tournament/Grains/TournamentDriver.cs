using System.Text.Json;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Engagement.Tournament;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>How a test wants one match to go: who wins, and how close the sets are.</summary>
/// <param name="LoserPoints">The loser's points in every non-deciding set (0 keeps tests fast: 21:0 is a valid set).</param>
/// <param name="ToDecidingSet">The loser takes the second set, so the match goes to the deciding set.</param>
/// <param name="DecidingLoserPoints">The loser's points in the deciding set.</param>
public sealed record MatchPlan(string Winner, int LoserPoints = 0, bool ToDecidingSet = false, int DecidingLoserPoints = 10);

/// <summary>
/// Sets up tournaments and plays their matches through the grain API, rally by rally, the way a scorer's
/// tablet does: rallies until the rules end the set, ConfirmSet, and ConfirmMatch once the match is decided.
/// </summary>
internal sealed class TournamentDriver(ClusterFixture fixture)
{
    public const string Scorer = "scorer";

    public static RuleSetSettings Rules => RuleSets.Presets["air-volleyball"];

    private static int DecidingSet => (2 * Rules.SetsToWin) - 1;

    private IClusterClient Client => fixture.Client;

    public ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    public static TournamentSetup Setup(
        TournamentFormat format, int groups = 0, int advancePerGroup = 0, bool thirdPlace = false, bool grandFinalReset = false,
        bool separateDistricts = false) =>
        new("气排球比赛", format, groups, 1, advancePerGroup, thirdPlace, grandFinalReset, separateDistricts, null, Rules, []);

    /// <summary>Teams "t1" … "tN", seeded 1 … N in that order.</summary>
    public static IReadOnlyList<TeamEntry> Teams(int count, Func<int, string?>? district = null) =>
        Enumerable.Range(1, count)
            .Select(i => new TeamEntry($"t{i}", $"第{i}队", $"b{i}", district?.Invoke(i), i, [$"队员{i}-1", $"队员{i}-2"]))
            .ToList();

    /// <summary>The seed of "tN".</summary>
    public static int SeedOf(string teamId) => int.Parse(teamId[1..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Of a fixture's two teams, the better seed (lower number).</summary>
    public static string Favourite(Fixture f) => SeedOf(f.TeamA!) < SeedOf(f.TeamB!) ? f.TeamA! : f.TeamB!;

    /// <summary>Of a fixture's two teams, the worse seed (higher number).</summary>
    public static string Underdog(Fixture f) => SeedOf(f.TeamA!) < SeedOf(f.TeamB!) ? f.TeamB! : f.TeamA!;

    public static string Loser(Fixture f) => f.Winner == f.TeamA ? f.TeamB! : f.TeamA!;

    public static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Creates the tournament through the tournaments list, configures and starts it.</summary>
    public async Task<(string Id, ITournamentGrain Grain, TournamentView View)> Start(TournamentSetup setup, IReadOnlyList<TeamEntry> teams)
    {
        var summary = await Client.GetGrain<ITournamentsGrain>(0).Create(setup.Title);
        var tournament = Client.GetGrain<ITournamentGrain>(summary.TournamentId);
        var configured = await tournament.Configure(setup, teams);
        Assert.Equal(TournamentStatus.Setup, configured.Status);
        var started = await tournament.Start();
        Assert.Equal(TournamentStatus.Running, started.Status);
        return (summary.TournamentId, tournament, started);
    }

    public IMatchGrain Match(string tournamentId, string matchId) => Client.GetGrain<IMatchGrain>($"{tournamentId}/{matchId}");

    public static Fixture FixtureOf(TournamentView view, string matchId) => Assert.Single(view.Matches, m => m.MatchId == matchId);

    /// <summary>
    /// Plays every Ready fixture with both teams, as <paramref name="plan"/> decides, and again with whatever
    /// that made ready, until the tournament is Finished. Returns the final view and the plan of every match played.
    /// </summary>
    public async Task<(TournamentView View, Dictionary<string, MatchPlan> Played)> PlayUntilFinished(
        string tournamentId, ITournamentGrain tournament, Func<Fixture, MatchPlan> plan)
    {
        var played = new Dictionary<string, MatchPlan>();
        var view = await tournament.Get();
        for (var pass = 0; view.Status != TournamentStatus.Finished; pass++)
        {
            Assert.True(pass < 20, "The tournament should finish within 20 passes.");
            var ready = view.Matches.Where(m => m is { Status: FixtureStatus.Ready, TeamA: not null, TeamB: not null }).ToList();
            Assert.True(ready.Count > 0, $"Running but nothing is ready: {string.Join("; ", view.Matches.Select(m => $"{m.MatchId} {m.Status} {m.TeamA} v {m.TeamB}"))}");
            foreach (var match in ready)
            {
                var how = plan(match);
                await PlayMatch(tournamentId, match, how);
                played.Add(match.MatchId, how);
            }

            view = await tournament.Get();
        }

        return (view, played);
    }

    /// <summary>Plays one prepared match from its current score to the end, then confirms the match.</summary>
    public async Task<MatchView> PlayMatch(string tournamentId, Fixture fixtureToPlay, MatchPlan plan)
    {
        var match = Match(tournamentId, fixtureToPlay.MatchId);
        var view = await match.Get();
        Assert.Equal((fixtureToPlay.TeamA, fixtureToPlay.TeamB), (view.TeamA, view.TeamB));
        var winner = plan.Winner == view.TeamA ? "A" : plan.Winner == view.TeamB ? "B" : throw new ArgumentException($"{plan.Winner} is not in {fixtureToPlay.MatchId}");
        var loser = winner == "A" ? "B" : "A";

        await PlaySet(match, winner, plan.LoserPoints);
        if (plan.ToDecidingSet)
        {
            await PlaySet(match, loser, plan.LoserPoints);
            await PlaySet(match, winner, plan.DecidingLoserPoints);
        }
        else
        {
            await PlaySet(match, winner, plan.LoserPoints);
        }

        view = await match.Get();
        Assert.Equal("MatchOver", view.Status);
        Assert.Equal(plan.Winner, view.Winner);
        view = await match.Score(ScoringAction.ConfirmMatch, null, Scorer);
        Assert.Equal("Finished", view.Status);
        return view;
    }

    /// <summary>
    /// From the current score of the set: the loser's rallies up to <paramref name="loserPoints"/>, then the
    /// winner's until the rules end the set (21:15, or 15:10 in the deciding set), then ConfirmSet.
    /// </summary>
    public static async Task<MatchView> PlaySet(IMatchGrain match, string winnerSide, int loserPoints)
    {
        var loserSide = winnerSide == "A" ? "B" : "A";
        var view = await match.Get();
        var target = view.SetNumber == DecidingSet ? Rules.DecidingSetPoints : Rules.PointsPerSet;
        Assert.True(loserPoints <= target - Rules.LeadNeeded, "The helper plays sets the winner takes at the target.");
        var current = view.Current ?? new SetPoints(0, 0);
        for (var lost = loserSide == "A" ? current.A : current.B; lost < loserPoints; lost++)
        {
            view = await match.Score(ScoringAction.Rally, loserSide, Scorer);
        }

        for (var rallies = 0; view.Status != "SetOver"; rallies++)
        {
            Assert.True(rallies <= target, $"Set {view.SetNumber} should be over by now: {view.Current}");
            view = await match.Score(ScoringAction.Rally, winnerSide, Scorer);
        }

        var final = view.Current!;
        Assert.Equal((target, loserPoints), winnerSide == "A" ? (final.A, final.B) : (final.B, final.A));
        return await match.Score(ScoringAction.ConfirmSet, null, Scorer);
    }

    /// <summary>The set scores (team A first) a plan produces when played from 0:0.</summary>
    public static IReadOnlyList<SetPoints> ExpectedSets(Fixture f, MatchPlan plan)
    {
        var byWinner = plan.ToDecidingSet
            ? new[] { (Rules.PointsPerSet, plan.LoserPoints), (plan.LoserPoints, Rules.PointsPerSet), (Rules.DecidingSetPoints, plan.DecidingLoserPoints) }
            : new[] { (Rules.PointsPerSet, plan.LoserPoints), (Rules.PointsPerSet, plan.LoserPoints) };
        return byWinner.Select(s => plan.Winner == f.TeamA ? new SetPoints(s.Item1, s.Item2) : new SetPoints(s.Item2, s.Item1)).ToList();
    }

    /// <summary>A played 2-0 outcome for <paramref name="winner"/>, team A's points first.</summary>
    public static MatchOutcome TwoNil(Fixture f, string winner, int loserPoints = 0) =>
        new(ExpectedSets(f, new MatchPlan(winner, loserPoints)), winner, "Finished");
}
