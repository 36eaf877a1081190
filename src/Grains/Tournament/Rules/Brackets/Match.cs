namespace Engagement.Tournament.Rules.Brackets;

/// <summary>
/// Where a match is within its bracket: a single-elimination bracket has a main part and an optional
/// third-place match; a double-elimination bracket has winners', losers' and grand-final parts.
/// </summary>
public enum BracketPart
{
    Main,
    ThirdPlace,
    Winners,
    Losers,
    GrandFinal,
    GrandFinalReset,
}

/// <summary>
/// A match's place in its life. Drawn as a machine:
/// <code>
/// Locked ──(one team known)──▶ Waiting ──(both known)──▶ Ready ──Start──▶ Running ──Complete──▶ Completed
///    │                                                    └───────────Complete─────────────────▲
///    └──(a slot is known to stay empty)──────────────────────────────(BYE: auto)───────────────┘
/// </code>
/// A correction upstream that changes a team in this match sends a Running or Completed match back
/// to Ready, Waiting or Locked. There is no archived state: any played result stays correctable,
/// and <see cref="Bracket.Correct"/> says what a correction undoes.
/// </summary>
public enum MatchStatus
{
    /// <summary>No team known yet.</summary>
    Locked,

    /// <summary>One team known, the other still to come.</summary>
    Waiting,

    /// <summary>Both teams known; can start.</summary>
    Ready,

    /// <summary>Being played.</summary>
    Running,

    /// <summary>Has a winner (played, or a BYE that completed by itself), or nobody at all to play it.</summary>
    Completed,
}

/// <summary>One match of a bracket.</summary>
/// <param name="Id">Unique within the bracket, e.g. "R1-M3", "WB-R2-M1", "GF".</param>
/// <param name="Part">Which part of the bracket it belongs to.</param>
/// <param name="Round">1-based round within its part.</param>
/// <param name="Number">1-based position within its round, top to bottom.</param>
/// <param name="Winner">Set when completed; null for a completed match that had nobody to play it.</param>
public sealed record Match(
    string Id,
    BracketPart Part,
    int Round,
    int Number,
    Slot Top,
    Slot Bottom,
    MatchStatus Status = MatchStatus.Locked,
    Side? Winner = null)
{
    public Slot this[Side side] => side == Side.Top ? Top : Bottom;

    /// <summary>Completed because a slot stayed empty, not because it was played.</summary>
    public bool IsBye => Status == MatchStatus.Completed && (Top.Vacant || Bottom.Vacant);

    /// <summary>Holds a result somebody entered or a match under way: what a correction may have to undo.</summary>
    public bool IsPlayed => Status == MatchStatus.Running || (Status == MatchStatus.Completed && !IsBye);

    public Entry? WinnerEntry => Status == MatchStatus.Completed && Winner is { } w ? this[w].Occupant : null;

    public Entry? LoserEntry => Status == MatchStatus.Completed && Winner is { } w ? this[w.Other()].Occupant : null;

    public override string ToString() => $"{Id}: {Top} v {Bottom} ({Status})";
}
