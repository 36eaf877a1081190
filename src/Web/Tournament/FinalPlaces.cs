using Engagement.Tournament;

namespace Engagement.Web.Tournament;

/// <summary>One team's line in the final standings (名次表).</summary>
/// <param name="Place">Shared by teams out at the same stage (two semi-final losers without a third-place match are both 3rd); null while the team is still in.</param>
/// <param name="How">How the place was earned: "冠军", "决赛 负", "三四名决赛 胜", "A 组第 3 名".</param>
/// <param name="Provisional">The place can still change (暂列): a group is unfinished, or the team is still playing.</param>
public sealed record FinalPlace(int? Place, string TeamId, string How, bool Provisional);

/// <summary>
/// The final standings read off a tournament's results. In a knockout a team's place is set by the match
/// that put it out: teams out at the same stage share a place, later is better, the final's winner is first;
/// a third-place match splits its two teams. Teams out in the groups follow every knockout team, by
/// group position (all third-placed teams share a place). A round robin's standings are its tables.
/// A result flagged as a problem counts as not played.
/// </summary>
public static class FinalPlaces
{
    private const int Champion = int.MaxValue;

    public static IReadOnlyList<FinalPlace> Of(TournamentView view)
    {
        var knockout = view.Matches.Where(m => m.Stage != "group").ToList();
        var lines = new List<(string TeamId, int? Key, string How, bool Provisional)>();
        var inKnockout = new HashSet<string>(knockout.SelectMany(m => new[] { m.TeamA, m.TeamB }).OfType<string>());
        var lastMain = knockout.Where(m => m.Stage == "Main").Select(m => m.Round).DefaultIfEmpty(0).Max();

        foreach (var team in inKnockout)
        {
            var last = knockout.Last(m => m.TeamA == team || m.TeamB == team);
            var decided = last.Status == FixtureStatus.Completed && last.Problem is null && last.Winner is not null;
            if (!decided)
            {
                lines.Add((team, null, last.Label, true));
            }
            else if (last.Winner == team)
            {
                var final = last.Stage is "GrandFinal" or "GrandFinalReset" || (last.Stage == "Main" && last.Round == lastMain);
                lines.Add(final ? (team, Champion, "冠军", false) : (team, null, last.Label, true));
            }
            else
            {
                lines.Add((team, OutKey(last, lastMain, won: false), $"{Stage(last, lastMain)} 负", false));
            }

            if (last.Stage == "ThirdPlace" && decided && last.Winner == team)
            {
                lines[^1] = (team, OutKey(last, lastMain, won: true), $"{last.Label} 胜", false);
            }
        }

        foreach (var table in view.Groups.Where(g => g.Problem is null))
        {
            foreach (var line in table.Standings.Where(s => !inKnockout.Contains(s.TeamId)))
            {
                var how = view.Groups.Count > 1 ? $"{table.Name} 组第 {line.Position} 名" : $"第 {line.Position} 名";
                // Below every knockout team: a negative key, better positions higher.
                lines.Add((line.TeamId, knockout.Count > 0 ? -line.Position : Champion - line.Position, how, !table.Complete));
            }
        }

        return lines
            .Select(l => new FinalPlace(l.Key is { } key ? 1 + lines.Count(o => o.Key is null || o.Key > key) : null, l.TeamId, l.How, l.Provisional))
            .OrderBy(p => p.Place ?? 0).ThenBy(p => view.Teams.FirstOrDefault(t => t.TeamId == p.TeamId)?.Seed ?? int.MaxValue)
            .ToList();
    }

    /// <summary>The stage a match is, as people name it: 决赛, 半决赛, 1/4 决赛; else the schedule's label.</summary>
    private static string Stage(Fixture match, int lastMain) => match.Stage != "Main" ? match.Label : (lastMain - match.Round) switch
    {
        0 => "决赛",
        1 => "半决赛",
        2 => "1/4 决赛",
        3 => "1/8 决赛",
        _ => match.Label,
    };

    /// <summary>How late a losing team went out: later stages give larger keys.</summary>
    private static int OutKey(Fixture match, int lastMain, bool won) => match.Stage switch
    {
        "GrandFinal" or "GrandFinalReset" => Champion - 1,
        // The third-place match is played by the semi-final losers: its loser shares nothing with them, it is 4th.
        "ThirdPlace" => ((lastMain - 1) * 10) + (won ? 6 : 5),
        _ => match.Round * 10,
    };
}
