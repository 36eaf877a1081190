using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The organiser's question bank (知识竞赛 → 题库) at a laptop: a file with bad rows is refused whole with every bad
/// line listed; a good .xlsx fills the question table, which filters by category and type; one question is added
/// from the form.
/// </summary>
public sealed class ConsoleContestTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static readonly string[] Headers = ["题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "分类", "难度"];
    private static readonly Regex Chinese = new(@"[\u4e00-\u9fff]");

    /// <summary>Six good questions: four 党史 (three single choice, one true/false), two 理论 (multiple choice).</summary>
    internal static readonly string[][] Good =
    [
        ["DS001", "单选", "中国共产党第一次全国代表大会于哪一年召开？", "1919年", "1921年", "1927年", "1949年", "B", "1921年7月中共一大召开。", "10", "党史", "易"],
        ["DS002", "单选", "遵义会议召开于哪一年？", "1934年", "1935年", "1936年", "1937年", "B", "1935年1月。", "10", "党史", "中"],
        ["DS003", "单选", "中华人民共和国成立于哪一年？", "1945年", "1947年", "1949年", "1950年", "C", "1949年10月1日。", "10", "党史", "易"],
        ["DS004", "判断", "中共一大的最后一天会议转移到浙江嘉兴南湖的游船上举行。", "", "", "", "", "正确", "南湖红船。", "10", "党史", "易"],
        ["LL001", "多选", "“四个意识”包括哪些？", "政治意识", "大局意识", "核心意识", "看齐意识", "ABCD", "", "20", "理论", "中"],
        ["LL002", "多选", "“四个自信”包括哪些？", "道路自信", "理论自信", "制度自信", "文化自信", "ABCD", "", "20", "理论", "中"],
    ];

    [Fact]
    public async Task A_bank_file_with_bad_rows_is_refused_with_each_bad_line_listed_and_a_good_file_fills_the_question_table()
    {
        // Lines 3 and 5 are bad (header on line 1): an answer that is not an option, and a question with no stem.
        var bad = Path.Combine(fixture.TempDirectory, "题库-有错误.csv");
        await File.WriteAllBytesAsync(bad, Csv(
        [
            ["BAD01", "单选", "一道好题？", "甲", "乙", "", "", "A", "", "10", "党史", "易"],   // line 2: fine
            ["BAD02", "单选", "答案不在选项里？", "甲", "乙", "", "", "E", "", "10", "党史", "易"], // line 3: bad answer
            ["BAD03", "判断", "一道好的判断题。", "", "", "", "", "错误", "", "10", "党史", "易"],   // line 4: fine
            ["BAD04", "单选", "", "甲", "乙", "", "", "A", "", "10", "党史", "易"],                 // line 5: no stem
        ]));
        var good = Path.Combine(fixture.TempDirectory, "党史题库.xlsx");
        await File.WriteAllBytesAsync(good, Xlsx(Good));

        await using var context = await fixture.OrganiserDesktopAsync(1366, 900);
        var watched = await Watched.OpenAsync(context, output, "console-contest-bank");
        var page = watched.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await watched.RunAsync(async () =>
        {
            await page.GotoAsync("/console.html#overview");
            await page.GetByRole(AriaRole.Link, new() { Name = "知识竞赛", Exact = true }).ClickAsync();
            await Expect(page.Locator("#kc-list-view h1")).ToHaveTextAsync("知识竞赛");
            await page.Locator("#kc-bank-open").ClickAsync();
            await Expect(page.Locator("#kc-bank-view")).ToBeVisibleAsync();
            await Expect(page.Locator("#kc-bank-view h1")).ToHaveTextAsync("题库");
            await Expect(page.Locator("#bank-table tbody")).ToContainTextAsync("题库中还没有题目");
            await Expect(page.Locator("#bank-template")).ToHaveAttributeAsync("href", "contest-bank-template.csv");

            // --- the bad file: refused whole, lines 3 and 5 listed with a reason in Chinese ---
            await page.Locator("#bank-file").SetInputFilesAsync(bad);
            await page.Locator("#bank-import-submit").ClickAsync();
            await Expect(page.Locator("#bank-import-errors")).ToBeVisibleAsync();
            await Expect(page.Locator("#bank-import-failure-text")).ToContainTextAsync("导入失败：发现 2 处问题");
            var errorRows = page.Locator("#bank-import-errors tbody tr");
            await Expect(errorRows.Locator("td:nth-child(1)")).ToHaveTextAsync(["3", "5"]);
            foreach (var reason in await errorRows.Locator("td:nth-child(3)").AllInnerTextsAsync())
            {
                Assert.Matches(Chinese, reason);
            }

            await Expect(page.Locator("#bank-import-result")).ToBeHiddenAsync();
            await Expect(page.Locator("#error")).ToBeVisibleAsync();
            // Nothing of it was kept, not even its good lines.
            await Expect(page.Locator("#bank-table tbody tr[data-question-id]")).ToHaveCountAsync(0);
            await watched.ScreenshotAsync("01-bad-rows");

            // --- the good file: summary and the table ---
            await page.Locator("#bank-file").SetInputFilesAsync(good);
            await page.Locator("#bank-import-submit").ClickAsync();
            var result = page.Locator("#bank-import-result");
            await Expect(result).ToBeVisibleAsync();
            await Expect(result).ToContainTextAsync("导入完成：党史题库.xlsx");
            await Expect(SummaryValue(result, "题目行数")).ToHaveTextAsync("6");
            await Expect(SummaryValue(result, "新增题目")).ToHaveTextAsync("6");
            await Expect(page.Locator("#bank-import-failure")).ToBeHiddenAsync();
            var rows = page.Locator("#bank-table tbody tr[data-question-id]");
            await Expect(rows).ToHaveCountAsync(6);
            await Expect(page.Locator("#bank-count")).ToHaveTextAsync("显示 6 / 共 6 道");
            var first = page.Locator("#bank-table tr[data-question-id=\"DS001\"]");
            await Expect(first.Locator("td").Nth(1)).ToHaveTextAsync("单选");
            await Expect(first.Locator(".kc-stem")).ToContainTextAsync("中国共产党第一次全国代表大会于哪一年召开？");
            await Expect(first.Locator(".kc-opts li")).ToHaveTextAsync(["A. 1919年", "B. 1921年", "C. 1927年", "D. 1949年"]);
            await Expect(first.Locator(".kc-answer")).ToHaveTextAsync("B");
            await Expect(page.Locator("#bank-table tr[data-question-id=\"DS004\"] .kc-answer")).ToHaveTextAsync("正确");
            await Expect(page.Locator("#bank-table tr[data-question-id=\"LL001\"] .kc-answer")).ToHaveTextAsync("ABCD");
            await watched.ScreenshotAsync("02-bank");

            // --- filters: by category, then by type ---
            await page.Locator("#bank-filter-category").SelectOptionAsync("理论");
            await Expect(rows).ToHaveCountAsync(2);
            await page.Locator("#bank-filter-category").SelectOptionAsync("党史");
            await page.Locator("#bank-filter-type").SelectOptionAsync("TrueFalse");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToHaveAttributeAsync("data-question-id", "DS004");
            await page.Locator("#bank-filter-type").SelectOptionAsync(string.Empty);
            await page.Locator("#bank-filter-category").SelectOptionAsync(string.Empty);
            await Expect(rows).ToHaveCountAsync(6);

            // --- one question added from the form ---
            await page.Locator("#bank-add").ClickAsync();
            await page.Locator("#bq-id").FillAsync("DS005");
            await page.Locator("#bq-stem").FillAsync("党的二十大召开于哪一年？");
            await page.Locator("#bq-opt-A").FillAsync("2021年");
            await page.Locator("#bq-opt-B").FillAsync("2022年");
            await page.Locator("#bq-opt-C").FillAsync("2023年");
            await page.Locator("#bq-answer").FillAsync("b");
            await page.Locator("#bq-category").FillAsync("党史");
            await page.Locator("#bq-difficulty").FillAsync("易");
            await page.Locator("#bq-save").ClickAsync();
            await Expect(page.Locator("#bank-form")).ToBeHiddenAsync();
            await Expect(rows).ToHaveCountAsync(7);
            var added = page.Locator("#bank-table tr[data-question-id=\"DS005\"]");
            await Expect(added.Locator(".kc-answer")).ToHaveTextAsync("B");
            await Expect(added.Locator(".kc-opts li")).ToHaveCountAsync(3);
            await Expect(page.Locator("#error")).ToBeHiddenAsync();
            await watched.ScreenshotAsync("03-added");
        });
    }

    private static byte[] Csv(IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Headers).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    internal static byte[] Xlsx(IEnumerable<string[]> rows)
    {
        var sheet = rows.Select(row => Headers.Select((h, i) => (h, row[i])).ToDictionary(p => p.h, p => (object?)p.Item2)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The number shown above a label in the import summary.</summary>
    private static ILocator SummaryValue(ILocator summary, string label) =>
        summary.Locator(".stat").Filter(new() { Has = summary.Page.GetByText(label, new() { Exact = true }) }).Locator(".stat-value");
}
