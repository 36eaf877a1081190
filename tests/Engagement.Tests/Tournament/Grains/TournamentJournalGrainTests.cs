using System.Text.Json;
using Engagement.Ledger;
using Engagement.Storage;
using Engagement.Tests.Testing;
using Engagement.Tournament;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>
/// Play is journaled on the tournament's ledger stream: a result writes one small entry (and one naming the
/// matches it made ready), never the grain state, however many results came before; an activation that was
/// killed before storing a snapshot replays the entries to the same view; and a record stored before the
/// journal existed still loads, keeps its results and goes on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentJournalGrainTests(ClusterFixture fixture)
{
    private readonly TournamentDriver _driver = new(fixture);

    private IGrainStorage Storage => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Durable);

    private async Task<GrainState<TournamentRecord>> Stored(ITournamentGrain tournament)
    {
        var state = new GrainState<TournamentRecord>();
        await Storage.ReadStateAsync("tournament", tournament.GetGrainId(), state);
        return state;
    }

    /// <summary>Puts <paramref name="record"/> in storage as the tournament's state, as if nothing after it had been stored.</summary>
    private async Task Restore(ITournamentGrain tournament, TournamentRecord record)
    {
        var current = await Stored(tournament);
        await Storage.WriteStateAsync("tournament", tournament.GetGrainId(), new GrainState<TournamentRecord>(record, current.ETag));
    }

    private TournamentRecord Copy(TournamentRecord? record) =>
        fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Orleans.Serialization.DeepCopier>().Copy(record ?? throw new InvalidOperationException("No stored tournament."));

    /// <summary>Reports the better seed's 2-0 win of every ready match, as a match grain would, until none is ready or <paramref name="results"/> are in.</summary>
    private static async Task<TournamentView> Play(ITournamentGrain tournament, int results = int.MaxValue, Func<string, Task>? afterEach = null)
    {
        var view = await tournament.Get();
        var played = 0;
        while (played < results && view.Matches.Where(m => m is { Status: FixtureStatus.Ready or FixtureStatus.Running, TeamA: not null, TeamB: not null }).ToList() is { Count: > 0 } ready)
        {
            foreach (var match in ready.Take(results - played))
            {
                await tournament.RecordResult(match.MatchId, match.TeamA!, match.TeamB!, TournamentDriver.TwoNil(match, TournamentDriver.Favourite(match), loserPoints: 15));
                played++;
                if (afterEach is not null)
                {
                    await afterEach(match.MatchId);
                }
            }

            view = await tournament.Get();
        }

        return view;
    }

    [Fact]
    public async Task A_result_appends_one_small_entry_and_at_most_one_more_and_never_rewrites_the_state_however_many_results_came_before()
    {
        var (id, tournament, _) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.DoubleElimination, grandFinalReset: true), TournamentDriver.Teams(64));
        var etag = (await Stored(tournament)).ETag;
        var seen = (await _driver.Ledger.ReadAsync($"tournament:{id}")).Count;
        var written = new List<(int Entries, int Bytes)>();

        var view = await Play(tournament, afterEach: async _ =>
        {
            var stream = await _driver.Ledger.ReadAsync($"tournament:{id}");
            var added = stream.Skip(seen).ToList();
            written.Add((added.Count, added.Sum(e => e.Data.Length)));
            seen = stream.Count;
            Assert.Equal(etag, (await Stored(tournament)).ETag); // the grain state is not written during play
        });

        Assert.Equal(TournamentStatus.Finished, view.Status);
        Assert.Equal("t1", view.Champion);
        Assert.True(written.Count >= 126, $"{written.Count} results");
        Assert.All(written, w => Assert.InRange(w.Entries, 1, 2));
        Assert.All(written, w => Assert.InRange(w.Bytes, 40, 300));
        // The same work for the last results as for the first: nothing carried along grows with the results played.
        var quarter = written.Count / 4;
        var first = written.Take(quarter).Average(w => w.Bytes);
        var last = written.TakeLast(quarter).Average(w => w.Bytes);
        Assert.True(last <= first * 1.25, $"bytes per result: first quarter {first:F0}, last quarter {last:F0}");
        Assert.Null(LedgerEntry.FirstBroken(await _driver.Ledger.ReadAsync($"tournament:{id}")));
    }

    /// <summary>
    /// Every kind of entry — a court, a start, results, a correction that resets a played match — then a kill
    /// before any snapshot (the state put back as Start left it): the next activation replays the ledger to the
    /// same view, revision included, and the tournament plays on to the same champion.
    /// </summary>
    [Fact]
    public async Task An_activation_killed_before_its_snapshot_replays_the_ledger_to_the_same_view_and_plays_on()
    {
        var (id, tournament, _) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout, thirdPlace: true), TournamentDriver.Teams(16));
        var asStarted = Copy((await Stored(tournament)).State);
        Assert.True(asStarted.Journaled);
        Assert.Empty(asStarted.Results);

        await tournament.Schedule("R1-M1", "1号场", new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var view = await Play(tournament, results: 10); // the first round, and quarter-finals R2-M1 (t1 v t8) and R2-M2 (t4 v t5)
        var semiFinal = TournamentDriver.FixtureOf(view, "R3-M1");
        Assert.Equal(("t1", "t4"), (semiFinal.TeamA, semiFinal.TeamB));
        await tournament.RecordResult("R3-M1", "t1", "t4", TournamentDriver.TwoNil(semiFinal, "t1"));
        var running = TournamentDriver.FixtureOf(view, "R2-M3");
        await tournament.MatchStarted("R2-M3", running.TeamA!, running.TeamB!);
        var quarterFinal = TournamentDriver.FixtureOf(view, "R2-M1");
        var plan = await tournament.PlanCorrection("R2-M1", "t8");
        Assert.Equal(["R3-M1"], plan.ResetMatches);
        var corrected = await tournament.Correct("R2-M1", TournamentDriver.TwoNil(quarterFinal, "t8"));
        var reset = TournamentDriver.FixtureOf(corrected, "R3-M1");
        Assert.Equal(("t8", "t4", FixtureStatus.Ready), (reset.TeamA, reset.TeamB, reset.Status));
        Assert.Equal(FixtureStatus.Running, TournamentDriver.FixtureOf(corrected, "R2-M3").Status);
        var before = TournamentDriver.Json(await tournament.Get());

        await fixture.Cluster.DeactivateAsync(tournament);
        Assert.Equal(before, TournamentDriver.Json(await tournament.Get())); // from the snapshot stored on the way out

        await fixture.Cluster.DeactivateAsync(tournament);
        await Restore(tournament, asStarted);
        Assert.Equal(before, TournamentDriver.Json(await tournament.Get())); // from the ledger alone

        var final = await Play(tournament);
        Assert.Equal((TournamentStatus.Finished, "t2"), (final.Status, final.Champion)); // t1 went out in the correction
        Assert.Null(LedgerEntry.FirstBroken(await _driver.Ledger.ReadAsync($"tournament:{id}")));
    }

    /// <summary>
    /// A record as the grain stored it before play was journaled: results, bracket steps, starts and preparations
    /// in the state itself, and the ledger stream holding only their audit ("result" entries without a side).
    /// It loads as it was (nothing replayed twice), is marked once, and later results go to the journal.
    /// </summary>
    [Fact]
    public async Task A_record_stored_before_the_journal_loads_as_it_was_and_plays_on_through_the_journal()
    {
        var (id, tournament, started) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.Knockout), TournamentDriver.Teams(8));
        await fixture.Cluster.DeactivateAsync(tournament);
        var old = Copy((await Stored(tournament)).State);
        var chain = LedgerChain.From($"tournament:{id}", await _driver.Ledger.ReadAsync($"tournament:{id}"));
        foreach (var matchId in new[] { "R1-M1", "R1-M2" })
        {
            var match = TournamentDriver.FixtureOf(started, matchId);
            var outcome = TournamentDriver.TwoNil(match, match.TeamA!);
            old.Results[matchId] = outcome;
            old.BracketOps.Add(new BracketOp("complete", matchId, "Top"));
            old.Revision++;
            await chain.CommitAsync(_driver.Ledger, [("result", "tournament", JsonSerializer.Serialize(new { matchId, outcome.Winner, outcome.Ending, sets = outcome.Sets.Select(s => $"{s.A}:{s.B}") }))]);
        }

        old.BracketOps.Add(new BracketOp("start", "R1-M3", null));
        old.Started.Add("R1-M3");
        old.Journaled = false;
        old.LedgerSeq = 0;
        await Restore(tournament, old);

        var loaded = await tournament.Get();
        Assert.Equal(old.Revision, loaded.Revision);
        var semiFinal = TournamentDriver.FixtureOf(loaded, "R2-M1");
        Assert.Equal(("t1", "t4", FixtureStatus.Ready), (semiFinal.TeamA, semiFinal.TeamB, semiFinal.Status));
        Assert.Equal(FixtureStatus.Running, TournamentDriver.FixtureOf(loaded, "R1-M3").Status);
        var migrated = Copy((await Stored(tournament)).State);
        Assert.Equal((true, chain.Seq), (migrated.Journaled, migrated.LedgerSeq));

        await Play(tournament, results: 3);
        var before = TournamentDriver.Json(await tournament.Get());
        await fixture.Cluster.DeactivateAsync(tournament);
        await Restore(tournament, migrated);
        Assert.Equal(before, TournamentDriver.Json(await tournament.Get()));
        var final = await Play(tournament);
        Assert.Equal((TournamentStatus.Finished, "t1"), (final.Status, final.Champion));
    }
}
