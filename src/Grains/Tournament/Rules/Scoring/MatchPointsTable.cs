namespace Engagement.Tournament.Rules;

/// <summary>
/// Match points a result earns in the standings, by how the match ended. A played match either ended
/// before its deciding set (2-0, or 3-0 / 3-1) or in it (2-1, or 3-2).
/// </summary>
/// <param name="RetirementCountsAsForfeit">
/// False (the FIVB reading of an incomplete team): a retirement earns points by its set score, since the
/// retiring team keeps the sets it won. True: it earns the forfeit row, as regulations that treat 中途弃权
/// like 弃权 (0 points) do.
/// </param>
public sealed record MatchPointsTable(
    int Win,
    int Loss,
    int WinInDecidingSet,
    int LossInDecidingSet,
    int WinByForfeit,
    int LossByForfeit,
    bool RetirementCountsAsForfeit = false)
{
    /// <summary>FIVB: 3-0 / 3-1 (or 2-0) → 3 and 0; 3-2 (or 2-1) → 2 and 1; forfeit → winner 3, loser 0.</summary>
    public static MatchPointsTable Fivb { get; } = new(3, 0, 2, 1, 3, 0);

    /// <summary>Many Chinese regulations: 2 for a win, 1 for a loss, 0 for a forfeit (弃权).</summary>
    public static MatchPointsTable WinTwoLossOne { get; } = new(2, 1, 2, 1, 2, 0);

    /// <summary>Every value ≥ 0 and each row gives the winner more than the loser.</summary>
    public bool IsSound =>
        Loss >= 0 && LossInDecidingSet >= 0 && LossByForfeit >= 0
        && Win > Loss && WinInDecidingSet > LossInDecidingSet && WinByForfeit > LossByForfeit;
}
