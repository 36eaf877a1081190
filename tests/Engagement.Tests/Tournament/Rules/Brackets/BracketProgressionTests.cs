using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class BracketProgressionTests
{
    [Fact]
    public void A_match_goes_locked_waiting_ready_running_completed()
    {
        var bracket = Knockout.Build(4, thirdPlace: false);
        Assert.Equal(MatchStatus.Locked, bracket["R2-M1"].Status);

        bracket = bracket.Complete("R1-M1", Side.Bottom);
        Assert.Equal(MatchStatus.Waiting, bracket["R2-M1"].Status);
        Assert.Equal(new Seed(4), bracket["R2-M1"].Top.Occupant);
        Assert.True(bracket["R2-M1"].Bottom.IsPending);

        bracket = bracket.Complete("R1-M2", Side.Top);
        Assert.Equal(MatchStatus.Ready, bracket["R2-M1"].Status);
        Assert.Equal(new Seed(2), bracket["R2-M1"].Bottom.Occupant);

        bracket = bracket.Start("R2-M1");
        Assert.Equal(MatchStatus.Running, bracket["R2-M1"].Status);
        Assert.Null(bracket.Champion);

        bracket = bracket.Complete("R2-M1", Side.Top);
        Assert.Equal((MatchStatus.Completed, Side.Top), (bracket["R2-M1"].Status, bracket["R2-M1"].Winner));
        Assert.Equal(new Seed(4), bracket.Champion);
        Assert.True(bracket.IsFinished);
    }

    [Fact]
    public void Completing_returns_a_new_bracket_and_leaves_the_old_one_alone()
    {
        var before = Knockout.Build(4, thirdPlace: true);
        var snapshot = before.Matches.ToArray();

        var after = before.Complete("R1-M1", Side.Top);

        Assert.Equal(snapshot, before.Matches);
        Assert.NotEqual(before, after);
        Assert.Equal(MatchStatus.Ready, before["R1-M1"].Status);
    }

    [Fact]
    public void Winners_and_losers_move_into_the_matches_they_feed()
    {
        var bracket = Play.Results(Knockout.Build(8, thirdPlace: true), "R1-M1:T", "R1-M2:B", "R1-M3:T", "R1-M4:B", "R2-M1:B", "R2-M2:T");

        Assert.Equal("5 v 2", $"{bracket["R3-M1"].Top.Occupant} v {bracket["R3-M1"].Bottom.Occupant}");
        Assert.Equal("1 v 6", $"{bracket[Knockout.ThirdPlaceId].Top.Occupant} v {bracket[Knockout.ThirdPlaceId].Bottom.Occupant}");
        Assert.Equal(2, bracket.Playable.Count);
    }

    [Fact]
    public void Results_are_refused_for_matches_without_both_teams_or_already_decided()
    {
        var bracket = Knockout.Build(5, thirdPlace: false);

        Assert.Throws<InvalidOperationException>(() => bracket.Complete("R3-M1", Side.Top)); // locked
        Assert.Throws<InvalidOperationException>(() => bracket.Complete("R2-M1", Side.Top)); // waiting
        Assert.Throws<InvalidOperationException>(() => bracket.Complete("R1-M1", Side.Top)); // a BYE
        Assert.Throws<InvalidOperationException>(() => bracket.Start("R2-M1"));
        Assert.Throws<KeyNotFoundException>(() => bracket.Complete("R9-M9", Side.Top));

        var decided = bracket.Complete("R1-M2", Side.Top);
        Assert.Throws<InvalidOperationException>(() => decided.Complete("R1-M2", Side.Bottom));
        Assert.Throws<InvalidOperationException>(() => decided.Start("R1-M2"));
    }

    [Fact]
    public void Repeating_a_result_or_a_start_changes_nothing()
    {
        var bracket = Knockout.Build(4, thirdPlace: false).Start("R1-M1");

        Assert.Same(bracket, bracket.Start("R1-M1"));
        var completed = bracket.Complete("R1-M1", Side.Top);
        Assert.Same(completed, completed.Complete("R1-M1", Side.Top));
    }

    [Fact]
    public void A_stored_bracket_rebuilds_to_the_same_bracket()
    {
        var played = Play.Results(DoubleElimination.Build(6, grandFinalReset: true), "WB-R1-M2:B", "WB-R1-M4:T").Start("WB-R2-M1");

        Assert.Equal(played, Bracket.Create(played.Matches));
    }

    [Fact]
    public void Malformed_brackets_are_rejected()
    {
        var one = new Match("M1", BracketPart.Main, 1, 1, new Slot(new Seed(1)), new Slot(new Seed(2)));
        var two = new Match("M2", BracketPart.Main, 1, 2, new Slot(new Seed(3)), new Slot(new Seed(4)));
        var final = new Match("F", BracketPart.Main, 2, 1, new Slot(new WinnerOf("M1")), new Slot(new WinnerOf("M2")));

        Assert.Equal(3, Bracket.Create([one, two, final]).Matches.Count);
        Assert.Throws<ArgumentException>(() => Bracket.Create([one, final, two])); // fed by a later match
        Assert.Throws<ArgumentException>(() => Bracket.Create([one, one with { Number = 2 }])); // duplicate id and entries
        Assert.Throws<ArgumentException>(() => Bracket.Create([one, two with { Top = new Slot(new Seed(1)) }])); // seed 1 twice
        Assert.Throws<ArgumentException>(() => Bracket.Create([one, two, final, final with { Id = "F2" }])); // a winner sent twice
    }

    [Fact]
    public void Rounds_list_their_matches_top_to_bottom()
    {
        var bracket = DoubleElimination.Build(8, grandFinalReset: false);

        Assert.Equal(["LB-R2-M1", "LB-R2-M2"], bracket.Round(BracketPart.Losers, 2).Select(m => m.Id));
        Assert.Equal(4, bracket.Round(BracketPart.Winners, 1).Count);
    }
}
