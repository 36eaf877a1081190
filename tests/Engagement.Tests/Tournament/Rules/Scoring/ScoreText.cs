using Engagement.Tournament.Rules;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>Reads scores and rules written the way a score sheet shows them, so test tables stay readable.</summary>
internal static class ScoreText
{
    /// <summary>"air", "air-capped", "fivb", or "air-fivb-points" (air volleyball with FIVB match points).</summary>
    public static RuleSet Preset(string name) => name switch
    {
        "air" => RuleSet.AirVolleyball,
        "air-capped" => RuleSet.AirVolleyballCapped,
        "fivb" => RuleSet.FivbIndoor,
        "air-fivb-points" => RuleSet.AirVolleyball with { MatchPoints = MatchPointsTable.Fivb },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown preset"),
    };

    /// <summary>"21:19 15:21" → the sets, A's points first.</summary>
    public static SetScore[] Sets(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Set)];

    public static SetScore Set(string text)
    {
        var parts = text.Split(':');
        return new SetScore(int.Parse(parts[0]), int.Parse(parts[1]));
    }

    public static string Text(IEnumerable<SetScore> sets) => string.Join(" ", sets);

    /// <summary>"ABBA" → one rally per letter, won by that team.</summary>
    public static MatchScore Rallies(this MatchScore score, string winners) =>
        winners.Aggregate(score, (s, c) => s.Rally(c == 'A' ? Team.A : Team.B));

    /// <summary>
    /// Brings the current set from 0:0 to <paramref name="a"/>:<paramref name="b"/> by alternating rallies
    /// (A first) and then giving the leader the rest, so a valid final score is reached only at the end.
    /// </summary>
    public static MatchScore Reach(this MatchScore score, int a, int b)
    {
        var level = Math.Min(a, b);
        var rallies = string.Concat(Enumerable.Repeat("AB", level))
            + new string('A', a - level) + new string('B', b - level);
        return score.Rallies(rallies);
    }

    /// <summary>Plays each set to its score and confirms it.</summary>
    public static MatchScore PlaySets(this MatchScore score, string sets) =>
        Sets(sets).Aggregate(score, (s, set) => s.Reach(set.A, set.B).ConfirmSetEnd());

    public static Team ParseTeam(string team) => team == "A" ? Team.A : Team.B;
}
