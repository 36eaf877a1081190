using Engagement.Live;
using Engagement.Selection;

namespace Engagement.Contest;

/// <summary>
/// A contest's stage final for teams (现场团队赛): 必答 (each team its own question), 抢答 (buzzer) and 风险 (risk)
/// questions, judged by the host. Not reentrant: calls are handled one at a time in the order they reach this grain,
/// so the first buzz received here wins, whichever web host it came through. Every presentation, buzz (early ones
/// too), risk choice, judgement, correction and adjustment is on the ledger stream <c>contest:{id}:stage</c> before it
/// is answered. Key: the contest id. Publishes the public topic <c>final:{id}</c> (big screen and team tablets).
/// </summary>
public interface IStageFinalGrain : IGrainWithStringKey, ILiveTopicSource
{
    /// <summary>The host's view: every question with its key. Organisers only.</summary>
    Task<StageView> Get();

    /// <summary>Rules, teams and the question list; only before the final starts.</summary>
    Task<StageView> Configure(StageSetup setup);

    Task<StageView> Start();

    /// <summary>Shows question <paramref name="questionNo"/> (a risk question only once its team has chosen a value).</summary>
    Task<StageView> Present(int questionNo, string actor);

    /// <summary>The host says "开始" on a buzzer question: buzzes from now on count. Again after a wrong answer, if the rules reopen.</summary>
    Task<StageView> OpenBuzzing(int questionNo, string actor);

    /// <summary>A team desk's buzz: the first one received while buzzing is open takes the floor.</summary>
    Task<BuzzResult> Buzz(BuzzRequest buzz);

    /// <summary>A team picks its risk value before its risk question is shown.</summary>
    Task<StageView> ChooseRisk(RiskChoice choice);

    /// <summary>The host's judgement of the team that has the floor.</summary>
    Task<StageView> Judge(JudgementRequest judgement);

    /// <summary>Changes an earlier judgement; the reason is required and kept.</summary>
    Task<StageView> CorrectJudgement(JudgementCorrection correction);

    /// <summary>Adds or takes points outside a judgement; the reason is required and kept.</summary>
    Task<StageView> Adjust(PointsAdjustment adjustment);

    Task<StageView> Finish(string actor);

    Task<IReadOnlyList<LedgerHead>> GetLedgerHeads();
}

public enum StagePart
{
    /// <summary>必答题: the question's own team answers.</summary>
    Required,

    /// <summary>抢答题: the first team to buzz after the host opens buzzing answers.</summary>
    Buzzer,

    /// <summary>风险题: the team chooses a value before seeing the question; correct adds it, wrong takes it.</summary>
    Risk,
}

/// <summary>What happens to a team that buzzes before the host opens buzzing (违规).</summary>
public enum EarlyBuzzRule
{
    /// <summary>The buzz is refused and recorded; nothing else.</summary>
    Refuse,

    /// <summary>The team may not buzz on this question.</summary>
    LoseTurn,

    /// <summary>The team loses <see cref="StageRules.EarlyBuzzPenalty"/> points (once per question) and may still buzz.</summary>
    Penalty,
}

[GenerateSerializer, Immutable]
public sealed record StageRules(
    [property: Id(0)] int RequiredCorrect,
    [property: Id(1)] int RequiredWrong,
    [property: Id(2)] int BuzzCorrect,
    [property: Id(3)] int BuzzWrong,
    [property: Id(4)] EarlyBuzzRule EarlyBuzz,
    [property: Id(5)] int EarlyBuzzPenalty,
    [property: Id(6)] bool ReopenAfterWrong,
    [property: Id(7)] IReadOnlyList<int> RiskValues,
    [property: Id(8)] int AnswerSeconds);

/// <summary>A team at a desk: a branch or a district, with a few named players.</summary>
[GenerateSerializer, Immutable]
public sealed record StageTeam(
    [property: Id(0)] string TeamId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? BranchId,
    [property: Id(3)] string? District,
    [property: Id(4)] IReadOnlyList<string> Players);

/// <param name="TeamId">Whose question it is: required for 必答 and 风险, null for 抢答.</param>
[GenerateSerializer, Immutable]
public sealed record StageQuestion(
    [property: Id(0)] int No,
    [property: Id(1)] StagePart Part,
    [property: Id(2)] Question Question,
    [property: Id(3)] string? TeamId);

[GenerateSerializer, Immutable]
public sealed record StageSetup(
    [property: Id(0)] StageRules Rules,
    [property: Id(1)] IReadOnlyList<StageTeam> Teams,
    [property: Id(2)] IReadOnlyList<StageQuestion> Questions);

public enum StageStatus
{
    Setup,
    Running,
    Finished,
}

/// <summary>Where the current stage question stands.</summary>
public enum StagePhase
{
    /// <summary>No question on stage (before the first, or between questions).</summary>
    Idle,

    /// <summary>The question is shown; for 抢答 buzzing is not open yet (a buzz now is early).</summary>
    Presented,

    /// <summary>抢答: buzzing is open.</summary>
    BuzzOpen,

    /// <summary>A team has the floor and answers; the host judges.</summary>
    Answering,

    /// <summary>Judged: the answer and explanation are shown.</summary>
    Judged,
}

/// <param name="BuzzId">The tablet's own id for this buzz: a retry gets the same result.</param>
[GenerateSerializer, Immutable]
public sealed record BuzzRequest(
    [property: Id(0)] string BuzzId,
    [property: Id(1)] string TeamId,
    [property: Id(2)] int QuestionNo);

