using Engagement.Tournament;
using Engagement.Web.Tournament;

namespace Engagement.Tests.Web.Tournament;

/// <summary>
/// The final standings (名次表) read off results: teams out at the same stage share a place, a third-place
/// match splits its two teams, group-stage teams follow every knockout team by group position, nothing is
/// placed while it can still change, and a result flagged as a problem counts as not played.
/// </summary>
public sealed class FinalPlacesTests
{
    private static readonly SetPoints[] Won = [new(21, 10), new(21, 12)];

    private static Fixture Match(string id, string stage, int round, string? a, string? b, string? winner, string? group = null, string? problem = null) =>
        new(id, stage, group, round, id, a, b, a ?? "", b ?? "", winner is null ? FixtureStatus.Ready : FixtureStatus.Completed,
            null, null, winner is null ? [] : Won, winner, winner is null ? null : "Finished", problem);

    private static TournamentView View(IReadOnlyList<Fixture> matches, IReadOnlyList<GroupTable>? groups = null, string? champion = null) =>
        new("t", TournamentStatus.Running, null,
            [.. "abcdefgh".Select((c, i) => new TeamEntry(c.ToString(), c.ToString(), null, null, i + 1, []))],
            groups ?? [], matches, champion, 1);

    private static Dictionary<string, int?> Places(TournamentView view) => FinalPlaces.Of(view).ToDictionary(p => p.TeamId, p => p.Place);

    [Fact]
    public void Eight_team_knockout_without_third_place_semi_losers_share_third_quarter_losers_share_fifth()
    {
        var view = View(
        [
            Match("R1-M1", "Main", 1, "a", "h", "a"), Match("R1-M2", "Main", 1, "d", "e", "d"),
            Match("R1-M3", "Main", 1, "b", "g", "b"), Match("R1-M4", "Main", 1, "c", "f", "c"),
            Match("R2-M1", "Main", 2, "a", "d", "a"), Match("R2-M2", "Main", 2, "b", "c", "c"),
            Match("R3-M1", "Main", 3, "a", "c", "c"),
        ]);

        Assert.Equal(new Dictionary<string, int?> { ["c"] = 1, ["a"] = 2, ["d"] = 3, ["b"] = 3, ["h"] = 5, ["e"] = 5, ["g"] = 5, ["f"] = 5 }, Places(view));
        Assert.Equal("决赛 负", FinalPlaces.Of(view).Single(p => p.TeamId == "a").How);
        Assert.Equal("半决赛 负", FinalPlaces.Of(view).Single(p => p.TeamId == "d").How);
    }

    [Fact]
    public void A_third_place_match_gives_its_winner_third_and_its_loser_fourth()
    {
        var view = View(
        [
            Match("R1-M1", "Main", 1, "a", "d", "a"), Match("R1-M2", "Main", 1, "b", "c", "c"),
            Match("R2-M1", "Main", 2, "a", "c", "a"), Match("3RD", "ThirdPlace", 1, "d", "b", "b"),
        ]);

        Assert.Equal(new Dictionary<string, int?> { ["a"] = 1, ["c"] = 2, ["b"] = 3, ["d"] = 4 }, Places(view));
    }

    [Fact]
    public void While_the_final_is_unplayed_its_teams_have_no_place_and_the_losers_places_count_them()
    {
        var view = View(
        [
            Match("R1-M1", "Main", 1, "a", "d", "a"), Match("R1-M2", "Main", 1, "b", "c", "c"),
            Match("R2-M1", "Main", 2, "a", "c", null),
        ]);

        var places = FinalPlaces.Of(view);
        Assert.Equal(new Dictionary<string, int?> { ["a"] = null, ["c"] = null, ["d"] = 3, ["b"] = 3 }, Places(view));
        Assert.All(places.Where(p => p.Place is null), p => Assert.True(p.Provisional));
    }

    [Fact]
    public void A_final_whose_result_is_flagged_as_a_problem_decides_nothing()
    {
        var view = View(
        [
            Match("R1-M1", "Main", 1, "a", "d", "a"), Match("R1-M2", "Main", 1, "b", "c", "c"),
            Match("R2-M1", "Main", 2, "a", "c", "a", problem: "bad-score"),
        ]);

        Assert.Null(Places(view)["a"]);
        Assert.Null(Places(view)["c"]);
    }

    [Fact]
    public void Teams_out_in_the_groups_follow_the_knockout_by_group_position_and_are_provisional_until_the_group_ends()
    {
        static StandingLine Line(string team, int position) => new(team, position, 2, 0, 0, 0, 0, 0, 0, 0, "0", "0", false, null);
        var groups = new[]
        {
            new GroupTable("A", ["a", "b", "e"], [Line("a", 1), Line("b", 2), Line("e", 3)], Complete: true),
            new GroupTable("B", ["c", "d", "f"], [Line("c", 1), Line("d", 2), Line("f", 3)], Complete: false),
        };
        var view = View(
        [
            Match("GA-1", "group", 1, "a", "e", "a", "A"),
            Match("R1-M1", "Main", 1, "a", "d", "a"), Match("R1-M2", "Main", 1, "c", "b", "c"),
            Match("R2-M1", "Main", 2, "a", "c", "c"),
        ], groups);

        var places = FinalPlaces.Of(view).ToDictionary(p => p.TeamId);
        Assert.Equal(1, places["c"].Place);
        Assert.Equal(2, places["a"].Place);
        Assert.Equal(3, places["b"].Place);
        Assert.Equal(3, places["d"].Place);
        Assert.Equal(5, places["e"].Place);
        Assert.Equal(5, places["f"].Place);
        Assert.False(places["e"].Provisional);
        Assert.True(places["f"].Provisional);
        Assert.Equal("B 组第 3 名", places["f"].How);
    }

    [Fact]
    public void A_round_robin_ranks_by_its_table()
    {
        static StandingLine Line(string team, int position) => new(team, position, 2, 0, 0, 0, 0, 0, 0, 0, "0", "0", false, null);
        var view = View([Match("GA-1", "group", 1, "a", "b", "b", "A")],
            [new GroupTable("A", ["a", "b", "c"], [Line("b", 1), Line("a", 2), Line("c", 2)], Complete: true)]);

        Assert.Equal(new Dictionary<string, int?> { ["b"] = 1, ["a"] = 2, ["c"] = 2 }, Places(view));
    }
}
