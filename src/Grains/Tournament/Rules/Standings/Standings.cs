namespace Engagement.Tournament.Rules;

/// <summary>
/// A group table ranked by an ordered, configurable chain of <see cref="StandingCriterion"/>.
/// <list type="number">
/// <item>The teams are split by the first criterion (higher first); each group still level is split by the
/// next, and so on down the chain.</item>
/// <item><see cref="StandingCriterion.HeadToHead"/> on a level group builds a mini-table from only the matches
/// among that group's teams and ranks it by the criteria listed before HeadToHead (by MatchesWon when none
/// are). If that separates some teams but leaves a smaller group level, head-to-head starts again on that
/// smaller group with its own mini-table. A group the mini-table cannot split at all goes on to the
/// criteria after HeadToHead, computed on the whole table.</item>
/// <item>Teams level after the whole chain share a position and are flagged <see cref="StandingRow.Tied"/>;
/// they are listed by team id (ordinal), never by the order of the input.</item>
/// </list>
/// A forfeit counts in points as every set lost 0 to the target, as it is recorded.
/// </summary>
public static class Standings
{
    public static IReadOnlyList<StandingRow> Compute(
        IReadOnlyList<string> teams,
        IReadOnlyList<MatchResult> results,
        RuleSet rules,
        IReadOnlyList<StandingCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(criteria);
        rules.Validate();
        Check(teams, results, rules, criteria);

        var table = new Table(results, rules, criteria, Tally(teams, results, rules));
        var rows = new List<StandingRow>(teams.Count);
        foreach (var tier in table.Separate([.. teams], 0, null))
        {
            var position = rows.Count + 1;
            foreach (var team in tier.Teams)
            {
                var t = table.Tallies[team];
                rows.Add(new StandingRow(
                    team, position, t.Won + t.Lost, t.Won, t.Lost, t.MatchPoints, t.SetsWon, t.SetsLost,
                    t.PointsWon, t.PointsLost, t.SetQuotient, t.PointsQuotient, tier.Teams.Count > 1, tier.DecidedBy));
            }
        }

        return rows;
    }

    private static void Check(IReadOnlyList<string> teams, IReadOnlyList<MatchResult> results, RuleSet rules, IReadOnlyList<StandingCriterion> criteria)
    {
        if (teams.Any(string.IsNullOrEmpty) || teams.Distinct(StringComparer.Ordinal).Count() != teams.Count)
        {
            throw new ArgumentException("Team ids must be non-empty and distinct.", nameof(teams));
        }

        if (criteria.Count == 0 || criteria.Distinct().Count() != criteria.Count || criteria.Any(c => !Enum.IsDefined(c)))
        {
            throw new ArgumentException("The criteria must be a non-empty list of distinct known criteria.", nameof(criteria));
        }

        var known = teams.ToHashSet(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (!known.Contains(result.TeamA) || !known.Contains(result.TeamB) || result.TeamA == result.TeamB)
            {
                throw new ArgumentException($"Result {result.TeamA} v {result.TeamB} is not between two teams of the table.", nameof(results));
            }

            if (!SetRules.IsValidResult(rules, result.Sets, result.Ending))
            {
                throw new ArgumentException(
                    $"Result {result.TeamA} v {result.TeamB} ({string.Join(" ", result.Sets)}, {result.Ending}) is not a complete match under the rules.",
                    nameof(results));
            }
        }
    }

    private static Dictionary<string, TeamTally> Tally(IEnumerable<string> teams, IEnumerable<MatchResult> results, RuleSet rules)
    {
        var tallies = teams.ToDictionary(t => t, _ => new TeamTally(), StringComparer.Ordinal);
        foreach (var result in results)
        {
            var winner = result.Winner!.Value;
            var (winnerPoints, loserPoints) = rules.MatchPointsFor(result);
            foreach (var side in new[] { Team.A, Team.B })
            {
                var won = side == winner;
                var tally = tallies[result.IdOf(side)];
                tally.Won += won ? 1 : 0;
                tally.Lost += won ? 0 : 1;
                tally.MatchPoints += won ? winnerPoints : loserPoints;
                tally.SetsWon += result.SetsWon(side);
                tally.SetsLost += result.SetsWon(side.Opponent());
                tally.PointsWon += result.PointsWon(side);
                tally.PointsLost += result.PointsWon(side.Opponent());
            }
        }

        return tallies;
    }

