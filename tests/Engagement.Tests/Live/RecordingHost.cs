using Engagement.Live;

namespace Engagement.Tests.Live;

/// <summary>A web host as the silo sees it, recording every update delivered to it in arrival order.</summary>
public sealed class RecordingHost : ILiveHost
{
    private readonly List<(TopicUpdate Update, DateTimeOffset At)> _received = [];

    public Task Deliver(IReadOnlyList<TopicUpdate> updates)
    {
        lock (_received)
        {
            _received.AddRange(updates.Select(u => (u, DateTimeOffset.UtcNow)));
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<TopicUpdate> Received(string topic)
    {
        lock (_received)
        {
            return _received.Where(r => r.Update.Topic == topic).Select(r => r.Update).ToList();
        }
    }

    public IReadOnlyList<DateTimeOffset> ArrivalTimes(string topic)
    {
        lock (_received)
        {
            return _received.Where(r => r.Update.Topic == topic).Select(r => r.At).ToList();
        }
    }

    /// <summary>Waits until the topic's updates satisfy the condition, or the timeout passes; returns whether they did.</summary>
    public async Task<bool> WaitUntil(string topic, Func<IReadOnlyList<TopicUpdate>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition(Received(topic)))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }
}
