using System.Text;
using Engagement.Contest;
using Engagement.Contest.Rules;
using Engagement.Organisation;
using MiniExcelLibs;

namespace Engagement.Tests.Contest.Rules;

/// <summary>Bank files through the roster's reader: .csv and .xlsx, Chinese and English headers, title rows.</summary>
public sealed class QuestionFileTests
{
    static QuestionFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void A_chinese_csv_with_a_title_row_is_read_from_its_header()
    {
        const string csv = """
            2026年党史知识竞赛题库,,,,,,,
            题号,题型,题干,选项A,选项B,答案,分值,分类
            DS-001,单选,遵义会议在哪一年召开？,1935年,1937年,A,,党史
            DS-002,判断,南昌起义打响了武装反抗国民党反动派的第一枪。,,,对,20,党史
            """;

        var result = QuestionRules.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "题库.csv");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(["DS-001", "DS-002"], result.Questions.Select(q => q.QuestionId));
        Assert.Equal((10, "A"), (result.Questions[0].Points, result.Questions[0].Answer));
        Assert.Equal((QuestionType.TrueFalse, 20), (result.Questions[1].Type, result.Questions[1].Points));
    }

    [Fact]
    public void Errors_in_a_csv_carry_the_file_line_below_the_title_row()
    {
        const string csv = "题库\n题号,题型,题干,答案\nQ1,单选,?,A\n";

        var result = QuestionRules.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "bank.csv");

        Assert.Equal(new QuestionError(3, "选项A", QuestionProblem.TooFewOptions, "2"), result.Errors[0]);
    }

    [Fact]
    public void A_gb18030_csv_from_chinese_excel_is_read()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("题号,题型,题干,答案\r\nQ1,判断,一大在上海开幕。,正确\r\n");

        var question = Assert.Single(QuestionRules.Read(new MemoryStream(bytes), "bank.csv").Questions);

        Assert.Equal(("一大在上海开幕。", "A"), (question.Stem, question.Answer));
    }

    [Fact]
    public void An_english_xlsx_with_a_title_row_is_read()
    {
        var bytes = Xlsx(
            ["Party history quiz", null, null, null, null, null, null, null],
            ["ID", "Type", "Question", "Option A", "Option B", "Option C", "Answer", "Explanation"],
            ["E1", "multiple", "Which were held in 1921?", "First National Congress", "Zunyi Meeting", "—", "a", "Only the First Congress."],
            ["E2", 2, "Oral", null, null, null, null, null]);

        var result = QuestionRules.Read(new MemoryStream(bytes), "bank.xlsx");

        // Row 4: "2" is not a type (its answer is not checked without one); row 3 is fine. Lines are the sheet's rows.
        Assert.Equal(
            [new QuestionError(4, "Type", QuestionProblem.BadType, "2")],
            result.Errors);
    }

    [Fact]
    public void A_good_xlsx_with_numeric_cells_imports()
    {
        var bytes = Xlsx(
            ["题号", "题型", "题干", "选项A", "选项B", "选项C", "答案", "分值", "难度"],
            [101, "多选", "下列属于“四个自信”的是", "道路自信", "理论自信", "外交自信", "AB", 15, "中"]);

        var question = Assert.Single(QuestionRules.Read(new MemoryStream(bytes), "bank.xlsx").Questions);

        Assert.Equal(("101", "AB", 15, "中"), (question.QuestionId, question.Answer, question.Points, question.Difficulty));
    }

    [Fact]
    public void A_file_the_reader_refuses_comes_back_as_unreadable_with_the_reason()
    {
        var result = QuestionRules.Read(new MemoryStream([1, 2, 3]), "bank.doc");

        var error = Assert.Single(result.Errors);
        Assert.Equal((QuestionProblem.Unreadable, nameof(RosterProblem.UnsupportedFileType), ".doc"), (error.Problem, error.Value, error.Detail));
    }

    [Fact]
    public void The_roster_still_finds_its_own_header_and_ignores_a_bank_header()
    {
        const string roster = "名册\n片区,党支部,姓名,党员编号\n一片区,一支部,张三,DY1\n";
        var (table, error) = RosterFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(roster)), "r.csv");
        Assert.Null(error);
        Assert.Equal(2, table!.HeaderLine);

        // Under the roster's headers a bank's header row is not recognised, so the title row is taken as the header.
        const string bank = "题库\n题号,题型,题干,答案\nQ1,单选,?,A\n";
        var (asRoster, _) = RosterFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(bank)), "b.csv");
        Assert.Equal(1, asRoster!.HeaderLine);
    }

    [Fact]
    public void A_bank_read_with_the_rosters_header_spellings_still_finds_its_header_under_a_title_row()
    {
        const string csv = "2026年题库\n\n题号,题型,题干,选项A,选项B,答案\nQ1,单选,?,甲,乙,A\nQ1,单选,?,甲,乙,C\n";
        var (table, _) = RosterFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "bank.csv");

        var result = QuestionRules.Validate(table!);

        Assert.Equal(
            [new QuestionError(5, "答案", QuestionProblem.BadAnswer, "C"), new QuestionError(5, "题号", QuestionProblem.DuplicateId, "Q1", 4)],
            result.Errors);
    }

    /// <summary>An .xlsx with the given rows and no header of its own (as in RosterFileTests).</summary>
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
}
