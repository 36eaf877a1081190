using System.Security.Cryptography;
using System.Text;
using Engagement.Selection.Rules;
using Fractions;

namespace Engagement.Selection;

/// <summary>How the event's judges are scored, as the published formula states it.</summary>
/// <param name="RubricMax">The event's rubric maximum, stated when no scored case says otherwise.</param>
public sealed record JudgingTerms(decimal RubricMax, int TrimK, TooFewToTrim WhenTooFew)
{
    public static JudgingTerms Default { get; } = new(100m, 1, TooFewToTrim.AverageAll);
}

/// <summary>
/// Freezes a round's outcome: vote scores by the round's method, judge scores (on 0–100), the combined
/// score and the ranking by the declared tie chain — all compared as exact fractions — the formula as
/// published, and the final hash over the ledger chains that back it.
/// </summary>
public static class RoundResultsBuilder
{
    /// <summary>
    /// The cases of a live final with no judge score to publish: never revealed on stage (so not locked),
    /// or revealed with no marks. Empty for a vote round.
    /// </summary>
    public static IReadOnlyList<RoundCase> Unscored(RoundView round, IReadOnlyList<CaseScores> scores)
    {
        if (round.Settings.Kind != RoundKind.LiveFinal)
        {
            return [];
        }

        var byCase = scores.ToDictionary(s => s.CaseId);
        return round.Cases.Where(c => JudgeScoreOf(byCase.GetValueOrDefault(c.CaseId)) is null).ToList();
    }

    public static RoundResults Build(
        RoundView round,
        IReadOnlyDictionary<string, int> tally,
        IReadOnlyList<CaseScores> scores,
        IReadOnlyList<LedgerHead> chains,
        DateTimeOffset publishedAt,
        JudgingTerms? terms = null)
    {
        terms ??= JudgingTerms.Default;
        var settings = round.Settings;
        var live = settings.Kind == RoundKind.LiveFinal;
        var (judgeWeight, voteWeight) = live ? (settings.JudgeWeight, settings.VoteWeight) : (0m, 1m);
        var method = settings.VoteMethod == VoteMethod.RankPoints ? VoteScoreMethod.RankPoints : VoteScoreMethod.MaxNormalised;
        var votes = round.Cases.ToDictionary(c => c.CaseId, c => tally.GetValueOrDefault(c.CaseId));
        var voteScores = VoteScore.Compute(votes, method);
        var byCase = live ? scores.ToDictionary(s => s.CaseId) : [];
        var inputs = round.Cases.Select(c =>
        {
            var sheet = byCase.GetValueOrDefault(c.CaseId);
            var judge = JudgeScoreOf(sheet);
            return new RankingInput(c.CaseId, judge, voteScores[c.CaseId], judge is null ? [] : CriterionMeansOf(sheet!));
        }).ToList();
        var ranking = Ranking.Rank(inputs, judgeWeight, voteWeight)
            .Select(r =>
            {
                var sheet = byCase.GetValueOrDefault(r.CaseId);
                return new ResultRow(
                    r.CaseId,
                    r.Rank,
                    Exact.ToDecimal(r.FinalScore),
                    r.JudgeScore is { } judge ? Exact.ToDecimal(judge) : null,
                    Exact.ToDecimal(r.VoteScore),
                    votes[r.CaseId],
                    r.SharedRank,
                    r.DecidedBy,
                    Unscored: live && r.JudgeScore is null,
                    FinalExact: Exact.Text(r.FinalScore),
                    ShortOfTrim: r.JudgeScore is not null && sheet?.ShortOfTrim == true,
                    ReplacedJudges: r.JudgeScore is null ? 0 : sheet?.Replacements?.Count ?? 0);
            })
            .ToList();

        // The formula states the rubric maximum the scored cases were marked on (one, unless the rubric
        // changed between cases; then it says "the rubric's maximum" without a number).
        var maxima = live ? scores.Where(s => JudgeScoreOf(s) is not null).Select(s => s.MaxTotal).Distinct().ToList() : [];
        var formula = new FormulaTerms(
            method,
            judgeWeight,
            voteWeight,
            maxima.Count switch { 0 => terms.RubricMax, 1 => maxima[0], _ => null },
            terms.TrimK,
            terms.WhenTooFew);
        var finalHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', chains.Select(c => $"{c.Stream}:{c.Seq}:{c.Hash}"))))).ToLowerInvariant();
        return new RoundResults(
            ranking,
            Formula.Text(formula, english: false),
            Formula.Text(formula, english: true),
            chains,
            finalHash,
            publishedAt);
    }

    /// <summary>The exact 0–100 judge score of a revealed (locked) case; null when it has none to publish.</summary>
    private static Fraction? JudgeScoreOf(CaseScores? sheet)
    {
        if (sheet is not { Locked: true, JudgeScore: { } shown })
        {
            return null;
        }

        // The exact text is what the ranking compares; a sheet without one falls back to its decimal.
        return Exact.TryParse(sheet.JudgeScoreExact, out var exact) ? exact : Exact.Of(shown);
    }

    private static IReadOnlyList<Fraction?> CriterionMeansOf(CaseScores sheet) =>
        sheet.CriterionMeans.Select((shown, i) =>
            sheet.CriterionMeansExact is { } texts && i < texts.Count && Exact.TryParse(texts[i], out var exact)
                ? exact
                : shown is { } value ? Exact.Of(value) : (Fraction?)null).ToList();
}
