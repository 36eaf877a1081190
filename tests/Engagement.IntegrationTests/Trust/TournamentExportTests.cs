using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// Issue 10 §4: every tournament result as one .xlsx (matches with round, court, time, teams, set scores
/// and winner; group tables; final standings), read back with the Open XML SDK; and the print page's one
/// read, which carries each match's score sheet rally by rally with the timeouts per set.
/// A four-team knockout with a third-place match: one semi-final played 21:0 21:0 with a timeout, the
/// other forfeited.
/// </summary>
[Collection(Collections.Trust)]
public sealed class TournamentExportTests(TrustWorld world)
{
    private const int HeaderRow = 5;
    private const string Court = "1号场";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (string Id, string Played, string Forfeited)? _tournament;

    [Fact]
    public async Task The_results_workbook_lists_every_match_with_court_time_teams_set_scores_and_winner()
    {
        var (id, played, forfeited) = await TournamentAsync();
        using var xlsx = new XlsxFile(await BytesAsync($"/api/tournaments/{id}/export.xlsx"));

        Assert.True(xlsx.SchemaErrors().Count == 0, string.Join("\n", xlsx.SchemaErrors()));
        Assert.Equal(["比赛", "小组积分", "名次"], xlsx.SheetNames);
        Assert.Equal("赛事 Tournament", xlsx.Text("比赛", "A1"));
        Assert.Equal("导出比赛 长名称的气排球邀请赛", xlsx.Text("比赛", "B1"));

        var rows = Rows(xlsx, "比赛");
        Assert.Equal(4, rows.Count); // two semi-finals, the final and the third-place match
        var semi = rows.Single(r => r["编号 Match"] == played);
        Assert.Equal(Court, semi["场地 Court"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}", semi["时间 Time"]);
        Assert.Equal("21:0，21:0", semi["局分 Set scores"]);
        Assert.Equal("2:0", semi["局数 Sets"]);
        Assert.Equal(semi["甲队 Team A"], semi["胜者 Winner"]);
        Assert.StartsWith("导出比赛", semi["甲队 Team A"]);
        Assert.Equal("已结束", semi["状态 Status"]);
        Assert.Equal("弃权 (forfeit)", rows.Single(r => r["编号 Match"] == forfeited)["说明 Note"]);

        var teamColumn = xlsx.Column("比赛", HeaderRow, "甲队 Team A");
        Assert.True(xlsx.Width("比赛", teamColumn) >= XlsxFile.DisplayWidth(semi["甲队 Team A"]!));
    }

    [Fact]
    public async Task The_standings_sheet_keeps_places_open_while_the_final_is_unplayed()
    {
        var (id, _, _) = await TournamentAsync();
        using var xlsx = new XlsxFile(await BytesAsync($"/api/tournaments/{id}/export.xlsx"));

        var places = Rows(xlsx, "名次");
        Assert.Equal(4, places.Count);
        // Every team is still in (final and third-place match to come): no place is given, each is 暂列.
        Assert.All(places, p => Assert.Null(p["名次 Place"]));
        Assert.All(places, p => Assert.Equal("暂列", p["暂列 Provisional"]));
        Assert.Equal("（本赛事无小组赛）", xlsx.Text("小组积分", $"A{HeaderRow + 1}"));
    }

    [Fact]
    public async Task The_print_read_carries_each_score_sheet_rally_by_rally_with_timeouts_per_set()
    {
        var (id, played, _) = await TournamentAsync();
        using var response = await world.Organiser.Http.GetAsync($"/api/tournaments/{id}/print");
        var print = await Selection.Json(response, HttpStatusCode.OK);

        var sheet = print.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("matchId").GetString() == played);
        var sets = sheet.GetProperty("sets").EnumerateArray().ToList();
        Assert.Equal(2, sets.Count);
        Assert.Equal(new string('A', 21), sets[0].GetProperty("rallies").GetString());
        Assert.Equal(0, sets[0].GetProperty("timeoutsA").GetInt32());
        Assert.Equal(1, sets[0].GetProperty("timeoutsB").GetInt32());
        Assert.Equal(0, sets[1].GetProperty("timeoutsB").GetInt32());
        Assert.Equal("导出比赛 长名称的气排球邀请赛", print.GetProperty("title").GetString());
        Assert.Equal(4, print.GetProperty("places").GetArrayLength());
    }

