namespace Engagement.Tournament.Rules;

/// <summary>
/// One entry of a match's score sheet. A match is audited by replaying its accepted events with
/// <see cref="MatchScore.Replay"/>; corrections are events too (an undo does not erase the rally it undoes).
/// </summary>
public abstract record MatchEvent;

/// <summary>The team won a rally: it scores a point and serves next (rally-point scoring).</summary>
public sealed record RallyWon(Team Team) : MatchEvent;

/// <summary>Takes back the last rally of the current set.</summary>
public sealed record RallyUndone : MatchEvent;

public sealed record TimeoutTaken(Team Team) : MatchEvent;

/// <summary>The toss: who serves first in the current set. Only before its first rally.</summary>
public sealed record FirstServerChosen(Team Team) : MatchEvent;

/// <summary>The scorer confirms the set is over, as the rules say it is.</summary>
public sealed record SetEndConfirmed : MatchEvent;

/// <summary>The scorer confirms the match is over after its last set was confirmed.</summary>
public sealed record MatchEndConfirmed : MatchEvent;

/// <summary>The organiser reopens the last confirmed set (before anything happened in the next one).</summary>
public sealed record SetReopened : MatchEvent;

public sealed record MatchForfeited(Team Team) : MatchEvent;

public sealed record TeamRetired(Team Team) : MatchEvent;
