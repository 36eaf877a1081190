using Orleans.Concurrency;

namespace Engagement.Live;

/// <summary>
/// Forwards topic updates to every listening web host. Stateless and reentrant: the silo runs as many
/// copies as it needs, and a slow host never delays a topic owner. The host list is cached briefly so a
/// burst of updates costs one registry call, not one per update.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class LiveNotifierGrain : Grain, ILiveNotifierGrain
{
    private static readonly TimeSpan HostListTtl = TimeSpan.FromSeconds(2);

    private IReadOnlyList<ILiveHost> _hosts = [];
    private DateTimeOffset _hostsReadAt = DateTimeOffset.MinValue;

    public async Task Publish(TopicUpdate update)
    {
        if (DateTimeOffset.UtcNow - _hostsReadAt > HostListTtl)
        {
            _hosts = await GrainFactory.GetGrain<ILiveHostRegistryGrain>(0).GetHosts();
            _hostsReadAt = DateTimeOffset.UtcNow;
        }

        IReadOnlyList<TopicUpdate> batch = [update];
        foreach (var host in _hosts)
        {
            // Deliver is one-way; a dead host costs nothing here and expires from the registry.
            host.Deliver(batch).Ignore();
        }
    }
}
