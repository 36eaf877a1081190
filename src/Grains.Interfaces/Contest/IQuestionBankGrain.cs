namespace Engagement.Contest;

/// <summary>
/// The organisation's question bank (题库). Questions are validated before they get here (import rules in
/// <c>QuestionRules</c>); a contest copies the questions it uses, so editing the bank never changes a contest
/// that has chosen them. Key: the organisation id (<see cref="Organisation.OrganisationIds.Default"/>).
/// </summary>
public interface IQuestionBankGrain : IGrainWithStringKey
{
    Task<QuestionBankView> Get();

    /// <summary>Adds or updates every question by id, in one write; questions not in the list stay as they are.</summary>
    Task<BankImportSummary> Import(IReadOnlyList<Question> questions);

    /// <summary>Adds the question, or replaces the one with its id.</summary>
    Task<Question> Save(Question question);

    Task Remove(string questionId);
}
