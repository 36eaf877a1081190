using System.Net.Http.Json;
using Engagement.Testing;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The big screen does only what the organiser meant (issue 10 §1): a text edit never changes the view, the
/// console's preview is what the hall sees, each view shows its own notice, the ranking is a ceremony the
/// organiser steps through, every name and number is readable from the back of the hall, and Chinese
/// headlines break between words.
/// </summary>
public sealed class HallScreenTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private const string Marker = "hall-screen-marker";

    /// <summary>28 px on a 1080p projector: the smallest type a name or number meant for the hall may have.</summary>
    private const double HallMinimum = 28;

    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task A_text_edit_in_the_console_during_a_live_vote_keeps_the_hall_on_the_vote()
    {
        var (eventId, cases) = await SmallEventAsync("HA", "全县党建案例评选（文字编辑）");
        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（初评）", cases, liveFinal: false);
        await _setup.ShowOnScreenAsync("Voting", roundId, "优秀主题党日活动案例评选");
        const string notice = "投票将于十分钟后截止，请抓紧时间";

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "hall-text-edit-screen");
        await using var laptop = await fixture.OrganiserDesktopAsync(1366, 768);
        var console = await Watched.OpenAsync(laptop, output, "hall-text-edit-console");

        await screen.RunAsync(() => console.RunAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Voting");
            await Expect(s.Locator("#vote-chart .bar")).ToHaveCountAsync(cases.Count);

            var c = console.Page;
            await c.GotoAsync("/console.html#screen");
            await Expect(c.Locator("#screen-now")).ToHaveTextAsync("大屏正在显示：投票实况");
            await Expect(c.Locator("#screen-notice-label")).ToHaveTextAsync("通知（仅显示在：投票实况）");
            await c.Locator("#screen-notice-input").FillAsync(notice);
            await c.Locator("#screen-send").ClickAsync();
            await Expect(c.Locator("#screen-status")).ToContainTextAsync("文字已更新，画面未变");
            await Expect(c.Locator("#screen-now")).ToHaveTextAsync("大屏正在显示：投票实况");
            await console.ScreenshotAsync("01-sent", fullPage: false);

            await Expect(s.Locator("#screen-notice")).ToHaveTextAsync(notice);
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Voting");
            await Expect(s.Locator("#view-voting")).ToBeVisibleAsync();
            await Expect(s.Locator("#vote-round-name")).ToHaveTextAsync("网络投票（初评）");
            await Expect(s.Locator("#vote-chart .bar")).ToHaveCountAsync(cases.Count);
            await AssertNotReloadedAsync(s);
            await s.WaitForTimeoutAsync(1200);
            await screen.ScreenshotAsync("02-still-voting", fullPage: false);

            var state = await fixture.Organiser.Http.GetFromJsonAsync<JsonElement>("/api/screens/main");
            Assert.Equal(("Voting", roundId, notice),
                (state.GetProperty("mode").GetString(), state.GetProperty("roundId").GetString(), state.GetProperty("notice").GetString()));

            // The hall reads the votes, not the clock: a case's count is set larger than the time of day.
            var count = await FontSizeAsync(s, "#vote-chart .bar-count");
            var clock = await FontSizeAsync(s, "#screen-clock");
            Assert.True(count > clock, $"Vote counts ({count}px) must be larger than the clock ({clock}px)");
            Assert.True(clock >= HallMinimum, $"The clock is {clock}px");
        }));
    }

    [Fact]
    public async Task The_console_preview_shows_the_same_view_as_the_hall_whenever_the_organiser_switches_it()
    {
        var (eventId, cases) = await SmallEventAsync("HP", "全县党建案例评选（预览）");
        var roundId = await _setup.OpenRoundAsync(eventId, "现场决赛", cases, liveFinal: true);
        await _setup.ShowOnScreenAsync("Headline", null, "预览测试");

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "hall-preview-screen");
        await using var laptop = await fixture.OrganiserDesktopAsync(1366, 768);
        var console = await Watched.OpenAsync(laptop, output, "presenter-preview");

        await screen.RunAsync(() => console.RunAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);
            var c = console.Page;
            await c.GotoAsync("/console.html#screen");
            var frame = c.FrameLocator("#screen-frame");
            await Expect(frame.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });

            // A picture of the whole 1920×1080 screen, scaled into the card: 16:9 and smaller than the console.
            var box = await c.Locator("#screen-preview").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.InRange(box.Width, 300, 1000);
            Assert.InRange(box.Height / box.Width, 0.55, 0.58);
            var framed = await c.Locator("#screen-frame").BoundingBoxAsync();
            Assert.NotNull(framed);
            Assert.InRange(framed.Width, box.Width - 2, box.Width + 2);

            await SameAsync(s, frame, "Headline", "headline");

            await _setup.ShowOnScreenAsync("Voting", roundId, "优秀主题党日活动案例评选", "请扫码投票");
            await SameAsync(s, frame, "Voting", "voting");
            await Expect(frame.Locator("#vote-round-name")).ToHaveTextAsync("现场决赛");
            await Expect(frame.Locator("#screen-notice")).ToHaveTextAsync("请扫码投票");
            await console.ScreenshotAsync("01-voting", fullPage: false);

            await _setup.ShowOnScreenAsync("Judging", roundId, "优秀主题党日活动案例评选");
            await _setup.StageAsync(roundId, cases[1].CaseId);
            await SameAsync(s, frame, "Judging", "judging");
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Presenting");
            await Expect(frame.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Presenting");
            await Expect(frame.Locator("#stage-case-title")).ToHaveTextAsync(cases[1].Title);
            await Expect(frame.Locator("#screen-notice")).ToBeHiddenAsync();
            await console.ScreenshotAsync("02-judging", fullPage: false);

            await _setup.PhaseAsync(roundId, "Scoring");
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Scoring");
            await Expect(frame.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Scoring");

            // The console's own switch back to the headline reaches both.
            await c.Locator("#screen-headline-only").ClickAsync();
            await SameAsync(s, frame, "Headline", "headline");
            await Expect(c.Locator("#screen-now")).ToHaveTextAsync("大屏正在显示：标题与通知");
            await console.ScreenshotAsync("03-headline", fullPage: false);
            await AssertNotReloadedAsync(s);
        }));
    }

    [Fact]
    public async Task Each_view_shows_only_its_own_notice_and_the_member_footer_only_on_the_headline_and_the_vote()
    {
        var (eventId, cases) = await SmallEventAsync("HN", "全县党建案例评选（通知）");
        var roundId = await _setup.OpenRoundAsync(eventId, "现场决赛", cases, liveFinal: true);
        await _setup.ShowOnScreenAsync("Headline", null, "优秀主题党日活动案例评选", "欢迎各位参加");

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "hall-notice-per-view");
        await screen.RunAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);
            var notice = s.Locator("#screen-notice");
            var foot = s.Locator("#screen-foot");
            await Expect(notice).ToHaveTextAsync("欢迎各位参加");
            await Expect(foot).ToBeVisibleAsync();
            await Expect(foot).ToContainTextAsync("/member.html");
            await screen.ScreenshotAsync("01-headline", fullPage: false);

            await _setup.ShowOnScreenAsync("Voting", roundId, "优秀主题党日活动案例评选");
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Voting");
            await Expect(notice).ToBeHiddenAsync();
            await Expect(foot).ToBeVisibleAsync();
            await TextEditAsync("优秀主题党日活动案例评选", "请扫描屏幕二维码投票");
            await Expect(notice).ToHaveTextAsync("请扫描屏幕二维码投票");
            await screen.ScreenshotAsync("02-voting", fullPage: false);

            await _setup.ShowOnScreenAsync("Judging", roundId, "优秀主题党日活动案例评选");
            await Expect(s.Locator("#view-judging")).ToBeVisibleAsync();
            await Expect(notice).ToBeHiddenAsync();
            await Expect(foot).ToBeHiddenAsync();
            await screen.ScreenshotAsync("03-reveal", fullPage: false);

            await _setup.ShowOnScreenAsync("Ranking", roundId, "优秀主题党日活动案例评选");
            await Expect(s.Locator("#view-ranking")).ToBeVisibleAsync();
            await Expect(notice).ToBeHiddenAsync();
            await Expect(foot).ToBeHiddenAsync();
            await screen.ScreenshotAsync("04-ranking", fullPage: false);

            // Each notice comes back with its own view.
            await _setup.ShowOnScreenAsync("Voting", roundId, "优秀主题党日活动案例评选");
            await Expect(notice).ToHaveTextAsync("请扫描屏幕二维码投票");
            await Expect(foot).ToBeVisibleAsync();
            await _setup.ShowOnScreenAsync("Headline", null, "优秀主题党日活动案例评选");
            await Expect(notice).ToHaveTextAsync("欢迎各位参加");
            await AssertNotReloadedAsync(s);
        });
    }

    [Fact]
    public async Task A_secret_round_shows_its_name_and_the_reveal_says_how_many_judges_did_not_score()
    {
        var (eventId, cases) = await SmallEventAsync("HS", "全县党建案例评选（无记名）");
        var secretId = await _setup.OpenRoundAsync(eventId, "无记名投票（复评）", cases, liveFinal: false, secret: true);
        var finalId = await _setup.OpenRoundAsync(eventId, "现场决赛", cases, liveFinal: true);

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "hall-secret-and-unscored");
        await screen.RunAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);
            await _setup.ShowOnScreenAsync("Voting", secretId, "优秀主题党日活动案例评选");
            await Expect(s.Locator("#vote-round-name")).ToHaveTextAsync("无记名投票（复评）");
            await Expect(s.Locator("#vote-round-name")).ToBeVisibleAsync();
            await Expect(s.Locator("#vote-hidden-note")).ToContainTextAsync("无记名投票");
            await screen.ScreenshotAsync("01-secret", fullPage: false);

            var judges = new List<ApiClient>();
            foreach (var name in new[] { "周立新", "吴春燕", "郑海涛" })
            {
                judges.Add(await _setup.JudgeAsync(await _setup.JudgeLinkAsync(eventId, name)));
            }

            await _setup.ShowOnScreenAsync("Judging", finalId, "优秀主题党日活动案例评选");
            await _setup.StageAsync(finalId, cases[0].CaseId);
            string[] criteria = ["theme", "form", "participation", "results"];
            foreach (var judge in judges.Take(2))
            {
                await _setup.ScoreAsync(judge, finalId, cases[0].CaseId, criteria.ToDictionary(c => c, _ => 20m));
            }

            await _setup.PhaseAsync(finalId, "Revealed");
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Revealed");
            await Expect(s.Locator("#stage-unscored")).ToHaveTextAsync("1 位评委未评分");
            await Expect(s.Locator("#stage-unscored")).ToBeVisibleAsync();
            await s.WaitForTimeoutAsync(2500); // the marks land one by one
            await Expect(s.Locator("#stage-marks .stage-mark")).ToHaveCountAsync(2);
            await AssertHallTypeAsync(s, HallMinimum, "the reveal", ("#view-judging", ".stage-mark", "#stage-marks"), minimumChecked: 6);
            await screen.ScreenshotAsync("02-unscored", fullPage: false);
        });
    }

    [Fact]
    public async Task A_24_case_ranking_is_a_ceremony_the_organiser_steps_through_with_every_name_and_number_at_least_28px()
    {
        // 24 branches, one case and two members each; every member votes for two other branches' cases,
        // a few cases far more often than the rest (distinct places at the top, ties further down).
        var branches = await _setup.ImportAsync("HR", Enumerable.Range(0, 24)
            .Select(i => ($"第{"一二三四"[i % 4]}片区", $"县第{i + 1}实验学校党支部", 2)).ToArray());
        var eventId = await _setup.CreateEventAsync("2026年度优秀主题党日活动案例评选");
        string[] themes = ["童心向党", "匠心筑梦", "学思践悟", "红色足迹", "薪火相传", "初心如磐", "强国有我", "书香党建"];
        var cases = new List<SelectionCase>();
        for (var i = 0; i < branches.Count; i++)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branches[i], $"第{i + 1}实验学校“{themes[i % themes.Length]}”主题党日"));
        }

        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（初评）", cases, liveFinal: false);
        for (var m = 0; m < 2 * branches.Count; m++)
        {
            var own = m / 2;
            var picks = new[] { (int)Math.Sqrt(m), 7 + (m % 17) }.Select(c => c == own ? (c + 1) % 24 : c).Distinct().Select(c => cases[c]).ToArray();
            await _setup.VoteAsync(await _setup.MemberAsync(branches[own].Members[m % 2]), roundId, picks);
        }

        await _setup.CloseAsync(roundId);
        var ranking = (await _setup.PublishAsync(roundId)).GetProperty("ranking").EnumerateArray()
            .Select(r => (CaseId: r.GetProperty("caseId").GetString()!, Rank: r.GetProperty("rank").GetInt32())).ToList();
        Assert.Equal(24, ranking.Count);
        await _setup.ShowOnScreenAsync("Voting", roundId, "2026年度优秀主题党日活动案例评选");

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "ranking-ceremony");
        await using var laptop = await fixture.OrganiserDesktopAsync(1366, 768);
        var console = await Watched.OpenAsync(laptop, output, "ranking-ceremony-console");

        await screen.RunAsync(() => console.RunAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);

            // The 24 cases' votes first: one line a case, two columns, every title and count still 28 px.
            await Expect(s.Locator("#vote-chart .bar")).ToHaveCountAsync(24);
            await AssertHallTypeAsync(s, HallMinimum, "24-case vote", Voting);
            Assert.True(await FontSizeAsync(s, "#vote-chart .bar-count") > await FontSizeAsync(s, "#screen-clock"), "Vote counts must be larger than the clock");
            await screen.ScreenshotAsync("00-votes", fullPage: false);

            await _setup.ShowOnScreenAsync("Ranking", roundId, "2026年度优秀主题党日活动案例评选");
            var shownRows = s.Locator("#ranking-table tr[data-case-id]");
            var waiting = s.Locator("#ranking-table tr.waiting");

            // Everything revealed (the default): the first page, top three larger, the rest paged.
            await Expect(shownRows).ToHaveCountAsync(8);
            await Expect(s.Locator("#ranking-page")).ToHaveTextAsync("第 1 / 3 页");
            await AssertHallTypeAsync(s, HallMinimum, "all places, page 1");
            var top = await FontSizeAsync(s, "#ranking-table tr.top .rc-title");
            var rest = await FontSizeAsync(s, "#ranking-table tr:not(.top) .rc-title");
            Assert.True(top > rest, $"The top places ({top}px) should be set larger than the rest ({rest}px)");
            await screen.ScreenshotAsync("00-all", fullPage: false);

            var c = console.Page;
            await c.GotoAsync("/console.html#screen");
            await Expect(c.Locator("#ceremony")).ToBeVisibleAsync();
            await Expect(c.Locator("#ceremony-status")).ToHaveTextAsync("全部名次已显示（第 1 / 3 页）");

            // Start: the last page waits, nothing of it shown.
            await c.Locator("#ceremony-start").ClickAsync();
            await Expect(s.Locator("#ranking-pending")).ToHaveTextAsync("排名即将揭晓");
            await Expect(waiting).ToHaveCountAsync(8);
            await Expect(shownRows).ToHaveCountAsync(0);
            await Expect(s.Locator("#ranking-page")).ToHaveTextAsync("第 3 / 3 页");
            await screen.ScreenshotAsync("01-start", fullPage: false);

            // One step: the last place, and only it.
            await c.Locator("#ceremony-next").ClickAsync();
            await Expect(c.Locator("#ceremony-status")).ToHaveTextAsync("已揭晓 1 / 24 名");
            await Expect(shownRows).ToHaveCountAsync(1);
            await Expect(shownRows.First).ToHaveAttributeAsync("data-case-id", ranking[23].CaseId);
            await Expect(waiting).ToHaveCountAsync(7);
            await AssertHallTypeAsync(s, HallMinimum, "last place revealed");
            await s.WaitForTimeoutAsync(800);
            await screen.ScreenshotAsync("02-last-place", fullPage: false);

            // The step is the server's: a reload (or another screen) shows the same.
            await s.ReloadAsync();
            await Expect(s.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await Expect(shownRows).ToHaveCountAsync(1);
            await Expect(shownRows.First).ToHaveAttributeAsync("data-case-id", ranking[23].CaseId);

            // On to the podium: 20 places out (through the API, as a second console would), then the console steps on.
            using (var step = await fixture.Organiser.Http.PutAsJsonAsync("/api/screens/main/ranking", new { revealed = 20, page = 0 }))
            {
                Assert.True(step.IsSuccessStatusCode, await step.Content.ReadAsStringAsync());
            }

            await Expect(c.Locator("#ceremony-status")).ToHaveTextAsync("已揭晓 20 / 24 名");
            await Expect(s.Locator("#ranking-page")).ToHaveTextAsync("第 1 / 3 页");
            await Expect(waiting).ToHaveCountAsync(4);
            await c.Locator("#ceremony-next").ClickAsync();
            await c.Locator("#ceremony-next").ClickAsync(); // third place
            await Expect(c.Locator("#ceremony-status")).ToHaveTextAsync("已揭晓 22 / 24 名");
            await Expect(waiting).ToHaveCountAsync(2);
            await Expect(s.Locator("#ranking-table tr.just-revealed")).ToHaveAttributeAsync("data-case-id", ranking[2].CaseId);
            await AssertHallTypeAsync(s, HallMinimum, "third place revealed");
            await s.WaitForTimeoutAsync(800);
            await screen.ScreenshotAsync("03-third-place", fullPage: false);

            await c.Locator("#ceremony-next").ClickAsync();
            await c.Locator("#ceremony-next").ClickAsync();
            await Expect(c.Locator("#ceremony-status")).ToHaveTextAsync("全部名次已显示（第 1 / 3 页）");
            await Expect(waiting).ToHaveCountAsync(0);
            await Expect(shownRows).ToHaveCountAsync(8);
            await Expect(shownRows.First).ToHaveAttributeAsync("data-case-id", ranking[0].CaseId);
            await AssertHallTypeAsync(s, HallMinimum, "champion revealed");
            await s.WaitForTimeoutAsync(800);
            await screen.ScreenshotAsync("04-champion", fullPage: false);
            await console.ScreenshotAsync("01-console", fullPage: false);

            // The rest, page by page.
            await c.Locator("#ceremony-page-next").ClickAsync();
            await Expect(s.Locator("#ranking-page")).ToHaveTextAsync("第 2 / 3 页");
            await Expect(shownRows.First).ToHaveAttributeAsync("data-case-id", ranking[8].CaseId);
            await AssertHallTypeAsync(s, HallMinimum, "page 2");
            await screen.ScreenshotAsync("05-page-2", fullPage: false);

            // A 1024×768 projector: the same page, scaled with the width, still all on the screen.
            await s.SetViewportSizeAsync(1024, 768);
            await AssertHallTypeAsync(s, HallMinimum * 1024 / 1920, "1024×768");
            await screen.ScreenshotAsync("06-1024x768", fullPage: false);
        }));
    }

    [Fact]
    public async Task A_long_Chinese_headline_breaks_between_words_and_never_inside_案例()
    {
        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "hall-headline-words");
        await screen.RunAsync(async () =>
        {
            var s = screen.Page;
            await _setup.ShowOnScreenAsync("Headline", null, "预备");
            await OpenScreenAsync(s);
            var wrapped = 0;
            const string rest = "优秀主题党日活动案例评选暨经验交流会";
            // 案例 lands at every place in a line somewhere among these prefixes and widths.
            foreach (var (width, height) in new[] { (1920, 1080), (1024, 768) })
            {
                await s.SetViewportSizeAsync(width, height);
                for (var n = 0; n <= 10; n++)
                {
                    var headline = "全县教育系统第二届"[..Math.Min(n, 9)] + (n > 9 ? "县" : string.Empty) + rest;
                    await TextEditAsync(headline, null);
                    await Expect(s.Locator("#screen-headline")).ToHaveTextAsync(headline);
                    var lines = await s.EvaluateAsync<JsonElement>(@"() => {
                        const h = document.getElementById('screen-headline');
                        const tops = [];
                        let word = null;
                        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
                        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                          for (let i = 0; i < node.data.length; i++) {
                            const r = document.createRange();
                            r.setStart(node, i); r.setEnd(node, i + 1);
                            const top = Math.round(r.getClientRects()[0].top);
                            tops.push(top);
                            if (node.data[i] === '案') word = { an: top };
                            if (node.data[i] === '例' && word) word.li = top;
                          }
                        }
                        return { lines: new Set(tops).size, an: word.an, li: word.li };
                      }");
                    Assert.True(lines.GetProperty("an").GetInt32() == lines.GetProperty("li").GetInt32(),
                        $"At {width}×{height} the headline “{headline}” breaks between 案 and 例");
                    if (lines.GetProperty("lines").GetInt32() > 1)
                    {
                        wrapped++;
                    }
                }
            }

            Assert.True(wrapped >= 10, $"Only {wrapped} of the headlines wrapped: the test would not see a bad break");
            await screen.ScreenshotAsync("01-last", fullPage: false);
        });
    }

    // ---------- helpers ----------

    /// <summary>Three branches with a case each, and a fourth whose members only vote.</summary>
    private async Task<(string EventId, List<SelectionCase> Cases)> SmallEventAsync(string prefix, string title)
    {
        var branches = await _setup.ImportAsync(prefix,
            ("城东片区", $"城关第一小学党支部（{prefix}）", 2),
            ("城东片区", $"县职业中学党支部（{prefix}）", 2),
            ("城西片区", $"县教育局机关党支部（{prefix}）", 2),
            ("城西片区", $"退休教师党支部（{prefix}）", 2));
        var eventId = await _setup.CreateEventAsync(title);
        var cases = new List<SelectionCase>
        {
            await _setup.AcceptedCaseAsync(eventId, branches[0], "城关一小“童心向党”主题党日"),
            await _setup.AcceptedCaseAsync(eventId, branches[1], "职业中学“匠心筑梦”主题党日"),
            await _setup.AcceptedCaseAsync(eventId, branches[2], "教育局机关“学思践悟”主题党日"),
        };
        return (eventId, cases);
    }

    /// <summary>What the console's "更新文字" sends: the words, no mode.</summary>
    private async Task TextEditAsync(string headline, string? notice)
    {
        using var response = await fixture.Organiser.Http.PutAsJsonAsync("/api/screens/main", new { headline, notice });
        Assert.True(response.IsSuccessStatusCode, $"text edit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The preview frame and the hall show the same mode and view, headline and notice.</summary>
    private static async Task SameAsync(IPage hall, IFrameLocator preview, string mode, string view)
    {
        foreach (var root in new[] { hall.Locator("html"), preview.Locator("html") })
        {
            await Expect(root.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", mode);
            await Expect(root.Locator("#screen-mode")).ToHaveAttributeAsync("data-view", view);
        }

        foreach (var id in new[] { "#screen-headline", "#screen-notice", "#screen-foot" })
        {
            var text = await hall.Locator(id).TextContentAsync();
            await Expect(preview.Locator(id)).ToHaveTextAsync(text ?? string.Empty);
            var visible = await hall.Locator(id).IsVisibleAsync();
            await Expect(preview.Locator(id)).ToBeVisibleAsync(new() { Visible = visible });
        }
    }

    /// <summary>
    /// Every visible element of the ranking view that carries text of its own is set in at least
    /// <paramref name="minimum"/> px, and the table is not cut off at the bottom of the screen.
    /// </summary>
    private static async Task AssertHallTypeAsync(IPage page, double minimum, string when, (string View, string Rows, string Box)? part = null, int minimumChecked = 20)
    {
        var (view, rows, box) = part ?? Ranking;
        var found = await page.EvaluateAsync<JsonElement>(@"([min, view, rowSel, boxSel]) => {
            const small = [];
            let checked = 0;
            for (const node of document.querySelectorAll(view + ' *, .screen-titles *')) {
              const own = Array.from(node.childNodes).some(n => n.nodeType === 3 && n.data.trim());
              if (!own || !node.getClientRects().length || getComputedStyle(node).visibility === 'hidden') continue;
              checked++;
              const size = parseFloat(getComputedStyle(node).fontSize);
              if (size < min - 0.01) small.push((node.id || node.className || node.tagName) + ' “' + node.textContent.trim().slice(0, 20) + '” ' + size.toFixed(1) + 'px');
            }
            let cut = false, last = 0, tableBottom = 0;
            for (const b of document.querySelectorAll(boxSel)) {
              const bottom = Math.min(b.getBoundingClientRect().bottom, window.innerHeight);
              for (const r of b.querySelectorAll(rowSel)) {
                const end = r.getBoundingClientRect().bottom;
                if (end > bottom + 1) { cut = true; last = end; tableBottom = bottom; }
              }
            }
            return { small, checked, cut, last, tableBottom };
          }", new object[] { minimum, view, rows, box });
        var small = found.GetProperty("small").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(found.GetProperty("checked").GetInt32() >= minimumChecked, $"{when}: only {found.GetProperty("checked").GetInt32()} text elements measured");
        Assert.True(small.Count == 0, $"{when}: set below {minimum:0.#}px:\n{string.Join("\n", small)}");
        Assert.False(found.GetProperty("cut").GetBoolean(),
            $"{when}: the last row ends at {found.GetProperty("last")}px, below the table's box ({found.GetProperty("tableBottom")}px) or the screen");
    }

    private static readonly (string View, string Rows, string Box) Ranking = ("#view-ranking", "tbody tr", "#ranking-table");
    private static readonly (string View, string Rows, string Box) Voting = ("#view-voting", ".bar, .turnout-row, .join-box", "#vote-chart, #branch-turnout, #view-voting .sv-side");

    private static Task<double> FontSizeAsync(IPage page, string selector) =>
        page.EvaluateAsync<double>("s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector);

    private static async Task OpenScreenAsync(IPage page)
    {
        await page.GotoAsync("/screen.html?id=main");
        await Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        await page.EvaluateAsync("m => { window.__engagementMarker = m; }", Marker);
    }

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal(Marker, await page.EvaluateAsync<string?>("() => window.__engagementMarker || null"));
}
