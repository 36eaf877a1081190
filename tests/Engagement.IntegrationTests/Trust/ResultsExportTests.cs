using System.Net;
using DocumentFormat.OpenXml.Spreadsheet;
using Engagement.IntegrationTests.Support;
using MiniExcelLibs;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// The results export holds what people typed (case titles, branch and judge names). Text that a
/// spreadsheet would run as a formula arrives as text, with OWASP's leading apostrophe. The file opens
/// cleanly (schema-valid, elements in schema order), says which event and round it is and when it was
/// published, and its columns are wide enough for the longest title.
/// </summary>
[Collection(Collections.Trust)]
public sealed class ResultsExportTests(TrustWorld world)
{
    /// <summary>Rows 1–3 head each sheet (event, round, published), row 4 is blank, row 5 names the columns.</summary>
    private const int HeaderRow = 5;

    [Fact]
    public async Task Case_titles_that_read_as_formulas_are_exported_with_an_apostrophe()
    {
        using var workbook = new MemoryStream(await ExportAsync());

        var ranking = workbook.Query(useHeaderRow: true, sheetName: "排名", excelType: ExcelType.XLSX, startCell: $"A{HeaderRow}").Cast<IDictionary<string, object?>>().ToList();
        var titles = ranking.Select(r => r["案例 Case"] as string).Where(t => t is not null).ToList();

        foreach (var title in TrustWorld.FormulaTitles)
        {
            Assert.Contains("'" + title, titles);
        }

        Assert.DoesNotContain(titles, t => t!.Length > 0 && "=+-@\t\r".Contains(t[0]));
    }

    [Fact]
    public async Task The_export_is_a_schema_valid_package_with_no_drawing_inside_sheet_data()
    {
        using var workbook = new XlsxFile(await ExportAsync());

        Assert.True(workbook.SchemaErrors().Count == 0, string.Join("\n", workbook.SchemaErrors()));
        foreach (var name in workbook.SheetNames)
        {
            var sheet = workbook.Sheet(name);
            Assert.DoesNotContain(sheet.Descendants<SheetData>().Single().Descendants(), e => e.LocalName == "drawing");
            // CT_Worksheet is a sequence: sheetViews, cols, sheetData, … drawing last of these.
            var order = sheet.ChildElements.Select(e => e.LocalName).Where(n => n is "sheetViews" or "cols" or "sheetData" or "drawing").ToList();
            var expected = new[] { "sheetViews", "cols", "sheetData", "drawing" }.Where(order.Contains).ToList();
            Assert.Equal(expected, order);
        }
    }

    [Fact]
    public async Task Every_sheet_is_headed_by_the_event_title_the_round_and_the_publication_time()
    {
        using var workbook = new XlsxFile(await ExportAsync());

        Assert.Equal(["排名", "评分明细"], workbook.SheetNames);
        foreach (var sheet in workbook.SheetNames)
        {
            Assert.Equal("活动 Event", workbook.Text(sheet, "A1"));
            Assert.Equal("'-2+3 评选", workbook.Text(sheet, "B1"));
            Assert.Equal("轮次 Round", workbook.Text(sheet, "A2"));
            Assert.Equal("'=1+1", workbook.Text(sheet, "B2"));
            Assert.Equal("公布时间 Published", workbook.Text(sheet, "A3"));
            var published = workbook.Text(sheet, "B3");
            Assert.NotNull(published);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}.*(北京时间|UTC)", published);
            var at = DateTime.ParseExact(published[..19], "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            // Published while the world was set up: within a day of now, whichever zone it is written in.
            Assert.InRange(at, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1));
        }

        Assert.Equal("名次 Rank", workbook.Text("排名", $"A{HeaderRow}"));
        Assert.Equal("案例 Case", workbook.Text("评分明细", $"A{HeaderRow}"));
    }

    [Fact]
    public async Task Columns_are_wide_enough_for_the_longest_case_title_and_every_column_name()
    {
        using var workbook = new XlsxFile(await ExportAsync());

        var caseColumn = workbook.Column("排名", HeaderRow, "案例 Case");
        var titles = Enumerable.Range(HeaderRow + 1, workbook.LastRow("排名") - HeaderRow)
            .Select(row => workbook.Text("排名", $"{caseColumn}{row}"))
            .Where(t => t is not null && t.StartsWith('\''))
            .ToList();
        Assert.Equal(TrustWorld.FormulaTitles.Length, titles.Count);
        var widest = titles.Max(t => XlsxFile.DisplayWidth(t!));
        Assert.True(workbook.Width("排名", caseColumn) >= widest, $"案例 column {workbook.Width("排名", caseColumn)} for a title {widest} wide");

        foreach (var (column, header) in workbook.Row("排名", HeaderRow).Where(c => c.Value is not null))
        {
            Assert.True(workbook.Width("排名", column) >= XlsxFile.DisplayWidth(header!), $"{header} in column {column} is {workbook.Width("排名", column)} wide");
        }
    }

    private async Task<byte[]> ExportAsync()
    {
        using var response = await world.Organiser.Http.GetAsync($"/api/selection/rounds/{world.Published}/export.xlsx");
        await response.ExpectAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
