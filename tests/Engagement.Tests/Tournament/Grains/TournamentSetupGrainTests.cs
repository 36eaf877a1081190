using Engagement.Tests.Testing;
using Engagement.Tournament;

namespace Engagement.Tests.Tournament.Grains;

/// <summary>Configuring and starting a tournament.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TournamentSetupGrainTests(ClusterFixture fixture)
{
    public static TheoryData<TournamentFormat, int, int, int> FieldsWithoutSemiFinals => new()
    {
        { TournamentFormat.GroupsThenKnockout, 4, 2, 1 }, // two group winners: the knockout is only a final
        { TournamentFormat.Knockout, 2, 0, 0 },
    };

    /// <summary>
    /// A third-place match needs semi-finals. A field without them is refused as a rule violation when it is
    /// configured or started, leaving the tournament in setup; it must not half-start the grain.
    /// </summary>
    [Theory]
    [MemberData(nameof(FieldsWithoutSemiFinals))]
    public async Task A_third_place_match_without_semi_finals_is_refused_cleanly_and_leaves_the_tournament_in_setup(
        TournamentFormat format, int teams, int groups, int advancePerGroup)
    {
        var summary = await fixture.Client.GetGrain<ITournamentsGrain>(0).Create("三四名");
        var tournament = fixture.Client.GetGrain<ITournamentGrain>(summary.TournamentId);
        var setup = TournamentDriver.Setup(format, groups, advancePerGroup, thirdPlace: true);

        var refusal = await Record.ExceptionAsync(async () =>
        {
            await tournament.Configure(setup, TournamentDriver.Teams(teams));
            await tournament.Start();
        });

        var violation = Assert.IsType<RuleViolation>(refusal);
        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        var view = await tournament.Get();
        Assert.Equal(TournamentStatus.Setup, view.Status);
        Assert.Empty(view.Matches);
        Assert.Empty(view.Groups);
    }

    public static TheoryData<TournamentFormat, int, int> EveryFormat => new()
    {
        { TournamentFormat.Knockout, 0, 0 },
        { TournamentFormat.DoubleElimination, 0, 0 },
        { TournamentFormat.RoundRobin, 0, 0 },
        { TournamentFormat.GroupsThenKnockout, 16, 8 }, // 128 qualifiers
    };

    /// <summary>Every format takes up to <see cref="TournamentPlan.MaxTeams"/> (256) teams; one more is refused as a team count, not a 500.</summary>
    [Theory]
    [MemberData(nameof(EveryFormat))]
    public async Task Every_format_takes_256_teams_and_refuses_257(TournamentFormat format, int groups, int advancePerGroup)
    {
        var setup = TournamentDriver.Setup(format, groups, advancePerGroup);
        var summary = await fixture.Client.GetGrain<ITournamentsGrain>(0).Create("256");
        var tournament = fixture.Client.GetGrain<ITournamentGrain>(summary.TournamentId);

        var refusal = await Assert.ThrowsAsync<RuleViolation>(() => tournament.Configure(setup, TournamentDriver.Teams(TournamentPlan.MaxTeams + 1)));
        Assert.Equal("tournament.team-count", refusal.Code);

        var configured = await tournament.Configure(setup, TournamentDriver.Teams(TournamentPlan.MaxTeams));
        Assert.Equal(256, configured.Teams.Count);
        Assert.Equal(TournamentStatus.Setup, configured.Status);
    }

    /// <summary>Brackets of 256 start with all their matches, the first round ready with the top seed against the last.</summary>
    [Theory]
    [InlineData(TournamentFormat.Knockout, 255)]
    [InlineData(TournamentFormat.DoubleElimination, 510)]
    public async Task A_bracket_of_256_starts_with_every_match_and_the_first_round_ready(TournamentFormat format, int matches)
    {
        var (_, _, view) = await new TournamentDriver(fixture).Start(TournamentDriver.Setup(format), TournamentDriver.Teams(256));

        Assert.Equal(matches, view.Matches.Count);
        var ready = view.Matches.Where(m => m.Status == FixtureStatus.Ready).ToList();
        Assert.Equal(128, ready.Count);
        Assert.Contains(ready, m => (m.TeamA, m.TeamB) == ("t1", "t256"));
    }
}
