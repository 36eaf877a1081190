using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>The hall's big screen at 1920×1080: live, readable from the back, never reloading.</summary>
public sealed class ScreenTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Marker = "set-before-the-change";

    [Fact]
    public async Task Big_screen_shows_a_new_headline_sent_by_the_organiser_without_reloading_in_large_type()
    {
        const string headline = "第二轮投票即将开始";
        const string notice = "请各支部代表回到座位，扫描党员码参与投票";

        await using var context = await fixture.DesktopAsync(1920, 1080);
        var watched = await Watched.OpenAsync(context, output, "screen-api");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            await OpenScreenAsync(page);
            await watched.ScreenshotAsync("01-before", fullPage: false);

            var response = await fixture.Organiser.Http.PutAsJsonAsync("/api/screens/main", new { headline, notice });
            Assert.True(response.IsSuccessStatusCode, $"PUT /api/screens/main: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

            await Expect(page.Locator("#screen-headline")).ToHaveTextAsync(headline);
            await Expect(page.Locator("#screen-notice")).ToHaveTextAsync(notice);
            await Expect(page.Locator("#screen-notice")).ToBeVisibleAsync();
            await AssertNotReloadedAsync(page);
            await Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected");
            await page.WaitForTimeoutAsync(1200); // let the change highlight fade for the picture
            await watched.ScreenshotAsync("02-after", fullPage: false);

            // Readable from the back of a hall: big type, and all of it on the screen.
            var size = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.getElementById('screen-headline')).fontSize)");
            Assert.True(size >= 64, $"The headline is set in {size}px type; at least 64px is needed on a 1920×1080 hall screen");
            var box = await page.Locator("#screen-headline").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 1920 && box.Y + box.Height <= 1080,
                $"The headline ({box.X},{box.Y} {box.Width}×{box.Height}) does not fit on the 1920×1080 screen");
            var overflow = await page.EvaluateAsync<bool>(
                "() => document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight");
            Assert.False(overflow, "The big screen scrolls: part of it is off the projector");
        });
    }

    [Fact]
    public async Task Big_screen_follows_what_the_organiser_sends_from_the_console_screen_control_without_reloading()
    {
        const string headline = "优秀主题党日活动案例评选";
        const string notice = "评委请就座，评分即将开始";

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "screen-console-hall");
        await using var laptop = await fixture.OrganiserDesktopAsync(1366, 768);
        var console = await Watched.OpenAsync(laptop, output, "screen-console-control");

        await screen.RunAsync(async () =>
        {
            await OpenScreenAsync(screen.Page);

            await console.RunAsync(async () =>
            {
                var page = console.Page;
                await page.GotoAsync("/console.html#screen");
                await Expect(page.Locator("#view-screen")).ToBeVisibleAsync();
                await Expect(page.Locator("#view-screen h1")).ToHaveTextAsync("大屏控制");
                await Expect(page.Locator("#screen-send")).ToHaveTextAsync("更新文字");
                await page.Locator("#screen-headline-input").FillAsync(headline);
                await page.Locator("#screen-notice-input").FillAsync(notice);
                await page.Locator("#screen-send").ClickAsync();
                await Expect(page.Locator("#screen-status")).ToContainTextAsync("文字已更新");
                await Expect(page.Locator("#error")).ToBeHiddenAsync();
                await console.ScreenshotAsync("01-sent");
            });

            await Expect(screen.Page.Locator("#screen-headline")).ToHaveTextAsync(headline);
            await Expect(screen.Page.Locator("#screen-notice")).ToHaveTextAsync(notice);
            await AssertNotReloadedAsync(screen.Page);
            await screen.Page.WaitForTimeoutAsync(1200);
            await screen.ScreenshotAsync("02-after", fullPage: false);
        });
    }

    /// <summary>Opens the main screen, waits until it is live and showing something, and marks the window.</summary>
    private static async Task OpenScreenAsync(IPage page)
    {
        await page.GotoAsync("/screen.html?id=main");
        await Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(page.Locator("#screen-headline")).ToHaveTextAsync(new Regex(@"\S"));
        await Expect(page.Locator("#screen-foot")).ToContainTextAsync("/member.html");
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        // A reload would wipe this: it proves the new content arrived live, into the same document.
        await page.EvaluateAsync("m => { window.__engagementMarker = m; }", Marker);
    }

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal(Marker, await page.EvaluateAsync<string?>("() => window.__engagementMarker || null"));
}
