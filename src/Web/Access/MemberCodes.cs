using System.Security.Cryptography;
using Engagement.Organisation;

namespace Engagement.Web.Access;

/// <summary>
/// A member's personal code, e.g. <c>0041-7KQ3-M9XD</c>: 12 Crockford base32 characters. The first four
/// locate the member (their sequence number); the last eight are 40 bits of HMAC over the member's
/// identity and code generation, which is what an attacker would have to guess. Nothing secret is stored.
/// </summary>
public sealed class MemberCodes(AccessKey key)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int SeqChars = 4;
    private const int MacChars = 8;
    public const int MaxSeq = (1 << (5 * SeqChars)) - 1;

    public string For(Member member)
    {
        if (member.Seq is < 1 or > MaxSeq)
        {
            throw new InvalidOperationException($"Member sequence {member.Seq} is outside the code space.");
        }

        var code = Encode(member.Seq, SeqChars) + MacPart(member);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>Reads what a person typed: case, spaces, dashes and the look-alikes O/I/L are forgiven.</summary>
    public static bool TryRead(string? input, out int seq, out string mac)
    {
        seq = 0;
        mac = string.Empty;
        if (input is null || input.Length > 40)
        {
            return false;
        }

        var chars = input.ToUpperInvariant()
            .Where(c => c is not (' ' or '-' or '\t'))
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray();
        if (chars.Length != SeqChars + MacChars || chars.Any(c => !Alphabet.Contains(c)))
        {
            return false;
        }

        foreach (var c in chars[..SeqChars])
        {
            seq = (seq << 5) | Alphabet.IndexOf(c);
        }

        mac = new string(chars[SeqChars..]);
        return seq > 0;
    }

    public bool Matches(Member member, string mac) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(MacPart(member)),
            System.Text.Encoding.ASCII.GetBytes(mac));

    private string MacPart(Member member)
    {
        var bytes = key.Mac("member-code", $"{member.Seq}|{member.MemberNo}|{member.CodeGeneration}");
        // 40 bits = 8 base32 characters.
        ulong bits = 0;
        for (var i = 0; i < 5; i++)
        {
            bits = (bits << 8) | bytes[i];
        }

        return Encode((long)bits, MacChars);
    }

    private static string Encode(long value, int length)
    {
        var chars = new char[length];
        for (var i = length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
