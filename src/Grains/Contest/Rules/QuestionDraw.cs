using System.Globalization;

namespace Engagement.Contest.Rules;

/// <summary>
/// A reproducible random draw of a contest's questions: the bank is ordered by question id, each rule in turn draws
/// its count from the questions that match it and are not drawn yet, with <see cref="Random"/> seeded by the recorded
/// seed. The same bank, rules and seed always give the same list, so a published seed lets anyone replay the draw.
/// Category and difficulty match without case or spaces; null or empty matches any. Oral questions are left out of
/// a hall draw unless asked for: phones cannot answer them.
/// </summary>
public static class QuestionDraw
{
    public const int MaxQuestions = 200;
    public const int MaxRules = 20;

    /// <summary>The drawn questions in order; throws <see cref="RuleViolation"/> ("contest.draw-short") when a rule cannot be met.</summary>
    public static IReadOnlyList<Question> Draw(IReadOnlyList<Question> bank, IReadOnlyList<DrawRule> rules, int seed, bool includeOral = false)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (rules is null || rules.Count is 0 or > MaxRules || rules.Any(r => r is null))
        {
            throw RuleViolation.Invalid("contest.draw-no-rules", Number(MaxRules));
        }

        if (rules.Any(r => r.Count < 1) || rules.Sum(r => (long)r.Count) > MaxQuestions)
        {
            throw RuleViolation.Invalid("contest.draw-bad-count", Number(MaxQuestions));
        }

        // Ordinal id order makes the pool independent of how the bank happens to be stored.
        var pool = bank
            .Where(q => includeOral || q.Type != QuestionType.Oral)
            .DistinctBy(q => q.QuestionId, StringComparer.Ordinal)
            .OrderBy(q => q.QuestionId, StringComparer.Ordinal)
            .ToList();
        var drawn = new List<Question>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(seed);
        foreach (var rule in rules)
        {
            var candidates = pool.Where(q => !taken.Contains(q.QuestionId) && Matches(rule.Category, q.Category) && Matches(rule.Difficulty, q.Difficulty)).ToList();
            if (candidates.Count < rule.Count)
            {
                throw RuleViolation.Invalid("contest.draw-short", Label(rule.Category), Label(rule.Difficulty), Number(rule.Count), Number(candidates.Count));
            }

            // A partial Fisher–Yates shuffle: the first Count places, each chosen uniformly from what is left.
            for (var i = 0; i < rule.Count; i++)
            {
                var j = random.Next(i, candidates.Count);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                drawn.Add(candidates[i]);
                taken.Add(candidates[i].QuestionId);
            }
        }

        return drawn;
    }

    private static bool Matches(string? wanted, string actual) =>
        string.IsNullOrWhiteSpace(wanted) || Text.Key(wanted) == Text.Key(actual);

    private static string Label(string? value) => string.IsNullOrWhiteSpace(value) ? "*" : Text.Clean(value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
