using CsCheck;
using Engagement.Tournament;
using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>
/// What a stored result may be, whatever its ending: a played or retired match a possible score, a forfeit
/// every set lost 0 to its target (the deciding set's too), and its winner the team with the sets. Whatever
/// passes these checks, the standings can rank; whatever the score sheet produces passes them.
/// </summary>
public sealed class MatchResultRulesTests
{
    /// <summary>Air volleyball played as a single set: that set is the deciding one, to 15.</summary>
    private static readonly RuleSet BestOfOne = RuleSet.AirVolleyball with { SetsToWin = 1 };

    private static RuleSet Rules(string preset) => preset == "bo1" ? BestOfOne : Preset(preset);

    [Theory]
    [InlineData("bo1", "A", "15:0")] // not 21:0: the only set is the deciding set
    [InlineData("bo1", "B", "0:15")]
    [InlineData("air", "A", "21:0 21:0")]
    [InlineData("fivb", "B", "0:25 0:25 0:25")]
    public void A_forfeit_is_every_set_the_winner_needs_at_its_target_to_0(string preset, string winner, string sets)
    {
        Assert.Equal(sets, Text(SetRules.ForfeitSets(Rules(preset), ParseTeam(winner))));
        // …and it is what the score sheet records for a forfeit.
        Assert.Equal(sets, Text(MatchScore.Start(Rules(preset)).Forfeit(ParseTeam(winner).Opponent()).Sets));
    }

    [Theory]
    // rules, sets, ending → may be stored
    [InlineData("bo1", "15:0", MatchEnding.Forfeit, true)]
    [InlineData("bo1", "21:0", MatchEnding.Forfeit, false)] // the console's old forfeit in a best of 1
    [InlineData("bo1", "21:0", MatchEnding.Played, false)]
    [InlineData("bo1", "15:13", MatchEnding.Played, true)]
    [InlineData("air", "21:0 21:0", MatchEnding.Forfeit, true)]
    [InlineData("air", "0:21 0:21", MatchEnding.Forfeit, true)]
    [InlineData("air", "21:0 0:21 15:0", MatchEnding.Forfeit, false)] // a forfeit is 0-2, never 1-2
    [InlineData("air", "21:19 21:19", MatchEnding.Forfeit, false)]
    [InlineData("air", "21:0", MatchEnding.Forfeit, false)]
    [InlineData("air", "", MatchEnding.Forfeit, false)]
    [InlineData("air", "", MatchEnding.Played, false)]
    [InlineData("air", "", MatchEnding.Retirement, false)]
    [InlineData("air", "21:19 21:19", MatchEnding.Played, true)]
    [InlineData("air", "21:20 21:19", MatchEnding.Played, false)]
    [InlineData("air", "19:21 22:20 15:0", MatchEnding.Retirement, true)] // B retired at 20 in set 2
    [InlineData("air", "19:21 22:20", MatchEnding.Retirement, false)] // 1-1 is not a result
    [InlineData("air-capped", "25:24 21:0", MatchEnding.Retirement, true)]
    [InlineData("air", "-1:21 21:0 15:0", MatchEnding.Played, false)]
    [InlineData("air", "21:0 21:0", (MatchEnding)7, false)]
    public void A_result_may_be_stored_only_as_its_ending_allows(string preset, string sets, MatchEnding ending, bool valid)
    {
        Assert.Equal(valid, SetRules.IsValidResult(Rules(preset), Sets(sets), ending));
    }

    [Theory]
    // ending, sets (A first), winner → problem (null: it stands)
    [InlineData("Finished", "21:10 21:12", "t1", null)]
    [InlineData("Finished", "21:10 21:12", "t2", TournamentPlan.BadWinner)]
    [InlineData("Finished", "21:10 21:12", "t9", TournamentPlan.BadWinner)]
    [InlineData("Finished", "21:10 21:12", null, TournamentPlan.BadWinner)]
    [InlineData("Forfeited", "0:21 0:21", "t2", null)]
    [InlineData("Forfeited", "0:15", "t2", TournamentPlan.BadScore)]
    [InlineData("Retired", "0:21 0:21", "t2", null)]
    [InlineData("Whatever", "21:10 21:12", "t1", TournamentPlan.BadEnding)]
    [InlineData("finished", "21:10 21:12", "t1", TournamentPlan.BadEnding)] // stored endings are the score sheet's exact names
    [InlineData(null, "21:10 21:12", "t1", TournamentPlan.BadEnding)]
    [InlineData("Finished", "21:10", "t1", TournamentPlan.BadScore)]
    public void A_stored_outcome_is_checked_by_its_ending_sets_and_winner(string? ending, string sets, string? winner, string? problem)
    {
        var outcome = new MatchOutcome(Sets(sets).Select(s => new SetPoints(s.A, s.B)).ToList(), winner!, ending!);

        Assert.Equal(problem, TournamentPlan.ResultProblem(RuleSet.AirVolleyball, "t1", "t2", outcome));
    }

    [Fact]
    public void An_outcome_with_a_null_set_or_no_sets_list_is_a_bad_score_not_a_crash()
    {
        Assert.Equal(TournamentPlan.BadScore, TournamentPlan.ResultProblem(RuleSet.AirVolleyball, "t1", "t2", new MatchOutcome([new(21, 0), null!], "t1", "Finished")));
        Assert.Equal(TournamentPlan.BadScore, TournamentPlan.ResultProblem(RuleSet.AirVolleyball, "t1", "t2", new MatchOutcome(null!, "t1", "Finished")));
        Assert.Equal(TournamentPlan.BadEnding, TournamentPlan.ResultProblem(RuleSet.AirVolleyball, "t1", "t2", null));
    }

