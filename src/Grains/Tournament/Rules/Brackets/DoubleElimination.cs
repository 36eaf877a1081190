namespace Engagement.Tournament.Rules.Brackets;

/// <summary>Double-elimination brackets (双败淘汰): a team is out after its second loss.</summary>
/// <remarks>
/// <para>For a bracket of S = 2^R lines: the winners' bracket is a plain knockout (S − 1 matches, R rounds).
/// The losers' bracket has 2(R − 1) rounds and S − 2 matches. Its round 1 pairs the losers of winners'
/// round 1 (matches 1 v 2, 3 v 4, …). Every even losers' round 2j is a drop-in round: the winners of
/// losers' round 2j − 1 (top) meet the losers of winners' round j + 1 (bottom). Every odd losers' round
/// after the first halves the field. The losers'-bracket final is the last drop-in round and takes the
/// loser of the winners' final.</para>
/// <para>Drop-in order, to put off rematches of teams that have just met: the losers of winners' round w
/// (w ≥ 2) arrive reversed when w is even (the loser of match 1 goes to the last drop-in match) and
/// half-shifted when w is odd (the second half first); round 1 is in order.</para>
/// <para>The grand final puts the winners'-bracket champion (top) against the losers'-bracket champion
/// (bottom): 2S − 2 matches in all. With a reset, one more match is played only if the losers'-bracket
/// champion wins the grand final, since only then has everyone lost once; otherwise it completes empty.</para>
/// </remarks>
public static class DoubleElimination
{
    public const string GrandFinalId = "GF";
    public const string ResetId = "GF-RESET";

    public static string WinnersId(int round, int number) => $"WB-R{round}-M{number}";

    public static string LosersId(int round, int number) => $"LB-R{round}-M{number}";

    /// <summary>The bracket for <paramref name="teams"/> seeds (at least 3), BYEs against the top seeds.</summary>
    public static Bracket Build(int teams, bool grandFinalReset)
    {
        if (teams < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(teams), teams, "Double elimination needs at least 3 teams.");
        }

        return Build(Seeding.WithByes(teams).Select(s => s is { } n ? new Seed(n) : (Entry?)null).ToArray(), grandFinalReset);
    }

    /// <summary>The bracket for a first-round line (null for a BYE) of at least four lines.</summary>
    public static Bracket Build(IReadOnlyList<Entry?> line, bool grandFinalReset)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Count < 4)
        {
            throw new ArgumentException("Double elimination needs a line of at least four.", nameof(line));
        }

        var matches = new List<Match>();
        var rounds = Knockout.FirstRoundAndTree(line, BracketPart.Winners, WinnersId, matches);
        var size = line.Count;

        for (var i = 1; i <= size / 4; i++)
        {
            matches.Add(Losers(1, i, new LoserOf(WinnersId(1, (2 * i) - 1)), new LoserOf(WinnersId(1, 2 * i))));
        }

        for (var j = 1; j <= rounds - 1; j++)
        {
            var dropRound = 2 * j;
            var count = size >> (j + 1);
            for (var i = 1; i <= count; i++)
            {
                matches.Add(Losers(
                    dropRound, i,
                    new WinnerOf(LosersId(dropRound - 1, i)),
                    new LoserOf(WinnersId(j + 1, DroppingMatch(j + 1, i, count)))));
            }

            if (j < rounds - 1)
            {
                for (var i = 1; i <= count / 2; i++)
                {
                    matches.Add(Losers(
                        dropRound + 1, i,
                        new WinnerOf(LosersId(dropRound, (2 * i) - 1)),
                        new WinnerOf(LosersId(dropRound, 2 * i))));
                }
            }
        }

        var losersFinal = LosersId(2 * (rounds - 1), 1);
        matches.Add(new Match(
            GrandFinalId, BracketPart.GrandFinal, 1, 1,
            new Slot(new WinnerOf(WinnersId(rounds, 1))),
            new Slot(new WinnerOf(losersFinal))));
        if (grandFinalReset)
        {
            matches.Add(new Match(
                ResetId, BracketPart.GrandFinalReset, 1, 1,
                new Slot(new ResetOf(GrandFinalId, Side.Top)),
                new Slot(new ResetOf(GrandFinalId, Side.Bottom))));
        }

        return Bracket.Create(matches);
    }

    /// <summary>
    /// Which match of winners' round <paramref name="winnersRound"/> (of <paramref name="count"/>) sends its
    /// loser to drop-in match <paramref name="number"/>.
    /// </summary>
    public static int DroppingMatch(int winnersRound, int number, int count) =>
        winnersRound % 2 == 0
            ? count + 1 - number
            : ((number - 1 + (count / 2)) % count) + 1;

    private static Match Losers(int round, int number, SlotSource top, SlotSource bottom) =>
        new(LosersId(round, number), BracketPart.Losers, round, number, new Slot(top), new Slot(bottom));
}
