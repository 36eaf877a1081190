using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Engagement.Organisation;
using MiniExcelLibs;

namespace Engagement.Tests.Organisation;

public sealed class RosterFileTests
{
    private const string Header = "片区,党支部,姓名,党员编号,手机号";

    static RosterFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void An_xlsx_sheet_is_read_with_its_header_and_numbered_rows()
    {
        var bytes = Xlsx(
            ["片区", "党支部", "姓名", "党员编号", "手机号"],
            ["一片区", "一中党支部", "张三", "DY001", "13800138000"],
            ["二片区", "二中党支部", "李四", "DY002", null]);

        var table = ReadTable(bytes, "名册.xlsx");

        Assert.Equal(["片区", "党支部", "姓名", "党员编号", "手机号"], table.Headers);
        Assert.Equal([2, 3], table.Rows.Select(r => r.Line));
        Assert.Equal(["一片区", "一中党支部", "张三", "DY001", "13800138000"], table.Rows[0].Cells);
    }

    [Fact]
    public void An_xlsx_title_row_above_the_header_is_skipped()
    {
        var bytes = Xlsx(
            ["城关片区第一党支部党员名册", null, null, null],
            ["片区", "党支部", "姓名", "党员编号"],
            ["一片区", "一中党支部", "张三", "DY001"]);

        var table = ReadTable(bytes, "roster.xlsx");

        Assert.Equal(["片区", "党支部", "姓名", "党员编号"], table.Headers);
        Assert.Equal(3, Assert.Single(table.Rows).Line);
        Assert.True(RosterRules.Validate(table).IsValid);
    }

    [Fact]
    public void Numeric_xlsx_cells_read_as_plain_digits()
    {
        var bytes = Xlsx(
            ["片区", "党支部", "姓名", "工号", "手机号"],
            ["一片区", "一中党支部", "张三", 1001, 13800138000d]);

        var entry = Assert.Single(RosterRules.Validate(ReadTable(bytes, "roster.xlsx")).Entries);

        Assert.Equal(("1001", "13800138000"), (entry.MemberNo, entry.Phone));
    }

    [Fact]
    public void Xlsx_rows_after_blank_or_absent_rows_keep_their_sheet_row_numbers()
    {
        var bytes = Xlsx(
            ["片区", "党支部", "姓名", "党员编号"],
            ["一片区", "一中党支部", "张三", "DY001"],
            ["x", "x", "x", "x"], // row 3: removed from the sheet XML below, as Excel leaves out empty rows
            [null, null, null, null], // row 4: present but empty
            ["一片区", "一中党支部", "李四", "DY002"]);
        bytes = WithoutSheetRow(bytes, 3);

        var table = ReadTable(bytes, "roster.xlsx");

        Assert.Equal([2, 5], table.Rows.Select(r => r.Line));
        Assert.Equal("李四", table.Rows[1].Cells[2]);
    }

    [Theory]
    [InlineData("roster.XLSX")]
    [InlineData("roster.xls")] // an .xlsx saved under an old name is still a zip, and is read
    [InlineData("roster")]
    public void Xlsx_content_is_recognised_by_its_zip_signature(string fileName)
    {
        var bytes = Xlsx(["片区", "党支部", "姓名", "党员编号"], ["一片区", "一中党支部", "张三", "DY001"]);

        Assert.Single(ReadTable(bytes, fileName).Rows);
    }

    [Fact]
    public void A_utf8_csv_is_read()
    {
        var table = ReadTable(Encoding.UTF8.GetBytes($"{Header}\n一片区,一中党支部,张三,DY001,13800138000\n"), "名册.csv");

        Assert.Equal(["片区", "党支部", "姓名", "党员编号", "手机号"], table.Headers);
        Assert.Equal(["一片区", "一中党支部", "张三", "DY001", "13800138000"], Assert.Single(table.Rows).Cells);
    }

    [Fact]
    public void A_utf8_csv_with_a_byte_order_mark_keeps_its_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\r\n一片区,一中党支部,张三,DY001,\r\n")).ToArray();

        var table = ReadTable(bytes, "roster.csv");

