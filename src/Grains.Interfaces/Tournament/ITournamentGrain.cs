using Engagement.Live;

namespace Engagement.Tournament;

/// <summary>
/// One tournament bracket: its teams, format, rule set, group tables, knockout tree and schedule.
/// Results arrive from the match grains; the tournament advances winners and fills the knockout by
/// group position. Key: the tournament id.
/// </summary>
public interface ITournamentGrain : IGrainWithStringKey, ILiveTopicSource
{
    Task<TournamentView> Get();
    Task<TournamentView> Configure(TournamentSetup setup, IReadOnlyList<TeamEntry> teams);

    /// <summary>Draws the groups (or seeds the knockout), creates every match and starts the tournament.</summary>
    Task<TournamentView> Start();

    Task<TournamentView> Schedule(string matchId, string? court, DateTimeOffset? startsAt);

    /// <summary>
    /// A match grain reports its confirmed result (or a forfeit/retirement), naming the two teams it was
    /// prepared with: a report from a match since reset or given other teams is stale and ignored.
    /// Idempotent; the match retries it until it lands (matches report, the tournament commands).
    /// </summary>
    Task RecordResult(string matchId, string teamA, string teamB, MatchOutcome outcome);

    /// <summary>A match grain reports that scoring has begun (idempotent; stale reports ignored as above).</summary>
    Task MatchStarted(string matchId, string teamA, string teamB);

    /// <summary>What correcting a finished match to <paramref name="winner"/> would reset, without doing it.</summary>
    Task<CorrectionPlan> PlanCorrection(string matchId, string winner);

    /// <summary>The same plan for a full corrected result, refusing an impossible score before anything is shown.</summary>
    Task<CorrectionPlan> PlanCorrectedResult(string matchId, MatchOutcome outcome);

    /// <summary>Corrects a finished result; dependent later matches are reset. Audited.</summary>
    Task<TournamentView> Correct(string matchId, MatchOutcome outcome);
}

/// <summary>The list of tournaments. Key: 0.</summary>
public interface ITournamentsGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<TournamentSummary>> List();
    Task<TournamentSummary> Create(string title);
}

[GenerateSerializer, Immutable]
public sealed record TournamentSummary(
    [property: Id(0)] string TournamentId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt);
