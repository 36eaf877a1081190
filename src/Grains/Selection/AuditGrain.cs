using Engagement.Ledger;
using Orleans.Concurrency;

namespace Engagement.Selection;

[StatelessWorker]
public sealed class AuditGrain(ILedger ledger) : Grain, IAuditGrain
{
    public async Task<AuditTrail> Read(string stream, int limit)
    {
        var entries = await ledger.ReadAsync(stream);
        var latest = entries.TakeLast(Math.Clamp(limit, 0, 1000))
            .Select(e => new AuditEntry(e.Seq, e.Kind, e.Actor, e.Receipt, e.Data, e.At, e.Hash))
            .ToList();
        // A secret round's ballot box is a set, not a chain: each entry is checked on its own.
        var box = stream.EndsWith(":box", StringComparison.Ordinal);
        return new AuditTrail(
            stream,
            entries.Count,
            box ? BallotBox.Fingerprint(entries) : entries.Count > 0 ? entries[^1].Hash : LedgerEntry.Genesis,
            box ? BallotBox.FirstBroken(entries) : LedgerEntry.FirstBroken(entries),
            latest);
    }
}