public enum BuzzOutcome
{
    /// <summary>This buzz took the floor.</summary>
    Won,

    /// <summary>Another team was first.</summary>
    Late,

    /// <summary>Before the host opened buzzing (违规), with the rules' consequence.</summary>
    Early,

    /// <summary>This team may not buzz on this question (answered it already, or lost its turn).</summary>
    Excluded,

    /// <summary>No buzzer question is on stage.</summary>
    Closed,
}

/// <param name="Winner">The team with the floor now, if any.</param>
/// <param name="Seq">The buzz's ledger position (its place in the order the grain received buzzes).</param>
[GenerateSerializer, Immutable]
public sealed record BuzzResult(
    [property: Id(0)] BuzzOutcome Outcome,
    [property: Id(1)] string? Winner,
    [property: Id(2)] long Seq,
    [property: Id(3)] DateTimeOffset ReceivedAt);

[GenerateSerializer, Immutable]
public sealed record RiskChoice(
    [property: Id(0)] string TeamId,
    [property: Id(1)] int QuestionNo,
    [property: Id(2)] int Value,
    [property: Id(3)] string Actor);

[GenerateSerializer, Immutable]
public sealed record JudgementRequest(
    [property: Id(0)] int QuestionNo,
    [property: Id(1)] string TeamId,
    [property: Id(2)] bool Correct,
    [property: Id(3)] string Actor);

[GenerateSerializer, Immutable]
public sealed record JudgementCorrection(
    [property: Id(0)] long JudgementSeq,
    [property: Id(1)] bool Correct,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Actor);

[GenerateSerializer, Immutable]
public sealed record PointsAdjustment(
    [property: Id(0)] string TeamId,
    [property: Id(1)] int Points,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Actor);

/// <summary>One change to a team's score, as the scoreboard and the audit show it.</summary>
/// <param name="Kind">"judgement", "correction", "adjustment" or "early-buzz".</param>
[GenerateSerializer, Immutable]
public sealed record ScoreChange(
    [property: Id(0)] long Seq,
    [property: Id(1)] string TeamId,
    [property: Id(2)] int Points,
    [property: Id(3)] string Kind,
    [property: Id(4)] int? QuestionNo,
    [property: Id(5)] bool? Correct,
    [property: Id(6)] string? Reason,
    [property: Id(7)] string Actor,
    [property: Id(8)] DateTimeOffset At);

/// <param name="LastChange">The team's most recent score change (shown beside its score), if any.</param>
[GenerateSerializer, Immutable]
public sealed record TeamScore(
    [property: Id(0)] int Rank,
    [property: Id(1)] string TeamId,
    [property: Id(2)] string Name,
    [property: Id(3)] int Points,
    [property: Id(4)] int? LastChange);

/// <summary>The public stage (topic <c>final:{id}</c>): the big screen and every team tablet.</summary>
/// <param name="Question">The question on stage, without its key until judged; null when idle or before a risk value is chosen.</param>
/// <param name="Answer">The key and explanation once judged (null otherwise).</param>
/// <param name="Floor">The team that has the floor (buzz winner, or the question's own team).</param>
/// <param name="Excluded">Teams that may not buzz on the current question.</param>
/// <param name="RiskValue">The value chosen for the current risk question.</param>
/// <param name="NextRisk">The next risk question's number and team while it waits for the team's choice.</param>
[GenerateSerializer, Immutable]
public sealed record StageLive(
    [property: Id(0)] string ContestId,
    [property: Id(1)] StageStatus Status,
    [property: Id(2)] StageRules Rules,
    [property: Id(3)] IReadOnlyList<StageTeam> Teams,
    [property: Id(4)] int QuestionCount,
    [property: Id(5)] int Current,
    [property: Id(6)] StagePart? Part,
    [property: Id(7)] string? QuestionTeam,
    [property: Id(8)] PublicQuestion? Question,
    [property: Id(9)] StagePhase Phase,
    [property: Id(10)] DateTimeOffset? PhaseAt,
    [property: Id(11)] string? Floor,
    [property: Id(12)] IReadOnlyList<string> Excluded,
    [property: Id(13)] int? RiskValue,
    [property: Id(14)] string? Answer,
    [property: Id(15)] string? Explanation,
    [property: Id(16)] IReadOnlyList<TeamScore> Scores,
    [property: Id(17)] IReadOnlyList<ScoreChange> Recent,
    [property: Id(18)] string? FinalHash,
    [property: Id(19)] NextRisk? NextRisk = null);

/// <summary>The next risk question not yet on stage, its team, and the value the team has chosen for it so far (null: none yet).</summary>
[GenerateSerializer, Immutable]
public sealed record NextRisk(
    [property: Id(0)] int QuestionNo,
    [property: Id(1)] string TeamId,
    [property: Id(2)] int? Value);

/// <summary>The host's stage view: the setup with every key, every score change, and the public state.</summary>
[GenerateSerializer, Immutable]
public sealed record StageView(
    [property: Id(0)] string ContestId,
    [property: Id(1)] StageStatus Status,
    [property: Id(2)] StageSetup Setup,
    [property: Id(3)] IReadOnlyList<ScoreChange> Changes,
    [property: Id(4)] IReadOnlyDictionary<string, int> RiskChoices,
    [property: Id(5)] long Revision,
    [property: Id(6)] StageLive Live);
