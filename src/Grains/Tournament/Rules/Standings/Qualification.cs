namespace Engagement.Tournament.Rules;

/// <summary>Where a team stands against a group's qualifying line.</summary>
public enum QualificationStatus
{
    /// <summary>Not decided yet (暂列): some completion of the group puts the team on either side of the line.</summary>
    Provisional,

    /// <summary>Finishes in the top places whatever the remaining matches bring.</summary>
    Qualified,

    /// <summary>Cannot finish in the top places whatever the remaining matches bring.</summary>
    Eliminated,
}

/// <summary>
/// Whether a team's finish in the top <c>places</c> of a group is mathematically decided.
/// <list type="bullet">
/// <item>A complete group is decided by its table, except where teams the whole chain cannot separate share a
/// position across the line: that stays provisional (lots or the organiser decide, not this rule).</item>
/// <item>With matches left, every win/loss outcome of the remaining matches is enumerated (at most
/// <see cref="MaxEnumerated"/> of them; beyond that nothing is decided). In each, only the first criterion of the
/// chain is bounded — exactly for matches won, from the lowest to the highest row of the match-points table for
/// match points (a 2-1 or a forfeit may earn less than a 2-0) — because later criteria (quotients, head-to-head)
/// depend on set and point scores nobody can bound usefully. A team is qualified when, in every outcome, fewer
/// than <c>places</c> other teams could reach or pass its value; eliminated when, in every outcome, at least
/// <c>places</c> teams are sure to be strictly ahead. Any tie that cannot be ruled out leaves it provisional.</item>
/// <item>A chain that begins with a quotient or head-to-head decides nothing until the group is complete.</item>
/// </list>
/// The rule only ever errs towards "provisional": a decided status holds for every completion.
/// </summary>
public static class Qualification
{
    public const int MaxEnumerated = 10;

    public static IReadOnlyDictionary<string, QualificationStatus> Decide(
        IReadOnlyList<string> teams,
        IReadOnlyList<MatchResult> played,
        IReadOnlyList<(string TeamA, string TeamB)> remaining,
        RuleSet rules,
        IReadOnlyList<StandingCriterion> criteria,
        int places)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(played);
        ArgumentNullException.ThrowIfNull(remaining);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(criteria);
        var known = teams.ToHashSet(StringComparer.Ordinal);
        if (remaining.Any(m => !known.Contains(m.TeamA) || !known.Contains(m.TeamB) || m.TeamA == m.TeamB))
        {
            throw new ArgumentException("A remaining match is not between two teams of the group.", nameof(remaining));
        }

        if (places <= 0 || places >= teams.Count)
        {
            var all = places <= 0 ? QualificationStatus.Eliminated : QualificationStatus.Qualified;
            return teams.ToDictionary(t => t, _ => all, StringComparer.Ordinal);
        }

        if (remaining.Count == 0)
        {
            return FromTable(Standings.Compute(teams, played, rules, criteria), places);
        }

        var provisional = teams.ToDictionary(t => t, _ => QualificationStatus.Provisional, StringComparer.Ordinal);
        if (remaining.Count > MaxEnumerated || criteria.Count == 0
            || criteria[0] is not (StandingCriterion.MatchesWon or StandingCriterion.MatchPoints))
        {
            // Standings.Compute still validates what was played, so a bad result is refused the same way.
            Standings.Compute(teams, played, rules, criteria);
            return provisional;
        }

        return Enumerate(teams, played, remaining, rules, criteria, places);
    }

    private static Dictionary<string, QualificationStatus> FromTable(IReadOnlyList<StandingRow> rows, int places) =>
        rows.ToDictionary(
            r => r.TeamId,
            r =>
            {
                var sharing = rows.Count(o => o.Position == r.Position);
                return r.Position + sharing - 1 <= places ? QualificationStatus.Qualified
                    : r.Position > places ? QualificationStatus.Eliminated
                    : QualificationStatus.Provisional;
            },
            StringComparer.Ordinal);

    private static Dictionary<string, QualificationStatus> Enumerate(
        IReadOnlyList<string> teams,
        IReadOnlyList<MatchResult> played,
        IReadOnlyList<(string TeamA, string TeamB)> remaining,
        RuleSet rules,
        IReadOnlyList<StandingCriterion> criteria,
        int places)
    {
        var rows = Standings.Compute(teams, played, rules, criteria);
        var byWins = criteria[0] == StandingCriterion.MatchesWon;
        var index = teams.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var baseValue = new int[teams.Count];
        foreach (var row in rows)
        {
            baseValue[index[row.TeamId]] = byWins ? row.Won : row.MatchPoints;
        }

        var table = rules.MatchPoints;
        var (winLow, winHigh) = byWins ? (1, 1) : MinMax(table.Win, table.WinInDecidingSet, table.WinByForfeit);
        var (lossLow, lossHigh) = byWins ? (0, 0) : MinMax(table.Loss, table.LossInDecidingSet, table.LossByForfeit);

        var canMiss = new bool[teams.Count];
        var canMake = new bool[teams.Count];
        var low = new int[teams.Count];
        var high = new int[teams.Count];
        for (var outcome = 0; outcome < 1 << remaining.Count; outcome++)
        {
            Array.Copy(baseValue, low, low.Length);
            Array.Copy(baseValue, high, high.Length);
            for (var m = 0; m < remaining.Count; m++)
            {
                var (a, b) = (index[remaining[m].TeamA], index[remaining[m].TeamB]);
                var (winner, loser) = (outcome & (1 << m)) != 0 ? (a, b) : (b, a);
                low[winner] += winLow;
                high[winner] += winHigh;
                low[loser] += lossLow;
                high[loser] += lossHigh;
            }

            for (var t = 0; t < teams.Count; t++)
            {
                int reachOrPass = 0, surelyAhead = 0;
                for (var o = 0; o < teams.Count; o++)
                {
                    if (o == t)
                    {
                        continue;
                    }

                    reachOrPass += high[o] >= low[t] ? 1 : 0;
                    surelyAhead += low[o] > high[t] ? 1 : 0;
                }

                canMiss[t] |= reachOrPass >= places;
                canMake[t] |= surelyAhead < places;
            }
        }

        return teams.ToDictionary(
            t => t,
            t => !canMiss[index[t]] ? QualificationStatus.Qualified
                : !canMake[index[t]] ? QualificationStatus.Eliminated
                : QualificationStatus.Provisional,
            StringComparer.Ordinal);
    }

    private static (int Low, int High) MinMax(params int[] values) => (values.Min(), values.Max());
}
