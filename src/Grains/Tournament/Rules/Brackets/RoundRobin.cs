namespace Engagement.Tournament.Rules.Brackets;

/// <summary>One game of a round-robin: who is listed first (home, first to serve or left on the sheet) and second.</summary>
public sealed record Fixture(string Home, string Away);

/// <summary>One round of a round-robin: every team plays at most once.</summary>
/// <param name="Number">1-based across all legs.</param>
/// <param name="Leg">1-based: leg 2 replays leg 1 with home and away swapped.</param>
/// <param name="SittingOut">With an odd number of teams, the one team without a game this round.</param>
public sealed record RoundRobinRound(int Number, int Leg, IReadOnlyList<Fixture> Fixtures, string? SittingOut);

/// <summary>Round-robin schedules (单循环 / 双循环).</summary>
public static class RoundRobin
{
    /// <summary>
    /// The circle method: the first team stays put, the others rotate one place each round, and the
    /// teams facing each other across the circle play. With an odd count a phantom takes the fixed place
    /// and whoever faces it sits out. n teams give n − 1 rounds per leg (n rounds when n is odd).
    /// </summary>
    /// <remarks>
    /// Home and away follow the Berger tables: the fixed team alternates (home in odd rounds), every other
    /// pair lists first the team on the circle's upper arc. As every rotating team passes each place once,
    /// home and away counts differ by at most one per leg (by none with an odd field). Legs after the first repeat the first with sides swapped
    /// (leg 2 is the 双循环 return leg; leg 3 equals leg 1 again).
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than 2 teams, a blank or repeated team id, or fewer than one leg.</exception>
    public static IReadOnlyList<RoundRobinRound> Circle(IReadOnlyList<string> teams, int legs = 1)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentOutOfRangeException.ThrowIfLessThan(legs, 1);
        if (teams.Count < 2)
        {
            throw new ArgumentException("A round-robin needs at least 2 teams.", nameof(teams));
        }

        if (teams.Any(string.IsNullOrWhiteSpace) || teams.Distinct(StringComparer.Ordinal).Count() != teams.Count)
        {
            throw new ArgumentException("Team ids must be non-blank and distinct.", nameof(teams));
        }

        var firstLeg = FirstLeg(teams);
        var rounds = new List<RoundRobinRound>();
        for (var leg = 1; leg <= legs; leg++)
        {
            var swap = leg % 2 == 0;
            foreach (var round in firstLeg)
            {
                var fixtures = swap
                    ? round.Fixtures.Select(f => new Fixture(f.Away, f.Home)).ToArray()
                    : round.Fixtures;
                rounds.Add(new RoundRobinRound(rounds.Count + 1, leg, fixtures, round.SittingOut));
            }
        }

        return rounds;
    }

    private static List<RoundRobinRound> FirstLeg(IReadOnlyList<string> teams)
    {
        // Null is the phantom of an odd field. It takes the fixed place, so whoever faces it sits out and
        // every real team rotates: that keeps home and away equal for everyone.
        var circle = teams.Select(t => (string?)t).ToList();
        if (circle.Count % 2 == 1)
        {
            circle.Insert(0, null);
        }

        var n = circle.Count;
        var rotating = circle.Skip(1).ToArray();
        var rounds = new List<RoundRobinRound>();
        for (var r = 0; r < n - 1; r++)
        {
            // Position 0 is fixed; positions 1..n-1 hold the rotating teams shifted r places.
            string? At(int position) => position == 0 ? circle[0] : rotating[(position - 1 - r + (n - 1) * n) % (n - 1)];

            var fixtures = new List<Fixture>();
            string? sittingOut = null;
            for (var i = 0; i < n / 2; i++)
            {
                var (a, b) = (At(i), At(n - 1 - i));
                if (a is null || b is null)
                {
                    sittingOut = a ?? b;
                    continue;
                }

                var aIsHome = i != 0 || r % 2 == 0;
                fixtures.Add(aIsHome ? new Fixture(a, b) : new Fixture(b, a));
            }

            rounds.Add(new RoundRobinRound(r + 1, 1, fixtures, sittingOut));
        }

        return rounds;
    }
}
