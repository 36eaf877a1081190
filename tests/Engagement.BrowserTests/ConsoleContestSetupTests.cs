using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// A knowledge contest set up at the organiser's laptop (知识竞赛 → a contest): the hall round's settings, a seeded
/// draw from the bank, and the stage final's teams, questions and desk links. Its own app: the bank test next door
/// starts from an empty bank.
/// </summary>
public sealed class ConsoleContestSetupTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_contest_is_set_up_from_the_console_settings_a_seeded_draw_and_a_stage_final_with_branch_teams_and_their_desk_links()
    {
        var overview = await fixture.ImportAsync(Rosters.Build("KC", ("东部片区", "东湖小学党支部", 3), ("东部片区", "东山中学党支部", 3)));
        Assert.Equal(2, overview.GetProperty("branches").GetArrayLength());
        using (var bank = new MultipartFormDataContent())
        {
            bank.Add(new ByteArrayContent(ConsoleContestTests.Xlsx(ConsoleContestTests.Good)), "file", "bank.xlsx");
            using var imported = await fixture.Organiser.Http.PostAsync("/api/contest-bank/import", bank);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        await using var context = await fixture.OrganiserDesktopAsync(1366, 900);
        var watched = await Watched.OpenAsync(context, output, "console-contest-setup");
        var page = watched.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await watched.RunAsync(async () =>
        {
            await page.GotoAsync("/console.html#contest");
            await page.Locator("#contest-title").FillAsync("2026年党史知识竞赛");
            await page.Locator("#contest-create").ClickAsync();
            await Expect(page.Locator("#kc-detail-view")).ToBeVisibleAsync();
            await Expect(page.Locator("#kc-name")).ToHaveTextAsync("2026年党史知识竞赛");
            await Expect(page.Locator("#kc-summary [data-status]")).ToHaveAttributeAsync("data-status", "Draft");

            // --- settings ---
            await page.Locator("#kc-set-seconds").FillAsync("15");
            await page.Locator("#kc-set-penalty").FillAsync("5");
            await page.Locator("#kc-set-speed").CheckAsync();
            await page.Locator("#kc-set-partial").SelectOptionAsync("Proportional");
            await page.Locator("#kc-set-ranking").SelectOptionAsync("AverageTimesParticipation");
            await Expect(page.Locator("#kc-set-ranking-help")).ToContainTextAsync("平均分 × 参与率");
            await page.RunAndWaitForResponseAsync(() => page.Locator("#kc-settings-save").ClickAsync(), r => r.Url.EndsWith("/settings", StringComparison.Ordinal) && r.Status == 200);
            await Expect(page.Locator("#error")).ToBeHiddenAsync();
            var contestId = await page.Locator("#kc-host").GetAttributeAsync("href");
            Assert.StartsWith("host.html?contest=", contestId);
            contestId = contestId!["host.html?contest=".Length..];
            var saved = await fixture.Organiser.Http.GetFromJsonAsync<JsonElement>($"/api/contests/{contestId}");
            var scoring = saved.GetProperty("settings").GetProperty("scoring");
            Assert.Equal(15, scoring.GetProperty("answerSeconds").GetInt32());
            Assert.Equal(5, scoring.GetProperty("wrongPenalty").GetInt32());
            Assert.True(scoring.GetProperty("speedBonus").GetBoolean());
            Assert.Equal("Proportional", scoring.GetProperty("partial").GetString());
            Assert.Equal("AverageTimesParticipation", saved.GetProperty("settings").GetProperty("ranking").GetString());

            // --- questions: a seeded draw of three 党史 questions, the seed shown ---
            await page.Locator(".kc-tab[data-tab=\"questions\"]").ClickAsync();
            await Expect(page.Locator("#kc-panel-questions")).ToBeVisibleAsync();
            var rule = page.Locator("#kc-draw-rules .kc-draw-rule").First;
            await rule.Locator(".kc-draw-category").SelectOptionAsync("党史");
            await rule.Locator(".kc-draw-count").FillAsync("3");
            await page.Locator("#kc-draw-seed").FillAsync("20260701");
            await page.Locator("#kc-draw-submit").ClickAsync();
            await Expect(page.Locator("#kc-question-table tbody tr[data-question-id]")).ToHaveCountAsync(3);
            await Expect(page.Locator("#kc-draw-record")).ToHaveAttributeAsync("data-seed", "20260701");
            await Expect(page.Locator("#kc-draw-record")).ToContainTextAsync("抽题号 20260701");
            await watched.ScreenshotAsync("01-drawn");

            // --- stage final: a team per branch, two questions, saved; then a desk link per team ---
            await page.Locator(".kc-tab[data-tab=\"stage\"]").ClickAsync();
            await Expect(page.Locator("#kc-panel-stage")).ToBeVisibleAsync();
            await page.Locator("#kc-team-branches").ClickAsync();
            foreach (var box in await page.Locator("#kc-branch-list input[type=checkbox]").AllAsync())
            {
                await box.CheckAsync();
            }

            await page.Locator("#kc-branch-add").ClickAsync();
            await Expect(page.Locator("#kc-team-table tbody tr[data-team-id]")).ToHaveCountAsync(2);
            await page.Locator("#kc-stage-add").ClickAsync();
            await page.Locator("#kc-stage-add").ClickAsync();
            var stageRows = page.Locator("#kc-stage-table tbody tr[data-no]");
            await Expect(stageRows).ToHaveCountAsync(2);
            await stageRows.Nth(0).Locator(".kc-stage-question").SelectOptionAsync("DS001");
            await stageRows.Nth(1).Locator(".kc-stage-part").SelectOptionAsync("Buzzer");
            await stageRows.Nth(1).Locator(".kc-stage-question").SelectOptionAsync("DS002");
            await page.RunAndWaitForResponseAsync(() => page.Locator("#kc-stage-save").ClickAsync(), r => r.Url.EndsWith("/stage", StringComparison.Ordinal) && r.Request.Method == "PUT" && r.Status == 200);
            await Expect(page.Locator("#kc-stage-dirty")).ToBeHiddenAsync();
            await Expect(page.Locator("#error")).ToBeHiddenAsync();
            var stage = await fixture.Organiser.Http.GetFromJsonAsync<JsonElement>($"/api/contests/{contestId}/stage");
            var teams = stage.GetProperty("setup").GetProperty("teams");
            Assert.Equal(2, teams.GetArrayLength());
            var questions = stage.GetProperty("setup").GetProperty("questions");
            Assert.Equal("Required", questions[0].GetProperty("part").GetString());
            Assert.Equal(teams[0].GetProperty("teamId").GetString(), questions[0].GetProperty("teamId").GetString());
            Assert.Equal("Buzzer", questions[1].GetProperty("part").GetString());

            await page.Locator("#kc-desk-links").ClickAsync();
            var desks = page.Locator("#kc-desk-list .kc-desk .grant-link");
            await Expect(desks).ToHaveCountAsync(2);
            foreach (var link in await desks.AllInnerTextsAsync())
            {
                Assert.Contains("/desk.html#t=", link);
            }

            await Expect(page.Locator("#kc-desk-list .kc-desk img.grant-qr")).ToHaveCountAsync(2);
            await watched.ScreenshotAsync("02-stage");
        });
    }
}
