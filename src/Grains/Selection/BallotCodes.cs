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
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"receipt|{roundId}|{memberNo}|{ballotId}"));
        var chars = new char[12];
        ulong bits = BitConverter.ToUInt64(hash, 0);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        var text = new string(chars);
        return $"{text[..4]}-{text[4..8]}-{text[8..]}";
    }

    /// <summary>Identifies a ballot id without revealing it (the receipt cannot be recomputed from this).</summary>
    public static string Fingerprint(string roundId, string ballotId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"ballot|{roundId}|{ballotId}")), 0, 16).ToLowerInvariant();

    public static string NormaliseReceipt(string? receipt)
    {
        var compact = new string((receipt ?? string.Empty).ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return compact.Length == 12 ? $"{compact[..4]}-{compact[4..8]}-{compact[8..]}" : string.Empty;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex BallotIdPattern();
}
