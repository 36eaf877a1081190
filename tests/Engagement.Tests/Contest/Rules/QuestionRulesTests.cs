using CsCheck;
using Engagement.Contest;
using Engagement.Contest.Rules;
using Engagement.Organisation;

namespace Engagement.Tests.Contest.Rules;

public sealed class QuestionRulesTests
{
    private static readonly string[] Header = ["题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "分类", "难度"];

    /// <summary>A table like the reader gives: the header on line 1, each row on the next line.</summary>
    private static RosterTable Table(params string[][] rows) =>
        new(Header, rows.Select((r, i) => new RosterTableRow(i + 2, r)).ToList());

    private static readonly string[] Good = ["Q1", "单选", "中国共产党第一次全国代表大会在哪一年召开？", "1919年", "1921年", "1927年", "1949年", "B", "1921年7月召开。", "10", "党史", "易"];

    private static string[] Row(params (int Column, string Value)[] changes)
    {
        var row = (string[])Good.Clone();
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    [Fact]
    public void A_good_row_becomes_a_question()
    {
        var result = QuestionRules.Validate(Table(Good));

        Assert.True(result.IsValid);
        Assert.Equal(
            new Question("Q1", QuestionType.Single, Good[2], ["1919年", "1921年", "1927年", "1949年"], "B", "1921年7月召开。", 10, "党史", "易"),
            Assert.Single(result.Questions),
            QuestionComparer.Instance);
    }

    /// <summary>One bad cell per row: the problem, its column as written in the file, and the value quoted.</summary>
    public static TheoryData<int, string, QuestionProblem, string?, string?> OneProblemPerRow() => new()
    {
        // column changed, new value, problem, column reported, value reported
        { 0, "", QuestionProblem.MissingId, "题号", null },
        { 0, "Q 1", QuestionProblem.BadId, "题号", "Q 1" },
        { 0, "题1", QuestionProblem.BadId, "题号", "题1" },
        { 0, new string('Q', 33), QuestionProblem.BadId, "题号", new string('Q', 33) },
        { 1, "填空", QuestionProblem.BadType, "题型", "填空" },
        { 1, "", QuestionProblem.BadType, "题型", "" },
        { 2, "", QuestionProblem.MissingStem, "题干", null },
        { 2, new string('题', 501), QuestionProblem.TooLong, "题干", "500" },
        { 5, new string('项', 201), QuestionProblem.TooLong, "选项C", "200" },
        { 4, "", QuestionProblem.OptionGap, "选项B", null },
        { 7, "", QuestionProblem.MissingAnswer, "答案", null },
        { 7, "E", QuestionProblem.BadAnswer, "答案", "E" }, // no option E
        { 7, "AB", QuestionProblem.BadAnswer, "答案", "AB" }, // single choice takes one letter
        { 7, "1", QuestionProblem.BadAnswer, "答案", "1" },
        { 8, new string('解', 1001), QuestionProblem.TooLong, "解析", "1000" },
        { 9, "0", QuestionProblem.BadPoints, "分值", "0" },
        { 9, "1001", QuestionProblem.BadPoints, "分值", "1001" },
        { 9, "2.5", QuestionProblem.BadPoints, "分值", "2.5" },
        { 9, "十", QuestionProblem.BadPoints, "分值", "十" },
        { 10, new string('类', 31), QuestionProblem.TooLong, "分类", "30" },
        { 11, new string('难', 31), QuestionProblem.TooLong, "难度", "30" },
    };

    [Theory]
    [MemberData(nameof(OneProblemPerRow))]
    public void A_bad_row_is_listed_with_its_line_column_and_value_and_nothing_is_imported(int column, string value, QuestionProblem problem, string? reportedColumn, string? reportedValue)
    {
        var bad = column == 0 ? Row((0, value)) : Row((0, "Q2"), (column, value));

        var result = QuestionRules.Validate(Table(Good, bad));

        Assert.False(result.IsValid);
        Assert.Empty(result.Questions);
        Assert.Equal(new QuestionError(3, reportedColumn, problem, reportedValue), Assert.Single(result.Errors));
    }

    [Fact]
    public void Every_bad_row_is_listed_and_a_repeated_id_names_the_first_line()
    {
        var result = QuestionRules.Validate(Table(Good, Row((1, "填空")), Row((0, "Q3")), Row((0, "q3"), (9, "0"))));

        Assert.Equal(
            [
                new QuestionError(3, "题型", QuestionProblem.BadType, "填空"),
                new QuestionError(3, "题号", QuestionProblem.DuplicateId, "Q1", 2),
                new QuestionError(5, "分值", QuestionProblem.BadPoints, "0"),
                new QuestionError(5, "题号", QuestionProblem.DuplicateId, "q3", 4), // ids are compared without case
            ],
            result.Errors);
    }

    [Theory]
    [InlineData("单选", "b", "B")]
    [InlineData("单选题", " B ", "B")]
    [InlineData("single", "Ｂ", "B")] // full-width letter from a Chinese input method
    [InlineData("多选", "A,C", "AC")]
    [InlineData("多选题", "C、A", "AC")]
    [InlineData("multiple", "a c d", "ACD")]
    [InlineData("Multiple", "dca", "ACD")]
    [InlineData("多选", "A，B；C", "ABC")]
    [InlineData("多选", "B", "B")] // one correct option is allowed
    [InlineData("判断", "对", "A")]
    [InlineData("判断题", "错", "B")]
    [InlineData("true-false", "正确", "A")]
    [InlineData("truefalse", "错误", "B")]
    [InlineData("TF", "√", "A")]
    [InlineData("判断", "×", "B")]
    [InlineData("判断", "T", "A")]
    [InlineData("判断", "false", "B")]
    [InlineData("判断", "A", "A")]
    [InlineData("判断", "b", "B")]
    [InlineData("口答", "遵义会议", "遵义会议")]
    [InlineData("问答", "实事求是", "实事求是")]
    [InlineData("oral", "Seek truth from facts", "Seek truth from facts")]
    public void Types_and_answers_are_read_in_every_accepted_spelling(string type, string answer, string key)
    {
        var question = Assert.Single(QuestionRules.Validate(Table(Row((1, type), (7, answer)))).Questions);

        Assert.Equal(key, question.Answer);
        var choice = question.Type is QuestionType.Single or QuestionType.Multiple;
        Assert.Equal(choice ? 4 : 0, question.Options.Count); // true/false and oral questions keep no option texts
    }

    [Theory]
    [InlineData("判断", "是")]
    [InlineData("判断", "C")]
    [InlineData("多选", "A,X")]
    [InlineData("多选", "A-C")]
    public void Answers_a_type_cannot_take_are_refused(string type, string answer)
    {
        var error = Assert.Single(QuestionRules.Validate(Table(Row((1, type), (7, answer)))).Errors);
        Assert.Equal(QuestionProblem.BadAnswer, error.Problem);
    }

    [Theory]
    [InlineData(new[] { "甲", "", "", "" }, QuestionProblem.TooFewOptions, "选项A")]
    [InlineData(new[] { "", "", "", "" }, QuestionProblem.TooFewOptions, "选项A")]
    [InlineData(new[] { "", "乙", "丙", "" }, QuestionProblem.OptionGap, "选项A")]
    public void Options_run_from_A_without_gaps_and_number_at_least_two(string[] options, QuestionProblem problem, string column)
    {
        var row = Row((3, options[0]), (4, options[1]), (5, options[2]), (6, options[3]), (7, "B"));

        var errors = QuestionRules.Validate(Table(row)).Errors;

        Assert.Contains(errors, e => e.Problem == problem && e.Column == column && e.Line == 2);
    }

    [Fact]
    public void Empty_points_mean_ten_and_optional_columns_may_be_absent()
    {
        var table = new RosterTable(["ID", "Type", "Question", "A", "B", "Answer"], [new RosterTableRow(2, ["x-1", "single", "?", "yes", "no", "a"])]);

        var question = Assert.Single(QuestionRules.Validate(table).Questions);

        Assert.Equal(new Question("x-1", QuestionType.Single, "?", ["yes", "no"], "A", "", 10, "", ""), question, QuestionComparer.Instance);
    }

    [Theory]
    [InlineData(new[] { "题型", "题干", "答案" }, "题号")]
    [InlineData(new[] { "题号", "题干", "答案" }, "题型")]
    [InlineData(new[] { "ID", "Type", "Answer" }, "题干")]
    [InlineData(new[] { "ID", "Type", "Stem" }, "答案")]
    public void A_missing_required_column_is_named(string[] headers, string missing)
    {
        var result = QuestionRules.Validate(new RosterTable(headers, [new RosterTableRow(2, ["1", "2", "3"])]));

        Assert.Equal(new QuestionError(1, missing, QuestionProblem.MissingColumn), Assert.Single(result.Errors));
    }

    [Fact]
    public void A_column_given_twice_is_refused()
    {
        var result = QuestionRules.Validate(new RosterTable(["题号", "ID", "题型", "题干", "答案"], [new RosterTableRow(2, ["1", "1", "单选", "?", "A"])]));

        Assert.Equal(new QuestionError(1, "ID", QuestionProblem.DuplicateColumn), Assert.Single(result.Errors));
    }

    [Fact]
    public void An_empty_file_and_a_header_without_rows_are_refused()
    {
        Assert.Equal(QuestionProblem.EmptyFile, Assert.Single(QuestionRules.Validate(new RosterTable([], [])).Errors).Problem);
        Assert.Equal(QuestionProblem.EmptyFile, Assert.Single(QuestionRules.Validate(Table()).Errors).Problem);
    }

    [Fact]
    public void More_than_five_thousand_questions_are_refused_at_the_first_extra_row()
    {
        var rows = Enumerable.Range(1, QuestionRules.MaxQuestions + 1).Select(i => Row((0, "Q" + i))).ToArray();

        Assert.Equal(new QuestionError(QuestionRules.MaxQuestions + 2, null, QuestionProblem.TooManyRows, "5000"), Assert.Single(QuestionRules.Validate(Table(rows)).Errors));
        Assert.Equal(5000, QuestionRules.Validate(Table(rows[..^1])).Questions.Count);
    }

    [Theory]
    [InlineData("/images/q1.png", true)]
    [InlineData("//evil.example/q.png", false)]
    [InlineData("https://evil.example/q.png", false)]
    [InlineData("/a b.png", false)]
    public void An_image_is_a_path_on_this_site(string image, bool ok)
    {
        var table = new RosterTable([.. Header, "图片"], [new RosterTableRow(2, [.. Good, image])]);

        var result = QuestionRules.Validate(table);

        Assert.Equal(ok, result.IsValid);
        Assert.Equal(ok ? image : null, result.Questions.SingleOrDefault()?.Image);
    }

    public static TheoryData<Question, string> BadEdits()
    {
        var q = new Question("Q1", QuestionType.Single, "?", ["甲", "乙"], "A", "", 10, "", "");
        return new()
        {
            { q with { QuestionId = " " }, "question.missing-id" },
            { q with { QuestionId = "Q/1" }, "question.bad-id" },
            { q with { Type = (QuestionType)9 }, "question.bad-type" },
            { q with { Stem = "" }, "question.missing-stem" },
            { q with { Stem = new string('题', 501) }, "question.stem-too-long" },
            { q with { Options = ["甲"] }, "question.too-few-options" },
            { q with { Options = ["甲", "", "丙"] }, "question.option-gap" },
            { q with { Options = ["1", "2", "3", "4", "5", "6", "7"] }, "question.too-many-options" },
            { q with { Answer = "" }, "question.missing-answer" },
            { q with { Answer = "C" }, "question.bad-answer" },
            { q with { Type = QuestionType.TrueFalse, Answer = "也许" }, "question.bad-answer" },
            { q with { Points = 0 }, "question.bad-points" },
            { q with { Points = 1001 }, "question.bad-points" },
            { q with { Category = new string('类', 31) }, "question.label-too-long" },
            { q with { Difficulty = new string('难', 31) }, "question.label-too-long" },
            { q with { Options = ["甲", new string('乙', 201)] }, "question.option-too-long" },
            { q with { Explanation = new string('解', 1001) }, "question.explanation-too-long" },
            { q with { Type = QuestionType.Oral, Answer = new string('答', 1001) }, "question.answer-too-long" },
            { q with { Image = "http://x/y.png" }, "question.bad-image" },
        };
    }

    [Theory]
    [MemberData(nameof(BadEdits))]
    public void A_console_edit_is_checked_like_a_row(Question question, string code)
    {
        Assert.Equal(code, Assert.Throws<RuleViolation>(() => QuestionRules.Check(question)).Code);
    }

    [Fact]
    public void A_console_edit_comes_back_cleaned()
    {
        var edit = new Question(" Q1 ", QuestionType.Multiple, " 题干  文字 ", ["甲", " 乙 ", "丙", "", ""], "c,a", " 解析 ", 20, " 党史 ", "中", "");

        var checkedQuestion = QuestionRules.Check(edit);

        Assert.Equal(new Question("Q1", QuestionType.Multiple, "题干 文字", ["甲", "乙", "丙"], "AC", "解析", 20, "党史", "中"), checkedQuestion, QuestionComparer.Instance);
        Assert.Empty(QuestionRules.Check(edit with { Type = QuestionType.TrueFalse, Answer = "对" }).Options);
    }

    [Theory]
    [InlineData(QuestionType.Single, "c", "C")]
    [InlineData(QuestionType.Single, "E", null)] // beyond the four options
    [InlineData(QuestionType.Single, "AB", null)]
    [InlineData(QuestionType.Multiple, "db", "BD")]
    [InlineData(QuestionType.Multiple, "B,B", "B")]
    [InlineData(QuestionType.Multiple, "", null)]
    [InlineData(QuestionType.Multiple, null, null)]
    [InlineData(QuestionType.Multiple, "A<script>", null)]
    [InlineData(QuestionType.TrueFalse, "a", "A")]
    [InlineData(QuestionType.TrueFalse, "错", "B")]
    [InlineData(QuestionType.TrueFalse, "C", null)]
    [InlineData(QuestionType.Oral, "A", null)]
    public void A_phone_choice_is_normalised_or_refused(QuestionType type, string? choice, string? expected)
    {
        var question = new Question("Q", type, "?", type is QuestionType.Single or QuestionType.Multiple ? ["1", "2", "3", "4"] : [], "A", "", 10, "", "");

        Assert.Equal(expected, QuestionRules.NormaliseChoice(question, choice));
    }

    [Fact]
    public void NormaliseChoice_is_idempotent_and_ignores_order_and_case()
    {
        var gen =
            from count in Gen.Int[2, 6]
            from type in Gen.OneOf(Gen.Const(QuestionType.Single), Gen.Const(QuestionType.Multiple), Gen.Const(QuestionType.TrueFalse))
            from letters in Gen.Char["ABCDEFGHabcdefgh"].Array[0, 8]
            from separators in Gen.Char[" ,、;xZ"].Array[0, 3]
            from order in Gen.Shuffle(letters.Concat(separators).ToArray())
            select (count, type, order);
        gen.Sample(x =>
        {
            var question = new Question("Q", x.type, "?", x.type == QuestionType.TrueFalse ? [] : Enumerable.Repeat("o", x.count).ToList(), "A", "", 10, "", "");
            var text = new string(x.order);
            var once = QuestionRules.NormaliseChoice(question, text);
            if (once is null)
            {
                return;
            }

            Assert.Equal(once, QuestionRules.NormaliseChoice(question, once));
            Assert.Equal(once, QuestionRules.NormaliseChoice(question, new string(text.Reverse().ToArray()).ToLowerInvariant()));
            Assert.Equal(string.Concat(once.Order().Distinct()), once);
            Assert.All(once, c => Assert.InRange(c, 'A', (char)('A' + Math.Max(question.Options.Count, 2) - 1)));
        });
    }
}

/// <summary>Questions compared by value, options by their items (records compare lists by reference).</summary>
internal sealed class QuestionComparer : IEqualityComparer<Question>
{
    public static readonly QuestionComparer Instance = new();

    public bool Equals(Question? x, Question? y) =>
        x is not null && y is not null && x with { Options = Array.Empty<string>() } == y with { Options = Array.Empty<string>() } && x.Options.SequenceEqual(y.Options);

    public int GetHashCode(Question obj) => obj.QuestionId.GetHashCode(StringComparison.Ordinal);
}
