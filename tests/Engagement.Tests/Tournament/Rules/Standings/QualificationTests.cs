using CsCheck;
using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;
using static Engagement.Tests.Tournament.Rules.Table;

namespace Engagement.Tests.Tournament.Rules;

public sealed class QualificationTests
{
    private static readonly RuleSet Air = RuleSet.AirVolleyball;

    /// <summary>"a:Q b:P c:E": each team's status, in the order the teams were given.</summary>
    private static string Decide(string teams, MatchResult[] played, string remaining, int places, IReadOnlyList<StandingCriterion>? criteria = null, RuleSet? rules = null)
    {
        var ids = teams.Split(' ');
        var left = remaining.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => (p.Split('-')[0], p.Split('-')[1])).ToList();
        var decided = Qualification.Decide(ids, played, left, rules ?? Air, criteria ?? StandingCriteria.ChineseRegulation, places);
        return string.Join(" ", ids.Select(t => $"{t}:{decided[t].ToString()[0]}"));
    }

    [Fact]
    public void After_the_first_round_nobody_is_qualified_or_out()
    {
        var played = new[] { M("a", "b", "21:10 21:10"), M("c", "d", "21:10 21:10") };

        Assert.Equal("a:P b:P c:P d:P", Decide("a b c d", played, "a-c b-d a-d b-c", 2));
    }

    [Fact]
    public void A_leader_nobody_can_reach_is_qualified_while_the_rest_stay_provisional()
    {
        // a has 6 points with nothing left; b, c and d can reach at most 5, 4 and 5.
        var played = new[] { M("a", "b", "21:10 21:10"), M("a", "c", "21:10 21:10"), M("a", "d", "21:10 21:10"), M("b", "c", "21:10 21:10") };

        Assert.Equal("a:Q b:P c:P d:P", Decide("a b c d", played, "b-d c-d", 2));
    }

    [Fact]
    public void Two_unbeaten_teams_are_through_before_they_meet_and_the_two_winless_are_out()
    {
        var played = new[] { M("a", "c", "21:10 21:10"), M("a", "d", "21:10 21:10"), M("b", "c", "21:10 21:10"), M("b", "d", "21:10 21:10") };

        Assert.Equal("a:Q b:Q c:E d:E", Decide("a b c d", played, "a-b c-d", 2, StandingCriteria.Fivb));
    }

    [Fact]
    public void A_three_way_tie_on_wins_that_cannot_be_ruled_out_keeps_the_leader_provisional()
    {
        // If b beats a and d beats c, a, b and d all have 2 wins and only quotients (not yet played) separate them.
        var played = new[] { M("a", "c", "21:10 21:10"), M("a", "d", "21:10 21:10"), M("b", "c", "21:10 21:10"), M("d", "b", "21:10 21:10") };

        Assert.Equal("a:P b:P c:P d:P", Decide("a b c d", played, "a-b c-d", 2, StandingCriteria.Fivb));
    }

    [Fact]
    public void One_place_in_three_goes_to_the_team_with_two_wins_when_the_others_can_reach_one()
    {
        var played = new[] { M("a", "b", "21:10 21:10"), M("a", "c", "21:10 21:10") };

        Assert.Equal("a:Q b:E c:E", Decide("a b c", played, "b-c", 1, StandingCriteria.Fivb));
    }

    [Fact]
    public void A_forfeit_earns_no_point_so_a_loss_to_come_is_bounded_below_by_zero()
    {
        // a 4 points, b 3, c 2 (two losses), d 3. Left: a-d, b-c. If d beats a (a may forfeit: +0), a stays at 4,
        // d reaches 5 and b 5: a can miss the top two.
        var played = new[] { M("a", "b", "21:10 21:10"), M("a", "c", "21:10 21:10"), M("d", "b", "10:21 21:10 15:10"), M("d", "c", "21:10 21:10") };

        Assert.Equal("a:P b:P c:P d:P", Decide("a b c d", played, "a-d b-c", 2));
    }

    [Fact]
    public void A_complete_group_is_decided_by_its_table()
    {
        var played = new[] { M("a", "b", "21:10 21:10"), M("a", "c", "21:10 21:10"), M("b", "c", "21:10 21:10") };

        Assert.Equal("a:Q b:Q c:E", Decide("a b c", played, "", 2));
    }

    [Fact]
    public void A_complete_group_whose_tie_straddles_the_line_stays_provisional()
    {
        // A perfect circle: every criterion, head-to-head included, leaves the three level.
        var played = new[] { M("a", "b", "21:19 21:19"), M("b", "c", "21:19 21:19"), M("c", "a", "21:19 21:19") };

        Assert.Equal("a:P b:P c:P", Decide("a b c", played, "", 2));
    }

    [Fact]
    public void A_chain_that_begins_with_a_quotient_decides_nothing_before_the_end()
    {
        var played = new[] { M("a", "b", "21:10 21:10"), M("a", "c", "21:10 21:10") };

        Assert.Equal("a:P b:P c:P", Decide("a b c", played, "b-c", 1, [StandingCriterion.SetQuotient, StandingCriterion.MatchesWon]));
    }

    [Fact]
    public void More_remaining_matches_than_the_bound_decide_nothing()
    {
        // Seven teams, a has won all six; the other fifteen matches are left: beyond the bound, so not decided,
        // although a is in fact through.
        var teams = "a b c d e f g".Split(' ');
        var played = teams.Skip(1).Select(t => M("a", t, "21:10 21:10")).ToArray();
        var remaining = string.Join(" ", from x in teams.Skip(1) from y in teams.Skip(1) where string.CompareOrdinal(x, y) < 0 select $"{x}-{y}");

        Assert.Equal(15, remaining.Split(' ').Length);
        Assert.StartsWith("a:P", Decide(string.Join(" ", teams), played, remaining, 1, StandingCriteria.Fivb));
        // With one match fewer left per team the same lead is decided (a check that the bound, not the rule, held it back).
        Assert.StartsWith("a:Q", Decide("a b c d", [.. played.Take(3)], "b-c b-d c-d", 1, StandingCriteria.Fivb));
    }

    [Fact]
    public void A_remaining_match_between_strangers_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Decide("a b", [], "a-x", 1));
    }

    private static readonly Gen<RuleSet> GenRules =
        from preset in Gen.OneOf(RuleSet.AirVolleyball, RuleSet.AirVolleyballCapped, RuleSet.FivbIndoor, Preset("air-fivb-points"), RuleSet.FivbIndoor with { SetsToWin = 1 })
        from retirementIsForfeit in Gen.Bool
        select preset with { MatchPoints = preset.MatchPoints with { RetirementCountsAsForfeit = retirementIsForfeit } };

    /// <summary>A valid result between two teams: who wins, how many sets the loser takes, the ending and close or lopsided sets.</summary>
    private static Gen<Func<string, string, MatchResult>> GenResult(RuleSet rules) =>
        from aWins in Gen.Bool
        from loserSets in Gen.Int[0, rules.SetsToWin - 1]
        from order in Gen.Shuffle(Enumerable.Range(0, rules.SetsToWin - 1 + loserSets).Select(i => i < loserSets).ToArray())
        from losing in Gen.OneOf(0, 10, 13, 19, 20, 23).Array[rules.MaxSets]
        from ending in Gen.OneOf(MatchEnding.Played, MatchEnding.Played, MatchEnding.Forfeit, MatchEnding.Retirement)
        select (Func<string, string, MatchResult>)((a, b) => Build(rules, a, b, aWins ? Team.A : Team.B, [.. order, false], losing, ending));

    private static MatchResult Build(RuleSet rules, string a, string b, Team winner, bool[] loserTakes, int[] losing, MatchEnding ending)
    {
        if (ending == MatchEnding.Forfeit)
        {
            return new MatchResult(a, b, SetRules.ForfeitSets(rules, winner), ending);
        }

        var sets = loserTakes.Select((loserSet, i) =>
        {
            var setWinner = loserSet ? winner.Opponent() : winner;
            var lost = losing[i];
            return SetScore.For(setWinner, SetRules.WinningScoreAgainst(rules, i + 1, lost), Math.Min(lost, SetRules.WinningScoreAgainst(rules, i + 1, lost) - 1));
        }).ToList();
        return new MatchResult(a, b, sets, ending);
    }

    /// <summary>
    /// Property: for any group of 3–5 teams, any rules and criteria chain, any results played so far and any
    /// completion of the rest (set scores, forfeits and retirements included), "qualified" means the final
    /// table puts the team (with everyone it shares its position with) within the places, and "eliminated"
    /// means it finishes below them. Provisional is never wrong; decided must never be.
    /// </summary>
    [Fact]
    public void A_decided_status_never_contradicts_any_completion_of_the_group()
    {
        var gen =
            from rules in GenRules
            from count in Gen.Int[3, 5]
            let teams = "abcde".Take(count).Select(c => c.ToString()).ToArray()
            let pairs = (from i in Enumerable.Range(0, count) from j in Enumerable.Range(i + 1, count - i - 1) select (teams[i], teams[j])).ToArray()
            from makers in GenResult(rules).Array[pairs.Length]
            let results = pairs.Select((p, i) => makers[i](p.Item1, p.Item2)).ToArray()
            from playedMask in Gen.Bool.Array[pairs.Length]
            from places in Gen.Int[1, count - 1]
            from criteria in Gen.Shuffle(Enum.GetValues<StandingCriterion>()).SelectMany(c => Gen.Int[1, c.Length].Select(n => c[..n]))
            select (rules, teams, pairs, results, playedMask, places, criteria);

        gen.Sample(c =>
        {
            var played = c.results.Where((_, i) => c.playedMask[i]).ToList();
            var remaining = c.pairs.Where((_, i) => !c.playedMask[i]).ToList();
            var decided = Qualification.Decide(c.teams, played, remaining, c.rules, c.criteria, c.places);
            var final = Standings.Compute(c.teams, c.results, c.rules, c.criteria);
            foreach (var row in final)
            {
                var sharing = final.Count(r => r.Position == row.Position);
                switch (decided[row.TeamId])
                {
                    case QualificationStatus.Qualified:
                        Assert.True(row.Position + sharing - 1 <= c.places, $"{row.TeamId} qualified but finished {row.Position} (shared by {sharing})");
                        break;
                    case QualificationStatus.Eliminated:
                        Assert.True(row.Position > c.places, $"{row.TeamId} eliminated but finished {row.Position}");
                        break;
                }
            }
        }, iter: 3000);
    }

    /// <summary>Property: the rule decides something often enough to matter (it is not "provisional" for everyone).</summary>
    [Fact]
    public void The_rule_decides_late_groups_often()
    {
        var teams = new[] { "a", "b", "c", "d" };
        var pairs = (from i in Enumerable.Range(0, 4) from j in Enumerable.Range(i + 1, 3 - i) select (teams[i], teams[j])).ToArray();
        var gen = GenResult(Air).Array[pairs.Length].Select(makers => pairs.Select((p, i) => makers[i](p.Item1, p.Item2)).ToArray());
        var decidedGroups = 0;
        var samples = 0;
        gen.Sample(results =>
        {
            samples++;
            var decided = Qualification.Decide(teams, results[..5], [pairs[5]], Air, StandingCriteria.ChineseRegulation, 2);
            decidedGroups += decided.Values.Any(s => s != QualificationStatus.Provisional) ? 1 : 0;
        }, iter: 200, threads: 1);

        Assert.True(decidedGroups > samples / 4, $"only {decidedGroups} of {samples} groups with one match left had a decided team");
    }
}
