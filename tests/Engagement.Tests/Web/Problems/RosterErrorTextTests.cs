using System.Text;
using Engagement.Organisation;
using Engagement.Web.Problems;

namespace Engagement.Tests.Web.Problems;

/// <summary>
/// What the organiser reads when a roster file is refused: a missing or doubled column is named, never
/// shown as an empty “” (the column travels in the error's Column, not its Value).
/// </summary>
public sealed class RosterErrorTextTests
{
    private static readonly string[] Headers = ["片区", "党支部", "姓名", "党员编号", "手机号"];
    private static readonly string[] Row = ["一片区", "一中党支部", "张三", "DY001", "13800138000"];

    private static IReadOnlyList<RosterError> ErrorsOf(string[] headers, string[] row)
    {
        var csv = string.Join(",", headers) + "\n" + string.Join(",", row) + "\n";
        var (table, readError) = RosterFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "名册.csv");
        Assert.Null(readError);
        return RosterRules.Validate(table!).Errors;
    }

    [Theory]
    [InlineData("片区", "缺少必填列“片区”。", "Required column \"片区\" is missing.")]
    [InlineData("党支部", "缺少必填列“党支部”。", "Required column \"党支部\" is missing.")]
    [InlineData("姓名", "缺少必填列“姓名”。", "Required column \"姓名\" is missing.")]
    [InlineData("党员编号", "缺少必填列“党员编号”。", "Required column \"党员编号\" is missing.")]
    public void A_file_missing_a_required_column_names_that_column(string missing, string zh, string en)
    {
        var keep = Enumerable.Range(0, Headers.Length).Where(i => Headers[i] != missing).ToArray();

        var error = Assert.Single(ErrorsOf(keep.Select(i => Headers[i]).ToArray(), keep.Select(i => Row[i]).ToArray()));

        Assert.Equal(zh, Messages.RosterText(error, english: false));
        Assert.Equal(en, Messages.RosterText(error, english: true));
    }

    [Fact]
    public void A_file_without_any_known_column_names_each_missing_one()
    {
        var texts = ErrorsOf(["序号", "备注"], ["1", "x"]).Select(e => Messages.RosterText(e, english: false));

        Assert.Equal(["缺少必填列“片区”。", "缺少必填列“党支部”。", "缺少必填列“姓名”。", "缺少必填列“党员编号”。"], texts);
    }

    [Fact]
    public void A_doubled_column_is_named()
    {
        var error = Assert.Single(ErrorsOf([.. Headers, "姓名"], [.. Row, "李四"]));

        Assert.Equal("列“姓名”出现了两次。", Messages.RosterText(error, english: false));
    }

    [Fact]
    public void Cell_problems_still_quote_the_cell_value()
    {
        var error = Assert.Single(ErrorsOf(Headers, ["一片区", "一中党支部", "张三", "DY 0 01!", "13800138000"]));

        Assert.Equal(RosterProblem.BadMemberNo, error.Problem);
        Assert.Contains("DY 0 01!", Messages.RosterText(error, english: false));
    }
}
