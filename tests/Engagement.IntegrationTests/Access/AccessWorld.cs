using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Access;

/// <summary>Who is asking. "Other" judges and scorers hold a valid link, but for another event or tournament.</summary>
public enum Role
{
    Anonymous,
    Member,
    Judge,
    Scorer,
    Organiser,
    OtherJudge,
    OtherScorer,

    /// <summary>A team desk of the world's stage final (issue 12).</summary>
    Team,
}

/// <summary>
/// One embedded app, served over HTTP and HTTPS, with real data for every role to act on: a roster, two
/// selection events each with a live final on stage and its own judge, two tournaments each with a scorer
/// for court 1, and scratch entities the organiser may change. Shared by the whole Access collection.
/// </summary>
public sealed partial class AccessWorld : IAsyncLifetime
{
    public const string Prefix = "ACC";
    public const string Court = "1号场";
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<Role, CookieContainer> _cookies = [];
    private readonly List<IDisposable> _owned = [];
    private int _unique;

    public AppProcess App { get; private set; } = null!;
    public string Url => App.Url!;
    public string HttpsUrl { get; private set; } = null!;
    public TestCertificate Certificate { get; private set; } = null!;
    public ApiClient Organiser { get; private set; } = null!;

    public BranchDto BranchA { get; private set; } = null!;
    public BranchDto BranchB { get; private set; } = null!;
    public MemberDto Member { get; private set; } = null!;
    public string MemberCode { get; private set; } = null!;

    /// <summary>A second member: target of refused edits and of the public sign-in row.</summary>
    public MemberDto SpareMember { get; private set; } = null!;
    public string SpareCode { get; private set; } = null!;

    public string Event1 { get; private set; } = null!;
    public string Event2 { get; private set; } = null!;
    public string Live1 { get; private set; } = null!;
    public string Live2 { get; private set; } = null!;
    public IReadOnlyList<string> Event1Cases { get; private set; } = [];

    /// <summary>Event 1's second case: on stage in its live final, and the member's choice in its vote round.</summary>
    public string CaseOnStage1 { get; private set; } = null!;

    /// <summary>An open vote round of event 1 and the case (not of the member's branch) the member may choose.</summary>
    public string Vote1 { get; private set; } = null!;
    public string VoteChoice { get; private set; } = null!;

    /// <summary>The organiser's scratch event: rounds in every state, an unreviewed case, the default rubric.</summary>
    public string Scratch { get; private set; } = null!;
    public IReadOnlyList<string> ScratchCases { get; private set; } = [];

    /// <summary>An event with no round opened yet: branches may still submit cases from a member's phone.</summary>
    public string Submissions { get; private set; } = null!;
    public string EditableCase { get; private set; } = null!;
    public string Draft { get; private set; } = null!;
    public string Closed { get; private set; } = null!;
    public string Published { get; private set; } = null!;
    public string Receipt { get; private set; } = null!;
    public JsonElement Rubric { get; private set; }
    public int TrimK { get; private set; }
    public IReadOnlyDictionary<string, decimal> FullMarks { get; private set; } = new Dictionary<string, decimal>();

    public string Judge1Token { get; private set; } = null!;
    public string Judge2Token { get; private set; } = null!;
    public string Scorer1Token { get; private set; } = null!;
    public string Scorer2Token { get; private set; } = null!;

    /// <summary>A grant nobody uses: target of refused revokes and of the public link sign-in row.</summary>
    public string SpareGrant { get; private set; } = null!;
    public string SpareGrantToken { get; private set; } = null!;

    public string Tournament1 { get; private set; } = null!;
    public string Tournament2 { get; private set; } = null!;

    /// <summary>Tournament 1's first semi-final, on <see cref="Court"/>; the second one is not scheduled.</summary>
    public string CourtMatch { get; private set; } = null!;
    public string SecondMatch { get; private set; } = null!;

    /// <summary>Tournament 3: a semi-final with its first set confirmed (to reopen), one forfeited (to correct).</summary>
    public string Tournament3 { get; private set; } = null!;
    public string ReopenMatch { get; private set; } = null!;
    public string CorrectMatch { get; private set; } = null!;
    public string CorrectWinner { get; private set; } = null!;
    public string DraftTournament { get; private set; } = null!;
    public string ReadyTournament { get; private set; } = null!;
    public JsonElement TournamentRules { get; private set; }

