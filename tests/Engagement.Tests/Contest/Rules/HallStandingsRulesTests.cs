using CsCheck;
using Engagement.Contest;
using Engagement.Contest.Rules;

namespace Engagement.Tests.Contest.Rules;

public sealed class HallStandingsRulesTests
{
    private static MemberTotal M(string no, string branch, int points, int correct = 0, long timeMs = 0, int answered = 1) =>
        new(no, "党员" + no, branch, points, correct, answered, timeMs);

    private static ContestBranch B(string id, string district, int eligible) => new(id, id + "支部", district, eligible);

    [Fact]
    public void Members_rank_by_points_then_correct_answers_then_less_time_then_share()
    {
        var members = new[]
        {
            M("d", "b1", 30, correct: 3, timeMs: 9_000),
            M("a", "b1", 30, correct: 3, timeMs: 5_000), // beats d on time
            M("c", "b1", 30, correct: 4, timeMs: 20_000), // beats both on correct answers
            M("b", "b1", 40),
            M("e", "b1", 30, correct: 3, timeMs: 9_000), // fully tied with d
            M("f", "b1", -5),
            M("z", "b1", 0, answered: 0), // took no part yet: not ranked
        };

        var standings = HallStandingsRules.Compute(3, members, [B("b1", "一片区", 10)], GroupRanking.Average);

        Assert.Equal(3, standings.AfterQuestion);
        Assert.Equal(
            [(1, "b"), (2, "c"), (3, "a"), (4, "d"), (4, "e"), (6, "f")],
            standings.Members.Select(m => (m.Rank, m.MemberNo)));
    }

    /// <summary>
    /// Branches b1 (2 of 4 took part, 30 + 10), b2 (3 of 3: 20 + 20 + 20), b3 (1 of 10: 50), b4 (nobody of 5).
    /// Average: b3 50, b2 20, b1 20 → b1 and b2 tie on 20 and are separated by correct answers per participant.
    /// Participation: b2 1, b1 1/2, b3 1/10, b4 0. Average × participation: b2 20, b1 10, b3 5, b4 0.
    /// </summary>
    public static TheoryData<GroupRanking, string[], decimal[]> GroupRankings() => new()
    {
        { GroupRanking.Average, ["b3", "b1", "b2", "b4"], [50m, 20m, 20m, 0m] },
        { GroupRanking.Participation, ["b2", "b1", "b3", "b4"], [1m, 0.5m, 0.1m, 0m] },
        { GroupRanking.AverageTimesParticipation, ["b2", "b1", "b3", "b4"], [20m, 10m, 5m, 0m] },
    };

    [Theory]
    [MemberData(nameof(GroupRankings))]
    public void Branches_rank_by_the_organisers_rule_and_a_branch_with_nobody_comes_last(GroupRanking ranking, string[] order, decimal[] scores)
    {
        var members = new[]
        {
            M("1", "b1", 30, correct: 3), M("2", "b1", 10, correct: 1),
            M("3", "b2", 20, correct: 1), M("4", "b2", 20, correct: 1), M("5", "b2", 20, correct: 1),
            M("6", "b3", 50, correct: 5),
        };
        var branches = new[] { B("b1", "一片区", 4), B("b2", "一片区", 3), B("b3", "二片区", 10), B("b4", "二片区", 5) };

        var standings = HallStandingsRules.Compute(1, members, branches, ranking);

        Assert.Equal(order, standings.Branches.Select(b => b.Key));
        Assert.Equal(scores, standings.Branches.Select(b => b.Score));
        Assert.Equal([1, 2, 3, 4], standings.Branches.Select(b => b.Rank));
        var b4 = standings.Branches[^1];
        Assert.Equal((0, 5, 0m, 0m, "二片区"), (b4.Participants, b4.Eligible, b4.Average, b4.ParticipationRate, b4.District));
    }

    [Fact]
    public void A_branch_with_nobody_ranks_below_a_branch_with_a_negative_average()
    {
        var standings = HallStandingsRules.Compute(1, [M("1", "b1", -10)], [B("b1", "d", 5), B("b2", "d", 5)], GroupRanking.Average);

        Assert.Equal([("b1", 1, -10m), ("b2", 2, 0m)], standings.Branches.Select(b => (b.Key, b.Rank, b.Score)));
    }

