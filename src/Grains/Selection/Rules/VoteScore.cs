using Fractions;

namespace Engagement.Selection.Rules;

public enum VoteScoreMethod
{
    /// <summary>100 × votes ÷ most votes: proportional, so every extra vote counts.</summary>
    MaxNormalised,

    /// <summary>12, 10, 8 … 1 points by place: caps what ballot stuffing can gain at one place.</summary>
    RankPoints,
}

/// <summary>Turns a round's vote counts into a vote score per case on a 0–100 scale.</summary>
public static class VoteScore
{
    /// <summary>Points by place, 1st to 10th; later places get none.</summary>
    public static IReadOnlyList<int> PlacePoints { get; } = Array.AsReadOnly(new[] { 12, 10, 8, 7, 6, 5, 4, 3, 2, 1 });

    private const int TopPlacePoints = 12;

    /// <summary>
    /// <see cref="VoteScoreMethod.MaxNormalised"/>: 100 × votes ÷ max votes (all 0 when no one voted).
    /// <see cref="VoteScoreMethod.RankPoints"/>: competition ranking by votes (ties share the better place,
    /// the next place is skipped), each case gets its place's points, scaled so 12 points = 100.
    /// A case with no votes scores 0 either way. Exact; round only to display.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A vote count is negative.</exception>
    public static IReadOnlyDictionary<string, Fraction> Compute(IReadOnlyDictionary<string, int> votes, VoteScoreMethod method)
    {
        ArgumentNullException.ThrowIfNull(votes);
        foreach (var (caseId, count) in votes)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(votes), count, $"Negative vote count for case {caseId}.");
            }
        }

        var max = votes.Count == 0 ? 0 : votes.Values.Max();
        var scores = new Dictionary<string, Fraction>(votes.Count, StringComparer.Ordinal);
        foreach (var (caseId, count) in votes)
        {
            scores[caseId] = count == 0 ? Fraction.Zero : method switch
            {
                VoteScoreMethod.MaxNormalised => new Fraction(100 * (long)count, max),
                VoteScoreMethod.RankPoints => new Fraction(PointsForPlace(1 + votes.Values.Count(v => v > count)) * 100, TopPlacePoints),
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
            };
        }

        return scores;
    }

    private static int PointsForPlace(int place) => place <= PlacePoints.Count ? PlacePoints[place - 1] : 0;
}
