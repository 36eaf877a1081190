using Engagement.Contest;
using Engagement.Contest.Rules;

namespace Engagement.Web.Demo;

/// <summary>The demo's 党史知识竞赛 question bank, embedded as the very .csv an organiser would import.</summary>
public static class DemoContestBank
{
    public const string ResourceName = "Engagement.Web.Demo.contest-bank.csv";
    public const string FileName = "contest-bank.csv";

    public static Stream Open() =>
        typeof(DemoContestBank).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");

    /// <summary>The bank read and checked through the import's own path (reader and rules).</summary>
    public static QuestionValidation Read()
    {
        using var stream = Open();
        return QuestionRules.Read(stream, FileName);
    }

    /// <summary>The questions; throws if the embedded file ever stops passing the import rules.</summary>
    public static IReadOnlyList<Question> Questions()
    {
        var result = Read();
        return result.IsValid
            ? result.Questions
            : throw new InvalidOperationException($"The demo bank is invalid: {string.Join("; ", result.Errors.Take(5))}");
    }
}
