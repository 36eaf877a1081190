using Engagement.Live;

namespace Engagement.Selection;

/// <summary>
/// One voting round: its settings, its state machine (draft → open → closed → published) and its
/// ballots. Ballots are written to an append-only ledger in group commits and acknowledged only once
/// their batch is durable. Key: the round id.
/// </summary>
public interface IRoundGrain : IGrainWithStringKey, ILiveTopicSource
{
    Task<RoundView> Get();

    /// <summary>Creates or changes a draft round.</summary>
    Task<RoundView> Configure(string eventId, RoundSettings settings, IReadOnlyList<RoundCase> cases);

    Task<RoundView> Open(RoundOpening opening);
    Task<RoundView> Close();

    /// <summary>
    /// Gives a draft or open round a closing time (null removes it). The round closes itself then, through
    /// a reminder, so a restart before the deadline still closes it on time; ballots after it are refused.
    /// </summary>
    Task<RoundView> SetClosingTime(DateTimeOffset? closesAt);
    Task<RoundView> Publish(RoundResults results);

    Task<BallotReceipt> Vote(BallotRequest ballot);

    /// <summary>The member's own ballot state in this round (for their phone).</summary>
    Task<MemberBallotView> GetMemberView(string memberNo);

    /// <summary>
    /// Vote counts per case, for the organiser and the publication; null while a secret round is not yet
    /// closed (turnout only until close, for every role: a live tally beside a live list of who has voted
    /// tells choices apart in a small electorate).
    /// </summary>
    Task<IReadOnlyDictionary<string, int>?> GetTally();

    /// <summary>After publication: is this receipt among the counted ballots?</summary>
    Task<bool> HasReceipt(string receipt);

    /// <summary>Receipts of counted ballots, published for members to check theirs.</summary>
    Task<IReadOnlyList<string>> GetReceipts();

    /// <summary>The heads of the round's ledger streams (for a secret round also the voters' chain and the ballot box's fingerprint).</summary>
    Task<IReadOnlyList<LedgerHead>> GetLedgerHeads();

    /// <summary>The snapshot of the round's phone topic (<see cref="Topics.Pulse"/>).</summary>
    Task<TopicUpdate> GetPulse();
}

/// <summary>What the round knows at opening: the branches and their eligible members, for turnout.</summary>
[GenerateSerializer, Immutable]
public sealed record RoundOpening([property: Id(0)] IReadOnlyList<BranchTurnout> Branches);

/// <param name="BallotId">Chosen by the phone; sending the same ballot again returns the same receipt.</param>
/// <param name="BranchId">The voter's branch, from their sign-in (own-branch rule, turnout).</param>
[GenerateSerializer, Immutable]
public sealed record BallotRequest(
    [property: Id(0)] string MemberNo,
    [property: Id(1)] string BranchId,
    [property: Id(2)] string BallotId,
    [property: Id(3)] IReadOnlyList<string> Choices);

[GenerateSerializer, Immutable]
public sealed record BallotReceipt(
    [property: Id(0)] string Receipt,
    [property: Id(1)] IReadOnlyList<string> Choices,
    [property: Id(2)] bool Replaced);

[GenerateSerializer, Immutable]
public sealed record MemberBallotView(
    [property: Id(0)] bool HasVoted,
    [property: Id(1)] string? Receipt,
    [property: Id(2)] IReadOnlyList<string>? Choices);

[GenerateSerializer, Immutable]
public sealed record RoundView(
    [property: Id(0)] string RoundId,
    [property: Id(1)] string EventId,
    [property: Id(2)] RoundStatus Status,
    [property: Id(3)] RoundSettings Settings,
    [property: Id(4)] IReadOnlyList<RoundCase> Cases,
    [property: Id(5)] int Ballots,
    [property: Id(6)] RoundResults? Results,
    [property: Id(7)] long Revision,
    [property: Id(8)] DateTimeOffset? ClosesAt = null);

/// <summary>
/// What the big screen and phones see live. Tallies are null when the round hides them. Pages count down to
/// <c>ClosesAt</c> on the server's clock (taken from the HTTP Date header), never on the device's own.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoundLive(
    [property: Id(0)] string RoundId,
    [property: Id(1)] RoundStatus Status,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<RoundCase> Cases,
    [property: Id(4)] int Ballots,
    [property: Id(5)] int Eligible,
    [property: Id(6)] IReadOnlyDictionary<string, int>? Tally,
    [property: Id(7)] IReadOnlyList<BranchTurnout> Turnout,
    [property: Id(8)] RoundResults? Results,
    [property: Id(9)] bool Secret = false,
    [property: Id(10)] bool ShowLiveTallies = false,
    [property: Id(11)] DateTimeOffset? ClosesAt = null);

/// <summary>
/// What a member's phone follows while the hall votes: the round's status and counts, without the
/// per-branch turnout and case list of <see cref="RoundLive"/> (a twentieth of its size). Thousands of
/// phones get it at most once a second; the big screen keeps the full snapshot ten times a second.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoundPulse(
    [property: Id(0)] string RoundId,
    [property: Id(1)] RoundStatus Status,
    [property: Id(2)] int Ballots,
    [property: Id(3)] int Eligible,
    [property: Id(4)] IReadOnlyDictionary<string, int>? Tally,
    [property: Id(5)] DateTimeOffset? ClosesAt = null);

[GenerateSerializer, Immutable]
public sealed record BranchTurnout(
    [property: Id(0)] string BranchId,
    [property: Id(1)] string BranchName,
    [property: Id(2)] int Voted,
    [property: Id(3)] int Eligible);

/// <summary>The head of a hash chain: anyone holding the entries can recompute it.</summary>
[GenerateSerializer, Immutable]
public sealed record LedgerHead(
    [property: Id(0)] string Stream,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Hash);

/// <summary>The published outcome of a round, frozen at publication.</summary>
[GenerateSerializer, Immutable]
public sealed record RoundResults(
    [property: Id(0)] IReadOnlyList<ResultRow> Ranking,
    [property: Id(1)] string Formula,
    [property: Id(2)] string FormulaEn,
    [property: Id(3)] IReadOnlyList<LedgerHead> Chains,
    [property: Id(4)] string FinalHash,
    [property: Id(5)] DateTimeOffset PublishedAt,
    [property: Id(6)] string EventTitle = "");

/// <summary>One case's line in the published ranking. Scores are decimals made from the exact values the ranking compared.</summary>
/// <param name="JudgeScore">0–100; null in a vote-only round, and for a case published without a judge score (<paramref name="Unscored"/>).</param>
/// <param name="Unscored">A live final's case that was never scored on stage, published on the organiser's confirmation: 未评分, not 0.</param>
/// <param name="FinalExact">The final score as the exact fraction "n/d" the ranking compared: equal ones are tied.</param>
/// <param name="ShortOfTrim">Too few judges to drop as many highest and lowest totals as declared.</param>
/// <param name="ReplacedJudges">Recused judges whose place was filled with the mean of the given totals.</param>
[GenerateSerializer, Immutable]
public sealed record ResultRow(
    [property: Id(0)] string CaseId,
    [property: Id(1)] int Rank,
    [property: Id(2)] decimal FinalScore,
    [property: Id(3)] decimal? JudgeScore,
    [property: Id(4)] decimal VoteScore,
    [property: Id(5)] int Votes,
    [property: Id(6)] bool SharedRank,
    [property: Id(7)] string? DecidedBy,
    [property: Id(8)] bool Unscored = false,
    [property: Id(9)] string? FinalExact = null,
    [property: Id(10)] bool ShortOfTrim = false,
    [property: Id(11)] int ReplacedJudges = 0);
