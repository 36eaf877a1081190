using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// One real Engagement app (embedded silo, temp data directory) and one headless Debian Chromium driven by
/// Playwright, shared by the tests of one class. Each test opens its own browser context (own cookies and
/// local storage, own viewport), so tests never see each other's sign-in or language choice.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string OrganiserUserName = "admin";
    public const string OrganiserPassword = "correct-horse-battery";

    /// <summary>Exactly the switches the brief allows; Playwright adds its own automation flags.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    /// <summary>The WeChat in-app browser on Android (X5/XWeb), as a member scanning a code would use.</summary>
    public const string WeChatUserAgent =
        "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) " +
        "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 " +
        "MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

    private readonly string _name = "browser-web";
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "engagement-bt-" + Guid.NewGuid().ToString("N")[..12]);

    public AppProcess App { get; private set; } = null!;

    public string Url => App.Url!;

    /// <summary>An organiser signed in over HTTP, for arranging data the test is not about.</summary>
    public ApiClient Organiser { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string TempDirectory => _temp;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_temp);
        // The NuGet package carries its node driver in bin/.playwright; browsers are Debian's, never downloaded.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(15_000);

        var starting = AppProcess.StartWebAsync(_name, new Dictionary<string, string>
        {
            ["Engagement:Organiser:UserName"] = OrganiserUserName,
            ["Engagement:Organiser:Password"] = OrganiserPassword,
            ["Engagement:DataDirectory"] = Path.Combine(_temp, "data"),
        });

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("ENGAGEMENT_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });

        App = await starting;
        Organiser = new ApiClient(Url);
        await Organiser.LoginOrganiserAsync(OrganiserUserName, OrganiserPassword);
    }

    public async Task DisposeAsync()
    {
        Organiser?.Dispose();
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
            // The app may still hold a file for a moment after SIGKILL; the OS cleans /tmp.
        }
    }

    /// <summary>A laptop or projector PC: a plain desktop Chromium window.</summary>
    public Task<IBrowserContext> DesktopAsync(int width = 1366, int height = 768) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    /// <summary>A member's phone: 390×844 at 3×, touch, inside WeChat.</summary>
    public Task<IBrowserContext> PhoneAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            UserAgent = WeChatUserAgent,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    /// <summary>A desktop context already signed in as organiser (the session cookie of <see cref="Organiser"/>).</summary>
    public async Task<IBrowserContext> OrganiserDesktopAsync(int width = 1366, int height = 768)
    {
        var context = await DesktopAsync(width, height);
        var cookies = Organiser.Cookies.GetAllCookies()
            .Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = Url })
            .ToList();
        Assert.NotEmpty(cookies);
        await context.AddCookiesAsync(cookies);
        return context;
    }

    /// <summary>Imports a roster through the API (for tests about something else) and returns the new overview.</summary>
    public async Task<JsonElement> ImportAsync(IReadOnlyList<RosterRow> roster)
    {
        var response = await Organiser.ImportAsync(Rosters.Xlsx(roster), "roster.xlsx");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Import failed with {(int)response.StatusCode}: {body}");
        return await OverviewAsync();
    }

    public async Task<JsonElement> OverviewAsync() => await Organiser.Http.GetFromJsonAsync<JsonElement>("/api/org");

    /// <summary>The branch id (as the API writes it, string or number) of the branch with this name.</summary>
    public static string BranchId(JsonElement overview, string branchName)
    {
        foreach (var branch in overview.GetProperty("branches").EnumerateArray())
        {
            if (branch.GetProperty("name").GetString() == branchName)
            {
                var id = branch.GetProperty("branchId");
                return id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
            }
        }

        throw new Xunit.Sdk.XunitException($"Branch {branchName} is not in /api/org: {overview}");
    }

    public async Task<JsonElement> CodesAsync(string branchId) =>
        await Organiser.Http.GetFromJsonAsync<JsonElement>($"/api/org/branches/{Uri.EscapeDataString(branchId)}/codes");
}
