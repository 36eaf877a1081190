using Engagement.Contest;
using Engagement.Contest.Rules;
using Engagement.Organisation;
using Engagement.Tests.Testing;
using Engagement.Web.Demo;

namespace Engagement.Tests.Contest.Rules;

public sealed class DemoContestBankTests
{
    [Fact]
    public void The_demo_bank_passes_the_import_rules_through_the_roster_reader()
    {
        using var stream = DemoContestBank.Open();
        var (table, error) = RosterFile.Read(stream, DemoContestBank.FileName, QuestionColumns.KnownHeaders);
        Assert.Null(error);
        Assert.Equal(2, table!.HeaderLine); // the title row above the header is skipped

        var result = QuestionRules.Validate(table);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.True(result.Questions.Count >= 40, $"only {result.Questions.Count} questions");
        foreach (var type in Enum.GetValues<QuestionType>())
        {
            Assert.True(result.Questions.Count(q => q.Type == type) >= (type == QuestionType.Oral ? 2 : 10), $"too few {type} questions");
        }
    }

    [Fact]
    public void Every_demo_question_has_an_explanation_category_and_difficulty_and_draws_by_category()
    {
        var questions = DemoContestBank.Questions();

        Assert.All(questions.Where(q => q.Type != QuestionType.Oral), q => Assert.NotEmpty(q.Explanation));
        Assert.All(questions, q => Assert.Contains(q.Category, new[] { "党史", "理论", "党章" }));
        Assert.All(questions, q => Assert.Contains(q.Difficulty, new[] { "易", "中", "难" }));
        Assert.Equal(10, QuestionDraw.Draw(questions, [new DrawRule("党史", null, 6), new DrawRule("理论", null, 2), new DrawRule("党章", null, 2)], 1921).Count);
    }

    [Fact]
    public void The_consoles_template_file_imports_as_it_is()
    {
        using var stream = File.OpenRead(Path.Combine(SourceTree.Root, "src/Web/wwwroot/contest-bank-template.csv"));

        var result = QuestionRules.Read(stream, "contest-bank-template.csv");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.NotEmpty(result.Questions);
    }
}
