using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The console's status strip: it shows the server's live figures while the organiser works, says warn and bad in words
/// as well as colour (in either language), and says plainly when the status cannot be read.
/// </summary>
public sealed class ConsoleStatusTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_strip_shows_the_servers_figures()
    {
        await using var desk = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(desk, output, "console-status");

        await console.RunAsync(async () =>
        {
            var page = console.Page;
            await page.GotoAsync("/console.html#overview");
            var strip = page.Locator("#ops-status");
            await Expect(strip).ToBeVisibleAsync();
            // The console itself holds a live connection, so the server counts at least one.
            await Expect(page.Locator("#ops-connections")).ToHaveTextAsync(new Regex(@"^连接 [1-9]\d*$"), new() { Timeout = 15_000 });
            await Expect(page.Locator("#ops-ballots")).ToHaveTextAsync(new Regex(@"^选票 \d+(\.\d)?/秒$"));
            await Expect(page.Locator("#ops-answers")).ToHaveTextAsync(new Regex(@"^答题 \d+(\.\d)?/秒$"));
            await Expect(page.Locator("#ops-push")).ToHaveTextAsync(new Regex(@"^最近推送 (—|\d+(\.\d)? 秒前)"));
            await Expect(page.Locator("#ops-db")).ToHaveTextAsync(new Regex(@"^数据库写入 (—|\d+(\.\d)? 毫秒)"));
            await Expect(page.Locator("#ops-connections")).ToHaveAttributeAsync("data-level", "Ok");
            await console.ScreenshotAsync("01-strip", fullPage: false);
        });
    }

    [Fact]
    public async Task Warn_and_bad_show_in_words_and_a_failed_poll_says_so()
    {
        await using var desk = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(desk, output, "console-status-warn");

        await console.RunAsync(async () =>
        {
            var page = console.Page;
            var failing = false;
            // A hall voting while pushes have stalled for 8 s and the database is slow.
            await page.RouteAsync("**/api/operations/status", route => failing
                ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{}" })
                : route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = Stalled }));
            await page.GotoAsync("/console.html#overview");

            var push = page.Locator("#ops-push");
            await Expect(push).ToHaveTextAsync("最近推送 8 秒前注意", new() { Timeout = 15_000 });
            await Expect(push).ToHaveAttributeAsync("data-level", "Warn");
            await Expect(page.Locator("#ops-db")).ToHaveTextAsync("数据库写入 640 毫秒异常");
            await Expect(page.Locator("#ops-db")).ToHaveAttributeAsync("data-level", "Bad");
            await Expect(page.Locator("#ops-ballots")).ToHaveTextAsync("选票 12.5/秒");
            await Expect(page.Locator("#ops-refusals")).ToHaveTextAsync("拒绝 12/分钟注意");
            // Colour is not all: the warn item looks different from an ok one.
            var colours = await page.EvaluateAsync<string[]>("() => ['#ops-push', '#ops-ballots'].map(s => getComputedStyle(document.querySelector(s)).backgroundColor)");
            Assert.NotEqual(colours[0], colours[1]);
            await console.ScreenshotAsync("01-warn", fullPage: false);

            await page.Locator("#lang-toggle").ClickAsync();
            await Expect(push).ToHaveTextAsync("Last push 8 s agowarning");
            await Expect(page.Locator("#ops-db")).ToHaveTextAsync("Database write 640 msproblem");

            failing = true;
            await Expect(page.Locator("#ops-failed")).ToHaveTextAsync("Status unavailable", new() { Timeout = 15_000 });
            await Expect(push).ToHaveCountAsync(0);
            await page.Locator("#lang-toggle").ClickAsync();
            await Expect(page.Locator("#ops-failed")).ToHaveTextAsync("无法获取状态");
            await console.ScreenshotAsync("02-failed", fullPage: false);

            failing = false;
            await Expect(push).ToHaveTextAsync("最近推送 8 秒前注意", new() { Timeout = 15_000 });
        });
    }

    private const string Stalled = """
        {
          "at": "2026-12-02T10:00:00+00:00", "mode": "Embedded",
          "connections": { "value": 412, "level": "Ok" },
          "ballotsPerSecond": { "value": 12.5, "level": "Ok" },
          "answersPerSecond": { "value": 0, "level": "Ok" },
          "refusalsLastMinute": { "total": 12, "level": "Warn", "byReason": { "round.not-open": 12 } },
          "lastPushAgeSeconds": { "value": 8, "level": "Warn" },
          "databaseWriteMs": { "p50": 210, "p95": 640, "max": 900, "count": 35, "level": "Bad", "source": "host" },
          "pushLatencyMs": { "p50": null, "p95": null, "max": null, "count": 0, "level": "Ok", "source": "host" },
          "silosReporting": 0,
          "runtime": {}
        }
        """;
}
