using System.Collections.Concurrent;

namespace Engagement.Web.Access;

/// <summary>
/// Slows down guessing of codes and passwords by counting failed attempts per key in a fixed window.
/// Only failures count, so a whole office behind one address can still sign in at once; a guesser is
/// held to a few tries a minute (see README for why that makes a 40-bit code hopeless to guess).
/// </summary>
public sealed class AttemptThrottle(int maxFailures, TimeSpan window, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>Null when an attempt may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        var now = clock.GetUtcNow();
        if (_windows.TryGetValue(key, out var w) && now < w.Start + window && w.Failures >= maxFailures)
        {
            return w.Start + window - now;
        }

        return null;
    }

    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        _windows.AddOrUpdate(key,
            _ => new Window(now, 1),
            (_, w) => now >= w.Start + window ? new Window(now, 1) : w with { Failures = w.Failures + 1 });
        if (_windows.Count > 100_000)
        {
            foreach (var stale in _windows.Where(p => now >= p.Value.Start + window).Select(p => p.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }
    }

    private sealed record Window(DateTimeOffset Start, int Failures);
}
