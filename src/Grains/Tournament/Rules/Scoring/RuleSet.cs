namespace Engagement.Tournament.Rules;

/// <summary>
/// Every parameter of a volleyball scoring format. The deciding set is the last possible one
/// (set 3 of a best of 3, set 5 of a best of 5); the others are played to <see cref="PointsPerSet"/>.
/// </summary>
/// <param name="SetsToWin">2 for best of 3, 3 for best of 5.</param>
/// <param name="LeadNeeded">A set is won on reaching the target with at least this lead…</param>
/// <param name="CapsEnabled">…or, when caps are on, on reaching the cap whatever the lead (25:24 with cap 25).</param>
/// <param name="SetCap">Ignored unless <see cref="CapsEnabled"/>.</param>
/// <param name="DecidingSetCap">Ignored unless <see cref="CapsEnabled"/>.</param>
/// <param name="DecidingSetSideSwitchAt">Teams change sides when a team first reaches this in the deciding set; null for none.</param>
/// <param name="TimeoutsPerSet">Per team, per set.</param>
public sealed record RuleSet(
    int SetsToWin,
    int PointsPerSet,
    int DecidingSetPoints,
    int LeadNeeded,
    bool CapsEnabled,
    int SetCap,
    int DecidingSetCap,
    int? DecidingSetSideSwitchAt,
    int TimeoutsPerSet,
    MatchPointsTable MatchPoints)
{
    public const string ProblemSetsToWin = "sets-to-win";
    public const string ProblemPointsPerSet = "points-per-set";
    public const string ProblemDecidingSetPoints = "deciding-set-points";
    public const string ProblemLead = "lead";
    public const string ProblemSetCap = "set-cap-below-target";
    public const string ProblemDecidingSetCap = "deciding-set-cap-below-target";
    public const string ProblemSideSwitch = "side-switch";
    public const string ProblemTimeouts = "timeouts";
    public const string ProblemMatchPoints = "match-points";

    /// <summary>
    /// 气排球 default: best of 3, sets to 21, deciding set to 15, win by 2, no caps (25 / 17 when turned on),
    /// sides change at 8 in the deciding set, 2 timeouts per set, match points 2 / 1 / 0. Check it against
    /// the event's own 竞赛规程.
    /// </summary>
    public static RuleSet AirVolleyball { get; } = new(
        SetsToWin: 2,
        PointsPerSet: 21,
        DecidingSetPoints: 15,
        LeadNeeded: 2,
        CapsEnabled: false,
        SetCap: 25,
        DecidingSetCap: 17,
        DecidingSetSideSwitchAt: 8,
        TimeoutsPerSet: 2,
        MatchPoints: MatchPointsTable.WinTwoLossOne);

    /// <summary>The editions that cap sets at 25 and the deciding set at 17.</summary>
    public static RuleSet AirVolleyballCapped { get; } = AirVolleyball with { CapsEnabled = true };

    /// <summary>FIVB indoor: best of 5, sets to 25, deciding set to 15, win by 2, no cap, FIVB match points.</summary>
    public static RuleSet FivbIndoor { get; } = new(
        SetsToWin: 3,
        PointsPerSet: 25,
        DecidingSetPoints: 15,
        LeadNeeded: 2,
        CapsEnabled: false,
        SetCap: 0, // no cap in indoor volleyball: Validate refuses turning caps on without setting them
        DecidingSetCap: 0,
        DecidingSetSideSwitchAt: 8,
        TimeoutsPerSet: 2,
        MatchPoints: MatchPointsTable.Fivb);

    /// <summary>Most sets a match can have: 3 in a best of 3.</summary>
    public int MaxSets => 2 * SetsToWin - 1;

    /// <summary>The deciding set's number, which is also <see cref="MaxSets"/>.</summary>
    public int DecidingSet => MaxSets;

    /// <summary>Every reason the rule set is nonsense (the <c>Problem…</c> constants); empty when sound.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SetsToWin < 1)
        {
            problems.Add(ProblemSetsToWin);
        }

        if (PointsPerSet < 1)
        {
            problems.Add(ProblemPointsPerSet);
        }

        if (DecidingSetPoints < 1)
        {
            problems.Add(ProblemDecidingSetPoints);
        }

        if (LeadNeeded < 1)
        {
            problems.Add(ProblemLead);
        }

        if (CapsEnabled && SetCap < PointsPerSet)
        {
            problems.Add(ProblemSetCap);
        }

        if (CapsEnabled && DecidingSetCap < DecidingSetPoints)
        {
            problems.Add(ProblemDecidingSetCap);
        }

        if (DecidingSetSideSwitchAt is { } at && (at < 1 || at >= DecidingSetPoints))
        {
            problems.Add(ProblemSideSwitch);
        }

        if (TimeoutsPerSet < 0)
        {
            problems.Add(ProblemTimeouts);
        }

        if (MatchPoints is null || !MatchPoints.IsSound)
        {
            problems.Add(ProblemMatchPoints);
        }

        return problems;
    }

    /// <exception cref="ScoringViolation"><see cref="ScoringViolation.RulesInvalid"/> with the first problem.</exception>
    public void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new ScoringViolation(ScoringViolation.RulesInvalid, first);
        }
    }

    /// <summary>
    /// Match points for the winner and the loser of <paramref name="result"/>. A forfeit earns the forfeit
    /// row; a retirement earns it only with <see cref="MatchPointsTable.RetirementCountsAsForfeit"/>, else its
    /// set score does; a match whose loser won <see cref="SetsToWin"/> − 1 sets went to the deciding set.
    /// </summary>
    public (int Winner, int Loser) MatchPointsFor(MatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = MatchPoints;
        if (result.Ending == MatchEnding.Forfeit
            || (result.Ending == MatchEnding.Retirement && table.RetirementCountsAsForfeit))
        {
            return (table.WinByForfeit, table.LossByForfeit);
        }

        var loserSets = Math.Min(result.SetsWon(Team.A), result.SetsWon(Team.B));
        return loserSets == SetsToWin - 1
            ? (table.WinInDecidingSet, table.LossInDecidingSet)
            : (table.Win, table.Loss);
    }
}
