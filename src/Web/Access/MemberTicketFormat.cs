using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Engagement.Web.Access;

/// <summary>
/// A member's sign-in cookie in a compact signed form, checked with one HMAC: when the hall votes, every phone
/// sends its cookie with each ballot, and decrypting a data-protection cookie (AES + HMAC + deserialising the
/// claims) was the most expensive part of a ballot whose cookie was not in memory — after a restart, on another
/// web host, or when the phone signed in long before the vote (issue #11).
/// </summary>
/// <remarks>
/// <para>Form: <c>m1.</c> + base64url(member number, branch, name, code generation, issued, expires, persistent)
/// + <c>.</c> + base64url(the first 128 bits of HMAC-SHA256 over those bytes, under a key derived from the server's
/// access key). A changed byte, another key or a cookie cut short fails the check and reads as no sign-in.</para>
/// <para>What it keeps: the cookie is still HttpOnly, SameSite=Lax and Secure over HTTPS; the cookie handler still
/// checks its expiry and slides it; revocation is still checked on every request
/// (<see cref="MemberStandings"/>). What it gives up: the content is signed, not encrypted, so whoever holds the
/// cookie can read the member's own number, branch and name — but whoever holds the cookie already is that member
/// to the server. Tickets of other roles, and any member ticket with something this form cannot carry, go to the
/// data-protection format unchanged (and old cookies still read).</para>
/// </remarks>
public sealed class MemberTicketFormat : ISecureDataFormat<AuthenticationTicket>
{
    private const string Prefix = "m1.";
    private const int MacBytes = 16;
    private const char Separator = '\u001f';
    private static readonly string[] KnownItems = [".issued", ".expires", ".persistent"];

    private readonly ISecureDataFormat<AuthenticationTicket> _inner;
    private readonly byte[] _key;

    public MemberTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, AccessKey key)
    {
        _inner = inner;
        _key = key.Mac("member-ticket", "v1");
    }

    public string Protect(AuthenticationTicket data) => Protect(data, null);

    public string Protect(AuthenticationTicket data, string? purpose) =>
        purpose is null && Compact(data) is { } payload ? Sign(payload) : _inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (purpose is not null || protectedText is null || !protectedText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return _inner.Unprotect(protectedText, purpose);
        }

        return Verify(protectedText.AsSpan(Prefix.Length)) is { } payload ? Read(payload) : null;
    }

    /// <summary>The ticket's fields as text, or null when it is not a plain member sign-in.</summary>
    private static string? Compact(AuthenticationTicket ticket)
    {
        var identity = ticket.Principal.Identity as ClaimsIdentity;
        if (identity is null || ticket.Principal.Identities.Count() != 1 || !ticket.Principal.IsInRole(Roles.Member)
            || ticket.Properties.Items.Keys.Any(k => !KnownItems.Contains(k)))
        {
            return null;
        }

        string? memberNo = null, branchId = null, name = null, generation = null;
        foreach (var claim in identity.Claims)
        {
            switch (claim.Type)
            {
                case Claims.Subject: memberNo = claim.Value; break;
                case Claims.BranchId: branchId = claim.Value; break;
                case Claims.CodeGeneration: generation = claim.Value; break;
                case ClaimTypes.Name: name = claim.Value; break;
                case ClaimTypes.Role when claim.Value == Roles.Member: break;
                default: return null;
            }
        }

        string[] fields =
        [
            memberNo ?? "", branchId ?? "", name ?? "", generation ?? "",
            ticket.Properties.IssuedUtc?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "",
            ticket.Properties.ExpiresUtc?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "",
            ticket.Properties.IsPersistent ? "1" : "0",
        ];
        return memberNo is null || generation is null || fields.Any(f => f.Contains(Separator)) ? null : string.Join(Separator, fields);
    }

    private string Sign(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes, mac);
        return Prefix + Base64Url.EncodeToString(bytes) + "." + Base64Url.EncodeToString(mac[..MacBytes]);
    }

    /// <summary>The signed bytes, or null when the signature does not match them.</summary>
    private byte[]? Verify(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        if (dot <= 0 || text.Length - dot - 1 > 64)
        {
            return null;
        }

        byte[] payload;
        Span<byte> given = stackalloc byte[48];
        try
        {
            payload = Base64Url.DecodeFromChars(text[..dot]);
            if (!Base64Url.TryDecodeFromChars(text[(dot + 1)..], given, out var written) || written != MacBytes)
            {
                return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, expected);
        return CryptographicOperations.FixedTimeEquals(expected[..MacBytes], given[..MacBytes]) ? payload : null;
    }

    private static AuthenticationTicket? Read(byte[] payload)
    {
        // Seven fields; read from the text without splitting it into an array of strings (this runs on every ballot).
        var text = Encoding.UTF8.GetString(payload).AsSpan();
        Span<Range> fields = stackalloc Range[8];
        if (text.Split(fields, Separator) != 7)
        {
            return null;
        }

        var principal = AccessExtensions.MemberPrincipal(
            text[fields[0]].ToString(), text[fields[1]].ToString(), text[fields[2]].ToString(), text[fields[3]].ToString());
        var properties = new AuthenticationProperties
        {
            IssuedUtc = Time(text[fields[4]]),
            ExpiresUtc = Time(text[fields[5]]),
            IsPersistent = text[fields[6]] is "1",
        };
        return new AuthenticationTicket(principal, properties, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static DateTimeOffset? Time(ReadOnlySpan<char> seconds) =>
        long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
