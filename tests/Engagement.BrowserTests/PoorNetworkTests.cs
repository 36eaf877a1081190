using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// A member scanning the QR code in a crowded hall: a WeChat phone on 400 kbit/s with 400 ms of latency each way
/// (Chromium's own network emulation), nothing cached. Issue #10 asks for the first visit under 100 KB on the wire
/// and the ballot usable within 3 s; the figures are printed for docs/benchmarks.md.
/// </summary>
public sealed class PoorNetworkTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private const int LatencyMs = 400;
    private const int BitsPerSecond = 400_000;

    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task A_phone_on_400_kbps_with_400_ms_latency_can_vote_within_three_seconds_of_opening_its_link()
    {
        var branches = await _setup.ImportAsync("PN", ("城关片区", "城关第一小学党支部", 1), ("东城片区", "东城中学党支部", 1), ("西城片区", "西城小学党支部", 1));
        var eventId = await _setup.CreateEventAsync("优秀主题党日活动案例评选（弱网）");
        var cases = new List<SelectionCase>();
        foreach (var branch in branches)
        {
            cases.Add(await _setup.AcceptedCaseAsync(eventId, branch, $"{branch.Name}主题党日"));
        }

        var roundId = await _setup.OpenRoundAsync(eventId, "弱网投票", cases, liveFinal: false);
        var voter = branches[0].Members[0];

        await using var context = await fixture.PhoneAsync();
        var phone = await Watched.OpenAsync(context, output, "poor-network");
        var page = phone.Page;
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = BitsPerSecond / 8,
            ["uploadThroughput"] = BitsPerSecond / 8,
        });

        // What reached the phone: every finished response's bytes on the wire (headers and encoded body), per URL.
        var finished = new ConcurrentQueue<IRequest>();
        page.RequestFinished += (_, request) => finished.Enqueue(request);

        await phone.RunAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(voter.Link, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
            var round = page.Locator($".vote-round[data-round-id=\"{roundId}\"]");
            var firstChoice = round.Locator($".vote-case[data-case-id=\"{cases[1].CaseId}\"]");
            await Expect(firstChoice).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = 30_000 });
            await Expect(round.Locator(".vote-submit")).ToBeVisibleAsync();
            var usable = clock.Elapsed;
            await phone.ScreenshotAsync("01-usable", fullPage: false);

            await firstChoice.TapAsync();
            await round.Locator($".vote-case[data-case-id=\"{cases[2].CaseId}\"]").TapAsync();
            var tapped = clock.Elapsed;
            await round.Locator(".vote-submit").TapAsync();
            await Expect(round.Locator(".vote-receipt")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"), new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
            var acknowledged = clock.Elapsed - tapped;
            await phone.ScreenshotAsync("02-receipt", fullPage: false);

            long wire = 0;
            var lines = new List<string>();
            var requests = finished.ToArray();
            var origin = requests.Min(r => r.Timing.StartTime);
            foreach (var request in requests)
            {
                var sizes = await request.SizesAsync();
                var bytes = sizes.ResponseBodySize + sizes.ResponseHeadersSize + sizes.RequestHeadersSize + sizes.RequestBodySize;
                wire += bytes;
                var start = (request.Timing.StartTime - origin) / 1000;
                lines.Add($"  {bytes,7:N0} B  {start,5:F2}–{start + request.Timing.ResponseEnd / 1000,5:F2} s  {request.Method} {new Uri(request.Url).AbsolutePath}");
            }

            output.WriteLine($"network: {BitsPerSecond / 1000} kbit/s, {LatencyMs} ms latency; cache empty");
            output.WriteLine($"ballot usable after {usable.TotalSeconds:F2} s; ballot acknowledged {acknowledged.TotalSeconds:F2} s after the tap");
            output.WriteLine($"{finished.Count} requests, {wire / 1024.0:F1} KB on the wire (both directions, headers included):");
            lines.ForEach(output.WriteLine);

            Assert.True(wire < 100 * 1024, $"First visit took {wire} bytes on the wire");
            Assert.True(usable < TimeSpan.FromSeconds(3), $"The ballot was usable only after {usable.TotalSeconds:F2} s");
        });

        var live = await _setup.LiveAsync(roundId);
        Assert.Equal(1, live.GetProperty("ballots").GetInt32());
    }
}
