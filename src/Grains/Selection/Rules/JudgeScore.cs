using Fractions;

namespace Engagement.Selection.Rules;

/// <summary>One case's judge score and how it was reached.</summary>
/// <param name="MeanTotal">Trimmed mean of the totals on the rubric's own scale (e.g. out of 30), exact; null when nobody scored.</param>
/// <param name="Score">The judge score: 100 × <paramref name="MeanTotal"/> ÷ rubric maximum, on the vote score's 0–100 scale.</param>
/// <param name="DroppedHigh">Indexes of dropped highest totals; an index at or past the given totals' count is a replacement.</param>
/// <param name="DroppedLow">Indexes of dropped lowest totals, likewise.</param>
/// <param name="EffectiveK">How many were dropped at each end.</param>
/// <param name="ShortOfTrim">Fewer than k were dropped at each end: too few judges to trim as declared.</param>
/// <param name="Replaced">How many recused judges' totals were replaced by <paramref name="Replacement"/>.</param>
/// <param name="Replacement">The mean of the given totals that stands in for each replaced judge.</param>
public sealed record CaseJudgement(
    Fraction? MeanTotal,
    Fraction? Score,
    IReadOnlyList<int> DroppedHigh,
    IReadOnlyList<int> DroppedLow,
    int EffectiveK,
    bool ShortOfTrim,
    int Replaced,
    Fraction? Replacement)
{
    /// <summary>
    /// The same average over another of the judges' numbers (a criterion's marks, in the order of the
    /// totals): replaced judges get the mean of the given ones, dropped slots are left out.
    /// </summary>
    public Fraction? MeanOf(IReadOnlyList<decimal> perGivenJudge)
    {
        ArgumentNullException.ThrowIfNull(perGivenJudge);
        if (perGivenJudge.Count == 0 || MeanTotal is null)
        {
            return null;
        }

        var given = perGivenJudge.Select(Exact.Of).ToList();
        var stand = Exact.Sum(given) / new Fraction(given.Count);
        var all = given.Concat(Enumerable.Repeat(stand, Replaced)).ToList();
        var counting = Enumerable.Range(0, all.Count).Where(i => !DroppedHigh.Contains(i) && !DroppedLow.Contains(i)).ToList();
        return counting.Count == 0 ? null : Exact.Sum(counting.Select(i => all[i])) / new Fraction(counting.Count);
    }
}

/// <summary>
/// A case's judge score: the trimmed mean of the judges' totals (<see cref="TrimmedMean"/>), put on the
/// 0–100 scale of the vote score before the two are combined, so a 30-point rubric weighs what it says.
/// </summary>
/// <remarks>
/// When recusal (回避) leaves too few judges to drop k at each end, the round's declared rule decides, the
/// same for every case: <see cref="TooFewToTrim.AverageAll"/> averages the given totals with less (or
/// nothing) dropped; <see cref="TooFewToTrim.ReplaceRecused"/> gives each recused judge the mean of the
/// given totals, as gymnastics does for a missing judge, and trims the full panel like its rivals.
/// </remarks>
public static class JudgeScore
{
    /// <param name="totals">The judges' totals, in submission order.</param>
    /// <param name="recused">How many of the panel were recused from this case.</param>
    /// <param name="rubricMax">The best possible total (<see cref="Rubric.MaxTotal"/>).</param>
    /// <param name="k">How many to drop at each end.</param>
    /// <param name="whenTooFew">What to do when recusal leaves too few judges to drop k at each end.</param>
    /// <exception cref="ArgumentOutOfRangeException">k or recused is negative, or the rubric maximum is not above zero.</exception>
    public static CaseJudgement Compute(IReadOnlyList<decimal> totals, int recused, decimal rubricMax, int k, TooFewToTrim whenTooFew)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentOutOfRangeException.ThrowIfNegative(recused);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rubricMax);
        if (totals.Count == 0)
        {
            return new CaseJudgement(null, null, [], [], 0, false, 0, null);
        }

        var given = totals.Select(Exact.Of).ToList();
        var trimmed = TrimmedMean.Compute(given, k);
        var replaced = 0;
        Fraction? replacement = null;
        if (whenTooFew == TooFewToTrim.ReplaceRecused && recused > 0 && trimmed.EffectiveK < k)
        {
            replacement = Exact.Sum(given) / new Fraction(given.Count);
            replaced = recused;
            trimmed = TrimmedMean.Compute([.. given, .. Enumerable.Repeat(replacement.Value, recused)], k);
        }

        var mean = trimmed.Mean!.Value;
        return new CaseJudgement(
            mean,
            Scores.OnHundredScale(mean, rubricMax),
            trimmed.DroppedHigh,
            trimmed.DroppedLow,
            trimmed.EffectiveK,
            trimmed.EffectiveK < k,
            replaced,
            replacement);
    }
}
