namespace Engagement.Tournament.Rules;

/// <summary>
/// A rule set is nonsense, or a score-sheet entry is refused in the match's current state. Plain (not
/// serialisable): the grain that calls the rules turns <see cref="Code"/> and <see cref="Args"/> into a
/// <c>RuleViolation</c> for the caller.
/// </summary>
public sealed class ScoringViolation : Exception
{
    /// <summary>Args: the reason, one of the <c>RuleSet.Problem…</c> constants.</summary>
    public const string RulesInvalid = "scoring.rules-invalid";

    /// <summary>The match is Finished, Forfeited or Retired: the score sheet is closed.</summary>
    public const string MatchClosed = "scoring.match-closed";

    /// <summary>The rules say the match is over; only ConfirmMatchEnd or ReopenSet are accepted.</summary>
    public const string MatchDecided = "scoring.match-decided";

    /// <summary>The rules say the current set is over; it must be confirmed (or the last rally undone) first.</summary>
    public const string SetOver = "scoring.set-over";

    /// <summary>ConfirmSetEnd while the rules say the set goes on.</summary>
    public const string SetNotOver = "scoring.set-not-over";

    /// <summary>ConfirmMatchEnd while the match is not decided (or its last set is not yet confirmed).</summary>
    public const string MatchNotOver = "scoring.match-not-over";

    /// <summary>Undo with no rally recorded in the match.</summary>
    public const string NothingToUndo = "scoring.nothing-to-undo";

    /// <summary>Undo would reach into a set that was confirmed finished; the organiser must ReopenSet first.</summary>
    public const string SetConfirmed = "scoring.set-confirmed";

    /// <summary>Args: the team. It has used all its timeouts in this set.</summary>
    public const string NoTimeoutsLeft = "scoring.no-timeouts-left";

    /// <summary>The current set has begun (a rally, timeout or toss), so its first server or the previous set cannot change.</summary>
    public const string SetUnderWay = "scoring.set-under-way";

    /// <summary>ReopenSet with no confirmed set.</summary>
    public const string NothingToReopen = "scoring.nothing-to-reopen";

    /// <summary>Retire before the first rally: a team that does not play forfeits.</summary>
    public const string NotStarted = "scoring.not-started";

    public ScoringViolation(string code, params string[] args)
        : base($"{code}({string.Join(", ", args)})")
    {
        Code = code;
        Args = args;
    }

    /// <summary>Stable machine-readable code, e.g. "scoring.set-over".</summary>
    public string Code { get; }

    public IReadOnlyList<string> Args { get; }
}
