using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Engagement.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The tournament on a player's phone (390×844, WeChat), without signing in: the player scans the QR on the big
/// screen, picks their team, sees its next match, court and time, and follows the live score as the scorer taps;
/// the bracket shows seeds and match numbers and marks a tapped team's path.
/// </summary>
public sealed class TournamentPhoneTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Marker = "phone-before-anything-changed";
    private const string Court = "1号场地";
    private readonly TournamentSetup _setup = new(fixture);

    [Fact]
    public async Task A_player_picks_a_team_sees_its_next_match_and_follows_the_live_score_without_reloading()
    {
        const string title = "2026年教育系统职工气排球赛";
        var (tournamentId, teams) = await _setup.StartKnockoutAsync(title, "城关小学党支部队", "县第二中学党支部队", "东城幼儿园党支部队", "县教研室党支部队");
        var fixtures = await _setup.FixturesAsync(tournamentId);
        var semis = fixtures.Where(f => f.Stage == "Main" && f.Round == 1).OrderBy(f => f.MatchId, StringComparer.Ordinal).ToList();
        var semi = semis[0];
        string Name(string? teamId) => teams.Single(t => t.TeamId == teamId).Name;
        var mine = Name(semi.TeamA);
        var opponent = Name(semi.TeamB);
        // 14:30 in the hall's time zone, whatever the machine's.
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(6).AddMinutes(30), TimeSpan.Zero);
        await _setup.ScheduleAsync(tournamentId, semi.MatchId, Court, startsAt);
        await _setup.ScheduleAsync(tournamentId, semis[1].MatchId, "2号场地", startsAt.AddHours(1));
        using var scorer = await ScorerAsync(await _setup.ScorerLinkAsync(tournamentId, Court));

        // --- the big screen's tournament view carries the phone page's QR and address ---
        await using var hallContext = await fixture.DesktopAsync(1920, 1080);
        var hall = await Watched.OpenAsync(hallContext, output, "tournament-phone-screen-qr");
        await hall.RunAsync(async () =>
        {
            await hall.Page.GotoAsync("/screen.html?id=main");
            await _setup.ShowOnScreenAsync(tournamentId, "县直机关“迎七一”系列活动");
            var qr = hall.Page.Locator("#tv-phone-qr");
            await Expect(qr).ToBeVisibleAsync();
            await Expect(qr).ToHaveAttributeAsync("data-url", $"{fixture.Url.TrimEnd('/')}/tournament.html?id={tournamentId}");
            await Expect(hall.Page.Locator("#tv-phone-hint")).ToHaveTextAsync("手机扫码看赛程、比分");
            // Visible comes before loaded on a busy machine: wait until the image has arrived, then check it decoded.
            await hall.Page.WaitForFunctionAsync("() => { const i = document.querySelector('#tv-phone-qr'); return i && i.complete; }", null, new() { Timeout = 15_000 });
            Assert.True(await qr.EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the QR image did not load");
            var box = (await qr.BoundingBoxAsync())!;
            Assert.True(box.Height >= 90, $"QR is {box.Height}px high at 1080p");
            await hall.ScreenshotAsync("01-qr", fullPage: false);
        });

        await using var phoneContext = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(phoneContext, output, "tournament-phone");
        var p = phone.Page;
        await phone.RunAsync(async () =>
        {
            // Not signed in: the public link alone.
            await p.GotoAsync($"/tournament.html?id={tournamentId}");
            await Expect(p.Locator("#tp-title")).ToHaveTextAsync(title);
            await Expect(p.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await Expect(p.Locator("#tp-next")).ToContainTextAsync("选择队伍后");

            // --- pick my team: its next match, opponent, court and time ---
            await p.Locator("#tp-team").SelectOptionAsync(new SelectOptionValue { Label = mine });
            var next = p.Locator("#tp-next");
            await Expect(next).ToHaveAttributeAsync("data-match-id", semi.MatchId);
            await Expect(next.Locator(".tp-tag")).ToHaveTextAsync("下一场");
            await Expect(next.Locator(".tp-next-label")).ToHaveTextAsync("第1场 · 半决赛");
            await Expect(next.Locator(".tp-opponent")).ToHaveTextAsync(opponent);
            await Expect(next.Locator(".tp-court")).ToHaveTextAsync(Court);
            await Expect(next.Locator(".tp-time")).ToHaveTextAsync("14:30");
            await Expect(p.Locator("#tp-live")).ToContainTextAsync("目前没有进行中的比赛");
            await phone.ScreenshotAsync("01-my-next-match", fullPage: false);

            // Remembered on this phone: a reload shows the same team at once.
            await p.ReloadAsync();
            await Expect(p.Locator("#tp-team")).ToHaveValueAsync(semi.TeamA!);
            await Expect(next.Locator(".tp-opponent")).ToHaveTextAsync(opponent);
            await Expect(p.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await p.EvaluateAsync("m => { window.__engagementMarker = m; }", Marker);

            // --- the scorer taps rallies on court 1: the phone's score changes without a reload ---
            await RallyAsync(scorer, semi.MatchId, "A");
            await Expect(next.Locator(".tp-tag")).ToHaveTextAsync("正在比赛");
            await Expect(next.Locator(".live-points-a")).ToHaveTextAsync("1");
            await Expect(next.Locator(".live-points-b")).ToHaveTextAsync("0");
            var card = p.Locator($"#tp-live .tp-live-card[data-match-id=\"{semi.MatchId}\"]");
            await Expect(card.Locator(".tp-court")).ToHaveTextAsync(Court);
            await Expect(card.Locator(".tp-score-name")).ToHaveTextAsync([mine, opponent]);
            await RallyAsync(scorer, semi.MatchId, "B");
            await RallyAsync(scorer, semi.MatchId, "B");
            await Expect(next.Locator(".live-points-b")).ToHaveTextAsync("2");
            await Expect(card.Locator(".live-points-a")).ToHaveTextAsync("1");
            await Expect(card.Locator(".live-points-b")).ToHaveTextAsync("2");
            Assert.Equal(Marker, await p.EvaluateAsync<string?>("() => window.__engagementMarker || null"));
            await phone.ScreenshotAsync("02-live-score", fullPage: false);

            // --- readable on a phone: every text in the page's body at least 16 px, nothing wider than the screen ---
            var small = await p.EvaluateAsync<string[]>(
                """
                () => Array.from(document.querySelectorAll('#tp-main *:not(svg):not(svg *)'))
                  .filter(e => e.offsetParent !== null && Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
                  .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
                  .map(e => e.className + ' "' + e.textContent.trim().slice(0, 20) + '" ' + getComputedStyle(e).fontSize)
                """);
            Assert.True(small.Length == 0, "Text under 16 px: " + string.Join("; ", small));
            Assert.True(await p.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

            // --- the bracket: match numbers and seeds, names at a readable size, scrolled sideways in its own box ---
            var svg = p.Locator("#tp-bracket");
            await svg.ScrollIntoViewIfNeededAsync();
            var semiBox = svg.Locator($"g.bracket-match[data-match-id=\"{semi.MatchId}\"]");
            await Expect(semiBox.Locator(".bm-no")).ToHaveTextAsync("第1场");
            await Expect(svg.Locator("g.bracket-match[data-match-id=\"3RD\"] .bm-no")).ToHaveTextAsync("第3场");
            await Expect(semiBox.Locator(".bm-seed")).ToHaveTextAsync(["1", "4"]);
            await Expect(svg.Locator(".bm-seed")).ToHaveCountAsync(4);
            var name = (await semiBox.Locator(".bm-name").First.BoundingBoxAsync())!;
            Assert.True(name.Height >= 16, $"bracket names are {name.Height}px high");
            var number = (await semiBox.Locator(".bm-no").BoundingBoxAsync())!;
            Assert.True(number.Height >= 14, $"match numbers are {number.Height}px high");
            Assert.True(await p.Locator("#tp-bracket-scroll").EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "the bracket should scroll sideways at this size");

            // My team's path is marked: its semi-final, not the other one.
            await Expect(svg).ToHaveAttributeAsync("data-path-team", semi.TeamA!);
            await Expect(semiBox).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bon-path\b"));
            await Expect(svg.Locator($"g.bracket-match[data-match-id=\"{semis[1].MatchId}\"]")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bon-path\b"));
            await phone.ScreenshotAsync("03-bracket-my-path", fullPage: false);

            // Tapping another team marks its path instead.
            var other = semis[1].TeamB!;
            await svg.Locator($".bm-row[data-team-id=\"{other}\"]").First.TapAsync();
            await Expect(svg).ToHaveAttributeAsync("data-path-team", other);
            await Expect(svg.Locator("g.bracket-match.on-path")).ToHaveCountAsync(1);
            await Expect(svg.Locator($"g.bracket-match[data-match-id=\"{semis[1].MatchId}\"]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bon-path\b"));
            await Expect(svg.Locator(".bm-row.path-team .bm-name")).ToHaveTextAsync(Name(other));
            Assert.Equal("0.45", await semiBox.EvaluateAsync<string>("g => getComputedStyle(g).opacity"));
            // Tapping it again clears the path.
            await svg.Locator($".bm-row[data-team-id=\"{other}\"]").First.TapAsync();
            await Expect(svg.Locator("g.bracket-match.on-path")).ToHaveCountAsync(0);
            await phone.ScreenshotAsync("04-full-page");
        });
    }

    /// <summary>
    /// Group tables on the phone and on the big screen mark a team through only when no completion of the group
    /// can stop it: after one win of three it is 暂列 (provisional), after two it is 出线 and the others are out.
    /// </summary>
    [Fact]
    public async Task Group_tables_say_provisional_until_qualification_is_decided_on_the_phone_and_the_screen()
    {
        const string title = "2026年教育系统职工气排球赛（小组赛）";
        var tournamentId = await StartGroupsAsync(title, ["城关小学党支部队", "县第二中学党支部队", "东城幼儿园党支部队", "县教研室党支部队", "实验小学党支部队", "县职业中学党支部队"]);
        var view = await _setup.ViewAsync(tournamentId);
        var groupA = view.GetProperty("groups")[0];
        Assert.Equal("A", groupA.GetProperty("name").GetString());
        var matches = view.GetProperty("matches").EnumerateArray().Where(m => m.GetProperty("group").GetString() == "A")
            .Select(m => (Id: m.GetProperty("matchId").GetString()!, A: m.GetProperty("teamA").GetString()!, B: m.GetProperty("teamB").GetString()!)).ToList();
        Assert.Equal(3, matches.Count);
        var start = DateTimeOffset.UtcNow.AddHours(1);
        foreach (var (m, i) in matches.Select((m, i) => (m, i)))
        {
            await _setup.ScheduleAsync(tournamentId, m.Id, Court, start.AddMinutes(30 * i));
        }

        // The leader wins its two matches; the third match (between the other two) is left to play.
        var leader = matches[0].A;
        var first = matches.First(m => m.A == leader || m.B == leader);
        var second = matches.Last(m => m.A == leader || m.B == leader);
        Assert.NotEqual(first.Id, second.Id);
        using var scorer = await ScorerAsync(await _setup.ScorerLinkAsync(tournamentId, Court));
        var names = view.GetProperty("teams").EnumerateArray().ToDictionary(t => t.GetProperty("teamId").GetString()!, t => t.GetProperty("name").GetString()!);

        await using var hallContext = await fixture.DesktopAsync(1920, 1080);
        var hall = await Watched.OpenAsync(hallContext, output, "tournament-phone-screen-groups");
        await using var phoneContext = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(phoneContext, output, "tournament-phone-groups");
        await using var consoleContext = await fixture.OrganiserDesktopAsync(1366, 900);
        var console = await Watched.OpenAsync(consoleContext, output, "tournament-phone-console-tables");
        var tables = $"/console.html#tournament/{tournamentId}/tables";
        ILocator ConsoleRow(string teamId) => console.Page.Locator($"table.tour-standings[data-group=\"A\"] tr[data-team-id=\"{teamId}\"]");
        await console.RunAsync(() => hall.RunAsync(() => phone.RunAsync(async () =>
        {
            var h = hall.Page;
            var p = phone.Page;
            await h.GotoAsync("/screen.html?id=main&tview=groups");
            await _setup.ShowOnScreenAsync(tournamentId, "县直机关“迎七一”系列活动");
            await p.GotoAsync($"/tournament.html?id={tournamentId}");
            await Expect(p.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            var phoneRow = p.Locator($"#tp-groups table[data-group=\"A\"] tr[data-team-id=\"{leader}\"]");
            var screenRow = h.Locator($"#group-tables table[data-group=\"A\"] tr[data-team-id=\"{leader}\"]");
            await Expect(phoneRow).ToHaveAttributeAsync("data-qualification", "provisional");
            await Expect(p.Locator("#tp-groups .tp-q")).ToHaveCountAsync(0);

            // One win: top of the group, but the others can still catch up: 暂列, not 出线.
            await ForfeitAsync(scorer, first.Id, first.A == leader ? "B" : "A");
            await Expect(phoneRow.Locator(".tp-q")).ToHaveTextAsync("暂列");
            await Expect(phoneRow).ToHaveAttributeAsync("data-qualification", "provisional");
            await Expect(p.Locator("#tp-groups .tp-q-in")).ToHaveCountAsync(0);
            await Expect(screenRow.Locator(".gt-q")).ToHaveTextAsync("暂列");
            await Expect(h.Locator("#group-legend")).ToContainTextAsync("“暂列”为目前名次");
            await Expect(screenRow).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\badv\b"));
            await p.Locator("#tp-groups-block").ScrollIntoViewIfNeededAsync();
            await phone.ScreenshotAsync("05-group-provisional", fullPage: false);
            await hall.ScreenshotAsync("01-provisional", fullPage: false);
            // The organiser's console says the same in its note column.
            await console.Page.GotoAsync(tables);
            await Expect(ConsoleRow(leader).Locator(".tour-note")).ToContainTextAsync("暂列");
            await Expect(ConsoleRow(leader)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\btour-advances\b"));

            // Two wins: nobody can reach it any more (one place per group): 出线; the other two are out.
            await ForfeitAsync(scorer, second.Id, second.A == leader ? "B" : "A");
            await Expect(phoneRow.Locator(".tp-q")).ToHaveTextAsync("出线");
            await Expect(phoneRow).ToHaveAttributeAsync("data-qualification", "qualified");
            await Expect(p.Locator("#tp-groups table[data-group=\"A\"] tr[data-qualification=\"eliminated\"]")).ToHaveCountAsync(2);
            await Expect(p.Locator("#tp-groups table[data-group=\"B\"] tr[data-qualification=\"provisional\"]")).ToHaveCountAsync(3);
            await Expect(screenRow.Locator(".gt-q")).ToHaveTextAsync("出线");
            Assert.True(await screenRow.Locator(".gt-q").EvaluateAsync<bool>(
                "q => { const r = q.getBoundingClientRect(), c = q.closest('td').getBoundingClientRect(); return r.width > 0 && r.left >= c.left && r.right <= c.right + 0.5; }"),
                "出线 is clipped by its cell");
            await Expect(screenRow).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\badv\b"));
            await Expect(p.Locator("#tp-results .tp-result")).ToHaveCountAsync(2);
            await Expect(p.Locator($"#tp-results .tp-result[data-match-id=\"{second.Id}\"] .tp-winner")).ToHaveTextAsync(names[leader]);
            await p.Locator("#tp-groups-block").ScrollIntoViewIfNeededAsync();
            await phone.ScreenshotAsync("06-group-decided", fullPage: false);
            await hall.ScreenshotAsync("02-decided", fullPage: false);
            await console.Page.ReloadAsync();
            await Expect(ConsoleRow(leader).Locator(".tour-note")).ToContainTextAsync("已出线");
            await Expect(ConsoleRow(leader)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\btour-advances\b"));
            await Expect(console.Page.Locator("table.tour-standings[data-group=\"A\"] tr[data-qualification=\"eliminated\"]")).ToHaveCountAsync(2);
            await console.ScreenshotAsync("01-decided");
        })));
    }

    /// <summary>Groups of three feeding a knockout of the group winners, started.</summary>
    private async Task<string> StartGroupsAsync(string title, string[] teamNames)
    {
        var organiser = fixture.Organiser.Http;
        using var created = await organiser.PostAsJsonAsync("/api/tournaments", new { title });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tournamentId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("tournamentId").GetString()!;
        var rules = (await organiser.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/tournaments/presets")).GetProperty("air-volleyball");
        using var configured = await organiser.PutAsJsonAsync($"/api/tournaments/{tournamentId}", new
        {
            setup = new
            {
                title, format = "GroupsThenKnockout", groups = 2, legs = 1, advancePerGroup = 1, thirdPlace = false, grandFinalReset = false,
                separateDistricts = false, drawSeed = (int?)null, rules, criteria = Array.Empty<string>(),
            },
            teams = teamNames.Select((name, i) => new { teamId = $"t{i + 1}", name, branchId = (string?)null, district = "东部片区", seed = i + 1, players = Array.Empty<string>() }).ToArray(),
        });
        Assert.True(configured.IsSuccessStatusCode, await configured.Content.ReadAsStringAsync());
        using var started = await organiser.PostAsync($"/api/tournaments/{tournamentId}/start", null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return tournamentId;
    }

    /// <summary>The scorer records that <paramref name="side"/> forfeits (which ends the match: nothing to confirm).</summary>
    private static async Task ForfeitAsync(ApiClient scorer, string matchId, string side)
    {
        using var response = await scorer.Http.PostAsJsonAsync($"/api/scorer/matches/{matchId}", new { action = "Forfeit", team = side });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"forfeit {matchId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<ApiClient> ScorerAsync(ScorerLink link)
    {
        var client = new ApiClient(fixture.Url);
        var token = link.Link[(link.Link.IndexOf("#t=", StringComparison.Ordinal) + 3)..];
        using var response = await client.Http.PostAsJsonAsync("/api/auth/link", new { token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private static async Task RallyAsync(ApiClient scorer, string matchId, string team)
    {
        using var response = await scorer.Http.PostAsJsonAsync($"/api/scorer/matches/{matchId}", new { action = "Rally", team });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"rally {team}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
