using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Engagement.Web.Operations;

/// <summary>
/// One sheet of an exported workbook as people read it on paper: a heading block (what this is, when it
/// was published), a blank line, the column names, the rows, then footer lines (formula, hash).
/// Every text cell goes through <see cref="SpreadsheetCell"/>: titles and names are what people typed.
/// </summary>
public sealed class SpreadsheetSheet(string name, IReadOnlyList<string> columns)
{
    private readonly List<(string Label, object? Value)> _heading = [];
    private readonly List<object?[]> _rows = [];
    private readonly List<object?[]> _footer = [];

    public string Name { get; } = name;

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<(string Label, object? Value)> Heading => _heading;

    public IReadOnlyList<object?[]> Rows => _rows;

    public IReadOnlyList<object?[]> Footer => _footer;

    public SpreadsheetSheet Head(string label, object? value)
    {
        _heading.Add((label, value));
        return this;
    }

    /// <summary>A row, cells in column order; fewer cells than columns leave the rest empty.</summary>
    public SpreadsheetSheet Add(params object?[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>A line under the table (a blank line separates it); it does not set column widths.</summary>
    public SpreadsheetSheet Foot(params object?[] cells)
    {
        _footer.Add(cells);
        return this;
    }
}

/// <summary>
/// Writes <see cref="SpreadsheetSheet"/>s as one .xlsx with MiniExcel. Columns are as wide as their
/// longest heading, name or cell (a Chinese character counts two, as Excel and WPS draw it), so long
/// case titles and team names are not cut; the heading and the column names stay frozen on scroll.
/// </summary>
public static class SpreadsheetBook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const double MinWidth = 8;
    private const double MaxWidth = 80;

    public static MemoryStream Write(IReadOnlyList<SpreadsheetSheet> sheets, CancellationToken cancellationToken)
    {
        // MiniExcel freezes the same number of rows on every sheet: pad each heading to the longest.
        var headingRows = sheets.Max(s => s.Heading.Count);
        var workbook = new Dictionary<string, object>();
        var widths = new List<DynamicExcelColumn>();
        for (var index = 0; index < sheets.Count; index++)
        {
            var sheet = sheets[index];
            var keys = Enumerable.Range(0, Math.Max(sheet.Columns.Count, 2)).Select(c => $"s{index}c{c}").ToArray();
            var rows = new List<object>();
            foreach (var (label, value) in sheet.Heading)
            {
                rows.Add(Row(keys, label, value));
            }

            for (var pad = sheet.Heading.Count; pad < headingRows; pad++)
            {
                rows.Add(Row(keys));
            }

            rows.Add(Row(keys));
            rows.Add(Row(keys, [.. sheet.Columns]));
            rows.AddRange(sheet.Rows.Select(r => Row(keys, r)));
            if (sheet.Footer.Count > 0)
            {
                rows.Add(Row(keys));
                rows.AddRange(sheet.Footer.Select(r => Row(keys, r)));
            }

            workbook[sheet.Name] = rows;
            for (var column = 0; column < keys.Length; column++)
            {
                var cells = sheet.Rows.Select(r => column < r.Length ? r[column] : null)
                    .Append(column < sheet.Columns.Count ? sheet.Columns[column] : null)
                    .Concat(sheet.Heading.Select(h => column == 0 ? h.Label : column == 1 ? h.Value : null));
                widths.Add(new DynamicExcelColumn(keys[column]) { Width = Width(cells) });
            }
        }

        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = headingRows + 2,
            AutoFilter = false,
            DynamicColumns = [.. widths],
        };
        // The synchronous writer, on purpose: MiniExcel 1.46's async writer closes sheetData after the
        // drawing element, a file Excel offers to "repair" (ResultsExportTests validates the package).
        // Writing into memory does no I/O, so nothing blocks a thread on the network.
        cancellationToken.ThrowIfCancellationRequested();
        var stream = new MemoryStream();
        stream.SaveAs(workbook, printHeader: false, configuration: configuration);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The width (in Excel's character units) that shows every one of these cells whole.</summary>
    public static double Width(IEnumerable<object?> cells)
    {
        var widest = cells.Select(c => DisplayWidth(Format(SpreadsheetCell.Value(c)))).DefaultIfEmpty(0).Max();
        return Math.Clamp(widest + 2, MinWidth, MaxWidth);
    }

    /// <summary>Characters as wide as a CJK ideograph or a full-width form count two.</summary>
    public static int DisplayWidth(string? text) =>
        text?.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1) ?? 0;

    private static string? Format(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Dictionary<string, object?> Row(string[] keys, params object?[] cells)
    {
        var row = new Dictionary<string, object?>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            row[keys[i]] = i < cells.Length ? SpreadsheetCell.Value(cells[i]) : null;
        }

        return row;
    }

    /// <summary>When something was published, as the hall's clock read it (Beijing time), with the zone named.</summary>
    public static string HallTime(DateTimeOffset at)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var shanghai) ? shanghai : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return zone == TimeZoneInfo.Utc ? $"{local:yyyy-MM-dd HH:mm:ss} UTC" : $"{local:yyyy-MM-dd HH:mm:ss}（北京时间 UTC+8）";
    }
}
