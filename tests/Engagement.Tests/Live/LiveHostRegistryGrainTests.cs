using Engagement.Live;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Live;

[Collection(ClusterCollection.Name)]
public sealed class LiveHostRegistryGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Hosts_are_listed_once_per_id_until_unregistered()
    {
        var registry = fixture.Client.GetGrain<ILiveHostRegistryGrain>(Random.Shared.NextInt64(1, long.MaxValue));
        var first = fixture.Client.CreateObjectReference<ILiveHost>(new RecordingHost());
        var second = fixture.Client.CreateObjectReference<ILiveHost>(new RecordingHost());

        await registry.Register("web-1", first);
        await registry.Register("web-1", first); // the periodic re-registration
        await registry.Register("web-2", second);
        Assert.Equal(2, (await registry.GetHosts()).Count);

        await registry.Unregister("web-1");
        await registry.Unregister("web-unknown");

        Assert.Single(await registry.GetHosts());
    }
}
