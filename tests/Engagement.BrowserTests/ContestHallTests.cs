using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The knowledge contest's hall round as the hall sees it (issue 12 §2): the host steps through the questions on a
/// laptop (host.html) while three members answer on their phones (quiz.html, three browser contexts) and the big
/// screen follows; after the reveal the screen shows the key with a bar per option and then the standings, and each
/// phone shows right or wrong, its points, the key and the explanation, and its rank. One phone's answer is lost on
/// the way and re-sent with the same answer id; another phone reads the result in English.
/// </summary>
public sealed class ContestHallTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private const string Title = "“学党史 悟思想”党史知识竞赛";
    private const string Explanation1 = "1921年7月，中国共产党第一次全国代表大会在上海召开，后转移到嘉兴南湖。";
    private const string Explanation2 = "1949年10月1日，中华人民共和国中央人民政府成立典礼在北京天安门广场举行。";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private readonly SelectionSetup _roster = new(fixture);
    private readonly ContestSetup _setup = new(fixture);

    public void Dispose() => _roster.Dispose();

    [Fact]
    public async Task Host_steps_through_questions_while_three_phones_answer_and_the_screen_reveals_the_distribution_and_standings()
    {
        var branches = await _roster.ImportAsync("QZ", ("东城片区", "东城一小党支部", 2), ("西城片区", "西城二中党支部", 1));
        var (first, second, third) = (branches[0].Members[0], branches[0].Members[1], branches[1].Members[0]);
        await _setup.AddQuestionAsync(new BankQuestion("DS001", "Single", "中国共产党第一次全国代表大会在哪一年召开？", ["1919年", "1921年", "1927年", "1949年"], "B", Explanation1));
        await _setup.AddQuestionAsync(new BankQuestion("DS002", "TrueFalse", "中华人民共和国于1949年10月1日宣告成立。", [], "A", Explanation2));
        var contestId = await _setup.CreateContestAsync(Title, 60, "DS001", "DS002");

        await using var hostContext = await fixture.OrganiserDesktopAsync(1366, 900);
        var host = await Watched.OpenAsync(hostContext, output, "contest-host");
        await using var screenContext = await fixture.DesktopAsync(1920, 1080);
        var screen = await Watched.OpenAsync(screenContext, output, "contest-screen");
        var phones = new List<Watched>();
        var contexts = new List<IBrowserContext>();
        foreach (var name in new[] { "contest-phone-1", "contest-phone-2", "contest-phone-3" })
        {
            var context = await fixture.PhoneAsync();
            contexts.Add(context);
            phones.Add(await Watched.OpenAsync(context, output, name));
        }

        // Phone 1's answer to question 2 is lost on the way once (connection reset before the server): the phone
        // must send it again, with the same answer id, once the test has seen it say so.
        var sent = new ConcurrentQueue<JsonElement>();
        var sawRetry = new TaskCompletionSource();
        await phones[0].Page.RouteAsync("**/api/member/contests/*/answers", async route =>
        {
            var body = JsonDocument.Parse(route.Request.PostData!).RootElement.Clone();
            sent.Enqueue(body);
            if (body.GetProperty("questionNo").GetInt32() == 2 && sent.Count(b => b.GetProperty("questionNo").GetInt32() == 2) == 1)
            {
                await route.AbortAsync("connectionreset");
                return;
            }

            if (body.GetProperty("questionNo").GetInt32() == 2)
            {
                await sawRetry.Task.WaitAsync(StepTimeout);
            }

            await route.ContinueAsync();
        });

        // Phone 3's answer to question 2 is held on the way until the host has locked it: it arrives late.
        var locked = new TaskCompletionSource();
        await phones[2].Page.RouteAsync("**/api/member/contests/*/answers", async route =>
        {
            if (JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("questionNo").GetInt32() == 2)
            {
                await locked.Task.WaitAsync(StepTimeout);
            }

            await route.ContinueAsync();
        });

        try
        {
            await host.RunAsync(() => screen.RunAsync(() => phones[0].RunAsync(() => phones[1].RunAsync(() => phones[2].RunAsync(async () =>
            {
                var h = host.Page;
                var s = screen.Page;
                var (p1, p2, p3) = (phones[0].Page, phones[1].Page, phones[2].Page);

                // --- the screen switches to the contest; the host opens the contest and starts the hall round ---
                await s.GotoAsync("/screen.html?id=main");
                await Expect(s.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
                await _setup.ShowOnScreenAsync(contestId, "党史学习教育知识竞赛");
                await Expect(s.Locator("#screen-mode")).ToHaveAttributeAsync("data-mode", "Contest");
                await Expect(s.Locator("#view-contest")).ToBeVisibleAsync();
                await Expect(s.Locator("#view-contest")).ToHaveAttributeAsync("data-view", "waiting");
                await Expect(s.Locator(".cv-join-url")).ToContainTextAsync($"/quiz.html?id={contestId}");

                await h.GotoAsync($"/host.html?id={contestId}");
                await Expect(h.Locator("#host-title")).ToHaveTextAsync(Title);
                await Expect(h.Locator("#host-status")).ToHaveTextAsync("未开始");
                await Expect(h.Locator("#host-question .hq-key")).ToHaveTextAsync("答案：B"); // the host sees the key from the start
                await Step(h, "开始全员答题");
                await Expect(h.Locator("#host-status")).ToHaveTextAsync("进行中");
                await Expect(h.Locator("#host-step")).ToHaveTextAsync("显示题目（第 1 题）");
                await Expect(h.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });

                // --- three phones: one sent to sign in and back, one through the member page's link, one to quiz.html ---
                await p1.GotoAsync($"/quiz.html?id={contestId}");
                await Expect(p1).ToHaveURLAsync(new Regex(@"/member\.html\?next="));
                await p1.Locator("#member-code").FillAsync(first.Code);
                await p1.Locator("#member-submit").TapAsync();
                await Expect(p1).ToHaveURLAsync(new Regex($@"/quiz\.html\?id={Regex.Escape(contestId)}$"), new() { Timeout = 15_000 });

                await p2.GotoAsync(second.Link);
                var link = p2.Locator("#contest-links a.contest-link");
                await Expect(link).ToContainTextAsync(Title, new() { Timeout = 15_000 });
                await link.TapAsync();
                await Expect(p2).ToHaveURLAsync(new Regex($@"/quiz\.html\?id={Regex.Escape(contestId)}$"));

                await p3.GotoAsync(third.Link);
                await Expect(p3.Locator("#member-profile")).ToBeVisibleAsync();
                await p3.GotoAsync("/quiz.html"); // the only running contest opens by itself
                await Expect(p3).ToHaveURLAsync(new Regex($@"/quiz\.html\?id={Regex.Escape(contestId)}$"));

                foreach (var p in new[] { p1, p2, p3 })
                {
                    await Expect(p.Locator("#quiz-title")).ToHaveTextAsync(Title);
                    await Expect(p.Locator("#quiz-body .quiz-wait")).ToHaveTextAsync("请看大屏幕，题目即将出示");
                    await Expect(p.Locator("#live-status")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
                }

                await Expect(p1.Locator("#quiz-who")).ToContainTextAsync(first.Name);
                await phones[0].ScreenshotAsync("01-waiting", fullPage: false);

                // --- question 1 shown: its text everywhere, nothing to press yet, no key on a phone or the screen ---
                await Step(h, "显示题目（第 1 题）");
                foreach (var p in new[] { p1, p2, p3 })
                {
                    await Expect(p.Locator("#quiz-body")).ToHaveAttributeAsync("data-phase", "Shown");
                    await Expect(p.Locator(".quiz-stem")).ToHaveTextAsync("中国共产党第一次全国代表大会在哪一年召开？");
                    await Expect(p.Locator(".quiz-option")).ToHaveCountAsync(4);
                    await Expect(p.Locator(".quiz-option[data-letter=\"B\"]")).ToBeDisabledAsync();
                }

                await Expect(s.Locator("#view-contest")).ToHaveAttributeAsync("data-view", "question");
                await Expect(s.Locator(".cq-stem")).ToHaveTextAsync("中国共产党第一次全国代表大会在哪一年召开？");
                await Expect(s.Locator(".cv-progress")).ToHaveTextAsync("第 1 题 / 共 2 题");

                // --- answering opens: a countdown on the server's clock; two answer right, one wrong ---
                await Step(h, "开始作答");
                await Expect(p1.Locator(".quiz-countdown")).ToHaveTextAsync(new Regex(@"^剩余 \d+ 秒$"));
                await Expect(s.Locator(".cq-countdown")).ToHaveTextAsync(new Regex(@"^\d+$"));
                await Expect(h.Locator("#host-countdown")).ToHaveTextAsync(new Regex(@"^剩余 \d+ 秒$"));
                foreach (var p in new[] { p1, p2, p3 })
                {
                    await Expect(p.Locator("body")).Not.ToContainTextAsync(Explanation1);
                }

                await Expect(s.Locator("body")).Not.ToContainTextAsync(Explanation1);
                await phones[0].ScreenshotAsync("02-question-open", fullPage: false);
                await screen.ScreenshotAsync("02-question-open", fullPage: false);

                await p1.Locator(".quiz-option[data-letter=\"B\"]").TapAsync();
                await p2.Locator(".quiz-option[data-letter=\"C\"]").TapAsync();
                await p3.Locator(".quiz-option[data-letter=\"B\"]").TapAsync();
                foreach (var p in new[] { p1, p2, p3 })
                {
                    await Expect(p.Locator(".quiz-submitted .vote-done-title")).ToHaveTextAsync(new Regex("已提交$"));
                    await Expect(p.Locator(".quiz-receipt")).ToHaveTextAsync(new Regex(@"^回执号 \S+$"));
                    await Expect(p.Locator(".quiz-option:not([disabled])")).ToHaveCountAsync(0); // one answer per question
                }

                await Expect(p2.Locator(".quiz-your-choice")).ToHaveTextAsync("您的答案：C");
                await Expect(h.Locator("#host-answered")).ToContainTextAsync("已作答 3 人");
                await Expect(s.Locator(".cv-answered")).ToHaveTextAsync("已作答 3 人");
                await phones[1].ScreenshotAsync("03-submitted", fullPage: false);

                // A reload keeps the receipt (the server's own record of the answer).
                var receipt = (await p1.Locator(".quiz-receipt").InnerTextAsync()).Trim();
                await p1.ReloadAsync();
                await Expect(p1.Locator(".quiz-receipt")).ToHaveTextAsync(receipt, new() { Timeout = 15_000 });

                // --- locked, then revealed ---
                await Step(h, "锁定");
                foreach (var p in new[] { p1, p2, p3 })
                {
                    await Expect(p.Locator(".quiz-locked")).ToHaveTextAsync("已截止");
                }

                await Step(h, "揭晓答案");
                await Expect(s.Locator("#view-contest")).ToHaveAttributeAsync("data-view", "reveal");
                await Expect(s.Locator(".cv-option.correct")).ToHaveCountAsync(1);
                await Expect(s.Locator(".cv-option[data-letter=\"B\"]")).ToHaveClassAsync(new Regex(@"\bcorrect\b"));
                await Expect(s.Locator(".cv-option[data-letter=\"B\"] .cv-bar-count")).ToHaveTextAsync("2 人");
                await Expect(s.Locator(".cv-option[data-letter=\"C\"] .cv-bar-count")).ToHaveTextAsync("1 人");
                await Expect(s.Locator(".cv-option[data-letter=\"A\"] .cv-bar-count")).ToHaveTextAsync("0 人");
                await Expect(s.Locator(".cv-answer")).ToHaveTextAsync("正确答案：B");
                await Expect(s.Locator(".cv-explanation")).ToContainTextAsync(Explanation1);
                await Expect(s.Locator(".cv-correct")).ToHaveTextAsync("答对 2 人 / 作答 3 人");
                await screen.ScreenshotAsync("03-reveal", fullPage: false);

                await Expect(h.Locator(".hd-bar[data-letter=\"B\"] .hd-count")).ToHaveTextAsync("2 人");
                await Expect(h.Locator(".hd-bar[data-letter=\"C\"] .hd-count")).ToHaveTextAsync("1 人");
                await host.ScreenshotAsync("03-revealed");

                await Expect(p1.Locator(".quiz-verdict")).ToHaveAttributeAsync("data-result", "right");
                await Expect(p1.Locator(".quiz-verdict")).ToContainTextAsync("回答正确");
                await Expect(p1.Locator(".quiz-verdict")).ToContainTextAsync("本题得分 10");
                await Expect(p2.Locator(".quiz-verdict")).ToHaveAttributeAsync("data-result", "wrong");
                await Expect(p2.Locator(".quiz-verdict")).ToContainTextAsync("本题得分 0");
                await Expect(p3.Locator(".quiz-verdict")).ToHaveAttributeAsync("data-result", "right");
                foreach (var p in new[] { p1, p2, p3 })
                {
                    await Expect(p.Locator(".quiz-answer")).ToHaveTextAsync("正确答案：B");
                    await Expect(p.Locator(".quiz-explanation p")).ToHaveTextAsync(Explanation1);
                    await Expect(p.Locator(".quiz-option.correct")).ToHaveAttributeAsync("data-letter", "B");
                }

                await Expect(p2.Locator(".quiz-my-rank")).ToHaveTextAsync("我的排名：第 3 名（共 3 人） · 总分 0");
                await Expect(p1.Locator(".quiz-my-rank")).ToContainTextAsync("（共 3 人） · 总分 10");
                // By average: 西城二中 (10) before 东城一小 (10 and 0: 5).
                await Expect(p3.Locator(".quiz-branch-place")).ToHaveTextAsync($"本支部（{branches[1].Name}）：第 1 名 / 2 个支部");
                await Expect(p2.Locator(".quiz-branch-place")).ToHaveTextAsync($"本支部（{branches[0].Name}）：第 2 名 / 2 个支部");
                await phones[0].ScreenshotAsync("04-right");
                await phones[1].ScreenshotAsync("04-wrong");

                // The screen moves on to the standings by itself, the ranking rule stated.
                await Expect(s.Locator("#view-contest")).ToHaveAttributeAsync("data-view", "standings", new() { Timeout = 20_000 });
                await Expect(s.Locator(".cs-title")).ToHaveTextAsync("成绩排名（截至第 1 题）");
                await Expect(s.Locator(".cs-members .cs-row")).ToHaveCountAsync(3);
                await Expect(s.Locator(".cs-members .cs-row").Last).ToContainTextAsync(second.Name);
                await Expect(s.Locator(".cs-branches .cs-row")).ToHaveCountAsync(2);
                await Expect(s.Locator(".cs-branches .cs-row").First).ToContainTextAsync(branches[1].Name);
                await Expect(s.Locator(".cs-branches .cs-row").First.Locator(".cs-value")).ToHaveTextAsync("10.00");
                await Expect(s.Locator(".cs-branches .cs-row").Nth(1).Locator(".cs-value")).ToHaveTextAsync("5.00");
                await Expect(s.Locator(".cs-districts .cs-row")).ToHaveCountAsync(2);
                await Expect(s.Locator(".cs-rule")).ToContainTextAsync("支部、片区按参赛党员平均分排名");
                await screen.ScreenshotAsync("04-standings", fullPage: false);
                var overflow = await s.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > window.innerHeight");
                Assert.False(overflow, "The standings run off the 1080 px screen");

                // --- question 2 (true/false): phone 1's answer is lost once and sent again; phone 3 answers too late ---
                await Step(h, "下一题（第 2 题）");
                await Step(h, "开始作答");
                await Expect(p1.Locator(".quiz-option")).ToHaveTextAsync(["正确", "错误"]);
                await p1.Locator(".quiz-option[data-letter=\"A\"]").TapAsync();
                await Expect(p1.Locator(".quiz-note")).ToContainTextAsync("网络不稳定，正在重新提交（第 1 次）");
                await Expect(p1.Locator(".quiz-option[data-letter=\"B\"]")).ToBeDisabledAsync(); // no second answer meanwhile
                sawRetry.SetResult();
                await Expect(p1.Locator(".quiz-receipt")).ToHaveTextAsync(new Regex(@"^回执号 \S+$"));
                await Expect(p1.Locator(".quiz-your-choice")).ToHaveTextAsync("您的答案：正确");
                await p2.Locator(".quiz-option[data-letter=\"B\"]").TapAsync();
                await Expect(p2.Locator(".quiz-receipt")).ToHaveTextAsync(new Regex(@"^回执号 \S+$"));
                await Expect(h.Locator("#host-answered")).ToContainTextAsync("已作答 2 人");

                // Phone 3 answers too, but its answer is still on the way when the host locks: refused, said plainly.
                await p3.Locator(".quiz-option[data-letter=\"A\"]").TapAsync();
                await Expect(p3.Locator(".quiz-note")).ToHaveTextAsync("正在提交…");
                await Step(h, "锁定");
                await Expect(p3.Locator("#quiz-body")).ToHaveAttributeAsync("data-phase", "Locked");
                locked.SetResult();
                await Expect(p3.Locator(".quiz-note")).ToHaveTextAsync("第 2 题作答时间已过，答案未被接受。");
                await Expect(p3.Locator(".quiz-note")).ToHaveAttributeAsync("data-kind", "error");
                await Expect(p3.Locator(".quiz-locked")).ToHaveTextAsync("已截止，您未作答本题");
                await phones[2].ScreenshotAsync("06-late");
                await Step(h, "揭晓答案");
                await Expect(p1.Locator(".quiz-verdict")).ToHaveAttributeAsync("data-result", "right");
                await Expect(p3.Locator(".quiz-verdict")).ToHaveAttributeAsync("data-result", "none");
                await Expect(p2.Locator(".quiz-answer")).ToHaveTextAsync("正确答案：正确");
                await Expect(s.Locator(".cv-option[data-letter=\"A\"]")).ToHaveClassAsync(new Regex(@"\bcorrect\b"));
                await Expect(h.Locator("#host-step")).ToBeHiddenAsync(); // the last question: no next step
                await Expect(h.Locator("#host-step-note")).ToHaveTextAsync("已是最后一题，可结束全员答题");

                // --- the English switch on a phone ---
                await p2.Locator("#lang-toggle").TapAsync();
                await Expect(p2.Locator(".quiz-verdict-text")).ToHaveTextAsync("Wrong");
                await Expect(p2.Locator(".quiz-answer")).ToHaveTextAsync("Correct answer: True");
                await Expect(p2.Locator(".quiz-explanation h3")).ToHaveTextAsync("Explanation");
                await Expect(p2.Locator("#quiz-progress")).ToHaveTextAsync("Question 2 of 2");
                await Expect(p2.Locator(".quiz-my-rank")).ToHaveTextAsync("My rank: 3 of 3 · 0 points");
                Assert.Equal("en", await p2.EvaluateAsync<string>("() => document.documentElement.lang"));
                await p2.ReloadAsync();
                await Expect(p2.Locator(".quiz-verdict-text")).ToHaveTextAsync("Wrong", new() { Timeout = 15_000 });
                await phones[1].ScreenshotAsync("05-english");

                // --- the host ends the hall round: the screen shows the final standings ---
                await h.Locator("#host-finish").ClickAsync();
                await Expect(h.Locator("#host-dialog")).ToBeVisibleAsync();
                await h.Locator("#host-dialog-ok").ClickAsync();
                await Expect(h.Locator("#host-status")).ToHaveTextAsync("已结束");
                await Expect(h.Locator("#host-final")).ToContainTextAsync("全员答题已结束");
                await Expect(s.Locator("#view-contest")).ToHaveAttributeAsync("data-view", "standings");
                await Expect(s.Locator(".cs-title")).ToHaveTextAsync("最终成绩排名");
                await Expect(s.Locator(".cs-hash")).ToContainTextAsync("存证哈希");
                await Expect(p1.Locator(".quiz-finished")).ToHaveTextAsync("竞赛已结束，感谢参与！");
                await screen.ScreenshotAsync("05-final", fullPage: false);
                await host.ScreenshotAsync("05-finished");
            })))));
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }

        // Phone 1 sent its answer to question 2 twice (the first lost), with one answer id; the server kept one answer.
        var second2 = sent.Where(b => b.GetProperty("questionNo").GetInt32() == 2).ToList();
        Assert.Equal(2, second2.Count);
        Assert.Single(second2.Select(b => b.GetProperty("answerId").GetString()).Distinct());
        Assert.Matches("^[0-9a-f]{32}$", second2[0].GetProperty("answerId").GetString());
        var record = await _setup.RecordAsync(contestId);
        var answers = record.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(5, answers.Count);
        Assert.Single(answers, a => a.GetProperty("questionNo").GetInt32() == 2 && a.GetProperty("memberNo").GetString() == first.MemberNo);
    }

    /// <summary>Presses the host's big button, which must say what the next legal step is.</summary>
    private static async Task Step(IPage host, string label)
    {
        var button = host.Locator("#host-step");
        await Expect(button).ToHaveTextAsync(label);
        await Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
        await Expect(host.Locator("#error")).ToBeHiddenAsync();
    }
}