    [Fact]
    public async Task Only_the_organiser_reads_the_print_data_and_the_workbook()
    {
        var (id, _, _) = await TournamentAsync();
        var anonymous = world.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync($"/api/tournaments/{id}/print")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync($"/api/tournaments/{id}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Organiser.Http.GetAsync("/api/tournaments/no-such/export.xlsx")).StatusCode);
    }

    /// <summary>The table under the heading, as column name → text, one entry per row.</summary>
    private static List<Dictionary<string, string?>> Rows(XlsxFile xlsx, string sheet)
    {
        var header = xlsx.Row(sheet, HeaderRow);
        var rows = new List<Dictionary<string, string?>>();
        for (var row = HeaderRow + 1; row <= xlsx.LastRow(sheet); row++)
        {
            var cells = xlsx.Row(sheet, row);
            if (cells.Values.All(v => v is null))
            {
                break;
            }

            rows.Add(header.Where(h => h.Value is not null).ToDictionary(h => h.Value!, h => cells.GetValueOrDefault(h.Key)));
        }

        return rows;
    }

    private async Task<byte[]> BytesAsync(string path)
    {
        using var response = await world.Organiser.Http.GetAsync(path);
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<(string Id, string Played, string Forfeited)> TournamentAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _tournament ??= await CreateAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<(string Id, string Played, string Forfeited)> CreateAsync()
    {
        var organiser = world.Organiser.Http;
        const string title = "导出比赛 长名称的气排球邀请赛";
        var id = (await Selection.Json(await organiser.PostAsJsonAsync("/api/tournaments", new { title }), HttpStatusCode.Created)).GetProperty("tournamentId").GetString()!;
        var rules = (await Selection.Json(await organiser.GetAsync("/api/tournaments/presets"), HttpStatusCode.OK)).GetProperty("air-volleyball");
        await Selection.Json(await organiser.PutAsJsonAsync($"/api/tournaments/{id}", new
        {
            setup = new
            {
                title, format = "Knockout", groups = 0, legs = 1, advancePerGroup = 1, thirdPlace = true, grandFinalReset = false,
                separateDistricts = false, drawSeed = (int?)null, rules, criteria = Array.Empty<string>(),
            },
            teams = Enumerable.Range(1, 4).Select(i => new
            {
                teamId = $"t{i}", name = $"导出比赛第{i}支部代表队（教育系统）", branchId = (string?)null, district = "东部片区", seed = i, players = Array.Empty<string>(),
            }).ToArray(),
        }), HttpStatusCode.OK);
        await Selection.Json(await organiser.PostAsync($"/api/tournaments/{id}/start", null), HttpStatusCode.OK);
        var view = await Selection.Json(await organiser.GetAsync($"/api/public/tournaments/{id}"), HttpStatusCode.OK);
        var semis = view.GetProperty("matches").EnumerateArray()
            .Where(m => m.GetProperty("teamA").ValueKind == JsonValueKind.String && m.GetProperty("teamB").ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty("matchId").GetString()!).ToArray();
        foreach (var semi in semis)
        {
            await Selection.Json(await organiser.PutAsJsonAsync($"/api/tournaments/{id}/matches/{semi}/schedule", new { court = Court, startsAt = DateTimeOffset.UtcNow.AddHours(1) }), HttpStatusCode.OK);
        }

        var grant = await Selection.Json(await organiser.PostAsJsonAsync("/api/grants", new { role = "Scorer", name = Court, branchId = (string?)null, scope = id }), HttpStatusCode.Created);
        var link = grant.GetProperty("link").GetString()!;
        var scorer = world.Client();
        await Selection.Json(await scorer.Http.PostAsJsonAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] }), HttpStatusCode.OK);
        async Task Tap(string match, string action, string? team) =>
            await Selection.Json(await scorer.Http.PostAsJsonAsync($"/api/scorer/matches/{match}", new { action, team }), HttpStatusCode.OK);

        await Tap(semis[0], "Timeout", "B");
        for (var set = 0; set < 2; set++)
        {
            for (var rally = 0; rally < 21; rally++)
            {
                await Tap(semis[0], "Rally", "A");
            }

            await Tap(semis[0], "ConfirmSet", null);
        }

        await Tap(semis[0], "ConfirmMatch", null);
        await Tap(semis[1], "Forfeit", "A");
        return (id, semis[0], semis[1]);
    }
}
