using System.Security.Cryptography;
using System.Text;
using Engagement.Selection.Rules;

namespace Engagement.Selection;

/// <summary>
/// Freezes a round's outcome: vote scores by the round's method, judge scores (trimmed means),
/// the combined score, the ranking by the declared tie chain, the formula as published, and the
/// final hash over the ledger chains that back it.
/// </summary>
public static class RoundResultsBuilder
{
    public static RoundResults Build(
        RoundView round,
        IReadOnlyDictionary<string, int> tally,
        IReadOnlyList<CaseScores> scores,
        IReadOnlyList<LedgerHead> chains,
        DateTimeOffset publishedAt)
    {
        var settings = round.Settings;
        var live = settings.Kind == RoundKind.LiveFinal;
        var (judgeWeight, voteWeight) = live ? (settings.JudgeWeight, settings.VoteWeight) : (0m, 1m);
        var method = settings.VoteMethod == VoteMethod.RankPoints ? VoteScoreMethod.RankPoints : VoteScoreMethod.MaxNormalised;
        var votes = round.Cases.ToDictionary(c => c.CaseId, c => tally.GetValueOrDefault(c.CaseId));
        var voteScores = VoteScore.Compute(votes, method);
        var byCase = scores.ToDictionary(s => s.CaseId);
        var inputs = round.Cases.Select(c => new RankingInput(
            c.CaseId,
            live ? byCase.GetValueOrDefault(c.CaseId)?.JudgeScore : null,
            voteScores[c.CaseId],
            live ? byCase.GetValueOrDefault(c.CaseId)?.CriterionMeans ?? [] : [])).ToList();
        var ranking = Ranking.Rank(inputs, judgeWeight, voteWeight)
            .Select(r => new ResultRow(r.CaseId, r.Rank, r.FinalScore, r.JudgeScore, r.VoteScore, votes[r.CaseId], r.SharedRank, r.DecidedBy))
            .ToList();
        var finalHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', chains.Select(c => $"{c.Stream}:{c.Seq}:{c.Hash}"))))).ToLowerInvariant();
        return new RoundResults(
            ranking,
            VoteScore.Formula(method, judgeWeight, voteWeight, english: false),
            VoteScore.Formula(method, judgeWeight, voteWeight, english: true),
            chains,
            finalHash,
            publishedAt);
    }
}
