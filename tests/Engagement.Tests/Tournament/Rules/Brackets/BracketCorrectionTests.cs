using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class BracketCorrectionTests
{
    [Fact]
    public void Correcting_to_the_same_winner_changes_nothing()
    {
        var bracket = Play.Through(Knockout.Build(8, thirdPlace: true), Play.Favourite);

        var correction = bracket.Correct("R1-M1", Side.Top);

        Assert.False(correction.WinnerChanged);
        Assert.Empty(correction.Reset);
        Assert.Equal(bracket, correction.Bracket);
    }

    [Fact]
    public void A_changed_winner_before_the_next_match_starts_just_moves_the_new_winner_up()
    {
        var bracket = Play.Results(Knockout.Build(8, thirdPlace: false), "R1-M1:T", "R1-M2:T");

        var correction = bracket.Correct("R1-M1", Side.Bottom);

        Assert.True(correction.WinnerChanged);
        Assert.Empty(correction.Reset);
        var next = correction.Bracket["R2-M1"];
        Assert.Equal((new Seed(8), new Seed(4), MatchStatus.Ready), (next.Top.Occupant, next.Bottom.Occupant, next.Status));
        Assert.Equal(Side.Bottom, correction.Bracket["R1-M1"].Winner);
    }

    [Fact]
    public void A_changed_winner_resets_exactly_the_played_matches_downstream()
    {
        // Everything played by the favourites except the final, which is under way.
        var bracket = Play.Results(Knockout.Build(8, thirdPlace: true),
            "R1-M1:T", "R1-M2:T", "R1-M3:T", "R1-M4:T", "R2-M1:T", "R2-M2:T", "3RD:B").Start("R3-M1");

        var correction = bracket.Correct("R1-M1", Side.Bottom);

        // The quarter-final winner changed: its semi-final is void, so the final (running) and the third-place
        // match (which had the semi-final's loser) are void too. The other half keeps its results.
        Assert.Equal(["R2-M1", "R3-M1", Knockout.ThirdPlaceId], correction.Reset);
        AssertOnlyResetMatchesLostTheirResults(bracket, correction);
        var after = correction.Bracket;
        Assert.Equal((new Seed(8), new Seed(4), MatchStatus.Ready), (after["R2-M1"].Top.Occupant, after["R2-M1"].Bottom.Occupant, after["R2-M1"].Status));
        Assert.Equal(MatchStatus.Waiting, after["R3-M1"].Status);
        Assert.Equal(new Seed(2), after["R3-M1"].Bottom.Occupant);
        Assert.Equal(MatchStatus.Waiting, after[Knockout.ThirdPlaceId].Status);
        Assert.Equal(new Seed(3), after[Knockout.ThirdPlaceId].Bottom.Occupant);
        Assert.Null(after.Champion);
    }

    [Fact]
    public void The_third_place_match_depends_on_the_semi_final_loser()
    {
        var bracket = Play.Results(Knockout.Build(4, thirdPlace: true), "R1-M1:T", "R1-M2:T", "3RD:T");

        var correction = bracket.Correct("R1-M1", Side.Bottom);

        Assert.Equal([Knockout.ThirdPlaceId], correction.Reset); // the final had not started: it just gets 4
        AssertOnlyResetMatchesLostTheirResults(bracket, correction);
        Assert.Equal(new Seed(1), correction.Bracket[Knockout.ThirdPlaceId].Top.Occupant);
        Assert.Equal(MatchStatus.Ready, correction.Bracket[Knockout.ThirdPlaceId].Status);
        Assert.Equal(new Seed(4), correction.Bracket["R2-M1"].Top.Occupant);
    }

    [Fact]
    public void Correcting_the_final_resets_nothing()
    {
        var bracket = Play.Through(Knockout.Build(8, thirdPlace: true), Play.Favourite);

        var correction = bracket.Correct("R3-M1", Side.Bottom);

        Assert.Empty(correction.Reset);
        Assert.Equal(new Seed(2), correction.Bracket.Champion);
        AssertOnlyResetMatchesLostTheirResults(bracket, correction);
    }

    [Fact]
    public void Resets_run_transitively_through_every_later_round()
    {
        var bracket = Play.Through(Knockout.Build(16, thirdPlace: false), Play.Favourite);

        var correction = bracket.Correct("R1-M1", Side.Bottom);

        Assert.Equal(["R2-M1", "R3-M1", "R4-M1"], correction.Reset);
        AssertOnlyResetMatchesLostTheirResults(bracket, correction);
        Assert.Equal(15 - 3, correction.Bracket.Matches.Count(m => m.IsPlayed));
    }

    [Fact]
    public void In_double_elimination_a_corrected_winner_also_resets_where_the_old_loser_went()
    {
        var bracket = Play.Results(DoubleElimination.Build(8, grandFinalReset: false),
            "WB-R1-M1:T", "WB-R1-M2:T", "WB-R1-M3:T", "WB-R1-M4:T", "LB-R1-M1:T", "LB-R1-M2:T", "WB-R2-M2:T");

        var correction = bracket.Correct("WB-R1-M1", Side.Bottom);

        // LB-R1-M1 had the old loser (8); its winner had reached LB-R2-M1, which had not started.
        Assert.Equal(["LB-R1-M1"], correction.Reset);
        AssertOnlyResetMatchesLostTheirResults(bracket, correction);
        Assert.Equal(new Seed(1), correction.Bracket["LB-R1-M1"].Top.Occupant);
        Assert.Equal(MatchStatus.Waiting, correction.Bracket["LB-R2-M1"].Status);
    }

    [Fact]
    public void A_grand_final_corrected_to_the_winners_bracket_champion_voids_the_reset()
    {
        var bracket = Play.Through(DoubleElimination.Build(4, grandFinalReset: true), m => m.Part == BracketPart.GrandFinal ? Side.Bottom : Play.Favourite(m));
        Assert.True(bracket[DoubleElimination.ResetId].IsPlayed);

        var correction = bracket.Correct(DoubleElimination.GrandFinalId, Side.Top);

        Assert.Equal([DoubleElimination.ResetId], correction.Reset);
        Assert.True(correction.Bracket[DoubleElimination.ResetId].IsBye);
        Assert.Equal(new Seed(1), correction.Bracket.Champion);
    }

    [Fact]
    public void Only_played_results_can_be_corrected()
    {
        var bracket = Knockout.Build(5, thirdPlace: false).Start("R1-M2");

        Assert.Throws<InvalidOperationException>(() => bracket.Correct("R1-M2", Side.Top)); // running
        Assert.Throws<InvalidOperationException>(() => bracket.Correct("R1-M1", Side.Bottom)); // a BYE
        Assert.Throws<InvalidOperationException>(() => bracket.Correct("R3-M1", Side.Top)); // locked
    }

    /// <summary>
    /// Listed matches lost their result and wait again; every other match that was played kept its status and
    /// winner; matches that were not played stay unplayed.
    /// </summary>
    private static void AssertOnlyResetMatchesLostTheirResults(Bracket before, Correction correction)
    {
        foreach (var old in before.Matches)
        {
            var now = correction.Bracket[old.Id];
            if (correction.Reset.Contains(old.Id))
            {
                Assert.True(old.IsPlayed);
                Assert.False(now.IsPlayed, old.Id);
                Assert.Null(now.Winner);
            }
            else if (old.IsPlayed)
            {
                Assert.True(now.IsPlayed, old.Id);
                Assert.Equal(old.Status, now.Status);
                Assert.Equal(old.Top.Occupant, now.Top.Occupant);
                Assert.Equal(old.Bottom.Occupant, now.Bottom.Occupant);
            }
            else
            {
                Assert.False(now.IsPlayed, old.Id);
            }
        }
    }
}
