using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>The organiser at a laptop (1366×768): signing in, importing the roster, reading the overview.</summary>
public sealed class ConsoleTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static readonly Regex Chinese = new(@"[\u4e00-\u9fff]");

    [Fact]
    public async Task Organiser_signs_in_imports_an_xlsx_roster_and_sees_the_branches_then_sees_every_bad_csv_line_listed()
    {
        var roster = Rosters.Build(
            "CN",
            ("城区第一片区", "实验小学党支部", 12),
            ("城区第一片区", "第二中学党支部", 10),
            ("东部片区", "东湖幼儿园党支部", 8));
        var xlsx = Path.Combine(fixture.TempDirectory, "党员名册.xlsx");
        await File.WriteAllBytesAsync(xlsx, Rosters.Xlsx(roster));

        // Lines 3, 5, 6 and 8 are bad (header on line 1); the good lines are in a branch nobody has.
        const string district = "西部片区";
        const string branch = "西山小学党支部";
        var csv = Path.Combine(fixture.TempDirectory, "名册-有错误.csv");
        await File.WriteAllBytesAsync(csv, Rosters.Csv(
        [
            new(district, branch, "王好人", "BAD0001", "13900000001"), // line 2: fine
            new(district, branch, "", "BAD0002", "13900000002"),       // line 3: no name
            new(district, branch, "李好人", "BAD0003", "13900000003"), // line 4: fine
            new(district, branch, "张编号", "BAD 04!", "13900000004"), // line 5: bad member number
            new(district, branch, "刘重复", "BAD0001", "13900000005"), // line 6: repeats line 2
            new(district, branch, "陈好人", "BAD0007", "13900000007"), // line 7: fine
            new(district, branch, "赵电话", "BAD0008", "12ab"),        // line 8: bad phone
        ]));

        await using var context = await fixture.DesktopAsync(1366, 768);
        var watched = await Watched.OpenAsync(context, output, "console");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            // --- sign in through the form, in Chinese ---
            await page.GotoAsync("/console.html");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(page.Locator("#login-view h1")).ToHaveTextAsync("组织者登录");
            await Expect(page.Locator("#login-submit")).ToHaveTextAsync("登录");
            await Expect(page.Locator("#view-overview")).ToBeHiddenAsync();
            await watched.ScreenshotAsync("01-login");

            await SignInAsync(page);
            await Expect(page.Locator("#view-overview h1")).ToHaveTextAsync("组织概览");
            await Expect(page.Locator("#console-nav")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "导入名册", Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("#branch-table tbody")).ToContainTextAsync("还没有党支部");
            await Expect(page.Locator("#error")).ToBeHiddenAsync();
            await watched.ScreenshotAsync("02-overview-empty");

            // --- import the .xlsx through the file input ---
            await page.GetByRole(AriaRole.Link, new() { Name = "导入名册", Exact = true }).ClickAsync();
            await Expect(page.Locator("#view-import")).ToBeVisibleAsync();
            await Expect(page.Locator("#view-import h1")).ToHaveTextAsync("导入名册");
            await page.Locator("#import-file").SetInputFilesAsync(xlsx);
            await page.Locator("#import-submit").ClickAsync();

            var result = page.Locator("#import-result");
            await Expect(result).ToBeVisibleAsync();
            await Expect(result).ToContainTextAsync("导入完成：党员名册.xlsx");
            await Expect(SummaryValue(result, "数据行数")).ToHaveTextAsync("30");
            await Expect(SummaryValue(result, "新增党员")).ToHaveTextAsync("30");
            await Expect(SummaryValue(result, "更新党员")).ToHaveTextAsync("0");
            await Expect(SummaryValue(result, "新建支部")).ToHaveTextAsync("3");
            await Expect(page.Locator("#import-failure")).ToBeHiddenAsync();
            await Expect(page.Locator("#error")).ToBeHiddenAsync();
            await watched.ScreenshotAsync("03-import-success");

            // --- the overview lists the new branches with their member counts ---
            await page.GetByRole(AriaRole.Link, new() { Name = "概览", Exact = true }).ClickAsync();
            await Expect(page.Locator("#view-overview")).ToBeVisibleAsync();
            await Expect(page.Locator("#stat-members")).ToHaveTextAsync("30");
            await Expect(page.Locator("#stat-branches")).ToHaveTextAsync("3");
            await Expect(page.Locator("#stat-districts")).ToHaveTextAsync("2");
            var rows = page.Locator("#branch-table tbody tr");
            await Expect(rows).ToHaveCountAsync(3);
            foreach (var (districtName, branchName, members) in new[]
            {
                ("城区第一片区", "实验小学党支部", "12"),
                ("城区第一片区", "第二中学党支部", "10"),
                ("东部片区", "东湖幼儿园党支部", "8"),
            })
            {
                var row = rows.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = branchName, Exact = true }) });
                await Expect(row).ToHaveCountAsync(1);
                await Expect(row.Locator("td")).ToHaveTextAsync([branchName, districtName, members]);
            }

            await watched.ScreenshotAsync("04-branch-table");

            // --- a CSV with bad rows: refused whole, every bad line listed ---
            await page.GetByRole(AriaRole.Link, new() { Name = "导入名册", Exact = true }).ClickAsync();
            await Expect(page.Locator("#view-import")).ToBeVisibleAsync();
            await page.Locator("#import-file").SetInputFilesAsync(csv);
            await page.Locator("#import-submit").ClickAsync();

            await Expect(page.Locator("#import-errors")).ToBeVisibleAsync();
            await Expect(page.Locator("#import-failure")).ToContainTextAsync("导入失败：发现 4 处问题");
            await Expect(page.Locator("#import-errors thead th")).ToHaveTextAsync(["行号", "列", "原因"]);
            var errorRows = page.Locator("#import-errors tbody tr");
            await Expect(errorRows.Locator("td:nth-child(1)")).ToHaveTextAsync(["3", "5", "6", "8"]);
            await Expect(errorRows.Nth(0).Locator("td:nth-child(2)")).ToHaveTextAsync("姓名");
            await Expect(errorRows.Nth(2).Locator("td:nth-child(3)")).ToContainTextAsync("BAD0001");
            await Expect(errorRows.Nth(3).Locator("td:nth-child(3)")).ToContainTextAsync("12ab");
            foreach (var reason in await errorRows.Locator("td:nth-child(3)").AllInnerTextsAsync())
            {
                Assert.Matches(Chinese, reason);
            }

            await Expect(page.Locator("#import-result")).ToBeHiddenAsync();
            await Expect(page.Locator("#error")).ToBeVisibleAsync();
            await Expect(page.Locator("#error .error-text")).ToHaveTextAsync(Chinese);
            await watched.ScreenshotAsync("05-import-errors");

            // Nothing of the bad file was applied, not even its good lines.
            await page.GetByRole(AriaRole.Link, new() { Name = "概览", Exact = true }).ClickAsync();
            await Expect(page.Locator("#stat-members")).ToHaveTextAsync("30");
            await Expect(rows).ToHaveCountAsync(3);
            await Expect(page.Locator("#branch-table")).Not.ToContainTextAsync(branch);
        });
    }

    [Fact]
    public async Task Language_toggle_switches_the_console_to_English_and_the_choice_survives_a_reload()
    {
        await using var context = await fixture.DesktopAsync(1366, 768);
        var watched = await Watched.OpenAsync(context, output, "language");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            await page.GotoAsync("/console.html");
            await Expect(page.Locator("#login-submit")).ToHaveTextAsync("登录");
            await Expect(page.Locator("label[for=login-user]")).ToHaveTextAsync("用户名");

            await page.Locator("#lang-toggle").ClickAsync();
            await Expect(page.Locator("#login-submit")).ToHaveTextAsync("Sign in");
            await Expect(page.Locator("#login-view h1")).ToHaveTextAsync("Organiser sign-in");
            await Expect(page.Locator("label[for=login-user]")).ToHaveTextAsync("User name");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await watched.ScreenshotAsync("01-english");

            await page.ReloadAsync();
            await Expect(page.Locator("#login-submit")).ToHaveTextAsync("Sign in");
            await Expect(page.Locator("label[for=login-password]")).ToHaveTextAsync("Password");
            await watched.ScreenshotAsync("02-english-after-reload");

            // The choice is the person's, not the page's: the member page opens in English too.
            await page.GotoAsync("/member.html");
            await Expect(page.Locator("#member-submit")).ToHaveTextAsync("Join");

            // And back to Chinese, which also sticks.
            await page.Locator("#lang-toggle").ClickAsync();
            await Expect(page.Locator("#member-submit")).ToHaveTextAsync("进入");
            await page.GotoAsync("/console.html");
            await Expect(page.Locator("#login-submit")).ToHaveTextAsync("登录");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

            // Signed in, the English console is English throughout.
            await page.Locator("#lang-toggle").ClickAsync();
            await SignInAsync(page);
            await Expect(page.Locator("#view-overview h1")).ToHaveTextAsync("Organisation overview");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Import roster", Exact = true })).ToBeVisibleAsync();
            await watched.ScreenshotAsync("03-english-console");
        });
    }

    /// <summary>Types the organiser's name and password into the sign-in form and waits for the console.</summary>
    private static async Task SignInAsync(IPage page)
    {
        await Expect(page.Locator("#login-view")).ToBeVisibleAsync();
        await page.Locator("#login-user").FillAsync(BrowserApp.OrganiserUserName);
        await page.Locator("#login-password").FillAsync(BrowserApp.OrganiserPassword);
        await page.Locator("#login-submit").ClickAsync();
        await Expect(page.Locator("#login-view")).ToBeHiddenAsync();
        await Expect(page.Locator("#view-overview")).ToBeVisibleAsync();
    }

    /// <summary>The number shown above a label in the import summary ("30" over "数据行数").</summary>
    private static ILocator SummaryValue(ILocator summary, string label) =>
        summary.Locator(".stat").Filter(new() { Has = summary.Page.GetByText(label, new() { Exact = true }) }).Locator(".stat-value");
}
