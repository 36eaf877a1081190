using Engagement.Ledger;
using Engagement.Selection;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Selection.Conformance;

/// <summary>
/// Organiser actions raced against each other, as a double click or two consoles send them, on every
/// storage backend: each pair is sent at once, several times over. Whatever the two answers say must
/// be what one order of the two actions would have said; the round must show what the answers said;
/// after a restart it must show the same; and the ledger holds each change once.
/// </summary>
public abstract class OrganiserRaces(VotingBackend backend)
{
    private const int Tries = 6;
    private const string NewName = "改过名称的网络投票";

    private IRoundGrain Round(TestRound r) => backend.Grains.GetGrain<IRoundGrain>(r.RoundId);

    private ISelectionEventGrain Event(TestRound r) => backend.Grains.GetGrain<ISelectionEventGrain>(r.EventId);

    /// <summary>What a person would compare: status, name, ballots, published hash and revision.</summary>
    private static object Seen(RoundView v) => (v.Status, v.Settings.Name, v.Ballots, v.Results?.FinalHash, v.Revision);

    private async Task<RoundView> AfterRestart(TestRound r)
    {
        await backend.RestartAsync(Round(r), Event(r));
        return await Round(r).Get();
    }

    private async Task<IReadOnlyList<LedgerEntry>> Statuses(TestRound r, string status) =>
        (await backend.Ledger.ReadAsync(r.MainStream)).Where(e => e.Kind == "status" && e.Data.Contains($"\"{status}\"", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Configure_and_open_sent_at_once_end_as_one_order_of_them_would_and_a_restart_shows_the_same()
    {
        for (var i = 0; i < Tries; i++)
        {
            var r = await TestRound.DraftAsync(backend.Grains);

            var (configure, open) = await Race.AtOnce(
                () => Event(r).ConfigureRound(r.RoundId, TestRound.Settings(r.CaseIds, name: NewName)),
                () => Round(r).Open(TestRound.Opening));

            // Open always wins through; configure either went first (and counts) or came too late (409).
            Assert.True(open.Accepted, open.Refusal?.Code);
            var shown = await Round(r).Get();
            Assert.Equal(RoundStatus.Open, shown.Status);
            if (configure.Accepted)
            {
                Assert.Equal(NewName, shown.Settings.Name);
            }
            else
            {
                Assert.Equal(("round.not-draft", ViolationKind.Conflict), (configure.Refusal!.Code, configure.Refusal.Kind));
                Assert.Equal(TestRound.DraftName, shown.Settings.Name);
            }

            Assert.Equal(Seen(shown), Seen(await AfterRestart(r)));
            Assert.Single(await Statuses(r, "open"));
        }
    }

    [Fact]
    public async Task Open_clicked_twice_at_once_opens_the_round_once_with_one_ledger_entry()
    {
        for (var i = 0; i < Tries; i++)
        {
            var r = await TestRound.DraftAsync(backend.Grains);

            var (first, second) = await Race.AtOnce(() => Round(r).Open(TestRound.Opening), () => Round(r).Open(TestRound.Opening));

            Assert.Equal((RoundStatus.Open, RoundStatus.Open), (first.Value!.Status, second.Value!.Status));
            Assert.Single(await Statuses(r, "open"));
            var shown = await Round(r).Get();
            Assert.Equal(Seen(shown), Seen(await AfterRestart(r)));
        }
    }

    [Fact]
    public async Task Close_and_publish_sent_at_once_end_as_one_order_of_them_would_and_a_restart_shows_the_same()
    {
        for (var i = 0; i < Tries; i++)
        {
            var r = await TestRound.OpenAsync(backend.Grains);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(m => Round(r).Vote(r.Ballot(m))));

            var (close, publish) = await Race.AtOnce(() => Round(r).Close(), () => Event(r).PublishRound(r.RoundId, false));

            Assert.True(close.Accepted, close.Refusal?.Code);
            Assert.Equal(20, close.Value!.Ballots);
            var shown = await Round(r).Get();
            if (publish.Accepted)
            {
                // Close went first: the results are those of the closed tally.
                Assert.Equal((RoundStatus.Published, 20), (shown.Status, shown.Ballots));
                Assert.Equal(publish.Value!.Results!.FinalHash, shown.Results!.FinalHash);
            }
            else
            {
                Assert.Equal("round.not-closed", publish.Refusal!.Code);
                Assert.Equal(RoundStatus.Closed, shown.Status);
                Assert.Null(shown.Results);
            }

            Assert.Equal(Seen(shown), Seen(await AfterRestart(r)));
            Assert.Single(await Statuses(r, "closed"));
        }
    }

    [Fact]
    public async Task Close_clicked_twice_at_once_closes_once_and_both_report_the_same_tally()
    {
        for (var i = 0; i < Tries; i++)
        {
            var r = await TestRound.OpenAsync(backend.Grains);
            var ballots = Task.WhenAll(Enumerable.Range(0, 30).Select(m => BallotOutcomeSeen.Of(r.Ballot(m), Round(r).Vote(r.Ballot(m)))));

            var (first, second) = await Race.AtOnce(() => Round(r).Close(), () => Round(r).Close());
            var counted = (await ballots).Count(b => b.Receipt is not null);

            Assert.Equal((counted, counted), (first.Value!.Ballots, second.Value!.Ballots));
            Assert.Single(await Statuses(r, "closed"));
            var shown = await Round(r).Get();
            Assert.Equal((RoundStatus.Closed, counted), (shown.Status, shown.Ballots));
            Assert.Equal(Seen(shown), Seen(await AfterRestart(r)));
        }
    }

    [Fact]
    public async Task Setting_a_closing_time_and_closing_at_once_end_as_one_order_would_and_a_restart_shows_the_same()
    {
        for (var i = 0; i < Tries; i++)
        {
            var r = await TestRound.OpenAsync(backend.Grains);
            var due = DateTimeOffset.UtcNow.AddHours(1);

            var (set, close) = await Race.AtOnce(() => Round(r).SetClosingTime(due), () => Round(r).Close());

            // Close always goes through; the closing time either came first (and is kept) or found the round closed.
            Assert.True(close.Accepted, close.Refusal?.Code);
            var shown = await Round(r).Get();
            Assert.Equal(RoundStatus.Closed, shown.Status);
            if (set.Accepted)
            {
                Assert.Equal(due, shown.ClosesAt);
            }
            else
            {
                Assert.Equal(("round.not-open", ViolationKind.Conflict), (set.Refusal!.Code, set.Refusal.Kind));
                Assert.Null(shown.ClosesAt);
            }

            var restarted = await AfterRestart(r);
            Assert.Equal((Seen(shown), shown.ClosesAt), (Seen(restarted), restarted.ClosesAt));
            Assert.Single(await Statuses(r, "closed"));
        }
    }

    [Fact]
    public async Task The_closing_time_passing_while_the_organiser_closes_and_phones_vote_closes_once_and_counts_every_acknowledged_ballot()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var due = DateTimeOffset.UtcNow.AddSeconds(6);
        await Round(r).SetClosingTime(due);

        // Ballots keep coming up to and past the closing time; the organiser clicks close right at it.
        var ballots = Task.WhenAll(Enumerable.Range(0, 40).Select(async m =>
        {
            await Task.Delay(due - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(200) + TimeSpan.FromMilliseconds(10 * m));
            return await BallotOutcomeSeen.Of(r.Ballot(m), Round(r).Vote(r.Ballot(m)));
        }));
        await Task.Delay(due - DateTimeOffset.UtcNow);
        var close = await Round(r).Close();
        var counted = (await ballots).Count(b => b.Receipt is not null);

        Assert.Equal(RoundStatus.Closed, close.Status);
        Assert.Equal(counted, close.Ballots);
        Assert.Single(await Statuses(r, "closed"));
        var shown = await Round(r).Get();
        Assert.Equal((RoundStatus.Closed, counted), (shown.Status, shown.Ballots));
        Assert.Equal(Seen(shown), Seen(await AfterRestart(r)));
    }

