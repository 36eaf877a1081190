using Engagement.Live;

namespace Engagement.Selection;

/// <summary>
/// The judges' side of a live round: which case is on stage, the reveal phase, every judge's marks.
/// Every command is written to the round's judging ledger stream before it takes effect, and the
/// grain rebuilds itself from that stream. Key: the round id.
/// </summary>
public interface IJudgingGrain : IGrainWithStringKey, ILiveTopicSource
{
    Task<StageView> GetStage();

    /// <summary>
    /// Puts a case on stage (phase Presenting). The panel, rubric and trimming rule are fixed for that case now.
    /// <paramref name="panel"/> is every judge whose link is valid for the event; the round's chosen panel
    /// (<see cref="SetPanel"/>) narrows it.
    /// </summary>
    Task<StageView> PresentCase(StageCase stageCase, IReadOnlyList<JudgeSeat> panel, IReadOnlyList<RubricCriterion> rubric, int trimK, TooFewToTrim whenTooFewToTrim);

    /// <summary>
    /// Chooses the round's panel: the judges (grant ids) who score the cases put on stage from now on; null for
    /// every judge whose link is valid for the event. A case already on stage keeps the panel it was presented with.
    /// </summary>
    Task<RoundPanel> SetPanel(IReadOnlyList<string>? judgeIds);

    /// <summary>The round's chosen panel (null ids: every judge of the event).</summary>
    Task<RoundPanel> GetPanel();

    /// <summary>Moves the current case forward: Presenting → Scoring → Revealed (locks it) ; or to the final ranking.</summary>
    Task<StageView> Advance(StagePhase to);

    /// <summary>A judge submits or amends marks for the case on stage. Refused when recused, locked or not on stage.</summary>
    Task<JudgeScoreView> Submit(JudgeSeat judge, string caseId, IReadOnlyDictionary<string, decimal> marks);

    /// <summary>What a judge sees: the case on stage and their own marks for it.</summary>
    Task<JudgeScoreView> GetForJudge(string judgeId);

    /// <summary>Every case's scores, for the results and the score sheet.</summary>
    Task<IReadOnlyList<CaseScores>> GetScores();

    Task<LedgerHead> GetLedgerHead();
}

public enum StagePhase
{
    Idle,
    Presenting,
    Scoring,
    Revealed,
    Final,
}

[GenerateSerializer, Immutable]
public sealed record StageCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string Title,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string BranchName);

[GenerateSerializer, Immutable]
public sealed record JudgeSeat(
    [property: Id(0)] string JudgeId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? BranchId);

/// <summary>
/// The big screen's view of the stage. Marks appear only once revealed. <see cref="Result"/> is the judge
/// score on the 0–100 scale it is combined on; <see cref="MeanTotal"/> the trimmed mean on the rubric's
/// own scale (out of <see cref="MaxTotal"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StageView(
    [property: Id(0)] string RoundId,
    [property: Id(1)] StagePhase Phase,
    [property: Id(2)] StageCase? Case,
    [property: Id(3)] int Submitted,
    [property: Id(4)] int Expected,
    [property: Id(5)] IReadOnlyList<RevealedMark>? Marks,
    [property: Id(6)] decimal? Result,
    [property: Id(7)] IReadOnlyList<string> Recused,
    [property: Id(8)] IReadOnlyList<RubricCriterion> Rubric,
    [property: Id(9)] long Version,
    [property: Id(10)] int TrimK = 1,
    [property: Id(11)] decimal? MeanTotal = null,
    [property: Id(12)] decimal MaxTotal = 100m,
    [property: Id(13)] bool ShortOfTrim = false,
    [property: Id(14)] TooFewToTrim WhenTooFewToTrim = TooFewToTrim.AverageAll);

/// <param name="Replaced">A recused judge's place, filled with the mean of the given totals (<see cref="TooFewToTrim.ReplaceRecused"/>).</param>
[GenerateSerializer, Immutable]
public sealed record RevealedMark(
    [property: Id(0)] string JudgeName,
    [property: Id(1)] decimal Total,
    [property: Id(2)] bool Dropped,
    [property: Id(3)] bool Replaced = false);

/// <param name="OnPanel">The judge is on the panel of the case on stage (a recused judge is on it too, and <paramref name="Recused"/>).</param>
[GenerateSerializer, Immutable]
public sealed record JudgeScoreView(
    [property: Id(0)] StagePhase Phase,
    [property: Id(1)] StageCase? Case,
    [property: Id(2)] IReadOnlyList<RubricCriterion> Rubric,
    [property: Id(3)] IReadOnlyDictionary<string, decimal>? MyMarks,
    [property: Id(4)] bool Recused,
    [property: Id(5)] bool Locked,
    [property: Id(6)] bool OnPanel = false);

/// <param name="JudgeIds">The grant ids of the judges chosen for the round; null for every judge of the event.</param>
[GenerateSerializer, Immutable]
public sealed record RoundPanel(
    [property: Id(0)] IReadOnlyList<string>? JudgeIds);

/// <summary>One case's judging outcome: each judge's total, which were dropped, the judge score and per-criterion means.</summary>
/// <param name="JudgeScore">100 × <paramref name="MeanTotal"/> ÷ <paramref name="MaxTotal"/>: the 0–100 score combined with the vote score.</param>
/// <param name="MeanTotal">The trimmed mean of the totals, on the rubric's own scale.</param>
/// <param name="JudgeScoreExact">The judge score as an exact fraction "n/d", for the ranking to compare exactly.</param>
/// <param name="CriterionMeansExact">The criterion means likewise (the tie-break chain).</param>
/// <param name="ShortOfTrim">Too few judges to drop as many highest and lowest as declared.</param>
/// <param name="Replacements">Recused judges' places filled with the mean of the given totals, if the event says so.</param>
[GenerateSerializer, Immutable]
public sealed record CaseScores(
    [property: Id(0)] string CaseId,
    [property: Id(1)] IReadOnlyList<JudgeMark> Marks,
    [property: Id(2)] decimal? JudgeScore,
    [property: Id(3)] IReadOnlyList<decimal?> CriterionMeans,
    [property: Id(4)] IReadOnlyList<string> RecusedJudges,
    [property: Id(5)] bool Locked,
    [property: Id(6)] decimal? MeanTotal = null,
    [property: Id(7)] decimal MaxTotal = 100m,
    [property: Id(8)] string? JudgeScoreExact = null,
    [property: Id(9)] IReadOnlyList<string?>? CriterionMeansExact = null,
    [property: Id(10)] bool ShortOfTrim = false,
    [property: Id(11)] IReadOnlyList<RevealedMark>? Replacements = null);

[GenerateSerializer, Immutable]
public sealed record JudgeMark(
    [property: Id(0)] string JudgeId,
    [property: Id(1)] string JudgeName,
    [property: Id(2)] IReadOnlyDictionary<string, decimal> Marks,
    [property: Id(3)] decimal Total,
    [property: Id(4)] bool Dropped,
    [property: Id(5)] int Amendments);
