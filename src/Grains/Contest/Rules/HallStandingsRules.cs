using Fractions;

namespace Engagement.Contest.Rules;

/// <summary>
/// Standings of the hall round from each member's totals. Members: points, then more correct answers, then less
/// total answer time, then shared rank (1, 1, 3). Branches and districts: by the organiser's <see cref="GroupRanking"/>,
/// compared exactly (fractions), then more correct answers per participant, then less answer time per participant,
/// then shared rank. A group with no participant ranks last (score 0), whatever negative marks others have.
/// Districts group branches by their district name. Fully tied entries are listed by id, so the output is reproducible.
/// </summary>
public static class HallStandingsRules
{
    /// <summary>Decimals shown for points, averages and times.</summary>
    public const int PointDecimals = 2;

    /// <summary>Decimals kept for a rate (0–1), so that a page shows it as a percentage with two decimals.</summary>
    public const int RateDecimals = 4;

    /// <param name="members">Members' totals; only those with at least one answered (revealed) question count as taking part.</param>
    public static HallStandings Compute(int afterQuestion, IEnumerable<MemberTotal> members, IReadOnlyList<ContestBranch> branches, GroupRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(branches);
        var taking = members.Where(m => m.Answered > 0).ToList();
        return new HallStandings(
            afterQuestion,
            RankMembers(taking),
            RankGroups(BranchTotals(taking, branches), ranking),
            RankGroups(DistrictTotals(BranchTotals(taking, branches)), ranking));
    }

    private static List<MemberStanding> RankMembers(List<MemberTotal> members)
    {
        var sorted = members
            .OrderByDescending(m => m.Points)
            .ThenByDescending(m => m.Correct)
            .ThenBy(m => m.TimeMs)
            .ThenBy(m => m.MemberNo, StringComparer.Ordinal)
            .ToList();
        var result = new List<MemberStanding>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var m = sorted[i];
            var tied = i > 0 && (sorted[i - 1].Points, sorted[i - 1].Correct, sorted[i - 1].TimeMs) == (m.Points, m.Correct, m.TimeMs);
            var rank = tied ? result[i - 1].Rank : i + 1;
            result.Add(new MemberStanding(rank, m.MemberNo, m.Name, m.BranchId, m.Points, m.Correct, m.Answered, m.TimeMs));
        }

        return result;
    }

    /// <summary>A branch's or district's sums: everything a rule or the tie chain needs.</summary>
    private sealed record GroupTotal(string Key, string Name, string? District, int Participants, int Eligible, long Points, long Correct, long TimeMs)
    {
        /// <summary>A member added after the start may take part without being counted eligible: the rate never passes 1.</summary>
        public int Denominator => Math.Max(Eligible, Participants);

        public Fraction Average => Participants == 0 ? Fraction.Zero : new Fraction(Points, Participants);

        public Fraction Rate => Denominator == 0 ? Fraction.Zero : new Fraction(Participants, Denominator);

        public Fraction PerParticipant(long value) => Participants == 0 ? Fraction.Zero : new Fraction(value, Participants);

        public Fraction Score(GroupRanking ranking) => ranking switch
        {
            GroupRanking.Participation => Rate,
            GroupRanking.AverageTimesParticipation => Denominator == 0 ? Fraction.Zero : new Fraction(Points, Denominator),
            _ => Average,
        };
    }

    private static List<GroupTotal> BranchTotals(List<MemberTotal> members, IReadOnlyList<ContestBranch> branches)
    {
        var byBranch = members.GroupBy(m => m.BranchId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return branches
            .DistinctBy(b => b.BranchId, StringComparer.Ordinal)
            .Select(b =>
            {
                var list = byBranch.GetValueOrDefault(b.BranchId) ?? [];
                return new GroupTotal(
                    b.BranchId, b.Name, b.District, list.Count, Math.Max(b.Eligible, 0),
                    list.Sum(m => (long)m.Points), list.Sum(m => (long)m.Correct), list.Sum(m => m.TimeMs));
            })
            .ToList();
    }

    private static List<GroupTotal> DistrictTotals(List<GroupTotal> branches) =>
        branches
            .GroupBy(b => Text.Key(b.District), StringComparer.Ordinal)
            .Select(g => new GroupTotal(
                Text.Clean(g.First().District), Text.Clean(g.First().District), null,
                g.Sum(b => b.Participants), g.Sum(b => b.Eligible), g.Sum(b => b.Points), g.Sum(b => b.Correct), g.Sum(b => b.TimeMs)))
            .ToList();

    private static List<GroupStanding> RankGroups(List<GroupTotal> groups, GroupRanking ranking)
    {
        var sorted = groups
            .Select(g => (Group: g, Chain: Chain(g, ranking)))
            .OrderBy(x => x.Chain, ChainComparer.Instance)
            .ThenBy(x => x.Group.Key, StringComparer.Ordinal)
            .ToList();
        var result = new List<GroupStanding>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var (g, chain) = sorted[i];
            var tied = i > 0 && ChainComparer.Instance.Compare(sorted[i - 1].Chain, chain) == 0;
            result.Add(new GroupStanding(
                tied ? result[i - 1].Rank : i + 1,
                g.Key,
                g.Name,
                g.District,
                g.Participants,
                g.Eligible,
                Show(chain.Score, ranking == GroupRanking.Participation ? RateDecimals : PointDecimals),
                Show(g.Average, PointDecimals),
                Show(g.Rate, RateDecimals),
                Show(chain.CorrectEach, PointDecimals),
                Show(chain.TimeEach, PointDecimals)));
        }

        return result;
    }

    private readonly record struct TieChain(bool TookPart, Fraction Score, Fraction CorrectEach, Fraction TimeEach);

    private static TieChain Chain(GroupTotal g, GroupRanking ranking) =>
        new(g.Participants > 0, g.Score(ranking), g.PerParticipant(g.Correct), g.PerParticipant(g.TimeMs));

    /// <summary>Best first: took part, higher score, more correct each, less time each.</summary>
    private sealed class ChainComparer : IComparer<TieChain>
    {
        public static readonly ChainComparer Instance = new();

        public int Compare(TieChain x, TieChain y)
        {
            var c = y.TookPart.CompareTo(x.TookPart);
            c = c != 0 ? c : y.Score.CompareTo(x.Score);
            c = c != 0 ? c : y.CorrectEach.CompareTo(x.CorrectEach);
            return c != 0 ? c : x.TimeEach.CompareTo(y.TimeEach);
        }
    }

    /// <summary>For showing only (ranks come from the exact values): rounded half away from zero.</summary>
    private static decimal Show(Fraction value, int decimals) =>
        Math.Round(value.ToDecimal(), decimals, MidpointRounding.AwayFromZero);
}

/// <summary>One member's running totals over the revealed questions they answered.</summary>
public sealed record MemberTotal(string MemberNo, string Name, string BranchId, int Points, int Correct, int Answered, long TimeMs);