    [Fact]
    public async Task A_phone_posting_three_hundred_ballots_to_a_published_round_adds_one_ledger_entry_at_most_also_after_a_restart()
    {
        var r = await TestRound.OpenAsync(backend.Grains);
        var counted = await Round(r).Vote(r.Ballot(1));
        await Round(r).Close();
        await Event(r).PublishRound(r.RoundId, false);
        var before = (await backend.Ledger.ReadAsync(r.MainStream)).Count;

        var refusals = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => BallotOutcomeSeen.Of(r.Ballot(2, i), Round(r).Vote(r.Ballot(2, i)))));
        await AfterRestart(r);
        var again = await Task.WhenAll(Enumerable.Range(300, 50).Select(i => BallotOutcomeSeen.Of(r.Ballot(2, i), Round(r).Vote(r.Ballot(2, i)))));
        // A second member's refusal is recorded too: the record is per member and reason, not one in all.
        await BallotOutcomeSeen.Of(r.Ballot(3), Round(r).Vote(r.Ballot(3)));

        Assert.All(refusals.Concat(again), o => Assert.Equal("round.not-open", o.Refusal));
        // Refusals ride along unawaited: give the last one a moment to land, then count.
        var entries = await backend.Ledger.ReadAsync(r.MainStream);
        for (var wait = 0; wait < 50 && entries.Count < before + 2; wait++)
        {
            await Task.Delay(100);
            entries = await backend.Ledger.ReadAsync(r.MainStream);
        }

        Assert.Equal(before + 2, entries.Count);
        Assert.Equal([TestRound.MemberNo(2), TestRound.MemberNo(3)], entries.Skip(before).Select(e => (e.Kind, e.Actor)).Select(e => e.Actor!));
        Assert.Null(LedgerEntry.FirstBroken(entries));
        Assert.Equal((RoundStatus.Published, 1), ((await Round(r).Get()).Status, (await Round(r).Get()).Ballots));
        Assert.Equal(counted.Receipt, (await Round(r).GetReceipts()).Single());
    }

    [Fact]
    public async Task Putting_a_case_on_stage_and_moving_the_phase_at_once_end_as_one_order_would_and_replay_shows_the_same()
    {
        var panel = Enumerable.Range(1, 5).Select(i => new JudgeSeat($"j{i}", $"评委{i}", null)).ToList();
        for (var i = 0; i < Tries; i++)
        {
            var judging = backend.Grains.GetGrain<IJudgingGrain>($"race-judging-{Guid.NewGuid():N}");
            var first = new StageCase("c1", "红色家书诵读", "b1", "第一中学党支部");
            var next = new StageCase("c2", "重走长征路", "b2", "实验小学党支部");
            await judging.PresentCase(first, panel, SelectionEventGrain.DefaultRubric, 1, TooFewToTrim.AverageAll);
            await judging.Advance(StagePhase.Scoring);

            var (stage, phase) = await Race.AtOnce(
                () => judging.PresentCase(next, panel, SelectionEventGrain.DefaultRubric, 1, TooFewToTrim.AverageAll),
                () => judging.Advance(StagePhase.Revealed));

            // Either order is allowed (revealing the first case, then presenting the next; or presenting
            // the next, then revealing it): the stage shows what the answer that went last said.
            Assert.True(stage.Accepted && phase.Accepted, stage.Refusal?.Code ?? phase.Refusal?.Code);
            var shown = await judging.GetStage();
            Assert.Contains((shown.Case?.CaseId, shown.Phase), new[] { (stage.Value!.Case?.CaseId, stage.Value.Phase), (phase.Value!.Case?.CaseId, phase.Value.Phase) });
            await backend.RestartAsync(judging);
            var replayed = await backend.Grains.GetGrain<IJudgingGrain>(judging.GetPrimaryKeyString()).GetStage();
            Assert.Equal((shown.Case?.CaseId, shown.Phase, shown.Submitted), (replayed.Case?.CaseId, replayed.Phase, replayed.Submitted));
        }
    }
}

/// <summary>The organiser races on memory grain storage and the in-memory ledger.</summary>
public sealed class MemoryOrganiserRaces(MemoryBackend backend) : OrganiserRaces(backend), IClassFixture<MemoryBackend>;

/// <summary>The organiser races on the embedded mode's SQLite file.</summary>
public sealed class SqliteOrganiserRaces(SqliteBackend backend) : OrganiserRaces(backend), IClassFixture<SqliteBackend>;

/// <summary>The organiser races on PostgreSQL. Needs ENGAGEMENT_TEST_POSTGRES.</summary>
public sealed class PostgresOrganiserRaces(PostgresBackend backend) : OrganiserRaces(backend), IClassFixture<PostgresBackend>;
