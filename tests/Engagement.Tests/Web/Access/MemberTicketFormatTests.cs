using System.Security.Claims;
using System.Security.Cryptography;
using CsCheck;
using Engagement.Organisation;
using Engagement.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Tests.Web.Access;

/// <summary>
/// A member's compact cookie reads back as exactly the sign-in it was made from, and nothing else reads as a
/// sign-in: not a changed byte, not a cookie signed under another key, not a cut-off one.
/// </summary>
public sealed class MemberTicketFormatTests
{
    private static readonly AccessKey Key = new(RandomNumberGenerator.GetBytes(32));
    private readonly TicketDataFormat _encrypted = new(new EphemeralDataProtectionProvider().CreateProtector("cookie-test"));
    private readonly MemberTicketFormat _format;

    public MemberTicketFormatTests() => _format = new MemberTicketFormat(_encrypted, Key);

    [Fact]
    public void A_member_sign_in_reads_back_with_the_same_claims_and_times()
    {
        var ticket = MemberTicket(new Member("DY0042", "王 芳·党员", null, "b7", 42, 3));

        var cookie = _format.Protect(ticket);
        var read = _format.Unprotect(cookie)!;

        Assert.StartsWith("m1.", cookie);
        Assert.True(cookie.Length < 160, $"{cookie.Length} characters");
        Assert.Equal(Claims(ticket.Principal), Claims(read.Principal));
        Assert.True(read.Principal.IsInRole(Roles.Member));
        Assert.Equal("王 芳·党员", read.Principal.Identity!.Name);
        Assert.Equal(CookieAuthenticationDefaults.AuthenticationScheme, read.Principal.Identity.AuthenticationType);
        Assert.Equal(ticket.Properties.IssuedUtc, read.Properties.IssuedUtc);
        Assert.Equal(ticket.Properties.ExpiresUtc, read.Properties.ExpiresUtc);
        Assert.True(read.Properties.IsPersistent);
    }

    [Fact]
    public void Any_changed_character_cut_or_other_key_reads_as_no_sign_in()
    {
        var ticket = MemberTicket(new Member("DY0042", "王芳", null, "b7", 42, 0));
        var cookie = _format.Protect(ticket);

        // A changed character reads as nothing, or (base64's spare bits) as the very same sign-in, never another.
        Gen.Int[3, cookie.Length - 1].Select(Gen.Char['-', 'z']).Sample((at, c) =>
        {
            var read = _format.Unprotect(cookie[..at] + c + cookie[(at + 1)..]);
            return read is null || Claims(read.Principal).SequenceEqual(Claims(ticket.Principal));
        }, iter: 2_000);
        Gen.Int[0, cookie.Length - 1].Sample(length => _format.Unprotect(cookie[..length]) is null);
        var otherServer = new MemberTicketFormat(_encrypted, new AccessKey(RandomNumberGenerator.GetBytes(32)));
        Assert.Null(otherServer.Unprotect(cookie));
        Assert.Null(_format.Unprotect("m1.not base64!.AAAA"));
        Assert.Null(_format.Unprotect("m1." + new string('A', 5000)));
    }

    [Fact]
    public void A_forged_member_number_with_a_signature_copied_from_another_cookie_is_refused()
    {
        var mine = _format.Protect(MemberTicket(new Member("DY0001", "甲", null, "b1", 1, 0)));
        var theirs = _format.Protect(MemberTicket(new Member("DY0002", "乙", null, "b1", 2, 0)));

        var forged = theirs[..theirs.LastIndexOf('.')] + mine[mine.LastIndexOf('.')..];

        Assert.Null(_format.Unprotect(forged));
    }

    [Fact]
    public void Organisers_judges_and_unusual_member_tickets_stay_encrypted_and_still_read()
    {
        var organiser = new AuthenticationTicket(AccessExtensions.OrganiserPrincipal(new Engagement.Access.OrganiserAccount("admin", "管理员", "hash")),
            new AuthenticationProperties(), CookieAuthenticationDefaults.AuthenticationScheme);
        var extraClaim = MemberTicket(new Member("DY0003", "丙", null, "b1", 3, 0));
        ((ClaimsIdentity)extraClaim.Principal.Identity!).AddClaim(new Claim("something-else", "x"));
        var extraItem = MemberTicket(new Member("DY0004", "丁", null, "b1", 4, 0));
        extraItem.Properties.Items["returnUrl"] = "/member.html";

        foreach (var ticket in new[] { organiser, extraClaim, extraItem })
        {
            var cookie = _format.Protect(ticket);
            Assert.DoesNotContain("m1.", cookie[..3]);
            Assert.Equal(Claims(ticket.Principal), Claims(_format.Unprotect(cookie)!.Principal));
        }
    }

    [Fact]
    public void A_member_cookie_issued_before_the_compact_form_still_signs_in()
    {
        var old = _encrypted.Protect(MemberTicket(new Member("DY0005", "戊", null, "b2", 5, 1)));

        Assert.Equal("DY0005", _format.Unprotect(old)!.Principal.FindFirstValue(Engagement.Web.Access.Claims.Subject));
    }

    private static AuthenticationTicket MemberTicket(Member member) => new(
        AccessExtensions.MemberPrincipal(member),
        new AuthenticationProperties
        {
            IsPersistent = true,
            IssuedUtc = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            ExpiresUtc = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 + 30 * 86_400),
        },
        CookieAuthenticationDefaults.AuthenticationScheme);

    private static List<(string, string)> Claims(ClaimsPrincipal principal) =>
        principal.Claims.Select(c => (c.Type, c.Value)).OrderBy(c => c).ToList();
}
