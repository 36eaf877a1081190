using System.Collections.Concurrent;
using Engagement.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Engagement.BrowserTests;

/// <summary>
/// A page under test: everything the browser console says goes to the test output, uncaught script errors
/// are collected (a page that throws is broken even if it looks fine), so are Content-Security-Policy
/// violations (a script or style the policy refused is a broken page too), and screenshots land in the
/// artefacts directory. If the test body fails, a screenshot of the moment of failure is saved too.
/// </summary>
public sealed class Watched
{
    private static int _sequence;
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly ConcurrentQueue<string> _policyViolations = new();
    private readonly ITestOutputHelper _output;
    private readonly string _test;

    private Watched(IPage page, ITestOutputHelper output, string test)
    {
        Page = page;
        _output = output;
        _test = test;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Enqueue($"{message.Location}: {message.Text}");
            }

            Log($"console.{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            _pageErrors.Enqueue(error);
            Log($"PAGE ERROR: {error}");
        };
        page.RequestFailed += (_, request) => Log($"request failed: {request.Method} {request.Url} {request.Failure}");
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> PageErrors => _pageErrors;

    public static async Task<Watched> OpenAsync(IBrowserContext context, ITestOutputHelper output, string test)
    {
        var page = await context.NewPageAsync();
        return new Watched(page, output, test);
    }

    /// <summary>Saves a full-page PNG as "browser-{test}-{step}.png" and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string step, bool fullPage = true)
    {
        var path = Path.Combine(AppProcess.ArtifactsDirectory, $"browser-{_test}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Log($"screenshot: {path}");
        return path;
    }

    /// <summary>Runs the test body; on failure saves a screenshot of what was on screen, then rethrows.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            try
            {
                var n = Interlocked.Increment(ref _sequence);
                await ScreenshotAsync($"FAILED-{n}");
            }
            catch (Exception e)
            {
                Log($"(no failure screenshot: {e.Message})");
            }

            throw;
        }

        Assert.True(_pageErrors.IsEmpty, $"The page threw uncaught script errors:\n{string.Join("\n", _pageErrors)}");
        Assert.True(_policyViolations.IsEmpty, $"The page broke its Content-Security-Policy:\n{string.Join("\n", _policyViolations)}");
    }

    private void Log(string line)
    {
        try
        {
            _output.WriteLine($"[{_test}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; late console chatter is of no interest.
        }
    }
}
