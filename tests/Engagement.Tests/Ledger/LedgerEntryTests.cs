using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Engagement.Ledger;

namespace Engagement.Tests.Ledger;

/// <summary>
/// An entry's hash is what every stored ledger was chained with: computing it with less allocation must give the
/// same hash for any entry, or every ledger written before would read as broken.
/// </summary>
public sealed class LedgerEntryTests
{
    private static readonly Gen<string> Text = Gen.OneOf(Gen.String, Gen.String[Gen.Char['一', '龥'], 0, 40], Gen.Const(""), Gen.Const("{\"c\":[\"a\",\"b\"]}"));

    [Fact]
    public void The_hash_of_any_entry_is_the_sha256_of_its_fields_joined_by_newlines_as_it_always_was()
    {
        Gen.Select(Text, Text, Gen.Long[0, long.MaxValue], Text, Text.Null(), Text.Null(), Text, Gen.Long[-62_135_596_800_000, 253_402_300_799_000])
            .Sample((previous, stream, seq, kind, actor, receipt, data, atMs) =>
            {
                var entry = new LedgerEntry(stream, seq, kind, actor, receipt, data, DateTimeOffset.FromUnixTimeMilliseconds(atMs), "");
                return entry.ComputeHash(previous) == AsFirstWritten(entry, previous);
            }, iter: 2_000);
    }

    [Fact]
    public void A_known_entry_keeps_its_known_hash()
    {
        var entry = new LedgerEntry("round:e1-r1", 7, "ballot", "DY001", "K7M2-Q9XA", "{\"c\":[\"c1\"],\"b\":\"b1\"}", DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123), "");

        Assert.Equal(AsFirstWritten(entry, "abc"), entry.ComputeHash("abc"));
        Assert.Equal(64, entry.ComputeHash("abc").Length);
    }

    /// <summary>The formula as first written (string.Join, then hex, then lower case).</summary>
    private static string AsFirstWritten(LedgerEntry e, string previous) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', previous, e.Stream, e.Seq, e.Kind, e.Actor ?? "-", e.Receipt ?? "-", e.Data, e.At.ToUnixTimeMilliseconds())))).ToLowerInvariant();
}
