namespace Engagement.Tournament.Rules.Brackets;

/// <summary>Where the team in a match slot comes from.</summary>
public abstract record SlotSource;

/// <summary>
/// A participant as the bracket knows it: a seed number or a group place. The bracket never holds team
/// ids; whoever runs the tournament maps entries to teams, so the rules stay independent of rosters.
/// </summary>
public abstract record Entry : SlotSource;

/// <summary>The team seeded <paramref name="Number"/> (1 is the best).</summary>
public sealed record Seed(int Number) : Entry
{
    public override string ToString() => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The team that finished <paramref name="Place"/> (1-based) in group <paramref name="Group"/> (0-based: 0 is A).</summary>
public sealed record GroupPlace(int Group, int Place) : Entry
{
    /// <summary>"A1", "B2", …</summary>
    public override string ToString() =>
        GroupDraw.Name(Group) + Place.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Nobody: the other team of the match advances without playing.</summary>
public sealed record Bye : SlotSource
{
    public static Bye Instance { get; } = new();

    public override string ToString() => "BYE";
}

/// <summary>The winner of match <paramref name="MatchId"/>.</summary>
public sealed record WinnerOf(string MatchId) : SlotSource
{
    public override string ToString() => $"W({MatchId})";
}

/// <summary>The loser of match <paramref name="MatchId"/> (third-place match, losers' bracket).</summary>
public sealed record LoserOf(string MatchId) : SlotSource
{
    public override string ToString() => $"L({MatchId})";
}

/// <summary>
/// The team on <paramref name="Side"/> of the grand final <paramref name="MatchId"/>, but only when that
/// grand final was won by its bottom side (the losers'-bracket champion, who then has handed the
/// winners'-bracket champion a first loss). When the top side won, the reset is not played: vacant.
/// </summary>
public sealed record ResetOf(string MatchId, Side Side) : SlotSource
{
    public override string ToString() => $"{(Side == Side.Top ? "T" : "B")}({MatchId}) if reset";
}

/// <summary>The two sides of a match, as drawn: top line and bottom line.</summary>
public enum Side
{
    Top,
    Bottom,
}

/// <summary>
/// One side of a match: where its team comes from and, once known, who it is.
/// </summary>
/// <param name="Source">Fixed when the bracket is built.</param>
/// <param name="Occupant">The entry standing here, once the source has produced one.</param>
/// <param name="Vacant">Known to stay empty: a BYE, the loser of a BYE match, an unplayed reset.</param>
public sealed record Slot(SlotSource Source, Entry? Occupant = null, bool Vacant = false)
{
    /// <summary>Not yet known: neither a team nor a known vacancy.</summary>
    public bool IsPending => Occupant is null && !Vacant;

    public override string ToString() =>
        Occupant?.ToString() ?? (Vacant ? "—" : $"[{Source}]");
}

public static class SideExtensions
{
    public static Side Other(this Side side) => side == Side.Top ? Side.Bottom : Side.Top;
}
