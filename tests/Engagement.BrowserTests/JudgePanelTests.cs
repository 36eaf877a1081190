using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// A judge's tablet says where the judge sits for the case on stage before any mark is typed: on the panel
/// (the sheet), recused (回避, no sheet) or not on the panel (a notice, no sheet). The organiser chooses the
/// round's panel in the console; it applies from the next case on stage and the tablets follow live.
/// </summary>
public sealed class JudgePanelTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task A_judge_not_on_the_panel_sees_it_at_once_and_no_marks_and_a_recused_judge_sees_回避()
    {
        var branches = await _setup.ImportAsync("JPNL", ("东城片区", "评委一中党支部", 2), ("西城片区", "评委二小党支部", 2));
        var eventId = await _setup.CreateEventAsync("评委名单测试评选");
        var first = await _setup.AcceptedCaseAsync(eventId, branches[0], "一中“初心课堂”主题党日");
        var second = await _setup.AcceptedCaseAsync(eventId, branches[1], "二小“红领巾讲党史”主题党日");
        var roundId = await _setup.OpenRoundAsync(eventId, "现场决赛", [first, second], liveFinal: true);
        var seated = await _setup.JudgeLinkAsync(eventId, "林晓梅");
        var insider = await _setup.JudgeLinkAsync(eventId, "陈建国", branches[0].BranchId);
        await _setup.StageAsync(roundId, first.CaseId);
        var latecomer = await _setup.JudgeLinkAsync(eventId, "周立新"); // added while the case is on stage

        await using var tablets = await fixture.Browser.NewContextAsync(Tablet());
        await using var tablets2 = await fixture.Browser.NewContextAsync(Tablet());
        await using var tablets3 = await fixture.Browser.NewContextAsync(Tablet());
        var late = await Watched.OpenAsync(tablets, output, "judge-panel-latecomer");
        var recused = await Watched.OpenAsync(tablets2, output, "judge-panel-recused");
        var onPanel = await Watched.OpenAsync(tablets3, output, "judge-panel-seated");
        await using var desk = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(desk, output, "judge-panel-console");

        await late.RunAsync(() => recused.RunAsync(() => onPanel.RunAsync(() => console.RunAsync(async () =>
        {
            // --- the latecomer: the case, the notice, and nothing to fill in ---
            var l = late.Page;
            await l.GotoAsync(latecomer.Link);
            await Expect(l.Locator("#judge-case-title")).ToHaveTextAsync(first.Title);
            await Expect(l.Locator("#judge-seat")).ToHaveAttributeAsync("data-seat", "off");
            await Expect(l.Locator("#judge-seat")).ToHaveTextAsync("您不在本案例的评委名单中");
            await Expect(l.Locator("#judge-not-panel")).ToBeVisibleAsync();
            await Expect(l.Locator("#judge-not-panel")).ToContainTextAsync("不能为本案例评分");
            await Expect(l.Locator("#judge-status")).Not.ToContainTextAsync("可以开始评分");
            await Expect(l.Locator("#judge-form")).ToBeHiddenAsync();
            await Expect(l.Locator("#judge-readonly")).ToBeHiddenAsync();
            await Expect(l.Locator(".judge-mark")).ToHaveCountAsync(0);
            await Expect(l.Locator("#judge-submit")).ToBeHiddenAsync();
            await late.ScreenshotAsync("01-not-on-panel");

            // --- the judge of the case's own branch: 回避, no sheet ---
            var r = recused.Page;
            await r.GotoAsync(insider.Link);
            await Expect(r.Locator("#judge-case-title")).ToHaveTextAsync(first.Title);
            await Expect(r.Locator("#judge-seat")).ToHaveAttributeAsync("data-seat", "recused");
            await Expect(r.Locator("#judge-seat")).ToContainTextAsync("回避");
            await Expect(r.Locator("#judge-recused")).ToBeVisibleAsync();
            await Expect(r.Locator("#judge-recused")).ToContainTextAsync("回避");
            await Expect(r.Locator("#judge-not-panel")).ToBeHiddenAsync();
            await Expect(r.Locator(".judge-mark")).ToHaveCountAsync(0);
            await Expect(r.Locator("#judge-status")).Not.ToContainTextAsync("可以开始评分");
            await recused.ScreenshotAsync("01-recused");

            // --- a judge on the panel gets the sheet and is told so ---
            var s = onPanel.Page;
            await s.GotoAsync(seated.Link);
            await Expect(s.Locator("#judge-seat")).ToHaveAttributeAsync("data-seat", "on");
            await Expect(s.Locator("#judge-seat")).ToHaveTextAsync("您是本案例的评委");
            await Expect(s.Locator("#judge-status")).ToContainTextAsync("可以开始评分");
            await Expect(s.Locator("#judge-form")).ToBeVisibleAsync();
            await Expect(s.Locator(".judge-mark")).ToHaveCountAsync(4);
            await Expect(s.Locator("#judge-not-panel")).ToBeHiddenAsync();

            // --- the organiser chooses the round's panel: the latecomer and 林晓梅, not 陈建国 ---
            var c = console.Page;
            await c.GotoAsync($"/console.html#selection/{eventId}/stage/{roundId}");
            var judges = c.Locator("#panel-judges .panel-judge");
            await Expect(judges).ToHaveCountAsync(3);
            await Expect(c.Locator("#panel-state")).ToHaveTextAsync("全部 3 位评委");
            await c.Locator($"#panel-judges .panel-judge:has-text(\"{insider.Name}\") input").UncheckAsync();
            await c.Locator("#panel-save").ClickAsync();
            await Expect(c.Locator("#panel-state")).ToHaveTextAsync("已选 2 / 3 位评委");
            await console.ScreenshotAsync("01-panel-chosen");
            await c.ReloadAsync();
            await Expect(c.Locator($"#panel-judges .panel-judge:has-text(\"{insider.Name}\") input")).Not.ToBeCheckedAsync();
            await Expect(c.Locator($"#panel-judges .panel-judge:has-text(\"{latecomer.Name}\") input")).ToBeCheckedAsync();

            // The case on stage keeps its panel until the next case comes on.
            await Expect(l.Locator("#judge-seat")).ToHaveAttributeAsync("data-seat", "off");
            await _setup.PhaseAsync(roundId, "Revealed");
            await _setup.StageAsync(roundId, second.CaseId);

            // Pushed live: the latecomer now has a sheet, 陈建国 is told he is not on this case's panel.
            await Expect(l.Locator("#judge-case-title")).ToHaveTextAsync(second.Title);
            await Expect(l.Locator("#judge-seat")).ToHaveAttributeAsync("data-seat", "on");
            await Expect(l.Locator(".judge-mark")).ToHaveCountAsync(4);
            await Expect(l.Locator("#judge-not-panel")).ToBeHiddenAsync();
            await Expect(r.Locator("#judge-case-title")).ToHaveTextAsync(second.Title);
            await Expect(r.Locator("#judge-seat")).ToHaveAttributeAsync("data-seat", "off");
            await Expect(r.Locator("#judge-not-panel")).ToBeVisibleAsync();
            await Expect(r.Locator("#judge-recused")).ToBeHiddenAsync();
            await Expect(r.Locator(".judge-mark")).ToHaveCountAsync(0);
            await late.ScreenshotAsync("02-on-the-next-panel");
            await recused.ScreenshotAsync("02-left-off-the-panel");

            // Once the final ranking is up, being off the last case's panel no longer matters: judging is over.
            await _setup.PhaseAsync(roundId, "Final");
            await Expect(r.Locator("#judge-status")).ToHaveAttributeAsync("data-phase", "Final");
            await Expect(r.Locator("#judge-not-panel")).ToBeHiddenAsync();
            await Expect(r.Locator("#judge-readonly-note")).ToContainTextAsync("评审已结束");
        }))));
    }

    [Fact]
    public async Task The_judge_link_form_offers_the_events_and_the_link_is_made_for_the_chosen_one()
    {
        var older = await _setup.CreateEventAsync("上半年评选");
        var newer = await _setup.CreateEventAsync("下半年评选");
        await using var desk = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(desk, output, "judge-link-event");

        await console.RunAsync(async () =>
        {
            var c = console.Page;
            await c.GotoAsync("/console.html#grants");
            await Expect(c.Locator("#grant-event-field")).ToBeVisibleAsync();
            await Expect(c.Locator("#grant-event option", new() { HasText = "上半年评选" })).ToHaveCountAsync(1);
            await Expect(c.Locator("#grant-event")).ToHaveValueAsync(newer); // the newest event is the default
            await c.Locator("#grant-event").SelectOptionAsync(older);
            await c.Locator("#grant-name").FillAsync("郑评委");
            await c.Locator("#grant-submit").ClickAsync();
            var card = c.Locator(".grant-card", new() { HasText = "郑评委" });
            await Expect(card).ToContainTextAsync("上半年评选");
            await console.ScreenshotAsync("01-judge-link-for-an-event");

            await c.Locator("#grant-role").SelectOptionAsync("Scorer");
            await Expect(c.Locator("#grant-event-field")).ToBeHiddenAsync();
        });

        var grants = await fixture.Organiser.Http.GetStringAsync("/api/grants");
        Assert.Matches(new Regex($"\"name\":\"郑评委\",\"branchId\":null,\"scope\":\"{Regex.Escape(older)}\""), Regex.Unescape(grants));
    }

    private BrowserNewContextOptions Tablet() => new()
    {
        BaseURL = fixture.Url,
        ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
        HasTouch = true,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };
}