    [Fact]
    public void Group_ties_are_broken_by_correct_answers_then_time_per_participant_then_shared()
    {
        var members = new[]
        {
            M("1", "b1", 20, correct: 2, timeMs: 10_000),
            M("2", "b2", 20, correct: 1, timeMs: 1_000), // fewer correct answers: below b1 despite less time
            M("3", "b3", 20, correct: 2, timeMs: 4_000), M("4", "b3", 20, correct: 2, timeMs: 8_000), // 6 s each: above b1
            M("5", "b4", 20, correct: 2, timeMs: 6_000), // same as b3 per participant: shares its rank
        };
        var branches = new[] { B("b1", "d", 9), B("b2", "d", 9), B("b3", "d", 9), B("b4", "d", 9) };

        var standings = HallStandingsRules.Compute(2, members, branches, GroupRanking.Average);

        Assert.Equal([(1, "b3"), (1, "b4"), (3, "b1"), (4, "b2")], standings.Branches.Select(b => (b.Rank, b.Key)));
        Assert.Equal(6_000m, standings.Branches[0].AverageTimeMs);
    }

    [Fact]
    public void Scores_are_compared_exactly_and_shown_rounded()
    {
        // b1: 10 over 3 participants = 3.333…; b2: 20 over 6 = the same value, however reached: a tie on score.
        var members = Enumerable.Range(0, 3).Select(i => M("a" + i, "b1", i == 0 ? 10 : 0, correct: 1))
            .Concat(Enumerable.Range(0, 6).Select(i => M("b" + i, "b2", i < 2 ? 10 : 0, correct: 1)))
            .ToList();

        var standings = HallStandingsRules.Compute(1, members, [B("b1", "d", 3), B("b2", "d", 9)], GroupRanking.Average);

        Assert.Equal([1, 1], standings.Branches.Select(b => b.Rank));
        Assert.All(standings.Branches, b => Assert.Equal(3.33m, b.Score));
        Assert.Equal(0.6667m, standings.Branches.Single(b => b.Key == "b2").ParticipationRate);
    }

    [Fact]
    public void Districts_sum_their_branches_and_rank_by_the_same_rule()
    {
        var members = new[] { M("1", "b1", 10), M("2", "b2", 30), M("3", "b3", 15) };
        var branches = new[] { B("b1", "一片区", 2), B("b2", "一片区", 2), B("b3", " 二片区", 1), B("b4", "二片区", 1) };

        var standings = HallStandingsRules.Compute(1, members, branches, GroupRanking.AverageTimesParticipation);

        // 一片区: 40 over 4 on the roster = 10; 二片区: 15 over 2 = 7.5 (district names match without spaces).
        Assert.Equal([("一片区", 1, 10m, 2, 4), ("二片区", 2, 7.5m, 1, 2)], standings.Districts.Select(d => (d.Key.Trim(), d.Rank, d.Score, d.Participants, d.Eligible)));
        Assert.All(standings.Districts, d => Assert.Null(d.District));
    }

    [Fact]
    public void A_member_of_a_branch_added_after_the_start_never_pushes_the_rate_past_one()
    {
        var standings = HallStandingsRules.Compute(1, [M("1", "b1", 10), M("2", "b1", 10)], [B("b1", "d", 1)], GroupRanking.Participation);

        Assert.Equal(1m, standings.Branches[0].ParticipationRate);
    }

    [Fact]
    public void Ranks_never_decrease_and_equal_values_share_a_rank()
    {
        var gen =
            from members in Gen.Select(Gen.Int[0, 30], Gen.Int[-20, 60], Gen.Int[0, 5], Gen.Long[0, 20_000], Gen.Int[0, 3])
                .Select(x => M("m" + x.Item1, "b" + x.Item5, x.Item2, x.Item3, x.Item4))
                .List[0, 40]
            from ranking in Gen.Enum<GroupRanking>()
            select (members: members.DistinctBy(m => m.MemberNo).ToList(), ranking);
        var branches = Enumerable.Range(0, 5).Select(i => B("b" + i, "d" + (i % 2), 6)).ToList();

        gen.Sample(x =>
        {
            var standings = HallStandingsRules.Compute(1, x.members, branches, x.ranking);
            for (var i = 1; i < standings.Members.Count; i++)
            {
                var (a, b) = (standings.Members[i - 1], standings.Members[i]);
                Assert.True(a.Rank <= b.Rank);
                Assert.Equal((a.Points, a.Correct, a.TimeMs) == (b.Points, b.Correct, b.TimeMs), a.Rank == b.Rank);
                Assert.True(b.Rank == a.Rank || b.Rank == i + 1);
            }

            foreach (var groups in new[] { standings.Branches, standings.Districts })
            {
                for (var i = 1; i < groups.Count; i++)
                {
                    Assert.True(groups[i - 1].Rank <= groups[i].Rank);
                    Assert.True(groups[i].Rank == groups[i - 1].Rank || groups[i].Rank == i + 1);
                }
            }

            Assert.Equal(5, standings.Branches.Count);
            Assert.Equal(x.members.Count, standings.Members.Count);
        });
    }
}