    private static readonly Gen<RuleSet> GenRules =
        from preset in Gen.OneOf(RuleSet.AirVolleyball, RuleSet.AirVolleyballCapped, RuleSet.FivbIndoor, BestOfOne, RuleSet.FivbIndoor with { SetsToWin = 1 })
        from retirementIsForfeit in Gen.Bool
        select preset with { MatchPoints = preset.MatchPoints with { RetirementCountsAsForfeit = retirementIsForfeit } };

    /// <summary>Any ending text: the three the score sheet writes, and others a body or an old record might hold.</summary>
    private static readonly Gen<string?> GenEnding = Gen.OneOf<string?>("Finished", "Forfeited", "Retired", "Whatever", "", null, "finished", "Finished, Forfeited", "1");

    /// <summary>Sets near the real ones: targets, caps, deuces, zeros, negatives and nonsense, 0–6 of them.</summary>
    private static readonly Gen<SetPoints[]> GenSets =
        Gen.Select(
            Gen.OneOf(Gen.Int[-2, 32], Gen.OneOf(0, 15, 17, 21, 25)),
            Gen.OneOf(Gen.Int[-2, 32], Gen.OneOf(0, 13, 15, 19, 23)),
            Gen.Bool,
            (w, l, swap) => swap ? new SetPoints(l, w) : new SetPoints(w, l)).Array[0, 6];

    /// <summary>
    /// Property: for any generated outcome (ending, sets, winner) of any rule set, the check either refuses it
    /// or the outcome is one the standings rank without throwing, alongside any other accepted results. So a
    /// correction that passes the check can never make a table fail to render.
    /// </summary>
    [Fact]
    public void Any_outcome_is_refused_by_the_check_or_ranked_by_the_standings()
    {
        var gen =
            from rules in GenRules
            from outcomes in Gen.Select(GenEnding, GenSets, Gen.OneOf<string?>("t1", "t2", "t3", null)).Array[1, 6]
            from criteria in Gen.Shuffle(Enum.GetValues<StandingCriterion>()).SelectMany(c => Gen.Int[1, c.Length].Select(n => c[..n]))
            select (rules, outcomes, criteria);

        gen.Sample(c =>
        {
            var pairs = new[] { ("t1", "t2"), ("t2", "t3"), ("t1", "t3") };
            var accepted = new List<MatchResult>();
            for (var i = 0; i < c.outcomes.Length; i++)
            {
                var (ending, sets, winner) = c.outcomes[i];
                var (a, b) = pairs[i % pairs.Length];
                var outcome = new MatchOutcome(sets, winner!, ending!);
                if (TournamentPlan.ResultProblem(c.rules, a, b, outcome) is null)
                {
                    Assert.Contains(ending, new[] { "Finished", "Forfeited", "Retired" });
                    Assert.True(winner == a || winner == b);
                    accepted.Add(TournamentPlan.ToResult(a, b, outcome));
                }
            }

            var table = Standings.Compute(["t1", "t2", "t3"], accepted, c.rules, c.criteria);
            Assert.Equal(3, table.Count);
        }, iter: 5000);
    }

    /// <summary>
    /// Property: whatever a scorer enters (random rallies, undos, timeouts, confirmations, then maybe a forfeit
    /// or a retirement), a result the score sheet reaches passes the result check under its ending: the views
    /// never flag a result the score sheet produced.
    /// </summary>
    [Fact]
    public void Every_result_the_score_sheet_reaches_passes_the_result_check()
    {
        var gen =
            from rules in GenRules
            from steps in Gen.Int[0, 11].Array[0, 400]
            from end in Gen.Int[0, 2]
            from team in Gen.OneOf(Team.A, Team.B)
            select (rules, steps, end, team);

        gen.Sample(c =>
        {
            var score = MatchScore.Start(c.rules);
            foreach (var step in c.steps)
            {
                score = Try(score, step switch
                {
                    < 4 => new RallyWon(Team.A),
                    < 8 => new RallyWon(Team.B),
                    8 => new SetEndConfirmed(),
                    9 => new RallyUndone(),
                    10 => new TimeoutTaken(Team.A),
                    _ => new MatchEndConfirmed(),
                });
            }

            score = c.end switch
            {
                1 => Try(score, new MatchForfeited(c.team)),
                2 => Try(score, new TeamRetired(c.team)),
                _ => Try(Try(score, new SetEndConfirmed()), new MatchEndConfirmed()),
            };
            if (score.Status is not (MatchScoreStatus.Finished or MatchScoreStatus.Forfeited or MatchScoreStatus.Retired))
            {
                return;
            }

            var winner = score.Winner == Team.A ? "t1" : "t2";
            var outcome = new MatchOutcome([.. score.Sets.Select(s => new SetPoints(s.A, s.B))], winner, score.Status.ToString());
            Assert.Null(TournamentPlan.ResultProblem(c.rules, "t1", "t2", outcome));
        }, iter: 3000);

        static MatchScore Try(MatchScore score, MatchEvent entry)
        {
            try
            {
                return score.Apply(entry);
            }
            catch (ScoringViolation)
            {
                return score;
            }
        }
    }
}
