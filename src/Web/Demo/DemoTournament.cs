using Engagement.Access;
using Engagement.Organisation;
using Engagement.Tournament;

namespace Engagement.Web.Demo;

/// <summary>
/// The demo air-volleyball tournament: 16 branch teams in 4 groups of 4, then an 8-team knockout with a
/// third-place match, on four courts; most of the group stage already played, one match running, and a
/// scorer link per court, so a newcomer sees tables, a bracket and a live court at once.
/// </summary>
public static class DemoTournament
{
    private static readonly string[] Courts = ["1号场地", "2号场地", "3号场地", "4号场地"];

    public static async Task SeedAsync(IGrainFactory grains, ILogger logger)
    {
        var list = grains.GetGrain<ITournamentsGrain>(0);
        if ((await list.List()).Count > 0)
        {
            return;
        }

        var overview = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetOverview();
        var teams = overview.Branches.Take(16)
            .Select((b, i) => new TeamEntry($"t{i + 1}", b.Name.Replace("党支部", "队"), b.BranchId, b.District, i + 1, []))
            .ToList();
        var created = await list.Create("2026年教育系统气排球比赛");
        var tournament = grains.GetGrain<ITournamentGrain>(created.TournamentId);
        await tournament.Configure(new TournamentSetup(created.Title, TournamentFormat.GroupsThenKnockout, 4, 1, 2, true, false, true, null,
            RuleSets.Presets["air-volleyball"], []), teams);
        var view = await tournament.Start();

        var start = DateTimeOffset.Now.Date.AddHours(8).AddMinutes(30);
        var ordered = view.Matches.Where(m => m.Stage == "group").OrderBy(m => m.Round).ThenBy(m => m.Group).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            await tournament.Schedule(ordered[i].MatchId, Courts[i % Courts.Length], start.AddMinutes(40 * (i / Courts.Length)));
        }

        var random = new Random(11);
        foreach (var match in ordered.Take(ordered.Count - 3))
        {
            await Play(grains.GetGrain<IMatchGrain>($"{created.TournamentId}/{match.MatchId}"), random);
        }

        // One match under way on its court, mid-set.
        var running = grains.GetGrain<IMatchGrain>($"{created.TournamentId}/{ordered[^3].MatchId}");
        foreach (var team in new[] { "A", "B", "A", "A", "B", "A", "B", "B", "A", "A", "A", "B", "A" })
        {
            await running.Score(ScoringAction.Rally, team, "demo");
        }

        var grants = grains.GetGrain<IAccessGrantsGrain>(0);
        foreach (var court in Courts)
        {
            await grants.Create(new NewAccessGrant(GrantRole.Scorer, court, null, created.TournamentId));
        }

        logger.LogInformation("Demo tournament seeded: {TournamentId}, {Played} group matches played, one running", created.TournamentId, ordered.Count - 3);
    }

    /// <summary>Plays a whole match with plausible set scores, confirming each set as a scorer would.</summary>
    private static async Task Play(IMatchGrain match, Random random)
    {
        var winner = random.Next(2) == 0 ? "A" : "B";
        var loser = winner == "A" ? "B" : "A";
        var three = random.Next(3) == 0;
        string[] setWinners = three ? [winner, loser, winner] : [winner, winner];
        for (var set = 0; set < setWinners.Length; set++)
        {
            var target = set == 2 ? 15 : 21;
            var other = random.Next(8, target - 2);
            var setWinner = setWinners[set];
            var setLoser = setWinner == "A" ? "B" : "A";
            for (var p = 0; p < other; p++)
            {
                await match.Score(ScoringAction.Rally, setLoser, "demo");
                await match.Score(ScoringAction.Rally, setWinner, "demo");
            }

            for (var p = other; p < target; p++)
            {
                await match.Score(ScoringAction.Rally, setWinner, "demo");
            }

            await match.Score(ScoringAction.ConfirmSet, null, "demo");
        }

        await match.Score(ScoringAction.ConfirmMatch, null, "demo");
    }
}
