using Orleans.Concurrency;

namespace Engagement.Live;

/// <summary>
/// A web host's SignalR front, seen from Orleans. Each web host registers one with
/// <see cref="ILiveHostRegistryGrain"/> and forwards what it receives to its own connections.
/// </summary>
public interface ILiveHost : IGrainObserver
{
    [OneWay]
    Task Deliver(IReadOnlyList<TopicUpdate> updates);
}

/// <summary>
/// The list of web hosts currently listening. Hosts re-register on a timer; an entry that is not
/// refreshed expires, so a crashed web host drops out by itself. Key: 0.
/// </summary>
public interface ILiveHostRegistryGrain : IGrainWithIntegerKey
{
    Task Register(string hostId, ILiveHost host);
    Task Unregister(string hostId);
    Task<IReadOnlyList<ILiveHost>> GetHosts();
}

/// <summary>
/// Fans topic updates out to every registered web host. A stateless worker, so publishing never
/// queues behind the grain that owns the topic.
/// </summary>
public interface ILiveNotifierGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task Publish(TopicUpdate update);
}

/// <summary>A grain that owns a live topic and can hand out its current snapshot (for (re)subscribing clients).</summary>
public interface ILiveTopicSource : IGrain
{
    Task<TopicUpdate> GetSnapshot();
}
