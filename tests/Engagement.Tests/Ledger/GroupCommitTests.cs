using Engagement.Ledger;

namespace Engagement.Tests.Ledger;

/// <summary>
/// The group commit the contest's answer path uses: entries arriving while a batch is written go together in the
/// next one, each caller is answered once its batch is durable, and a failed batch is rolled back and answered with
/// "try again" — nothing of it acknowledged. Run on one exclusive scheduler, as a grain runs it.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TaskScheduler Grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    private static Task<T> OnGrain<T>(Func<Task<T>> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, Grain).Unwrap();

    [Fact]
    public async Task Entries_arriving_during_a_write_share_the_next_batch_and_each_caller_is_answered_once_durable()
    {
        var ledger = new SlowLedger();
        var committed = new List<string>();
        var commit = new GroupCommit<string>(ledger, new LedgerChain("contest:t"), tags => committed.AddRange(tags), (_, _) => Assert.Fail("no failure expected"));

        var entries = await OnGrain(async () =>
        {
            var pending = new List<Task<LedgerEntry>>();
            for (var i = 0; i < 300; i++)
            {
                pending.Add(commit.Append("answer", $"M{i}", null, "{}", $"a{i}"));
                if (i % 10 == 0)
                {
                    await Task.Delay(1);
                }
            }

            return await Task.WhenAll(pending);
        });

        var stored = await ledger.ReadAsync("contest:t");
        Assert.Equal(300, stored.Count);
        Assert.Null(LedgerEntry.FirstBroken(stored));
        Assert.Equal(stored.Select(e => e.Hash), entries.Select(e => e.Hash));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"a{i}"), committed);
        Assert.Equal(300, commit.DurableSeq);
        Assert.InRange(ledger.Batches, 2, 100);
    }

    [Fact]
    public async Task A_failed_batch_is_rolled_back_none_of_it_acknowledged_and_the_chain_goes_on_from_before_it()
    {
        var ledger = new SlowLedger { FailNext = true };
        var failed = new List<string>();
        var commit = new GroupCommit<string>(ledger, new LedgerChain("contest:f"), _ => { }, (_, tags) => failed.AddRange(tags));

        var first = await OnGrain(async () =>
        {
            var batch = Enumerable.Range(0, 5).Select(i => commit.Append("answer", $"M{i}", null, "{}", $"a{i}")).ToList();
            var outcomes = new List<Exception?>();
            foreach (var task in batch)
            {
                outcomes.Add(await Record.ExceptionAsync(() => task));
            }

            return outcomes;
        });
        var after = await OnGrain(() => commit.Append("step", "organiser", null, "{}"));

        Assert.All(first, e => Assert.IsType<TryAgainLater>(e));
        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], failed);
        Assert.Equal(1, after.Seq);
        Assert.Equal(after, Assert.Single(await ledger.ReadAsync("contest:f")));
    }

    /// <summary>A memory ledger whose every write takes a few milliseconds (so entries pile up behind it).</summary>
    private sealed class SlowLedger : ILedger
    {
        private readonly MemoryLedger _inner = new();

        public int Batches { get; private set; }

        public bool FailNext { get; set; }

        public async Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
        {
            Batches++;
            await Task.Delay(5, cancellationToken);
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("refused (test)");
            }

            await _inner.AppendAsync(entries, cancellationToken);
        }

        public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string stream, CancellationToken cancellationToken = default) => _inner.ReadAsync(stream, cancellationToken);
    }
}
