using Engagement.Live;
using Engagement.Screens;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Screens;

[Collection(ClusterCollection.Name)]
public sealed class ScreenGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_new_screen_shows_the_default_headline_at_revision_zero()
    {
        var id = ClusterFixture.NewKey("screen");

        var state = await fixture.Client.GetGrain<IScreenGrain>(id).Get();

        Assert.Equal((id, 0L, ScreenText.DefaultHeadline, (string?)null), (state.ScreenId, state.Revision, state.Headline, state.Notice));
    }

    [Fact]
    public async Task Each_show_increments_the_revision_and_stores_the_cleaned_content()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        var before = DateTimeOffset.UtcNow;

        await screen.Show(new ScreenContent("第一场", null));
        var second = await screen.Show(new ScreenContent(" 第二场\u3000开始 ", "  请就座 "));

        Assert.Equal((2L, "第二场 开始", "请就座"), (second.Revision, second.Headline, second.Notice));
        Assert.InRange(second.ChangedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(second, await screen.Get());
    }

    [Fact]
    public async Task Invalid_content_is_refused_and_changes_nothing()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        var shown = await screen.Show(new ScreenContent("标题", "通知"));

        var violation = await Assert.ThrowsAsync<RuleViolation>(() => screen.Show(new ScreenContent(new string('标', 41), null)));

        Assert.Equal("screen.headline-too-long", violation.Code);
        Assert.Equal(shown, await screen.Get());
    }

    [Fact]
    public async Task The_snapshot_is_the_screen_topic_at_the_current_revision()
    {
        var id = ClusterFixture.NewKey("screen");
        var screen = fixture.Client.GetGrain<IScreenGrain>(id);
        var shown = await screen.Show(new ScreenContent("标题", null));

        var snapshot = await screen.GetSnapshot();

        Assert.Equal(($"screen:{id}", 1L), (snapshot.Topic, snapshot.Version));
        Assert.Equal(shown, Assert.IsType<ScreenState>(snapshot.Payload));
    }

    [Fact]
    public async Task A_screen_keeps_its_content_across_reactivation()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        var shown = await screen.Show(new ScreenContent("标题", "通知"));

        await fixture.Cluster.DeactivateAsync(screen);

        Assert.Equal(shown, await screen.Get());
    }
}
