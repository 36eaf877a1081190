using Engagement.Contest;
using Engagement.Live;
using Engagement.Tests.Live;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Contest.Grains;

/// <summary>The push that says a contest is finished carries the ledger's final hash (a screen shows it from that push alone).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestFinishPushTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_finishing_push_carries_the_final_hash()
    {
        var recorder = new RecordingHost();
        var reference = fixture.Client.CreateObjectReference<ILiveHost>(recorder);
        var hostId = ClusterFixture.NewKey("host");
        await fixture.Client.GetGrain<ILiveHostRegistryGrain>(0).Register(hostId, reference);
        try
        {
            // The notifier reads the host list on a timer: wait until this host gets pushes.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var test = await TestContest.RunningAsync(fixture.Client);
            var contest = test.Grain(fixture.Client);
            await test.OpenAsync(fixture.Client, 1);
            await contest.Step(new HostStep(1, HallPhase.Locked));
            await contest.Step(new HostStep(1, HallPhase.Revealed));
            await Task.Delay(TimeSpan.FromMilliseconds(300));

            var finished = await contest.Finish();

            var topic = Topics.Contest(test.ContestId);
            Assert.True(await recorder.WaitUntil(topic, updates => updates.Any(u => ((ContestLive)u.Payload).Status == ContestStatus.Finished), TimeSpan.FromSeconds(5)));
            var first = recorder.Received(topic).Select(u => (ContestLive)u.Payload).First(l => l.Status == ContestStatus.Finished);
            Assert.Equal(finished.Live.FinalHash, first.FinalHash);
            Assert.NotNull(first.FinalHash);
        }
        finally
        {
            await fixture.Client.GetGrain<ILiveHostRegistryGrain>(0).Unregister(hostId);
            fixture.Client.DeleteObjectReference<ILiveHost>(reference);
        }
    }
}
