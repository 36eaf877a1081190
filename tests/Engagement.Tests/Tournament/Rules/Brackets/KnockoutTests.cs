using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class KnockoutTests
{
    [Fact]
    public void Eight_teams_build_three_rounds_fed_by_seeds_then_by_winners()
    {
        var bracket = Knockout.Build(8, thirdPlace: false);

        Assert.Equal(
            [
                "R1-M1: 1 v 8", "R1-M2: 4 v 5", "R1-M3: 2 v 7", "R1-M4: 3 v 6",
                "R2-M1: W(R1-M1) v W(R1-M2)", "R2-M2: W(R1-M3) v W(R1-M4)",
                "R3-M1: W(R2-M1) v W(R2-M2)",
            ],
            bracket.Matches.Select(m => $"{m.Id}: {Play.Sources(m)}"));
        Assert.All(bracket.Round(BracketPart.Main, 1), m => Assert.Equal(MatchStatus.Ready, m.Status));
        Assert.All(bracket.Matches.Where(m => m.Round > 1), m => Assert.Equal(MatchStatus.Locked, m.Status));
    }

    [Fact]
    public void The_third_place_match_takes_the_semi_final_losers()
    {
        var bracket = Knockout.Build(8, thirdPlace: true);

        var third = bracket[Knockout.ThirdPlaceId];
        Assert.Equal(8, bracket.Matches.Count);
        Assert.Equal((BracketPart.ThirdPlace, 3), (third.Part, third.Round));
        Assert.Equal("L(R2-M1) v L(R2-M2)", Play.Sources(third));

        var played = Play.Through(bracket, Play.Favourite);
        Assert.Equal(new Seed(1), played.Champion);
        Assert.Equal((new Seed(4), new Seed(3)), (played[Knockout.ThirdPlaceId].Top.Occupant, played[Knockout.ThirdPlaceId].Bottom.Occupant));
        Assert.Equal(new Seed(3), played[Knockout.ThirdPlaceId].WinnerEntry);
    }

    [Fact]
    public void Bye_matches_complete_at_once_and_the_top_seed_advances()
    {
        var bracket = Knockout.Build(5, thirdPlace: false);

        Assert.Equal(
            ["R1-M1 1 v — Completed", "R1-M2 4 v 5 Ready", "R1-M3 2 v — Completed", "R1-M4 3 v — Completed",
             "R2-M1 1 v [W(R1-M2)] Waiting", "R2-M2 2 v 3 Ready", "R3-M1 [W(R2-M1)] v [W(R2-M2)] Locked"],
            bracket.Matches.Select(m => $"{m.Id} {m.Top} v {m.Bottom} {m.Status}"));
        Assert.True(bracket["R1-M1"].IsBye);
        Assert.False(bracket["R1-M1"].IsPlayed);
        Assert.Equal(Side.Top, bracket["R1-M1"].Winner);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(17)]
    [InlineData(32)]
    public void Exactly_the_top_seeds_get_byes_into_round_two(int teams)
    {
        var bracket = Knockout.Build(teams, thirdPlace: false);
        var byes = Seeding.Byes(teams);

        var byeWinners = bracket.Round(BracketPart.Main, 1).Where(m => m.IsBye).Select(m => ((Seed)m.WinnerEntry!).Number);
        Assert.Equal(Enumerable.Range(1, byes), byeWinners.Order());
        Assert.Equal(Seeding.BracketSize(teams) - 1, bracket.Matches.Count);
        if (bracket.Matches.Count > 1)
        {
            var inRoundTwo = bracket.Round(BracketPart.Main, 2).SelectMany(m => new[] { m.Top.Occupant, m.Bottom.Occupant }).OfType<Seed>();
            Assert.Equal(Enumerable.Range(1, byes), inRoundTwo.Select(s => s.Number).Order());
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(24)]
    public void Favourites_win_through_to_seed_one(int teams)
    {
        var played = Play.Through(Knockout.Build(teams, thirdPlace: teams >= 4), Play.Favourite);

        Assert.True(played.IsFinished);
        Assert.Equal(new Seed(1), played.Champion);
        Assert.Equal(teams - 1, Play.Losses(played).Count); // everyone but the champion lost
        // Once each — but the semi-final losers 3 and 4 play again for third place.
        Assert.All(Play.Losses(played).Where(l => l.Key is not Seed { Number: 3 or 4 }), l => Assert.Equal(1, l.Value));
    }

    [Fact]
    public void A_third_place_match_needs_semi_finals()
    {
        Assert.Throws<ArgumentException>(() => Knockout.Build(2, thirdPlace: true));
    }

    [Fact]
    public void Invalid_lines_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Knockout.Build([new Seed(1), new Seed(2), new Seed(3)], false));
        Assert.Throws<ArgumentException>(() => Knockout.Build([new Seed(1), new Seed(1)], false));
        Assert.Throws<ArgumentException>(() => Knockout.Build([new Seed(1), new Seed(2), null, null], false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Knockout.Build(1, false));
    }
}
