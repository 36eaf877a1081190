using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Engagement.Selection;

namespace Engagement.Tests.Selection;

/// <summary>
/// Receipts are printed on members' phones and fingerprints stored in every ledger: computing them with less
/// allocation must give exactly what the first formula gave, for any round, member and ballot id.
/// </summary>
public sealed class BallotCodesFormulaTests
{
    private static readonly Gen<string> Id = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 1, 64], Gen.String[Gen.Char['一', '龥'], 1, 20], Gen.String[1, 300]);

    [Fact]
    public void Receipts_and_fingerprints_are_what_the_first_formula_gave()
    {
        Gen.Select(Id, Id, Id).Sample((round, member, ballot) =>
            BallotCodes.Receipt(round, member, ballot) == FirstReceipt(round, member, ballot)
            && BallotCodes.Fingerprint(round, ballot) == FirstFingerprint(round, ballot), iter: 3_000);
    }

    private static string FirstReceipt(string roundId, string memberNo, string ballotId)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"receipt|{roundId}|{memberNo}|{ballotId}"));
        var chars = new char[12];
        var bits = BitConverter.ToUInt64(hash, 0);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        var text = new string(chars);
        return $"{text[..4]}-{text[4..8]}-{text[8..]}";
    }

    private static string FirstFingerprint(string roundId, string ballotId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"ballot|{roundId}|{ballotId}")), 0, 16).ToLowerInvariant();
}
