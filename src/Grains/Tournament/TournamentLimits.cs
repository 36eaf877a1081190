namespace Engagement.Tournament;

/// <summary>
/// How many teams a tournament grain accepts. The product keeps <see cref="TournamentPlan.MaxTeams"/> (what the
/// API and its messages promise); the bench raises it to play the grain at the size the bracket rules build
/// (<see cref="Rules.Brackets.Seeding.MaxSize"/>), which is also the most <see cref="TournamentPlan.Validate"/> allows.
/// </summary>
public sealed class TournamentLimits
{
    public int MaxTeams { get; set; } = TournamentPlan.MaxTeams;
}
