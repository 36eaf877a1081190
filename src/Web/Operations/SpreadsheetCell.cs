namespace Engagement.Web.Operations;

/// <summary>
/// Text that people typed (case titles, branch, judge and criterion names) going into an exported
/// spreadsheet. A cell that begins with = + - @, a tab or a carriage return is taken for a formula by
/// Excel or WPS once the sheet is edited or saved as CSV, so "=HYPERLINK(…)" in a case title could run
/// in the organiser's office. As OWASP advises for CSV injection, such text gets a leading apostrophe:
/// the spreadsheet shows it as the text it is, and the apostrophe tells a reader it was guarded.
/// </summary>
public static class SpreadsheetCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string? Text(string? value) =>
        string.IsNullOrEmpty(value) || Array.IndexOf(FormulaStarts, value[0]) < 0 ? value : "'" + value;

    /// <summary>Any cell value: text is guarded, numbers and other values pass as they are.</summary>
    public static object? Value(object? value) => value is string text ? Text(text) : value;
}
