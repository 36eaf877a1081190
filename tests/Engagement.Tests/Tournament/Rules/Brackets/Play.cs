using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

/// <summary>Plays brackets through for tests.</summary>
internal static class Play
{
    /// <summary>Completes playable matches, first in bracket order, each won by the side <paramref name="pick"/> chooses, until none is left
    /// or the next one is where <paramref name="stopAt"/> says to stop.</summary>
    public static Bracket Through(Bracket bracket, Func<Match, Side> pick, Func<Match, bool>? stopAt = null)
    {
        while (bracket.Playable.FirstOrDefault() is { } match && stopAt?.Invoke(match) != true)
        {
            bracket = bracket.Complete(match.Id, pick(match));
        }

        return bracket;
    }

    /// <summary>The better seed (lower number) always wins.</summary>
    public static Side Favourite(Match m) =>
        ((Seed)m.Top.Occupant!).Number < ((Seed)m.Bottom.Occupant!).Number ? Side.Top : Side.Bottom;

    /// <summary>Completes the named matches in order, each won by the given side ("R1-M1:T").</summary>
    public static Bracket Results(Bracket bracket, params string[] results)
    {
        foreach (var result in results)
        {
            var (id, side) = (result[..^2], result[^1] == 'T' ? Side.Top : Side.Bottom);
            bracket = bracket.Complete(id, side);
        }

        return bracket;
    }

    /// <summary>Played losses per entry.</summary>
    public static Dictionary<Entry, int> Losses(Bracket bracket) =>
        bracket.Matches.Where(m => m.IsPlayed && m.LoserEntry is not null)
            .GroupBy(m => m.LoserEntry!)
            .ToDictionary(g => g.Key, g => g.Count());

    public static string Sources(Match m) => $"{m.Top.Source} v {m.Bottom.Source}";
}
