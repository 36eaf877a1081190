using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// One embedded app started the way a newcomer starts it: no settings beyond where to listen and store,
/// so no trusted proxy, no organiser, Production logging. The organiser is created through the one-time
/// link the start-up banner prints, as the README tells people to. Then a roster of two branches and an
/// open vote round, for the sign-in, ballot and header tests of issue #9 ("Trust").
/// </summary>
public sealed partial class TrustWorld : IAsyncLifetime
{
    public const string Prefix = "TRU";
    public const string Password = "trust-world-password";
    private readonly TempDirectory _temp = new();
    private readonly List<IDisposable> _owned = [];

    public AppProcess App { get; private set; } = null!;
    public string Url => App.Url!;
    public string DataDirectory => Path.Combine(_temp.Path, "data");

    /// <summary>Everything the app printed until it was ready, before any test sent a request.</summary>
    public string StartupOutput { get; private set; } = string.Empty;

    public string SetupLink { get; private set; } = null!;
    public ApiClient Organiser { get; private set; } = null!;
    public IReadOnlyList<BranchDto> Branches { get; private set; } = [];

    /// <summary>Every member's code, in roster order.</summary>
    public IReadOnlyList<CodeCardDto> Codes { get; private set; } = [];
    public Selection.RoundSetup Vote { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartWebAsync("trust", new Dictionary<string, string> { ["Engagement:DataDirectory"] = DataDirectory }, asOperator: true);
        StartupOutput = App.Output;
        SetupLink = Regex.Match(StartupOutput, @"http://\S+/setup\.html\?token=[0-9a-f]+").Value;
        Assert.True(SetupLink.Length > 0, $"No setup link in the start-up output:\n{StartupOutput}");

        Organiser = Own(new ApiClient(Url));
        var token = SetupLink[(SetupLink.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        await Selection.Json(await Organiser.Http.PostAsJsonAsync("/api/auth/setup",
            new { token, userName = "organiser", displayName = "组织者", password = Password }), HttpStatusCode.OK);

        await Organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate(Prefix, members: 40, branches: 2)), "roster.xlsx");
        var overview = await Organiser.OverviewAsync();
        Branches = [overview.Branch(Rosters.BranchName(Prefix, 0)), overview.Branch(Rosters.BranchName(Prefix, 1))];
        var codes = new List<CodeCardDto>();
        foreach (var branch in Branches)
        {
            codes.AddRange((await Organiser.CodesAsync(branch.BranchId)).Codes);
        }

        Codes = codes;
        Vote = await Organiser.OpenVoteRoundAsync(Branches);
        await PublishedRoundAsync();
    }

    /// <summary>A client as a phone or browser would be, with the pages' CSRF header.</summary>
    public ApiClient Client() => Own(new ApiClient(Url));

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        _temp.Dispose();
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(disposable);
        }

        return disposable;
    }
}
