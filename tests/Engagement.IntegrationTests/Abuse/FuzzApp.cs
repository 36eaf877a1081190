using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// The demo installation (rounds, tallies, judges' scores, a roster, a bracket with a running match),
/// run as in production, with one signed-in client per role so fuzzed input gets past the door to the
/// handler, and the real ids a malformed request can aim at.
/// </summary>
public sealed class FuzzApp : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public AppProcess App { get; private set; } = null!;
    public string Url => App.Url!;
    public DemoIds Ids { get; private set; } = null!;
    private Dictionary<string, ApiClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = Path.Combine(_temp.Path, "data");
        settings["Engagement:Demo"] = "true";
        // The fuzzer sends hundreds of malformed ballots and sign-ins a second as one member from one
        // address: it means to reach the validation behind the rate limits (Trust/BallotRateTests test those).
        settings["Engagement:RateLimits:BallotBurst"] = "100000";
        settings["Engagement:RateLimits:BallotsPerSecond"] = "100000";
        settings["Engagement:RateLimits:SignInBurst"] = "100000";
        settings["Engagement:RateLimits:SignInsPerSecond"] = "100000";
        // Production, not Development: what an attacker meets is the production error handling.
        App = await AppProcess.StartWebAsync("fuzz", settings, environment: new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        var organiser = await App.OrganiserAsync();
        Clients[FuzzRole.Organiser] = organiser;
        Clients[FuzzRole.Anonymous] = new ApiClient(Url);
        Ids = await DemoIds.ReadAsync(organiser) with { Contest = await ContestIds.SetUpAsync(organiser) };

        var member = new ApiClient(Url);
        await (await member.MemberLoginAsync(Ids.MemberCode)).ExpectAsync(HttpStatusCode.OK);
        Clients[FuzzRole.Member] = member;
        Clients[FuzzRole.Judge] = await SignInWithLinkAsync(Ids.JudgeToken);
        Clients[FuzzRole.Scorer] = await SignInWithLinkAsync(Ids.ScorerToken);
        Clients[FuzzRole.Team] = await SignInWithLinkAsync(Ids.Contest.TeamToken);
    }

    public ApiClient Client(string role) => Clients[role];

    private async Task<ApiClient> SignInWithLinkAsync(string token)
    {
        var client = new ApiClient(Url);
        await (await client.Http.PostAsJsonAsync("/api/auth/link", new { token })).ExpectAsync(HttpStatusCode.OK);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        _temp.Dispose();
    }
}

/// <summary>Who sends a fuzzed request: the role allowed to call the endpoint, or nobody.</summary>
public static class FuzzRole
{
    public const string Anonymous = "anonymous";
    public const string Organiser = "organiser";
    public const string Member = "member";
    public const string Judge = "judge";
    public const string Scorer = "scorer";
    public const string Team = "team";
}

