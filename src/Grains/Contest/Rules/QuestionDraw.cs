namespace Engagement.Contest.Rules;

/// <summary>
/// A reproducible random draw of a contest's questions: the bank is ordered by question id, each rule draws its
/// count from the questions that match it and are not drawn yet, with <see cref="Random"/> seeded by the recorded
/// seed. The same bank, rules and seed always give the same list. SKELETON (issue 12 §1).
/// </summary>
public static class QuestionDraw
{
    public const int MaxQuestions = 200;

    /// <summary>The drawn questions in order; throws <see cref="RuleViolation"/> ("contest.draw-short") when a rule cannot be met.</summary>
    public static IReadOnlyList<Question> Draw(IReadOnlyList<Question> bank, IReadOnlyList<DrawRule> rules, int seed) => throw new NotImplementedException();
}
