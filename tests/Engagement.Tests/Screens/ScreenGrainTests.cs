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

    [Fact]
    public async Task A_text_edit_during_a_live_vote_keeps_the_mode_the_round_and_the_ranking_step()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        await screen.Show(new ScreenContent("评选", null, ScreenMode.Voting, "round-1"));
        await screen.StepRanking(new RankingStep(3, 0));

        var edited = await screen.Show(new ScreenContent("新标题", "投票十分钟后截止"));

        Assert.Equal((ScreenMode.Voting, "round-1", "新标题", "投票十分钟后截止", new RankingStep(3, 0)),
            (edited.Mode, edited.RoundId, edited.Headline, edited.Notice, edited.Ranking));
    }

    [Fact]
    public async Task A_notice_stays_with_the_view_it_was_written_for_and_comes_back_with_it()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        await screen.Show(new ScreenContent("评选", null, ScreenMode.Voting, "round-1"));
        await screen.Show(new ScreenContent("评选", "请扫码投票"));

        var reveal = await screen.Show(new ScreenContent("评选", null, ScreenMode.Judging, "round-1"));
        var ranking = await screen.Show(new ScreenContent("评选", null, ScreenMode.Ranking, "round-1"));
        var otherVote = await screen.Show(new ScreenContent("评选", null, ScreenMode.Voting, "round-2"));
        var back = await screen.Show(new ScreenContent("评选", null, ScreenMode.Voting, "round-1"));

        Assert.Equal(((string?)null, (string?)null, (string?)null, "请扫码投票"), (reveal.Notice, ranking.Notice, otherVote.Notice, back.Notice));
    }

    [Fact]
    public async Task A_view_change_that_brings_a_notice_gives_it_to_the_new_view_only()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        await screen.Show(new ScreenContent("评选", "欢迎"));

        var vote = await screen.Show(new ScreenContent("评选", "投票进行中", ScreenMode.Voting, "round-1"));
        var headline = await screen.Show(new ScreenContent("评选", null, ScreenMode.Headline));

        Assert.Equal(("投票进行中", "欢迎"), (vote.Notice, headline.Notice));
    }

    [Fact]
    public async Task Showing_the_same_view_again_keeps_its_notice_and_ranking_step()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        await screen.Show(new ScreenContent("评选", "颁奖", ScreenMode.Ranking, "round-1"));
        await screen.StepRanking(new RankingStep(5));

        var again = await screen.Show(new ScreenContent("评选", null, ScreenMode.Ranking, "round-1"));

        Assert.Equal(("颁奖", new RankingStep(5)), (again.Notice, again.Ranking));
    }

    [Fact]
    public async Task The_ranking_step_starts_over_when_the_view_changes_and_survives_reactivation()
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        await screen.Show(new ScreenContent("评选", null, ScreenMode.Ranking, "round-1"));
        var stepped = await screen.StepRanking(new RankingStep(2));

        await fixture.Cluster.DeactivateAsync(screen);
        var reloaded = await screen.Get();
        var other = await screen.Show(new ScreenContent("评选", null, ScreenMode.Ranking, "round-2"));

        Assert.Equal((new RankingStep(2), new RankingStep(2), new RankingStep()), (stepped.Ranking, reloaded.Ranking, other.Ranking));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(501, 0)]
    [InlineData(0, -1)]
    public async Task A_ranking_step_out_of_range_is_refused_and_changes_nothing(int revealed, int page)
    {
        var screen = fixture.Client.GetGrain<IScreenGrain>(ClusterFixture.NewKey("screen"));
        var shown = await screen.Show(new ScreenContent("评选", null, ScreenMode.Ranking, "round-1"));

        var violation = await Assert.ThrowsAsync<RuleViolation>(() => screen.StepRanking(new RankingStep(revealed, page)));

        Assert.Equal("screen.bad-ranking-step", violation.Code);
        Assert.Equal(shown, await screen.Get());
    }
}
