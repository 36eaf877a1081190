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
}
