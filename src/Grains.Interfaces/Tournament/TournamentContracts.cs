namespace Engagement.Tournament;

public enum TournamentFormat
{
    /// <summary>Round-robin groups, then a knockout filled by group position.</summary>
    GroupsThenKnockout,
    Knockout,
    RoundRobin,
    DoubleElimination,
}

public enum TournamentStatus
{
    Setup,
    Running,
    Finished,
}

/// <summary>Every parameter of a volleyball rule set, editable per tournament (see RuleSet presets).</summary>
[GenerateSerializer, Immutable]
public sealed record RuleSetSettings(
    [property: Id(0)] int SetsToWin,
    [property: Id(1)] int PointsPerSet,
    [property: Id(2)] int DecidingSetPoints,
    [property: Id(3)] int LeadNeeded,
    [property: Id(4)] bool CapsEnabled,
    [property: Id(5)] int SetCap,
    [property: Id(6)] int DecidingSetCap,
    [property: Id(7)] int? DecidingSetSideSwitchAt,
    [property: Id(8)] int TimeoutsPerSet,
    [property: Id(9)] int WinPoints,
    [property: Id(10)] int LossPoints,
    [property: Id(11)] int DecidingWinPoints,
    [property: Id(12)] int DecidingLossPoints,
    [property: Id(13)] int ForfeitWinPoints,
    [property: Id(14)] int ForfeitLossPoints);

[GenerateSerializer, Immutable]
public sealed record TeamEntry(
    [property: Id(0)] string TeamId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? BranchId,
    [property: Id(3)] string? District,
    [property: Id(4)] int Seed,
    [property: Id(5)] IReadOnlyList<string> Players);

/// <param name="DrawSeed">A recorded random seed for the group draw; null draws by serpentine seeding.</param>
/// <param name="Criteria">Ordered standings criteria: MatchesWon, MatchPoints, SetQuotient, PointsQuotient, HeadToHead.</param>
[GenerateSerializer, Immutable]
public sealed record TournamentSetup(
    [property: Id(0)] string Title,
    [property: Id(1)] TournamentFormat Format,
    [property: Id(2)] int Groups,
    [property: Id(3)] int Legs,
    [property: Id(4)] int AdvancePerGroup,
    [property: Id(5)] bool ThirdPlace,
    [property: Id(6)] bool GrandFinalReset,
    [property: Id(7)] bool SeparateDistricts,
    [property: Id(8)] int? DrawSeed,
    [property: Id(9)] RuleSetSettings Rules,
    [property: Id(10)] IReadOnlyList<string> Criteria);

public enum FixtureStatus
{
    Locked,
    Ready,
    Running,
    Completed,
}

[GenerateSerializer, Immutable]
public sealed record SetPoints(
    [property: Id(0)] int A,
    [property: Id(1)] int B);

/// <summary>One match of the tournament as the schedule, bracket and screens show it.</summary>
/// <param name="Problem">
/// Set when the stored result cannot stand under the rules ("bad-ending", "bad-score", "bad-winner"): it is
/// shown, flagged, and not counted in any table, so one bad record never takes the tournament down.
/// </param>
[GenerateSerializer, Immutable]
public sealed record Fixture(
    [property: Id(0)] string MatchId,
    [property: Id(1)] string Stage,
    [property: Id(2)] string? Group,
    [property: Id(3)] int Round,
    [property: Id(4)] string Label,
    [property: Id(5)] string? TeamA,
    [property: Id(6)] string? TeamB,
    [property: Id(7)] string SourceA,
    [property: Id(8)] string SourceB,
    [property: Id(9)] FixtureStatus Status,
    [property: Id(10)] string? Court,
    [property: Id(11)] DateTimeOffset? StartsAt,
    [property: Id(12)] IReadOnlyList<SetPoints> Sets,
    [property: Id(13)] string? Winner,
    [property: Id(14)] string? Ending,
    [property: Id(15)] string? Problem = null);

/// <param name="Qualification">
/// Against the group's qualifying line (groups that feed a knockout only, else null): "qualified" or "eliminated"
/// once mathematically decided, otherwise "provisional" (暂列).
/// </param>
[GenerateSerializer, Immutable]
public sealed record StandingLine(
    [property: Id(0)] string TeamId,
    [property: Id(1)] int Position,
    [property: Id(2)] int Played,
    [property: Id(3)] int Won,
    [property: Id(4)] int Lost,
    [property: Id(5)] int MatchPoints,
    [property: Id(6)] int SetsWon,
    [property: Id(7)] int SetsLost,
    [property: Id(8)] int PointsWon,
    [property: Id(9)] int PointsLost,
    [property: Id(10)] string SetQuotient,
    [property: Id(11)] string PointsQuotient,
    [property: Id(12)] bool Tied,
    [property: Id(13)] string? DecidedBy,
    [property: Id(14)] string? Qualification = null);

/// <param name="Complete">Every match of the group has a result that counts.</param>
/// <param name="Problem">Set when the table cannot be ranked at all ("unranked"); its standings are then empty.</param>
[GenerateSerializer, Immutable]
public sealed record GroupTable(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> TeamIds,
    [property: Id(2)] IReadOnlyList<StandingLine> Standings,
    [property: Id(3)] bool Complete,
    [property: Id(4)] string? Problem = null);

[GenerateSerializer, Immutable]
public sealed record TournamentView(
    [property: Id(0)] string TournamentId,
    [property: Id(1)] TournamentStatus Status,
    [property: Id(2)] TournamentSetup? Setup,
    [property: Id(3)] IReadOnlyList<TeamEntry> Teams,
    [property: Id(4)] IReadOnlyList<GroupTable> Groups,
    [property: Id(5)] IReadOnlyList<Fixture> Matches,
    [property: Id(6)] string? Champion,
    [property: Id(7)] long Revision);

/// <summary>What correcting a finished result would do: the later matches that must be reset.</summary>
[GenerateSerializer, Immutable]
public sealed record CorrectionPlan(
    [property: Id(0)] string MatchId,
    [property: Id(1)] bool WinnerChanges,
    [property: Id(2)] IReadOnlyList<string> ResetMatches);

[GenerateSerializer, Immutable]
public sealed record MatchOutcome(
    [property: Id(0)] IReadOnlyList<SetPoints> Sets,
    [property: Id(1)] string Winner,
    [property: Id(2)] string Ending);
