using Orleans.Runtime;

namespace Engagement.Live;

/// <summary>
/// Coalesces a grain's changes to one live topic: the first change after a quiet spell is published at
/// once (screens feel instant), further changes within the interval (<see cref="MinInterval"/> unless the owner chooses another) collapse into one
/// snapshot published when the interval ends. Each publish is the full snapshot at that moment, so no
/// intermediate state needs to reach anyone.
/// </summary>
public sealed class LiveTopicPublisher(Grain owner, IGrainFactory grains, Func<TopicUpdate> snapshot, TimeSpan? minInterval = null) : IDisposable
{
    /// <summary>Ten updates a second: what a big screen can show.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>One a second: enough for a count on a phone, and ten times fewer sends to a hall of phones.</summary>
    public static readonly TimeSpan PhoneInterval = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _interval = minInterval ?? MinInterval;

    private IGrainTimer? _pending;
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;

    public void Changed()
    {
        if (_pending is not null)
        {
            return;
        }

        var wait = _lastPublished + _interval - DateTimeOffset.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            Publish();
            return;
        }

        _pending = owner.RegisterGrainTimer(() =>
        {
            _pending?.Dispose();
            _pending = null;
            Publish();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void Publish()
    {
        _lastPublished = DateTimeOffset.UtcNow;
        // One-way: the owner never waits for delivery to web hosts.
        // Stamped here, so the web host can tell how long the change took to reach its connections (push latency).
        grains.GetGrain<ILiveNotifierGrain>(0).Publish(snapshot() with { PublishedAt = _lastPublished }).Ignore();
    }

    public void Dispose() => _pending?.Dispose();
}
