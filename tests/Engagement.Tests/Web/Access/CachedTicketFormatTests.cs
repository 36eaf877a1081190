using System.Security.Claims;
using Engagement.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Tests.Web.Access;

/// <summary>The sign-in cookie cache must never accept what the real decryptor would refuse.</summary>
public sealed class CachedTicketFormatTests
{
    private readonly CountingFormat _inner = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("cookie-test")));
    private readonly FakeClock _clock = new();
    private readonly CachedTicketFormat _format;

    public CachedTicketFormatTests() => _format = new CachedTicketFormat(_inner, _clock);

    [Fact]
    public void Same_cookie_is_not_decrypted_again_within_a_minute()
    {
        var cookie = _format.Protect(Ticket("M0001"));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("M0001", _format.Unprotect(cookie)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        }

        Assert.Equal(0, _inner.Unprotects);
    }

    [Fact]
    public void A_cookie_just_issued_needs_no_decryption_on_first_use()
    {
        var cookie = _format.Protect(Ticket("M0001"));

        Assert.Equal("M0001", _format.Unprotect(cookie)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(0, _inner.Unprotects);
    }

    [Fact]
    public void After_a_minute_the_cookie_is_decrypted_again()
    {
        var cookie = _format.Protect(Ticket("M0001"));
        _format.Unprotect(cookie);

        _clock.Advance(TimeSpan.FromSeconds(61));
        _format.Unprotect(cookie);

        Assert.Equal(1, _inner.Unprotects);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("")]
    [InlineData(null)]
    public void Tampered_or_missing_cookie_is_refused_even_after_the_real_one_was_cached(string? kind)
    {
        var cookie = _format.Protect(Ticket("M0001"));
        _format.Unprotect(cookie);
        var bad = kind == "tampered" ? cookie[..^4] + (cookie[^4..] == "AAAA" ? "BBBB" : "AAAA") : kind;

        Assert.Null(_format.Unprotect(bad));
    }

    [Fact]
    public void Each_caller_gets_its_own_copy_of_the_ticket()
    {
        var cookie = _format.Protect(Ticket("M0001"));
        var first = _format.Unprotect(cookie)!;
        first.Properties.Items["changed"] = "yes";
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "organiser"));

        var second = _format.Unprotect(cookie)!;

        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.False(second.Principal.IsInRole("organiser"));
    }

    [Fact]
    public void A_full_cache_starts_again_instead_of_growing()
    {
        var cookies = Enumerable.Range(0, 3).Select(i => _format.Protect(Ticket($"M{i}"))).ToList();
        var small = new CachedTicketFormat(_inner, _clock, capacity: 2);
        cookies.ForEach(c => small.Unprotect(c));
        var before = _inner.Unprotects;

        // The first two filled it; the third emptied it and is the only one left.
        small.Unprotect(cookies[2]);
        small.Unprotect(cookies[0]);

        Assert.Equal(before + 1, _inner.Unprotects);
    }

    private static AuthenticationTicket Ticket(string memberNo) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, memberNo)], "test")), "Cookies");

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return inner.Unprotect(protectedText, purpose);
        }
    }

    private sealed class FakeClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
