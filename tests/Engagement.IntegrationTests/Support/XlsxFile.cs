using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Engagement.IntegrationTests.Support;

/// <summary>
/// An exported .xlsx read with the Open XML SDK, as Excel reads it: the package is validated against the
/// schema, and cells and column widths are read by address.
/// </summary>
public sealed class XlsxFile : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public XlsxFile(byte[] bytes) => _document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    public IReadOnlyList<string> SheetNames =>
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    /// <summary>Every schema error, as "part xpath: description"; empty for a file Excel opens without repair.</summary>
    public IReadOnlyList<string> SchemaErrors() =>
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(_document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

    public Worksheet Sheet(string name)
    {
        var sheet = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)_document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>A cell's text (shared strings resolved), null when the cell is absent or empty.</summary>
    public string? Text(string sheet, string address)
    {
        var cell = Sheet(sheet).Descendants<Cell>().FirstOrDefault(c => c.CellReference == address);
        var value = cell?.CellValue?.Text ?? cell?.InlineString?.Text?.Text;
        if (cell?.DataType?.Value == CellValues.SharedString && value is not null)
        {
            value = _document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(value)).InnerText;
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The texts of one row, by column letter.</summary>
    public IReadOnlyDictionary<string, string?> Row(string sheet, int row) =>
        Sheet(sheet).Descendants<Row>().Single(r => r.RowIndex?.Value == (uint)row).Elements<Cell>()
            .ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()), c => Text(sheet, c.CellReference!.Value!));

    /// <summary>The column letter of the cell in <paramref name="row"/> whose text is <paramref name="header"/>.</summary>
    public string Column(string sheet, int row, string header) => Row(sheet, row).Single(c => c.Value == header).Key;

    /// <summary>The width set for a column (1-based), null when the sheet leaves it at the default.</summary>
    public double? Width(string sheet, string column)
    {
        var index = column.Aggregate(0, (n, c) => n * 26 + c - 'A' + 1);
        return Sheet(sheet).Descendants<Column>().FirstOrDefault(c => c.Min! <= index && c.Max! >= index)?.Width?.Value;
    }

    /// <summary>The last row's number in the sheet.</summary>
    public int LastRow(string sheet) => (int)Sheet(sheet).Descendants<Row>().Max(r => r.RowIndex!.Value);

    public void Dispose() => _document.Dispose();

    /// <summary>As wide as Excel draws it: a CJK ideograph or a full-width form counts two characters.</summary>
    public static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' && c <= '\uFFEF' ? 2 : 1);
}
