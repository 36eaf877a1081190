using System.Net;
using Engagement.IntegrationTests.Support;
using MiniExcelLibs;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// The results export holds what people typed (case titles, branch and judge names). Text that a
/// spreadsheet would run as a formula arrives as text, with OWASP's leading apostrophe.
/// </summary>
[Collection(Collections.Trust)]
public sealed class ResultsExportTests(TrustWorld world)
{
    [Fact]
    public async Task Case_titles_that_read_as_formulas_are_exported_with_an_apostrophe()
    {
        using var response = await world.Organiser.Http.GetAsync($"/api/selection/rounds/{world.Published}/export.xlsx");
        await response.ExpectAsync(HttpStatusCode.OK);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var ranking = workbook.Query(useHeaderRow: true, sheetName: "排名", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var titles = ranking.Select(r => r["案例 Case"] as string).Where(t => t is not null).ToList();

        foreach (var title in TrustWorld.FormulaTitles)
        {
            Assert.Contains("'" + title, titles);
        }

        Assert.DoesNotContain(titles, t => t!.Length > 0 && "=+-@\t\r".Contains(t[0]));
    }
}
