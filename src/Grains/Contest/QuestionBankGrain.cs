using Engagement.Contest.Rules;
using Engagement.Storage;

namespace Engagement.Contest;

/// <summary>
/// The organisation's question bank. Small enough to keep whole in grain state (at most
/// <see cref="QuestionRules.MaxQuestions"/> questions); every change is one write, and the revision moves on only
/// when something changed, so a draw can record which bank it was made from.
/// </summary>
public sealed class QuestionBankGrain(
    [PersistentState("question-bank", StorageNames.Durable)] IPersistentState<QuestionBankRecord> state) : Grain, IQuestionBankGrain
{
    private QuestionBankRecord Record => state.State;

    public Task<QuestionBankView> Get() => Task.FromResult(View());

    public async Task<BankImportSummary> Import(IReadOnlyList<Question> questions)
    {
        // The file was validated whole by the endpoint; each row is checked again here, since the grain is the last
        // word on what the bank holds. A later row with an id wins, as in a spreadsheet read top to bottom.
        var rows = (questions ?? []).Select(Check).ToList();
        var incoming = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var question in rows)
        {
            incoming[question.QuestionId] = question;
        }

        var byId = Record.Questions.Select((q, i) => (q, i)).ToDictionary(p => p.q.QuestionId, p => p.i, StringComparer.Ordinal);
        var added = incoming.Keys.Count(id => !byId.ContainsKey(id));
        if (Record.Questions.Count + added > QuestionRules.MaxQuestions)
        {
            throw RuleViolation.Invalid("question.bank-full", QuestionRules.MaxQuestions.ToString());
        }

        var (updated, unchanged) = (0, 0);
        var next = Record.Questions.ToList();
        foreach (var question in incoming.Values)
        {
            if (!byId.TryGetValue(question.QuestionId, out var at))
            {
                next.Add(question);
            }
            else if (Same(next[at], question))
            {
                unchanged++;
            }
            else
            {
                next[at] = question;
                updated++;
            }
        }

        if (added + updated > 0)
        {
            await Write(next);
        }

        return new BankImportSummary(rows.Count, added, updated, unchanged);
    }

    public async Task<Question> Save(Question question)
    {
        var checkedQuestion = Check(question);
        var next = Record.Questions.ToList();
        var at = next.FindIndex(q => q.QuestionId == checkedQuestion.QuestionId);
        if (at >= 0 && Same(next[at], checkedQuestion))
        {
            return next[at];
        }

        if (at < 0)
        {
            if (next.Count >= QuestionRules.MaxQuestions)
            {
                throw RuleViolation.Invalid("question.bank-full", QuestionRules.MaxQuestions.ToString());
            }

            next.Add(checkedQuestion);
        }
        else
        {
            next[at] = checkedQuestion;
        }

        await Write(next);
        return checkedQuestion;
    }

    public async Task Remove(string questionId)
    {
        var next = Record.Questions.ToList();
        if (next.RemoveAll(q => q.QuestionId == questionId) == 0)
        {
            throw RuleViolation.NotFound("question.not-found", questionId ?? string.Empty);
        }

        await Write(next);
    }

    /// <summary>The rules' checks; a missing question is refused like one without an id, never a server error.</summary>
    private static Question Check(Question? question) =>
        QuestionRules.Check(question ?? throw RuleViolation.Invalid("question.missing-id"));

    /// <summary>Replaces the list only once stored: a failed write leaves the activation retired, not changed.</summary>
    private async Task Write(List<Question> next)
    {
        var (previous, revision) = (Record.Questions, Record.Revision);
        Record.Questions = next;
        Record.Revision++;
        try
        {
            await state.WriteOrRetireAsync(this);
        }
        catch
        {
            (Record.Questions, Record.Revision) = (previous, revision);
            throw;
        }
    }

    /// <summary>Records compare their lists by reference; two questions are the same when every field and option is.</summary>
    private static bool Same(Question a, Question b) =>
        a with { Options = [] } == b with { Options = [] } && a.Options.SequenceEqual(b.Options, StringComparer.Ordinal);

    private QuestionBankView View() => new(Record.Revision, Record.Questions);
}

[GenerateSerializer]
public sealed class QuestionBankRecord
{
    [Id(0)] public List<Question> Questions { get; set; } = [];
    [Id(1)] public long Revision { get; set; }
}
