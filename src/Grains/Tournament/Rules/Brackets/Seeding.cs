namespace Engagement.Tournament.Rules.Brackets;

/// <summary>
/// Where seeds stand on the first-round line of a knockout bracket. Pure functions: the line is read
/// top to bottom and consecutive positions (0–1, 2–3, …) meet in round 1.
/// </summary>
/// <remarks>
/// The standard order is built by doubling: the line for 2n puts each seed s of the line for n next to
/// its mirror 2n + 1 − s. So 1 v 2 becomes 1 v 4 | 2 v 3, then 1 v 8 | 4 v 5 | 2 v 7 | 3 v 6. Seeds 1 and 2
/// end up in opposite halves, 1–4 in different quarters, 1–8 in different eighths, and the better seed
/// of each pair is always on top. Because every top seed faces the weakest seed of its block, padding
/// the field with phantom seeds and calling them BYEs hands the BYEs to the top seeds.
/// </remarks>
public static class Seeding
{
    /// <summary>The largest bracket the rules build (ten rounds).</summary>
    public const int MaxSize = 1024;

    /// <summary>The standard seed order of a bracket of <paramref name="size"/> lines, a power of two ≥ 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a power of two between 2 and <see cref="MaxSize"/>.</exception>
    public static IReadOnlyList<int> Standard(int size)
    {
        if (size < 2 || size > MaxSize || !IsPowerOfTwo(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A bracket has a power-of-two size from 2 to {MaxSize}.");
        }

        int[] line = [1];
        while (line.Length < size)
        {
            var doubled = line.Length * 2;
            line = line.SelectMany(s => new[] { s, doubled + 1 - s }).ToArray();
        }

        return line;
    }

    /// <summary>
    /// The first-round line for <paramref name="teams"/> seeds padded to the next power of two:
    /// seed numbers where a team stands, null where a BYE does. BYEs always face the top seeds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 teams or more than <see cref="MaxSize"/>.</exception>
    public static IReadOnlyList<int?> WithByes(int teams)
    {
        var size = BracketSize(teams);
        return Standard(size).Select(s => s <= teams ? s : (int?)null).ToArray();
    }

    /// <summary>The number of BYEs a field of <paramref name="teams"/> needs.</summary>
    public static int Byes(int teams) => BracketSize(teams) - teams;

    /// <summary>The smallest power of two that holds <paramref name="teams"/> (at least 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 teams or more than <see cref="MaxSize"/>.</exception>
    public static int BracketSize(int teams)
    {
        if (teams < 2 || teams > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(teams), teams, $"A bracket needs 2 to {MaxSize} teams.");
        }

        var size = 2;
        while (size < teams)
        {
            size *= 2;
        }

        return size;
    }

    /// <summary>The number of rounds of a bracket of <paramref name="size"/> lines (a power of two).</summary>
    public static int Rounds(int size) => int.Log2(size);

    /// <summary>
    /// The round in which the teams on two line positions can first meet: 1 when they are paired in
    /// round 1, the final's number when they stand in opposite halves.
    /// </summary>
    public static int MeetingRound(int position, int other) =>
        position == other
            ? throw new ArgumentException("A position does not meet itself.", nameof(other))
            : int.Log2(position ^ other) + 1;

    private static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;
}
