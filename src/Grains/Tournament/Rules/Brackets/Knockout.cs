namespace Engagement.Tournament.Rules.Brackets;

/// <summary>Single-elimination brackets (淘汰赛), from seeds or from group places.</summary>
public static partial class Knockout
{
    /// <summary>Id of the third-place match.</summary>
    public const string ThirdPlaceId = "3RD";

    /// <summary>Id of match <paramref name="number"/> of round <paramref name="round"/>, e.g. "R1-M3".</summary>
    public static string MatchId(int round, int number) => $"R{round}-M{number}";

    /// <summary>
    /// The bracket for <paramref name="teams"/> seeds in standard order, padded with BYEs against the top
    /// seeds (<see cref="Seeding.WithByes"/>). BYE matches complete at once and the seed advances.
    /// </summary>
    /// <param name="thirdPlace">Add a match between the two semi-final losers (needs four lines or more).</param>
    public static Bracket Build(int teams, bool thirdPlace) =>
        Build(Seeding.WithByes(teams).Select(s => s is { } n ? new Seed(n) : (Entry?)null).ToArray(), thirdPlace);

    /// <summary>
    /// The bracket for a first-round line: entries top to bottom, null for a BYE, consecutive pairs meeting
    /// in round 1. Round r match i is fed by the winners of round r − 1 matches 2i − 1 and 2i.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The line is not a power of two of at least 2, repeats an entry, or pairs two BYEs.
    /// </exception>
    public static Bracket Build(IReadOnlyList<Entry?> line, bool thirdPlace)
    {
        var matches = new List<Match>();
        var rounds = FirstRoundAndTree(line, BracketPart.Main, id: MatchId, matches);
        if (thirdPlace)
        {
            if (rounds < 2)
            {
                throw new ArgumentException("A third-place match needs semi-finals: at least four lines.", nameof(thirdPlace));
            }

            matches.Add(new Match(
                ThirdPlaceId, BracketPart.ThirdPlace, rounds, 1,
                new Slot(new LoserOf(MatchId(rounds - 1, 1))),
                new Slot(new LoserOf(MatchId(rounds - 1, 2)))));
        }

        return Bracket.Create(matches);
    }

    /// <summary>
    /// Adds round 1 from <paramref name="line"/> and every later round of a single-elimination tree;
    /// returns the number of rounds.
    /// </summary>
    internal static int FirstRoundAndTree(
        IReadOnlyList<Entry?> line, BracketPart part, Func<int, int, string> id, List<Match> matches)
    {
        CheckLine(line);
        var rounds = Seeding.Rounds(line.Count);
        for (var i = 0; i < line.Count / 2; i++)
        {
            matches.Add(new Match(id(1, i + 1), part, 1, i + 1, LineSlot(line[2 * i]), LineSlot(line[(2 * i) + 1])));
        }

        for (var r = 2; r <= rounds; r++)
        {
            var count = line.Count >> r;
            for (var i = 1; i <= count; i++)
            {
                matches.Add(new Match(
                    id(r, i), part, r, i,
                    new Slot(new WinnerOf(id(r - 1, (2 * i) - 1))),
                    new Slot(new WinnerOf(id(r - 1, 2 * i)))));
            }
        }

        return rounds;
    }

    private static Slot LineSlot(Entry? entry) => new(entry ?? (SlotSource)Bye.Instance);

    private static void CheckLine(IReadOnlyList<Entry?> line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Count < 2 || line.Count > Seeding.MaxSize || (line.Count & (line.Count - 1)) != 0)
        {
            throw new ArgumentException($"A first-round line has a power-of-two length from 2 to {Seeding.MaxSize}.", nameof(line));
        }

        var entries = line.OfType<Entry>().ToArray();
        if (entries.Distinct().Count() != entries.Length)
        {
            throw new ArgumentException("An entry stands twice on the line.", nameof(line));
        }

        for (var i = 0; i < line.Count; i += 2)
        {
            if (line[i] is null && line[i + 1] is null)
            {
                throw new ArgumentException($"Round 1 match {(i / 2) + 1} would be two BYEs.", nameof(line));
            }
        }
    }
}