/// <summary>Real ids of the demo data, read through the organiser's API once the demo is seeded.</summary>
public sealed record DemoIds(
    string BranchId, string BranchName, string District, string MemberNo, string MemberName, string MemberCode,
    string EventId, string CaseId, string OtherCaseId, string PublishedRoundId, string LiveRoundId, string CriterionId,
    string GrantId, string JudgeToken, string ScorerToken,
    string TournamentId, string RunningMatchId, string Court, string FinishedMatchId, string LockedMatchId, string Receipt)
{
    /// <summary>The fuzzer's own contest (issue 12), set up through the API so it does not wait for the demo's.</summary>
    public ContestIds Contest { get; init; } = null!;

    public static async Task<DemoIds> ReadAsync(ApiClient organiser)
    {
        // The seeder writes the tournament's four scorer links last: once they exist, everything does.
        var grants = await WaitForAsync(organiser, "/api/grants", g => g.EnumerateArray().Count(IsScorer) == 4);
        var events = await GetAsync(organiser, "/api/selection/events");
        var tournaments = await GetAsync(organiser, "/api/tournaments");

        var eventId = events[0].GetProperty("eventId").GetString()!;
        var selection = await GetAsync(organiser, $"/api/selection/events/{eventId}");
        var roundIds = selection.GetProperty("roundIds").EnumerateArray().Select(r => r.GetString()!).ToList();
        var live = await GetAsync(organiser, $"/api/selection/rounds/{roundIds[^1]}");
        var liveCases = live.GetProperty("round").GetProperty("cases").EnumerateArray().ToList();
        var receipts = await GetAsync(organiser, $"/api/rounds/{roundIds[0]}/receipts");

        // A member of a branch without a case in the final, so no ballot of theirs is ever "own branch".
        var finalists = liveCases.Select(c => c.GetProperty("branchId").GetString()).ToHashSet();
        var overview = await organiser.OverviewAsync();
        var branch = overview.Branches.First(b => b.MemberCount > 0 && !finalists.Contains(b.BranchId));
        var card = (await organiser.CodesAsync(branch.BranchId)).Codes[0];

        var tournamentId = tournaments[0].GetProperty("tournamentId").GetString()!;
        var matches = (await GetAsync(organiser, $"/api/public/tournaments/{tournamentId}")).GetProperty("matches").EnumerateArray().ToList();
        var running = matches.First(m => m.GetProperty("status").GetString() == "Running");
        var court = running.GetProperty("court").GetString()!;
        var judge = grants.EnumerateArray().First(g => g.GetProperty("grant").GetProperty("role").GetString() == "Judge"
                                                       && g.GetProperty("grant").GetProperty("branchId").ValueKind == JsonValueKind.Null);
        var scorer = grants.EnumerateArray().First(g => IsScorer(g) && g.GetProperty("grant").GetProperty("name").GetString() == court);

        return new DemoIds(
            branch.BranchId, branch.Name, branch.District, card.MemberNo, card.Name, card.Code,
            eventId, liveCases[0].GetProperty("caseId").GetString()!, liveCases[1].GetProperty("caseId").GetString()!,
            roundIds[0], roundIds[^1], selection.GetProperty("rubric")[0].GetProperty("id").GetString()!,
            judge.GetProperty("grant").GetProperty("grantId").GetString()!, Token(judge), Token(scorer),
            tournamentId, running.GetProperty("matchId").GetString()!, court,
            matches.First(m => m.GetProperty("status").GetString() == "Completed").GetProperty("matchId").GetString()!,
            matches.First(m => m.GetProperty("status").GetString() == "Locked").GetProperty("matchId").GetString()!,
            receipts.EnumerateArray().Select(r => r.GetString()).FirstOrDefault() ?? "ABCD-EFGH-JKMN");
    }

    private static bool IsScorer(JsonElement grant) => grant.GetProperty("grant").GetProperty("role").GetString() == "Scorer";

    private static string Token(JsonElement grant) => grant.GetProperty("link").GetString()!.Split("#t=")[1];

    private static async Task<JsonElement> GetAsync(ApiClient client, string path) =>
        await (await client.Http.GetAsync(path)).ReadAsync<JsonElement>();

    /// <summary>The demo seeds in the background after start: wait until its part is there.</summary>
    private static async Task<JsonElement> WaitForAsync(ApiClient client, string path, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var value = await GetAsync(client, path);
            if (ready(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo did not seed {path} in time: {value}");
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>
/// A contest for the fuzzer (issue 12): a bank of 8 questions, a running hall round with question 1 shown (not open, so
/// no countdown locks it during the fuzzing and changes the fingerprint), and a running stage final whose first
/// question is a risk question for team t1, the team desk signed in.
/// </summary>
public sealed record ContestIds(string ContestId, string QuestionId, string TeamToken)
{
    public static async Task<ContestIds> SetUpAsync(ApiClient organiser)
    {
        var rows = Contests.Generate("FUZZQ", 8);
        await (await organiser.ImportBankAsync(Contests.Xlsx(rows), "bank.xlsx")).ExpectAsync(HttpStatusCode.OK);
        var ids = rows.Select(r => r.Id).ToList();
        var contestId = await organiser.CreateContestAsync("模糊测试竞赛", ids.Take(3), answerSeconds: 30);
        await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{contestId}/start", null), HttpStatusCode.OK);
        await organiser.StepAsync(contestId, 1, "Shown");
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/contests/{contestId}/stage",
            Contests.StageSetup(2, ids.Skip(3).ToList(), ("Risk", "t1"), ("Buzzer", null), ("Required", "t2"))), HttpStatusCode.OK);
        await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{contestId}/stage/start", null), HttpStatusCode.OK);
        var grant = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Team", name = "模糊第1队", branchId = "t1", scope = contestId }), HttpStatusCode.Created);
        return new ContestIds(contestId, ids[^1], grant.GetProperty("link").GetString()!.Split("#t=")[1]);
    }
}
