namespace Engagement.Ledger;

/// <summary>
/// Group commit on one ledger chain, for a reentrant grain that takes many small writes at once (a hall of phones
/// answering). Entries queue while a batch is being written and go together in the next one: one transaction, one
/// fsync, however many entries; each caller's task completes only once its batch is durable, after
/// <c>committed</c> has seen the batch's tags. If a write fails, the chain is rolled back, <c>failed</c> sees the
/// batch (the owner releases what it reserved and retires its activation) and every caller is told to retry.
/// Used only on its owner's scheduler, so the queue needs no lock.
/// </summary>
/// <typeparam name="TTag">What the owner attaches to an entry to apply it once durable (e.g. the answer).</typeparam>
public sealed class GroupCommit<TTag>(
    ILedger ledger,
    LedgerChain chain,
    Action<IReadOnlyList<TTag>> committed,
    Action<Exception, IReadOnlyList<TTag>> failed,
    int maxBatch = GroupCommit<TTag>.DefaultMaxBatch)
    where TTag : class
{
    public const int DefaultMaxBatch = 2000;

    private List<Pending> _queue = [];
    private bool _flushing;

    public LedgerChain Chain => chain;

    /// <summary>The chain's sequence number up to which everything is durable.</summary>
    public long DurableSeq { get; private set; } = chain.Seq;

    /// <summary>The hash of the entry at <see cref="DurableSeq"/> (the chain's own head may be a batch still being written).</summary>
    public string DurableHead { get; private set; } = chain.Head;

    /// <summary>Queues an entry for the next batch; the task completes with the entry once it is durable.</summary>
    public Task<LedgerEntry> Append(string kind, string? actor, string? receipt, string data, TTag? tag = null)
    {
        var pending = new Pending(kind, actor, receipt, data, tag);
        _queue.Add(pending);
        if (!_flushing)
        {
            // Set before the loop starts: the loop may finish synchronously and must be able to clear it.
            _flushing = true;
            FlushLoop().Ignore();
        }

        return pending.Completion.Task;
    }

    private async Task FlushLoop()
    {
        try
        {
            // Let entries already on their way in join the first batch.
            await Task.Yield();
            while (_queue.Count > 0)
            {
                var batch = _queue.Count <= maxBatch ? _queue : _queue.GetRange(0, maxBatch);
                _queue = _queue.Count <= maxBatch ? [] : _queue.GetRange(maxBatch, _queue.Count - maxBatch);
                await WriteBatch(batch);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task WriteBatch(List<Pending> batch)
    {
        var (seq, head) = (chain.Seq, chain.Head);
        var at = DateTimeOffset.UtcNow;
        var entries = batch.Select(p => chain.Append(p.Kind, p.Actor, p.Receipt, p.Data, at)).ToList();
        var tags = batch.Where(p => p.Tag is not null).Select(p => p.Tag!).ToList();
        try
        {
            await ledger.AppendAsync(entries);
        }
        catch (Exception e)
        {
            // Nothing of this batch is acknowledged; the commit may have happened after all, so the owner reloads.
            chain.ResetTo(seq, head);
            failed(e, tags);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(new TryAgainLater("not recorded; retry"));
            }

            return;
        }

        (DurableSeq, DurableHead) = (chain.Seq, chain.Head);
        try
        {
            committed(tags);
        }
        finally
        {
            // Durable is durable: even if the owner fails to apply the batch, no caller waits forever.
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(entries[i]);
            }
        }
    }

    private sealed record Pending(string Kind, string? Actor, string? Receipt, string Data, TTag? Tag)
    {
        public TaskCompletionSource<LedgerEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
