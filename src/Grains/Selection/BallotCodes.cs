using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Selection;

/// <summary>
/// Receipts and fingerprints of ballots. A receipt is derived from the round, the member and the
/// phone's own ballot id, so a retried ballot gets the same receipt without the server having to
/// remember which receipt belongs to whom (in a secret round it does not).
/// </summary>
public static partial class BallotCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsValidBallotId(string? ballotId) => ballotId is not null && BallotIdPattern().IsMatch(ballotId);

    public static string Receipt(string roundId, string memberNo, string ballotId)
    {
        Span<byte> hash = stackalloc byte[32];
        Hash(hash, "receipt|", roundId, memberNo, ballotId);
        var bits = BitConverter.ToUInt64(hash);
        // Twelve characters of five bits each, shown in groups of four: XXXX-XXXX-XXXX.
        return string.Create(14, bits, static (chars, bits) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                if (i is 4 or 9)
                {
                    chars[i] = '-';
                    continue;
                }

                chars[i] = Alphabet[(int)(bits & 31)];
                bits >>= 5;
            }
        });
    }

    /// <summary>Identifies a ballot id without revealing it (the receipt cannot be recomputed from this).</summary>
    public static string Fingerprint(string roundId, string ballotId)
    {
        Span<byte> hash = stackalloc byte[32];
        Hash(hash, "ballot|", roundId, ballotId, null);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>SHA-256 of <c>prefix + a|b[|c]</c> as UTF-8, without building the joined string (every ballot does this twice).</summary>
    private static void Hash(Span<byte> hash, string prefix, string a, string b, string? c)
    {
        var encoding = Encoding.UTF8;
        var length = encoding.GetMaxByteCount(prefix.Length + a.Length + b.Length + (c?.Length ?? 0) + 2);
        var rented = length <= 512 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        var buffer = rented ?? stackalloc byte[512];
        try
        {
            var n = encoding.GetBytes(prefix, buffer);
            n += encoding.GetBytes(a, buffer[n..]);
            buffer[n++] = (byte)'|';
            n += encoding.GetBytes(b, buffer[n..]);
            if (c is not null)
            {
                buffer[n++] = (byte)'|';
                n += encoding.GetBytes(c, buffer[n..]);
            }

            SHA256.HashData(buffer[..n], hash);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static string NormaliseReceipt(string? receipt)
    {
        var compact = new string((receipt ?? string.Empty).ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return compact.Length == 12 ? $"{compact[..4]}-{compact[4..8]}-{compact[8..]}" : string.Empty;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex BallotIdPattern();
}
