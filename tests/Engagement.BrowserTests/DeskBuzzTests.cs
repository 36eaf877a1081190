using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The stage final's buzzer as the hall sees it: two team tablets (desk.html, opened by each team's secret link) on
/// a buzzer question. A buzz before the host says "开始" is refused as a foul on that tablet; once buzzing is open both
/// teams buzz at once, and the big screen and both tablets name the same winner: the team whose buzz the grain
/// received first (the one answered "Won", with the lower ledger position).
/// </summary>
public sealed class DeskBuzzTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string BranchA = "实验小学党支部";
    private const string BranchB = "第二中学党支部";

    [Fact]
    public async Task Two_tablets_buzz_on_an_open_question_and_the_screen_and_both_tablets_show_the_first_buzz_received_as_the_winner()
    {
        var overview = await fixture.ImportAsync(Rosters.Build("DK", ("城区第一片区", BranchA, 3), ("城区第一片区", BranchB, 3)));
        var contestId = await ArrangeAsync(overview);
        var linkA = await DeskLinkAsync(contestId, "T1", BranchA);
        var linkB = await DeskLinkAsync(contestId, "T2", BranchB);
        await PutAsync("/api/screens/main", new { headline = "党史知识竞赛现场赛", mode = "ContestFinal", roundId = contestId }, "screen mode ContestFinal");

        await using var screenContext = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(screenContext, output, "desk-screen");
        await using var contextA = await TabletAsync();
        var deskA = await Watched.OpenAsync(contextA, output, "desk-a");
        await using var contextB = await TabletAsync();
        var deskB = await Watched.OpenAsync(contextB, output, "desk-b");

        await screen.RunAsync(() => deskA.RunAsync(() => deskB.RunAsync(async () =>
        {
            var s = screen.Page;
            await s.GotoAsync("/screen.html?id=main");
            await Expect(s.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "ContestFinal");

            var a = deskA.Page;
            var b = deskB.Page;
            foreach (var (page, link, name) in new[] { (a, linkA, BranchA), (b, linkB, BranchB) })
            {
                await page.GotoAsync(link);
                await Expect(page.Locator("#grant-profile")).ToBeVisibleAsync();
                Assert.DoesNotContain("#t=", page.Url);
                await Expect(page.Locator("#desk")).ToBeVisibleAsync();
                await Expect(page.Locator("#grant-welcome")).ToHaveTextAsync(name);
                await Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
                await Expect(page.Locator("#desk-scoreboard li")).ToHaveCountAsync(2);
                await Expect(page.Locator("#desk-buzz")).ToHaveAttributeAsync("data-state", "off");
            }

            // --- the host shows the buzzer question: the tablets show it, buzzing not yet open ---
            await PostAsync($"/api/contests/{contestId}/stage/present", new { questionNo = 1 }, "present question 1");
            foreach (var page in new[] { a, b })
            {
                await Expect(page.Locator("#desk-question")).ToHaveTextAsync("遵义会议召开于哪一年？");
                await Expect(page.Locator("#desk-part")).ToHaveTextAsync("抢答题");
                await Expect(page.Locator("#desk-buzz")).ToHaveAttributeAsync("data-state", "waiting");
            }

            await deskA.ScreenshotAsync("01-question-shown");

            // --- team A buzzes before 开始: refused as a foul, on A's tablet only ---
            var early = await BuzzAsync(a);
            Assert.Equal("Early", early.GetProperty("outcome").GetString());
            await Expect(a.Locator("#desk-result")).ToHaveAttributeAsync("data-outcome", "Early");
            await Expect(a.Locator("#desk-result")).ToContainTextAsync("违规：抢答未开始");
            await Expect(b.Locator("#desk-result")).ToBeHiddenAsync();
            await deskA.ScreenshotAsync("02-early-buzz");

            // --- the host opens buzzing; both teams buzz at once ---
            await PostAsync($"/api/contests/{contestId}/stage/open-buzzing", new { questionNo = 1 }, "open buzzing");
            await Expect(a.Locator("#desk-buzz")).ToHaveAttributeAsync("data-state", "open");
            await Expect(b.Locator("#desk-buzz")).ToHaveAttributeAsync("data-state", "open");
            await Expect(a.Locator("#desk-result")).ToBeHiddenAsync(); // the foul was about the question before it opened
            // Playwright's clicks go one page after the other (the second may find its button already off): both tablets
            // are tapped by a timer set for the same instant of the browser's one clock instead.
            var at = await a.EvaluateAsync<double>("() => Date.now() + 400");
            var answers = await Task.WhenAll(BuzzAsync(a, at), BuzzAsync(b, at));
            var (resultA, resultB) = (answers[0], answers[1]);
            output.WriteLine($"A: {resultA}\nB: {resultB}");

            var outcomes = new[] { resultA.GetProperty("outcome").GetString(), resultB.GetProperty("outcome").GetString() };
            Assert.Equal(["Late", "Won"], outcomes.Order());
            var aWon = outcomes[0] == "Won";
            var (winnerId, winnerName) = aWon ? ("T1", BranchA) : ("T2", BranchB);
            // The first received is the one the grain put first in its ledger, and both answers name it.
            var (won, late) = aWon ? (resultA, resultB) : (resultB, resultA);
            Assert.True(won.GetProperty("seq").GetInt64() < late.GetProperty("seq").GetInt64(), $"The winner's buzz is not the first received: {won} vs {late}");
            Assert.Equal(winnerId, late.GetProperty("winner").GetString());
            Assert.Equal(winnerId, won.GetProperty("winner").GetString());

            var (winnerPage, loserPage) = aWon ? (a, b) : (b, a);
            await Expect(winnerPage.Locator("#desk-result")).ToHaveAttributeAsync("data-outcome", "Won");
            await Expect(winnerPage.Locator("#desk-result")).ToContainTextAsync("抢到了！");
            await Expect(loserPage.Locator("#desk-result")).ToHaveAttributeAsync("data-outcome", "Late");
            await Expect(loserPage.Locator("#desk-result")).ToHaveTextAsync($"{winnerName} 抢到了");
            foreach (var page in new[] { a, b })
            {
                await Expect(page.Locator("#desk-result")).ToHaveAttributeAsync("data-winner", winnerId);
                await Expect(page.Locator("#desk-buzz")).ToBeDisabledAsync();
            }

            // The host's view agrees: the winner has the floor.
            var stage = await GetAsync($"/api/contests/{contestId}/stage", "stage view");
            Assert.Equal(winnerId, stage.GetProperty("live").GetProperty("floor").GetString());
            Assert.Equal("Answering", stage.GetProperty("live").GetProperty("phase").GetString());

            // The big screen names the same winner, not the other team.
            var floor = s.Locator("#view-final .fv-floor");
            await Expect(floor).ToHaveAttributeAsync("data-team-id", winnerId);
            await Expect(floor.Locator(".fv-floor-team")).ToHaveTextAsync(winnerName);
            await screen.ScreenshotAsync("03-screen-winner", fullPage: false);
            await deskA.ScreenshotAsync("03-after-buzz");
            await deskB.ScreenshotAsync("03-after-buzz");
        })));
    }

    /// <summary>Taps the tablet's buzz button (now, or at the browser's clock time <paramref name="at"/>) and returns the server's answer to that buzz.</summary>
    private static async Task<JsonElement> BuzzAsync(IPage page, double? at = null)
    {
        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/team/buzz", StringComparison.Ordinal) && r.Request.Method == "POST");
        if (at is null)
        {
            await page.Locator("#desk-buzz").ClickAsync();
        }
        else
        {
            await page.EvaluateAsync("at => { setTimeout(() => document.getElementById('desk-buzz').click(), Math.max(0, at - Date.now())); }", at);
        }

        var response = await answer;
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    /// <summary>A bank of three questions, a contest, and its stage final for two branch teams (T1, T2), started.</summary>
    private async Task<string> ArrangeAsync(JsonElement overview)
    {
        var questions = new[]
        {
            Question("ZY001", "遵义会议召开于哪一年？", ["1934年", "1935年", "1936年", "1937年"], "B"),
            Question("ZY002", "中华人民共和国成立于哪一年？", ["1945年", "1947年", "1949年", "1950年"], "C"),
        };
        foreach (var q in questions)
        {
            await PostAsync("/api/contest-bank", q, $"bank question {q.questionId}", expected: null);
        }

        var created = await PostAsync("/api/contests", new { title = "党史知识竞赛" }, "create contest", HttpStatusCode.Created);
        var contestId = created.GetProperty("contestId").GetString()!;
        await PutAsync($"/api/contests/{contestId}/stage", new
        {
            rules = new
            {
                requiredCorrect = 10, requiredWrong = 0, buzzCorrect = 10, buzzWrong = 10, earlyBuzz = "Refuse", earlyBuzzPenalty = 0,
                reopenAfterWrong = true, riskValues = new[] { 10, 20, 30 }, answerSeconds = 30,
            },
            teams = new[]
            {
                new { teamId = "T1", name = BranchA, branchId = (string?)BrowserApp.BranchId(overview, BranchA), district = (string?)"城区第一片区", players = new[] { "王伟", "李芳" } },
                new { teamId = "T2", name = BranchB, branchId = (string?)BrowserApp.BranchId(overview, BranchB), district = (string?)"城区第一片区", players = new[] { "张敏", "刘强" } },
            },
            questions = new[]
            {
                new { no = 1, part = "Buzzer", questionId = "ZY001", teamId = (string?)null },
                new { no = 2, part = "Buzzer", questionId = "ZY002", teamId = (string?)null },
            },
        }, "stage setup");
        await PostAsync($"/api/contests/{contestId}/stage/start", null, "start stage");
        return contestId;
    }

    private static BankQuestion Question(string id, string stem, string[] options, string answer) =>
        new(id, "Single", stem, options, answer, string.Empty, 10, "党史", "易");

    private sealed record BankQuestion(string questionId, string type, string stem, string[] options, string answer, string explanation, int points, string category, string difficulty);

    /// <summary>The team's desk link, as the console makes it: a grant with role Team, scope = contest, branchId = team.</summary>
    private async Task<string> DeskLinkAsync(string contestId, string teamId, string name)
    {
        var grant = await PostAsync("/api/grants", new { role = "Team", name, branchId = teamId, scope = contestId }, $"desk link {teamId}", HttpStatusCode.Created);
        var link = grant.GetProperty("link").GetString()!;
        Assert.Contains("/desk.html#t=", link);
        return link;
    }

    /// <summary>A team's tablet at its desk: 1024×768, touch.</summary>
    private Task<IBrowserContext> TabletAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Url,
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    private async Task<JsonElement> GetAsync(string url, string what) =>
        await ReadAsync(await fixture.Organiser.Http.GetAsync(url), HttpStatusCode.OK, what);

    /// <param name="expected">The status the call must answer; null: any success.</param>
    private async Task<JsonElement> PostAsync(string url, object? body, string what, HttpStatusCode? expected = HttpStatusCode.OK) =>
        await ReadAsync(body is null ? await fixture.Organiser.Http.PostAsync(url, null) : await fixture.Organiser.Http.PostAsJsonAsync(url, body), expected, what);

    private async Task<JsonElement> PutAsync(string url, object body, string what) =>
        await ReadAsync(await fixture.Organiser.Http.PutAsJsonAsync(url, body), HttpStatusCode.OK, what);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode? expected, string what)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected, $"{what}: expected {(expected is null ? "success" : ((int)expected).ToString())}, got {(int)response.StatusCode}: {body}");
            return string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
