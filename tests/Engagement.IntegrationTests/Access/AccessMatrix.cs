using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Access;

/// <summary>What one role should get: a success status, or a refusal with its problem code.</summary>
public readonly record struct Outcome(int Status, string? Code = null)
{
    public bool Allows => Status < 400;

    public override string ToString() => Code is null ? Status.ToString() : $"{Status} {Code}";
}

/// <summary>A concrete request: the path with its ids filled in, and the body.</summary>
public sealed record Call(string Path, HttpContent? Body = null);

/// <summary>
/// One endpoint: method, route template (as OpenAPI prints it), the expected outcome per <see cref="Role"/>
/// (in enum order), and how to build the request. <c>fresh</c> is true when the role is expected to succeed:
/// then the call acts on an entity made for it (a delete deletes a new branch). A role expected to be
/// refused aims at a shared entity with a visibly different body, so a wrongful success would show.
/// </summary>
public sealed record Row(string Method, string Route, Outcome[] Expected, Func<AccessWorld, bool, Task<Call>> Fill)
{
    public string Request => $"{Method} {Route}";

    public HttpMethod HttpMethod => new(Method);

    public bool ChangesState => Method is not ("GET" or "HEAD" or "OPTIONS");
}

/// <summary>
/// Every endpoint the app maps × anonymous, member, judge, scorer, organiser, a judge of another event,
/// a scorer of another tournament and a contest's team desk. Deny means 401 auth.required or 403 auth.forbidden, except where a
/// signed link is checked against its own scope inside the handler: a judge of another event is told the
/// round does not exist for them (404), and a scorer is told the match is not on their court (409) — the
/// tablets treat 401/403 as "your link has ended", which is not what happened.
/// </summary>
public static partial class AccessMatrix
{
    public const string CsrfHeader = "X-Engagement-Csrf";

    private static readonly Outcome Required = new(401, "auth.required");
    private static readonly Outcome Forbidden = new(403, "auth.forbidden");

    /// <summary>Routes the app serves that /openapi/v1.json does not list (and why).</summary>
    public static readonly string[] Undocumented =
    [
        "GET /", // static assets (PageDelivery): the default page and each .html page below
        "GET /codes.html", "GET /console.html", "GET /index.html", "GET /judge.html", "GET /member.html",
        "GET /results.html", "GET /scorer.html", "GET /screen.html", "GET /setup.html", "GET /tournament.html",
        "GET /quiz.html", "GET /host.html", "GET /desk.html", // issue 12: the contest's phone, host laptop and team desk pages
        "GET /print.html", // issue 10 §4: the tournament's printable documents (data from /api/tournaments/{id}/print)
        "GET /favicon.ico", // ExcludeFromDescription
        "GET /metrics", // issue 13 §4: Prometheus text, ExcludeFromDescription
        "GET /health", "GET /health/live", "GET /health/ready", // health checks are not API endpoints
        "GET /openapi/v1.json", // the document itself
        "POST /hubs/live/negotiate", // SignalR; the hub's methods are in HubAccessTests
    ];

