using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// QR codes and links start with the address the console was opened at. Opened as 127.0.0.1 (as this app is
/// here), that address is this computer only: the overview, the judge-link page and the code sheet say so
/// before anything is printed, and show how to fix it.
/// </summary>
public sealed class LinksTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task The_server_reports_a_loopback_public_address_to_the_organiser()
    {
        var status = await fixture.Organiser.Http.GetFromJsonAsync<JsonElement>("/api/public-address");

        Assert.StartsWith("http://127.0.0.1:", status.GetProperty("origin").GetString());
        Assert.True(status.GetProperty("loopback").GetBoolean());
        Assert.False(status.GetProperty("configured").GetBoolean());
        Assert.All(status.GetProperty("lanOrigins").EnumerateArray(), o => Assert.DoesNotContain("127.0.0.1", o.GetString()));
    }

    [Fact]
    public async Task On_a_loopback_address_the_overview_judge_links_and_code_sheet_warn_before_printing()
    {
        var branch = (await _setup.ImportAsync("LINK", ("东城片区", "链接测试党支部", 2)))[0];
        var origin = new Uri(fixture.Url).GetLeftPart(UriPartial.Authority);
        await using var desk = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(desk, output, "links-loopback");

        await console.RunAsync(async () =>
        {
            var page = console.Page;
            await page.GotoAsync("/console.html#overview");
            var overview = page.Locator("#view-overview .public-address-warning");
            await Expect(overview).ToBeVisibleAsync();
            await Expect(overview).ToContainTextAsync($"二维码和链接现在指向“{origin}”，这是本机地址，手机扫码打不开");
            await Expect(overview.Locator(".public-address-setting")).ToContainTextAsync("Engagement__PublicUrl=http://");
            // Every LAN address offered opens this same console page there, never loopback.
            foreach (var href in await overview.Locator(".public-address-lan a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
            {
                Assert.EndsWith("/console.html#overview", href);
                Assert.DoesNotContain("127.0.0.1", href);
            }

            await console.ScreenshotAsync("01-overview-warning", fullPage: false);

            await page.GotoAsync("/console.html#grants");
            var grants = page.Locator("#view-grants .public-address-warning");
            await Expect(grants).ToBeVisibleAsync();
            await Expect(grants).ToContainTextAsync("本机地址");
            await page.Locator("#lang-toggle").ClickAsync();
            await Expect(grants).ToContainTextAsync($"QR codes and links now point to {origin}, which is this computer only");
            await page.Locator("#lang-toggle").ClickAsync();
            await console.ScreenshotAsync("02-judge-links-warning", fullPage: false);

            await page.GotoAsync($"/codes.html?branch={branch.BranchId}");
            await Expect(page.Locator("#codes-cards .code-card")).ToHaveCountAsync(2);
            var codes = page.Locator(".public-address-warning");
            await Expect(codes).ToBeVisibleAsync();
            await Expect(codes).ToContainTextAsync("本机地址");
            await console.ScreenshotAsync("03-code-sheet-warning", fullPage: false);
        });
    }
}
