using System.Collections.Immutable;

namespace Engagement.Tournament.Rules;

/// <summary>
/// Where a match stands. The machine (→ by the event named; every other event is refused):
/// <code>
/// NotStarted ─Rally→ InProgress ─Rally (rules: set over)→ SetOver ─ConfirmSetEnd→ InProgress (next set)
///                        ↑  Undo  ←──────────────────────── SetOver        └──────→ MatchOver (a team has its sets)
/// InProgress (next set untouched) ─ReopenSet→ SetOver           MatchOver ─ReopenSet→ SetOver
/// MatchOver ─ConfirmMatchEnd→ Finished
/// NotStarted | InProgress | SetOver ─Forfeit→ Forfeited;   InProgress ─Retire→ Retired
/// </code>
/// Finished, Forfeited and Retired are final: the score sheet is closed, and corrections after that are
/// made on the result.
/// </summary>
public enum MatchScoreStatus
{
    NotStarted,
    InProgress,

    /// <summary>The rules say the current set is over; waiting for the scorer to confirm it (or undo).</summary>
    SetOver,

    /// <summary>The last set is confirmed and decided the match; waiting for the scorer to confirm the match.</summary>
    MatchOver,

    Finished,
    Forfeited,
    Retired,
}

/// <summary>
/// The score sheet of one match, fed by <see cref="MatchEvent"/>s. Immutable: every entry returns a new
/// score, or throws <see cref="ScoringViolation"/> when the rules refuse it in the current state.
/// <list type="bullet">
/// <item>Rally-point scoring: the winner of a rally scores and serves next. Team A serves first in set 1
/// unless a toss says otherwise; each later set starts with the team that did not serve first in the
/// previous set, unless a toss before its first rally says otherwise (the deciding set's new toss).</item>
/// <item>A set ends only when the scorer confirms what the rules say; until then rallies are refused.</item>
/// <item>Undo takes back the last rally of the current set, even after the rules ended the set, but
/// never a rally of a confirmed set: that takes an organiser's ReopenSet first. Timeouts are not undone.</item>
/// <item>Forfeit: every set lost 0 to the target, as many sets as the winner needs (0-2, 0-3).</item>
/// <item>Retire: confirmed sets stand; the opponent is given the current set with the fewest points that
/// win it against the retiring team's points (<see cref="SetRules.WinningScoreAgainst"/>: 21:12, 22:20,
/// 25:24 with cap 25) and every further set it needs at target:0. The retiring team keeps its points.</item>
/// </list>
/// </summary>
public sealed partial class MatchScore
{
    private readonly State state;

    private MatchScore(State state) => this.state = state;

    /// <exception cref="ScoringViolation">The rule set is nonsense (<see cref="RuleSet.Validate"/>).</exception>
    public static MatchScore Start(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        return new(new State(rules, MatchScoreStatus.NotStarted, [], NewSet(1, Team.A), null, null, null, []));
    }

    /// <summary>The score the accepted events lead to; throws as the live entry would have on a refused one.</summary>
    public static MatchScore Replay(RuleSet rules, IEnumerable<MatchEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(Start(rules), (score, e) => score.Apply(e));
    }

    public RuleSet Rules => state.Rules;

    public MatchScoreStatus Status => state.Status;

    /// <summary>Every accepted entry, in order: replaying them gives this score.</summary>
    public IReadOnlyList<MatchEvent> Events => state.Events;

    /// <summary>Confirmed sets; after a forfeit or retirement, the sets as recorded for the result.</summary>
    public IReadOnlyList<SetScore> Sets => state.Final ?? [.. state.Confirmed.Select(s => s.Score)];

    /// <summary>The set being played (or awaiting confirmation), 1-based; the last set once there is none.</summary>
    public int SetNumber => state.Current?.Number ?? Sets.Count;

    /// <summary>Points in the set being played; null once the match is decided.</summary>
    public SetScore? Current => state.Current?.Score;

    public bool IsDecidingSet => state.Current is { } set && SetRules.IsDecidingSet(Rules, set.Number);

    public int SetsWon(Team team) => Sets.Count(s => s.Leader == team);

    /// <summary>Who serves the next rally; null when no rally can be played now.</summary>
    public Team? Serving => Status is MatchScoreStatus.NotStarted or MatchScoreStatus.InProgress ? state.Current!.Serving : null;

    /// <summary>
    /// True right after the rally that first brought a team to <see cref="RuleSet.DecidingSetSideSwitchAt"/>
    /// in the deciding set (8:5, not 8:8 after 8:7): the teams change sides now.
    /// </summary>
    public bool SideSwitchDue =>
        Status == MatchScoreStatus.InProgress
        && Rules.DecidingSetSideSwitchAt is { } at
        && state.Current is { Rallies: [.., var last] } set
        && SetRules.IsDecidingSet(Rules, set.Number)
        && set.Score.PointsOf(last) == at
        && set.Score.PointsOf(last.Opponent()) < at;

