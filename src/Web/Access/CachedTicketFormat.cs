using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Engagement.Web.Access;

/// <summary>
/// Remembers what a sign-in cookie decrypted to. When the hall votes, every phone sends its cookie with each
/// ballot and retry; decrypting and deserialising it (AES + HMAC + the claims) was an eighth of the server's CPU
/// per ballot in the benchmark profile (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Safe because the key is the whole protected string: the same bytes always decrypt to the same ticket, and a
/// tampered cookie is a different key that goes to the real decryptor. The cookie handler still checks expiry and
/// runs revalidation (revoked codes, removed members) on every request, so how long an entry lives is a matter of
/// cost, not of security: <see cref="Lifetime"/> covers phones that signed in well before the vote. Each caller gets
/// its own copy of the ticket. The cache is <see cref="MemoryCache"/> with a size limit: past it, new entries wait
/// while a quarter of the old ones are dropped in the background — no lock taken over the whole cache on the way
/// (an earlier version counted and cleared a ConcurrentDictionary, which serialised every cache miss: issue #11).
/// </remarks>
public sealed class CachedTicketFormat : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public const int Capacity = 50_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ISecureDataFormat<AuthenticationTicket> _inner;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _tickets;

    public CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock, int capacity = Capacity)
    {
        _inner = inner;
        _clock = clock;
        _tickets = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });
    }

    /// <summary>Entries held now (for tests: never above the capacity).</summary>
    internal int Count => _tickets.Count;

    public string Protect(AuthenticationTicket data) => Protect(data, null);

    /// <summary>A cookie just issued is remembered at once: a phone's first ballot then needs no decryption either.</summary>
    public string Protect(AuthenticationTicket data, string? purpose)
    {
        var protectedText = _inner.Protect(data, purpose);
        if (purpose is null)
        {
            Remember(protectedText, data.Clone());
        }

        return protectedText;
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return _inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGetValue(protectedText, out Entry? cached) && cached!.Until > _clock.GetUtcNow())
        {
            return cached.Ticket.Clone();
        }

        var ticket = _inner.Unprotect(protectedText);
        if (ticket is null)
        {
            return null;
        }

        Remember(protectedText, ticket.Clone());
        return ticket;
    }

    public void Dispose() => _tickets.Dispose();

    private void Remember(string protectedText, AuthenticationTicket ticket)
    {
        var until = _clock.GetUtcNow() + Lifetime;
        if (ticket.Properties.ExpiresUtc is { } expires && expires < until)
        {
            until = expires;
        }

        // The cache's own expiry (on the real clock) only tidies up; whether an entry is still good is decided above.
        _tickets.Set(protectedText, new Entry(ticket, until), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Until);
}
