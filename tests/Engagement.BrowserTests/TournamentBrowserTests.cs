using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The air-volleyball tournament as the people in the hall see it: the scorer of court 1 taps a whole
/// semi-final on a tablet, while the hall's big screen (1920×1080, rotating between bracket and courts) and
/// a court-side screen pinned to the live courts (?tview=courts) follow every rally without reloading, and
/// the bracket moves the winner on to the final once the scorer confirms the match.
/// </summary>
public sealed class TournamentBrowserTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Marker = "set-before-anything-changed";
    private const string Court = "1号场地";

    /// <summary>scorer.js takes a second tap on the same button within 300 ms for a glove bouncing: one rally.</summary>
    private static readonly TimeSpan BounceGuard = TimeSpan.FromMilliseconds(380);

    private readonly TournamentSetup _setup = new(fixture);

    [Fact]
    public async Task Scorer_taps_a_whole_match_on_a_tablet_the_screens_follow_each_rally_and_the_winner_moves_on_in_the_bracket()
    {
        const string title = "2026年“迎七一”职工气排球比赛";
        var (tournamentId, teams) = await _setup.StartKnockoutAsync(title,
            "城关小学党支部队", "县第二中学党支部队", "东城幼儿园党支部队", "县教研室党支部队");
        var fixtures = await _setup.FixturesAsync(tournamentId);
        var semis = fixtures.Where(f => f.Stage == "Main" && f.Round == 1).OrderBy(f => f.MatchId, StringComparer.Ordinal).ToList();
        Assert.Equal(2, semis.Count);
        var semi = semis[0];
        var final = Assert.Single(fixtures, f => f.Stage == "Main" && f.Round == 2);
        var third = Assert.Single(fixtures, f => f.Stage == "ThirdPlace");
        Assert.Equal("Ready", semi.Status);
        Assert.Equal("Locked", final.Status);

        string Name(string? teamId) => teams.Single(t => t.TeamId == teamId).Name;
        var nameA = Name(semi.TeamA);
        var nameB = Name(semi.TeamB);
        // The winner's place in the final and the loser's in the third-place match.
        var finalSide = final.SourceA == $"W:{semi.MatchId}" ? "A" : final.SourceB == $"W:{semi.MatchId}" ? "B" : null;
        var thirdSide = third.SourceA == $"L:{semi.MatchId}" ? "A" : third.SourceB == $"L:{semi.MatchId}" ? "B" : null;
        Assert.True(finalSide is not null && thirdSide is not null, $"The final ({final.SourceA}, {final.SourceB}) or third place ({third.SourceA}, {third.SourceB}) is not fed by {semi.MatchId}");

        var startsAt = DateTimeOffset.UtcNow.AddMinutes(5);
        await _setup.ScheduleAsync(tournamentId, semi.MatchId, Court, startsAt);
        await _setup.ScheduleAsync(tournamentId, semis[1].MatchId, "2号场地", startsAt);
        var scorerLink = await _setup.ScorerLinkAsync(tournamentId, Court);

        await using var hallContext = await fixture.DesktopAsync(1920, 1080);
        var hall = await Watched.OpenAsync(hallContext, output, "tournament-hall-screen");
        await using var courtsideContext = await fixture.DesktopAsync(1920, 1080);
        var courtside = await Watched.OpenAsync(courtsideContext, output, "tournament-courts-screen");
        await using var tabletContext = await TabletAsync();
        var tablet = await Watched.OpenAsync(tabletContext, output, "tournament-scorer-tablet");
        // The scorer asks with its own in-page dialog; should a browser dialog ever appear, say so and accept it.
        tablet.Page.Dialog += async (_, dialog) =>
        {
            output.WriteLine($"[tournament-scorer-tablet] browser {dialog.Type} dialog: {dialog.Message}");
            await dialog.AcceptAsync();
        };

        await RunAllAsync(async () =>
        {
            // --- both screens switch to the tournament when the organiser says so ---
            var h = hall.Page;
            var c = courtside.Page;
            await OpenScreenAsync(h, "/screen.html?id=main");
            await OpenScreenAsync(c, "/screen.html?id=main&tview=courts");
            await _setup.ShowOnScreenAsync(tournamentId, "县直机关“迎七一”系列活动", "比赛进行中，请观众文明观赛");
            foreach (var s in new[] { h, c })
            {
                await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Tournament");
                await Expect(s.Locator("#view-tournament")).ToBeVisibleAsync();
                await Expect(s.Locator("#tv-title")).ToHaveTextAsync(title);
            }

            // Nothing is being played yet: the hall shows the bracket, semi-finals drawn, the final waiting for winners.
            await Expect(h.Locator("#tournament-view")).ToHaveAttributeAsync("data-view", "bracket");
            await Expect(h.Locator("#bracket-svg g.bracket-match")).ToHaveCountAsync(4);
            await Expect(BracketBox(h, semi.MatchId).Locator(".bm-name")).ToHaveTextAsync([nameA, nameB]);
            await Expect(BracketBox(h, semi.MatchId)).ToHaveAttributeAsync("data-status", "Ready");
            await Expect(BracketRow(h, final.MatchId, finalSide!).Locator(".bm-name")).ToHaveTextAsync("半决赛第1场胜者");
            await Expect(BracketBox(h, final.MatchId)).Not.ToContainTextAsync(nameA);
            await Expect(BracketBox(h, final.MatchId)).Not.ToContainTextAsync(nameB);
            await Expect(NowPlaying(h).Locator(".np-next .np-teams")).ToHaveTextAsync($"{nameA} vs {nameB}");
            await hall.ScreenshotAsync("01-bracket-before", fullPage: false);

            // The court-side screen is pinned to the courts, which are still empty.
            await Expect(c.Locator("#tournament-view")).ToHaveAttributeAsync("data-view", "courts");
            await Expect(c.Locator(".court-board")).ToHaveCountAsync(0);
            await courtside.ScreenshotAsync("01-no-match-running", fullPage: false);

            // --- the scorer opens the court's link on the tablet and finds the semi-final waiting ---
            var p = tablet.Page;
            await p.GotoAsync(scorerLink.Link);
            await Expect(p.Locator("#grant-profile")).ToBeVisibleAsync();
            await Expect(p.Locator("#scorer-desk")).ToBeVisibleAsync();
            Assert.DoesNotContain("#t=", p.Url);
            await Expect(p.Locator("#scorer-court")).ToHaveTextAsync(Court);
            await Expect(p.Locator("#scorer-match-label")).ToHaveTextAsync(semi.Label);
            await Expect(p.Locator("#team-name-a")).ToHaveTextAsync(nameA);
            await Expect(p.Locator("#team-name-b")).ToHaveTextAsync(nameB);
            await Expect(p.Locator("#scorer-status")).ToHaveAttributeAsync("data-status", "NotStarted");
            await Expect(p.Locator("#score-a")).ToHaveTextAsync("0");
            await Expect(p.Locator("#score-b")).ToHaveTextAsync("0");
            await Expect(p.Locator("#rally-a")).ToBeEnabledAsync();
            await Expect(p.Locator("#rally-b")).ToBeEnabledAsync();
            await Expect(p.Locator("#confirm-set")).ToBeHiddenAsync();
            await Expect(p.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await MarkAsync(p);
            await tablet.ScreenshotAsync("01-match-on-court");

            var score = new Scoreboard(p, c, semi.MatchId);

            // --- set 1, won 21:15 by B; one point given to A by mistake and taken back ---
            await score.RallyAsync("B");
            await score.RallyAsync("A");
            // Both screens show the match live: the hall in the bracket box, the court side on its scoreboard.
            await Expect(BracketBox(h, semi.MatchId)).ToHaveAttributeAsync("data-status", "Running");
            await Expect(BracketBox(h, semi.MatchId).Locator("text.bm-current")).ToHaveTextAsync(["1", "1"]);
            await Expect(NowPlaying(h).Locator(".np-now")).ToHaveTextAsync($"{nameA} vs {nameB}");
            await Expect(NowPlaying(h).Locator(".np-score")).ToHaveTextAsync("0:0 (1:1)");
            var board = CourtBoard(c, semi.MatchId);
            await Expect(board.Locator(".cb-court")).ToHaveTextAsync(Court);
            await Expect(board.Locator(".cb-name")).ToHaveTextAsync([nameA, nameB]);
            await Expect(board.Locator(".cb-setno")).ToHaveTextAsync("第1局");
            await hall.ScreenshotAsync("02-bracket-live", fullPage: false);
            await tablet.ScreenshotAsync("02-first-rallies");

            for (var i = 1; i < 10; i++)
            {
                await score.RallyAsync("B");
                await score.RallyAsync("A");
            }

            Assert.Equal((10, 10), (score.A, score.B));
            await score.RallyAsync("A"); // meant for B
            await Expect(p.Locator("#undo")).ToBeEnabledAsync();
            await Expect(p.Locator("#undo-detail")).ToHaveTextAsync($"上一分：{nameA}（11:10）");
            await tablet.ScreenshotAsync("03-before-undo");
            await score.UndoAsync();
            await tablet.ScreenshotAsync("04-after-undo");
            await courtside.ScreenshotAsync("02-after-undo", fullPage: false);

            for (var i = 0; i < 5; i++)
            {
                await score.RallyAsync("B");
                await score.RallyAsync("A");
            }

            for (var i = 0; i < 6; i++)
            {
                await Expect(p.Locator("#confirm-set")).ToBeHiddenAsync();
                await score.RallyAsync("B");
            }

            Assert.Equal((15, 21), (score.A, score.B));

            // The rules end the set; the scorer has to confirm it, and no further rally can be entered.
            await Expect(p.Locator("#scorer-status")).ToHaveAttributeAsync("data-status", "SetOver");
            await Expect(p.Locator("#scorer-status")).ToHaveTextAsync("第1局 已到局点，请确认");
            await Expect(p.Locator("#confirm-set")).ToBeVisibleAsync();
            await Expect(p.Locator("#rally-a")).ToBeDisabledAsync();
            await Expect(p.Locator("#rally-b")).ToBeDisabledAsync();
            await Expect(board.Locator(".cb-alert")).ToHaveTextAsync("本局结束");
            await tablet.ScreenshotAsync("05-set-1-over");
            await courtside.ScreenshotAsync("03-set-1-over", fullPage: false);

            // The hall screen rotates to the courts by itself (every 15 s) and shows the same score there.
            await Expect(h.Locator("#tournament-view")).ToHaveAttributeAsync("data-view", "courts", new() { Timeout = 35_000 });
            var hallBoard = CourtBoard(h, semi.MatchId);
            await Expect(hallBoard.Locator(".court-points-a")).ToHaveTextAsync("15");
            await Expect(hallBoard.Locator(".court-points-b")).ToHaveTextAsync("21");
            await Expect(hallBoard.Locator(".cb-alert")).ToHaveTextAsync("本局结束");
            await hall.ScreenshotAsync("03-courts-view", fullPage: false);

            await p.Locator("#confirm-set").TapAsync();
            await Expect(p.Locator("#scorer-dialog")).ToBeVisibleAsync();
            await Expect(p.Locator("#dialog-title")).ToHaveTextAsync("确认第1局结束？");
            await Expect(p.Locator("#dialog-body")).ToContainTextAsync($"{nameA} 15 : 21 {nameB}");
            await Expect(p.Locator("#dialog-body")).ToContainTextAsync($"胜方：{nameB}");
            await tablet.ScreenshotAsync("06-confirm-set-1");
            await p.Locator("#dialog-ok").TapAsync();
            await Expect(p.Locator("#scorer-dialog")).ToBeHiddenAsync();

            // On to set 2: 0:0, set 1 in the history, one set to B.
            await Expect(p.Locator("#scorer-status")).ToHaveAttributeAsync("data-status", "InProgress");
            await Expect(p.Locator("#scorer-status")).ToHaveTextAsync("第2局 进行中");
            await Expect(p.Locator("#sets-a")).ToHaveTextAsync("0");
            await Expect(p.Locator("#sets-b")).ToHaveTextAsync("1");
            await Expect(p.Locator("#set-history li")).ToHaveCountAsync(1);
            await Expect(p.Locator("#set-history li .set-score")).ToHaveTextAsync("15:21");
            await Expect(p.Locator("#confirm-set")).ToBeHiddenAsync();
            score.NewSet();
            await score.ExpectAsync();
            await Expect(board.Locator(".cb-setno")).ToHaveTextAsync("第2局");
            await Expect(board.Locator(".cb-sets")).ToHaveTextAsync(["0", "1"]);
            await Expect(board.Locator(".cb-history")).ToHaveTextAsync("第1局 15:21");
            await Expect(board.Locator(".cb-alert")).ToBeHiddenAsync();
            await tablet.ScreenshotAsync("07-set-2-begins");

            // --- set 2, won 21:18 by B: the match ---
            for (var i = 0; i < 18; i++)
            {
                await score.RallyAsync("A");
                await score.RallyAsync("B");
            }

            for (var i = 0; i < 3; i++)
            {
                await Expect(p.Locator("#confirm-set")).ToBeHiddenAsync();
                await score.RallyAsync("B");
            }

            Assert.Equal((18, 21), (score.A, score.B));
            await Expect(p.Locator("#scorer-status")).ToHaveAttributeAsync("data-status", "SetOver");
            await Expect(p.Locator("#confirm-match")).ToBeHiddenAsync();
            await p.Locator("#confirm-set").TapAsync();
            await Expect(p.Locator("#dialog-title")).ToHaveTextAsync("确认第2局结束？");
            await Expect(p.Locator("#dialog-body")).ToContainTextAsync($"{nameA} 18 : 21 {nameB}");
            await p.Locator("#dialog-ok").TapAsync();
            await Expect(p.Locator("#scorer-dialog")).ToBeHiddenAsync();

            // B has its two sets: the match waits for the scorer's confirmation.
            await Expect(p.Locator("#scorer-status")).ToHaveAttributeAsync("data-status", "MatchOver");
            await Expect(p.Locator("#scorer-status")).ToHaveTextAsync("胜负已定，请确认比赛结束");
            await Expect(p.Locator("#confirm-set")).ToBeHiddenAsync();
            await Expect(p.Locator("#confirm-match")).ToBeVisibleAsync();
            await Expect(p.Locator("#rally-a")).ToBeDisabledAsync();
            await Expect(p.Locator("#rally-b")).ToBeDisabledAsync();
            await Expect(p.Locator("#sets-b")).ToHaveTextAsync("2");
            await Expect(p.Locator("#set-history li .set-score")).ToHaveTextAsync(["15:21", "18:21"]);
            await Expect(board.Locator(".cb-alert")).ToHaveTextAsync("比赛结束");
            await Expect(board.Locator(".cb-sets")).ToHaveTextAsync(["0", "2"]);
            await tablet.ScreenshotAsync("08-match-over");
            await courtside.ScreenshotAsync("04-match-over", fullPage: false);

            // Until it is confirmed the winner does not move on.
            await Expect(BracketBox(h, final.MatchId)).Not.ToContainTextAsync(nameB);

            await p.Locator("#confirm-match").TapAsync();
            await Expect(p.Locator("#scorer-dialog")).ToBeVisibleAsync();
            await Expect(p.Locator("#dialog-title")).ToHaveTextAsync("确认比赛结束？");
            await Expect(p.Locator("#dialog-body")).ToContainTextAsync($"局分 {nameA} 0 : 2 {nameB}");
            await Expect(p.Locator("#dialog-body")).ToContainTextAsync(new Regex(@"各局比分：15:21\s+18:21"));
            await Expect(p.Locator("#dialog-body")).ToContainTextAsync($"胜方：{nameB}");
            await tablet.ScreenshotAsync("09-confirm-match");
            await p.Locator("#dialog-ok").TapAsync();
            await Expect(p.Locator("#scorer-dialog")).ToBeHiddenAsync();

            // --- the scorer sees the result; the sheet is closed ---
            await Expect(p.Locator("#scorer-status")).ToHaveAttributeAsync("data-status", "Finished");
            await Expect(p.Locator("#scorer-result")).ToBeVisibleAsync();
            await Expect(p.Locator("#result-title")).ToHaveTextAsync($"胜队：{nameB}");
            await Expect(p.Locator("#result-detail")).ToHaveTextAsync(new Regex(@"^比赛结束，局分 0:2（15:21\s+18:21）$"));
            await Expect(p.Locator(".team-panel[data-team=\"B\"]")).ToHaveClassAsync(new Regex(@"\bis-winner\b"));
            await Expect(p.Locator(".team-panel[data-team=\"A\"]")).Not.ToHaveClassAsync(new Regex(@"\bis-winner\b"));
            await Expect(p.Locator("#confirm-match")).ToBeHiddenAsync();
            await Expect(p.Locator("#undo")).ToBeHiddenAsync();
            await Expect(p.Locator("#rally-a")).ToBeDisabledAsync();
            await Expect(p.Locator("#rally-b")).ToBeDisabledAsync();
            await tablet.ScreenshotAsync("10-result");

            // --- the bracket moves the winner on by itself; the court-side board is cleared ---
            await Expect(h.Locator("#tournament-view")).ToHaveAttributeAsync("data-view", "bracket");
            var played = BracketBox(h, semi.MatchId);
            await Expect(played).ToHaveAttributeAsync("data-status", "Completed");
            await Expect(played.Locator("g.bm-row.win .bm-name")).ToHaveTextAsync(nameB);
            await Expect(played.Locator("g.bm-row.lose .bm-name")).ToHaveTextAsync(nameA);
            Assert.Equal(["21", "21"], await LeftToRightAsync(played.Locator("g.bm-row[data-team=\"B\"] text.bm-set")));
            Assert.Equal(["15", "18"], await LeftToRightAsync(played.Locator("g.bm-row[data-team=\"A\"] text.bm-set")));
            await Expect(BracketRow(h, final.MatchId, finalSide!).Locator(".bm-name")).ToHaveTextAsync(nameB);
            await Expect(BracketBox(h, final.MatchId)).Not.ToContainTextAsync(nameA);
            await Expect(BracketRow(h, third.MatchId, thirdSide!).Locator(".bm-name")).ToHaveTextAsync(nameA);
            await Expect(h.Locator($"#now-playing .np-now[data-match-id=\"{semi.MatchId}\"]")).ToHaveCountAsync(0);
            await hall.ScreenshotAsync("04-winner-in-final", fullPage: false);

            await Expect(c.Locator("#tournament-view")).ToHaveAttributeAsync("data-view", "courts");
            await Expect(c.Locator(".court-board")).ToHaveCountAsync(0);
            await courtside.ScreenshotAsync("05-court-free", fullPage: false);

            // What the screens show is what the tournament recorded.
            var recorded = (await _setup.FixturesAsync(tournamentId)).Single(f => f.MatchId == final.MatchId);
            Assert.Equal(semi.TeamB, finalSide == "A" ? recorded.TeamA : recorded.TeamB);

            await AssertNotReloadedAsync(h);
            await AssertNotReloadedAsync(c);
            await AssertNotReloadedAsync(p);
        }, hall, courtside, tablet);
    }

    /// <summary>
    /// The score as the scorer has tapped it: each tap must show on the tablet (server's answer) and on the
    /// court-side screen's board before the next one.
    /// </summary>
    private sealed class Scoreboard(IPage tablet, IPage screen, string matchId)
    {
        private readonly Stopwatch _sinceLastTap = Stopwatch.StartNew();
        private string? _lastTeam;

        public int A { get; private set; }

        public int B { get; private set; }

        public void NewSet() => (A, B) = (0, 0);

        public async Task RallyAsync(string team)
        {
            if (team == _lastTeam && _sinceLastTap.Elapsed < BounceGuard)
            {
                await Task.Delay(BounceGuard - _sinceLastTap.Elapsed);
            }

            await tablet.Locator(team == "A" ? "#rally-a" : "#rally-b").TapAsync();
            _sinceLastTap.Restart();
            _lastTeam = team;
            if (team == "A")
            {
                A++;
            }
            else
            {
                B++;
            }

            await ExpectAsync();
        }

        public async Task UndoAsync()
        {
            await tablet.Locator("#undo").TapAsync();
            if (_lastTeam == "A")
            {
                A--;
            }
            else
            {
                B--;
            }

            _lastTeam = null;
            await ExpectAsync();
        }

        public async Task ExpectAsync()
        {
            await Expect(tablet.Locator("#score-a")).ToHaveTextAsync(A.ToString());
            await Expect(tablet.Locator("#score-b")).ToHaveTextAsync(B.ToString());
            await Expect(tablet.Locator("#pending-a")).ToBeHiddenAsync();
            await Expect(tablet.Locator("#pending-b")).ToBeHiddenAsync();
            var board = CourtBoard(screen, matchId);
            await Expect(board.Locator(".court-points-a")).ToHaveTextAsync(A.ToString());
            await Expect(board.Locator(".court-points-b")).ToHaveTextAsync(B.ToString());
        }
    }

    // ---------- helpers ----------

    /// <summary>Runs the body inside every page's <see cref="Watched.RunAsync"/>: a failure photographs all of them, and none may throw.</summary>
    private static Task RunAllAsync(Func<Task> body, params Watched[] pages) =>
        pages.Reverse().Aggregate(body, (inner, page) => () => page.RunAsync(inner))();

    /// <summary>A scorer's tablet at the court: 1024×768, touch.</summary>
    private Task<IBrowserContext> TabletAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Url,
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    private static ILocator BracketBox(IPage screen, string matchId) =>
        screen.Locator($"#bracket-svg g.bracket-match[data-match-id=\"{matchId}\"]");

    private static ILocator BracketRow(IPage screen, string matchId, string side) =>
        BracketBox(screen, matchId).Locator($"g.bm-row[data-team=\"{side}\"]");

    /// <summary>The texts of these SVG elements as read on screen, from left to right.</summary>
    private static async Task<string[]> LeftToRightAsync(ILocator texts) =>
        await texts.EvaluateAllAsync<string[]>(
            "els => els.map(e => [e.getBoundingClientRect().left, e.textContent]).sort((a, b) => a[0] - b[0]).map(p => p[1])");

    private static ILocator CourtBoard(IPage screen, string matchId) =>
        screen.Locator($"#court-boards .court-board[data-match-id=\"{matchId}\"]");

    private static ILocator NowPlaying(IPage screen) => screen.Locator($"#now-playing .np-court[data-court=\"{Court}\"]");

    /// <summary>Opens a screen, waits until it is live, and marks the window (a reload would wipe the mark).</summary>
    private static async Task OpenScreenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        await MarkAsync(page);
    }

    private static Task MarkAsync(IPage page) => page.EvaluateAsync("m => { window.__engagementMarker = m; }", Marker);

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal(Marker, await page.EvaluateAsync<string?>("() => window.__engagementMarker || null"));
}
