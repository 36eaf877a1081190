using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Tests.Contest.Grains;

namespace Engagement.Tests.Selection.Conformance;

/// <summary>
/// The knowledge contest's answer path held to the voting guarantees on every storage backend: concurrent answers
/// count exactly once, also after a restart; answers racing the host's lock or the deadline are either acknowledged
/// and counted, or refused and nowhere — none lands after the lock.
/// </summary>
public abstract class ContestAnswerConformance(VotingBackend backend)
{
    private IContestGrain Contest(TestContest test) => test.Grain(backend.Grains);

    private Task Restart(TestContest test) => backend.RestartAsync(Contest(test));

    [Fact]
    public async Task A_hundred_concurrent_answers_count_exactly_a_hundred_also_after_a_restart_and_retries_get_their_receipts()
    {
        var test = await TestContest.RunningAsync(backend.Grains, seconds: 60);
        await test.OpenAsync(backend.Grains, 1);
        var answers = Enumerable.Range(0, 100).Select(i => TestContest.Answer(i, 1, i % 2 == 0 ? "B" : "C")).ToList();

        var receipts = await Task.WhenAll(answers.Select(a => Contest(test).Answer(a)));
        Assert.Equal(100, receipts.Select(r => r.Receipt).Distinct().Count());

        await Restart(test);
        var view = await Contest(test).Get();
        Assert.Equal((HallPhase.Open, 100), (view.Phase, view.Answered));
        var again = await Task.WhenAll(answers.Select(a => Contest(test).Answer(a)));
        Assert.Equal(receipts.Select(r => r.Receipt), again.Select(r => r.Receipt));
        await Contest(test).Step(new HostStep(1, HallPhase.Locked));
        var revealed = await Contest(test).Step(new HostStep(1, HallPhase.Revealed));
        Assert.Equal((100, 50), (revealed.Live.Reveal!.Answered, revealed.Live.Reveal.Correct));

        var stream = await AssertChainIntact(test);
        Assert.Equal(receipts.Select(r => r.Receipt).Order(), stream.Where(e => e.Kind == "answer").Select(e => e.Receipt!).Order());
    }

    [Fact]
    public async Task Answers_racing_the_hosts_lock_are_counted_when_acknowledged_and_none_lands_after_the_lock()
    {
        for (var run = 0; run < 3; run++)
        {
            var test = await TestContest.RunningAsync(backend.Grains, seconds: 60);
            await test.OpenAsync(backend.Grains, 1);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = Enumerable.Range(0, 150).Select(async i =>
            {
                await gate.Task;
                await Task.Delay(i % 30);
                return await Outcome(() => Contest(test).Answer(TestContest.Answer(i, 1, "B")));
            }).ToList();
            var lockStep = Task.Run(async () =>
            {
                await gate.Task;
                await Task.Delay(10);
                return await Contest(test).Step(new HostStep(1, HallPhase.Locked));
            });
            gate.SetResult();
            var outcomes = await Task.WhenAll(sent);
            await lockStep;

            await AssertAnswersBeforeTheLock(test, outcomes);
            await Restart(test);
            await AssertAnswersBeforeTheLock(test, outcomes);
        }
    }

    [Fact]
    public async Task Answers_racing_the_deadline_are_counted_when_acknowledged_and_none_lands_after_the_lock()
    {
        var test = await TestContest.RunningAsync(backend.Grains);
        var open = await test.OpenAsync(backend.Grains, 1);
        // Phones keep answering from a second before the closing time to about a second after it.
        await Task.Delay(open.ClosesAt!.Value - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1));
        var sent = Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Delay(i * 10);
            return await Outcome(() => Contest(test).Answer(TestContest.Answer(i, 1, "B")));
        }).ToList();
        var outcomes = await Task.WhenAll(sent);

        Assert.Contains(outcomes, o => o.Receipt is not null);
        Assert.Contains(outcomes, o => o.Refusal == "answer.closed");
        Assert.All(outcomes.Where(o => o.Receipt is not null), o => Assert.InRange(o.Receipt!.ElapsedMs, 0, TestContest.Seconds * 1000));
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while ((await Contest(test).Get()).Phase != HallPhase.Locked)
        {
            Assert.True(DateTimeOffset.UtcNow < until, "not locked at its closing time");
            await Task.Delay(100);
        }

        await AssertAnswersBeforeTheLock(test, outcomes);
        await Restart(test);
        await AssertAnswersBeforeTheLock(test, outcomes);
    }

    private async Task AssertAnswersBeforeTheLock(TestContest test, IReadOnlyList<Seen> outcomes)
    {
        var stream = await AssertChainIntact(test);
        var locked = Assert.Single(stream, e => e.Kind == "step" && e.Data.Contains("\"locked\"", StringComparison.Ordinal));
        var answers = stream.Where(e => e.Kind == "answer").ToList();
        Assert.All(answers, e => Assert.True(e.Seq < locked.Seq, $"answer {e.Seq} after the lock {locked.Seq}"));
        var acknowledged = outcomes.Where(o => o.Receipt is not null).Select(o => o.Receipt!.Receipt).Order().ToList();
        Assert.Equal(acknowledged, answers.Select(e => e.Receipt!).Order());
        Assert.All(outcomes, o => Assert.True(o.Receipt is not null || o.Refusal is "answer.closed", $"unexpected outcome {o}"));
        var view = await Contest(test).Get();
        Assert.Equal((HallPhase.Locked, acknowledged.Count), (view.Phase, view.Answered));
    }

    private async Task<IReadOnlyList<LedgerEntry>> AssertChainIntact(TestContest test)
    {
        var entries = await backend.Ledger.ReadAsync(test.Stream);
        Assert.NotEmpty(entries);
        Assert.Null(LedgerEntry.FirstBroken(entries));
        return entries;
    }

    private static async Task<Seen> Outcome(Func<Task<AnswerReceipt>> answer)
    {
        try
        {
            return new Seen(await answer(), null);
        }
        catch (RuleViolation refused)
        {
            return new Seen(null, refused.Code);
        }
    }

    private sealed record Seen(AnswerReceipt? Receipt, string? Refusal);
}

/// <summary>The answer path on memory grain storage and the in-memory ledger.</summary>
public sealed class MemoryContestAnswerConformance(MemoryBackend backend) : ContestAnswerConformance(backend), IClassFixture<MemoryBackend>;

/// <summary>The answer path on the embedded mode's SQLite file.</summary>
public sealed class SqliteContestAnswerConformance(SqliteBackend backend) : ContestAnswerConformance(backend), IClassFixture<SqliteBackend>;

/// <summary>The answer path on PostgreSQL, as a cluster stores it. Needs ENGAGEMENT_TEST_POSTGRES.</summary>
public sealed class PostgresContestAnswerConformance(PostgresBackend backend) : ContestAnswerConformance(backend), IClassFixture<PostgresBackend>;
