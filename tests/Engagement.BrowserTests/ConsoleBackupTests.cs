using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The overview's 备份 card: 立即备份 makes a backup on the server, the card says what it holds and that every chain
/// verifies, and the list offers it for download (the file the link fetches is the zip).
/// </summary>
public sealed class ConsoleBackupTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("zh", "立即备份", "已备份：", "哈希链校验通过", "下载")]
    [InlineData("en", "Back up now", "Backed up: ", "hash chains verify", "Download")]
    public async Task Back_up_now_shows_the_contents_and_lists_the_backup_for_download(string lang, string button, string done, string verified, string download)
    {
        await using var desk = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(desk, output, $"console-backup-{lang}");

        await console.RunAsync(async () =>
        {
            var page = console.Page;
            await page.GotoAsync($"/console.html?lang={lang}#overview");
            var card = page.Locator("#backup-card");
            await Expect(card.Locator("#backup-now")).ToHaveTextAsync(button);

            await card.Locator("#backup-now").ClickAsync();
            var result = card.Locator("#backup-result");
            await Expect(result).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(result.Locator("h3")).ToContainTextAsync(done);
            await Expect(result).ToContainTextAsync(verified);
            var name = (await result.Locator("h3").TextContentAsync())!;

            var row = card.Locator("#backup-table tbody tr").First;
            await Expect(row.Locator("a")).ToHaveTextAsync(download);
            var href = await row.Locator("a").GetAttributeAsync("href");
            Assert.StartsWith("/api/operations/backups/engagement-", href);
            Assert.Contains(href!["/api/operations/backups/".Length..], name);

            // The link fetches the zip with the page's own sign-in.
            var bytes = await page.EvaluateAsync<int[]>("async url => { const r = await fetch(url); const b = new Uint8Array(await r.arrayBuffer()); return [r.status, b[0], b[1]]; }", href);
            Assert.Equal([200, 'P', 'K'], bytes);
            await card.ScrollIntoViewIfNeededAsync();
            await console.ScreenshotAsync("01-backup-card", fullPage: false);
        });
    }
}
