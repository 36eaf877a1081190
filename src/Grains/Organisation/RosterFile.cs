using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Engagement.Organisation;

/// <summary>
/// Reads a roster spreadsheet (.xlsx from Excel or WPS, or .csv in UTF-8 or GB18030) into a
/// <see cref="RosterTable"/>. It finds the header row itself, because real rosters often start with
/// a title row such as "XX党支部党员名册". It applies no rules; <see cref="RosterRules"/> does.
/// Untrusted input: an .xlsx is a zip, and a few megabytes can unpack to gigabytes (a "zip bomb"), so the
/// work is bounded before and while reading — unpacked size, lines and columns — and a file past a bound
/// is refused with the bound it broke, in a second or so and without holding the sheet in memory.
/// </summary>
public static class RosterFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Everything inside an .xlsx together. A 50,000-member sheet with its shared strings unpacks to about
    /// 15 MB, so this leaves room for WPS's wordier files while a bomb is refused from its directory alone.
    /// </summary>
    public const long MaxUnpackedBytes = 64 * 1024 * 1024;

    /// <summary>Lines read before a file is refused: every roster row, title rows and room for blank lines.</summary>
    public const int MaxLines = RosterRules.MaxRows + 1_000;

    /// <summary>A roster has a handful of columns; a sheet claiming thousands (up to XFD) would cost each row that many cells.</summary>
    public const int MaxColumns = 100;

    private const int HeaderSearchRows = 10;

    static RosterFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the file, or returns the reason it cannot be read as a roster.</summary>
    /// <param name="knownHeaders">Header spellings (as <see cref="Text.Key"/>, lower case) that mark the header row;
    /// null for the roster's. The question bank reads its files here with its own.</param>
    public static (RosterTable? Table, RosterError? Error) Read(Stream content, string fileName, IReadOnlySet<string>? knownHeaders = null)
    {
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var looksLikeZip = bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K';
        try
        {
            List<(int Line, string[] Cells)> rows;
            if (extension == ".xlsx" || (extension != ".csv" && looksLikeZip))
            {
                rows = ReadXlsx(bytes);
            }
            else if (extension == ".csv" || extension == ".txt")
            {
                rows = ReadCsv(bytes);
            }
            else
            {
                return (null, new RosterError(1, null, RosterProblem.UnsupportedFileType, extension));
            }

            return (ToTable(rows, knownHeaders ?? RosterHeaders), null);
        }
        catch (Refusal refusal)
        {
            return (null, refusal.Error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Untrusted input: a corrupt or mislabelled file can trip the parsers in many ways, and whichever
            // it is, the person needs one clear answer and nothing imported.
            return (null, new RosterError(1, null, RosterProblem.UnreadableFile, e.GetType().Name));
        }
    }

    private static List<(int Line, string[] Cells)> ReadXlsx(byte[] bytes)
    {
        CheckUnpackedSize(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        var rows = new List<(int, string[])>();
        var line = 0;
        // Query streams the sheet row by row (filling gaps with empty rows), so stopping here stops the work.
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            line++;
            CheckShape(line, row.Count);
            rows.Add((line, row.Values.Select(CellText).ToArray()));
        }

        return rows;
    }

    /// <summary>
    /// Refuses an .xlsx whose parts declare more than <see cref="MaxUnpackedBytes"/> unpacked, from the
    /// zip's directory alone: instant, before anything is inflated. The declared sizes are the sender's
    /// word, but System.IO.Compression (which MiniExcel reads through) stops each entry at its declared
    /// size, so a forged small size only cuts the sheet short and it fails to parse.
    /// </summary>
    private static void CheckUnpackedSize(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (entry.Length < 0 || declared > MaxUnpackedBytes)
            {
                throw new Refusal(new RosterError(1, null, RosterProblem.TooLargeUnpacked, Text.Megabytes(MaxUnpackedBytes)));
            }
        }
    }

    private static void CheckShape(int line, int columns)
    {
        if (line > MaxLines)
        {
            throw new Refusal(new RosterError(line, null, RosterProblem.TooManyRows, RosterRules.MaxRows.ToString(CultureInfo.InvariantCulture)));
        }

        if (columns > MaxColumns)
        {
            throw new Refusal(new RosterError(line, null, RosterProblem.TooManyColumns, MaxColumns.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A bound the file broke: its own answer, not "unreadable".</summary>
    private sealed class Refusal(RosterError error) : Exception
    {
        public RosterError Error { get; } = error;
    }

    private static string CellText(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static List<(int Line, string[] Cells)> ReadCsv(byte[] bytes)
    {
        var text = Decode(bytes);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        var rows = new List<(int, string[])>();
        while (csv.Read())
        {
            CheckShape(csv.Parser.Row, csv.Parser.Count);
            rows.Add((csv.Parser.Row, csv.Parser.Record ?? []));
        }

        return rows;
    }

    /// <summary>UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 as Excel and WPS save it on Chinese Windows.</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var text = strict.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static readonly IReadOnlySet<string> RosterHeaders = RosterRules.HeaderAliases.Values.SelectMany(a => a).ToHashSet();

    private static RosterTable ToTable(List<(int Line, string[] Cells)> rows, IReadOnlySet<string> known)
    {
        var headerIndex = FindHeaderRow(rows, known);
        if (headerIndex < 0)
        {
            var firstNonEmpty = rows.FindIndex(r => r.Cells.Any(c => Text.Clean(c).Length > 0));
            headerIndex = Math.Max(firstNonEmpty, 0);
        }

        var headers = headerIndex < rows.Count ? rows[headerIndex].Cells.Select(Text.Clean).ToList() : [];
        var data = rows
            .Skip(headerIndex + 1)
            .Where(r => r.Cells.Any(c => Text.Clean(c).Length > 0))
            .Select(r => new RosterTableRow(r.Line, r.Cells))
            .ToList();
        var headerLine = headerIndex < rows.Count ? rows[headerIndex].Line : 1;
        return new RosterTable(headers, data, headerLine);
    }

    /// <summary>The first row among the first few that names at least three known columns.</summary>
    private static int FindHeaderRow(List<(int Line, string[] Cells)> rows, IReadOnlySet<string> known)
    {
        for (var i = 0; i < Math.Min(rows.Count, HeaderSearchRows); i++)
        {
            if (rows[i].Cells.Count(c => known.Contains(Text.Key(c).ToLowerInvariant())) >= 3)
            {
                return i;
            }
        }

        return -1;
    }
}
