namespace Engagement.Tournament.Rules;

/// <summary>
/// When a set and a match are over. Set numbers are 1-based; the deciding set is
/// <see cref="RuleSet.DecidingSet"/>. A set is over when a team has reached the target with the lead
/// needed, or (caps on) has reached the cap.
/// </summary>
public static class SetRules
{
    public static bool IsDecidingSet(RuleSet rules, int setNumber) => setNumber == rules.DecidingSet;

    /// <summary>Points a set is played to: 21 (or 25), 15 in the deciding set.</summary>
    public static int TargetFor(RuleSet rules, int setNumber) =>
        IsDecidingSet(rules, setNumber) ? rules.DecidingSetPoints : rules.PointsPerSet;

    /// <summary>The cap of the set, or null when caps are off.</summary>
    public static int? CapFor(RuleSet rules, int setNumber) =>
        !rules.CapsEnabled ? null : IsDecidingSet(rules, setNumber) ? rules.DecidingSetCap : rules.SetCap;

    public static bool IsSetOver(RuleSet rules, int setNumber, int pointsA, int pointsB)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var high = Math.Max(pointsA, pointsB);
        var low = Math.Min(pointsA, pointsB);
        if (CapFor(rules, setNumber) is { } cap && high >= cap)
        {
            return true;
        }

        return high >= TargetFor(rules, setNumber) && high - low >= rules.LeadNeeded;
    }

    /// <summary>The team that won the set, or null while it goes on.</summary>
    public static Team? Winner(RuleSet rules, int setNumber, int pointsA, int pointsB) =>
        IsSetOver(rules, setNumber, pointsA, pointsB) ? new SetScore(pointsA, pointsB).Leader : null;

    /// <summary>
    /// A score a set can end on: it is over, and was not already over one rally earlier (the winner one
    /// point lower). So 21:20 (not over), 22:19 (over at 21:19) and, with cap 25, 26:24 (over at 25:24) are
    /// impossible, while 30:28 without a cap and 25:24 with cap 25 are fine.
    /// </summary>
    public static bool IsValidFinalScore(RuleSet rules, int setNumber, int pointsA, int pointsB)
    {
        if (pointsA < 0 || pointsB < 0 || !IsSetOver(rules, setNumber, pointsA, pointsB))
        {
            return false;
        }

        return pointsA > pointsB
            ? !IsSetOver(rules, setNumber, pointsA - 1, pointsB)
            : !IsSetOver(rules, setNumber, pointsA, pointsB - 1);
    }

    /// <summary>
    /// The smallest score that wins the set against an opponent on <paramref name="loserPoints"/>:
    /// the target, or the loser's points plus the lead needed, whichever is higher, but no more than the cap.
    /// Used to award a set to the opponent of a team that retires (21:12, 22:20, or 25:24 with cap 25).
    /// </summary>
    public static int WinningScoreAgainst(RuleSet rules, int setNumber, int loserPoints)
    {
        var needed = Math.Max(TargetFor(rules, setNumber), loserPoints + rules.LeadNeeded);
        return CapFor(rules, setNumber) is { } cap ? Math.Min(needed, cap) : needed;
    }

    /// <summary>
    /// The sets a forfeit is recorded with: every set the winner needs, each won at its target to 0 — the
    /// deciding set's target where that set is the deciding one (a best of 1 is one set to 15, not 21).
    /// </summary>
    public static IReadOnlyList<SetScore> ForfeitSets(RuleSet rules, Team winner)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Enumerable.Range(1, rules.SetsToWin).Select(n => SetScore.For(winner, TargetFor(rules, n), 0)).ToList();
    }

    /// <summary>
    /// Sets a result may be recorded with, by how the match ended: a played match and a retirement are a
    /// complete match (<see cref="IsValidMatch"/>: a retirement's awarded sets are valid final scores), a
    /// forfeit is exactly <see cref="ForfeitSets"/> for the team that has the sets.
    /// </summary>
    public static bool IsValidResult(RuleSet rules, IReadOnlyList<SetScore> sets, MatchEnding ending)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(sets);
        if (!IsValidMatch(rules, sets))
        {
            return false;
        }

        return ending switch
        {
            MatchEnding.Played or MatchEnding.Retirement => true,
            MatchEnding.Forfeit => sets.SequenceEqual(ForfeitSets(rules, sets[0].Leader!.Value)),
            _ => false,
        };
    }

    /// <summary>
    /// A complete match: every set a valid final score for its number, the winner reaching
    /// <see cref="RuleSet.SetsToWin"/> in the last set and no set played after that.
    /// </summary>
    public static bool IsValidMatch(RuleSet rules, IReadOnlyList<SetScore> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        int wonA = 0, wonB = 0;
        for (var i = 0; i < sets.Count; i++)
        {
            if (wonA == rules.SetsToWin || wonB == rules.SetsToWin || !IsValidFinalScore(rules, i + 1, sets[i].A, sets[i].B))
            {
                return false;
            }

            if (sets[i].A > sets[i].B)
            {
                wonA++;
            }
            else
            {
                wonB++;
            }
        }

        return wonA == rules.SetsToWin || wonB == rules.SetsToWin;
    }
}
