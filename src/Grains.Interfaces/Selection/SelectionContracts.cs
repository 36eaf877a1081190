namespace Engagement.Selection;

/// <summary>A selection event (e.g. 2026年度优秀主题党日活动案例评选): its cases, rubric and rounds.</summary>
[GenerateSerializer, Immutable]
public sealed record SelectionEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<CaseInfo> Cases,
    [property: Id(3)] IReadOnlyList<RubricCriterion> Rubric,
    [property: Id(4)] IReadOnlyList<string> RoundIds,
    [property: Id(5)] int TrimK,
    [property: Id(6)] TooFewToTrim WhenTooFewToTrim = TooFewToTrim.AverageAll);

[GenerateSerializer, Immutable]
public sealed record SelectionEventSummary(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable]
public sealed record RubricCriterion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal MaxPoints,
    [property: Id(3)] decimal Weight);

public enum CaseStatus
{
    Submitted,
    Accepted,
    Rejected,
}

/// <summary>A branch's theme-day case (主题党日活动案例).</summary>
[GenerateSerializer, Immutable]
public sealed record CaseInfo(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string BranchId,
    [property: Id(2)] string BranchName,
    [property: Id(3)] string Title,
    [property: Id(4)] string Summary,
    [property: Id(5)] DateOnly? ThemeDayDate,
    [property: Id(6)] IReadOnlyList<AttachmentRef> Attachments,
    [property: Id(7)] CaseStatus Status,
    [property: Id(8)] string? ReviewNote,
    [property: Id(9)] DateTimeOffset SubmittedAt);

[GenerateSerializer, Immutable]
public sealed record AttachmentRef(
    [property: Id(0)] string AttachmentId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Length);

[GenerateSerializer, Immutable]
public sealed record CaseSubmission(
    [property: Id(0)] string BranchId,
    [property: Id(1)] string BranchName,
    [property: Id(2)] string Title,
    [property: Id(3)] string Summary,
    [property: Id(4)] DateOnly? ThemeDayDate,
    [property: Id(5)] IReadOnlyList<AttachmentRef> Attachments);

public enum RoundKind
{
    /// <summary>Members vote; no judges (e.g. an online preliminary).</summary>
    Vote,

    /// <summary>Judges score each case on stage, members vote, both combine.</summary>
    LiveFinal,
}

public enum RoundStatus
{
    Draft,
    Open,
    Closed,
    Published,
}

public enum RevotePolicy
{
    FirstBallotFinal,
    LastBallotCounts,
}

public enum VoteMethod
{
    MaxNormalised,
    RankPoints,
}

/// <summary>
/// What a case's judge score does when recusal (回避) leaves too few judges to drop the declared number
/// of highest and lowest totals. Declared per event with the rubric, shown in the formula and the reveal.
/// </summary>
public enum TooFewToTrim
{
    /// <summary>Average the given totals, dropping fewer (or none): the rule before it was a choice.</summary>
    AverageAll,

    /// <summary>Each recused judge gets the mean of the given totals (as gymnastics does), then the full panel is trimmed.</summary>
    ReplaceRecused,
}

/// <summary>How a round runs. Fixed once the round opens.</summary>
[GenerateSerializer, Immutable]
public sealed record RoundSettings(
    [property: Id(0)] string Name,
    [property: Id(1)] RoundKind Kind,
    [property: Id(2)] IReadOnlyList<string> CaseIds,
    [property: Id(3)] int MinChoices,
    [property: Id(4)] int MaxChoices,
    [property: Id(5)] bool AllowOwnBranch,
    [property: Id(6)] RevotePolicy Revote,
    [property: Id(7)] bool Secret,
    [property: Id(8)] bool ShowLiveTallies,
    [property: Id(9)] decimal JudgeWeight,
    [property: Id(10)] decimal VoteWeight,
    [property: Id(11)] VoteMethod VoteMethod);

/// <summary>A case as a round needs it: which branch it belongs to (own-branch rule, recusal).</summary>
[GenerateSerializer, Immutable]
public sealed record RoundCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string BranchId,
    [property: Id(2)] string Title,
    [property: Id(3)] string BranchName);
