using System.Security.Cryptography;
using Engagement.Access;

namespace Engagement.Web.Access;

/// <summary>
/// Secret links for judges, scorers and contest team desks: "grantId.signature", where the signature is 128 bits of HMAC
/// over the grant and its generation. Too long to guess, never stored, changed by revoking the grant.
/// </summary>
public sealed class AccessLinks(AccessKey key)
{
    public string TokenFor(AccessGrant grant) => $"{grant.GrantId}.{Signature(grant)}";

    public static bool TryRead(string? token, out string grantId, out string signature)
    {
        grantId = signature = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }

        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1)
        {
            return false;
        }

        grantId = token[..dot];
        signature = token[(dot + 1)..];
        return true;
    }

    public bool Matches(AccessGrant grant, string signature) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Signature(grant)),
            System.Text.Encoding.ASCII.GetBytes(signature));

    public static string PagePath(GrantRole role) => role switch
    {
        GrantRole.Judge => "/judge.html",
        GrantRole.Team => "/desk.html",
        _ => "/scorer.html",
    };

    private string Signature(AccessGrant grant) =>
        Convert.ToHexString(key.Mac("grant-link", $"{grant.GrantId}|{grant.Role}|{grant.Generation}"), 0, 16).ToLowerInvariant();
}
