using System.Globalization;
using Engagement.Tournament;
using Engagement.Web.Operations;

namespace Engagement.Web.Tournament;

/// <summary>
/// The tournament on paper: everything the print page needs in one read (schedule, tables, bracket,
/// final standings and every match's score sheet), and the same results as one .xlsx for the records.
/// </summary>
public static class TournamentPaper
{
    /// <summary>What the print page reads once; it needs no live connection.</summary>
    public sealed record PrintData(
        TournamentView Tournament,
        string Title,
        IReadOnlyList<FinalPlace> Places,
        IReadOnlyList<MatchSheet> Sheets,
        DateTimeOffset PrintedAt);

    public static async Task<PrintData> Print(ITournamentGrain tournament, IGrainFactory grains)
    {
        var view = await tournament.Get();
        var sheets = await Task.WhenAll(view.Matches.Where(m => m.TeamA is not null && m.TeamB is not null)
            .Select(m => grains.GetGrain<IMatchGrain>($"{view.TournamentId}/{m.MatchId}").GetSheet()));
        return new PrintData(view, await Title(view, grains), FinalPlaces.Of(view), sheets, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Sheets 比赛 (every match: stage, round, court, time, teams, set scores, winner), 小组积分 (group
    /// tables) and 名次 (final standings), each headed by the tournament's title and the export time.
    /// </summary>
    public static async Task<IResult> Export(ITournamentGrain tournament, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var view = await tournament.Get();
        var title = await Title(view, grains);
        var exported = SpreadsheetBook.HallTime(DateTimeOffset.UtcNow);
        SpreadsheetSheet Headed(SpreadsheetSheet sheet) => sheet
            .Head("赛事 Tournament", title)
            .Head("状态 Status", view.Status switch { TournamentStatus.Finished => "已结束 Finished", TournamentStatus.Running => "进行中 Running", _ => "未开始 Setup" })
            .Head("导出时间 Exported", exported);
        string? Name(string? teamId) => teamId is null ? null : view.Teams.FirstOrDefault(t => t.TeamId == teamId)?.Name ?? teamId;

        var matches = Headed(new SpreadsheetSheet("比赛", ["编号 Match", "阶段 Stage", "轮次 Round", "场地 Court", "时间 Time", "甲队 Team A", "乙队 Team B", "局分 Set scores", "局数 Sets", "胜者 Winner", "状态 Status", "说明 Note"]));
        foreach (var m in view.Matches.OrderBy(m => m.StartsAt ?? DateTimeOffset.MaxValue).ThenBy(m => m.Court, StringComparer.Ordinal).ThenBy(m => m.MatchId, StringComparer.Ordinal))
        {
            matches.Add(
                m.MatchId,
                m.Label,
                m.Round,
                m.Court,
                m.StartsAt is { } at ? SpreadsheetBook.HallTime(at) : null,
                Name(m.TeamA) ?? m.SourceA,
                Name(m.TeamB) ?? m.SourceB,
                string.Join("，", m.Sets.Select(s => $"{s.A}:{s.B}")),
                m.Sets.Count > 0 ? $"{m.Sets.Count(s => s.A > s.B)}:{m.Sets.Count(s => s.B > s.A)}" : null,
                Name(m.Winner),
                Status(m.Status),
                Note(m));
        }

        var groups = Headed(new SpreadsheetSheet("小组积分", ["小组 Group", "名次 Pos", "队伍 Team", "场 P", "胜 W", "负 L", "积分 Pts", "胜局 SW", "负局 SL", "C值 Sets ratio", "得分 PW", "失分 PL", "Z值 Points ratio", "说明 Note"]));
        foreach (var table in view.Groups)
        {
            if (table.Problem is not null)
            {
                groups.Add(table.Name, null, null, null, null, null, null, null, null, null, null, null, null, "本组成绩有误，未排名 (unranked)");
                continue;
            }

            foreach (var line in table.Standings)
            {
                groups.Add(table.Name, line.Position, Name(line.TeamId), line.Played, line.Won, line.Lost, line.MatchPoints, line.SetsWon, line.SetsLost,
                    line.SetQuotient, line.PointsWon, line.PointsLost, line.PointsQuotient, table.Complete ? (line.Tied ? "并列" : null) : "暂列 (group unfinished)");
            }
        }

        if (groups.Rows.Count == 0)
        {
            groups.Add("（本赛事无小组赛）");
        }

        var places = Headed(new SpreadsheetSheet("名次", ["名次 Place", "队伍 Team", "说明 How", "暂列 Provisional"]));
        foreach (var place in FinalPlaces.Of(view))
        {
            places.Add(place.Place, Name(place.TeamId), place.How, place.Provisional ? "暂列" : null);
        }

        var stream = SpreadsheetBook.Write([matches, groups, places], cancellationToken);
        return TypedResults.File(stream, SpreadsheetBook.ContentType, $"tournament-{view.TournamentId}.xlsx");
    }

    private static async Task<string> Title(TournamentView view, IGrainFactory grains) =>
        view.Setup?.Title is { Length: > 0 } title ? title
        : (await grains.GetGrain<ITournamentsGrain>(0).List()).FirstOrDefault(t => t.TournamentId == view.TournamentId)?.Title ?? view.TournamentId;

    private static string Status(FixtureStatus status) => status switch
    {
        FixtureStatus.Completed => "已结束",
        FixtureStatus.Running => "进行中",
        FixtureStatus.Ready => "待赛",
        _ => "待定",
    };

    private static string? Note(Fixture m) => m.Problem is not null
        ? "成绩有误，未计入 (result does not count)"
        : m.Ending switch
        {
            "Forfeited" or "Forfeit" => "弃权 (forfeit)",
            "Retired" or "Retirement" => "退赛 (retired)",
            _ => null,
        };
}
