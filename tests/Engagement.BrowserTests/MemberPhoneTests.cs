using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// A member's phone after the vote (issue 10 §2): a closed round stays listed with the receipt and the
/// choices, a non-voter learns it closed, published results show on the phone; toasts never cover the
/// next action (the member's submit bar, the judge's 修改评分).
/// </summary>
public sealed class MemberPhoneTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private static readonly Regex ReceiptShape = new("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");

    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task A_closed_round_keeps_receipt_and_choices_after_a_reload_a_non_voter_sees_it_closed_and_published_results_show_on_the_phone()
    {
        var (eventId, branches, cases) = await SixCasesAsync("PC");
        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（手机）", cases, liveFinal: false);
        var voter = branches[0].Members[0];
        var nonVoter = branches[0].Members[1];
        SelectionCase[] chosen = [cases[1], cases[2]];

        await using var voterContext = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(voterContext, output, "member-phone-voter");
        await using var otherContext = await fixture.PhoneAsync();
        var other = await Watched.OpenAsync(otherContext, output, "member-phone-nonvoter");

        await phone.RunAsync(async () =>
        {
            var page = phone.Page;
            await page.GotoAsync(voter.Link);
            var round = page.Locator($".vote-round[data-round-id=\"{roundId}\"]");
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票进行中");
            foreach (var c in chosen)
            {
                await round.Locator($".vote-case[data-case-id=\"{c.CaseId}\"]").TapAsync();
            }

            await round.Locator(".vote-submit").TapAsync();
            var receiptNode = round.Locator(".vote-receipt");
            await Expect(receiptNode).ToHaveTextAsync(ReceiptShape);
            var receipt = (await receiptNode.InnerTextAsync()).Trim();

            // --- the organiser closes the round: the phone is told live, and a reload keeps everything ---
            await _setup.CloseAsync(roundId);
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票已结束");
            await page.ReloadAsync();
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票已结束", new() { Timeout = 15_000 });
            await Expect(round.Locator(".vote-receipt")).ToHaveTextAsync(receipt);
            await Expect(round.Locator(".vote-choices li b")).ToHaveTextAsync(chosen.Select(c => c.Title).ToArray());
            await Expect(round.Locator(".vote-submit")).ToHaveCountAsync(0);
            await Expect(page.Locator("#vote-area")).ToBeHiddenAsync();
            await phone.ScreenshotAsync("01-closed-after-reload");

            // --- a member who did not vote learns that it closed ---
            await other.RunAsync(async () =>
            {
                var o = other.Page;
                await o.GotoAsync(nonVoter.Link);
                var theirs = o.Locator($".vote-round[data-round-id=\"{roundId}\"]");
                await Expect(theirs.Locator(".vote-state")).ToHaveTextAsync("投票已结束", new() { Timeout = 15_000 });
                await Expect(theirs.Locator(".vote-ended")).ToHaveTextAsync("投票已结束，您没有在本轮投票。");
                await Expect(theirs.Locator(".vote-receipt")).ToHaveCountAsync(0);
                await Expect(theirs.Locator(".vote-submit")).ToHaveCountAsync(0);
                await other.ScreenshotAsync("01-closed-not-voted");
            });

            // --- publication: the ranking appears on the phone without a reload, the member's picks marked ---
            var results = await _setup.PublishAsync(roundId);
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("结果已公布", new() { Timeout = 15_000 });
            var rows = round.Locator(".vote-results .vote-result");
            var ranking = results.GetProperty("ranking").EnumerateArray().ToList();
            await Expect(rows).ToHaveCountAsync(ranking.Count);
            var first = ranking.OrderBy(r => r.GetProperty("rank").GetInt32()).First();
            var firstCase = cases.Single(c => c.CaseId == first.GetProperty("caseId").GetString());
            await Expect(rows.First.Locator(".vote-result-title")).ToHaveTextAsync(firstCase.Title);
            await Expect(rows.First.Locator(".vote-result-rank")).ToContainTextAsync("第 1 名");
            await Expect(round.Locator(".vote-result.mine")).ToHaveCountAsync(chosen.Length);
            foreach (var c in chosen)
            {
                await Expect(round.Locator($".vote-result[data-case-id=\"{c.CaseId}\"]")).ToHaveClassAsync(new Regex(@"\bmine\b"));
                await Expect(round.Locator($".vote-result[data-case-id=\"{c.CaseId}\"]")).ToContainTextAsync("1 票");
            }

            // The receipt check is filled in with the member's receipt and confirms it was counted.
            await Expect(round.Locator(".vote-check-input")).ToHaveValueAsync(receipt);
            await round.Locator(".vote-check-submit").TapAsync();
            await Expect(round.Locator(".vote-check-answer")).ToHaveTextAsync("您的选票已计入");
            await phone.ScreenshotAsync("02-published");

            // And after another reload it is all still there.
            await page.ReloadAsync();
            await Expect(round.Locator(".vote-results .vote-result")).ToHaveCountAsync(ranking.Count, new() { Timeout = 15_000 });
            await Expect(round.Locator(".vote-receipt")).ToHaveTextAsync(receipt);
        });
    }

    [Fact]
    public async Task A_closed_secret_round_stays_listed_for_its_voter_without_the_server_linking_them_to_a_receipt_or_choices()
    {
        var (eventId, branches, cases) = await SixCasesAsync("PX");
        var roundId = await _setup.OpenRoundAsync(eventId, "无记名投票（截止后）", cases, liveFinal: false, secret: true);
        var voter = await _setup.MemberAsync(branches[0].Members[0]);
        var receipt = (await _setup.VoteAsync(voter, roundId, cases[1])).GetProperty("receipt").GetString();
        Assert.NotNull(receipt);
        await _setup.CloseAsync(roundId);

        var listed = (await voter.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/member/rounds"))
            .EnumerateArray().Single(r => r.GetProperty("round").GetProperty("roundId").GetString() == roundId);
        Assert.Equal("Closed", listed.GetProperty("round").GetProperty("status").GetString());
        var mine = listed.GetProperty("mine");
        Assert.True(mine.GetProperty("hasVoted").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mine.GetProperty("receipt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mine.GetProperty("choices").ValueKind);
        Assert.DoesNotContain(receipt!, listed.GetRawText());
    }

    [Fact]
    public async Task A_toast_never_covers_the_members_sticky_submit_bar_on_a_phone()
    {
        var (eventId, branches, cases) = await SixCasesAsync("PT");
        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（提示）", cases, liveFinal: false);

        await using var context = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(context, output, "member-phone-toast");
        await phone.RunAsync(async () =>
        {
            var page = phone.Page;
            await page.GotoAsync(branches[0].Members[0].Link);
            var round = page.Locator($".vote-round[data-round-id=\"{roundId}\"]");
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票进行中");

            // Scrolled to the round, the submit bar sticks to the bottom of the screen. Two picks (the maximum),
            // then a third: "最多只能选择 2 项" while the bar is there.
            await round.EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8)");
            foreach (var c in cases.Skip(1).Take(3))
            {
                await round.Locator($".vote-case[data-case-id=\"{c.CaseId}\"]").TapAsync();
            }

            var toast = page.Locator("#toast");
            await Expect(toast).ToHaveTextAsync("最多只能选择 2 项，请先取消一项");
            await Expect(toast).ToHaveClassAsync(new Regex(@"\bshow\b"));
            await page.WaitForTimeoutAsync(300); // the slide-in transition
            var bar = await round.Locator(".vote-bar").BoundingBoxAsync();
            var submit = await round.Locator(".vote-submit").BoundingBoxAsync();
            var shown = await toast.BoundingBoxAsync();
            Assert.NotNull(bar);
            Assert.NotNull(submit);
            Assert.NotNull(shown);

            // The bar is stuck to the bottom of the viewport, where a bottom toast used to sit.
            var viewport = await page.EvaluateAsync<double>("() => window.innerHeight");
            var ballot = await round.Locator(".vote-ballot").BoundingBoxAsync();
            Assert.NotNull(ballot);
            Assert.True(bar.Y + bar.Height >= viewport - 2 && ballot.Y + ballot.Height > viewport,
                $"the submit bar should be stuck to the bottom of the {viewport} px viewport: it ends at {bar.Y + bar.Height}, the ballot at {ballot.Y + ballot.Height}");
            AssertApart(shown, bar, "toast", "submit bar");
            AssertApart(shown, submit, "toast", "submit button");
            await phone.ScreenshotAsync("01-toast-and-bar", fullPage: false);
        });
    }

    [Fact]
    public async Task A_toast_never_covers_the_judges_update_scores_button_on_a_phone()
    {
        var branches = await _setup.ImportAsync("PJ", ("西城片区", "西城二小党支部", 1), ("南城片区", "南城二中党支部", 1));
        var eventId = await _setup.CreateEventAsync("优秀主题党日活动案例评选（评委提示）");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}主题党日"));
        }

        var roundId = await _setup.OpenRoundAsync(eventId, "现场决赛（提示）", cases, liveFinal: true);
        var judge = await _setup.JudgeLinkAsync(eventId, "林晓梅");
        await _setup.StageAsync(roundId, cases[0].CaseId);

        await using var context = await fixture.PhoneAsync();
        var watched = await Watched.OpenAsync(context, output, "judge-phone-toast");
        await watched.RunAsync(async () =>
        {
            var page = watched.Page;
            await page.GotoAsync(judge.Link);
            await Expect(page.Locator("#judge-form")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            string[] marks = ["25", "20", "16", "21"];
            var inputs = page.Locator(".judge-mark");
            await Expect(inputs).ToHaveCountAsync(marks.Length);
            for (var i = 0; i < marks.Length; i++)
            {
                await inputs.Nth(i).FillAsync(marks[i]);
            }

            // The judge has scrolled just far enough to see the button at the bottom edge of the screen.
            var button = page.Locator("#judge-submit");
            const string ToBottomEdge = "e => window.scrollTo(0, e.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + 12)";
            await button.EvaluateAsync(ToBottomEdge);
            await button.TapAsync();
            await Expect(button).ToHaveTextAsync("修改评分");
            await CheckAsync("01-submitted");

            // Amending: the same button again, and the toast again clear of it.
            await inputs.Nth(0).FillAsync("24");
            await button.EvaluateAsync(ToBottomEdge);
            await button.TapAsync();
            await Expect(page.Locator("#toast")).ToHaveTextAsync("评分已修改", new() { Timeout = 10_000 });
            await CheckAsync("02-amended");

            async Task CheckAsync(string step)
            {
                var toast = page.Locator("#toast");
                await Expect(toast).ToHaveClassAsync(new Regex(@"\bshow\b"));
                await page.WaitForTimeoutAsync(300);
                var shown = await toast.BoundingBoxAsync();
                var target = await button.BoundingBoxAsync();
                Assert.NotNull(shown);
                Assert.NotNull(target);
                var viewport = await page.EvaluateAsync<double>("() => window.innerHeight");
                Assert.True(target.Y + target.Height > viewport - 40 && target.Y + target.Height <= viewport, $"修改评分 should be at the bottom of the {viewport} px screen, ends at {target.Y + target.Height}");
                AssertApart(shown, target, "toast", "修改评分");
                await watched.ScreenshotAsync(step, fullPage: false);
            }
        });
    }

    [Fact]
    public async Task The_case_form_shows_collapsed_only_while_the_event_takes_cases_and_a_member_whose_branch_has_none_sees_no_case_card_after()
    {
        var branches = await _setup.ImportAsync(
            "PS", ("城关片区", "城关三小党支部", 1), ("东城片区", "东城二中党支部", 1), ("西城片区", "西城三小党支部", 1), ("南城片区", "南城幼儿园党支部", 1));
        var eventId = await _setup.CreateEventAsync("优秀主题党日活动案例评选（征集）");
        var submitter = branches[0].Members[0];
        var bystander = branches[3].Members[0];

        await using var context = await fixture.PhoneAsync();
        var watched = await Watched.OpenAsync(context, output, "member-phone-cases");
        await watched.RunAsync(async () =>
        {
            var page = watched.Page;
            await page.GotoAsync(submitter.Link);
            var card = page.Locator("#case-submit-card");
            var toggle = page.Locator("#member-case-toggle");
            var form = page.Locator("#member-case-form");

            // Collected: the card is there, the long form folded behind one button.
            await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(toggle).ToHaveTextAsync("我要提交案例");
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(form).ToBeHiddenAsync();
            var folded = await card.BoundingBoxAsync();
            Assert.NotNull(folded);
            Assert.True(folded.Height < 400, $"the folded case card is {folded.Height:F0} px tall");
            await watched.ScreenshotAsync("01-folded");

            await toggle.TapAsync();
            await Expect(form).ToBeVisibleAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await page.Locator("#member-case-title").FillAsync("城关三小“党员先锋岗”主题党日");
            await page.Locator("#member-case-submit").TapAsync();
            await Expect(page.Locator("#member-case-list .mcase-item-title")).ToHaveTextAsync("城关三小“党员先锋岗”主题党日");
            await watched.ScreenshotAsync("02-opened-and-submitted");

            // The organiser accepts cases and opens the vote: no more submissions from phones.
            var cases = new List<SelectionCase>();
            foreach (var branch in branches.Skip(1).Take(2))
            {
                cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}主题党日"));
            }

            await _setup.OpenRoundAsync(eventId, "网络投票（征集后）", cases, liveFinal: false);
            await page.ReloadAsync();
            await Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.Locator("#member-case-list .mcase-item-title")).ToHaveTextAsync("城关三小“党员先锋岗”主题党日");
            await Expect(card.Locator(".mcase-intro")).ToHaveTextAsync("评选已开始，不再接收新案例。以下是本支部已提交的案例。");
            await Expect(toggle).ToBeHiddenAsync();
            await Expect(form).ToBeHiddenAsync();
            await watched.ScreenshotAsync("03-closed-own-case-listed");

            // The server refuses what the page no longer offers.
            var phone = await _setup.MemberAsync(submitter);
            using var refused = await phone.Http.PostAsJsonAsync($"/api/member/events/{eventId}/cases", new
            {
                title = "迟到的案例",
                summary = "重温入党誓词",
                themeDayDate = "2026-07-01",
                attachmentIds = Array.Empty<string>(),
            });
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {problem}");
            Assert.Contains("不再接收", problem);

            // A member whose branch has no case and cannot submit one sees no case card at all.
            await page.Locator("#member-logout").TapAsync();
            await page.GotoAsync(bystander.Link);
            await Expect(page.Locator("#member-profile")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.Locator(".vote-round").First).ToBeVisibleAsync();
            await Expect(card).ToBeHiddenAsync();
            await Expect(form).ToBeHiddenAsync();
            await watched.ScreenshotAsync("04-bystander-no-card");
        });
    }

    [Fact]
    public async Task A_closing_time_set_in_the_console_counts_down_on_server_time_on_a_skewed_phone_and_the_big_screen_and_closes_the_round_on_time()
    {
        var (eventId, branches, cases) = await SixCasesAsync("PD");
        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（倒计时）", cases, liveFinal: false);
        // The input takes whole minutes; an hour and a minute ahead leaves between 1:00:00 and 1:01:00.
        var left = new Regex(@"^距投票截止还有 (1:00:[0-5]\d|1:01:00)$");

        await using var phoneContext = await fixture.PhoneAsync();
        // This phone's clock is ten minutes slow: a countdown on the phone's own clock would show 1:10:xx.
        await phoneContext.AddInitScriptAsync("(() => { const real = Date.now; Date.now = () => real() - 600000; })()");
        var phone = await Watched.OpenAsync(phoneContext, output, "member-phone-countdown");
        await using var laptop = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(laptop, output, "console-closing-time");
        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "screen-countdown");

        await phone.RunAsync(() => console.RunAsync(() => screen.RunAsync(async () =>
        {
            var p = phone.Page;
            await p.GotoAsync(branches[0].Members[0].Link);
            var round = p.Locator($".vote-round[data-round-id=\"{roundId}\"]");
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票进行中");
            await Expect(round.Locator(".countdown")).ToHaveCountAsync(0);
            await p.WaitForFunctionAsync("() => window.Live && Live.state() === 'connected'", null, new() { Timeout = 30_000 });

            var s = screen.Page;
            await s.GotoAsync("/screen.html?id=main");
            await Expect(s.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await _setup.ShowOnScreenAsync("Voting", roundId, "网络投票");
            await Expect(s.Locator("#view-voting")).ToBeVisibleAsync();

            // --- the organiser gives the round a closing time an hour ahead, in the console ---
            var c = console.Page;
            await c.GotoAsync($"/console.html#selection/{eventId}/rounds");
            var card = c.Locator($".round-card[data-round-id=\"{roundId}\"]");
            await Expect(card.Locator(".round-closes-text")).ToHaveTextAsync("未设截止时间（手动结束）");
            var inAnHour = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(1).AddMinutes(1);
            await card.Locator(".round-closes-input").FillAsync(inAnHour.ToString("yyyy-MM-dd'T'HH:mm"));
            await card.Locator(".round-closes-set").ClickAsync();
            await Expect(c.Locator($".round-card[data-round-id=\"{roundId}\"] .round-closes-text"))
                .ToHaveTextAsync($"截止时间 {inAnHour:yyyy-MM-dd HH:mm}，到时自动结束投票");
            await console.ScreenshotAsync("01-closing-time-set");

            // Phone and screen count down from the server's clock, pushed without a reload.
            await Expect(round.Locator(".countdown")).ToHaveTextAsync(left, new() { Timeout = 15_000 });
            var big = s.Locator("#view-voting .countdown");
            await Expect(big).ToHaveTextAsync(left, new() { Timeout = 15_000 });
            var size = await big.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
            Assert.True(size >= 28, $"the screen's countdown is {size} px");
            await phone.ScreenshotAsync("01-countdown", fullPage: false);
            await screen.ScreenshotAsync("01-countdown", fullPage: false);

            // --- removed in the console: the countdowns go ---
            await c.Locator($".round-card[data-round-id=\"{roundId}\"] .round-closes-clear").ClickAsync();
            await Expect(round.Locator(".countdown")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Expect(big).ToHaveCountAsync(0, new() { Timeout = 15_000 });

            // --- a closing time a few seconds ahead: the server closes the round then, and everyone sees it ---
            var due = DateTimeOffset.UtcNow.AddSeconds(8);
            using (var set = await fixture.Organiser.Http.PutAsJsonAsync($"/api/selection/rounds/{roundId}/closing-time", new { closesAt = due }))
            {
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            await Expect(round.Locator(".countdown")).ToHaveTextAsync(new Regex(@"^距投票截止还有 0:0[0-8]$"), new() { Timeout = 5_000 });
            await Expect(big).ToHaveTextAsync(new Regex(@"^距投票截止还有 0:0[0-8]$"), new() { Timeout = 5_000 });
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票已结束", new() { Timeout = 20_000 });
            Assert.True(DateTimeOffset.UtcNow >= due, "the round closed before its closing time");
            await Expect(round.Locator(".vote-submit")).ToHaveCountAsync(0);
            await Expect(s.Locator("#vote-state")).ToHaveAttributeAsync("data-status", "Closed", new() { Timeout = 15_000 });
            await Expect(big).ToHaveCountAsync(0);
            await phone.ScreenshotAsync("02-closed-on-time", fullPage: false);
            await screen.ScreenshotAsync("02-closed-on-time", fullPage: false);
        })));
    }

    [Fact]
    public async Task A_closing_time_in_the_past_or_months_ahead_is_refused_with_a_clear_message()
    {
        var (eventId, _, cases) = await SixCasesAsync("PV");
        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（校验）", cases, liveFinal: false);
        foreach (var (closesAt, message) in new[]
        {
            (DateTimeOffset.UtcNow.AddMinutes(-5), "截止时间须晚于当前时间至少 5 秒。"),
            (DateTimeOffset.UtcNow.AddDays(90), "截止时间不能晚于 30 天之后。"),
        })
        {
            using var refused = await fixture.Organiser.Http.PutAsJsonAsync($"/api/selection/rounds/{roundId}/closing-time", new { closesAt });
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode}: {body}");
            Assert.Contains(message, body);
        }

        using var bad = await fixture.Organiser.Http.PutAsync($"/api/selection/rounds/{roundId}/closing-time",
            new StringContent("""{"closesAt":"tomorrow evening"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Null((await _setup.LiveAsync(roundId)).GetProperty("closesAt").GetString());
    }

    private static void AssertApart(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b, string aName, string bName)
    {
        var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
        Assert.False(overlap, $"{aName} ({a.X:F0},{a.Y:F0} {a.Width:F0}×{a.Height:F0}) covers {bName} ({b.X:F0},{b.Y:F0} {b.Width:F0}×{b.Height:F0})");
    }

    /// <summary>Six branches of two members, each with an accepted case: enough cases that the ballot is taller than a phone.</summary>
    private async Task<(string EventId, IReadOnlyList<SelectionBranch> Branches, List<SelectionCase> Cases)> SixCasesAsync(string prefix)
    {
        var branches = await _setup.ImportAsync(
            prefix,
            ("城关片区", $"城关一小党支部{prefix}", 2), ("城关片区", $"城关二小党支部{prefix}", 2), ("东城片区", $"东城中学党支部{prefix}", 2),
            ("东城片区", $"东城幼儿园党支部{prefix}", 2), ("西城片区", $"西城中学党支部{prefix}", 2), ("西城片区", $"县教研室党支部{prefix}", 2));
        var eventId = await _setup.CreateEventAsync($"优秀主题党日活动案例评选（{prefix}）");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}“红色足迹”主题党日"));
        }

        return (eventId, branches, cases);
    }
}
