namespace Engagement.Live;

/// <summary>
/// Volatile list of web hosts. Not persisted on purpose: hosts re-register every few seconds, so after a
/// silo failure the list rebuilds itself, and a crashed host simply stops refreshing and expires.
/// </summary>
public sealed class LiveHostRegistryGrain : Grain, ILiveHostRegistryGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(45);

    private readonly Dictionary<string, (ILiveHost Host, DateTimeOffset SeenAt)> _hosts = [];

    public Task Register(string hostId, ILiveHost host)
    {
        _hosts[hostId] = (host, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task Unregister(string hostId)
    {
        _hosts.Remove(hostId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveHost>> GetHosts()
    {
        var cutoff = DateTimeOffset.UtcNow - Expiry;
        foreach (var stale in _hosts.Where(h => h.Value.SeenAt < cutoff).Select(h => h.Key).ToList())
        {
            _hosts.Remove(stale);
        }

        return Task.FromResult<IReadOnlyList<ILiveHost>>(_hosts.Values.Select(h => h.Host).ToList());
    }
}
