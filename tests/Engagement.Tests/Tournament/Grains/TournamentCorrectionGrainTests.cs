using System.Text.Json;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Engagement.Tournament;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>Corrections after the fact: exactly the dependent matches are reset, with an audit entry.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentCorrectionGrainTests(ClusterFixture fixture)
{
    private readonly TournamentDriver _driver = new(fixture);

    /// <summary>
    /// An 8-team knockout with a third-place match: quarter-finals 1–8, 4–5, 2–7, 3–6 won by the better seed,
    /// semi-final R2-M1 (t1 v t4) won by t1, semi-final R2-M2 (t2 v t3) under way at 1:0.
    /// </summary>
    private async Task<(string Id, ITournamentGrain Tournament, TournamentView View)> QuarterFinalsAndOneSemiFinal()
    {
        var (id, tournament, view) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout, thirdPlace: true), TournamentDriver.Teams(8));
        var quarterFinals = new[] { "R1-M1", "R1-M2", "R1-M3", "R1-M4" }.Select(m => TournamentDriver.FixtureOf(view, m)).ToList();
        Assert.Equal(["t1 v t8", "t4 v t5", "t2 v t7", "t3 v t6"], quarterFinals.Select(f => $"{f.TeamA} v {f.TeamB}"));
        foreach (var quarterFinal in quarterFinals)
        {
            await _driver.PlayMatch(id, quarterFinal, new MatchPlan(TournamentDriver.Favourite(quarterFinal)));
        }

        view = await tournament.Get();
        var semiFinal = TournamentDriver.FixtureOf(view, "R2-M1");
        Assert.Equal(("t1", "t4", FixtureStatus.Ready), (semiFinal.TeamA, semiFinal.TeamB, semiFinal.Status));
        await _driver.PlayMatch(id, semiFinal, new MatchPlan("t1", LoserPoints: 15));
        await _driver.Match(id, "R2-M2").Score(ScoringAction.Rally, "A", TournamentDriver.Scorer);

        view = await tournament.Get();
        Assert.Equal((FixtureStatus.Completed, "t1"), (TournamentDriver.FixtureOf(view, "R2-M1").Status, TournamentDriver.FixtureOf(view, "R2-M1").Winner));
        Assert.Equal(FixtureStatus.Running, TournamentDriver.FixtureOf(view, "R2-M2").Status);
        Assert.Equal(("t4", (string?)null), (TournamentDriver.FixtureOf(view, "3RD").TeamA, TournamentDriver.FixtureOf(view, "3RD").TeamB));
        Assert.Equal(("t1", (string?)null), (TournamentDriver.FixtureOf(view, "R3-M1").TeamA, TournamentDriver.FixtureOf(view, "R3-M1").TeamB));
        return (id, tournament, view);
    }

    [Fact]
    public async Task Correcting_a_quarter_final_winner_resets_exactly_the_played_semi_final_it_fed_with_an_audit_entry()
    {
        var (id, tournament, before) = await QuarterFinalsAndOneSemiFinal();
        var quarterFinal = TournamentDriver.FixtureOf(before, "R1-M1");

        // The plan: only the semi-final t1 won depends on it. R2-M2 (running, fed by other quarter-finals), the
        // third-place match and the final (not started) are not reset.
        var plan = await tournament.PlanCorrection("R1-M1", "t8");
        Assert.Equal(("R1-M1", true), (plan.MatchId, plan.WinnerChanges));
        Assert.Equal(["R2-M1"], plan.ResetMatches);
        Assert.Equal(TournamentDriver.Json(before), TournamentDriver.Json(await tournament.Get())); // planning changes nothing

        // A corrected result must be a possible score that its winner won.
        var wrong = new MatchOutcome(TournamentDriver.TwoNil(quarterFinal, "t1").Sets, "t8", "Finished");
        Assert.Equal("tournament.bad-result", (await Assert.ThrowsAsync<RuleViolation>(() => tournament.Correct("R1-M1", wrong))).Code);
        // …and the preview refuses it too, before the organiser is asked to confirm anything.
        Assert.Equal("tournament.bad-result", (await Assert.ThrowsAsync<RuleViolation>(() => tournament.PlanCorrectedResult("R1-M1", wrong))).Code);
        var right = new MatchOutcome(TournamentDriver.TwoNil(quarterFinal, "t8").Sets, "t8", "Finished");
        Assert.Equal(["R2-M1"], (await tournament.PlanCorrectedResult("R1-M1", right)).ResetMatches);
        Assert.Equal(TournamentDriver.Json(before), TournamentDriver.Json(await tournament.Get()));

        var corrected = TournamentDriver.TwoNil(quarterFinal, "t8", loserPoints: 15);
        var view = await tournament.Correct("R1-M1", corrected);

        var fixedQuarterFinal = TournamentDriver.FixtureOf(view, "R1-M1");
        Assert.Equal((FixtureStatus.Completed, "t8"), (fixedQuarterFinal.Status, fixedQuarterFinal.Winner));
        Assert.Equal([new SetPoints(15, 21), new SetPoints(15, 21)], fixedQuarterFinal.Sets);
        // The semi-final t1 played is back to Ready, now with t8, and has no result.
        var semiFinal = TournamentDriver.FixtureOf(view, "R2-M1");
        Assert.Equal((FixtureStatus.Ready, "t8", "t4", (string?)null), (semiFinal.Status, semiFinal.TeamA, semiFinal.TeamB, semiFinal.Winner));
        Assert.Empty(semiFinal.Sets);
        // Everything else stands: the other quarter-finals, the running semi-final; the third-place match and
        // final have lost the teams that came from the reset semi-final.
        foreach (var other in new[] { "R1-M2", "R1-M3", "R1-M4" })
        {
            var was = TournamentDriver.FixtureOf(before, other);
            Assert.Equal(TournamentDriver.Json(was), TournamentDriver.Json(TournamentDriver.FixtureOf(view, other)));
        }

        Assert.Equal(TournamentDriver.Json(TournamentDriver.FixtureOf(before, "R2-M2")), TournamentDriver.Json(TournamentDriver.FixtureOf(view, "R2-M2")));
        Assert.Equal((FixtureStatus.Locked, (string?)null), (TournamentDriver.FixtureOf(view, "3RD").Status, TournamentDriver.FixtureOf(view, "3RD").TeamA));
        Assert.Equal((FixtureStatus.Locked, (string?)null), (TournamentDriver.FixtureOf(view, "R3-M1").Status, TournamentDriver.FixtureOf(view, "R3-M1").TeamA));
        Assert.Equal(TournamentStatus.Running, view.Status);

        // The reset semi-final's match grain starts again from nothing, prepared with the new team.
        var semiFinalMatch = await _driver.Match(id, "R2-M1").Get();
        Assert.Equal(("NotStarted", "t8", "t4", (string?)null), (semiFinalMatch.Status, semiFinalMatch.TeamA, semiFinalMatch.TeamB, semiFinalMatch.Winner));
        Assert.Empty(semiFinalMatch.Sets);
        Assert.Equal(new SetPoints(0, 0), semiFinalMatch.Current);
        var semiFinalStream = (await _driver.Ledger.ReadAsync($"match:{id}/R2-M1")).Select(e => e.Kind).ToList();
        Assert.Equal(["reset", "prepare"], semiFinalStream.TakeLast(2));
        // The running semi-final's match grain keeps its score.
        var running = await _driver.Match(id, "R2-M2").Get();
        Assert.Equal(("InProgress", new SetPoints(1, 0), "t2"), (running.Status, running.Current, running.TeamA));

        // Audited: a "correction" entry naming the match, the new winner and what was reset.
        var audit = await _driver.Ledger.ReadAsync($"tournament:{id}");
        Assert.Null(LedgerEntry.FirstBroken(audit));
        var entry = Assert.Single(audit, e => e.Kind == "correction");
        Assert.Equal("correction", audit[^1].Kind);
        using (var data = JsonDocument.Parse(entry.Data))
        {
            Assert.Equal(("R1-M1", "t8"), (data.RootElement.GetProperty("matchId").GetString(), data.RootElement.GetProperty("Winner").GetString()));
            Assert.Equal(["R2-M1"], data.RootElement.GetProperty("reset").EnumerateArray().Select(e => e.GetString()));
        }

        // The grain state holds inputs only: a new activation rebuilds the same bracket from them.
        var current = TournamentDriver.Json(await tournament.Get());
        await fixture.Cluster.DeactivateAsync(tournament);
        Assert.False(fixture.Cluster.TryGetGrainContext(tournament.GetGrainId(), out _));
        Assert.Equal(current, TournamentDriver.Json(await tournament.Get()));

        // And the corrected bracket plays on to a champion: R2-M2 goes on from 1:0, t8 loses the replayed semi-final to t4.
        await _driver.PlayMatch(id, TournamentDriver.FixtureOf(view, "R2-M2"), new MatchPlan("t2"));
        var (finished, _) = await _driver.PlayUntilFinished(id, tournament, f => new MatchPlan(TournamentDriver.Favourite(f)));
        Assert.Equal(("t4", "t8"), (TournamentDriver.FixtureOf(finished, "R2-M1").Winner, TournamentDriver.Loser(TournamentDriver.FixtureOf(finished, "R2-M1"))));
        Assert.Equal(("t8", "t3"), (TournamentDriver.FixtureOf(finished, "3RD").TeamA, TournamentDriver.FixtureOf(finished, "3RD").TeamB));
        Assert.Equal(("t4", "t2"), (TournamentDriver.FixtureOf(finished, "R3-M1").TeamA, TournamentDriver.FixtureOf(finished, "R3-M1").TeamB));
        Assert.Equal("t2", finished.Champion);
        current = TournamentDriver.Json(finished);
        await fixture.Cluster.DeactivateAsync(tournament);
        Assert.Equal(current, TournamentDriver.Json(await tournament.Get()));
    }

    [Fact]
    public async Task A_reset_match_whose_teams_are_unknown_again_takes_no_score_and_no_result()
    {
        // A finished 8-team knockout (better seeds win: t1 champion), then R1-M1 corrected to t8: both the
        // semi-final t1 won and the final t1 won are reset; the final's top team is unknown until R2-M1 is replayed.
        var (id, tournament, _) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout), TournamentDriver.Teams(8));
        var (done, _) = await _driver.PlayUntilFinished(id, tournament, f => new MatchPlan(TournamentDriver.Favourite(f)));
        Assert.Equal("t1", done.Champion);
        var plan = await tournament.PlanCorrection("R1-M1", "t8");
        Assert.Equal(["R2-M1", "R3-M1"], plan.ResetMatches);
        var view = await tournament.Correct("R1-M1", TournamentDriver.TwoNil(TournamentDriver.FixtureOf(done, "R1-M1"), "t8"));
        var final = TournamentDriver.FixtureOf(view, "R3-M1");
        Assert.Equal((FixtureStatus.Locked, (string?)null, "t2", (string?)null), (final.Status, final.TeamA, final.TeamB, final.Winner));
        Assert.Equal((TournamentStatus.Running, (string?)null), (view.Status, view.Champion));

        // The final's scoreboard was open with the old pairing (t1 v t2). Whatever the scorer enters there must
        // not become a result: the tournament still has no final to record.
        var stale = await _driver.Match(id, "R3-M1").Get();
        var attempt = await Record.ExceptionAsync(() => _driver.PlayMatch(
            id, final with { TeamA = stale.TeamA, TeamB = stale.TeamB }, new MatchPlan(stale.TeamA ?? "t1")));
        Assert.NotNull(attempt);
        var after = TournamentDriver.FixtureOf(await tournament.Get(), "R3-M1");
        Assert.Equal((FixtureStatus.Locked, (string?)null, (string?)null), (after.Status, after.TeamA, after.Winner));
        Assert.Empty(after.Sets);
        // …and the scorer is stopped at the first rally, not after a whole match the tournament then refuses.
        var stream = (await _driver.Ledger.ReadAsync($"match:{id}/R3-M1")).Select(e => e.Kind).ToList();
        Assert.DoesNotContain("Rally", stream.Skip(stream.LastIndexOf("reset") + 1));

        // Once the semi-final is replayed the final gets its teams, ready (not running) and playable.
        await _driver.PlayMatch(id, TournamentDriver.FixtureOf(await tournament.Get(), "R2-M1"), new MatchPlan("t4"));
        final = TournamentDriver.FixtureOf(await tournament.Get(), "R3-M1");
        Assert.Equal((FixtureStatus.Ready, "t4", "t2"), (final.Status, final.TeamA, final.TeamB));
        await _driver.PlayMatch(id, final, new MatchPlan("t2"));
        Assert.Equal("t2", (await tournament.Get()).Champion);
    }

    [Fact]
    public async Task Correcting_a_score_without_changing_the_winner_resets_nothing()
    {
        var (id, tournament, before) = await QuarterFinalsAndOneSemiFinal();
        var quarterFinal = TournamentDriver.FixtureOf(before, "R1-M1");

        var plan = await tournament.PlanCorrection("R1-M1", "t1");
        Assert.Equal(("R1-M1", false), (plan.MatchId, plan.WinnerChanges));
        Assert.Empty(plan.ResetMatches);

        var view = await tournament.Correct("R1-M1", TournamentDriver.TwoNil(quarterFinal, "t1", loserPoints: 19));
        Assert.Equal([new SetPoints(21, 19), new SetPoints(21, 19)], TournamentDriver.FixtureOf(view, "R1-M1").Sets);
        foreach (var other in before.Matches.Where(m => m.MatchId != "R1-M1"))
        {
            Assert.Equal(TournamentDriver.Json(other), TournamentDriver.Json(TournamentDriver.FixtureOf(view, other.MatchId)));
        }

        var semiFinal = await _driver.Match(id, "R2-M1").Get();
        Assert.Equal(("Finished", "t1"), (semiFinal.Status, semiFinal.Winner));
        Assert.DoesNotContain("reset", (await _driver.Ledger.ReadAsync($"match:{id}/R2-M1")).Select(e => e.Kind));
        var entry = Assert.Single(await _driver.Ledger.ReadAsync($"tournament:{id}"), e => e.Kind == "correction");
        using var data = JsonDocument.Parse(entry.Data);
        Assert.Empty(data.RootElement.GetProperty("reset").EnumerateArray());
    }

    [Fact]
    public async Task A_group_result_can_be_corrected_until_a_knockout_match_has_started()
    {
        // Two groups of two (A: t1, t4; B: t2, t3), group winners into a final.
        var setup = TournamentDriver.Setup(TournamentFormat.GroupsThenKnockout, groups: 2, advancePerGroup: 1);
        var (id, tournament, view) = await _driver.Start(setup, TournamentDriver.Teams(4));
        Assert.Equal(["t1 t4", "t2 t3"], view.Groups.Select(g => string.Join(" ", g.TeamIds.Order(StringComparer.Ordinal))));
        foreach (var match in view.Matches.Where(m => m.Stage == "group"))
        {
            await _driver.PlayMatch(id, match, new MatchPlan(TournamentDriver.Favourite(match)));
        }

        view = await tournament.Get();
        var groupA = Assert.Single(view.Matches, m => m.Group == "A");
        var final = TournamentDriver.FixtureOf(view, "R1-M1");
        Assert.Equal(("t1", "t2", FixtureStatus.Ready), (final.TeamA, final.TeamB, final.Status));

        // Before the knockout starts, a group result may change, and the knockout follows the new table.
        var plan = await tournament.PlanCorrection(groupA.MatchId, "t4");
        Assert.Equal((true, 0), (plan.WinnerChanges, plan.ResetMatches.Count));
        view = await tournament.Correct(groupA.MatchId, TournamentDriver.TwoNil(groupA, "t4"));
        Assert.Equal("t4", view.Groups[0].Standings[0].TeamId);
        final = TournamentDriver.FixtureOf(view, "R1-M1");
        Assert.Equal(("t4", "t2", FixtureStatus.Ready), (final.TeamA, final.TeamB, final.Status));
        Assert.Equal(("t4", "t2"), ((await _driver.Match(id, "R1-M1").Get()).TeamA, (await _driver.Match(id, "R1-M1").Get()).TeamB));

        // Once a knockout match has begun, group positions can no longer move.
        await _driver.Match(id, "R1-M1").Score(ScoringAction.Rally, "A", TournamentDriver.Scorer);
        var started = await tournament.Get();
        Assert.Equal(FixtureStatus.Running, TournamentDriver.FixtureOf(started, "R1-M1").Status);
        var planRefused = await Assert.ThrowsAsync<RuleViolation>(() => tournament.PlanCorrection(groupA.MatchId, "t1"));
        var correctRefused = await Assert.ThrowsAsync<RuleViolation>(() => tournament.Correct(groupA.MatchId, TournamentDriver.TwoNil(groupA, "t1")));
        Assert.Equal(("tournament.knockout-started", ViolationKind.Conflict), (planRefused.Code, planRefused.Kind));
        Assert.Equal(("tournament.knockout-started", ViolationKind.Conflict), (correctRefused.Code, correctRefused.Kind));
        var after = await tournament.Get();
        Assert.Equal(TournamentDriver.Json(started), TournamentDriver.Json(after));
        Assert.Equal("t4", TournamentDriver.FixtureOf(after, groupA.MatchId).Winner);
    }
}
