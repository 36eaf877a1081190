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
}

/// <summary>
/// One embedded app, served over HTTP and HTTPS, with real data for every role to act on: a roster, two
/// selection events each with a live final on stage and its own judge, two tournaments each with a scorer
/// for court 1, and scratch entities the organiser may change. Shared by the whole Access collection.
/// </summary>
public sealed class AccessWorld : IAsyncLifetime
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
        App = await AppProcess.StartWebAsync("access", settings);
        Organiser = Own(await App.OrganiserAsync());
        _cookies[Role.Organiser] = Organiser.Cookies;

        await RosterAsync();
        await SelectionAsync();
        await TournamentsAsync();
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
        ];
        var state = new Dictionary<string, string>();
        foreach (var path in organiserReads)
        {
            state[path] = await Selection.Json(await Organiser.Http.GetAsync(path), HttpStatusCode.OK) is var json ? json.GetRawText() : string.Empty;
        }

        foreach (var path in new[] { "/api/member/rounds", "/api/member/events" })
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

    private async Task RosterAsync()
    {
        await Organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate(Prefix, members: 8, branches: 2)), "roster.xlsx");
        var overview = await Organiser.OverviewAsync();
        BranchA = overview.Branch(Rosters.BranchName(Prefix, 0));
        BranchB = overview.Branch(Rosters.BranchName(Prefix, 1));
        var members = (await Organiser.BranchAsync(BranchA.BranchId)).Members;
        var codes = (await Organiser.CodesAsync(BranchA.BranchId)).Codes;
        (Member, SpareMember) = (members[0], members[1]);
        MemberCode = codes.Single(c => c.MemberNo == Member.MemberNo).Code;
        SpareCode = codes.Single(c => c.MemberNo == SpareMember.MemberNo).Code;
        _cookies[Role.Member] = (await SignInAsync("/api/auth/member", new { code = MemberCode })).Cookies;
    }

    private async Task SelectionAsync()
    {
        Event1 = await EventAsync("权限矩阵评选一");
        Event2 = await EventAsync("权限矩阵评选二");
        Scratch = await EventAsync("权限矩阵草稿");
        string[] cases1 = [await CaseAsync(Event1, BranchA.BranchId), await CaseAsync(Event1, BranchB.BranchId)];
        string[] cases2 = [await CaseAsync(Event2, BranchA.BranchId), await CaseAsync(Event2, BranchB.BranchId)];
        ScratchCases = [await CaseAsync(Scratch, BranchA.BranchId), await CaseAsync(Scratch, BranchB.BranchId)];
        EditableCase = await CaseAsync(Scratch, BranchA.BranchId, accept: false);

        var scratch = await Selection.Json(await Organiser.Http.GetAsync($"/api/selection/events/{Scratch}"), HttpStatusCode.OK);
        Rubric = scratch.GetProperty("rubric");
        TrimK = scratch.GetProperty("trimK").GetInt32();
        FullMarks = Rubric.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("maxPoints").GetDecimal());

        // Judges first: the panel of a case is fixed when it goes on stage.
        var judge1 = await GrantAsync("Judge", "评委甲", Event1);
        var judge2 = await GrantAsync("Judge", "评委乙", Event2);
        var spare = await GrantAsync("Judge", "备用评委", Scratch);
        (Judge1Token, Judge2Token, SpareGrant, SpareGrantToken) = (judge1.Token, judge2.Token, spare.GrantId, spare.Token);
        _cookies[Role.Judge] = (await SignInAsync("/api/auth/link", new { token = Judge1Token })).Cookies;
        _cookies[Role.OtherJudge] = (await SignInAsync("/api/auth/link", new { token = Judge2Token })).Cookies;

        Live1 = await RoundAsync(Event1, cases1, live: true, open: true);
        Live2 = await RoundAsync(Event2, cases2, live: true, open: true);
        Vote1 = await RoundAsync(Event1, cases1, live: false, open: true);
        (Event1Cases, CaseOnStage1, VoteChoice) = (cases1, cases1[1], cases1[1]);
        await PostAsync($"/api/selection/rounds/{Live1}/stage", new { caseId = CaseOnStage1 });
        await PostAsync($"/api/selection/rounds/{Live2}/stage", new { caseId = cases2[1] });

        Draft = await FreshRoundAsync();
        Closed = await FreshRoundAsync(open: true, close: true);
        Published = await FreshRoundAsync(open: true);
        using (var voter = await SignInAsync("/api/auth/member", new { code = SpareCode }))
        {
            var ballot = await Selection.Json(await voter.Http.PostAsJsonAsync($"/api/member/rounds/{Published}/ballots",
                new { ballotId = Guid.NewGuid().ToString("N"), choices = new[] { ScratchCases[1] } }), HttpStatusCode.OK);
            Receipt = ballot.GetProperty("receipt").GetString()!;
        }

        await PostAsync($"/api/selection/rounds/{Published}/close", null);
        await PostAsync($"/api/selection/rounds/{Published}/publish", null);
    }

    private async Task TournamentsAsync()
    {
        var presets = await Selection.Json(await Organiser.Http.GetAsync("/api/tournaments/presets"), HttpStatusCode.OK);
        TournamentRules = presets.GetProperty("air-volleyball");

        Tournament1 = await FreshTournamentAsync(configure: true);
        Tournament2 = await FreshTournamentAsync(configure: true);
        Tournament3 = await FreshTournamentAsync(configure: true);
        foreach (var id in new[] { Tournament1, Tournament2, Tournament3 })
        {
            await PostAsync($"/api/tournaments/{id}/start", null);
        }

        var semis1 = await SemiFinalsAsync(Tournament1);
        (CourtMatch, SecondMatch) = (semis1[0], semis1[1]);
        await ScheduleAsync(Tournament1, CourtMatch, Court);
        Scorer1Token = (await GrantAsync("Scorer", Court, Tournament1)).Token;
        Scorer2Token = (await GrantAsync("Scorer", Court, Tournament2)).Token;
        _cookies[Role.Scorer] = (await SignInAsync("/api/auth/link", new { token = Scorer1Token })).Cookies;
        _cookies[Role.OtherScorer] = (await SignInAsync("/api/auth/link", new { token = Scorer2Token })).Cookies;

        // Tournament 3's own scorer plays one set of a semi-final and records a forfeit in the other.
        var semis3 = await SemiFinalsAsync(Tournament3);
        (ReopenMatch, CorrectMatch) = (semis3[0], semis3[1]);
        await ScheduleAsync(Tournament3, ReopenMatch, Court);
        await ScheduleAsync(Tournament3, CorrectMatch, Court);
        using var scorer3 = await SignInAsync("/api/auth/link", new { token = (await GrantAsync("Scorer", Court, Tournament3)).Token });
        for (var rally = 0; rally < TournamentRules.GetProperty("pointsPerSet").GetInt32(); rally++)
        {
            await Selection.Json(await scorer3.Http.PostAsJsonAsync($"/api/scorer/matches/{ReopenMatch}", new { action = "Rally", team = "A" }), HttpStatusCode.OK);
        }

        await Selection.Json(await scorer3.Http.PostAsJsonAsync($"/api/scorer/matches/{ReopenMatch}", new { action = "ConfirmSet", team = (string?)null }), HttpStatusCode.OK);
        var forfeited = await Selection.Json(await scorer3.Http.PostAsJsonAsync($"/api/scorer/matches/{CorrectMatch}", new { action = "Forfeit", team = "A" }), HttpStatusCode.OK);
        var winner = forfeited.GetProperty("winner").GetString();
        CorrectWinner = forfeited.GetProperty("teamA").GetString() == winner ? forfeited.GetProperty("teamB").GetString()! : forfeited.GetProperty("teamA").GetString()!;

        DraftTournament = await FreshTournamentAsync(configure: false);
        ReadyTournament = await FreshTournamentAsync(configure: true);
    }

    private async Task<string> EventAsync(string title) =>
        (await PostAsync("/api/selection/events", new { title }, HttpStatusCode.Created)).GetProperty("eventId").GetString()!;

    private async Task<string> CaseAsync(string eventId, string branchId, bool accept = true)
    {
        var caseId = (await PostAsync($"/api/selection/events/{eventId}/cases", CaseBody(branchId, $"主题党日{Next()}"), HttpStatusCode.Created))
            .GetProperty("caseId").GetString()!;
        if (accept)
        {
            await PostAsync($"/api/selection/events/{eventId}/cases/{caseId}/review", new { status = "Accepted", note = (string?)null });
        }

        return caseId;
    }

    private async Task<string> RoundAsync(string eventId, IEnumerable<string> caseIds, bool live, bool open)
    {
        var roundId = (await PostAsync($"/api/selection/events/{eventId}/rounds", RoundBody(caseIds, live), HttpStatusCode.Created))
            .GetProperty("roundId").GetString()!;
        if (open)
        {
            await PostAsync($"/api/selection/rounds/{roundId}/open", null);
        }

        return roundId;
    }

    private async Task<(string GrantId, string Token)> GrantAsync(string role, string name, string scope)
    {
        var grant = await PostAsync("/api/grants", new { role, name, branchId = (string?)null, scope }, HttpStatusCode.Created);
        var link = grant.GetProperty("link").GetString()!;
        return (grant.GetProperty("grant").GetProperty("grantId").GetString()!, link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..]);
    }

    private async Task<string[]> SemiFinalsAsync(string tournamentId)
    {
        var view = await Selection.Json(await Organiser.Http.GetAsync($"/api/public/tournaments/{tournamentId}"), HttpStatusCode.OK);
        var ready = view.GetProperty("matches").EnumerateArray()
            .Where(m => m.GetProperty("teamA").ValueKind == JsonValueKind.String && m.GetProperty("teamB").ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty("matchId").GetString()!)
            .ToArray();
        Assert.Equal(2, ready.Length);
        return ready;
    }

    private Task ScheduleAsync(string tournamentId, string matchId, string court) =>
        PutAsync($"/api/tournaments/{tournamentId}/matches/{matchId}/schedule", new { court, startsAt = DateTimeOffset.UtcNow.AddHours(1) });

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
