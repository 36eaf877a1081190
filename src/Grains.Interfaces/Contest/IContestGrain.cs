using Engagement.Live;
using Engagement.Selection;

namespace Engagement.Contest;

/// <summary>
/// One knowledge contest's hall round (全员答题): its settings, its fixed question list, the host's steps and every
/// member's answers. Answers are decided in one turn and acknowledged only once durable on the ledger stream
/// <c>contest:{id}</c> (with the host's steps and the draw). The deadline is this grain's clock, never a phone's.
/// Key: the contest id. Publishes the public topic <c>contest:{id}</c> (big screen and phones): a question's text
/// appears only once it is shown, its key and explanation only once it is revealed.
/// </summary>
public interface IContestGrain : IGrainWithStringKey, ILiveTopicSource
{
    /// <summary>The host's view: everything, the answer keys included. Organisers only.</summary>
    Task<ContestView> Get();

    /// <summary>Title and scoring; only before the hall round starts.</summary>
    Task<ContestView> Configure(ContestSettings settings);

    /// <summary>Fixes the question list by hand (copies of the bank's questions, in this order); only before the start.</summary>
    Task<ContestView> SetQuestions(IReadOnlyList<Question> questions);

    /// <summary>Draws the question list from the bank by the rules and a seed, and records the draw in the ledger.</summary>
    Task<ContestView> Draw(QuestionBankView bank, QuestionDrawRequest draw);

    /// <summary>Starts the hall round with the roster's branches as they are now (for participation rates).</summary>
    Task<ContestView> Start(IReadOnlyList<ContestBranch> branches);

    /// <summary>
    /// The host moves question <see cref="HostStep.QuestionNo"/> to <see cref="HostStep.Phase"/>: show → open → lock →
    /// reveal, then the next question. Asking for the state it is already in returns it unchanged (a double click).
    /// </summary>
    Task<ContestView> Step(HostStep step);

    /// <summary>Ends the hall round: the standings are final and carry the ledger's final hash.</summary>
    Task<ContestView> Finish();

    /// <summary>One member's answer to the open question; retries with the same answer id get the same receipt.</summary>
    Task<AnswerReceipt> Answer(AnswerRequest answer);

    /// <summary>What one member's phone shows: the public state plus their own answers, marks and rank.</summary>
    Task<PhoneView> GetPhoneView(string memberNo);

    /// <summary>Standings after the last revealed question (all members and groups, for results and export).</summary>
    Task<HallStandings> GetStandings();

    /// <summary>Every revealed question's results (distribution, correct count) and every answer, for results and export.</summary>
    Task<HallRecord> GetRecord();

    Task<IReadOnlyList<LedgerHead>> GetLedgerHeads();
}

public enum ContestStatus
{
    Draft,
    Running,
    Finished,
}

/// <summary>Where the current question stands. <see cref="None"/>: no question shown yet.</summary>
public enum HallPhase
{
    None,
    Shown,
    Open,
    Locked,
    Revealed,
}

/// <summary>How a multiple-choice answer that is not exactly right scores.</summary>
public enum PartialCredit
{
    /// <summary>少选、多选、错选均不得分: only the exact set scores.</summary>
    None,

    /// <summary>A correct subset with no wrong option scores points × chosen ÷ correct options.</summary>
    Proportional,
}

/// <summary>How branches and districts are ranked (the rule is shown on the screen).</summary>
public enum GroupRanking
{
    /// <summary>Average total of the members who took part.</summary>
    Average,

    /// <summary>Members who took part ÷ members on the roster.</summary>
    Participation,

    /// <summary>Average × participation rate (= total ÷ members on the roster).</summary>
    AverageTimesParticipation,
}

/// <param name="SpeedBonus">When on, a correct answer after t of T seconds scores points × (1 − ½ · t ÷ T).</param>
/// <param name="WrongPenalty">Points taken for a wrong answer (0: no negative marking). Not answering costs nothing.</param>
/// <param name="AnswerSeconds">The countdown once answering opens (5–120 s).</param>
[GenerateSerializer, Immutable]
public sealed record HallScoring(
    [property: Id(0)] bool SpeedBonus,
    [property: Id(1)] int WrongPenalty,
    [property: Id(2)] PartialCredit Partial,
    [property: Id(3)] int AnswerSeconds);

