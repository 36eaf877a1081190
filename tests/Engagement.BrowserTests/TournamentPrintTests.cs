using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engagement.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// Issue 10 §4: the tournament on paper, as the organiser prints it from the console. A four-team knockout is
/// played to the end (one semi-final rally by rally, 21:15 21:0 with a timeout; the rest forfeited) and a
/// three-team round robin has one result: each print document shows the teams, scores and signature lines a
/// referee needs, the print media hides every piece of console chrome, and Chromium's PDF has A4 pages.
/// </summary>
public sealed class TournamentPrintTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Title = "2026年“迎七一”职工气排球比赛（县直机关教育系统片区）";
    private const string Court = "1号场地";
    private static readonly string[] TeamNames = ["城关小学党支部代表队", "县第二中学党支部代表队", "东城幼儿园党支部代表队", "县教育局教研室党支部代表队"];

    private readonly TournamentSetup _setup = new(fixture);

    [Fact]
    public async Task Every_print_document_shows_the_played_tournament_and_prints_without_the_console_chrome()
    {
        var knockout = await PlayedKnockoutAsync();
        var roundRobin = await RoundRobinWithOneResultAsync();

        await using var context = await fixture.OrganiserDesktopAsync(1280, 900);
        var watched = await Watched.OpenAsync(context, output, "tournament-print");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            // --- 赛程表: by court, then by time; the played semi-final with its set scores ---
            await OpenAsync(page, knockout.Id, "schedule");
            await Expect(page.Locator(".print-page h1")).ToHaveTextAsync($"{Title} · 赛程表");
            var court = page.Locator($".print-block[data-court='{Court}']");
            await Expect(court.Locator("h2")).ToHaveTextAsync(Court);
            var semiRow = court.Locator($"tr[data-match-id='{knockout.Semi}']");
            await Expect(semiRow).ToContainTextAsync(knockout.SemiA);
            await Expect(semiRow).ToContainTextAsync(knockout.SemiB);
            await Expect(semiRow).ToContainTextAsync("2:0（21:15  21:0）");
            // Four matches on one court, in time order: the semi-final first.
            await Expect(court.Locator("tbody tr")).ToHaveCountAsync(4);
            await Expect(court.Locator("tbody tr").First).ToHaveAttributeAsync("data-match-id", knockout.Semi);
            await watched.ScreenshotAsync("01-schedule");
            await ExpectPrintsWithoutChromeAsync(page, "schedule", minPages: 1);

            // --- 对阵图: the screen's bracket drawing, in ink on paper ---
            await OpenAsync(page, knockout.Id, "bracket");
            await Expect(page.Locator("svg.print-bracket g.bracket-match")).ToHaveCountAsync(4);
            await Expect(page.Locator("svg.print-bracket")).ToContainTextAsync(knockout.SemiA);
            var ink = await page.Locator("svg.print-bracket .bm-name").First.EvaluateAsync<string>("e => getComputedStyle(e).fill");
            Assert.Equal("rgb(0, 0, 0)", ink);
            var box = await page.Locator("svg.print-bracket").BoundingBoxAsync();
            Assert.True(box is { Width: > 500, Height: > 150 }, $"The printed bracket is {box?.Width}×{box?.Height}");
            await watched.ScreenshotAsync("02-bracket");
            await ExpectPrintsWithoutChromeAsync(page, "bracket", minPages: 1);

            // --- 名次表: the finished knockout, 1 to 4 ---
            await OpenAsync(page, knockout.Id, "standings");
            await Expect(page.Locator(".print-champion")).ToHaveTextAsync($"冠军：{knockout.Champion}");
            var places = page.Locator(".print-places tbody tr");
            await Expect(places).ToHaveCountAsync(4);
            await Expect(places.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("1");
            await Expect(places.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync(knockout.Champion);
            await Expect(places.Nth(3).Locator("td").Nth(0)).ToHaveTextAsync("4");
            await watched.ScreenshotAsync("03-standings");

            // --- 小组积分表: the round robin's table, provisional while matches remain ---
            await OpenAsync(page, roundRobin.Id, "groups");
            var group = page.Locator(".print-block[data-group='A']");
            await Expect(group.Locator("h2")).ToHaveTextAsync("A 组");
            await Expect(group.Locator(".print-note")).ToHaveTextAsync("本组比赛尚未全部结束，名次暂列。");
            await Expect(group.Locator("tbody tr")).ToHaveCountAsync(3);
            var winnerRow = group.Locator($"tbody tr[data-team-id='{roundRobin.Winner}']");
            await Expect(winnerRow.Locator("td").Nth(3)).ToHaveTextAsync("1"); // won
            await Expect(winnerRow.Locator("td").Nth(0)).ToHaveTextAsync("1 暂列");
            await watched.ScreenshotAsync("04-groups");

            // --- 记分表: one match, with set scores, timeouts, the running score and signature lines ---
            await page.GotoAsync($"{fixture.Url}/print.html?t={knockout.Id}&doc=sheets&match={knockout.Semi}");
            var sheet = page.Locator($"section.score-sheet[data-match-id='{knockout.Semi}']");
            await Expect(sheet).ToBeVisibleAsync();
            await Expect(sheet.Locator(".sheet-team[data-team='A']")).ToHaveTextAsync(knockout.SemiA);
            await Expect(sheet.Locator(".sheet-team[data-team='B']")).ToHaveTextAsync(knockout.SemiB);
            var set1 = sheet.Locator("table.sheet-sets tr[data-set='1'] td");
            await Expect(set1.Nth(1)).ToHaveTextAsync("21");
            await Expect(set1.Nth(2)).ToHaveTextAsync("15");
            await Expect(set1.Nth(3)).ToHaveTextAsync("0"); // team A's timeouts in set 1
            await Expect(set1.Nth(4)).ToHaveTextAsync("1"); // team B took one
            await Expect(sheet.Locator("table.sheet-sets tr[data-set='2'] td").Nth(1)).ToHaveTextAsync("21");
            await Expect(sheet.Locator("table.sheet-sets tr[data-set='3'] td").Nth(1)).ToHaveTextAsync(""); // deciding set not needed
            await Expect(sheet.Locator(".rs-set[data-set='1'] .rs")).ToHaveCountAsync(36);
            await Expect(sheet.Locator(".rs-set[data-set='1'] .rs").Last).ToHaveTextAsync("21:15");
            await Expect(sheet.Locator(".sheet-result-line")).ToHaveTextAsync("甲队 2 : 0 乙队");
            await Expect(sheet.Locator(".sheet-winner")).ToHaveTextAsync($"胜队：{knockout.SemiA}");
            foreach (var label in new[] { "裁判员签字", "记分员签字", "甲队队长签字", "乙队队长签字" })
            {
                var line = sheet.Locator(".print-sign", new() { HasText = label }).Locator(".print-sign-line");
                var lineBox = await line.BoundingBoxAsync();
                Assert.True(lineBox is { Width: > 140 }, $"The signature line for {label} is {lineBox?.Width} px wide");
            }

            await watched.ScreenshotAsync("05-score-sheet");

            // --- every score sheet: one A4 page per match ---
            await OpenAsync(page, knockout.Id, "sheets");
            await Expect(page.Locator("section.score-sheet")).ToHaveCountAsync(4);
            await ExpectPrintsWithoutChromeAsync(page, "sheets", minPages: 4);
            await watched.ScreenshotAsync("06-all-sheets-print-media");

            // --- English on the switch ---
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
            await page.Locator("#lang-toggle").ClickAsync();
            await Expect(page.Locator("section.score-sheet").First.Locator(".print-sign").First).ToContainTextAsync("Referee");
        });
    }

    [Fact]
    public async Task The_console_links_each_document_each_match_sheet_and_the_workbook_and_a_visitor_is_told_to_sign_in()
    {
        var (id, _) = await _setup.StartKnockoutAsync("打印链接测试赛", TeamNames);

        await using var context = await fixture.OrganiserDesktopAsync();
        var watched = await Watched.OpenAsync(context, output, "tournament-print-links");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            await page.GotoAsync($"{fixture.Url}/console.html#tournament/{id}/schedule");
            var paper = page.Locator("#tour-paper");
            await Expect(paper).ToBeVisibleAsync();
            await Expect(paper.Locator("a[data-paper='standings']")).ToHaveAttributeAsync("href", $"print.html?t={id}&doc=standings");
            await Expect(paper.Locator("#tour-export")).ToHaveAttributeAsync("href", $"/api/tournaments/{id}/export.xlsx");
            await Expect(page.Locator("a.match-sheet").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($@"^print\.html\?t={id}&doc=sheets&match=\S+$"));
            await watched.ScreenshotAsync("01-console-print-links");

            var download = await page.RunAndWaitForDownloadAsync(() => paper.Locator("#tour-export").ClickAsync());
            var path = Path.Combine(AppProcess.ArtifactsDirectory, "tournament-export.xlsx");
            await download.SaveAsAsync(path);
            Assert.Equal("PK", Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 2));
        });

        await using var anonymous = await fixture.DesktopAsync();
        var visitor = await Watched.OpenAsync(anonymous, output, "tournament-print-anonymous");
        await visitor.RunAsync(async () =>
        {
            await visitor.Page.GotoAsync($"{fixture.Url}/print.html?t={id}&doc=schedule");
            await Expect(visitor.Page.Locator("#error .error-text")).ToHaveTextAsync("请先登录组织者控制台，再打开本页。");
            await Expect(visitor.Page.Locator(".print-page")).ToHaveCountAsync(0);
        });
    }

    private async Task OpenAsync(IPage page, string id, string doc)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync($"{fixture.Url}/print.html?t={id}&doc={doc}");
        await Expect(page.Locator($".print-page[data-doc='{doc}']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#print-now")).ToBeEnabledAsync();
    }

    /// <summary>Under print media the toolbar and header are gone and the document fills the page; the PDF has A4 pages.</summary>
    private async Task ExpectPrintsWithoutChromeAsync(IPage page, string doc, int minPages)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("#print-toolbar")).ToBeHiddenAsync();
        await Expect(page.Locator(".app-header")).ToBeHiddenAsync();
        await Expect(page.Locator("#print-now")).ToBeHiddenAsync();
        await Expect(page.Locator(".print-page").First).ToBeVisibleAsync();
        var shadow = await page.Locator(".print-page").First.EvaluateAsync<string>("e => getComputedStyle(e).boxShadow");
        Assert.Equal("none", shadow);

        var path = Path.Combine(AppProcess.ArtifactsDirectory, $"tournament-print-{doc}.pdf");
        var pdf = await page.PdfAsync(new() { Path = path, PreferCSSPageSize = true, PrintBackground = true });
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var pages = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;
        Assert.True(pages >= minPages, $"{doc}: {pages} PDF pages, expected at least {minPages}");
        output.WriteLine($"[tournament-print] {doc}: {pages} page(s), {path}");
    }

    private sealed record Knockout(string Id, string Semi, string SemiA, string SemiB, string Champion);

    /// <summary>
    /// Both semi-finals on court 1 (the played one first), then the final and the third-place match: the played
    /// semi-final goes 21:15 (team B calls a timeout first) and 21:0; every other match is forfeited by team A.
    /// </summary>
    private async Task<Knockout> PlayedKnockoutAsync()
    {
        var (id, teams) = await _setup.StartKnockoutAsync(Title, TeamNames);
        string Name(string? teamId) => teams.Single(t => t.TeamId == teamId).Name;
        var semis = (await _setup.FixturesAsync(id)).Where(f => f.Stage == "Main" && f.Round == 1).OrderBy(f => f.MatchId, StringComparer.Ordinal).ToList();
        var start = DateTimeOffset.UtcNow.AddHours(1);
        await _setup.ScheduleAsync(id, semis[0].MatchId, Court, start);
        await _setup.ScheduleAsync(id, semis[1].MatchId, Court, start.AddMinutes(40));
        using var scorer = await ScorerAsync(id);

        await TapAsync(scorer, semis[0].MatchId, "Timeout", "B");
        for (var i = 0; i < 15; i++)
        {
            await TapAsync(scorer, semis[0].MatchId, "Rally", "A");
            await TapAsync(scorer, semis[0].MatchId, "Rally", "B");
        }

        for (var i = 0; i < 6; i++)
        {
            await TapAsync(scorer, semis[0].MatchId, "Rally", "A");
        }

        await TapAsync(scorer, semis[0].MatchId, "ConfirmSet", null);
        for (var i = 0; i < 21; i++)
        {
            await TapAsync(scorer, semis[0].MatchId, "Rally", "A");
        }

        await TapAsync(scorer, semis[0].MatchId, "ConfirmSet", null);
        await TapAsync(scorer, semis[0].MatchId, "ConfirmMatch", null);
        await TapAsync(scorer, semis[1].MatchId, "Forfeit", "A");

        var later = (await _setup.FixturesAsync(id)).Where(f => f.Stage == "ThirdPlace" || (f.Stage == "Main" && f.Round == 2)).ToList();
        Assert.Equal(2, later.Count);
        foreach (var (match, n) in later.Select((m, n) => (m, n)))
        {
            await _setup.ScheduleAsync(id, match.MatchId, Court, start.AddMinutes(80 + (40 * n)));
            await TapAsync(scorer, match.MatchId, "Forfeit", "A");
        }

        var view = await _setup.ViewAsync(id);
        Assert.Equal("Finished", view.GetProperty("status").GetString());
        return new Knockout(id, semis[0].MatchId, Name(semis[0].TeamA), Name(semis[0].TeamB), Name(view.GetProperty("champion").GetString()));
    }

    private sealed record RoundRobin(string Id, string Winner);

    /// <summary>Three teams, one group; one match of three has a result (a forfeit by team A).</summary>
    private async Task<RoundRobin> RoundRobinWithOneResultAsync()
    {
        var http = fixture.Organiser.Http;
        const string title = "气排球循环赛";
        var id = (await JsonAsync(await http.PostAsJsonAsync("/api/tournaments", new { title }), HttpStatusCode.Created)).GetProperty("tournamentId").GetString()!;
        var rules = (await JsonAsync(await http.GetAsync("/api/tournaments/presets"), HttpStatusCode.OK)).GetProperty("air-volleyball");
        await JsonAsync(await http.PutAsJsonAsync($"/api/tournaments/{id}", new
        {
            setup = new
            {
                title, format = "RoundRobin", groups = 1, legs = 1, advancePerGroup = 1, thirdPlace = false, grandFinalReset = false,
                separateDistricts = false, drawSeed = (int?)null, rules, criteria = Array.Empty<string>(),
            },
            teams = TeamNames.Take(3).Select((name, i) => new
            {
                teamId = $"r{i + 1}", name, branchId = (string?)null, district = "东部片区", seed = i + 1, players = Array.Empty<string>(),
            }).ToArray(),
        }), HttpStatusCode.OK);
        await JsonAsync(await http.PostAsync($"/api/tournaments/{id}/start", null), HttpStatusCode.OK);
        var first = (await _setup.FixturesAsync(id)).First(f => f.TeamA is not null && f.TeamB is not null);
        await _setup.ScheduleAsync(id, first.MatchId, Court, DateTimeOffset.UtcNow.AddHours(1));
        using var scorer = await ScorerAsync(id);
        await TapAsync(scorer, first.MatchId, "Forfeit", "A");
        return new RoundRobin(id, first.TeamB!);
    }

    private async Task<ApiClient> ScorerAsync(string tournamentId)
    {
        var link = (await _setup.ScorerLinkAsync(tournamentId, Court)).Link;
        var scorer = new ApiClient(fixture.Url);
        await JsonAsync(await scorer.Http.PostAsJsonAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] }), HttpStatusCode.OK);
        return scorer;
    }

    private static async Task TapAsync(ApiClient scorer, string matchId, string action, string? team) =>
        await JsonAsync(await scorer.Http.PostAsJsonAsync($"/api/scorer/matches/{matchId}", new { action, team }), HttpStatusCode.OK);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
