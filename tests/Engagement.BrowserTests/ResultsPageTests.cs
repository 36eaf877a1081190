using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Engagement.BrowserTests;

/// <summary>
/// The public results page: anyone sees the ranking and the formula as it was published, in the page's
/// language (no separate formula-language button); only an organiser is offered the way back to the console.
/// </summary>
public sealed class ResultsPageTests(BrowserApp fixture, ITestOutputHelper output) : IClassFixture<BrowserApp>, IDisposable
{
    private readonly SelectionSetup _setup = new(fixture);

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task An_anonymous_visitor_sees_the_published_formula_in_the_page_language_and_no_console_link_and_an_organiser_does()
    {
        var branches = await _setup.ImportAsync("RSLT", ("东城片区", "结果一中党支部", 2), ("西城片区", "结果二小党支部", 2));
        var eventId = await _setup.CreateEventAsync("结果页测试评选");
        var cases = new[]
        {
            await _setup.AcceptedCaseAsync(eventId, branches[0], "一中“学思践悟”主题党日"),
            await _setup.AcceptedCaseAsync(eventId, branches[1], "二小“书香党建”主题党日"),
        };
        var roundId = await _setup.OpenRoundAsync(eventId, "网络投票", cases, liveFinal: false);
        await _setup.CloseAsync(roundId);
        var results = await _setup.PublishAsync(roundId);
        var formula = results.GetProperty("formula").GetString()!;
        var formulaEn = results.GetProperty("formulaEn").GetString()!;
        Assert.NotEqual(formula, formulaEn);

        await using var visitor = await fixture.DesktopAsync();
        var anonymous = await Watched.OpenAsync(visitor, output, "results-anonymous");
        await using var desk = await fixture.OrganiserDesktopAsync();
        var organiser = await Watched.OpenAsync(desk, output, "results-organiser");

        await anonymous.RunAsync(() => organiser.RunAsync(async () =>
        {
            var a = anonymous.Page;
            await a.GotoAsync($"/results.html?round={roundId}");
            await Expect(a.Locator("#results-body")).ToBeVisibleAsync();
            await Expect(a.Locator("#results-table tbody tr")).ToHaveCountAsync(2);
            await Expect(a.Locator("#results-body h2").First).ToHaveTextAsync("公布的计分公式");
            await Expect(a.Locator("#results-formula")).ToHaveTextAsync(formula);
            await Expect(a.Locator("#results-back")).ToBeHiddenAsync();
            await Expect(a.GetByText("返回控制台")).ToBeHiddenAsync();
            await Expect(a.Locator("button", new() { HasTextRegex = new("公式|Formula") })).ToHaveCountAsync(0);
            await anonymous.ScreenshotAsync("01-zh");

            await a.Locator("#lang-toggle").ClickAsync();
            await Expect(a.Locator("#results-body h2").First).ToHaveTextAsync("Scoring formula, as published");
            await Expect(a.Locator("#results-formula")).ToHaveTextAsync(formulaEn);
            await Expect(a.Locator("#results-formula")).ToHaveAttributeAsync("lang", "en");
            await Expect(a.Locator("#results-back")).ToBeHiddenAsync();
            await anonymous.ScreenshotAsync("02-en");
            await a.Locator("#lang-toggle").ClickAsync();
            await Expect(a.Locator("#results-formula")).ToHaveTextAsync(formula);

            var o = organiser.Page;
            await o.GotoAsync($"/results.html?round={roundId}");
            await Expect(o.Locator("#results-body")).ToBeVisibleAsync();
            await Expect(o.Locator("#results-back")).ToBeVisibleAsync();
            await Expect(o.Locator("#results-back")).ToHaveTextAsync("返回控制台");
            await Expect(o.Locator("#results-back")).ToHaveAttributeAsync("href", "console.html#selection");
            await organiser.ScreenshotAsync("01-organiser");
        }));
    }
}