/// <param name="TopMembers">How many members the screen's individual standings show (1–50).</param>
[GenerateSerializer, Immutable]
public sealed record ContestSettings(
    [property: Id(0)] string Title,
    [property: Id(1)] HallScoring Scoring,
    [property: Id(2)] GroupRanking Ranking,
    [property: Id(3)] int TopMembers);

/// <summary>A branch as the roster had it when the hall round started.</summary>
[GenerateSerializer, Immutable]
public sealed record ContestBranch(
    [property: Id(0)] string BranchId,
    [property: Id(1)] string Name,
    [property: Id(2)] string District,
    [property: Id(3)] int Eligible);

/// <param name="QuestionNo">1-based position in the contest's question list.</param>
[GenerateSerializer, Immutable]
public sealed record HostStep(
    [property: Id(0)] int QuestionNo,
    [property: Id(1)] HallPhase Phase);

/// <summary>A member's answer; member, name and branch come from their sign-in, never from the request body.</summary>
/// <param name="AnswerId">The phone's own id for this answer: a retry with the same id gets the same receipt.</param>
/// <param name="Choice">Option letters ("B", "AC"); "A"/"B" for true/false. Order and case do not matter.</param>
[GenerateSerializer, Immutable]
public sealed record AnswerRequest(
    [property: Id(0)] string AnswerId,
    [property: Id(1)] string MemberNo,
    [property: Id(2)] string Name,
    [property: Id(3)] string BranchId,
    [property: Id(4)] int QuestionNo,
    [property: Id(5)] string Choice);

/// <param name="ElapsedMs">Server time from opening to receipt.</param>
[GenerateSerializer, Immutable]
public sealed record AnswerReceipt(
    [property: Id(0)] string Receipt,
    [property: Id(1)] int QuestionNo,
    [property: Id(2)] string Choice,
    [property: Id(3)] int ElapsedMs);

/// <summary>A question as phones and the screen see it before the reveal: no key, no explanation.</summary>
[GenerateSerializer, Immutable]
public sealed record PublicQuestion(
    [property: Id(0)] int No,
    [property: Id(1)] QuestionType Type,
    [property: Id(2)] string Stem,
    [property: Id(3)] IReadOnlyList<string> Options,
    [property: Id(4)] int Points,
    [property: Id(5)] string Category,
    [property: Id(6)] string? Image);

/// <summary>A revealed question: the key, the explanation and how the hall answered (count per option letter).</summary>
[GenerateSerializer, Immutable]
public sealed record QuestionReveal(
    [property: Id(0)] int No,
    [property: Id(1)] string Answer,
    [property: Id(2)] string Explanation,
    [property: Id(3)] IReadOnlyDictionary<string, int> Distribution,
    [property: Id(4)] int Answered,
    [property: Id(5)] int Correct);

/// <summary>The public state of the hall round (topic <c>contest:{id}</c>): the big screen and every phone.</summary>
/// <param name="Question">The current question once shown; null before.</param>
/// <param name="Reveal">The current question's reveal once revealed; null before.</param>
/// <param name="Standings">After the last revealed question: top members and every branch and district.</param>
/// <param name="FinalHash">The ledger stream's final hash once finished.</param>
[GenerateSerializer, Immutable]
public sealed record ContestLive(
    [property: Id(0)] string ContestId,
    [property: Id(1)] string Title,
    [property: Id(2)] ContestStatus Status,
    [property: Id(3)] int QuestionCount,
    [property: Id(4)] PublicQuestion? Question,
    [property: Id(5)] HallPhase Phase,
    [property: Id(6)] DateTimeOffset? OpenedAt,
    [property: Id(7)] DateTimeOffset? ClosesAt,
    [property: Id(8)] int Answered,
    [property: Id(9)] QuestionReveal? Reveal,
    [property: Id(10)] HallStandings? Standings,
    [property: Id(11)] HallScoring Scoring,
    [property: Id(12)] GroupRanking Ranking,
    [property: Id(13)] int Participants,
    [property: Id(14)] string? FinalHash);

