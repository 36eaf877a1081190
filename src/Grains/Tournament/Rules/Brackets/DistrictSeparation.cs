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
/// <para>Each step is exact for its pot but the passes are a local search and can stall. When they end
/// above the pigeonhole bound (a district of c teams over G groups must share groups at least as much
/// as an even spread forces), a depth-first search over every within-pot deal follows, trying each
/// team's current group first and pruning anything no better than the best found, for at most
/// <see cref="SearchBudget"/> steps. It keeps the best deal found: fewest clashes, then fewest moves.
/// When full separation is impossible (five teams of one district in four groups) the result is
/// best effort. Everything is deterministic (the budget counts steps, not time): the same draw in gives
/// the same groups out.</para>
/// </remarks>
internal static class DistrictSeparation
{
    /// <summary>Most placements the exhaustive search tries before settling for the best found.</summary>
    public const int SearchBudget = 2_000_000;

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

        if (clashes > LowerBound(groups))
        {
            Search(groups, initial);
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

    /// <summary>The clashes an even spread of each district over the groups cannot avoid.</summary>
    private static int LowerBound(List<SeededTeam>[] groups)
    {
        var g = groups.Length;
        return groups.SelectMany(x => x).Where(t => t.District is not null)
            .GroupBy(t => t.District, StringComparer.Ordinal)
            .Sum(d =>
            {
                var (q, r) = (d.Count() / g, d.Count() % g);
                return (r * (q + 1) * q / 2) + ((g - r) * q * (q - 1) / 2);
            });
    }

    /// <summary>Depth-first search over within-pot deals for fewer clashes, then fewer moves.</summary>
    private static void Search(List<SeededTeam>[] groups, IReadOnlyDictionary<string, int> initial)
    {
        // Slots to fill, pot by pot (the top pot stays), each with the team first dealt there.
        var pots = groups.Max(x => x.Count);
        var slots = new List<(int Pot, int[] Receiving, SeededTeam[] Teams)>();
        for (var p = 1; p < pots; p++)
        {
            var receiving = Enumerable.Range(0, groups.Length).Where(x => groups[x].Count > p).ToArray();
            var teams = receiving.Select(x => groups[x][p]).OrderBy(t => initial[t.Id]).ToArray();
            slots.Add((p, receiving, teams));
        }

        var best = groups.Select(x => x.ToArray()).ToArray();
        var (bestClashes, bestMoves) = (groups.Sum(Clashes), Moves(groups, initial));
        var work = groups.Select(x => x.Take(1).ToList()).ToArray();
        var budget = SearchBudget;

        void Place(int slot, int index, int clashes, int moves)
        {
            if (slot == slots.Count)
            {
                (bestClashes, bestMoves) = (clashes, moves);
                best = work.Select(x => x.ToArray()).ToArray();
                return;
            }

            var (pot, receiving, teams) = slots[slot];
            var team = teams[index];
            var home = initial[team.Id];
            foreach (var g in receiving.OrderBy(x => x == home ? -1 : x))
            {
                if (work[g].Count > pot || budget-- <= 0)
                {
                    continue;
                }

                var added = team.District is null ? 0 : work[g].Count(t => string.Equals(t.District, team.District, StringComparison.Ordinal));
                var (c, m) = (clashes + added, moves + (g == home ? 0 : 1));
                if (c > bestClashes || (c == bestClashes && m >= bestMoves))
                {
                    continue;
                }

                work[g].Add(team);
                if (index + 1 < teams.Length)
                {
                    Place(slot, index + 1, c, m);
                }
                else
                {
                    Place(slot + 1, 0, c, m);
                }

                work[g].RemoveAt(work[g].Count - 1);
            }
        }

        if (slots.Count > 0)
        {
            Place(0, 0, 0, 0);
        }

        for (var g = 0; g < groups.Length; g++)
        {
            groups[g].Clear();
            groups[g].AddRange(best[g]);
        }
    }

    private static int Moves(List<SeededTeam>[] groups, IReadOnlyDictionary<string, int> initial) =>
        groups.Select((teams, g) => teams.Count(t => initial[t.Id] != g)).Sum();

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
