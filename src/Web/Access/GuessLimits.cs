using System.Threading.RateLimiting;

namespace Engagement.Web.Access;

/// <summary>
/// Limits wrong guesses at secrets (member codes, judge/scorer links, passwords), not sign-ins. Two
/// budgets of failures per window, each a partition of a System.Threading.RateLimiting limiter:
/// <list type="bullet">
/// <item>per caller address: while it lasts, every attempt from the address is checked;</item>
/// <item>per target (the member or link a code names): once the address has spent its budget, an
/// attempt is still checked as long as its target's budget lasts, so a hall behind one NAT address
/// keeps signing in after its neighbours' typing mistakes, while a guesser who has spent the address's
/// budget gets only a few more tries per member.</item>
/// </list>
/// A refused attempt is not checked at all, so a guesser cannot learn a hit from it. Why this keeps a
/// 40-bit code hopeless to guess is worked out in docs/security.md.
/// </summary>
public sealed class GuessLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly PartitionedRateLimiter<string>? _targets;
    private readonly TimeSpan _window;

    /// <param name="perTarget">Failures a target may take from spent addresses; 0: an address's budget is final.</param>
    public GuessLimits(int perAddress, int perTarget, TimeSpan window)
    {
        _window = window;
        _addresses = Failures(perAddress, window);
        _targets = perTarget > 0 ? Failures(perTarget, window) : null;
    }

    /// <summary>Null when the attempt may be checked, otherwise how long to wait before the next one.</summary>
    public TimeSpan? Refusal(string address, string? target)
    {
        using var fromAddress = _addresses.AttemptAcquire(address, 0);
        if (fromAddress.IsAcquired)
        {
            return null;
        }

        if (target is not null && _targets is not null)
        {
            using var atTarget = _targets.AttemptAcquire(target, 0);
            if (atTarget.IsAcquired)
            {
                return null;
            }
        }

        return fromAddress.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
    }

    /// <summary>A wrong guess: it spends one from the address's budget (while any is left) and one from the target's.</summary>
    public void Failed(string address, string? target)
    {
        _addresses.AttemptAcquire(address, 1).Dispose();
        if (target is not null && _targets is not null)
        {
            _targets.AttemptAcquire(target, 1).Dispose();
        }
    }

    public void Dispose()
    {
        _addresses.Dispose();
        _targets?.Dispose();
    }

    /// <summary>
    /// A fixed window per key. The partitioned limiter replenishes and forgets idle keys on its own timer,
    /// so a guesser rotating addresses costs memory only for a window.
    /// </summary>
    private static PartitionedRateLimiter<string> Failures(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
