using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class DoubleEliminationTests
{
    [Fact]
    public void Four_teams_have_six_matches_and_seven_with_a_reset()
    {
        var bracket = DoubleElimination.Build(4, grandFinalReset: true);

        Assert.Equal(
            [
                "WB-R1-M1: 1 v 4", "WB-R1-M2: 2 v 3", "WB-R2-M1: W(WB-R1-M1) v W(WB-R1-M2)",
                "LB-R1-M1: L(WB-R1-M1) v L(WB-R1-M2)", "LB-R2-M1: W(LB-R1-M1) v L(WB-R2-M1)",
                "GF: W(WB-R2-M1) v W(LB-R2-M1)", "GF-RESET: T(GF) if reset v B(GF) if reset",
            ],
            bracket.Matches.Select(m => $"{m.Id}: {Play.Sources(m)}"));
        Assert.Equal(6, DoubleElimination.Build(4, grandFinalReset: false).Matches.Count);
    }

    [Fact]
    public void Eight_teams_drop_winners_bracket_losers_into_tabled_losers_matches()
    {
        var bracket = DoubleElimination.Build(8, grandFinalReset: false);

        Assert.Equal(
            [
                "LB-R1-M1: L(WB-R1-M1) v L(WB-R1-M2)", "LB-R1-M2: L(WB-R1-M3) v L(WB-R1-M4)",
                "LB-R2-M1: W(LB-R1-M1) v L(WB-R2-M2)", "LB-R2-M2: W(LB-R1-M2) v L(WB-R2-M1)",
                "LB-R3-M1: W(LB-R2-M1) v W(LB-R2-M2)",
                "LB-R4-M1: W(LB-R3-M1) v L(WB-R3-M1)",
            ],
            bracket.Matches.Where(m => m.Part == BracketPart.Losers).Select(m => $"{m.Id}: {Play.Sources(m)}"));
        Assert.Equal("W(WB-R3-M1) v W(LB-R4-M1)", Play.Sources(bracket[DoubleElimination.GrandFinalId]));
        Assert.Equal(7, bracket.Matches.Count(m => m.Part == BracketPart.Winners));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    public void Match_count_is_two_n_minus_two_or_two_n_minus_one_with_reset(int n)
    {
        Assert.Equal((2 * n) - 2, DoubleElimination.Build(n, grandFinalReset: false).Matches.Count);
        Assert.Equal((2 * n) - 1, DoubleElimination.Build(n, grandFinalReset: true).Matches.Count);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    public void Every_winners_bracket_loser_lands_in_one_defined_losers_match(int n)
    {
        var bracket = DoubleElimination.Build(n, grandFinalReset: true);

        foreach (var match in bracket.Matches.Where(m => m.Part == BracketPart.Winners))
        {
            var landing = bracket.Matches
                .Where(m => m.Top.Source == new LoserOf(match.Id) || m.Bottom.Source == new LoserOf(match.Id))
                .ToArray();
            var into = Assert.Single(landing);
            Assert.Equal(BracketPart.Losers, into.Part);
            Assert.Equal(match.Round == 1 ? 1 : 2 * (match.Round - 1), into.Round);
        }

        // Nothing else feeds on losers: a losers'-bracket loser is out.
        Assert.All(
            bracket.Matches.SelectMany(m => new[] { m.Top.Source, m.Bottom.Source }).OfType<LoserOf>(),
            l => Assert.Equal(BracketPart.Winners, bracket[l.MatchId].Part));
    }

    [Theory]
    [InlineData(2, 4, "4 3 2 1")]
    [InlineData(3, 2, "2 1")]
    [InlineData(3, 4, "3 4 1 2")]
    [InlineData(4, 1, "1")]
    public void Drop_ins_are_reversed_after_even_rounds_and_half_shifted_after_odd(int winnersRound, int count, string expected)
    {
        var order = Enumerable.Range(1, count).Select(i => DoubleElimination.DroppingMatch(winnersRound, i, count));

        Assert.Equal(expected, string.Join(' ', order));
    }

    [Fact]
    public void With_four_teams_every_outcome_eliminates_after_exactly_two_losses()
    {
        var outcomes = 0;
        Explore(DoubleElimination.Build(4, grandFinalReset: true));

        // 2^5 ways to reach the grand final; each ends there (top wins) or in a reset with two outcomes.
        Assert.Equal(32 * 3, outcomes);

        void Explore(Bracket bracket)
        {
            if (bracket.Playable.FirstOrDefault() is not { } next)
            {
                outcomes++;
                AssertTwoLossesEach(bracket, teams: 4);
                return;
            }

            Explore(bracket.Complete(next.Id, Side.Top));
            Explore(bracket.Complete(next.Id, Side.Bottom));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(16)]
    public void Random_results_always_eliminate_after_exactly_two_losses(int teams)
    {
        var random = new Random(teams);
        for (var run = 0; run < 200; run++)
        {
            var played = Play.Through(DoubleElimination.Build(teams, grandFinalReset: true), _ => random.Next(2) == 0 ? Side.Top : Side.Bottom);

            AssertTwoLossesEach(played, teams);
        }
    }

    [Fact]
    public void Without_a_reset_the_winners_bracket_champion_is_out_after_one_grand_final_loss()
    {
        var played = Play.Through(DoubleElimination.Build(8, grandFinalReset: false), m => m.Id == DoubleElimination.GrandFinalId ? Side.Bottom : Play.Favourite(m));

        Assert.True(played.IsFinished);
        Assert.Equal(1, Play.Losses(played)[new Seed(1)]);
        Assert.Equal(new Seed(2), played.Champion); // 2 lost only to 1 in the WB final, then won the losers' bracket
    }

    [Fact]
    public void The_reset_is_played_only_when_the_losers_bracket_champion_wins_the_grand_final()
    {
        var toFinal = Play.Through(DoubleElimination.Build(4, grandFinalReset: true), Play.Favourite, stopAt: m => m.Part == BracketPart.GrandFinal);
        var gf = toFinal[DoubleElimination.GrandFinalId];
        Assert.Equal((new Seed(1), new Seed(2), MatchStatus.Ready), (gf.Top.Occupant, gf.Bottom.Occupant, gf.Status));
        Assert.Equal(MatchStatus.Locked, toFinal[DoubleElimination.ResetId].Status);
        Assert.Null(toFinal.Champion);

        var topWins = toFinal.Complete(DoubleElimination.GrandFinalId, Side.Top);
        Assert.True(topWins[DoubleElimination.ResetId].IsBye);
        Assert.True(topWins.IsFinished);
        Assert.Equal(new Seed(1), topWins.Champion);

        var bottomWins = toFinal.Complete(DoubleElimination.GrandFinalId, Side.Bottom);
        var reset = bottomWins[DoubleElimination.ResetId];
        Assert.Equal((new Seed(1), new Seed(2), MatchStatus.Ready), (reset.Top.Occupant, reset.Bottom.Occupant, reset.Status));
        Assert.Null(bottomWins.Champion);
        Assert.Equal(new Seed(2), bottomWins.Complete(DoubleElimination.ResetId, Side.Bottom).Champion);
        Assert.Equal(new Seed(1), bottomWins.Complete(DoubleElimination.ResetId, Side.Top).Champion);
    }

    [Fact]
    public void Fewer_than_three_teams_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleElimination.Build(2, true));
        Assert.Throws<ArgumentException>(() => DoubleElimination.Build([new Seed(1), new Seed(2)], true));
    }

    private static void AssertTwoLossesEach(Bracket played, int teams)
    {
        Assert.True(played.IsFinished);
        var losses = Play.Losses(played);
        var champion = played.Champion!;
        Assert.Equal(teams - 1, losses.Keys.Count(k => k != champion));
        Assert.All(losses.Where(l => l.Key != champion), l => Assert.Equal(2, l.Value));
        Assert.InRange(losses.GetValueOrDefault(champion), 0, 1);
    }
}
