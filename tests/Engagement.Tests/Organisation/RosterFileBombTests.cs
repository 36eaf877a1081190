using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Engagement.Organisation;
using MiniExcelLibs;

namespace Engagement.Tests.Organisation;

/// <summary>
/// An .xlsx is a zip: a few megabytes can unpack to gigabytes, and a sheet can claim a million rows or
/// sixteen thousand columns in a few bytes. Each is refused by the bound it breaks, before the parser
/// spends the time and memory, with that bound as the reason.
/// </summary>
public sealed class RosterFileBombTests
{
    private const string SheetEntry = "xl/worksheets/sheet1.xml";

    [Fact]
    public void A_sheet_that_unpacks_past_the_limit_is_refused_by_its_declared_size()
    {
        var bomb = WithSheet(writer => RepeatedRows(writer, RosterFile.MaxUnpackedBytes + 16 * 1024 * 1024));
        Assert.True(bomb.Length < RosterFile.MaxBytes, $"The bomb is {bomb.Length} bytes: it must pass the upload limit to test the unpacked one.");
        Assert.True(DeclaredSize(bomb) > RosterFile.MaxUnpackedBytes);

        var error = Refusal(bomb);

        Assert.Equal(RosterProblem.TooLargeUnpacked, error.Problem);
        Assert.Equal(Text.Megabytes(RosterFile.MaxUnpackedBytes), error.Value);
    }

    /// <summary>
    /// The declared sizes are the sender's word; System.IO.Compression stops inflating an entry at its
    /// declared size, so a forged small size cuts the sheet short instead of unpacking the rest.
    /// </summary>
    [Fact]
    public void A_sheet_that_declares_a_small_size_is_read_no_further_than_that_and_refused()
    {
        var honest = WithSheet(writer => RepeatedRows(writer, RosterFile.MaxUnpackedBytes + 1024 * 1024));
        var forged = DeclareSheetSize(honest, 4096);
        Assert.Equal(4096, DeclaredSize(forged));

        Assert.Equal(RosterProblem.UnreadableFile, Refusal(forged).Problem);
        using var zip = new ZipArchive(new MemoryStream(forged), ZipArchiveMode.Read);
        using var sheet = zip.GetEntry(SheetEntry)!.Open();
        Assert.Equal(4096, sheet.CopyToCount());
    }

    [Fact]
    public void A_sheet_whose_rows_jump_to_row_one_million_is_refused_at_the_line_limit()
    {
        var bomb = WithSheet(writer =>
        {
            writer.Write("<row r=\"1\">" + Cells(1, "片区", "党支部", "姓名", "党员编号") + "</row>");
            writer.Write("<row r=\"1048576\">" + Cells(1048576, "一片区", "一中党支部", "张三", "DY001") + "</row>");
        });

        var error = Refusal(bomb);

        Assert.Equal(RosterProblem.TooManyRows, error.Problem);
        Assert.Equal(RosterFile.MaxLines + 1, error.Line);
    }

    [Fact]
    public void A_sheet_that_claims_the_widest_range_of_columns_is_refused_at_the_column_limit()
    {
        var bomb = WithSheet(
            writer => writer.Write("<row r=\"1\">" + Cells(1, "片区", "党支部", "姓名", "党员编号") + "<c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"),
            dimension: "A1:XFD1");

        Assert.Equal(RosterProblem.TooManyColumns, Refusal(bomb).Problem);
    }

    [Fact]
    public void A_csv_with_more_lines_than_the_limit_is_refused_without_reading_them_all()
    {
        var csv = new StringBuilder("片区,党支部,姓名,党员编号\n");
        for (var i = 0; i < RosterFile.MaxLines + 10; i++)
        {
            csv.Append('\n');
        }

        Assert.Equal(RosterProblem.TooManyRows, Refusal(Encoding.UTF8.GetBytes(csv.ToString()), "roster.csv").Problem);
    }

    [Fact]
    public void A_roster_of_the_largest_allowed_size_is_still_read()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["A"] = "片区", ["B"] = "党支部", ["C"] = "姓名", ["D"] = "党员编号", ["E"] = "手机号" },
        };
        rows.AddRange(Enumerable.Range(0, RosterRules.MaxRows).Select(i => new Dictionary<string, object?>
        {
            ["A"] = $"第{i % 6}片区", ["B"] = $"第{i % 40}党支部", ["C"] = $"党员{i}", ["D"] = $"DY{i:D6}", ["E"] = $"138{i:D8}",
        }));
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: false, excelType: ExcelType.XLSX);

        var (table, error) = RosterFile.Read(new MemoryStream(stream.ToArray()), "roster.xlsx");

        Assert.Null(error);
        Assert.Equal(RosterRules.MaxRows, table!.Rows.Count);
    }

    private static RosterError Refusal(byte[] file, string name = "roster.xlsx")
    {
        var (table, error) = RosterFile.Read(new MemoryStream(file), name);
        Assert.Null(table);
        return error!;
    }

    /// <summary>A real .xlsx (from MiniExcel) whose sheet is replaced by one written here.</summary>
    private static byte[] WithSheet(Action<StreamWriter> rows, string? dimension = null)
    {
        using var template = new MemoryStream();
        MiniExcel.SaveAs(template, new[] { new Dictionary<string, object?> { ["A"] = "片区" } }, printHeader: false, excelType: ExcelType.XLSX);
        using var output = new MemoryStream();
        output.Write(template.ToArray());
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(SheetEntry)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(SheetEntry, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false), 1 << 16);
            writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            if (dimension is not null)
            {
                writer.Write($"<dimension ref=\"{dimension}\"/>");
            }

            writer.Write("<sheetData>");
            rows(writer);
            writer.Write("</sheetData></worksheet>");
        }

        return output.ToArray();
    }

    /// <summary>The same member row over and over, without row numbers: it compresses a thousandfold.</summary>
    private static void RepeatedRows(StreamWriter writer, long bytes)
    {
        var row = "<row>" + Cells(null, "城关片区", "实验小学党支部", "张三", "DY001", "13800138000") + "</row>";
        for (long written = 0; written < bytes; written += row.Length)
        {
            writer.Write(row);
        }
    }

    private static string Cells(int? row, params string[] values) => string.Concat(values.Select((v, i) =>
        $"<c{(row is null ? "" : $" r=\"{(char)('A' + i)}{row}\"")} t=\"inlineStr\"><is><t>{v}</t></is></c>"));

    private static long DeclaredSize(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.GetEntry(SheetEntry)!.Length;
    }

    /// <summary>Rewrites the sheet's uncompressed size in the zip's local header and central directory, as a forger would.</summary>
    private static byte[] DeclareSheetSize(byte[] xlsx, uint size)
    {
        var bytes = (byte[])xlsx.Clone();
        var name = Encoding.ASCII.GetBytes(SheetEntry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
            }
        }

        return bytes;
    }
}

internal static class StreamCounting
{
    public static long CopyToCount(this Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        for (var n = stream.Read(buffer); n > 0; n = stream.Read(buffer))
        {
            total += n;
        }

        return total;
    }
}
