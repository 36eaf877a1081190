using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Engagement.Web.Access;

/// <summary>
/// Remembers what a sign-in cookie decrypted to, for a minute. When the hall votes, every phone sends
/// its cookie with each ballot and retry; decrypting and deserialising it (AES + HMAC + the claims) was
/// an eighth of the server's CPU per ballot in the benchmark profile (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Safe because the key is the whole protected string: the same bytes always decrypt to the same ticket,
/// and a tampered cookie is a different key that goes to the real decryptor. The cookie handler still
/// checks expiry and runs revalidation on every request, and each caller gets its own copy of the
/// ticket. The cache is bounded: past its capacity (<see cref="Capacity"/> by default: a county's members) entries it starts again from empty.
/// </remarks>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock, int capacity = CachedTicketFormat.Capacity)
    : ISecureDataFormat<AuthenticationTicket>
{
    public const int Capacity = 50_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset Until)> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => Protect(data, null);

    /// <summary>A cookie just issued is remembered at once: a phone's first ballot then needs no decryption either.</summary>
    public string Protect(AuthenticationTicket data, string? purpose)
    {
        var protectedText = inner.Protect(data, purpose);
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
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_tickets.TryGetValue(protectedText, out var cached) && cached.Until > now)
        {
            return cached.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            return null;
        }

        Remember(protectedText, ticket.Clone());
        return ticket;
    }

    private void Remember(string protectedText, AuthenticationTicket ticket)
    {
        if (_tickets.Count >= capacity)
        {
            _tickets.Clear();
        }

        _tickets[protectedText] = (ticket, clock.GetUtcNow() + Lifetime);
    }
}
