using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Engagement.IntegrationTests.Support;
using MiniExcelLibs;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// Uploads are bounded by what they unpack to as well as by their size, and every refusal names the
/// limit the server actually enforces.
/// </summary>
[Collection(Collections.Trust)]
public sealed class UploadBoundsTests(TrustWorld world)
{
    [Fact]
    public async Task A_roster_xlsx_that_unpacks_to_gigabytes_is_refused_with_a_clear_400_and_nothing_imported()
    {
        var before = await world.Organiser.OverviewAsync();
        var bomb = Bomb(uncompressed: 200L * 1024 * 1024);
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"{bomb.Length} bytes");

        var started = DateTime.UtcNow;
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/org/import") { Content = Form(bomb) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var problem = await (await world.Organiser.Http.SendAsync(english)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("roster.rejected", problem.Code);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal("TooLargeUnpacked", error.Problem);
        Assert.Equal("The file unpacks to more than 64 MB, which no roster needs; nothing was imported.", error.Reason);
        Assert.Equal(before.Revision, (await world.Organiser.OverviewAsync()).Revision);
        // Not a timing assertion, a sanity bound: refused from the zip's directory, it must not take the parser's minutes.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"Took {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_refused_with_the_limit_the_server_enforces()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/screens/main")
        {
            Content = new ByteArrayContent(new byte[12 * 1024 * 1024 + 1]) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.ExpectContinue = true;

        var problem = await (await world.Organiser.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("request.too-large", problem.Code);
        Assert.Equal("上传内容过大（上限 12 MB）。", problem.Detail);
    }

    /// <summary>A real .xlsx whose sheet is one member row repeated until it unpacks to the given size.</summary>
    private static byte[] Bomb(long uncompressed)
    {
        using var template = new MemoryStream();
        MiniExcel.SaveAs(template, new[] { new Dictionary<string, object?> { ["A"] = "片区" } }, printHeader: false, excelType: ExcelType.XLSX);
        using var output = new MemoryStream();
        output.Write(template.ToArray());
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            const string sheet = "xl/worksheets/sheet1.xml";
            zip.GetEntry(sheet)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(sheet, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false), 1 << 16);
            writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            const string row = "<row><c t=\"inlineStr\"><is><t>城关片区</t></is></c><c t=\"inlineStr\"><is><t>实验小学党支部</t></is></c><c t=\"inlineStr\"><is><t>张三</t></is></c><c t=\"inlineStr\"><is><t>DY001</t></is></c></row>";
            for (long written = 0; written < uncompressed; written += row.Length)
            {
                writer.Write(row);
            }

            writer.Write("</sheetData></worksheet>");
        }

        return output.ToArray();
    }

    private static MultipartFormDataContent Form(byte[] file) => new() { { new ByteArrayContent(file), "file", "roster.xlsx" } };
}