    public static readonly Row[] Rows =
    [
        // Signing in is open to everyone (the secret is in the body); /me needs any sign-in.
        Row("POST", "/api/auth/login", Everyone(200), _ => Json("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword })),
        Row("POST", "/api/auth/member", Everyone(200), w => Json("/api/auth/member", new { code = w.SpareCode })),
        Row("POST", "/api/auth/link", Everyone(200), w => Json("/api/auth/link", new { token = w.SpareGrantToken })),
        Row("POST", "/api/auth/setup", Everyone(new Outcome(409, "auth.setup-done")),
            _ => Json("/api/auth/setup", new { token = "guessed-token", userName = "intruder", displayName = "intruder", password = "long-enough-password" })),
        Row("POST", "/api/auth/logout", Everyone(204), _ => new Call("/api/auth/logout")),
        Row("GET", "/api/auth/me", SignedIn(200), _ => "/api/auth/me"),

        Row("GET", "/api/grants", OrganiserOnly(200), _ => "/api/grants"),
        Row("POST", "/api/grants", OrganiserOnly(201), w => Json("/api/grants", new { role = "Judge", name = $"新评委{w.Next()}", branchId = (string?)null, scope = w.Scratch })),
        Row("POST", "/api/grants/{grantId}/revoke", OrganiserOnly(200), async (w, fresh) => new Call($"/api/grants/{(fresh ? await w.FreshGrantAsync() : w.SpareGrant)}/revoke")),
        Row("DELETE", "/api/grants/{grantId}", OrganiserOnly(204), async (w, fresh) => new Call($"/api/grants/{(fresh ? await w.FreshGrantAsync() : w.SpareGrant)}")),

        Row("GET", "/api/org", OrganiserOnly(200), _ => "/api/org"),
        Row("GET", "/api/operations/runtime", OrganiserOnly(200), _ => "/api/operations/runtime"),
        Row("GET", "/api/operations/status", OrganiserOnly(200), _ => "/api/operations/status"),
        // Prometheus cannot sign in: the allowed networks (loopback unless configured, as here) may scrape; elsewhere only
        // an organiser (MetricsTests has loopback not allowed).
        Row("GET", "/metrics", Everyone(200), _ => "/metrics"),
        // Issue 13 §3: the console's backups (a download names a backup the organiser made first).
        Row("GET", "/api/operations/backups", OrganiserOnly(200), _ => "/api/operations/backups"),
        Row("POST", "/api/operations/backups", OrganiserOnly(201), _ => new Call("/api/operations/backups")),
        Row("GET", "/api/operations/backups/{name}", OrganiserOnly(200), async (w, _) => new Call($"/api/operations/backups/{await BackupNameAsync(w)}")),
        Row("POST", "/api/org/branches", OrganiserOnly(201), w => Json("/api/org/branches", new { name = $"{AccessWorld.Prefix}新支部{w.Next()}", district = "东部片区" })),
        Row("GET", "/api/org/branches/{branchId}", OrganiserOnly(200), w => $"/api/org/branches/{w.BranchA.BranchId}"),
        Row("PUT", "/api/org/branches/{branchId}", OrganiserOnly(200),
            (w, fresh) => Json($"/api/org/branches/{w.BranchA.BranchId}", new { name = fresh ? w.BranchA.Name : "被拒绝的支部名", district = w.BranchA.District })),
        Row("DELETE", "/api/org/branches/{branchId}", OrganiserOnly(204), async (w, fresh) => new Call($"/api/org/branches/{(fresh ? await w.FreshBranchAsync() : w.BranchB.BranchId)}")),
        Row("GET", "/api/org/branches/{branchId}/codes", OrganiserOnly(200), w => $"/api/org/branches/{w.BranchA.BranchId}/codes"),
        Row("POST", "/api/org/import", OrganiserOnly(200),
            (w, fresh) => new Call("/api/org/import", Roster(fresh ? $"ACCI{w.Next()}X" : "ACCDENY"))),
        Row("POST", "/api/org/members", OrganiserOnly(201),
            w => Json("/api/org/members", new { memberNo = $"{AccessWorld.Prefix}N{w.Next():D3}", name = "新党员", phone = (string?)null, branchId = w.BranchB.BranchId })),
        Row("PUT", "/api/org/members/{memberNo}", OrganiserOnly(200), (w, fresh) =>
        {
            var m = fresh ? w.Member : w.SpareMember;
            return Json($"/api/org/members/{m.MemberNo}", new { memberNo = m.MemberNo, name = fresh ? m.Name : "被拒绝的姓名", phone = m.Phone, branchId = m.BranchId });
        }),
        Row("DELETE", "/api/org/members/{memberNo}", OrganiserOnly(204), async (w, fresh) => new Call($"/api/org/members/{(fresh ? await w.FreshMemberAsync() : w.SpareMember.MemberNo)}")),
        Row("POST", "/api/org/members/{memberNo}/revoke-code", OrganiserOnly(200),
            async (w, fresh) => new Call($"/api/org/members/{(fresh ? await w.FreshMemberAsync() : w.SpareMember.MemberNo)}/revoke-code")),

        Row("GET", "/api/screens/{screenId}", Everyone(200), _ => "/api/screens/main"),
        Row("PUT", "/api/screens/{screenId}", OrganiserOnly(200), (w, fresh) => Json("/api/screens/main", new { headline = fresh ? $"权限测试{w.Next()}" : "被拒绝的标题" })),
        Row("PUT", "/api/screens/{screenId}/ranking", OrganiserOnly(200), (w, fresh) => Json("/api/screens/main/ranking", new { revealed = fresh ? w.Next() % 20 : 99, page = fresh ? 0 : 9 })),
        Row("GET", "/api/qr", Everyone(200), _ => "/api/qr?text=hello"),
        Row("GET", "/api/public-address", OrganiserOnly(200), _ => "/api/public-address"),

        // Selection: the organiser's console.
        Row("GET", "/api/selection/events", OrganiserOnly(200), _ => "/api/selection/events"),
        Row("POST", "/api/selection/events", OrganiserOnly(201), w => Json("/api/selection/events", new { title = $"新评选{w.Next()}" })),
        Row("GET", "/api/selection/events/{eventId}", OrganiserOnly(200), w => $"/api/selection/events/{w.Event1}"),
        Row("PUT", "/api/selection/events/{eventId}", OrganiserOnly(200), (w, fresh) => Json($"/api/selection/events/{w.Scratch}", new { title = fresh ? "权限矩阵草稿" : "被拒绝的标题" })),
        Row("PUT", "/api/selection/events/{eventId}/rubric", OrganiserOnly(200),
            (w, fresh) => Json($"/api/selection/events/{w.Scratch}/rubric", new { criteria = w.Rubric, trimK = fresh ? w.TrimK : 3 - w.TrimK })),
        Row("POST", "/api/selection/events/{eventId}/cases", OrganiserOnly(201), w => Json($"/api/selection/events/{w.Scratch}/cases", w.CaseBody(w.BranchA.BranchId, "新案例"))),
        Row("PUT", "/api/selection/events/{eventId}/cases/{caseId}", OrganiserOnly(200),
            (w, fresh) => Json($"/api/selection/events/{w.Scratch}/cases/{w.EditableCase}", w.CaseBody(w.BranchA.BranchId, fresh ? "修改后的案例" : "被拒绝的案例"))),
        Row("POST", "/api/selection/events/{eventId}/cases/{caseId}/review", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/selection/events/{w.Scratch}/cases/{(fresh ? await w.FreshCaseAsync() : w.EditableCase)}/review", new { status = fresh ? "Accepted" : "Rejected", note = (string?)null })),
        Row("DELETE", "/api/selection/events/{eventId}/cases/{caseId}", OrganiserOnly(204),
            async (w, fresh) => new Call($"/api/selection/events/{w.Scratch}/cases/{(fresh ? await w.FreshCaseAsync() : w.EditableCase)}")),
        Row("POST", "/api/selection/events/{eventId}/rounds", OrganiserOnly(201), w => Json($"/api/selection/events/{w.Scratch}/rounds", w.RoundBody(w.ScratchCases, live: false))),
        Row("GET", "/api/selection/rounds/{roundId}", OrganiserOnly(200), w => $"/api/selection/rounds/{w.Live1}"),
        Row("PUT", "/api/selection/rounds/{roundId}", OrganiserOnly(200),
            (w, fresh) => Json($"/api/selection/rounds/{w.Draft}", w.RoundBody(w.ScratchCases, live: false, name: fresh ? "权限测试轮次" : "被拒绝的轮次"))),
        Row("POST", "/api/selection/rounds/{roundId}/open", OrganiserOnly(200), async (w, fresh) => new Call($"/api/selection/rounds/{(fresh ? await w.FreshRoundAsync() : w.Draft)}/open")),
        Row("POST", "/api/selection/rounds/{roundId}/close", OrganiserOnly(200), async (w, fresh) => new Call($"/api/selection/rounds/{(fresh ? await w.FreshRoundAsync(open: true) : w.Vote1)}/close")),
        Row("PUT", "/api/selection/rounds/{roundId}/closing-time", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/selection/rounds/{(fresh ? await w.FreshRoundAsync() : w.Draft)}/closing-time", new { closesAt = DateTimeOffset.UtcNow.AddHours(fresh ? 1 : 2) })),
        Row("POST", "/api/selection/rounds/{roundId}/publish", OrganiserOnly(200),
            async (w, fresh) => new Call($"/api/selection/rounds/{(fresh ? await w.FreshRoundAsync(open: true, close: true) : w.Closed)}/publish")),
        Row("POST", "/api/selection/rounds/{roundId}/stage", OrganiserOnly(200), async (w, fresh) => fresh
            ? Json($"/api/selection/rounds/{await w.FreshRoundAsync(live: true, open: true)}/stage", new { caseId = w.ScratchCases[0] })
            : Json($"/api/selection/rounds/{w.Live1}/stage", new { caseId = w.Event1Cases[0] })),
        Row("GET", "/api/selection/rounds/{roundId}/panel", OrganiserOnly(200), w => $"/api/selection/rounds/{w.Live1}/panel"),
        Row("PUT", "/api/selection/rounds/{roundId}/panel", OrganiserOnly(200), async (w, fresh) => fresh
            ? Json($"/api/selection/rounds/{await w.FreshRoundAsync(live: true, open: true)}/panel", new { judgeIds = (string[]?)null })
            : Json($"/api/selection/rounds/{w.Live1}/panel", new { judgeIds = new[] { "not-a-judge" } })),
        Row("POST", "/api/selection/rounds/{roundId}/stage/phase", OrganiserOnly(200),
            async (w, fresh) => Json($"/api/selection/rounds/{(fresh ? await w.FreshStageAsync() : w.Live1)}/stage/phase", new { phase = "Scoring" })),
        Row("GET", "/api/selection/rounds/{roundId}/scores", OrganiserOnly(200), w => $"/api/selection/rounds/{w.Live1}/scores"),
        Row("GET", "/api/selection/rounds/{roundId}/export.xlsx", OrganiserOnly(200), w => $"/api/selection/rounds/{w.Published}/export.xlsx"),
        Row("GET", "/api/selection/rounds/{roundId}/audit", OrganiserOnly(200), w => $"/api/selection/rounds/{w.Live1}/audit"),

        // Members: their own rounds, ballots and branch cases; organisers and members upload case files.
        Row("GET", "/api/member/rounds", MemberOnly(200), _ => "/api/member/rounds"),
        Row("POST", "/api/member/rounds/{roundId}/ballots", MemberOnly(200),
            w => Json($"/api/member/rounds/{w.Vote1}/ballots", new { ballotId = Guid.NewGuid().ToString("N"), choices = new[] { w.VoteChoice } })),
        Row("GET", "/api/member/events", MemberOnly(200), _ => "/api/member/events"),
        Row("POST", "/api/member/events/{eventId}/cases", MemberOnly(201), w => Json($"/api/member/events/{w.Submissions}/cases", w.CaseBody(w.BranchA.BranchId, "支部自报案例"))),
        Row("POST", "/api/attachments", By(Required, new(201), Forbidden, Forbidden, new(201), Forbidden, Forbidden), _ => new Call("/api/attachments", Attachments.Png())),
        Row("GET", "/api/attachments/{attachmentId}", Everyone(200), w => $"/api/attachments/{w.AttachmentId}"),

        // What the big screen shows is public.
        Row("GET", "/api/rounds/{roundId}/live", Everyone(200), w => $"/api/rounds/{w.Live1}/live"),
        Row("GET", "/api/rounds/{roundId}/stage", Everyone(200), w => $"/api/rounds/{w.Live1}/stage"),
        Row("GET", "/api/rounds/{roundId}/receipts", Everyone(200), w => $"/api/rounds/{w.Published}/receipts"),
        Row("GET", "/api/rounds/{roundId}/receipts/{receipt}", Everyone(200), w => $"/api/rounds/{w.Published}/receipts/{w.Receipt}"),
        Row("GET", "/api/rounds/{roundId}/results", Everyone(200), w => $"/api/rounds/{w.Published}/results"),

        // Judges: their own event's live final only.
        Row("GET", "/api/judge/desk", By(Required, Forbidden, new(200), Forbidden, Forbidden, new(200), Forbidden), _ => "/api/judge/desk"),
        Row("POST", "/api/judge/rounds/{roundId}/scores", By(Required, Forbidden, new(200), Forbidden, Forbidden, new(404, "round.not-found"), Forbidden),
            (w, fresh) => Json($"/api/judge/rounds/{w.Live1}/scores", new { caseId = w.CaseOnStage1, marks = w.FullMarks.ToDictionary(c => c.Key, c => c.Value * (fresh ? 0.8m : 0.1m)) })),

        // Tournaments: organisers run them, scorers score their own court, anyone watches.
        Row("GET", "/api/tournaments", OrganiserOnly(200), _ => "/api/tournaments"),
        Row("GET", "/api/tournaments/presets", OrganiserOnly(200), _ => "/api/tournaments/presets"),
        Row("POST", "/api/tournaments", OrganiserOnly(201), w => Json("/api/tournaments", new { title = $"新比赛{w.Next()}" })),
        Row("PUT", "/api/tournaments/{id}", OrganiserOnly(200),
            async (w, fresh) => Json($"/api/tournaments/{(fresh ? await w.FreshTournamentAsync(configure: false) : w.DraftTournament)}", w.TournamentBody("配置比赛"))),
        Row("POST", "/api/tournaments/{id}/start", OrganiserOnly(200),
            async (w, fresh) => new Call($"/api/tournaments/{(fresh ? await w.FreshTournamentAsync(configure: true) : w.ReadyTournament)}/start")),
        Row("PUT", "/api/tournaments/{id}/matches/{matchId}/schedule", OrganiserOnly(200),
            (w, fresh) => Json($"/api/tournaments/{w.Tournament1}/matches/{w.SecondMatch}/schedule", new { court = fresh ? "2号场" : "9号场", startsAt = DateTimeOffset.UtcNow.AddHours(2) })),
        Row("POST", "/api/tournaments/{id}/matches/{matchId}/correction", OrganiserOnly(200),
            w => Json($"/api/tournaments/{w.Tournament3}/matches/{w.CorrectMatch}/correction", new { winner = w.CorrectWinner, sets = Array.Empty<object>(), ending = "Forfeited", confirm = true })),
        Row("POST", "/api/tournaments/{id}/matches/{matchId}/reopen", OrganiserOnly(200), w => new Call($"/api/tournaments/{w.Tournament3}/matches/{w.ReopenMatch}/reopen")),
        // Issue 10 §4: the print page's one read and the results workbook are the organiser's, like the console.
        Row("GET", "/api/tournaments/{id}/print", OrganiserOnly(200), w => $"/api/tournaments/{w.Tournament3}/print"),
        Row("GET", "/api/tournaments/{id}/export.xlsx", OrganiserOnly(200), w => $"/api/tournaments/{w.Tournament3}/export.xlsx"),
        Row("GET", "/api/public/tournaments", Everyone(200), _ => "/api/public/tournaments"),
        Row("GET", "/api/public/tournaments/{id}", Everyone(200), w => $"/api/public/tournaments/{w.Tournament1}"),
        Row("GET", "/api/public/tournaments/{id}/matches/{matchId}", Everyone(200), w => $"/api/public/tournaments/{w.Tournament1}/matches/{w.CourtMatch}"),
        Row("GET", "/api/scorer/court", By(Required, Forbidden, Forbidden, new(200), Forbidden, Forbidden, new(200)), _ => "/api/scorer/court"),
        Row("POST", "/api/scorer/matches/{matchId}", By(Required, Forbidden, Forbidden, new(200), Forbidden, Forbidden, new(409, "match.not-on-court")),
            w => Json($"/api/scorer/matches/{w.CourtMatch}", new { action = "Rally", team = "A" })),

        // Issue 12: the knowledge contest (bank, host, phones, team desks, public reads): AccessMatrix.Contest.cs.
        .. ContestRows,

        // The Orleans dashboard is the organiser's (it shows every grain and silo).
        Row("GET", "/dashboard", OrganiserOnly(301), _ => "/dashboard"),
        Row("GET", "/dashboard/index.html", OrganiserOnly(200), _ => "/dashboard/index.html"),
        Row("GET", "/dashboard/index.css", OrganiserOnly(200), _ => "/dashboard/index.css"),
        Row("GET", "/dashboard/index.min.js", OrganiserOnly(200), _ => "/dashboard/index.min.js"),
        Row("GET", "/dashboard/favicon.ico", OrganiserOnly(200), _ => "/dashboard/favicon.ico"),
        Row("GET", "/dashboard/fonts/{path}", OrganiserOnly(200), _ => "/dashboard/fonts/fa-solid-900.woff2"),
        Row("GET", "/dashboard/img/{path}", OrganiserOnly(200), _ => "/dashboard/img/OrleansLogo.png"),
        Row("GET", "/dashboard/version", OrganiserOnly(200), _ => "/dashboard/version"),
        Row("GET", "/dashboard/ClusterStats", OrganiserOnly(200), _ => "/dashboard/ClusterStats"),
        Row("GET", "/dashboard/DashboardCounters", OrganiserOnly(200), _ => "/dashboard/DashboardCounters"),
        Row("GET", "/dashboard/GrainState", OrganiserOnly(200), _ => "/dashboard/GrainState"),
        Row("GET", "/dashboard/GrainStats/{grainName}", OrganiserOnly(200), _ => "/dashboard/GrainStats/Engagement.Screens.ScreenGrain"),
        Row("GET", "/dashboard/GrainTypes", OrganiserOnly(200), _ => "/dashboard/GrainTypes"),
        Row("GET", "/dashboard/HistoricalStats/{path}", OrganiserOnly(200), w => $"/dashboard/HistoricalStats/{w.SiloAddress}"),
        Row("GET", "/dashboard/LifecycleStages", OrganiserOnly(200), _ => "/dashboard/LifecycleStages"),
        Row("GET", "/dashboard/Reminders", OrganiserOnly(200), _ => "/dashboard/Reminders"),
        Row("GET", "/dashboard/Reminders/{page}", OrganiserOnly(200), _ => "/dashboard/Reminders/1"),
        Row("GET", "/dashboard/SiloCounters/{address}", OrganiserOnly(200), w => $"/dashboard/SiloCounters/{w.SiloAddress}"),
        Row("GET", "/dashboard/SiloMetadata/{address}", OrganiserOnly(200), w => $"/dashboard/SiloMetadata/{w.SiloAddress}"),
        Row("GET", "/dashboard/SiloProperties/{address}", OrganiserOnly(200), w => $"/dashboard/SiloProperties/{w.SiloAddress}"),
        Row("GET", "/dashboard/SiloStats/{address}", OrganiserOnly(200), w => $"/dashboard/SiloStats/{w.SiloAddress}"),
        Row("GET", "/dashboard/TopGrainMethods", OrganiserOnly(200), _ => "/dashboard/TopGrainMethods"),
        Row("GET", "/dashboard/Trace", OrganiserOnly(200), _ => "/dashboard/Trace"),

        // Not in OpenAPI (see Undocumented): pages, probes, the API description and the hub.
        Row("GET", "/", Everyone(200), _ => "/"),
        .. Pages.Select(page => Row("GET", page, Everyone(200), _ => page)),
        Row("GET", "/print.html", Everyone(200), _ => "/print.html"), // issue 10 §4; holds no data, like the other pages
        Row("GET", "/favicon.ico", Everyone(204), _ => "/favicon.ico"),
        Row("GET", "/health", Everyone(200), _ => "/health"),
        Row("GET", "/health/live", Everyone(200), _ => "/health/live"),
        Row("GET", "/health/ready", Everyone(200), _ => "/health/ready"),
        Row("GET", "/openapi/v1.json", Everyone(200), _ => "/openapi/v1.json"),
        Row("POST", "/hubs/live/negotiate", Everyone(200), _ => new Call("/hubs/live/negotiate?negotiateVersion=1")),
    ];

    private static string[] Pages =>
        ["/codes.html", "/console.html", "/index.html", "/judge.html", "/member.html", "/results.html", "/scorer.html", "/screen.html", "/setup.html", "/tournament.html",
         "/quiz.html", "/host.html", "/desk.html"];

    public static Row Find(string request) => Rows.Single(r => r.Request == request);

    /// <summary>A team desk is refused everywhere but its own routes and what everyone may do, unless told otherwise.</summary>
    private static Outcome[] By(Outcome anonymous, Outcome member, Outcome judge, Outcome scorer, Outcome organiser, Outcome otherJudge, Outcome otherScorer, Outcome? team = null) =>
        [anonymous, member, judge, scorer, organiser, otherJudge, otherScorer, team ?? Forbidden];

    private static Outcome[] Everyone(Outcome outcome) => By(outcome, outcome, outcome, outcome, outcome, outcome, outcome, outcome);

    private static Outcome[] Everyone(int status) => Everyone(new Outcome(status));

    private static Outcome[] SignedIn(int status) => By(Required, new(status), new(status), new(status), new(status), new(status), new(status), new(status));

    private static Outcome[] TeamOnly(int status) => By(Required, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, new(status));

    private static Outcome[] OrganiserOnly(int status) => By(Required, Forbidden, Forbidden, Forbidden, new(status), Forbidden, Forbidden);

    private static Outcome[] MemberOnly(int status) => By(Required, new(status), Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);

    private static Row Row(string method, string route, Outcome[] expected, Func<AccessWorld, string> path) =>
        new(method, route, expected, (w, _) => Task.FromResult(new Call(path(w))));

    private static Row Row(string method, string route, Outcome[] expected, Func<AccessWorld, Call> call) =>
        new(method, route, expected, (w, _) => Task.FromResult(call(w)));

    private static Row Row(string method, string route, Outcome[] expected, Func<AccessWorld, bool, Call> call) =>
        new(method, route, expected, (w, fresh) => Task.FromResult(call(w, fresh)));

    private static Row Row(string method, string route, Outcome[] expected, Func<AccessWorld, bool, Task<Call>> call) =>
        new(method, route, expected, call);

    private static Call Json(string path, object body) => new(path, JsonContent.Create(body));

    private static async Task<string> BackupNameAsync(AccessWorld w)
    {
        var response = await w.Organiser.Http.PostAsync("/api/operations/backups", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("name").GetString()!;
    }

    private static MultipartFormDataContent Roster(string prefix) => new()
    {
        { new ByteArrayContent(Rosters.Xlsx(Rosters.Generate(prefix, members: 2, branches: 1))), "file", "roster.xlsx" },
    };
}
