using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// Issue 12 §4: a finished contest on paper (print.html?c=ID: the standings, the stage's score changes with their
/// reasons, and the ledgers' final hashes) and at the prize-giving (the big screen reveals the top places from the
/// last one up as the organiser steps from the console's results view).
/// Four members answer two questions: 20, 10, 10 and 0 points.
/// </summary>
public sealed class ContestCeremonyTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private const string Title = "“学党史 悟思想”党史知识竞赛决赛";
    private const string AdjustmentReason = "主持人漏报一题，经评委复核加分";

    private readonly SelectionSetup _roster = new(fixture);
    private readonly ContestSetup _setup = new(fixture);

    public void Dispose() => _roster.Dispose();

    [Fact]
    public async Task The_printed_results_show_the_standings_the_stage_changes_and_the_final_hashes()
    {
        var (id, names) = await FinishedContestAsync("PR");
        await StageAsync(id, "PR");
        var hall = await GetAsync($"/api/public/contests/{id}/live");
        var stage = await GetAsync($"/api/public/contests/{id}/stage");

        await using var context = await fixture.OrganiserDesktopAsync(1280, 900);
        var watched = await Watched.OpenAsync(context, output, "contest-print");
        var page = watched.Page;
        await watched.RunAsync(async () =>
        {
            await page.GotoAsync($"{fixture.Url}/print.html?c={id}");
            await Expect(page.Locator("#print-now")).ToBeEnabledAsync();
            await Expect(page.Locator(".print-page[data-doc='hall'] h1")).ToHaveTextAsync($"{Title} · 现场答题 · 规则与题目");
            await Expect(page.Locator("#pc-rules")).ToContainTextAsync("参赛党员平均分");
            await Expect(page.Locator("table.pc-questions tbody tr")).ToHaveCountAsync(2);

            var members = page.Locator("table.pc-members tbody tr");
            await Expect(members).ToHaveCountAsync(4);
            await Expect(members.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("1");
            await Expect(members.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync(names[0]);
            await Expect(members.Nth(0).Locator("td").Nth(4)).ToHaveTextAsync("20");
            await Expect(members.Nth(3).Locator("td").Nth(1)).ToHaveTextAsync(names[3]);
            // Every branch on the roster is ranked (the class's other test imports its own): ours with 2 of 2 taking part.
            await Expect(page.Locator("table.pc-branches tbody tr").Filter(new() { HasText = "PR东城一小党支部" })).ToContainTextAsync("2 / 2");
            await Expect(page.Locator("table.pc-districts")).ToContainTextAsync("西城片区");

            await Expect(page.Locator("table.pc-stage-scores tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("table.pc-stage-changes")).ToContainTextAsync(AdjustmentReason);
            await Expect(page.Locator("[data-hash='hall']")).ToContainTextAsync(hall.GetProperty("finalHash").GetString()!);
            await Expect(page.Locator("[data-hash='stage']")).ToContainTextAsync(stage.GetProperty("finalHash").GetString()!);
            await watched.ScreenshotAsync("01-contest-print");

            await page.ClickAsync("#lang-toggle");
            await Expect(page.Locator(".print-page[data-doc='members'] h1")).ToHaveTextAsync($"{Title} · Individual standings");
            await Expect(page.Locator("[data-hash='hall']")).ToContainTextAsync("Hall round final hash");
        });
    }

    [Fact]
    public async Task The_organiser_reveals_the_top_places_on_the_big_screen_from_the_last_one_up()
    {
        var (id, names) = await FinishedContestAsync("CE");
        await _setup.ShowOnScreenAsync(id, Title);

        await using var screenContext = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(screenContext, output, "contest-ceremony-screen");
        await using var consoleContext = await fixture.OrganiserDesktopAsync(1366, 900);
        var console = await Watched.OpenAsync(consoleContext, output, "contest-ceremony-console");
        await screen.RunAsync(async () =>
        {
            await screen.Page.GotoAsync($"{fixture.Url}/screen.html?id=main");
            await Expect(screen.Page.Locator("#view-contest .cs-members .cs-row")).ToHaveCountAsync(4);

            await console.Page.GotoAsync($"{fixture.Url}/console.html#contest/{id}/results");
            var card = console.Page.Locator("#kc-ceremony");
            await Expect(card).ToBeVisibleAsync();
            await Expect(console.Page.Locator("#kc-audit [data-stream='hall'] [data-check='chain']")).ToHaveTextAsync("完整：每一条记录都与哈希链相符。");
            await Expect(console.Page.Locator("#kc-audit [data-stream='hall'] [data-check='final']")).ToHaveTextAsync("公布的最终哈希与链头一致。");
            await Expect(console.Page.Locator("#kc-print")).ToHaveAttributeAsync("href", $"print.html?c={id}");

            await console.Page.ClickAsync("#kc-ceremony-start");
            await Expect(card).ToHaveAttributeAsync("data-revealed", "0");
            var ceremony = screen.Page.Locator("#view-contest .cs-ceremony");
            await Expect(ceremony.Locator(".cs-waiting")).ToHaveCountAsync(4);
            await Expect(ceremony).Not.ToContainTextAsync(names[3]);

            await console.Page.ClickAsync("#kc-ceremony-next");
            await Expect(card).ToHaveAttributeAsync("data-revealed", "1");
            await console.Page.ClickAsync("#kc-ceremony-next");
            await Expect(card).ToHaveAttributeAsync("data-revealed", "2");
            await Expect(ceremony.Locator(".cs-row:not(.cs-waiting)")).ToHaveCountAsync(2);
            await Expect(ceremony.Locator(".cs-waiting")).ToHaveCountAsync(2);
            await Expect(ceremony.Locator(".cs-row:not(.cs-waiting)").Last).ToContainTextAsync(names[3]);
            await Expect(ceremony).Not.ToContainTextAsync(names[0]);
            // The first place, still hidden, is already drawn larger than the last.
            var first = await ceremony.Locator(".cs-row").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
            var last = await ceremony.Locator(".cs-row").Last.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
            Assert.True(first > last, $"first place {first}px, last {last}px");
            await screen.ScreenshotAsync("01-two-revealed");

            await console.Page.ClickAsync("#kc-ceremony-all");
            await Expect(card).ToHaveAttributeAsync("data-revealed", "all");
            await Expect(screen.Page.Locator("#view-contest .cs-ceremony")).ToHaveCountAsync(0);
            var rows = screen.Page.Locator("#view-contest .cs-members .cs-row");
            await Expect(rows).ToHaveCountAsync(4);
            foreach (var name in names)
            {
                await Expect(screen.Page.Locator("#view-contest .cs-members")).ToContainTextAsync(name);
            }

            await screen.ScreenshotAsync("02-all-revealed");
        });
    }

    /// <summary>A finished hall round: question 1 (key B) and 2 (key A, true/false), four members scoring 20, 10, 10, 0.</summary>
    private async Task<(string Id, string[] Names)> FinishedContestAsync(string prefix)
    {
        var branches = await _roster.ImportAsync(prefix, ("东城片区", $"{prefix}东城一小党支部", 2), ("西城片区", $"{prefix}西城二中党支部", 2));
        var cards = branches.SelectMany(b => b.Members).ToList();
        await _setup.AddQuestionAsync(new BankQuestion($"{prefix}001", "Single", "中国共产党第一次全国代表大会在哪一年召开？", ["1919年", "1921年", "1927年", "1949年"], "B", "1921年。"));
        await _setup.AddQuestionAsync(new BankQuestion($"{prefix}002", "TrueFalse", "中华人民共和国于1949年10月1日宣告成立。", [], "A", "1949年10月1日。"));
        var id = await _setup.CreateContestAsync(Title, 60, $"{prefix}001", $"{prefix}002");
        await PostAsync($"/api/contests/{id}/start", null);
        string[][] choices = [["B", "A"], ["B", "B"], ["C", "A"], ["C", "B"]];
        var phones = new List<ApiClient>();
        foreach (var card in cards)
        {
            phones.Add(await _roster.MemberAsync(card));
        }

        for (var q = 1; q <= 2; q++)
        {
            await StepAsync(id, q, "Shown");
            await StepAsync(id, q, "Open");
            for (var m = 0; m < phones.Count; m++)
            {
                using var answer = await phones[m].Http.PostAsJsonAsync($"/api/member/contests/{id}/answers",
                    new { answerId = Guid.NewGuid().ToString("N"), questionNo = q, choice = choices[m][q - 1] });
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            await StepAsync(id, q, "Locked");
            await StepAsync(id, q, "Revealed");
        }

        await PostAsync($"/api/contests/{id}/finish", null);
        return (id, cards.Select(c => c.Name).ToArray());
    }

    /// <summary>The stage final: one 必答 question for t1, judged right, then an adjustment with its reason; finished.</summary>
    private async Task StageAsync(string id, string prefix)
    {
        await _setup.AddQuestionAsync(new BankQuestion($"{prefix}S01", "Single", "遵义会议在哪一年召开？", ["1934年", "1935年", "1936年", "1937年"], "B", "1935年1月。"));
        await _setup.ConfigureStageAsync(id, ("Required", "t1", $"{prefix}S01"));
        await PostAsync($"/api/contests/{id}/stage/start", null);
        await PostAsync($"/api/contests/{id}/stage/present", new { questionNo = 1 });
        await PostAsync($"/api/contests/{id}/stage/judge", new { questionNo = 1, teamId = "t1", correct = true });
        await PostAsync($"/api/contests/{id}/stage/adjustments", new { teamId = "t2", points = 5, reason = AdjustmentReason });
        await PostAsync($"/api/contests/{id}/stage/finish", null);
    }

    private Task StepAsync(string id, int questionNo, string phase) => PostAsync($"/api/contests/{id}/step", new { questionNo, phase });

    private async Task PostAsync(string path, object? body)
    {
        using var response = await fixture.Organiser.Http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> GetAsync(string path) => await fixture.Organiser.Http.GetFromJsonAsync<JsonElement>(path);
}
