using Engagement.Tests.Testing;
using Engagement.Tournament;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>The group tables of a tournament say who is through only when it is decided (see Qualification).</summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentQualificationGrainTests(ClusterFixture fixture)
{
    private readonly TournamentDriver _driver = new(fixture);

    [Fact]
    public async Task Group_rows_are_provisional_until_decided_and_then_qualified_or_eliminated()
    {
        var setup = TournamentDriver.Setup(TournamentFormat.GroupsThenKnockout, groups: 2, advancePerGroup: 2);
        var (id, tournament, started) = await _driver.Start(setup, TournamentDriver.Teams(8));
        Assert.All(started.Groups.SelectMany(g => g.Standings), r => Assert.Equal("provisional", r.Qualification));

        // The first round of group A only: two wins each cannot decide a top two of four.
        var groupA = started.Matches.Where(m => m.Group == "A").OrderBy(m => m.Round).ThenBy(m => m.MatchId).ToList();
        foreach (var match in groupA.Where(m => m.Round == 1))
        {
            await _driver.PlayMatch(id, match, new MatchPlan(TournamentDriver.Favourite(match)));
        }

        var afterOne = await tournament.Get();
        Assert.All(afterOne.Groups[0].Standings, r => Assert.Equal("provisional", r.Qualification));

        foreach (var match in groupA.Where(m => m.Round > 1))
        {
            await _driver.PlayMatch(id, match, new MatchPlan(TournamentDriver.Favourite(match)));
        }

        var done = await tournament.Get();
        Assert.Equal(
            ["qualified", "qualified", "eliminated", "eliminated"],
            done.Groups[0].Standings.OrderBy(r => r.Position).Select(r => r.Qualification));
        // Group B has not played: still all provisional.
        Assert.All(done.Groups[1].Standings, r => Assert.Equal("provisional", r.Qualification));
    }

    [Fact]
    public async Task A_round_robin_has_no_qualifying_line()
    {
        var (_, _, started) = await _driver.Start(TournamentDriver.Setup(TournamentFormat.RoundRobin), TournamentDriver.Teams(4));

        Assert.All(started.Groups.SelectMany(g => g.Standings), r => Assert.Null(r.Qualification));
    }
}
