using System.Security.Cryptography;
using System.Text;

namespace Engagement.Ledger;

/// <summary>
/// One line of the append-only ledger: a ballot, a refusal, a score, a state change. Each stream (one
/// per round, one per judging panel) is a hash chain: every entry's hash covers the previous one, so
/// changing or removing any entry changes the head hash printed on the results.
/// </summary>
/// <param name="Actor">Who did it (member number, judge id, "organiser"); null for a secret ballot.</param>
/// <param name="Data">Compact JSON with the entry's details.</param>
public sealed record LedgerEntry(
    string Stream,
    long Seq,
    string Kind,
    string? Actor,
    string? Receipt,
    string Data,
    DateTimeOffset At,
    string Hash)
{
    public const string Genesis = "";

    /// <summary>Makes the next entry of a chain whose head hash is <paramref name="previousHash"/>.</summary>
    public static LedgerEntry Next(string stream, long seq, string previousHash, string kind, string? actor, string? receipt, string data, DateTimeOffset at)
    {
        var rounded = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        var entry = new LedgerEntry(stream, seq, kind, actor, receipt, data, rounded, string.Empty);
        return entry with { Hash = entry.ComputeHash(previousHash) };
    }

    public string ComputeHash(string previousHash)
    {
        // SHA-256 of the fields joined by newlines, as UTF-8 (numbers in invariant digits), in lower-case hex. Written
        // into one rented buffer: this runs for every ballot, and the joined string was a twentieth of its allocations.
        Span<string?> parts = [previousHash, Stream, null, Kind, Actor ?? "-", Receipt ?? "-", Data, null];
        var atMs = At.ToUnixTimeMilliseconds();
        var length = 0;
        foreach (var part in parts)
        {
            length += (part is null ? 20 : Encoding.UTF8.GetMaxByteCount(part.Length)) + 1;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    buffer[written++] = (byte)'\n';
                }

                if (parts[i] is { } text)
                {
                    written += Encoding.UTF8.GetBytes(text, buffer.AsSpan(written));
                }
                else
                {
                    (i == 2 ? Seq : atMs).TryFormat(buffer.AsSpan(written), out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
                    written += digits;
                }
            }

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Checks a whole stream read back from storage; returns the first broken sequence number, if any.</summary>
    public static long? FirstBroken(IReadOnlyList<LedgerEntry> stream)
    {
        var previous = Genesis;
        for (var i = 0; i < stream.Count; i++)
        {
            if (stream[i].Seq != i + 1 || stream[i].ComputeHash(previous) != stream[i].Hash)
            {
                return i + 1;
            }

            previous = stream[i].Hash;
        }

        return null;
    }
}

/// <summary>
/// Durable, append-only storage for ledger entries. An append is one transaction: all of the batch is
/// durable when the task completes, or none of it is. Embedded mode keeps it in the SQLite file,
/// a cluster in PostgreSQL (src/Silo/Ledger/AdoNetLedger.cs).
/// </summary>
public interface ILedger
{
    Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LedgerEntry>> ReadAsync(string stream, CancellationToken cancellationToken = default);
}

/// <summary>
/// A secret round's ballot box: an unordered set rather than a chain. Each ballot gets a random
/// sequence number and a hash of its own, so neither its position nor its time says when it was cast
/// (and so who cast it). Its fingerprint for the results is the hash of all entry hashes in order of
/// their (random) keys; a changed entry fails its own hash and a removed one changes the fingerprint.
/// </summary>
public static class BallotBox
{
    public static LedgerEntry Entry(string stream, string receipt, string data) =>
        LedgerEntry.Next(stream, System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue) * (long)int.MaxValue
                                 + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, int.MaxValue),
            LedgerEntry.Genesis, "ballot", null, receipt, data, DateTimeOffset.UnixEpoch);

    public static long? FirstBroken(IReadOnlyList<LedgerEntry> box) =>
        box.FirstOrDefault(e => e.ComputeHash(LedgerEntry.Genesis) != e.Hash)?.Seq;

    public static string Fingerprint(IEnumerable<LedgerEntry> box) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', box.OrderBy(e => e.Seq).Select(e => e.Hash))))).ToLowerInvariant();
}

/// <summary>A chain being extended by one writer (a grain): hands out sequence numbers and hashes.</summary>
public sealed class LedgerChain(string stream)
{
    public string Stream { get; } = stream;
    public long Seq { get; private set; }
    public string Head { get; private set; } = LedgerEntry.Genesis;

    public static LedgerChain From(string stream, IReadOnlyList<LedgerEntry> entries)
    {
        var chain = new LedgerChain(stream);
        if (entries.Count > 0)
        {
            chain.Seq = entries[^1].Seq;
            chain.Head = entries[^1].Hash;
        }

        return chain;
    }

    public LedgerEntry Append(string kind, string? actor, string? receipt, string data, DateTimeOffset at)
    {
        var entry = LedgerEntry.Next(Stream, Seq + 1, Head, kind, actor, receipt, data, at);
        Seq = entry.Seq;
        Head = entry.Hash;
        return entry;
    }

    /// <summary>
    /// Appends commands to the chain and writes them in one durable batch. If the write fails the chain
    /// is rolled back and the caller is told to retry: nothing was recorded.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> CommitAsync(ILedger ledger, IReadOnlyList<(string Kind, string? Actor, string Data)> commands)
    {
        var (seq, head) = (Seq, Head);
        var at = DateTimeOffset.UtcNow;
        var entries = commands.Select(c => Append(c.Kind, c.Actor, null, c.Data, at)).ToList();
        try
        {
            await ledger.AppendAsync(entries);
        }
        catch (Exception e) when (e is not RuleViolation)
        {
            ResetTo(seq, head);
            throw new TryAgainLater($"ledger {Stream} unavailable: {e.Message}");
        }

        return entries;
    }

    /// <summary>Undo appends that never became durable (their batch failed).</summary>
    public void ResetTo(long seq, string head)
    {
        Seq = seq;
        Head = head;
    }
}

/// <summary>
/// In-memory ledger for grain tests and throwaway demos. Same contract as the database: a batch is
/// all-or-nothing, (Stream, Seq) is unique, reads come back ordered by Seq. No durability.
/// </summary>
public sealed class MemoryLedger : ILedger
{
    private readonly Dictionary<string, SortedList<long, LedgerEntry>> _streams = [];

    public Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_streams)
        {
            var keys = new HashSet<(string, long)>();
            foreach (var entry in entries)
            {
                if (!keys.Add((entry.Stream, entry.Seq)) || (_streams.TryGetValue(entry.Stream, out var existing) && existing.ContainsKey(entry.Seq)))
                {
                    throw new InvalidOperationException($"Ledger {entry.Stream}: seq {entry.Seq} is already taken.");
                }
            }

            foreach (var entry in entries)
            {
                var stream = _streams.TryGetValue(entry.Stream, out var list) ? list : _streams[entry.Stream] = [];
                stream.Add(entry.Seq, entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_streams)
        {
            return Task.FromResult<IReadOnlyList<LedgerEntry>>(_streams.TryGetValue(stream, out var list) ? list.Values.ToList() : []);
        }
    }
}
