using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// Members on their phones (390×844, touch, WeChat) opening their personal link, and the organiser's
/// printable sheet of those links.
/// </summary>
public sealed class MemberTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static readonly Regex CodeShape = new("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$");
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public async Task Member_opening_their_link_in_WeChat_sees_their_name_and_branch_and_a_mistyped_code_shows_a_Chinese_error()
    {
        var roster = Rosters.Build("MB", ("城区第一片区", "实验小学党支部", 5), ("东部片区", "东湖中学党支部", 4));
        var overview = await fixture.ImportAsync(roster);
        var sheet = await fixture.CodesAsync(BrowserApp.BranchId(overview, "东湖中学党支部"));
        var card = sheet.GetProperty("codes")[0];
        var link = card.GetProperty("link").GetString()!;
        var code = card.GetProperty("code").GetString()!;
        var member = roster.Single(r => r.MemberNo == card.GetProperty("memberNo").GetString());
        Assert.Contains("/member.html#c=", link);

        await using (var phone = await fixture.PhoneAsync())
        {
            var watched = await Watched.OpenAsync(phone, output, "member");
            var page = watched.Page;
            await watched.RunAsync(async () =>
            {
                await page.GotoAsync(link);
                await Expect(page.Locator("#member-profile")).ToBeVisibleAsync();
                await Expect(page.Locator("#member-welcome")).ToHaveTextAsync($"您好，{member.Name}");
                await Expect(page.Locator("#member-profile")).ToContainTextAsync(member.Name);
                await Expect(page.Locator("#member-branch")).ToHaveTextAsync("东湖中学党支部");
                await Expect(page.Locator("#member-district")).ToHaveTextAsync("东部片区");
                await Expect(page.Locator("#member-no")).ToHaveTextAsync(member.MemberNo);
                await Expect(page.Locator("#member-profile")).ToContainTextAsync("当前没有进行中的投票");
                await Expect(page.Locator("#error")).ToBeHiddenAsync();

                // The code does not linger in the address bar (history, shared screenshots).
                Assert.DoesNotContain(code, page.Url);
                Assert.DoesNotContain("#c=", page.Url);

                // Fits the phone: nothing wider than the screen, so no sideways scrolling.
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                Assert.True(widths[0] <= widths[1], $"The member page is {widths[0]}px wide on a {widths[1]}px phone");
                await watched.ScreenshotAsync("01-profile");
            });
        }

        // Another phone, the code typed by hand with one character wrong.
        var typo = code[..^1] + Alphabet[(Alphabet.IndexOf(code[^1]) + 1) % Alphabet.Length];
        await using (var phone = await fixture.PhoneAsync())
        {
            var watched = await Watched.OpenAsync(phone, output, "member-wrong-code");
            var page = watched.Page;
            await watched.RunAsync(async () =>
            {
                await page.GotoAsync("/member.html");
                await Expect(page.Locator("#member-code")).ToBeVisibleAsync();
                await Expect(page.Locator("#member-submit")).ToHaveTextAsync("进入");

                // Too short to be a code at all: the page says so before asking the server.
                await page.Locator("#member-code").FillAsync("ABCD-EFG");
                await page.Locator("#member-submit").TapAsync();
                await Expect(page.Locator("#error")).ToBeVisibleAsync();
                await Expect(page.Locator("#error .error-text")).ToContainTextAsync("党员码应为 12 位");

                // Well-formed but wrong: the server refuses it, in Chinese.
                await page.Locator("#member-code").FillAsync(typo);
                await page.Locator("#member-submit").TapAsync();
                await Expect(page.Locator("#error .error-text")).ToContainTextAsync("党员码不正确");
                await Expect(page.Locator("#error")).ToBeVisibleAsync();
                await Expect(page.Locator("#member-profile")).ToBeHiddenAsync();
                await Expect(page.Locator("#member-code")).ToBeVisibleAsync();
                await watched.ScreenshotAsync("01-wrong-code");
            });
        }
    }

    [Fact]
    public async Task Codes_sheet_shows_one_card_per_member_with_their_code_and_a_loaded_QR_image()
    {
        const string branch = "西山小学党支部";
        var roster = Rosters.Build("QR", ("西部片区", branch, 7));
        var overview = await fixture.ImportAsync(roster);
        var branchId = BrowserApp.BranchId(overview, branch);
        var expected = (await fixture.CodesAsync(branchId)).GetProperty("codes").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("code").GetString()!);
        Assert.Equal(roster.Select(r => r.Name).Order(), expected.Keys.Order());

        await using var context = await fixture.OrganiserDesktopAsync(1366, 768);
        var watched = await Watched.OpenAsync(context, output, "codes");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            await page.GotoAsync($"/codes.html?branch={Uri.EscapeDataString(branchId)}");
            var cards = page.Locator("#codes-cards .code-card");
            await Expect(cards).ToHaveCountAsync(roster.Count);
            await Expect(page.Locator("#codes-title")).ToContainTextAsync(branch);
            await Expect(page.Locator("#codes-count")).ToHaveTextAsync($"共 {roster.Count} 人");
            await Expect(page.Locator("#error")).ToBeHiddenAsync();

            for (var i = 0; i < roster.Count; i++)
            {
                var card = cards.Nth(i);
                var name = await card.Locator(".c-name").InnerTextAsync();
                var shown = (await card.Locator(".c-code").InnerTextAsync()).Trim();
                Assert.True(expected.TryGetValue(name, out var code), $"Card {i} names \"{name}\", who is not in the roster");
                Assert.Matches(CodeShape, shown);
                Assert.Equal(code, shown);
                await Expect(card).ToContainTextAsync(branch);
                await Expect(card.Locator("img")).ToBeVisibleAsync();
            }

            // Every QR has arrived and decoded as an image (a broken image has naturalWidth 0).
            await page.WaitForFunctionAsync(
                "() => Array.from(document.querySelectorAll('#codes-cards img')).every(i => i.complete)",
                null,
                new() { Timeout = 30_000 });
            var qrWidths = await page.EvaluateAsync<int[]>(
                "() => Array.from(document.querySelectorAll('#codes-cards .code-card img')).map(i => i.naturalWidth)");
            Assert.Equal(roster.Count, qrWidths.Length);
            Assert.All(qrWidths, w => Assert.True(w > 0, $"A QR image did not load: naturalWidth {w} in [{string.Join(", ", qrWidths)}]"));
            await watched.ScreenshotAsync("01-sheet");
        });
    }
}
