namespace Engagement.Tests;

public sealed class TextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("  张三  ", "张三")]
    [InlineData("张\u3000三", "张 三")] // full-width (ideographic) space folds to one ASCII space
    [InlineData("\u3000\u3000第一党支部\u3000", "第一党支部")]
    [InlineData("a \t\t  b", "a b")] // runs of whitespace become one space
    [InlineData("a\r\nb", "a b")]
    [InlineData("a\u00A0b", "a b")] // non-breaking space from WPS exports
    [InlineData("a\u0001b\u007Fc", "abc")] // control characters are dropped, not turned into spaces
    [InlineData("a \u0001 b", "a b")]
    [InlineData("\uFEFF张三", "张三")] // byte-order mark (format character)
    [InlineData("张\u200B三", "张三")] // zero-width space is a format character, not whitespace
    [InlineData("a\u200Eb", "ab")] // left-to-right mark
    [InlineData("DY-001", "DY-001")]
    public void Clean_trims_folds_whitespace_and_drops_invisible_characters(string? input, string expected)
    {
        Assert.Equal(expected, Text.Clean(input));
    }

    // Lone surrogates cannot go through [InlineData]: the runner re-encodes theory data and would replace them.
    public static readonly (string Input, string Expected)[] SurrogateCases =
    [
        ("a\uD800b", "ab"), // lone high surrogate
        ("a\uDC00b", "ab"), // lone low surrogate
        ("\uDC00\uD800", ""), // a low before a high is not a pair
        ("x\uD83D\uDE00y", "x\uD83D\uDE00y"), // a valid pair (emoji) is kept
        ("张\uD83D", "张"), // a pair cut off at the end of a cell
    ];

    [Fact]
    public void Clean_drops_lone_surrogates_and_keeps_valid_pairs()
    {
        foreach (var (input, expected) in SurrogateCases)
        {
            Assert.Equal(expected, Text.Clean(input));
        }
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("dy001", "DY001")]
    [InlineData(" Dy 001 ", "DY001")]
    [InlineData("第一\u3000党支部", "第一党支部")]
    [InlineData("第 一 党 支 部", "第一党支部")]
    [InlineData("Member No", "MEMBERNO")]
    [InlineData("a\u200Bb", "AB")]
    public void Key_ignores_case_and_all_spacing(string? input, string expected)
    {
        Assert.Equal(expected, Text.Key(input));
    }

    [Theory]
    [InlineData("第一党支部", "第一 党支部")]
    [InlineData("District A", "district  a")]
    [InlineData("一中党支部", "\u3000一中党支部 ")]
    public void Key_matches_spellings_that_differ_only_in_case_or_spacing(string a, string b)
    {
        Assert.Equal(Text.Key(a), Text.Key(b));
    }

    [Theory]
    [InlineData("一中党支部", "二中党支部")]
    [InlineData("DY001", "DY0001")]
    [InlineData("DY-001", "DY001")]
    public void Key_keeps_spellings_that_differ_in_content_apart(string a, string b)
    {
        Assert.NotEqual(Text.Key(a), Text.Key(b));
    }

    [Theory]
    [InlineData(12L * 1024 * 1024, "12 MB")]
    [InlineData(10L * 1024 * 1024, "10 MB")]
    [InlineData(512L * 1024, "0.5 MB")]
    [InlineData(64L * 1024 * 1024, "64 MB")]
    public void A_size_limit_reads_in_megabytes(long bytes, string label) => Assert.Equal(label, Text.Megabytes(bytes));
}
