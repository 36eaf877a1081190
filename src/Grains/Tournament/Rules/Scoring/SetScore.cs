namespace Engagement.Tournament.Rules;

/// <summary>The two teams of a match as the score sheet names them: A and B.</summary>
public enum Team
{
    A,
    B,
}

public static class Teams
{
    public static Team Opponent(this Team team) => team == Team.A ? Team.B : Team.A;
}

/// <summary>Points of team A and team B in one set.</summary>
public readonly record struct SetScore(int A, int B)
{
    public int PointsOf(Team team) => team == Team.A ? A : B;

    /// <summary>The team with more points; null when level (a set can never end level).</summary>
    public Team? Leader => A > B ? Team.A : B > A ? Team.B : null;

    /// <summary>The score with <paramref name="team"/> given <paramref name="points"/> and its opponent <paramref name="opponentPoints"/>.</summary>
    public static SetScore For(Team team, int points, int opponentPoints) =>
        team == Team.A ? new SetScore(points, opponentPoints) : new SetScore(opponentPoints, points);

    public override string ToString() => $"{A}:{B}";
}
