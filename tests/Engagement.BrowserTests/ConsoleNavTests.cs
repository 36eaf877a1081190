using System.Text.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>The console's navigation fits a 1366×768 laptop in either language: no item is cut off or scrolled away.</summary>
public sealed class ConsoleNavTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task Every_nav_item_is_fully_visible_at_1366_by_768(string lang)
    {
        await using var desk = await fixture.OrganiserDesktopAsync(1366, 768);
        var console = await Watched.OpenAsync(desk, output, $"console-nav-{lang}");

        await console.RunAsync(async () =>
        {
            var page = console.Page;
            await page.GotoAsync($"/console.html?lang={lang}#overview");
            await Expect(page.Locator("#console-nav")).ToBeVisibleAsync();
            await Expect(page.Locator("#console-nav a[data-nav=\"overview\"]")).ToHaveTextAsync(lang == "en" ? "Overview" : "概览");

            var measured = await page.Locator("#console-nav a").EvaluateAllAsync<JsonElement>("""
                links => links.map(a => {
                  const r = a.getBoundingClientRect(), list = a.closest('ul').getBoundingClientRect();
                  return { text: a.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                           listLeft: list.left, listRight: list.right, clipped: a.scrollWidth > a.clientWidth };
                })
                """);
            var nav = await page.Locator("#console-nav").EvaluateAsync<int[]>("n => [n.scrollWidth, n.clientWidth, window.innerWidth]");
            var items = measured.EnumerateArray().Select(i => new Box(
                i.GetProperty("text").GetString()!,
                i.GetProperty("left").GetDouble(), i.GetProperty("right").GetDouble(), i.GetProperty("top").GetDouble(), i.GetProperty("bottom").GetDouble(),
                i.GetProperty("listLeft").GetDouble(), i.GetProperty("listRight").GetDouble(), i.GetProperty("clipped").GetBoolean())).ToArray();

            Assert.Equal(11, items.Length);
            Assert.All(items, i =>
            {
                Assert.True(i.Left >= 0 && i.Right <= 1366 && i.Top >= 0 && i.Bottom <= 768, $"“{i.Text}” is outside the window: {i.Left}–{i.Right}, {i.Top}–{i.Bottom}");
                Assert.True(i.Left >= i.ListLeft - 0.5 && i.Right <= i.ListRight + 0.5, $"“{i.Text}” overflows the navigation bar ({i.Right} > {i.ListRight})");
                Assert.False(i.Clipped, $"“{i.Text}” is cut off");
            });
            Assert.True(nav[0] <= nav[1], $"The navigation scrolls sideways ({nav[0]} > {nav[1]})");
            if (lang == "en")
            {
                // At 1366 px the English labels fit one row: wrapping is only the fallback for narrower windows.
                Assert.Single(items.Select(i => Math.Round(i.Top)).Distinct());
            }

            Assert.Equal(1366, nav[2]);
            await console.ScreenshotAsync("01-nav-1366", fullPage: false);
        });
    }

    public sealed record Box(string Text, double Left, double Right, double Top, double Bottom, double ListLeft, double ListRight, bool Clipped);
}
