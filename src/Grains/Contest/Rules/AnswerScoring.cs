namespace Engagement.Contest.Rules;

/// <summary>
/// The mark of one hall answer. Each mark is an integer, rounded once (half away from zero) after the speed
/// bonus and partial credit are applied; totals and averages are exact from there on. SKELETON (issue 12 §2).
/// </summary>
public static class AnswerScoring
{
    /// <param name="choice">A canonical choice (<see cref="QuestionRules.NormaliseChoice"/>).</param>
    /// <param name="elapsed">Server time from opening to receipt; clamped to [0, T].</param>
    public static AnswerMark Mark(Question question, string choice, TimeSpan elapsed, HallScoring scoring) => throw new NotImplementedException();

    /// <summary>The scoring settings checked (countdown 5–120 s, penalty 0–1000); throws <see cref="RuleViolation"/>.</summary>
    public static void Validate(ContestSettings settings) => throw new NotImplementedException();
}

/// <param name="Correct">Exactly the key.</param>
/// <param name="Points">The mark: positive for a correct (or partly correct) answer, zero or negative otherwise.</param>
public readonly record struct AnswerMark(bool Correct, int Points);
