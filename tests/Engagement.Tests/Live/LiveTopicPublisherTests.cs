using Engagement.Live;
using Engagement.Organisation;
using Engagement.Screens;
using Engagement.Tests.Testing;
using static Engagement.Tests.Testing.Rosters;

namespace Engagement.Tests.Live;

/// <summary>The live path end to end: a topic owner's changes reach a registered web host, coalesced.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveTopicPublisherTests(ClusterFixture fixture)
{
    // The notifier caches the host list for 2 s; waiting longer guarantees it has seen a new registration.
    private static readonly TimeSpan HostListRefresh = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task A_burst_of_screen_changes_arrives_coalesced_and_ends_at_the_final_revision()
    {
        var screenId = ClusterFixture.NewKey("screen");
        var topic = Topics.Screen(screenId);
        var screen = fixture.Client.GetGrain<IScreenGrain>(screenId);
        await using var host = await Register();

        var started = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 20; i++)
        {
            await screen.Show(new ScreenContent($"第{i}条", null));
        }

        var elapsed = DateTimeOffset.UtcNow - started;
        var sawFinal = await host.Recorder.WaitUntil(topic, u => u.Any(x => x.Version == 20), TimeSpan.FromSeconds(5));
        await Task.Delay(300); // anything still in flight
        var received = host.Recorder.Received(topic);

        Assert.True(sawFinal, $"final revision never arrived; got {string.Join(",", received.Select(u => u.Version))}");
        Assert.All(received, u =>
        {
            // Each update is a consistent snapshot: the payload is the screen at exactly that version.
            var state = Assert.IsType<ScreenState>(u.Payload);
            Assert.Equal((u.Version, $"第{u.Version}条"), (state.Revision, state.Headline));
        });
        Assert.Contains(received, u => u.Version == 1); // the first change after a quiet spell goes out at once
        Assert.True(received.Count < 20, $"expected coalescing, got {received.Count} updates");
        Assert.True(received.Count <= elapsed.TotalMilliseconds / LiveTopicPublisher.MinInterval.TotalMilliseconds + 2,
            $"{received.Count} updates in {elapsed.TotalMilliseconds:0} ms is more than 10 a second");

        // A client keeps the newest version it has seen and drops anything older.
        var kept = new List<long>();
        foreach (var update in received.Where(u => kept.Count == 0 || u.Version > kept[^1]))
        {
            kept.Add(update.Version);
        }

        Assert.Equal(20, kept[^1]);
        Assert.Equal(kept.Order(), kept);
    }

    [Fact]
    public async Task Changes_spread_over_time_are_published_at_most_ten_times_a_second()
    {
        var screenId = ClusterFixture.NewKey("screen");
        var topic = Topics.Screen(screenId);
        var screen = fixture.Client.GetGrain<IScreenGrain>(screenId);
        await using var host = await Register();

        for (var i = 1; i <= 30; i++)
        {
            await screen.Show(new ScreenContent($"第{i}条", null));
            await Task.Delay(15);
        }

        Assert.True(await host.Recorder.WaitUntil(topic, u => u.Any(x => x.Version == 30), TimeSpan.FromSeconds(5)));
        var times = host.Recorder.ArrivalTimes(topic);
        var span = times[^1] - times[0];
        Assert.InRange(times.Count, 2, (int)(span.TotalMilliseconds / LiveTopicPublisher.MinInterval.TotalMilliseconds) + 2);
    }

    [Fact]
    public async Task An_import_pushes_the_organisation_overview()
    {
        var org = fixture.Client.GetGrain<IOrganisationGrain>(ClusterFixture.NewKey("org"));
        await using var host = await Register();

        await org.ImportRoster([Entry("一片区", "一中党支部", "张三", "DY001"), Entry("二片区", "二中党支部", "李四", "DY002")]);

        var arrived = await host.Recorder.WaitUntil(Topics.Organisation,
            u => u.Any(x => x.Payload is OrganisationOverview { MemberCount: 2, Branches.Count: 2 }), TimeSpan.FromSeconds(5));
        Assert.True(arrived);
        var update = host.Recorder.Received(Topics.Organisation).Last(x => x.Payload is OrganisationOverview { MemberCount: 2, Branches.Count: 2 });
        Assert.Equal((await org.GetOverview()).Revision, update.Version);
    }

    [Fact]
    public async Task An_unregistered_host_receives_nothing_more()
    {
        var screenId = ClusterFixture.NewKey("screen");
        var topic = Topics.Screen(screenId);
        var screen = fixture.Client.GetGrain<IScreenGrain>(screenId);
        await using var host = await Register();
        await screen.Show(new ScreenContent("第1条", null));
        Assert.True(await host.Recorder.WaitUntil(topic, u => u.Count > 0, TimeSpan.FromSeconds(5)));

        await host.DisposeAsync();
        await Task.Delay(HostListRefresh);
        await screen.Show(new ScreenContent("第2条", null));
        await Task.Delay(500);

        Assert.DoesNotContain(host.Recorder.Received(topic), u => u.Version == 2);
    }

    private async Task<Registration> Register()
    {
        var recorder = new RecordingHost();
        var reference = fixture.Client.CreateObjectReference<ILiveHost>(recorder);
        var hostId = ClusterFixture.NewKey("host");
        await fixture.Client.GetGrain<ILiveHostRegistryGrain>(0).Register(hostId, reference);
        await Task.Delay(HostListRefresh);
        return new Registration(fixture.Client, hostId, recorder, reference);
    }

    /// <summary>Holds the observer alive (the client keeps only a weak reference) until unregistered.</summary>
    private sealed class Registration(IClusterClient client, string hostId, RecordingHost recorder, ILiveHost reference) : IAsyncDisposable
    {
        private bool _disposed;

        public RecordingHost Recorder { get; } = recorder;

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await client.GetGrain<ILiveHostRegistryGrain>(0).Unregister(hostId);
            client.DeleteObjectReference<ILiveHost>(reference);
        }
    }
}
