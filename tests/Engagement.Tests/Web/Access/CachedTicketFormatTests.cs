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
    public void Same_cookie_is_not_decrypted_again_within_its_lifetime()
    {
        var cookie = _format.Protect(Ticket("M0001"));

        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5)); // a phone that signed in well before the vote (issue #11)
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
    public void After_its_lifetime_the_cookie_is_decrypted_again()
    {
        var cookie = _format.Protect(Ticket("M0001"));
        _format.Unprotect(cookie);

        _clock.Advance(CachedTicketFormat.Lifetime + TimeSpan.FromSeconds(1));
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
    public void A_cookie_is_not_trusted_past_the_tickets_own_expiry()
    {
        var ticket = Ticket("M0001");
        ticket.Properties.ExpiresUtc = _clock.GetUtcNow().AddMinutes(2);
        var cookie = _format.Protect(ticket);

        _clock.Advance(TimeSpan.FromMinutes(3));
        _format.Unprotect(cookie);

        Assert.Equal(1, _inner.Unprotects);
    }

    [Fact]
    public void A_full_cache_does_not_grow_and_still_answers_every_cookie_correctly()
    {
        var cookies = Enumerable.Range(0, 200).Select(i => (No: $"M{i:D4}", Cookie: _inner.Protect(Ticket($"M{i:D4}")))).ToList();
        using var small = new CachedTicketFormat(_inner, _clock, capacity: 20);

        foreach (var (no, cookie) in cookies.Concat(cookies))
        {
            Assert.Equal(no, small.Unprotect(cookie)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
            Assert.True(small.Count <= 20, $"{small.Count} entries in a cache of 20");
        }
    }

    [Fact]
    public void Many_requests_at_once_with_distinct_and_repeated_cookies_each_get_their_own_member()
    {
        var cookies = Enumerable.Range(0, 500).Select(i => (No: $"M{i:D4}", Cookie: _inner.Protect(Ticket($"M{i:D4}")))).ToList();
        using var cache = new CachedTicketFormat(_inner, _clock, capacity: 300);
        var wrong = 0;

        Parallel.For(0, 8_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (no, cookie) = cookies[(i * 7919) % cookies.Count];
            if (cache.Unprotect(cookie)?.Principal.FindFirstValue(ClaimTypes.NameIdentifier) != no)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
        Assert.True(cache.Count <= 300);
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
