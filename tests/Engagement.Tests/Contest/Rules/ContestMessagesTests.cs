using System.Text.RegularExpressions;
using Engagement.Contest.Rules;
using Engagement.Web.Problems;

namespace Engagement.Tests.Contest.Rules;

public sealed partial class ContestMessagesTests
{
    public static TheoryData<QuestionProblem> AllProblems() => new(Enum.GetValues<QuestionProblem>());

    [Theory]
    [MemberData(nameof(AllProblems))]
    public void Every_bank_problem_has_a_message_in_both_languages_with_the_same_placeholders(QuestionProblem problem)
    {
        Assert.True(ContestMessages.Question.TryGetValue(problem, out var text), $"No message for {problem}");
        Assert.Equal(Placeholders(text.Zh), Placeholders(text.En));
    }

    [Fact]
    public void Every_contest_message_has_the_same_placeholders_in_both_languages()
    {
        foreach (var (code, text) in ContestMessages.Texts)
        {
            Assert.True(Placeholders(text.Zh).SequenceEqual(Placeholders(text.En)), code);
        }
    }

    [Fact]
    public void A_bank_error_reads_with_its_value_and_other_line()
    {
        var error = new QuestionError(5, "题号", QuestionProblem.DuplicateId, "DS-001", 3);

        Assert.Equal("题号“DS-001”与第 3 行重复。", ContestMessages.QuestionText(error, english: false));
        Assert.Equal("Question id \"DS-001\" repeats line 3.", ContestMessages.QuestionText(error, english: true));
        Assert.Equal("缺少必填列“题干”。", ContestMessages.QuestionText(new QuestionError(1, "题干", QuestionProblem.MissingColumn), false));
    }

    [Fact]
    public void A_file_the_reader_refuses_reads_with_the_readers_reason()
    {
        var error = QuestionRules.FromFileError(new Engagement.Organisation.RosterError(1, null, Engagement.Organisation.RosterProblem.UnsupportedFileType, ".doc"));

        Assert.Equal("Unsupported file type \".doc\"; save it as .xlsx or .csv.", ContestMessages.QuestionText(error, english: true));
    }

    private static string[] Placeholders(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Value).Distinct().Order()];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