        Assert.Equal("片区", table.Headers[0]);
        Assert.True(RosterRules.Validate(table).IsValid);
    }

    [Fact]
    public void A_gb18030_csv_as_saved_by_Chinese_Excel_is_decoded()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes($"{Header}\r\n城关片区,实验小学党支部,欧阳娜娜,DY001,\r\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        var table = ReadTable(bytes, "roster.csv");

        Assert.Equal(["片区", "党支部", "姓名", "党员编号", "手机号"], table.Headers);
        Assert.Equal(["城关片区", "实验小学党支部", "欧阳娜娜", "DY001", ""], Assert.Single(table.Rows).Cells);
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public void Other_delimiters_are_detected(string delimiter)
    {
        var text = $"{Header.Replace(",", delimiter)}\n一片区{delimiter}一中党支部{delimiter}张三{delimiter}DY001{delimiter}\n";

        var table = ReadTable(Encoding.UTF8.GetBytes(text), "roster.csv");

        Assert.Equal(5, table.Headers.Count);
        Assert.Equal("张三", Assert.Single(table.Rows).Cells[2]);
    }

    [Fact]
    public void Csv_rows_after_blank_lines_keep_their_file_line_numbers()
    {
        var text = $"{Header}\n一片区,一中党支部,张三,DY001,\n\n\n一片区,一中党支部,李四,DY002,\n,,,,\n一片区,一中党支部,王五,DY003,\n\n";

        var table = ReadTable(Encoding.UTF8.GetBytes(text), "roster.csv");

        Assert.Equal([2, 5, 7], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void A_csv_title_row_and_blank_line_above_the_header_are_skipped()
    {
        var text = $"2024年党员名册,,,,\n\n{Header}\n一片区,一中党支部,张三,DY001,\n一片区,一中党支部,李四,DY001,\n";

        var validation = RosterRules.Validate(ReadTable(Encoding.UTF8.GetBytes(text), "roster.csv"));

        Assert.Equal(new RosterError(5, "党员编号", RosterProblem.DuplicateMemberNo, "DY001", 4), Assert.Single(validation.Errors));
    }

    [Fact]
    public void A_quoted_cell_with_a_line_break_is_one_row_as_Excel_shows_it()
    {
        var text = $"{Header}\n一片区,\"一中\n党支部\",张三,DY001,\n一片区,二中党支部,,DY002,\n";

        var validation = RosterRules.Validate(ReadTable(Encoding.UTF8.GetBytes(text), "roster.csv"));

        Assert.Equal(new RosterError(3, "姓名", RosterProblem.Required), Assert.Single(validation.Errors));
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void The_header_is_looked_for_in_the_first_ten_rows(int headerLine, bool found)
    {
        var text = string.Concat(Enumerable.Range(1, headerLine - 1).Select(i => $"说明第{i}行,,,\n")) + $"{Header}\n一片区,一中党支部,张三,DY001,\n";

        var table = ReadTable(Encoding.UTF8.GetBytes(text), "roster.csv");

        Assert.Equal(found, RosterRules.Validate(table).IsValid);
        Assert.Equal(found ? "片区" : "说明第1行", table.Headers[0]);
    }

    [Fact]
    public void A_missing_column_is_reported_on_the_header_line_below_a_title_row()
    {
        // Expected to fail until RosterRules reports header problems on the header's own line (it always says 1).
        var text = "党员名册,,\n片区,党支部,姓名\n一片区,一中党支部,张三\n";

        var validation = RosterRules.Validate(ReadTable(Encoding.UTF8.GetBytes(text), "roster.csv"));

        Assert.Equal(new RosterError(2, "党员编号", RosterProblem.MissingColumn), Assert.Single(validation.Errors));
    }

    [Fact]
    public void A_header_only_file_is_an_empty_roster()
    {
        var validation = RosterRules.Validate(ReadTable(Encoding.UTF8.GetBytes($"{Header}\n\n,,,,\n"), "roster.csv"));

        Assert.Equal(RosterProblem.EmptyFile, Assert.Single(validation.Errors).Problem);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_corrupt_xlsx_is_unreadable_not_an_exception(bool startsLikeZip)
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        if (startsLikeZip)
        {
            bytes[0] = (byte)'P';
            bytes[1] = (byte)'K';
            bytes[2] = 3;
            bytes[3] = 4;
        }

        var (table, error) = RosterFile.Read(new MemoryStream(bytes), "roster.xlsx");

        Assert.Null(table);
        Assert.Equal((1, RosterProblem.UnreadableFile), (error!.Line, error.Problem));
    }

    [Fact]
    public void A_truncated_xlsx_is_unreadable()
    {
        var bytes = Xlsx(["片区", "党支部", "姓名", "党员编号"], ["一片区", "一中党支部", "张三", "DY001"]);

        var (table, error) = RosterFile.Read(new MemoryStream(bytes[..(bytes.Length / 2)]), "roster.xlsx");

        Assert.Null(table);
        Assert.Equal(RosterProblem.UnreadableFile, error!.Problem);
    }

    [Theory]
    [InlineData("roster.xls", ".xls")]
    [InlineData("roster.pdf", ".pdf")]
    [InlineData("roster.XLS", ".xls")]
    public void An_old_excel_or_other_file_is_an_unsupported_type(string fileName, string extension)
    {
        // The OLE2 compound-file signature that a real .xls starts with.
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var (table, error) = RosterFile.Read(new MemoryStream(bytes), fileName);

        Assert.Null(table);
        Assert.Equal(new RosterError(1, null, RosterProblem.UnsupportedFileType, extension), error);
    }

    private static RosterTable ReadTable(byte[] bytes, string fileName)
    {
        var (table, error) = RosterFile.Read(new MemoryStream(bytes), fileName);
        Assert.Null(error);
        return table!;
    }

    /// <summary>An .xlsx with the given rows and no header of its own (MiniExcel writes what it is given).</summary>
    private static byte[] Xlsx(params object?[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var sheet = rows
            .Select(r => Enumerable.Range(0, width).ToDictionary(i => ((char)('A' + i)).ToString(), i => i < r.Length ? r[i] : null))
            .ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static byte[] WithoutSheetRow(byte[] xlsx, int row)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            var name = entry.FullName;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            var pattern = $"<(?:x:)?row r=\"{row}\"[^>]*?(?:/>|>.*?</(?:x:)?row>)";
            var trimmed = Regex.Replace(xml, pattern, string.Empty, RegexOptions.Singleline);
            Assert.NotEqual(xml, trimmed);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(trimmed);
        }

        return stream.ToArray();
    }
}
