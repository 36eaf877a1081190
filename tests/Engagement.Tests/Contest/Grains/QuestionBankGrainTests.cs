using Engagement.Contest;
using Engagement.Contest.Rules;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Contest.Grains;

/// <summary>The question bank: imports update by id in one write, edits are checked, removal of a missing id is a 404.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuestionBankGrainTests(ClusterFixture fixture)
{
    private IQuestionBankGrain NewBank() => fixture.Client.GetGrain<IQuestionBankGrain>(ClusterFixture.NewKey("org"));

    private static Question Single(string id, string answer = "B", string stem = "题干") =>
        new(id, QuestionType.Single, stem, ["甲", "乙", "丙"], answer, "解析", 10, "党史", "易");

    [Fact]
    public async Task An_import_adds_new_ids_updates_changed_ones_and_counts_unchanged_ones_in_one_revision()
    {
        var bank = NewBank();
        var first = await bank.Import([Single("Q1"), Single("Q2"), Single("Q3")]);
        Assert.Equal(new BankImportSummary(3, 3, 0, 0), first);
        Assert.Equal(1, (await bank.Get()).Revision);

        var second = await bank.Import([Single("Q1"), Single("Q2", answer: "C"), Single("Q4")]);

        Assert.Equal(new BankImportSummary(3, 1, 1, 1), second);
        var view = await bank.Get();
        Assert.Equal(2, view.Revision);
        Assert.Equal(["Q1", "Q2", "Q3", "Q4"], view.Questions.Select(q => q.QuestionId));
        Assert.Equal("C", view.Questions[1].Answer);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_keeps_the_revision()
    {
        var bank = NewBank();
        await bank.Import([Single("Q1"), Single("Q2")]);

        var again = await bank.Import([Single("Q1"), Single("Q2")]);

        Assert.Equal(new BankImportSummary(2, 0, 0, 2), again);
        Assert.Equal(1, (await bank.Get()).Revision);
    }

    [Fact]
    public async Task Save_adds_or_replaces_one_question_and_refuses_a_bad_one_without_changing_the_bank()
    {
        var bank = NewBank();
        await bank.Save(Single("Q1"));
        var replaced = await bank.Save(Single("Q1", stem: "新题干"));
        Assert.Equal("新题干", replaced.Stem);

        var bad = await Assert.ThrowsAsync<RuleViolation>(() => bank.Save(Single("Q2", answer: "Z")));

        Assert.Equal(ViolationKind.Invalid, bad.Kind);
        var view = await bank.Get();
        Assert.Equal((2L, 1), (view.Revision, view.Questions.Count));
        Assert.Equal("新题干", view.Questions[0].Stem);
    }

    [Fact]
    public async Task A_bad_question_in_an_import_refuses_the_whole_import()
    {
        var bank = NewBank();
        await Assert.ThrowsAsync<RuleViolation>(() => bank.Import([Single("Q1"), Single("Q2", answer: "Z")]));
        Assert.Empty((await bank.Get()).Questions);
    }

    [Fact]
    public async Task Remove_takes_the_question_out_and_a_missing_id_is_not_found()
    {
        var bank = NewBank();
        await bank.Import([Single("Q1"), Single("Q2")]);

        await bank.Remove("Q1");
        var missing = await Assert.ThrowsAsync<RuleViolation>(() => bank.Remove("Q1"));

        Assert.Equal((ViolationKind.NotFound, "question.not-found"), (missing.Kind, missing.Code));
        var view = await bank.Get();
        Assert.Equal(["Q2"], view.Questions.Select(q => q.QuestionId));
        Assert.Equal(2, view.Revision);
    }

    [Fact]
    public async Task The_bank_refuses_questions_beyond_its_limit_and_keeps_what_it_had()
    {
        var bank = NewBank();
        await bank.Import(Enumerable.Range(0, QuestionRules.MaxQuestions).Select(i => Single($"Q{i:D5}")).ToList());

        var full = await Assert.ThrowsAsync<RuleViolation>(() => bank.Import([Single("Q00001", answer: "C"), Single("NEW")]));
        var one = await Assert.ThrowsAsync<RuleViolation>(() => bank.Save(Single("NEW")));

        Assert.Equal(("question.bank-full", "question.bank-full"), (full.Code, one.Code));
        // An update of a question already there is not an addition: still allowed.
        Assert.Equal("C", (await bank.Save(Single("Q00001", answer: "C"))).Answer);
        var view = await bank.Get();
        Assert.Equal(QuestionRules.MaxQuestions, view.Questions.Count);
        Assert.Equal(2, view.Revision);
    }
}
