using System.Collections.Immutable;

namespace Engagement.Tournament.Rules;

/// <summary>One link of the ordered chain that ranks a table. Every criterion ranks higher values first.</summary>
public enum StandingCriterion
{
    MatchesWon,

    /// <summary>By the rule set's <see cref="MatchPointsTable"/>.</summary>
    MatchPoints,

    /// <summary>C值: sets won ÷ sets lost.</summary>
    SetQuotient,

    /// <summary>Z值: points won ÷ points lost.</summary>
    PointsQuotient,

    /// <summary>
    /// The tied teams' matches among themselves, ranked as a mini-table by the criteria listed before
    /// this one (by <see cref="MatchesWon"/> when it comes first). For two teams that is who won their match.
    /// </summary>
    HeadToHead,
}

public static class StandingCriteria
{
    /// <summary>FIVB: matches won, match points, set quotient, points quotient, head-to-head.</summary>
    public static IReadOnlyList<StandingCriterion> Fivb { get; } = ImmutableArray.Create(
        StandingCriterion.MatchesWon,
        StandingCriterion.MatchPoints,
        StandingCriterion.SetQuotient,
        StandingCriterion.PointsQuotient,
        StandingCriterion.HeadToHead);

    /// <summary>
    /// A typical Chinese 竞赛规程 (with <see cref="MatchPointsTable.WinTwoLossOne"/>): 积分, then Z值, then
    /// C值, then 相互间胜负. Regulations differ in the order of Z值 and C值: check the event's own.
    /// </summary>
    public static IReadOnlyList<StandingCriterion> ChineseRegulation { get; } = ImmutableArray.Create(
        StandingCriterion.MatchPoints,
        StandingCriterion.PointsQuotient,
        StandingCriterion.SetQuotient,
        StandingCriterion.HeadToHead);
}

/// <param name="Position">1-based; teams the chain cannot separate share it (1, 2, 2, 4).</param>
/// <param name="SetQuotient">C值.</param>
/// <param name="PointsQuotient">Z值.</param>
/// <param name="Tied">Shares its position with another team: no criterion separated them.</param>
/// <param name="DecidedBy">
/// The criterion that put this team below the team(s) above it; null for the top position. Tied teams carry
/// the criterion that separated their shared position from the one above.
/// </param>
public sealed record StandingRow(
    string TeamId,
    int Position,
    int Played,
    int Won,
    int Lost,
    int MatchPoints,
    int SetsWon,
    int SetsLost,
    int PointsWon,
    int PointsLost,
    Quotient SetQuotient,
    Quotient PointsQuotient,
    bool Tied,
    StandingCriterion? DecidedBy);
