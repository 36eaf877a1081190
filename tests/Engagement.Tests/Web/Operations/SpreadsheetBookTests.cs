using Engagement.Web.Operations;

namespace Engagement.Tests.Web.Operations;

/// <summary>Column widths for exported sheets: a Chinese character is drawn two units wide, Latin one.</summary>
public sealed class SpreadsheetBookTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Rank", 4)]
    [InlineData("名次", 4)]
    [InlineData("名次 Rank", 9)]
    [InlineData("（北京时间）", 12)]
    [InlineData("2026年“迎七一”", 14)] // curly quotes are narrow in Excel's default font
    public void Display_width_counts_CJK_and_full_width_forms_as_two(string text, int width) =>
        Assert.Equal(width, SpreadsheetBook.DisplayWidth(text));

    [Fact]
    public void A_column_is_as_wide_as_its_widest_cell_plus_margin_within_bounds()
    {
        Assert.Equal(8, SpreadsheetBook.Width(["a"]));
        Assert.Equal(22, SpreadsheetBook.Width(["名次", "城关小学党支部代表队"]));
        Assert.Equal(80, SpreadsheetBook.Width([new string('长', 200)]));
        // A guarded formula-like text gets its apostrophe, which takes room too.
        Assert.Equal(13, SpreadsheetBook.Width(["=1+1+1+1+1"])); // 10 characters, the apostrophe, 2 of margin
    }
}
