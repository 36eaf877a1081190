using Fractions;

namespace Engagement.Selection.Rules;

/// <summary>The trimmed mean of one case's judge totals and what was left out of it.</summary>
/// <param name="Mean">Average of the counting scores, exact; null when no judge has scored.</param>
/// <param name="DroppedHigh">Indexes (into the scores as submitted) of the dropped highest scores, highest first.</param>
/// <param name="DroppedLow">Indexes of the dropped lowest scores, lowest first.</param>
/// <param name="Counting">How many scores make up <paramref name="Mean"/>.</param>
/// <param name="EffectiveK">How many were dropped at each end after keeping at least three counting scores.</param>
/// <param name="TooFew">Fewer than <see cref="TrimmedMean.MinimumCounting"/> scores: nothing was dropped and the mean is a plain one.</param>
public sealed record TrimmedScore(
    Fraction? Mean,
    IReadOnlyList<int> DroppedHigh,
    IReadOnlyList<int> DroppedLow,
    int Counting,
    int EffectiveK,
    bool TooFew);

/// <summary>
/// 去掉最高分、去掉最低分: sort the judges' totals, drop the k highest and the k lowest, average the rest.
/// </summary>
/// <remarks>
/// <para>At least <see cref="MinimumCounting"/> scores always count, so the k actually used is
/// max(0, min(k, (n − 3) / 2)): with k = 1, four judges drop nothing and five drop one at each end;
/// diving (k = 2 of 7) keeps the middle 3, figure skating (k = 1 of 9) the middle 7.</para>
/// <para>Each dropped slot removes one score, never every score of that value: of 90, 90, 80, 70, 70 with
/// k = 1, one 90 and one 70 go and the mean is that of 90, 80, 70.</para>
/// <para>Which of several equal scores is dropped is decided by submission order, not chance: the one
/// submitted last (the highest index). The highest are chosen first and the lowest from what remains,
/// so when every score is equal the last is dropped as "high" and the one before it as "low".</para>
/// </remarks>
public static class TrimmedMean
{
    public const int MinimumCounting = 3;

    /// <param name="scores">Judges' totals in submission order.</param>
    /// <param name="k">How many to drop at each end before the minimum of three counting scores is applied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public static TrimmedScore Compute(IReadOnlyList<decimal> scores, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Compute(scores.Select(Exact.Of).ToList(), k);
    }

    /// <inheritdoc cref="Compute(IReadOnlyList{decimal}, int)"/>
    public static TrimmedScore Compute(IReadOnlyList<Fraction> scores, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        var n = scores.Count;
        var tooFew = n < MinimumCounting;
        if (n == 0)
        {
            return new TrimmedScore(null, [], [], 0, 0, tooFew);
        }

        var effectiveK = tooFew ? 0 : Math.Min(k, (n - MinimumCounting) / 2);
        var indexes = Enumerable.Range(0, n).ToArray();
        var high = indexes
            .OrderByDescending(i => scores[i]).ThenByDescending(i => i)
            .Take(effectiveK).ToArray();
        var low = indexes
            .Where(i => !high.Contains(i))
            .OrderBy(i => scores[i]).ThenByDescending(i => i)
            .Take(effectiveK).ToArray();

        var counting = indexes.Where(i => !high.Contains(i) && !low.Contains(i)).ToArray();
        var sum = Exact.Sum(counting.Select(i => scores[i]));
        return new TrimmedScore(sum / new Fraction(counting.Length), high, low, counting.Length, effectiveK, tooFew);
    }
}