    /// <summary>Teams level on every criterion tried so far; <paramref name="DecidedBy"/> put them below the tier above.</summary>
    private sealed record Tier(IReadOnlyList<string> Teams, StandingCriterion? DecidedBy);

    private sealed class TeamTally
    {
        public int Won { get; set; }

        public int Lost { get; set; }

        public int MatchPoints { get; set; }

        public int SetsWon { get; set; }

        public int SetsLost { get; set; }

        public int PointsWon { get; set; }

        public int PointsLost { get; set; }

        public Quotient SetQuotient => new(SetsWon, SetsLost);

        public Quotient PointsQuotient => new(PointsWon, PointsLost);
    }

    private sealed record Table(
        IReadOnlyList<MatchResult> Results,
        RuleSet Rules,
        IReadOnlyList<StandingCriterion> Criteria,
        IReadOnlyDictionary<string, TeamTally> Tallies)
    {
        /// <summary>Ranks a level group from criterion <paramref name="index"/> on, best tier first.</summary>
        public List<Tier> Separate(IReadOnlyList<string> group, int index, StandingCriterion? decidedBy)
        {
            if (group.Count == 1 || index == Criteria.Count)
            {
                return [new Tier([.. group.Order(StringComparer.Ordinal)], decidedBy)];
            }

            var criterion = Criteria[index];
            var parts = criterion == StandingCriterion.HeadToHead
                ? HeadToHead(group, MiniTableCriteria(index))
                : Split(group, Tallies, criterion);
            var tiers = new List<Tier>();
            for (var i = 0; i < parts.Count; i++)
            {
                tiers.AddRange(Separate(parts[i], index + 1, i == 0 ? decidedBy : criterion));
            }

            return tiers;
        }

        private IReadOnlyList<StandingCriterion> MiniTableCriteria(int headToHead) =>
            headToHead == 0 ? [StandingCriterion.MatchesWon] : [.. Criteria.Take(headToHead)];

        /// <summary>The group split by a mini-table of its own matches, again on any smaller level group.</summary>
        private List<IReadOnlyList<string>> HeadToHead(IReadOnlyList<string> group, IReadOnlyList<StandingCriterion> miniCriteria)
        {
            var members = group.ToHashSet(StringComparer.Ordinal);
            var mini = Tally(group, Results.Where(r => members.Contains(r.TeamA) && members.Contains(r.TeamB)), Rules);
            List<IReadOnlyList<string>> parts = [group];
            foreach (var criterion in miniCriteria)
            {
                parts = [.. parts.SelectMany(p => p.Count > 1 ? Split(p, mini, criterion) : [p])];
            }

            return parts.Count == 1 ? parts : [.. parts.SelectMany(p => p.Count > 1 ? HeadToHead(p, miniCriteria) : [p])];
        }

        /// <summary>Groups of teams level on one criterion, best first.</summary>
        private static List<IReadOnlyList<string>> Split(IReadOnlyList<string> group, IReadOnlyDictionary<string, TeamTally> tallies, StandingCriterion criterion)
        {
            var by = By(criterion);
            var sorted = group.OrderByDescending(t => tallies[t], by).ToList();
            var parts = new List<IReadOnlyList<string>>();
            var current = new List<string> { sorted[0] };
            for (var i = 1; i < sorted.Count; i++)
            {
                if (by.Compare(tallies[sorted[i - 1]], tallies[sorted[i]]) != 0)
                {
                    parts.Add(current);
                    current = [];
                }

                current.Add(sorted[i]);
            }

            parts.Add(current);
            return parts;
        }

        private static Comparer<TeamTally> By(StandingCriterion criterion) => criterion switch
        {
            StandingCriterion.MatchesWon => Comparer<TeamTally>.Create((x, y) => x.Won.CompareTo(y.Won)),
            StandingCriterion.MatchPoints => Comparer<TeamTally>.Create((x, y) => x.MatchPoints.CompareTo(y.MatchPoints)),
            StandingCriterion.SetQuotient => Comparer<TeamTally>.Create((x, y) => x.SetQuotient.CompareTo(y.SetQuotient)),
            StandingCriterion.PointsQuotient => Comparer<TeamTally>.Create((x, y) => x.PointsQuotient.CompareTo(y.PointsQuotient)),
            _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Head-to-head is not a per-team value."),
        };
    }
}