    /// <summary>Timeouts the team may still take in the current set; 0 when none can be taken now.</summary>
    public int TimeoutsLeft(Team team) =>
        Status is MatchScoreStatus.NotStarted or MatchScoreStatus.InProgress ? Rules.TimeoutsPerSet - state.Current!.TimeoutsOf(team) : 0;

    /// <summary>
    /// The paper score sheet: every set that has begun (confirmed ones, then the one being played), with
    /// who won each rally in order and the timeouts each team took in it.
    /// </summary>
    public IReadOnlyList<SheetSet> Sheet =>
    [
        .. state.Confirmed.Concat(state.Current is { HasBegun: true } current ? [current] : [])
            .Select(s => new SheetSet(s.Number, s.FirstServer, s.Rallies, s.TimeoutsA, s.TimeoutsB)),
    ];

    /// <summary>Known from MatchOver on (before the match is confirmed), and after a forfeit or retirement.</summary>
    public Team? Winner => state.Winner;

    /// <summary>The team that forfeited or retired.</summary>
    public Team? ConcededBy => state.ConcededBy;

    /// <summary>The result for the standings.</summary>
    /// <exception cref="InvalidOperationException">The match is not Finished, Forfeited or Retired.</exception>
    public MatchResult ToResult(string teamA, string teamB)
    {
        var ending = Status switch
        {
            MatchScoreStatus.Finished => MatchEnding.Played,
            MatchScoreStatus.Forfeited => MatchEnding.Forfeit,
            MatchScoreStatus.Retired => MatchEnding.Retirement,
            _ => throw new InvalidOperationException($"A match that is {Status} has no result yet."),
        };
        return new MatchResult(teamA, teamB, Sets, ending);
    }

    public MatchScore Rally(Team team) => Apply(new RallyWon(team));

    public MatchScore Undo() => Apply(new RallyUndone());

    public MatchScore Timeout(Team team) => Apply(new TimeoutTaken(team));

    public MatchScore ChooseFirstServer(Team team) => Apply(new FirstServerChosen(team));

    public MatchScore ConfirmSetEnd() => Apply(new SetEndConfirmed());

    public MatchScore ConfirmMatchEnd() => Apply(new MatchEndConfirmed());

    public MatchScore ReopenSet() => Apply(new SetReopened());

    public MatchScore Forfeit(Team team) => Apply(new MatchForfeited(team));

    public MatchScore Retire(Team team) => Apply(new TeamRetired(team));

    /// <summary>Enters one event: the new score, with the event appended to <see cref="Events"/>.</summary>
    /// <exception cref="ScoringViolation">The rules refuse the entry now.</exception>
    public MatchScore Apply(MatchEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var next = entry switch
        {
            RallyWon e => OnRally(Known(e.Team)),
            RallyUndone => OnUndo(),
            TimeoutTaken e => OnTimeout(Known(e.Team)),
            FirstServerChosen e => OnFirstServerChosen(Known(e.Team)),
            SetEndConfirmed => OnSetEndConfirmed(),
            MatchEndConfirmed => OnMatchEndConfirmed(),
            SetReopened => OnSetReopened(),
            MatchForfeited e => OnForfeit(Known(e.Team)),
            TeamRetired e => OnRetire(Known(e.Team)),
            _ => throw new ArgumentException($"Unknown score-sheet entry {entry.GetType().Name}.", nameof(entry)),
        };
        return new MatchScore(next with { Events = state.Events.Add(entry) });
    }

    private static Team Known(Team team) =>
        Enum.IsDefined(team) ? team : throw new ArgumentOutOfRangeException(nameof(team), team, "Team A or B.");

    private static PlayedSet NewSet(int number, Team firstServer) => new(number, firstServer, false, [], 0, 0);

    /// <param name="Final">Set scores recorded by a forfeit or retirement; null otherwise.</param>
    private sealed record State(
        RuleSet Rules,
        MatchScoreStatus Status,
        ImmutableList<PlayedSet> Confirmed,
        PlayedSet? Current,
        ImmutableList<SetScore>? Final,
        Team? Winner,
        Team? ConcededBy,
        ImmutableList<MatchEvent> Events);

    /// <param name="ServerChosen">A toss set <paramref name="FirstServer"/> rather than the default.</param>
    private sealed record PlayedSet(int Number, Team FirstServer, bool ServerChosen, ImmutableList<Team> Rallies, int TimeoutsA, int TimeoutsB)
    {
        public SetScore Score => new(Rallies.Count(t => t == Team.A), Rallies.Count(t => t == Team.B));

        public Team Serving => Rallies.IsEmpty ? FirstServer : Rallies[^1];

        /// <summary>Anything has been entered for this set: a rally, a timeout or a toss.</summary>
        public bool HasBegun => !Rallies.IsEmpty || TimeoutsA > 0 || TimeoutsB > 0 || ServerChosen;

        public int TimeoutsOf(Team team) => team == Team.A ? TimeoutsA : TimeoutsB;
    }
}

/// <summary>One set as the score sheet records it: rallies in order (who won each) and timeouts per team.</summary>
public sealed record SheetSet(int Number, Team FirstServer, IReadOnlyList<Team> Rallies, int TimeoutsA, int TimeoutsB);
