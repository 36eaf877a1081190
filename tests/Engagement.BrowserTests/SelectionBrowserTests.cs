using System.Text.RegularExpressions;
using Engagement.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The case-selection activity (优秀主题党日活动案例评选) as the people in the hall see it: a member voting on a
/// phone in WeChat, judges scoring on tablets, and the big screen (1920×1080) following both live, without
/// reloading, up to the published ranking. Each test arranges its own roster, event and round.
/// </summary>
public sealed class SelectionBrowserTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private const string Marker = "set-before-anything-changed";
    private static readonly Regex ReceiptShape = new("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");

    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task Member_votes_for_two_cases_on_a_phone_and_the_big_screen_counts_the_ballot_live()
    {
        var branches = await _setup.ImportAsync(
            "SV",
            ("城关片区", "城关第一小学党支部", 4),
            ("城关片区", "县第二中学党支部", 4),
            ("东城片区", "东城幼儿园党支部", 3),
            ("东城片区", "县教研室党支部", 3));
        var eventId = await _setup.CreateEventAsync("2026年度优秀主题党日活动案例评选");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}“重温入党誓词”主题党日"));
        }

        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票（初评）", cases, liveFinal: false);
        var live = await _setup.LiveAsync(roundId);
        Assert.Equal(0, live.GetProperty("ballots").GetInt32());
        var eligible = live.GetProperty("eligible").GetInt32();
        Assert.True(eligible >= 14, $"The round opened with {eligible} eligible members; this roster alone has 14");

        var voter = branches[0].Members[0];
        var own = cases[0];
        SelectionCase[] chosen = [cases[1], cases[3]];
        var passedOver = cases[2];

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "selection-vote-screen");
        await using var phoneContext = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(phoneContext, output, "selection-vote-phone");

        await RunAllAsync(async () =>
        {
            // --- the hall screen switches to the round's votes when the organiser says so ---
            var s = screen.Page;
            await OpenScreenAsync(s);
            await _setup.ShowOnScreenAsync("Voting", roundId, "优秀主题党日活动案例评选", "请用微信扫描屏幕上的二维码参与投票");
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Voting");
            await Expect(s.Locator("#view-voting")).ToBeVisibleAsync();
            await Expect(s.Locator("#vote-round-name")).ToHaveTextAsync("网络投票（初评）");
            await Expect(s.Locator("#vote-chart .bar")).ToHaveCountAsync(cases.Count);
            foreach (var c in cases)
            {
                await Expect(Bar(s, c)).ToHaveTextAsync("0");
            }

            await Expect(s.Locator("#turnout-total")).ToHaveTextAsync($"已投票 0 / {eligible}");
            await Expect(s.Locator("#join-qr")).ToBeVisibleAsync();
            await AssertImageLoadedAsync(s, "#join-qr");
            await AssertNotReloadedAsync(s);
            await screen.ScreenshotAsync("01-voting-open", fullPage: false);

            // --- the member opens their code link in WeChat and sees the open round ---
            var p = phone.Page;
            await p.GotoAsync(voter.Link);
            await Expect(p.Locator("#member-welcome")).ToHaveTextAsync($"您好，{voter.Name}");
            var round = RoundCard(p, roundId);
            await Expect(round).ToBeVisibleAsync();
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票进行中");
            await Expect(round.Locator(".vote-case .vote-case-title")).ToHaveTextAsync(cases.Select(c => c.Title));
            await Expect(round.Locator(".vote-rule")).ToHaveTextAsync("请选择 1–2 项");

            // Their own branch's case cannot be chosen; the others can.
            await Expect(CaseButton(round, own)).ToBeDisabledAsync();
            await Expect(CaseButton(round, own)).ToContainTextAsync("本支部案例不可投");
            foreach (var c in cases.Where(c => c != own))
            {
                await Expect(CaseButton(round, c)).ToBeEnabledAsync();
            }

            var submit = round.Locator(".vote-submit");
            await Expect(submit).ToBeDisabledAsync();
            await AssertFitsThePhoneAsync(p);
            await phone.ScreenshotAsync("01-round-open");

            foreach (var c in chosen)
            {
                await CaseButton(round, c).TapAsync();
                await Expect(CaseButton(round, c)).ToHaveAttributeAsync("aria-pressed", "true");
            }

            await Expect(CaseButton(round, passedOver)).ToHaveAttributeAsync("aria-pressed", "false");
            await Expect(round.Locator(".vote-count")).ToHaveTextAsync("已选 2 / 2 项");
            await Expect(submit).ToBeEnabledAsync();
            await phone.ScreenshotAsync("02-two-chosen");

            // Nothing has been sent yet: the screen still shows no ballots.
            await Expect(s.Locator("#turnout-total")).ToHaveTextAsync($"已投票 0 / {eligible}");

            await submit.TapAsync();
            var receipt = round.Locator(".vote-receipt");
            await Expect(receipt).ToBeVisibleAsync();
            await Expect(receipt).ToHaveTextAsync(ReceiptShape);
            await Expect(round.Locator(".vote-status")).ToHaveTextAsync("投票成功，感谢您的参与！");
            await Expect(round.Locator(".vote-choices li b")).ToHaveTextAsync(chosen.Select(c => c.Title));
            await Expect(round.Locator(".vote-case")).ToHaveCountAsync(0);
            await phone.ScreenshotAsync("03-receipt");

            // --- the screen counts the ballot live: one more for each chosen case, none for the others ---
            foreach (var c in chosen)
            {
                await Expect(Bar(s, c)).ToHaveTextAsync("1");
            }

            await Expect(Bar(s, passedOver)).ToHaveTextAsync("0");
            await Expect(Bar(s, own)).ToHaveTextAsync("0");
            await Expect(s.Locator("#turnout-total")).ToHaveTextAsync($"已投票 1 / {eligible}");
            await Expect(s.Locator("#join-qr")).ToBeVisibleAsync();
            await AssertNotReloadedAsync(s);
            await s.WaitForTimeoutAsync(1000); // let the count's highlight fade for the picture
            await screen.ScreenshotAsync("02-after-ballot", fullPage: false);

            // --- the phone follows the round's pulse: the count, then the close, without reloading ---
            await Expect(round.Locator(".vote-turnout")).ToHaveTextAsync($"已投票 1 / {eligible} 人");
            await _setup.CloseAsync(roundId);
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票已结束");
            await Expect(s.Locator("#turnout-total")).ToHaveTextAsync($"已投票 1 / {eligible}");
            await phone.ScreenshotAsync("04-closed");
        }, screen, phone);
    }

    [Fact]
    public async Task Judges_score_on_tablets_one_recused_and_the_big_screen_reveals_the_trimmed_mean_without_reloading()
    {
        var branches = await _setup.ImportAsync(
            "SJ",
            ("西城片区", "西城小学党支部", 3),
            ("西城片区", "县实验中学党支部", 3),
            ("南城片区", "南城中心校党支部", 3));
        var eventId = await _setup.CreateEventAsync("2026年度优秀主题党日活动案例评选（现场决赛）");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}“红色足迹”主题党日"));
        }

        var roundId = await _setup.OpenRoundAsync(eventId, "现场决赛", cases, liveFinal: true);
        var onStage = cases[0];

        // Six judges: one affiliated with the branch on stage (回避), one on a tablet, four scoring elsewhere.
        var recusedJudge = await _setup.JudgeLinkAsync(eventId, "陈建国", onStage.Branch.BranchId);
        var tabletJudge = await _setup.JudgeLinkAsync(eventId, "林晓梅");
        (string Name, decimal[] Marks)[] elsewhere =
        [
            ("王志强", new decimal[] { 29, 24, 19, 23 }), // 95: the highest, dropped
            ("赵丽华", new decimal[] { 18, 15, 12, 15 }), // 60: the lowest, dropped
            ("孙海涛", new decimal[] { 23, 19, 16, 19 }), // 77
            ("何文静", new decimal[] { 21, 18, 14, 18 }), // 71
        ];
        var otherJudges = new List<(string Name, ApiClient Client, decimal[] Marks)>();
        foreach (var (name, marks) in elsewhere)
        {
            otherJudges.Add((name, await _setup.JudgeAsync(await _setup.JudgeLinkAsync(eventId, name)), marks));
        }

        // The tablet judge gives 25 + 20.5 + 16 + 21 = 82.5; with 95 and 60 dropped the case scores
        // (82.5 + 77 + 71) / 3 = 76.8333…, shown as 76.83.
        string[] criteria = ["theme", "form", "participation", "results"];
        string[] tabletMarks = ["25", "20.5", "16", "21"];
        string[] runningTotals = ["25", "45.5", "61.5", "82.5"];

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "selection-judge-screen");
        await using var tabletA = await TabletAsync();
        var scoring = await Watched.OpenAsync(tabletA, output, "selection-judge-tablet");
        await using var tabletB = await TabletAsync();
        var recused = await Watched.OpenAsync(tabletB, output, "selection-judge-recused");

        await RunAllAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);
            await _setup.ShowOnScreenAsync("Judging", roundId, "现场决赛", "评委请就座");
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Judging");
            await Expect(s.Locator("#view-judging")).ToBeVisibleAsync();
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Idle");
            await screen.ScreenshotAsync("01-idle", fullPage: false);

            // --- both judges open their links; nothing is on stage yet ---
            var a = scoring.Page;
            var b = recused.Page;
            await a.GotoAsync(tabletJudge.Link);
            await b.GotoAsync(recusedJudge.Link);
            await Expect(a.Locator("#grant-profile")).ToBeVisibleAsync();
            await Expect(a.Locator("#grant-welcome")).ToContainTextAsync(tabletJudge.Name);
            await Expect(a.Locator("#grant-waiting")).ToBeVisibleAsync();
            await Expect(b.Locator("#grant-profile")).ToBeVisibleAsync();
            await Expect(b.Locator("#grant-welcome")).ToContainTextAsync(recusedJudge.Name);
            Assert.DoesNotContain("#t=", a.Url);
            await Expect(a.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await Expect(b.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            await MarkAsync(a);
            await MarkAsync(b);
            await scoring.ScreenshotAsync("01-waiting");

            // --- the organiser puts the first case on stage ---
            await _setup.StageAsync(roundId, onStage.CaseId);
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Presenting");
            await Expect(s.Locator("#stage-case-title")).ToHaveTextAsync(onStage.Title);
            await Expect(s.Locator("#stage-case-branch")).ToHaveTextAsync(onStage.Branch.Name);
            await Expect(s.Locator("#stage-recused")).ToContainTextAsync(recusedJudge.Name);
            await Expect(s.Locator("#stage-recused")).ToContainTextAsync("回避");
            await Expect(s.Locator("#stage-marks")).ToBeHiddenAsync();
            await Expect(s.Locator("#stage-result")).ToBeHiddenAsync();
            await screen.ScreenshotAsync("02-presenting", fullPage: false);

            // The affiliated judge sees the 回避 card and no score sheet.
            await Expect(b.Locator("#judge-case-title")).ToHaveTextAsync(onStage.Title);
            await Expect(b.Locator("#judge-recused")).ToBeVisibleAsync();
            await Expect(b.Locator("#judge-recused")).ToContainTextAsync("回避");
            await Expect(b.Locator("#judge-recused-text")).ToContainTextAsync(onStage.Branch.Name);
            await Expect(b.Locator("#judge-form")).ToBeHiddenAsync();
            await Expect(b.Locator("#judge-submit")).ToBeHiddenAsync();
            await Expect(b.Locator(".judge-mark")).ToHaveCountAsync(0);
            await recused.ScreenshotAsync("01-recused");

            // The other fills the rubric and watches the total add up.
            await Expect(a.Locator("#judge-case-title")).ToHaveTextAsync(onStage.Title);
            await Expect(a.Locator("#judge-status")).ToHaveAttributeAsync("data-phase", "Presenting");
            await Expect(a.Locator("#judge-recused")).ToBeHiddenAsync();
            await Expect(a.Locator("#judge-form")).ToBeVisibleAsync();
            await Expect(a.Locator(".judge-mark")).ToHaveCountAsync(criteria.Length);
            await Expect(a.Locator("#judge-total")).ToHaveTextAsync("0");
            await Expect(a.Locator("#judge-total-max")).ToHaveTextAsync("/ 100");
            await Expect(a.Locator("#judge-submit")).ToBeDisabledAsync();
            for (var i = 0; i < criteria.Length; i++)
            {
                var input = a.Locator($".judge-mark[data-criterion-id=\"{criteria[i]}\"]");
                await input.TapAsync();
                await input.FillAsync(tabletMarks[i]);
                await Expect(a.Locator("#judge-total")).ToHaveTextAsync(runningTotals[i]);
                if (i < criteria.Length - 1)
                {
                    await Expect(a.Locator("#judge-submit")).ToBeDisabledAsync();
                }
            }

            await Expect(a.Locator("#judge-submit")).ToBeEnabledAsync();
            await scoring.ScreenshotAsync("02-filled");
            await a.Locator("#judge-submit").TapAsync();
            await Expect(a.Locator("#judge-form-note")).ToHaveTextAsync("您已提交评分；得分揭晓前可以修改");
            await Expect(a.Locator("#judge-submit")).ToHaveTextAsync("修改评分");
            await scoring.ScreenshotAsync("03-submitted");

            // --- scoring: the screen counts submissions but shows no marks ---
            await _setup.PhaseAsync(roundId, "Scoring");
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Scoring");
            await Expect(s.Locator("#stage-submitted")).ToHaveTextAsync("评委已提交 1/5");
            await Expect(s.Locator("#stage-marks")).ToBeHiddenAsync();
            await Expect(s.Locator("#stage-result")).ToBeHiddenAsync();
            await Expect(s.Locator("#view-judging")).Not.ToContainTextAsync("82.5");
            await screen.ScreenshotAsync("03-scoring-1-of-5", fullPage: false);

            foreach (var (_, client, marks) in otherJudges)
            {
                await _setup.ScoreAsync(client, roundId, onStage.CaseId, criteria.Zip(marks).ToDictionary(m => m.First, m => m.Second));
            }

            await Expect(s.Locator("#stage-submitted")).ToHaveTextAsync("评委已提交 5/5");
            await Expect(s.Locator("#stage-dots .stage-dot.done")).ToHaveCountAsync(5);
            await Expect(s.Locator("#stage-marks")).ToBeHiddenAsync();
            await Expect(s.Locator(".stage-mark:visible")).ToHaveCountAsync(0);
            await Expect(s.Locator("#stage-result")).ToBeHiddenAsync();
            foreach (var total in new[] { "95", "60", "77", "71", "82.5" })
            {
                await Expect(s.Locator("#view-judging")).Not.ToContainTextAsync(total);
            }

            await AssertNotReloadedAsync(s);
            await screen.ScreenshotAsync("04-scoring-5-of-5", fullPage: false);

            // --- the organiser reveals: every mark, the highest and lowest struck out, the trimmed mean ---
            await _setup.PhaseAsync(roundId, "Revealed");
            await Expect(s.Locator("#stage-phase")).ToHaveAttributeAsync("data-phase", "Revealed");
            await Expect(s.Locator("#stage-marks")).ToBeVisibleAsync();
            await Expect(s.Locator(".stage-mark")).ToHaveCountAsync(5);
            await Expect(s.Locator(".stage-mark .stage-mark-total")).ToHaveTextAsync(["95", "82.5", "77", "71", "60"]);
            await Expect(s.Locator(".stage-mark.dropped")).ToHaveCountAsync(2);
            await Expect(s.Locator(".stage-mark.dropped .stage-mark-total")).ToHaveTextAsync(["95", "60"]);
            await Expect(s.Locator(".stage-mark.dropped .stage-mark-name")).ToHaveTextAsync(["王志强", "赵丽华"]);
            await Expect(s.Locator("#stage-trim-note")).ToBeVisibleAsync();
            await Expect(s.Locator("#stage-result")).ToBeVisibleAsync();
            await Expect(s.Locator("#stage-result")).ToHaveTextAsync("得分 76.83");
            await Expect(s.Locator("#stage-result b")).ToHaveTextAsync(new Regex(@"^\d+\.\d{2}$"));
            await Expect(s.Locator("#stage-recused")).ToContainTextAsync(recusedJudge.Name);
            await AssertNotReloadedAsync(s);
            await s.WaitForTimeoutAsync(2500); // the marks land one judge at a time; photograph them all
            await screen.ScreenshotAsync("05-revealed", fullPage: false);

            // The tablet judge's sheet is now locked and read-only.
            await Expect(a.Locator("#judge-status")).ToHaveAttributeAsync("data-phase", "Revealed");
            await Expect(a.Locator("#judge-form")).ToBeHiddenAsync();
            await Expect(a.Locator(".judge-mark:visible")).ToHaveCountAsync(0);
            await Expect(a.Locator("#judge-readonly")).ToBeVisibleAsync();
            await Expect(a.Locator("#judge-readonly-title")).ToHaveTextAsync("您的评分");
            await Expect(a.Locator("#judge-marks-table tbody tr td.num b")).ToHaveTextAsync(tabletMarks);
            await Expect(a.Locator("#judge-marks-table tfoot th.num")).ToHaveTextAsync("82.5");
            await Expect(a.Locator("#judge-readonly-note")).ToContainTextAsync("本案例评分已锁定");
            await AssertNotReloadedAsync(a);
            await scoring.ScreenshotAsync("04-locked");

            await Expect(b.Locator("#judge-status")).ToHaveAttributeAsync("data-phase", "Revealed");
            await Expect(b.Locator("#judge-recused")).ToBeVisibleAsync();
            await Expect(b.Locator("#judge-form")).ToBeHiddenAsync();
            await AssertNotReloadedAsync(b);
            await recused.ScreenshotAsync("02-after-reveal");
        }, screen, scoring, recused);
    }

    [Fact]
    public async Task After_close_and_publish_the_big_screen_shows_the_ranking_with_formula_and_hash_and_the_member_sees_the_ballot_counted()
    {
        var branches = await _setup.ImportAsync(
            "SR",
            ("北城片区", "北城小学党支部", 3),
            ("北城片区", "县职业中学党支部", 3),
            ("北城片区", "县教育局机关党支部", 3),
            ("北城片区", "退休教师党支部", 3));
        var eventId = await _setup.CreateEventAsync("2026年度优秀主题党日活动案例评选（总决赛）");
        var a = await _setup.AcceptedCaseAsync(eventId, branches[0], "北城小学“童心向党”主题党日");
        var b = await _setup.AcceptedCaseAsync(eventId, branches[1], "职业中学“匠心筑梦”主题党日");
        var c = await _setup.AcceptedCaseAsync(eventId, branches[2], "教育局机关“学思践悟”主题党日");
        var roundId = await _setup.OpenRoundAsync(eventId, "总决赛", [a, b, c], liveFinal: true);

        // Judges: A 60, B 90, C 80 (three judges each, so nothing is trimmed). Votes: A 3, B 1, C 2.
        // Final = 0.7 × judges + 0.3 × 100 × votes ÷ 3: A 42 + 30 = 72, B 63 + 10 = 73, C 56 + 20 = 76,
        // so the ranking is C, B, A — neither the judges' order nor the votes' order.
        (SelectionCase Case, decimal[] Marks)[] judging =
        [
            (a, new decimal[] { 18, 15, 12, 15 }),      // 60
            (b, new decimal[] { 27, 22.5m, 18, 22.5m }), // 90
            (c, new decimal[] { 24, 20, 16, 20 }),      // 80
        ];
        string[] criteria = ["theme", "form", "participation", "results"];
        var voter = branches[3].Members[0];

        await using var hall = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(hall, output, "selection-ranking-screen");
        await using var phoneContext = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(phoneContext, output, "selection-ranking-phone");

        await RunAllAsync(async () =>
        {
            var s = screen.Page;
            await OpenScreenAsync(s);
            await _setup.ShowOnScreenAsync("Ranking", roundId, "总决赛最终排名");
            await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Ranking");
            await Expect(s.Locator("#view-ranking")).ToBeVisibleAsync();
            await Expect(s.Locator("#ranking-pending")).ToHaveTextAsync("结果尚未公布，请稍候");
            await Expect(s.Locator("#ranking-table tr[data-case-id]")).ToHaveCountAsync(0);
            await screen.ScreenshotAsync("01-pending", fullPage: false);

            // --- the member votes for A and C on their phone ---
            var p = phone.Page;
            await p.GotoAsync(voter.Link);
            var round = RoundCard(p, roundId);
            await Expect(round.Locator(".vote-case")).ToHaveCountAsync(3);
            await CaseButton(round, a).TapAsync();
            await CaseButton(round, c).TapAsync();
            await round.Locator(".vote-submit").TapAsync();
            await Expect(round.Locator(".vote-receipt")).ToHaveTextAsync(ReceiptShape);
            var receipt = (await round.Locator(".vote-receipt").InnerTextAsync()).Trim();
            await MarkAsync(p);
            await phone.ScreenshotAsync("01-voted");

            // --- everyone else, through the API: two more ballots and the judging of every case ---
            await _setup.VoteAsync(await _setup.MemberAsync(branches[1].Members[0]), roundId, a, c);
            await _setup.VoteAsync(await _setup.MemberAsync(branches[2].Members[0]), roundId, a, b);
            var judges = new List<ApiClient>();
            foreach (var name in new[] { "刘振华", "黄秀英", "许国平" })
            {
                judges.Add(await _setup.JudgeAsync(await _setup.JudgeLinkAsync(eventId, name)));
            }

            foreach (var (onStage, given) in judging)
            {
                await _setup.StageAsync(roundId, onStage.CaseId);
                foreach (var judge in judges)
                {
                    await _setup.ScoreAsync(judge, roundId, onStage.CaseId, criteria.Zip(given).ToDictionary(m => m.First, m => m.Second));
                }

                await _setup.PhaseAsync(roundId, "Revealed");
            }

            // --- close and publish: the screen fills in the ranking by itself ---
            await _setup.CloseAsync(roundId);
            var results = await _setup.PublishAsync(roundId);
            var finalHash = results.GetProperty("finalHash").GetString()!;
            var formula = results.GetProperty("formula").GetString()!;
            Assert.Matches("^[0-9a-f]{64}$", finalHash);

            var rows = s.Locator("#ranking-table tr[data-case-id]");
            await Expect(rows).ToHaveCountAsync(3);
            await Expect(s.Locator("#ranking-pending")).ToBeHiddenAsync();
            Assert.Equal(
                new[] { c.CaseId, b.CaseId, a.CaseId },
                await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-case-id'))"));
            await Expect(rows.Locator(".rank-no")).ToHaveTextAsync(["1", "2", "3"]);
            await Expect(rows.Locator(".rc-title")).ToHaveTextAsync([c.Title, b.Title, a.Title]);
            await Expect(rows.Locator("td.final")).ToHaveTextAsync(["76.00", "73.00", "72.00"]);
            await Expect(rows.Locator("td.num:not(.final)")).ToHaveTextAsync(["80.00", "2", "90.00", "1", "60.00", "3"]);
            await Expect(s.Locator("#ranking-formula")).ToHaveTextAsync(formula);
            await Expect(s.Locator("#ranking-formula")).ToContainTextAsync("0.7 × 评委得分 + 0.3 × 投票得分");
            await Expect(s.Locator("#ranking-hash")).ToContainTextAsync(finalHash[..16]);
            await AssertNotReloadedAsync(s);
            await screen.ScreenshotAsync("02-ranking", fullPage: false);

            // --- the member's page turns to "published" and their receipt checks out as counted ---
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("结果已公布");
            var check = round.Locator(".vote-check");
            await Expect(check).ToBeVisibleAsync();
            await Expect(check.Locator(".vote-check-input")).ToHaveValueAsync(receipt);
            await check.Locator(".vote-check-submit").TapAsync();
            await Expect(check.Locator(".vote-check-answer")).ToHaveTextAsync("您的选票已计入");
            await Expect(check.Locator(".vote-check-answer")).ToHaveAttributeAsync("data-kind", "ok");
            await AssertNotReloadedAsync(p);
            await phone.ScreenshotAsync("02-counted");

            // A receipt that is not theirs (one character changed) is not found: the answer depends on the receipt.
            await check.Locator(".vote-check-input").FillAsync(Tamper(receipt));
            await check.Locator(".vote-check-submit").TapAsync();
            await Expect(check.Locator(".vote-check-answer")).ToHaveTextAsync("未找到该凭证");
            await phone.ScreenshotAsync("03-other-receipt-not-found");
        }, screen, phone);
    }

    // ---------- helpers ----------

    /// <summary>Runs the body inside every page's <see cref="Watched.RunAsync"/>: a failure photographs all of them, and none may throw.</summary>
    [Fact]
    public async Task The_console_shows_a_secret_round_only_turnout_and_names_unscored_cases_before_publishing_them_as_not_scored()
    {
        var branches = await _setup.ImportAsync("SU", ("城关片区", "城关第三小学党支部", 3), ("东城片区", "东城中学党支部", 3));
        var eventId = await _setup.CreateEventAsync("2026年度优秀主题党日活动案例评选（控制台）");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}“红色足迹”主题党日"));
        }

        var secretId = await _setup.OpenRoundAsync(eventId, "无记名网络投票", cases, liveFinal: false, secret: true);
        await _setup.VoteAsync(await _setup.MemberAsync(branches[0].Members[0]), secretId, cases[1]);
        var finalId = await _setup.OpenRoundAsync(eventId, "现场决赛", cases, liveFinal: true);
        await _setup.CloseAsync(finalId); // no case was ever put on stage

        await using var context = await fixture.OrganiserDesktopAsync();
        var console = await Watched.OpenAsync(context, output, "selection-console-publish");
        string? asked = null;
        console.Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };

        await console.RunAsync(async () =>
        {
            var page = console.Page;
            await page.GotoAsync($"/console.html#selection/{eventId}/rounds");

            // The secret round, still open: how many voted, never how many votes each case has.
            var secret = page.Locator($".round-card[data-round-id=\"{secretId}\"]");
            await Expect(secret.Locator(".round-tally-secret")).ToHaveTextAsync("无记名投票：结束投票前只显示投票人数，不显示各案例票数。");
            await Expect(secret.Locator(".round-tally")).ToHaveCountAsync(0);
            await Expect(secret.Locator(".round-turnout")).ToContainTextAsync("1");
            await console.ScreenshotAsync("01-secret-turnout");

            // Publishing the live final names both cases never scored, then publishes them as 未评分.
            var final = page.Locator($".round-card[data-round-id=\"{finalId}\"]");
            await Expect(final.Locator(".round-formula")).ToContainTextAsync("评委得分 = 100 × 评委平均分 ÷ 评分标准满分 100");
            await final.Locator(".round-publish").ClickAsync();
            await Expect(page.Locator($".round-card[data-round-id=\"{finalId}\"]")).ToHaveAttributeAsync("data-status", "Published");
            Assert.NotNull(asked);
            Assert.All(cases, c => Assert.Contains(c.Title, asked));
            Assert.Contains("未评分", asked);
            await console.ScreenshotAsync("02-published-unscored");
        });

        var ranking = (await _setup.LiveAsync(finalId)).GetProperty("results").GetProperty("ranking").EnumerateArray().ToList();
        Assert.All(ranking, r => Assert.True(r.GetProperty("unscored").GetBoolean()));
    }

    private static Task RunAllAsync(Func<Task> body, params Watched[] pages) =>
        pages.Reverse().Aggregate(body, (inner, page) => () => page.RunAsync(inner))();

    /// <summary>A tablet on the judges' table: 1024×768, touch.</summary>
    private Task<IBrowserContext> TabletAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Url,
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    private static ILocator RoundCard(IPage page, string roundId) => page.Locator($".vote-round[data-round-id=\"{roundId}\"]");

    private static ILocator CaseButton(ILocator round, SelectionCase c) => round.Locator($".vote-case[data-case-id=\"{c.CaseId}\"]");

    private static ILocator Bar(IPage screen, SelectionCase c) => screen.Locator($"#vote-chart .bar[data-case-id=\"{c.CaseId}\"] .bar-count");

    /// <summary>Opens the main screen, waits until it is live, and marks the window (a reload would wipe the mark).</summary>
    private static async Task OpenScreenAsync(IPage page)
    {
        await page.GotoAsync("/screen.html?id=main");
        await Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        await MarkAsync(page);
    }

    private static Task MarkAsync(IPage page) => page.EvaluateAsync("m => { window.__engagementMarker = m; }", Marker);

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.Equal(Marker, await page.EvaluateAsync<string?>("() => window.__engagementMarker || null"));

    private static async Task AssertImageLoadedAsync(IPage page, string selector)
    {
        await page.WaitForFunctionAsync("s => { const i = document.querySelector(s); return i && i.complete; }", selector, new() { Timeout = 15_000 });
        var width = await page.EvaluateAsync<int>("s => document.querySelector(s).naturalWidth", selector);
        Assert.True(width > 0, $"{selector} did not load as an image (naturalWidth {width})");
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The member page is {widths[0]}px wide on a {widths[1]}px phone");
    }

    /// <summary>The same receipt with its last character changed.</summary>
    private static string Tamper(string receipt) => receipt[..^1] + (receipt[^1] == '0' ? '1' : '0');
}
