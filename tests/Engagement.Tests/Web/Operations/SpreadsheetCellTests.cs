using Engagement.Web.Operations;

namespace Engagement.Tests.Web.Operations;

/// <summary>Text that a spreadsheet would take for a formula is exported with a leading apostrophe (OWASP, CSV injection).</summary>
public sealed class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点此查看\")", "'=HYPERLINK(\"http://evil.example\",\"点此查看\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("==", "'==")]
    public void Text_that_begins_like_a_formula_gets_an_apostrophe(string typed, string exported) =>
        Assert.Equal(exported, SpreadsheetCell.Text(typed));

    [Theory]
    [InlineData("实验小学党支部")]
    [InlineData("重温入党誓词 = 初心")]
    [InlineData("A+B 党日")]
    [InlineData("'=already guarded")]
    [InlineData("—")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_text_is_exported_as_typed(string? typed) => Assert.Equal(typed, SpreadsheetCell.Text(typed));

    [Theory]
    [InlineData(-3)]
    [InlineData(42.5)]
    public void Numbers_stay_numbers_even_when_negative(double number) => Assert.Equal(number, SpreadsheetCell.Value(number));
}
