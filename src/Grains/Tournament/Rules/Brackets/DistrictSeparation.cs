namespace Engagement.Tournament.Rules.Brackets;

/// <summary>
/// Keeps teams of the same district in different groups where possible (同单位回避), without ever
/// moving a team out of its pot.
/// </summary>
/// <remarks>
/// <para>A clash is a pair of teams of one district in one group. The top pot never moves (seed 1 stays
/// in group A and so on). For each later pot in turn, its teams are re-dealt among the groups that pot
/// fills — a permutation, i.e. a series of swaps between teams of the same pot — choosing the deal that
/// gives the fewest clashes with the teams already in those groups from the other pots and, among equally
/// good deals, moves the fewest teams from where the draw put them. That choice is an assignment problem,
/// solved exactly (<see cref="Assignment"/>). Passes over the pots repeat while the clash count falls.</para>
/// <para>Each step is exact for its pot but the whole is a local search: when full separation is
/// impossible (five teams of one district in four groups) it ends with as few clashes as it can find,
/// and it does not guarantee the global minimum in contrived cases. It is deterministic: the same draw
/// in gives the same groups out.</para>
/// </remarks>
internal static class DistrictSeparation
{
    /// <summary>Rearranges <paramref name="groups"/> in place; returns the ids of the teams that moved, in pot order.</summary>
    public static IReadOnlyList<string> Apply(List<SeededTeam>[] groups)
    {
        var initial = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var team in groups[g])
            {
                initial[team.Id] = g;
            }
        }

        var pots = groups.Max(g => g.Count);
        var clashes = groups.Sum(Clashes);
        while (clashes > 0)
        {
            for (var p = 1; p < pots; p++)
            {
                Redeal(groups, p, initial);
            }

            var after = groups.Sum(Clashes);
            if (after >= clashes)
            {
                break;
            }

            clashes = after;
        }

        var moved = new List<string>();
        for (var p = 0; p < pots; p++)
        {
            for (var g = 0; g < groups.Length; g++)
            {
                if (groups[g].Count > p && initial[groups[g][p].Id] != g)
                {
                    moved.Add(groups[g][p].Id);
                }
            }
        }

        return moved;
    }

    /// <summary>Pairs of teams of one (non-null) district among <paramref name="teams"/>.</summary>
    public static int Clashes(IReadOnlyList<SeededTeam> teams) =>
        teams.Where(t => t.District is not null)
            .GroupBy(t => t.District, StringComparer.Ordinal)
            .Sum(d => d.Count() * (d.Count() - 1) / 2);

    private static void Redeal(List<SeededTeam>[] groups, int pot, IReadOnlyDictionary<string, int> initial)
    {
        var receiving = Enumerable.Range(0, groups.Length).Where(g => groups[g].Count > pot).ToArray();
        var teams = receiving.Select(g => groups[g][pot]).ToArray();
        var n = teams.Length;

        // Clashes dominate: one clash costs more than moving every team of the pot.
        var cost = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var group = groups[receiving[j]];
                var clash = teams[i].District is null
                    ? 0
                    : group.Where((t, p) => p != pot && string.Equals(t.District, teams[i].District, StringComparison.Ordinal)).Count();
                cost[i, j] = clash * (n + 1L) + (initial[teams[i].Id] == receiving[j] ? 0 : 1);
            }
        }

        var deal = Assignment.Minimise(cost);
        for (var i = 0; i < n; i++)
        {
            groups[receiving[deal[i]]][pot] = teams[i];
        }
    }
}