    public string AttachmentId { get; private set; } = null!;
    public string SiloAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Certificate = TestCertificate.Create(_temp.Path);
        HttpsUrl = $"https://127.0.0.1:{AppProcess.FreePort()}";
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = Path.Combine(_temp.Path, "data");
        settings["urls"] = $"http://127.0.0.1:{AppProcess.FreePort()};{HttpsUrl}";
        settings["Kestrel:Certificates:Default:Path"] = Certificate.Path;
        settings["Kestrel:Certificates:Default:Password"] = Certificate.Password;
        // ReverseProxyTests play a reverse proxy from this address.
        settings["Engagement:TrustedProxies"] = ReverseProxyTests.ProxyAddress;
        App = await AppProcess.StartWebAsync("access", settings);
        Organiser = Own(await App.OrganiserAsync());
        _cookies[Role.Organiser] = Organiser.Cookies;

        await RosterAsync();
        await SelectionAsync();
        await TournamentsAsync();
        await ContestsAsync();
        AttachmentId = (await PostAsync("/api/attachments", Attachments.Png(), HttpStatusCode.Created)).GetProperty("attachmentId").GetString()!;
        var counters = await Selection.Json(await Organiser.Http.GetAsync("/dashboard/DashboardCounters"), HttpStatusCode.OK);
        SiloAddress = counters.GetProperty("hosts")[0].GetProperty("siloAddress").GetString()!;
    }

    public CookieContainer? Cookies(Role role) => _cookies.GetValueOrDefault(role);

    /// <summary>Sends as this role: its sign-in cookie (if any) and, unless told otherwise, the CSRF header.</summary>
    public async Task<HttpResponseMessage> SendAsync(Role role, HttpMethod method, Call call, bool csrfHeader = true, string? baseUrl = null, bool expectContinue = false)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(baseUrl ?? Url), call.Path)) { Content = call.Body };
        request.Headers.ExpectContinue = expectContinue;
        if (Cookies(role)?.GetCookieHeader(new Uri(Url)) is { Length: > 0 } cookie)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (csrfHeader)
        {
            request.Headers.Add(AccessMatrix.CsrfHeader, "1");
        }

        // Headers only: the dashboard's trace never ends, and a success's body is not what we judge.
        return await Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private HttpClient Raw => _raw ??= Own(new HttpClient(new HttpClientHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == Certificate.Thumbprint,
    })
    { Timeout = TimeSpan.FromSeconds(60) });

    private HttpClient? _raw;

    public int Next() => Interlocked.Increment(ref _unique);

    // Fresh entities for calls that use something up (delete, revoke, open, start …).

    public async Task<string> FreshBranchAsync() =>
        (await Organiser.CreateBranchAsync($"{Prefix}待删支部{Next()}", "东部片区")).BranchId;

    public async Task<string> FreshMemberAsync() =>
        (await Organiser.AddMemberAsync($"{Prefix}F{Next():D3}", "临时党员", null, BranchB.BranchId)).MemberNo;

    public async Task<string> FreshGrantAsync() =>
        (await GrantAsync("Judge", $"临时评委{Next()}", Scratch)).GrantId;

    public async Task<string> FreshCaseAsync() => await CaseAsync(Scratch, BranchA.BranchId, accept: false);

    /// <summary>A new round of the scratch event: a draft, or opened, or opened and closed.</summary>
    public async Task<string> FreshRoundAsync(bool live = false, bool open = false, bool close = false)
    {
        var roundId = await RoundAsync(Scratch, ScratchCases, live, open);
        if (close)
        {
            await PostAsync($"/api/selection/rounds/{roundId}/close", null);
        }

        return roundId;
    }

    /// <summary>A new live final of the scratch event with its first case on stage.</summary>
    public async Task<string> FreshStageAsync()
    {
        var roundId = await FreshRoundAsync(live: true, open: true);
        await PostAsync($"/api/selection/rounds/{roundId}/stage", new { caseId = ScratchCases[0] });
        return roundId;
    }

    public async Task<string> FreshTournamentAsync(bool configure)
    {
        var id = (await PostAsync("/api/tournaments", new { title = $"临时比赛{Next()}" }, HttpStatusCode.Created)).GetProperty("tournamentId").GetString()!;
        if (configure)
        {
            await PutAsync($"/api/tournaments/{id}", TournamentBody("临时比赛"));
        }

        return id;
    }

    public object RoundBody(IEnumerable<string> caseIds, bool live, string name = "权限测试轮次") => new
    {
        name,
        kind = live ? "LiveFinal" : "Vote",
        caseIds = caseIds.ToArray(),
        minChoices = 1,
        maxChoices = 1,
        allowOwnBranch = false,
        revote = "FirstBallotFinal",
        secret = false,
        showLiveTallies = true,
        judgeWeight = live ? 0.7m : 0m,
        voteWeight = live ? 0.3m : 1m,
        voteMethod = "MaxNormalised",
    };

    /// <summary>A four-team knockout with the air-volleyball rules (sets to 21, best of 3).</summary>
    public object TournamentBody(string title) => new
    {
        setup = new
        {
            title,
            format = "Knockout",
            groups = 0,
            legs = 1,
            advancePerGroup = 1,
            thirdPlace = true,
            grandFinalReset = false,
            separateDistricts = false,
            drawSeed = (int?)null,
            rules = TournamentRules,
            criteria = Array.Empty<string>(),
        },
        teams = Enumerable.Range(1, 4).Select(i => new
        {
            teamId = $"t{i}",
            name = $"{title}队{i}",
            branchId = (string?)null,
            district = "东部片区",
            seed = i,
            players = Array.Empty<string>(),
        }).ToArray(),
    };

    public object CaseBody(string branchId, string title) => new
    {
        branchId,
        title,
        summary = "重温入党誓词，开展志愿服务",
        themeDayDate = "2026-07-01",
        attachmentIds = Array.Empty<string>(),
    };

    public async Task<ApiClient> SignInAsync(string path, object body)
    {
        var client = Own(new ApiClient(Url));
        await Selection.Json(await client.Http.PostAsJsonAsync(path, body), HttpStatusCode.OK);
        return client;
    }

    public async Task<JsonElement> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Selection.Json(body switch
        {
            null => await Organiser.Http.PostAsync(path, null),
            HttpContent content => await Organiser.Http.PostAsync(path, content),
            _ => await Organiser.Http.PostAsJsonAsync(path, body),
        }, expected);

    public async Task<JsonElement> PutAsync(string path, object body) =>
        await Selection.Json(await Organiser.Http.PutAsJsonAsync(path, body), HttpStatusCode.OK);

    /// <summary>
    /// Everything a refused request could have changed, as the organiser and the member read it: the
    /// roster, grants, events, rounds with their stages and scores, tournaments and their matches, the screen.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> StateAsync()
    {
        string[] organiserReads =
        [
            "/api/org", $"/api/org/branches/{BranchA.BranchId}", $"/api/org/branches/{BranchB.BranchId}", "/api/grants",
            "/api/selection/events", $"/api/selection/events/{Event1}", $"/api/selection/events/{Event2}", $"/api/selection/events/{Scratch}",
            .. new[] { Live1, Live2, Vote1, Draft, Closed, Published }.Select(r => $"/api/selection/rounds/{r}"),
            $"/api/selection/rounds/{Live1}/scores", $"/api/selection/rounds/{Live2}/scores",
            "/api/tournaments",
            .. new[] { Tournament1, Tournament2, Tournament3, DraftTournament, ReadyTournament }.Select(t => $"/api/public/tournaments/{t}"),
            $"/api/public/tournaments/{Tournament1}/matches/{CourtMatch}", $"/api/public/tournaments/{Tournament1}/matches/{SecondMatch}",
            $"/api/public/tournaments/{Tournament3}/matches/{ReopenMatch}", $"/api/public/tournaments/{Tournament3}/matches/{CorrectMatch}",
            "/api/screens/main",
            "/api/contest-bank", "/api/contests",
            .. new[] { RunningContest, DraftContest, StageContest }.SelectMany(c => new[] { $"/api/contests/{c}", $"/api/contests/{c}/stage" }),
        ];
        var state = new Dictionary<string, string>();
        foreach (var path in organiserReads)
        {
            state[path] = await Selection.Json(await Organiser.Http.GetAsync(path), HttpStatusCode.OK) is var json ? json.GetRawText() : string.Empty;
        }

        foreach (var path in new[] { "/api/member/rounds", "/api/member/events", "/api/member/contests" })
        {
            using var response = await SendAsync(Role.Member, HttpMethod.Get, new Call(path));
            state["member " + path] = await response.ExpectAsync(HttpStatusCode.OK);
        }

        return state;
    }

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
        _owned.Add(disposable);
        return disposable;
    }
}
