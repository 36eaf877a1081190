using Fractions;

namespace Engagement.Selection.Rules;

/// <param name="JudgeScore">0–100 (<see cref="Rules.JudgeScore.Compute"/>); null in a vote-only round or for a case not scored.</param>
/// <param name="VoteScore">0–100, from <see cref="Rules.VoteScore.Compute"/>.</param>
/// <param name="CriteriaScores">Per-criterion judge averages in the declared tie-break priority order.</param>
public sealed record RankingInput(string CaseId, Fraction? JudgeScore, Fraction VoteScore, IReadOnlyList<Fraction?> CriteriaScores);

/// <param name="FinalScore">Exact; use <see cref="Scores.Display(Fraction)"/> to show it.</param>
/// <param name="SharedRank">Tied with a neighbour on the final score and the whole tie-break chain.</param>
/// <param name="DecidedBy">
/// Null unless this case had the same final score as the case above it and the chain separated them:
/// "judge", or "criterion:i" with i the 0-based position in <see cref="RankingInput.CriteriaScores"/>.
/// </param>
public sealed record RankedCase(
    string CaseId,
    int Rank,
    Fraction FinalScore,
    Fraction? JudgeScore,
    Fraction VoteScore,
    bool SharedRank,
    string? DecidedBy);

/// <summary>
/// Final ranking of a round, on exact fractions: cases whose final scores are equal are tied, however the
/// sum was reached. Ties are broken only by the chain declared before voting (judge score, then each
/// criterion in priority order), never by order of entry or rounding; what the chain cannot separate
/// shares a rank (1, 2, 2, 4).
/// </summary>
public static class Ranking
{
    public const string ByJudge = "judge";
    public const string ByCriterionPrefix = "criterion:";

    /// <summary>
    /// final = judgeWeight × (JudgeScore ?? 0) + voteWeight × VoteScore, exactly, sorted descending.
    /// In the tie-break chain a missing score (null, or a criterion beyond the list) ranks below any
    /// given score. Fully tied cases are listed by CaseId (ordinal) so the output is reproducible.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is negative, both are zero, or a case id repeats.</exception>
    public static IReadOnlyList<RankedCase> Rank(IReadOnlyList<RankingInput> cases, decimal judgeWeight, decimal voteWeight)
    {
        ArgumentNullException.ThrowIfNull(cases);
        CheckWeights(judgeWeight, voteWeight);
        var (jw, vw) = (Exact.Of(judgeWeight), Exact.Of(voteWeight));
        var duplicate = cases.GroupBy(c => c.CaseId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Case {duplicate.Key} is listed twice.", nameof(cases));
        }

        var sorted = cases
            .Select(c => (Input: c, Final: jw * (c.JudgeScore ?? Fraction.Zero) + vw * c.VoteScore))
            .OrderByDescending(c => c.Final)
            .ThenBy(c => c.Input, ChainOrder.Instance)
            .ThenBy(c => c.Input.CaseId, StringComparer.Ordinal)
            .ToList();

        var ranked = new RankedCase[sorted.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            var (input, final) = sorted[i];
            var rank = i + 1;
            string? decidedBy = null;
            var shared = false;
            if (i > 0 && sorted[i - 1].Final.CompareTo(final) == 0)
            {
                decidedBy = Decider(sorted[i - 1].Input, input);
                if (decidedBy is null)
                {
                    shared = true;
                    rank = ranked[i - 1].Rank;
                    ranked[i - 1] = ranked[i - 1] with { SharedRank = true };
                }
            }

            ranked[i] = new RankedCase(input.CaseId, rank, final, input.JudgeScore, input.VoteScore, shared, decidedBy);
        }

        return ranked;
    }

    /// <summary>Weights must be ≥ 0 and not both 0.</summary>
    internal static void CheckWeights(decimal judgeWeight, decimal voteWeight)
    {
        if (judgeWeight < 0m || voteWeight < 0m)
        {
            throw new ArgumentException($"Weights must not be negative (judge {judgeWeight}, vote {voteWeight}).");
        }

        if (judgeWeight + voteWeight <= 0m)
        {
            throw new ArgumentException("At least one weight must be above zero.");
        }
    }

    /// <summary>The first link of the chain that separates two cases, or null when they are fully tied.</summary>
    private static string? Decider(RankingInput above, RankingInput below) => Chain(above, below).Link;

    /// <summary>
    /// Walks the tie-break chain: judge score, then each criterion in priority order. Order is negative
    /// when <paramref name="x"/> is better; a missing score (null) ranks below any score.
    /// </summary>
    private static (int Order, string? Link) Chain(RankingInput x, RankingInput y)
    {
        var byJudge = Nullable.Compare(y.JudgeScore, x.JudgeScore);
        if (byJudge != 0)
        {
            return (byJudge, ByJudge);
        }

        var length = Math.Max(x.CriteriaScores.Count, y.CriteriaScores.Count);
        for (var i = 0; i < length; i++)
        {
            var byCriterion = Nullable.Compare(Criterion(y, i), Criterion(x, i));
            if (byCriterion != 0)
            {
                return (byCriterion, ByCriterionPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return (0, null);
    }

    private static Fraction? Criterion(RankingInput input, int index) =>
        index < input.CriteriaScores.Count ? input.CriteriaScores[index] : null;

    private sealed class ChainOrder : IComparer<RankingInput>
    {
        public static readonly ChainOrder Instance = new();

        // Inputs are never null here (the list's element type is non-nullable).
        public int Compare(RankingInput? x, RankingInput? y) => Chain(x!, y!).Order;
    }
}
