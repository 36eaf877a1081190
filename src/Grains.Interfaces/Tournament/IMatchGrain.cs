using Engagement.Live;
using Orleans.Concurrency;

namespace Engagement.Tournament;

/// <summary>
/// One match, scored rally by rally. Every tap is written to the match's ledger stream before it
/// counts, so a match can be replayed and audited. Key: "{tournamentId}/{matchId}".
/// </summary>
public interface IMatchGrain : IGrainWithStringKey, ILiveTopicSource
{
    Task<MatchView> Get();

    /// <summary>The score sheet for printing: per set, the running score rally by rally and the timeouts.</summary>
    Task<MatchSheet> GetSheet();

    /// <summary>
    /// Sets (or replaces, after a correction) the two teams and the rules; scoring starts from nothing.
    /// The same two teams again (a new court or time) keep a running score.
    /// Interleaves: the tournament commands while the match may be waiting on its own report to the
    /// tournament; the match's ordered lane keeps its ledger writes one at a time.
    /// </summary>
    [AlwaysInterleave]
    Task Prepare(MatchSetup setup);

    Task<MatchView> Score(ScoringAction action, string? team, string scorer);

    /// <summary>Organiser only: reopen the last finished set, or clear the match after a correction.</summary>
    Task<MatchView> Reopen(string organiser);

    /// <summary>
    /// Clears the match after a correction upstream. With <paramref name="next"/> (its new teams are known)
    /// it is prepared with them in the same step, so a scorer never finds it between the reset and the
    /// prepare. Interleaves, as <see cref="Prepare"/>.
    /// </summary>
    [AlwaysInterleave]
    Task Reset(string reason, MatchSetup? next = null);
}

public enum ScoringAction
{
    Rally,
    Undo,
    Timeout,
    FirstServer,
    ConfirmSet,
    ConfirmMatch,
    Forfeit,
    Retire,
}

[GenerateSerializer, Immutable]
public sealed record MatchSetup(
    [property: Id(0)] string TournamentId,
    [property: Id(1)] string MatchId,
    [property: Id(2)] string Label,
    [property: Id(3)] string TeamA,
    [property: Id(4)] string TeamB,
    [property: Id(5)] string TeamAName,
    [property: Id(6)] string TeamBName,
    [property: Id(7)] RuleSetSettings Rules,
    [property: Id(8)] string? Court);

[GenerateSerializer, Immutable]
public sealed record MatchView(
    [property: Id(0)] string TournamentId,
    [property: Id(1)] string MatchId,
    [property: Id(2)] string Label,
    [property: Id(3)] string? TeamA,
    [property: Id(4)] string? TeamB,
    [property: Id(5)] string? TeamAName,
    [property: Id(6)] string? TeamBName,
    [property: Id(7)] string Status,
    [property: Id(8)] IReadOnlyList<SetPoints> Sets,
    [property: Id(9)] SetPoints? Current,
    [property: Id(10)] int SetNumber,
    [property: Id(11)] string? Serving,
    [property: Id(12)] bool SideSwitchDue,
    [property: Id(13)] int TimeoutsLeftA,
    [property: Id(14)] int TimeoutsLeftB,
    [property: Id(15)] string? Winner,
    [property: Id(16)] int SetsA,
    [property: Id(17)] int SetsB,
    [property: Id(18)] string? Court,
    [property: Id(19)] long Version);

/// <summary>A printed score sheet's sets (<see cref="IMatchGrain.GetSheet"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record MatchSheet(
    [property: Id(0)] string MatchId,
    [property: Id(1)] string Status,
    [property: Id(2)] IReadOnlyList<SheetSetView> Sets);

/// <param name="Rallies">Who won each rally in order, one letter a rally ("ABBA…").</param>
/// <param name="FirstServer">"A" or "B".</param>
[GenerateSerializer, Immutable]
public sealed record SheetSetView(
    [property: Id(0)] int Number,
    [property: Id(1)] string FirstServer,
    [property: Id(2)] string Rallies,
    [property: Id(3)] int TimeoutsA,
    [property: Id(4)] int TimeoutsB);
