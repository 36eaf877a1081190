namespace Engagement.Contest.Rules;

/// <summary>
/// Standings of the hall round from each member's totals. Members: points, then more correct answers, then less
/// total answer time, then shared rank. Branches and districts: by the organiser's <see cref="GroupRanking"/>,
/// compared exactly (fractions), then more correct answers per participant, then less answer time per participant,
/// then shared rank. A branch with no participant ranks last (score 0). Districts group branches by their
/// district name. SKELETON (issue 12 §2).
/// </summary>
public static class HallStandingsRules
{
    public static HallStandings Compute(int afterQuestion, IEnumerable<MemberTotal> members, IReadOnlyList<ContestBranch> branches, GroupRanking ranking) =>
        throw new NotImplementedException();
}

/// <summary>One member's running totals over the revealed questions they answered.</summary>
public sealed record MemberTotal(string MemberNo, string Name, string BranchId, int Points, int Correct, int Answered, long TimeMs);
