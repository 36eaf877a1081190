namespace Engagement.Contest.Rules;

/// <summary>
/// The mark of one hall answer. A correct answer scores the question's points; with the speed bonus,
/// points × (1 − ½ · t ÷ T) with t clamped to [0, T]. Multiple choice is all or nothing, or (proportional) a correct
/// subset with no wrong option scores points × chosen ÷ correct (also with the speed bonus). A wrong answer scores
/// −penalty; no answer scores 0. The mark is computed exactly and rounded once (half away from zero); totals and
/// averages are exact from there on.
/// </summary>
public static class AnswerScoring
{
    public const int MaxTitleLength = 60;
    public const int MinAnswerSeconds = 5;
    public const int MaxAnswerSeconds = 120;
    public const int MaxPenalty = 1_000;
    public const int MaxTopMembers = 50;

    /// <param name="choice">A canonical choice (<see cref="QuestionRules.NormaliseChoice"/>); null or empty: no answer.</param>
    /// <param name="elapsed">Server time from opening to receipt; clamped to [0, T].</param>
    public static AnswerMark Mark(Question question, string? choice, TimeSpan elapsed, HallScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(scoring);
        if (string.IsNullOrEmpty(choice))
        {
            return new AnswerMark(false, 0);
        }

        var correct = question.Type != QuestionType.Oral && string.Equals(choice, question.Answer, StringComparison.Ordinal);
        // The share of the points earned, as chosen ÷ of (1 ÷ 1 when exactly right).
        var (chosen, of) = correct ? (1L, 1L) : PartialShare(question, choice, scoring.Partial);
        if (chosen == 0)
        {
            return new AnswerMark(false, -Math.Max(scoring.WrongPenalty, 0));
        }

        // points × chosen/of × (2T − t)/(2T) in whole milliseconds (what receipts carry): exact in a long even for a
        // stored countdown far beyond the allowed 120 s.
        long numerator = question.Points * chosen, denominator = of;
        if (scoring.SpeedBonus && scoring.AnswerSeconds > 0)
        {
            var total = scoring.AnswerSeconds * 1_000L;
            var t = Math.Clamp(elapsed.Ticks / TimeSpan.TicksPerMillisecond, 0, total);
            numerator *= 2 * total - t;
            denominator *= 2 * total;
        }

        return new AnswerMark(correct, RoundHalfAwayFromZero(numerator, denominator));
    }

    /// <summary>The scoring settings checked (title 1–60, countdown 5–120 s, penalty 0–1000, top 1–50, known enums); throws <see cref="RuleViolation"/>.</summary>
    public static void Validate(ContestSettings settings)
    {
        if (settings?.Scoring is null)
        {
            throw RuleViolation.Invalid("contest.bad-settings");
        }

        var title = Text.Clean(settings.Title);
        if (title.Length is 0 or > MaxTitleLength)
        {
            throw RuleViolation.Invalid("contest.bad-title", MaxTitleLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var scoring = settings.Scoring;
        if (scoring.AnswerSeconds is < MinAnswerSeconds or > MaxAnswerSeconds)
        {
            throw RuleViolation.Invalid("contest.bad-countdown", "5", "120");
        }

        if (scoring.WrongPenalty is < 0 or > MaxPenalty)
        {
            throw RuleViolation.Invalid("contest.bad-penalty", "1000");
        }

        if (!Enum.IsDefined(scoring.Partial))
        {
            throw RuleViolation.Invalid("contest.bad-partial-credit");
        }

        if (!Enum.IsDefined(settings.Ranking))
        {
            throw RuleViolation.Invalid("contest.bad-ranking");
        }

        if (settings.TopMembers is < 1 or > MaxTopMembers)
        {
            throw RuleViolation.Invalid("contest.bad-top-members", "50");
        }
    }

    /// <summary>The settings as they should be stored once valid: the title cleaned of stray spaces.</summary>
    public static ContestSettings Normalise(ContestSettings settings)
    {
        Validate(settings);
        return settings with { Title = Text.Clean(settings.Title) };
    }

    /// <summary>Proportional credit: a subset of the key with no wrong letter earns chosen ÷ key; anything else earns nothing.</summary>
    private static (long Chosen, long Of) PartialShare(Question question, string choice, PartialCredit partial)
    {
        if (question.Type != QuestionType.Multiple || partial != PartialCredit.Proportional || question.Answer.Length == 0)
        {
            return (0, 1);
        }

        var letters = choice.Distinct().ToList();
        return letters.All(c => question.Answer.Contains(c, StringComparison.Ordinal)) ? (letters.Count, question.Answer.Length) : (0, 1);
    }

    /// <summary>n ÷ d rounded half away from zero, for d &gt; 0.</summary>
    internal static int RoundHalfAwayFromZero(long numerator, long denominator)
    {
        var magnitude = (2 * Math.Abs(numerator) + denominator) / (2 * denominator);
        return (int)(numerator < 0 ? -magnitude : magnitude);
    }
}

/// <param name="Correct">Exactly the key.</param>
/// <param name="Points">The mark: positive for a correct (or partly correct) answer, zero or negative otherwise.</param>
public readonly record struct AnswerMark(bool Correct, int Points);