/// <summary>The host's view (organisers only): settings, every question with its key, where the round stands.</summary>
[GenerateSerializer, Immutable]
public sealed record ContestView(
    [property: Id(0)] string ContestId,
    [property: Id(1)] ContestStatus Status,
    [property: Id(2)] ContestSettings Settings,
    [property: Id(3)] IReadOnlyList<Question> Questions,
    [property: Id(4)] int Current,
    [property: Id(5)] HallPhase Phase,
    [property: Id(6)] DateTimeOffset? OpenedAt,
    [property: Id(7)] DateTimeOffset? ClosesAt,
    [property: Id(8)] int Answered,
    [property: Id(9)] QuestionDrawRecord? Draw,
    [property: Id(10)] long Revision,
    [property: Id(11)] ContestLive Live);

/// <summary>A member's own answer; <see cref="Correct"/> and <see cref="Points"/> only once the question is revealed.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberAnswer(
    [property: Id(0)] int QuestionNo,
    [property: Id(1)] string Choice,
    [property: Id(2)] string Receipt,
    [property: Id(3)] int ElapsedMs,
    [property: Id(4)] bool? Correct,
    [property: Id(5)] int? Points);

/// <summary>What one phone shows: the public state, this member's answers so far and their place.</summary>
/// <param name="Me">The member's standing after the last revealed question; null before they have a mark.</param>
[GenerateSerializer, Immutable]
public sealed record PhoneView(
    [property: Id(0)] ContestLive Live,
    [property: Id(1)] IReadOnlyList<MemberAnswer> Answers,
    [property: Id(2)] MemberStanding? Me,
    [property: Id(3)] int Ranked);

/// <param name="Points">Sum of the member's marks (each an integer, see <c>AnswerScoring</c>).</param>
/// <param name="TimeMs">Total answer time of the member's answers, for the tie chain.</param>
[GenerateSerializer, Immutable]
public sealed record MemberStanding(
    [property: Id(0)] int Rank,
    [property: Id(1)] string MemberNo,
    [property: Id(2)] string Name,
    [property: Id(3)] string BranchId,
    [property: Id(4)] int Points,
    [property: Id(5)] int Correct,
    [property: Id(6)] int Answered,
    [property: Id(7)] long TimeMs);

/// <summary>A branch's or district's standing. Values are rounded to 2 decimals for showing; ranks come from exact values.</summary>
/// <param name="Key">The branch id, or the district's name.</param>
/// <param name="Score">The value the ranking rule ranks by.</param>
[GenerateSerializer, Immutable]
public sealed record GroupStanding(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Key,
    [property: Id(2)] string Name,
    [property: Id(3)] string? District,
    [property: Id(4)] int Participants,
    [property: Id(5)] int Eligible,
    [property: Id(6)] decimal Score,
    [property: Id(7)] decimal Average,
    [property: Id(8)] decimal ParticipationRate,
    [property: Id(9)] decimal AverageCorrect,
    [property: Id(10)] decimal AverageTimeMs);

/// <param name="AfterQuestion">The last revealed question these standings include (0: none yet).</param>
/// <param name="Members">Every member with a mark, best first (the public topic carries only the top ones).</param>
[GenerateSerializer, Immutable]
public sealed record HallStandings(
    [property: Id(0)] int AfterQuestion,
    [property: Id(1)] IReadOnlyList<MemberStanding> Members,
    [property: Id(2)] IReadOnlyList<GroupStanding> Branches,
    [property: Id(3)] IReadOnlyList<GroupStanding> Districts);

/// <summary>One recorded answer with its mark (the mark once the question is revealed).</summary>
[GenerateSerializer, Immutable]
public sealed record RecordedAnswer(
    [property: Id(0)] int QuestionNo,
    [property: Id(1)] string MemberNo,
    [property: Id(2)] string Name,
    [property: Id(3)] string BranchId,
    [property: Id(4)] string Choice,
    [property: Id(5)] int ElapsedMs,
    [property: Id(6)] string Receipt,
    [property: Id(7)] bool? Correct,
    [property: Id(8)] int? Points);

/// <summary>Everything the results page and the export need.</summary>
[GenerateSerializer, Immutable]
public sealed record HallRecord(
    [property: Id(0)] ContestView Contest,
    [property: Id(1)] IReadOnlyList<QuestionReveal> Reveals,
    [property: Id(2)] IReadOnlyList<RecordedAnswer> Answers,
    [property: Id(3)] HallStandings Standings,
    [property: Id(4)] IReadOnlyList<ContestBranch> Branches);
