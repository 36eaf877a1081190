namespace Engagement.Tournament.Rules;

public enum MatchEnding
{
    /// <summary>Played to the end.</summary>
    Played,

    /// <summary>The loser forfeited: every set recorded as lost 0 to the target.</summary>
    Forfeit,

    /// <summary>The loser retired during the match; the sets it played stand.</summary>
    Retirement,
}

/// <summary>
/// A finished match as the standings see it: the two teams and the points of each set, oriented A:B.
/// Build it with <see cref="MatchScore.ToResult"/> or, for a result entered after the fact, directly.
/// </summary>
public sealed record MatchResult(string TeamA, string TeamB, IReadOnlyList<SetScore> Sets, MatchEnding Ending = MatchEnding.Played)
{
    public int SetsWon(Team team) => Sets.Count(s => s.Leader == team);

    public int PointsWon(Team team) => Sets.Sum(s => s.PointsOf(team));

    /// <summary>The team with more sets; null when level (not a finished match).</summary>
    public Team? Winner
    {
        get
        {
            var (a, b) = (SetsWon(Team.A), SetsWon(Team.B));
            return a == b ? null : a > b ? Team.A : Team.B;
        }
    }

    public string IdOf(Team team) => team == Team.A ? TeamA : TeamB;

    public bool Involves(string team) => TeamA == team || TeamB == team;

    /// <summary>The sets as <paramref name="team"/> sees them: its points first.</summary>
    public IEnumerable<(int Won, int Lost)> SetsFor(string team) =>
        team == TeamA ? Sets.Select(s => (s.A, s.B)) : Sets.Select(s => (s.B, s.A));
}
