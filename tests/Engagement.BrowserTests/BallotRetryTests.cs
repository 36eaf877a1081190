using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// A member's ballot on a flaky connection, as they see it: the server is briefly unavailable, then the
/// answer is lost on the way back. The phone says it is retrying, keeps sending the same ballot, and ends
/// with the receipt — and the server holds exactly one ballot.
/// </summary>
public sealed class BallotRetryTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private static readonly Regex ReceiptShape = new("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task A_ballot_refused_with_503_then_answered_into_a_dropped_connection_is_retried_with_the_same_id_and_counted_once()
    {
        var branches = await _setup.ImportAsync("RT", ("城关片区", "城关第三小学党支部", 2), ("东城片区", "东城实验中学党支部", 2), ("东城片区", "县职业学校党支部", 2));
        var eventId = await _setup.CreateEventAsync("优秀主题党日活动案例评选（重试）");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}主题党日"));
        }

        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票", cases, liveFinal: false);
        var voter = branches[0].Members[0];
        SelectionCase[] chosen = [cases[1], cases[2]];

        // The network between phone and server: attempt 1 gets 503 + Retry-After: 1 without reaching the
        // server; attempt 2 reaches it, but the answer is dropped (connection reset); attempt 3 goes through.
        // Each later attempt is held until the test has seen the page say it is retrying.
        var sent = new ConcurrentQueue<(TimeSpan At, string BallotId)>();
        var clock = Stopwatch.StartNew();
        var sawFirstRetry = new TaskCompletionSource();
        var sawSecondRetry = new TaskCompletionSource();
        string? lostReceipt = null;

        await using var context = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(context, output, "ballot-retry");
        var page = phone.Page;
        await page.RouteAsync("**/api/member/rounds/*/ballots", async route =>
        {
            var ballotId = JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("ballotId").GetString()!;
            sent.Enqueue((clock.Elapsed, ballotId));
            switch (sent.Count)
            {
                case 1:
                    await route.FulfillAsync(new RouteFulfillOptions
                    {
                        Status = 503,
                        ContentType = "application/problem+json",
                        Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                        Body = """{"title":"Service Unavailable","status":503,"detail":"服务暂时不可用，请稍后重试","code":"server.unavailable"}""",
                    });
                    break;
                case 2:
                    await sawFirstRetry.Task.WaitAsync(StepTimeout);
                    var answer = await route.FetchAsync();
                    lostReceipt = JsonDocument.Parse(await answer.TextAsync()).RootElement.GetProperty("receipt").GetString();
                    await route.AbortAsync("connectionreset");
                    break;
                default:
                    await sawSecondRetry.Task.WaitAsync(StepTimeout);
                    await route.ContinueAsync();
                    break;
            }
        });

        await phone.RunAsync(async () =>
        {
            await page.GotoAsync(voter.Link);
            var round = page.Locator($".vote-round[data-round-id=\"{roundId}\"]");
            await Expect(round.Locator(".vote-state")).ToHaveTextAsync("投票进行中");
            foreach (var c in chosen)
            {
                await round.Locator($".vote-case[data-case-id=\"{c.CaseId}\"]").TapAsync();
            }

            await round.Locator(".vote-submit").TapAsync();
            var status = round.Locator(".vote-status");
            await Expect(status).ToContainTextAsync("网络不稳定，正在重试…（第 1 次）");
            await Expect(round.Locator(".vote-submit")).ToBeDisabledAsync(); // no second ballot while this one is on its way
            await phone.ScreenshotAsync("01-retrying");
            sawFirstRetry.SetResult();

            await Expect(status).ToContainTextAsync("网络不稳定，正在重试…（第 2 次）");
            sawSecondRetry.SetResult();

            var receipt = round.Locator(".vote-receipt");
            await Expect(receipt).ToHaveTextAsync(ReceiptShape);
            await Expect(status).ToHaveTextAsync("投票成功，感谢您的参与！");
            await Expect(page.Locator("#error")).ToBeHiddenAsync();
            await phone.ScreenshotAsync("02-receipt");

            // The receipt shown is the one the server gave the attempt whose answer was lost: the same ballot.
            Assert.Equal(lostReceipt, (await receipt.InnerTextAsync()).Trim());
        });

        var attempts = sent.ToList();
        output.WriteLine(string.Join("\n", attempts.Select((a, i) => $"attempt {i + 1} at {a.At.TotalSeconds:F2} s, ballot id {a.BallotId}")));
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.BallotId).Distinct());
        Assert.Matches("^[0-9a-f]{32}$", attempts[0].BallotId);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(950),
            $"The phone sent again {(attempts[1].At - attempts[0].At).TotalMilliseconds:F0} ms after a 503 with Retry-After: 1");

        var live = await _setup.LiveAsync(roundId);
        Assert.Equal(1, live.GetProperty("ballots").GetInt32());
        var counted = live.GetProperty("tally").EnumerateObject().Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(chosen.ToDictionary(c => c.CaseId, _ => 1), counted);
    }
}
