using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>Writes results and reads standings in the shape the test tables use.</summary>
internal static class Table
{
    /// <summary>A played match, sets from <paramref name="teamA"/>'s side: M("x", "y", "21:19 21:19").</summary>
    public static MatchResult M(string teamA, string teamB, string sets, MatchEnding ending = MatchEnding.Played) =>
        new(teamA, teamB, Sets(sets), ending);

    public static IReadOnlyList<StandingRow> Rank(
        string teams, IReadOnlyList<MatchResult> results, RuleSet rules, IReadOnlyList<StandingCriterion> criteria) =>
        Standings.Compute(teams.Split(' '), results, rules, criteria);

    /// <summary>"x:1 y:2 z:3": each row's team and position, in output order.</summary>
    public static string Positions(IEnumerable<StandingRow> rows) =>
        string.Join(" ", rows.Select(r => $"{r.TeamId}:{r.Position}"));

    /// <summary>"x:- y:HeadToHead": each row's deciding criterion, "-" for none.</summary>
    public static string Deciders(IEnumerable<StandingRow> rows) =>
        string.Join(" ", rows.Select(r => $"{r.TeamId}:{r.DecidedBy?.ToString() ?? "-"}"));
}
