using Engagement.Tests.Testing;
using Engagement.Tournament;
using Brackets = Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>Whole tournaments played match by match, rally by rally, through the grain API.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentPlayThroughTests(ClusterFixture fixture)
{
    private readonly TournamentDriver _driver = new(fixture);

    /// <summary>Four districts, four teams each; serpentine alone would put seeds 1 and 9 (both 片区1) in group A.</summary>
    private static string DistrictOf(int seed) => $"片区{((seed - 1) % 4) + 1}";

    [Fact]
    public async Task Sixteen_teams_in_four_groups_then_a_knockout_of_the_top_two_reach_a_champion_through_the_match_grains()
    {
        var teams = TournamentDriver.Teams(16, DistrictOf);
        var setup = TournamentDriver.Setup(TournamentFormat.GroupsThenKnockout, groups: 4, advancePerGroup: 2, thirdPlace: true, separateDistricts: true);
        var (id, tournament, started) = await _driver.Start(setup, teams);

        // The draw: four groups of four, one team from each pot of seeds, no two teams of a district together.
        Assert.Equal(["A", "B", "C", "D"], started.Groups.Select(g => g.Name));
        foreach (var group in started.Groups)
        {
            Assert.Equal([1, 2, 3, 4], group.TeamIds.Select(t => ((TournamentDriver.SeedOf(t) - 1) / 4) + 1).Order());
            Assert.Equal(4, group.TeamIds.Select(t => DistrictOf(TournamentDriver.SeedOf(t))).Distinct().Count());
            Assert.False(group.Complete);
        }

        Assert.Equal(16, started.Groups.SelectMany(g => g.TeamIds).Distinct().Count());
        // Before any result the knockout has no teams.
        Assert.All(started.Matches.Where(m => m.Stage != "group"), m => Assert.Equal((FixtureStatus.Locked, (string?)null, (string?)null), (m.Status, m.TeamA, m.TeamB)));

        // Groups and semi-finals: the better seed wins. The final goes to three sets and the worse seed wins it;
        // so does the third-place match. Knockout sets are 21:15 (15:10 in a deciding set), group sets 21:0.
        var (view, played) = await _driver.PlayUntilFinished(id, tournament, f => f.Stage switch
        {
            "group" => new MatchPlan(TournamentDriver.Favourite(f)),
            "Main" when f.Round == 3 => new MatchPlan(TournamentDriver.Underdog(f), LoserPoints: 15, ToDecidingSet: true, DecidingLoserPoints: 10),
            "ThirdPlace" => new MatchPlan(TournamentDriver.Underdog(f), LoserPoints: 15),
            _ => new MatchPlan(TournamentDriver.Favourite(f), LoserPoints: 15),
        });

        Assert.Equal(TournamentStatus.Finished, view.Status);
        Assert.Equal(32, view.Matches.Count);
        Assert.Equal(24, view.Matches.Count(m => m.Stage == "group"));
        Assert.Equal([4, 2, 1], view.Matches.Where(m => m.Stage == "Main").GroupBy(m => m.Round).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Single(view.Matches, m => m.Stage == "ThirdPlace");
        Assert.All(view.Matches, m => Assert.Equal(FixtureStatus.Completed, m.Status));
        Assert.Equal(32, played.Count);
        foreach (var match in view.Matches)
        {
            // Every result came from its match grain: the sets played, the winner, a played ending.
            var plan = played[match.MatchId];
            Assert.Equal((plan.Winner, "Finished"), (match.Winner, match.Ending));
            Assert.Equal(TournamentDriver.ExpectedSets(match, plan), match.Sets);
        }

        // Group tables: complete, positions 1–4 in seed order (3, 2, 1, 0 wins; 2 points a win, 1 a loss).
        var places = new Dictionary<string, string>();
        foreach (var group in view.Groups)
        {
            Assert.True(group.Complete);
            Assert.Equal(group.TeamIds.OrderBy(TournamentDriver.SeedOf), group.Standings.Select(s => s.TeamId));
            Assert.Equal([1, 2, 3, 4], group.Standings.Select(s => s.Position));
            Assert.Equal([3, 2, 1, 0], group.Standings.Select(s => s.Won));
            Assert.Equal([6, 5, 4, 3], group.Standings.Select(s => s.MatchPoints));
            Assert.All(group.Standings, s => Assert.Equal((3, false), (s.Played, s.Tied)));
            foreach (var line in group.Standings)
            {
                places[$"{group.Name}{line.Position}"] = line.TeamId;
            }
        }

        // The quarter-finals are filled by group position as Knockout.FromGroups crosses them.
        var line1 = Brackets.Knockout.FromGroups(4, 2);
        var quarterFinals = view.Matches.Where(m => m is { Stage: "Main", Round: 1 }).OrderBy(m => m.MatchId, StringComparer.Ordinal).ToList();
        Assert.Equal(["A1 v B2", "D1 v C2", "B1 v A2", "C1 v D2"], quarterFinals.Select(m => $"{m.SourceA} v {m.SourceB}"));
        for (var i = 0; i < quarterFinals.Count; i++)
        {
            Assert.Equal(Brackets.Knockout.MatchId(1, i + 1), quarterFinals[i].MatchId);
            Assert.Equal((line1[2 * i]!.ToString(), line1[(2 * i) + 1]!.ToString()), (quarterFinals[i].SourceA, quarterFinals[i].SourceB));
            Assert.Equal((places[quarterFinals[i].SourceA], places[quarterFinals[i].SourceB]), (quarterFinals[i].TeamA, quarterFinals[i].TeamB));
        }

        // Winners move on: the semi-finals are the quarter-final winners, the final the semi-final winners.
        var semiFinals = new[] { TournamentDriver.FixtureOf(view, "R2-M1"), TournamentDriver.FixtureOf(view, "R2-M2") };
        Assert.Equal((quarterFinals[0].Winner, quarterFinals[1].Winner), (semiFinals[0].TeamA, semiFinals[0].TeamB));
        Assert.Equal((quarterFinals[2].Winner, quarterFinals[3].Winner), (semiFinals[1].TeamA, semiFinals[1].TeamB));
        var final = TournamentDriver.FixtureOf(view, "R3-M1");
        Assert.Equal((semiFinals[0].Winner, semiFinals[1].Winner), (final.TeamA, final.TeamB));

        // The champion is the final's winner (here the worse seed, in three sets), not simply the top seed.
        Assert.NotNull(view.Champion);
        Assert.Equal(final.Winner, view.Champion);
        Assert.Equal(TournamentDriver.Underdog(final), view.Champion);
        Assert.Equal(3, final.Sets.Count);

        // The third-place match was between the two semi-final losers.
        var third = TournamentDriver.FixtureOf(view, Brackets.Knockout.ThirdPlaceId);
        Assert.Equal(("L:R2-M1", "L:R2-M2"), (third.SourceA, third.SourceB));
        Assert.Equal((TournamentDriver.Loser(semiFinals[0]), TournamentDriver.Loser(semiFinals[1])), (third.TeamA, third.TeamB));
        Assert.DoesNotContain(view.Champion, new[] { third.TeamA, third.TeamB });

        // The final's match grain agrees with the tournament.
        var finalMatch = await _driver.Match(id, "R3-M1").Get();
        Assert.Equal(("Finished", final.Winner), (finalMatch.Status, finalMatch.Winner));
        Assert.Equal(final.Sets, finalMatch.Sets);
    }

    [Fact]
    public async Task A_round_robin_of_six_plays_every_pair_once_in_perfect_rounds_and_the_top_of_the_table_is_champion()
    {
        var (id, tournament, started) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.RoundRobin), TournamentDriver.Teams(6));

        Assert.Equal(15, started.Matches.Count);
        Assert.All(started.Matches, m => Assert.Equal(("group", "A", FixtureStatus.Ready), (m.Stage, m.Group, m.Status)));
        var pairs = started.Matches.Select(m => string.Join("|", new[] { m.TeamA!, m.TeamB! }.Order(StringComparer.Ordinal))).ToList();
        Assert.Equal(15, pairs.Distinct().Count());
        Assert.All(started.Matches, m => Assert.NotEqual(m.TeamA, m.TeamB));
        Assert.Equal(5, started.Matches.Select(m => m.Round).Distinct().Count());
        foreach (var round in started.Matches.GroupBy(m => m.Round))
        {
            Assert.Equal(6, round.SelectMany(m => new[] { m.TeamA, m.TeamB }).Distinct().Count()); // each team once a round
        }

        // The worse seed wins every match, so the table is upside down: t6 tops it, not seed 1.
        var (view, _) = await _driver.PlayUntilFinished(id, tournament, f => new MatchPlan(TournamentDriver.Underdog(f)));

        Assert.Equal(TournamentStatus.Finished, view.Status);
        var table = Assert.Single(view.Groups);
        Assert.True(table.Complete);
        Assert.Equal(["t6", "t5", "t4", "t3", "t2", "t1"], table.Standings.Select(s => s.TeamId));
        Assert.Equal([1, 2, 3, 4, 5, 6], table.Standings.Select(s => s.Position));
        Assert.Equal([5, 4, 3, 2, 1, 0], table.Standings.Select(s => s.Won));
        Assert.All(table.Standings, s => Assert.Equal(5, s.Played));
        Assert.Equal("t6", view.Champion);
        Assert.Equal(table.Standings[0].TeamId, view.Champion);
    }

    [Fact]
    public async Task A_double_elimination_of_four_is_played_to_a_champion_through_the_grand_final_reset()
    {
        var setup = TournamentDriver.Setup(TournamentFormat.DoubleElimination, grandFinalReset: true);
        var (id, tournament, started) = await _driver.Start(setup, TournamentDriver.Teams(4));
        Assert.Equal(("t1", "t4"), (TournamentDriver.FixtureOf(started, "WB-R1-M1").TeamA, TournamentDriver.FixtureOf(started, "WB-R1-M1").TeamB));
        Assert.Equal(("t2", "t3"), (TournamentDriver.FixtureOf(started, "WB-R1-M2").TeamA, TournamentDriver.FixtureOf(started, "WB-R1-M2").TeamB));

        // The better seed wins, except in the grand final and its reset, which the losers'-bracket champion
        // (bottom line) wins: t2 loses the winners' final to t1, comes back through the losers' bracket,
        // hands t1 its first loss in the grand final and beats it again in the reset.
        var (view, played) = await _driver.PlayUntilFinished(id, tournament, f =>
            new MatchPlan(f.MatchId.StartsWith("GF", StringComparison.Ordinal) ? f.TeamB! : TournamentDriver.Favourite(f)));

        Assert.Equal(TournamentStatus.Finished, view.Status);
        Assert.Equal(
            ["GF", "GF-RESET", "LB-R1-M1", "LB-R2-M1", "WB-R1-M1", "WB-R1-M2", "WB-R2-M1"],
            view.Matches.Select(m => m.MatchId).Order(StringComparer.Ordinal));
        Assert.All(view.Matches, m => Assert.Equal(FixtureStatus.Completed, m.Status));
        Assert.Equal(7, played.Count);
        // Losers' round 1: the loser of WB-R1-M1 (t4) against the loser of WB-R1-M2 (t3).
        Assert.Equal(("t4", "t3"), (TournamentDriver.FixtureOf(view, "LB-R1-M1").TeamA, TournamentDriver.FixtureOf(view, "LB-R1-M1").TeamB));
        var grandFinal = TournamentDriver.FixtureOf(view, "GF");
        var reset = TournamentDriver.FixtureOf(view, "GF-RESET");
        Assert.Equal(("t1", "t2", "t2"), (grandFinal.TeamA, grandFinal.TeamB, grandFinal.Winner));
        Assert.Equal(("t1", "t2", "t2"), (reset.TeamA, reset.TeamB, reset.Winner));
        Assert.Equal("t2", view.Champion);

        // Everyone but the champion is out after exactly two losses; the champion lost once.
        var losses = view.Matches.GroupBy(TournamentDriver.Loser).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["t1"] = 2, ["t2"] = 1, ["t3"] = 2, ["t4"] = 2 }, losses);
    }
}
