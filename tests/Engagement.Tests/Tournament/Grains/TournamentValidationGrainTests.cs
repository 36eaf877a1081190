using CsCheck;
using Engagement.Storage;
using Engagement.Tests.Testing;
using Engagement.Tournament;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>
/// Validation on write, robustness on read: a correction is checked against the rules whatever its ending
/// (the preview exactly as the commit), and a stored result that fails the checks anyway is shown flagged
/// while the tournament, its tables, its schedule and its courts go on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentValidationGrainTests(ClusterFixture fixture)
{
    private readonly TournamentDriver _driver = new(fixture);

    /// <summary>Air volleyball as one set: that set is the deciding set, played to 15.</summary>
    private static RuleSetSettings BestOfOne => TournamentDriver.Rules with { SetsToWin = 1 };

    private static TournamentSetup RoundRobin(RuleSetSettings rules) => TournamentDriver.Setup(TournamentFormat.RoundRobin) with { Rules = rules };

    /// <summary>A round robin of three whose every match ended by forfeit of team B (so A won), scored on the match grains.</summary>
    private async Task<(string Id, ITournamentGrain Tournament, TournamentView View)> ForfeitedRoundRobin(RuleSetSettings rules)
    {
        var (id, tournament, view) = await _driver.Start(RoundRobin(rules), TournamentDriver.Teams(3));
        foreach (var match in view.Matches)
        {
            await _driver.Match(id, match.MatchId).Score(ScoringAction.Forfeit, "B", TournamentDriver.Scorer);
        }

        view = await tournament.Get();
        Assert.Equal(TournamentStatus.Finished, view.Status);
        return (id, tournament, view);
    }

    private static async Task<RuleViolation> Refused(Func<Task> call) => await Assert.ThrowsAsync<RuleViolation>(call);

    [Fact]
    public async Task A_forfeit_in_a_best_of_one_is_15_to_0_and_the_consoles_old_21_to_0_is_refused_by_preview_and_commit()
    {
        var (_, tournament, before) = await ForfeitedRoundRobin(BestOfOne);
        var match = before.Matches[0];
        Assert.Equal([new SetPoints(15, 0)], match.Sets); // what the score sheet records

        var old = new MatchOutcome(new List<SetPoints> { new(0, 21) }, match.TeamB!, "Forfeited");
        var preview = await Refused(() => tournament.PlanCorrectedResult(match.MatchId, old));
        var commit = await Refused(() => tournament.Correct(match.MatchId, old));

        Assert.Equal(("tournament.bad-forfeit", "0:15"), (preview.Code, preview.Args.Single()));
        Assert.Equal(preview.Code, commit.Code);
        Assert.Equal(preview.Args, commit.Args);
        Assert.Equal(TournamentDriver.Json(before), TournamentDriver.Json(await tournament.Get()));

        // Sent as the rules define it, or without sets (the rules fill them in), it stands and the table ranks it.
        var view = await tournament.Correct(match.MatchId, old with { Sets = new List<SetPoints> { new(0, 15) } });
        var corrected = TournamentDriver.FixtureOf(view, match.MatchId);
        Assert.Equal([new SetPoints(0, 15)], corrected.Sets);
        Assert.Equal((match.TeamB, "Forfeited", (string?)null), (corrected.Winner, corrected.Ending, corrected.Problem));
        view = await tournament.Correct(match.MatchId, new MatchOutcome(new List<SetPoints>(), match.TeamA!, "Forfeited"));
        Assert.Equal([new SetPoints(15, 0)], TournamentDriver.FixtureOf(view, match.MatchId).Sets);
        Assert.True(view.Groups.Single().Complete);
        Assert.Equal(3, view.Groups.Single().Standings.Count);
    }

    [Theory]
    [InlineData("Whatever", "21:10 21:10", "tournament.bad-ending")]
    [InlineData("finished", "21:10 21:10", "tournament.bad-ending")]
    [InlineData("", "21:10 21:10", "tournament.bad-ending")]
    [InlineData("Forfeited", "21:19 21:19", "tournament.bad-forfeit")]
    [InlineData("Forfeited", "21:0 0:21 15:0", "tournament.bad-forfeit")]
    [InlineData("Retired", "21:0", "tournament.bad-result")]
    [InlineData("Retired", "30:0 21:0", "tournament.bad-result")]
    [InlineData("Finished", "", "tournament.bad-result")]
    [InlineData("Finished", "21:19 19:21", "tournament.bad-result")]
    public async Task A_correction_of_any_ending_is_checked_against_the_rules_by_preview_and_commit_alike(string ending, string sets, string code)
    {
        var (_, tournament, before) = await ForfeitedRoundRobin(TournamentDriver.Rules);
        var match = before.Matches[0];
        var outcome = new MatchOutcome(
            sets.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split(':')).Select(p => new SetPoints(int.Parse(p[0]), int.Parse(p[1]))).ToList(),
            match.TeamA!, ending);

        var preview = await Refused(() => tournament.PlanCorrectedResult(match.MatchId, outcome));
        var commit = await Refused(() => tournament.Correct(match.MatchId, outcome));

        Assert.Equal((code, ViolationKind.Invalid), (preview.Code, preview.Kind));
        Assert.Equal(preview.Code, commit.Code);
        Assert.Equal(preview.Args, commit.Args);
        Assert.Equal(TournamentDriver.Json(before), TournamentDriver.Json(await tournament.Get()));
    }

    /// <summary>
    /// A result that fails the checks is written straight into the grain's stored state, as an old version, a
    /// bug or a hand edit might have left it. Every read still answers: the tournament view (the big screen and
    /// GET /api/public/tournaments/{id}), a scorer's court (built from the same view and the match grain), a
    /// schedule change; the bad result is flagged and not counted, the others are.
    /// </summary>
    [Theory]
    [InlineData("Forfeited", "21:0", "t1", "bad-score")] // the console's old best-of-1 forfeit
    [InlineData("Whatever", "15:0", "t1", "bad-ending")]
    [InlineData("Retired", "30:1", "t1", "bad-score")]
    [InlineData("Finished", "15:0", "t9", "bad-winner")]
    [InlineData("Finished", "-3:15", "t2", "bad-score")]
    public async Task A_stored_result_that_fails_the_checks_is_flagged_and_every_view_still_renders(string ending, string set, string winner, string problem)
    {
        var (id, tournament, before) = await ForfeitedRoundRobin(BestOfOne);
        var bad = before.Matches[0];
        var points = set.Split(':').Select(int.Parse).ToArray();
        await WriteState(tournament, record => record.Results[bad.MatchId] = new MatchOutcome(new List<SetPoints> { new(points[0], points[1]) }, winner, ending));

        var view = await tournament.Get();

        var flagged = TournamentDriver.FixtureOf(view, bad.MatchId);
        Assert.Equal((problem, ending, FixtureStatus.Completed), (flagged.Problem, flagged.Ending, flagged.Status));
        Assert.All(view.Matches.Where(m => m.MatchId != bad.MatchId), m => Assert.Null(m.Problem));
        var table = view.Groups.Single();
        Assert.False(table.Complete); // a table with a result that does not count is not final
        Assert.Null(table.Problem);
        Assert.Equal(4, table.Standings.Sum(s => s.Played)); // the two good results only, each played by two teams
        Assert.Equal(TournamentStatus.Finished, view.Status);
        Assert.Null(view.Champion); // no champion from a table that is not final

        // The schedule can still change, the court's match grain still answers, and the snapshot still renders.
        var scheduled = await tournament.Schedule(bad.MatchId, "1号场", null);
        Assert.Equal("1号场", TournamentDriver.FixtureOf(scheduled, bad.MatchId).Court);
        Assert.NotNull(await _driver.Match(id, before.Matches[1].MatchId).Get());
        Assert.Equal(TournamentDriver.Json(await tournament.Get()), TournamentDriver.Json((await tournament.GetSnapshot()).Payload));

        // The organiser can put it right with a correction, and the table is whole again.
        var fixedView = await tournament.Correct(bad.MatchId, new MatchOutcome(new List<SetPoints>(), bad.TeamA!, "Forfeited"));
        Assert.Null(TournamentDriver.FixtureOf(fixedView, bad.MatchId).Problem);
        Assert.True(fixedView.Groups.Single().Complete);
        Assert.NotNull(fixedView.Champion);
    }

    [Fact]
    public async Task A_group_the_standings_cannot_rank_is_shown_unranked()
    {
        var (_, tournament, _) = await ForfeitedRoundRobin(TournamentDriver.Rules);
        await WriteState(tournament, record => record.Groups[0] = record.Groups[0] with { TeamIds = [.. record.Groups[0].TeamIds, record.Groups[0].TeamIds[0]] });

        var view = await tournament.Get();

        Assert.Equal(("unranked", false), (view.Groups.Single().Problem, view.Groups.Single().Complete));
        Assert.Empty(view.Groups.Single().Standings);
        Assert.Equal(3, view.Matches.Count);
        Assert.Null(view.Champion);
    }

    [Fact]
    public async Task A_stored_bracket_step_that_cannot_be_taken_is_skipped_on_loading_not_a_tournament_that_cannot_load()
    {
        var (_, tournament, started) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout), TournamentDriver.Teams(2));
        await WriteState(tournament, record =>
        {
            record.BracketOps.Add(new BracketOp("complete", "no-such-match", "Top"));
            record.BracketOps.Add(new BracketOp("correct", "R1-M1", "Sideways"));
        });

        var view = await tournament.Get();

        Assert.Equal(TournamentDriver.Json(started.Matches), TournamentDriver.Json(view.Matches));
    }

    [Theory]
    [InlineData(TournamentFormat.DoubleElimination, 4)]
    [InlineData(TournamentFormat.RoundRobin, 4)]
    public async Task A_third_place_match_on_a_format_without_one_is_refused_not_ignored(TournamentFormat format, int teams)
    {
        var summary = await fixture.Client.GetGrain<ITournamentsGrain>(0).Create("三四名");
        var tournament = fixture.Client.GetGrain<ITournamentGrain>(summary.TournamentId);

        var refused = await Refused(() => tournament.Configure(TournamentDriver.Setup(format, thirdPlace: true), TournamentDriver.Teams(teams)));

        Assert.Equal("tournament.third-place-not-knockout", refused.Code);
        Assert.Null((await tournament.Get()).Setup);
        Assert.NotNull(await tournament.Configure(TournamentDriver.Setup(format), TournamentDriver.Teams(teams)));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 2, 4 }, "2")]
    [InlineData(new[] { 0, 1, 3, 4 }, "1")] // an unseeded team takes its place in the list as its seed: here 1, taken
    public async Task Two_teams_on_one_seed_are_refused(int[] seeds, string repeated)
    {
        var summary = await fixture.Client.GetGrain<ITournamentsGrain>(0).Create("种子");
        var tournament = fixture.Client.GetGrain<ITournamentGrain>(summary.TournamentId);
        var teams = TournamentDriver.Teams(seeds.Length).Select((t, i) => t with { Seed = seeds[i] }).ToList();

        var refused = await Refused(() => tournament.Configure(TournamentDriver.Setup(TournamentFormat.Knockout), teams));

        Assert.Equal(("tournament.repeated-seed", repeated), (refused.Code, refused.Args.Single()));
        Assert.Empty((await tournament.Get()).Teams);
    }

    /// <summary>
    /// Property on the grain: any generated correction (winner, ending text, sets) of a finished round robin is
    /// either refused with a rule violation — the preview refusing exactly when the commit does — or stored, and
    /// after every one the whole view renders with no result flagged and a complete, ranked table.
    /// </summary>
    [Fact]
    public async Task Any_generated_correction_is_refused_or_leaves_every_view_rendering()
    {
        var (_, tournament, start) = await ForfeitedRoundRobin(BestOfOne);
        var matches = start.Matches;
        // Half the corrections are ones the rules allow (a forfeit with or without its sets, a possible single set to 15),
        // half anything at all: wrong endings, winners, set counts and points.
        var valid =
            from winner in Gen.Int[0, 1]
            from kind in Gen.Int[0, 2]
            from loser in Gen.Int[0, 24]
            select (winner, ending: kind == 2 ? "Finished" : "Forfeited",
                sets: kind switch
                {
                    0 => Array.Empty<SetPoints>(),
                    1 => new[] { winner == 0 ? new SetPoints(15, 0) : new SetPoints(0, 15) },
                    _ => new[] { Oriented(winner, loser <= 13 ? 15 : loser + 2, loser) },
                });
        var any =
            from winner in Gen.Int[0, 2]
            from ending in Gen.OneOf("Finished", "Forfeited", "Retired", "Whatever", "Forfeited,Finished", "")
            from sets in Gen.Select(Gen.OneOf(Gen.Int[-1, 26], Gen.OneOf(15, 17, 21)), Gen.Int[-1, 26], Gen.Bool, (w, l, swap) => swap ? new SetPoints(l, w) : new SetPoints(w, l)).Array[0, 3]
            select (winner, ending, sets);
        var gen = Gen.Select(Gen.Int[0, matches.Count - 1], Gen.OneOf(valid, any));
        var cases = new List<(int Match, (int Winner, string Ending, SetPoints[] Sets) Correction)>();
        gen.Sample(c => cases.Add(c), iter: 60, threads: 1);

        var (stored, refused) = (0, 0);
        foreach (var (index, (w, ending, sets)) in cases)
        {
            var match = matches[index];
            var outcome = new MatchOutcome(sets, w switch { 0 => match.TeamA!, 1 => match.TeamB!, _ => "t9" }, ending);
            var preview = await Record.ExceptionAsync(() => tournament.PlanCorrectedResult(match.MatchId, outcome));
            var commit = await Record.ExceptionAsync(() => tournament.Correct(match.MatchId, outcome));

            Assert.True(commit is null or RuleViolation, $"{outcome}: {commit}");
            Assert.True((preview as RuleViolation)?.Code == (commit as RuleViolation)?.Code, $"{outcome}: preview {preview?.Message}, commit {commit?.Message}");
            (stored, refused) = commit is null ? (stored + 1, refused) : (stored, refused + 1);
            var view = await tournament.Get();
            Assert.All(view.Matches, m => Assert.Null(m.Problem));
            Assert.True(view.Groups.Single() is { Complete: true, Problem: null, Standings.Count: 3 }, TournamentDriver.Json(view.Groups));
            Assert.NotNull(view.Champion);
        }

        Assert.True(stored > 0 && refused > 0, $"{stored} stored, {refused} refused: the generator should produce both");

        static SetPoints Oriented(int winner, int won, int lost) => winner == 0 ? new SetPoints(won, lost) : new SetPoints(lost, won);
    }

    /// <summary>
    /// Property on stored state: whatever results end up in the stored record — any ending text, any sets, any
    /// winner, on group and knockout matches alike — every view of the tournament renders: the view, the live
    /// snapshot, a schedule change. A result is flagged exactly when the check refuses it, and the tables
    /// count exactly the others.
    /// </summary>
    [Theory]
    [InlineData(TournamentFormat.RoundRobin)]
    [InlineData(TournamentFormat.Knockout)]
    public async Task Every_view_of_any_stored_results_renders_flagging_exactly_the_results_that_fail_the_check(TournamentFormat format)
    {
        var setup = TournamentDriver.Setup(format) with { Rules = BestOfOne };
        var (id, tournament, start) = await _driver.Start(setup, TournamentDriver.Teams(4));
        var rules = RuleSets.ToRules(BestOfOne);
        var playable = start.Matches.Where(m => m.TeamA is not null && m.TeamB is not null).ToList();
        var outcome =
            from ending in Gen.OneOf("Finished", "Forfeited", "Retired", "Whatever", "", "forfeited")
            from sets in Gen.Select(Gen.OneOf(Gen.Int[-1, 26], Gen.OneOf(15, 17, 21)), Gen.Int[-1, 26], Gen.Bool, (w, l, swap) => swap ? new SetPoints(l, w) : new SetPoints(w, l)).Array[0, 3]
            from winner in Gen.OneOf("t1", "t2", "t3", "t4", "t9", "")
            select new MatchOutcome(sets, winner, ending);
        var states = new List<MatchOutcome[]>();
        Gen.OneOf(outcome, outcome.Select(o => o with { Sets = new[] { new SetPoints(15, 3) }, Winner = "t1", Ending = "Finished" }), Gen.Const(default(MatchOutcome)!))
            .Array[playable.Count].Sample(s => states.Add(s), iter: 12, threads: 1);

        foreach (var state in states)
        {
            await WriteState(tournament, record =>
            {
                for (var i = 0; i < playable.Count; i++)
                {
                    if (state[i] is MatchOutcome result)
                    {
                        record.Results[playable[i].MatchId] = result;
                    }
                    else
                    {
                        record.Results.Remove(playable[i].MatchId);
                    }
                }
            });

            var view = await tournament.Get();
            foreach (var (match, i) in playable.Select((m, i) => (m, i)))
            {
                var shown = TournamentDriver.FixtureOf(view, match.MatchId);
                var expected = state[i] is null ? null : TournamentPlan.ResultProblem(rules, shown.TeamA!, shown.TeamB!, state[i]);
                Assert.Equal(expected, shown.Problem);
            }

            var counted = playable.Where((m, i) => state[i] is { } r && TournamentPlan.ResultProblem(rules, m.TeamA!, m.TeamB!, r) is null).Count();
            if (format == TournamentFormat.RoundRobin)
            {
                Assert.Equal(2 * counted, view.Groups.Single().Standings.Sum(s => s.Played)); // each counted result, for both its teams
                Assert.Equal(counted == playable.Count, view.Groups.Single().Complete);
            }

            Assert.Equal(TournamentDriver.Json(await tournament.Get()), TournamentDriver.Json((await tournament.GetSnapshot()).Payload));
            Assert.NotNull(await tournament.Schedule(playable[0].MatchId, "2号场", null));
            Assert.NotNull(await _driver.Match(id, playable[0].MatchId).Get());
        }
    }

    /// <summary>Changes the tournament's stored record directly, bypassing every check, and lets the next call load it.</summary>
    private async Task WriteState(ITournamentGrain tournament, Action<TournamentRecord> change)
    {
        await fixture.Cluster.DeactivateAsync(tournament);
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Durable);
        var state = new GrainState<TournamentRecord>();
        await storage.ReadStateAsync("tournament", tournament.GetGrainId(), state);
        change(state.State ?? throw new InvalidOperationException("No stored tournament."));
        await storage.WriteStateAsync("tournament", tournament.GetGrainId(), state);
    }
}
