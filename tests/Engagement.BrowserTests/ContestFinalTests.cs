using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The stage final from the host's laptop (host.html) with the big screen in mode ContestFinal (issue 12 §3): a
/// required question judged, a buzzer question opened and won by a team desk, a wrong judgement corrected with a
/// reason, points adjusted with a reason, a risk question at the team's stake — the screen showing the team with the
/// floor and the scoreboard with each team's last change.
/// </summary>
public sealed class ContestFinalTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Team1 = "东城一小代表队";
    private const string Team2 = "西城二中代表队";

    private readonly ContestSetup _setup = new(fixture);

    [Fact]
    public async Task Host_runs_the_stage_final_and_the_screen_shows_the_buzz_winner_and_each_teams_last_change()
    {
        await _setup.AddQuestionAsync(new BankQuestion("SF001", "Single", "遵义会议是在哪一年召开的？", ["1934年", "1935年", "1936年"], "B", "1935年1月，遵义会议召开。"));
        await _setup.AddQuestionAsync(new BankQuestion("SF002", "Single", "中国工农红军长征胜利结束的标志是哪三大主力会师？", ["会宁会师", "懋功会师", "吴起会师"], "A", "1936年10月，红军三大主力在会宁会师。"));
        await _setup.AddQuestionAsync(new BankQuestion("SF003", "TrueFalse", "“两个务必”是在党的七届二中全会上提出的。", [], "A", "1949年3月，毛泽东在七届二中全会上提出“两个务必”。"));
        var contestId = await _setup.CreateContestAsync("党史知识竞赛（现场赛）", 30, "SF001");
        await _setup.ConfigureStageAsync(contestId, ("Required", "t1", "SF001"), ("Buzzer", null, "SF002"), ("Risk", "t2", "SF003"));
        using var desk2 = await _setup.TeamDeskAsync(contestId, "t2", Team2);

        await using var hostContext = await fixture.OrganiserDesktopAsync(1366, 900);
        var host = await Watched.OpenAsync(hostContext, output, "final-host");
        await using var screenContext = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(screenContext, output, "final-screen");

        await host.RunAsync(() => screen.RunAsync(async () =>
        {
            var h = host.Page;
            var s = screen.Page;
            await s.GotoAsync("/screen.html?id=main");
            await Expect(s.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await _setup.ShowFinalOnScreenAsync(contestId, "党史知识竞赛现场决赛");
            await Expect(s.Locator("#view-final")).ToBeVisibleAsync();
            await Expect(s.Locator("#view-final .cv-phase")).ToHaveTextAsync("现场赛即将开始");
            await Expect(s.Locator(".fv-score")).ToHaveCountAsync(2);

            await h.GotoAsync($"/host.html?contest={contestId}");
            await Expect(h.Locator("#host-stage h2")).ToHaveTextAsync("现场团队赛");
            await h.Locator("#hs-start").ClickAsync();
            await Expect(h.Locator("#host-stage")).ToHaveAttributeAsync("data-status", "Running");
            await Expect(h.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });

            // --- 必答: the question's own team has the floor at once; judged right ---
            await h.Locator("[data-present=\"1\"]").ClickAsync();
            await Expect(h.Locator("#hs-floor")).ToHaveTextAsync($"{Team1} 作答");
            await Expect(s.Locator(".fv-floor")).ToHaveAttributeAsync("data-team-id", "t1");
            await Expect(s.Locator("#view-final .cq-stem")).ToHaveTextAsync("遵义会议是在哪一年召开的？");
            await Expect(s.Locator("#view-final .cv-answer")).ToHaveCountAsync(0); // no key before the judgement
            await h.Locator("#hs-right").ClickAsync();
            await Expect(Score(s, "t1").Locator(".fv-points")).ToHaveTextAsync("10");
            await Expect(Score(s, "t1").Locator(".fv-change")).ToHaveTextAsync("+10");
            await Expect(s.Locator("#view-final .cv-answer")).ToHaveTextAsync("正确答案：B");

            // --- 抢答: the host opens buzzing, team 2's desk buzzes, the screen names it at once; judged wrong ---
            await h.Locator("[data-present=\"2\"]").ClickAsync();
            await Expect(s.Locator("#view-final .cv-phase")).ToHaveTextAsync("请听题");
            await h.Locator("#hs-open-buzz").ClickAsync();
            await Expect(s.Locator("#view-final .cv-phase")).ToHaveTextAsync("开始抢答！");
            var clock = Stopwatch.StartNew();
            var buzz = await ContestSetup.BuzzAsync(desk2, 2);
            Assert.Equal("Won", buzz.GetProperty("outcome").GetString());
            await Expect(s.Locator(".fv-floor.buzz")).ToContainTextAsync($"{Team2}抢答成功");
            output.WriteLine($"buzz answered → winner on the screen: {clock.ElapsedMilliseconds} ms (includes Playwright's polling)");
            await screen.ScreenshotAsync("01-buzz-winner", fullPage: false);
            await Expect(h.Locator("#hs-floor")).ToHaveTextAsync($"{Team2} 抢答成功");
            await h.Locator("#hs-wrong").ClickAsync();
            await Expect(Score(s, "t2").Locator(".fv-points")).ToHaveTextAsync("-10");
            await Expect(Score(s, "t2").Locator(".fv-change")).ToHaveTextAsync("−10");

            // --- the judgement corrected: a reason is required ---
            var judged = h.Locator(".hs-changes tr", new() { HasTextString = "第 2 题 判错" });
            await judged.Locator("button").ClickAsync();
            await Expect(h.Locator("#host-dialog")).ToBeVisibleAsync();
            await Expect(h.Locator("#hs-correct-as")).ToHaveValueAsync("true");
            await h.Locator("#host-dialog-ok").ClickAsync();
            await Expect(h.Locator("#host-dialog-error")).ToHaveTextAsync("请填写原因");
            await h.Locator("#hs-reason").FillAsync("经裁判复核，回答正确");
            await h.Locator("#host-dialog-ok").ClickAsync();
            await Expect(h.Locator("#host-dialog")).ToBeHiddenAsync();
            await Expect(Score(s, "t2").Locator(".fv-points")).ToHaveTextAsync("10");
            await Expect(h.Locator(".hs-changes")).ToContainTextAsync("经裁判复核，回答正确");

            // --- points adjusted: a whole number and a reason ---
            await h.Locator("#hs-adjust").ClickAsync();
            await h.Locator("#hs-adjust-points").FillAsync("abc");
            await h.Locator("#host-dialog-ok").ClickAsync();
            await Expect(h.Locator("#host-dialog-error")).ToHaveTextAsync("请填写不为 0 的整数分值");
            await h.Locator("#hs-adjust-team").SelectOptionAsync("t1");
            await h.Locator("#hs-adjust-points").FillAsync("-5");
            await h.Locator("#hs-reason").FillAsync("超时作答");
            await h.Locator("#host-dialog-ok").ClickAsync();
            await Expect(Score(s, "t1").Locator(".fv-points")).ToHaveTextAsync("5");
            await Expect(Score(s, "t1").Locator(".fv-change")).ToHaveTextAsync("−5");

            // --- 风险: team 2's stake chosen before the question shows, then judged right ---
            await h.Locator("tr[data-no=\"3\"] [data-risk=\"20\"]").ClickAsync();
            await Expect(h.Locator("tr[data-no=\"3\"]")).ToContainTextAsync("20");
            await h.Locator("[data-present=\"3\"]").ClickAsync();
            await Expect(s.Locator(".fv-risk")).ToHaveTextAsync("风险分值 20");
            await Expect(s.Locator("#view-final .cv-option")).ToHaveTextAsync(["正确", "错误"]);
            await h.Locator("#hs-right").ClickAsync();
            await Expect(Score(s, "t2").Locator(".fv-points")).ToHaveTextAsync("30");
            await Expect(Score(s, "t2").Locator(".fv-change")).ToHaveTextAsync("+20");
            await Expect(s.Locator(".fv-score").First).ToHaveAttributeAsync("data-team-id", "t2");
            await screen.ScreenshotAsync("02-scoreboard", fullPage: false);
            await host.ScreenshotAsync("02-host");

            await h.Locator("#hs-finish").ClickAsync();
            await h.Locator("#host-dialog-ok").ClickAsync();
            await Expect(h.Locator("#host-stage")).ToHaveAttributeAsync("data-status", "Finished");
            await Expect(s.Locator("#view-final .cv-phase")).ToHaveTextAsync("现场赛结束");
        }));
    }

    private static ILocator Score(IPage screen, string teamId) => screen.Locator($".fv-score[data-team-id=\"{teamId}\"]");
}
