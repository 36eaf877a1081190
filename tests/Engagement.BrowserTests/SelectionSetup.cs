using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.BrowserTests;

/// <summary>A member as printed on the branch's code sheet.</summary>
public sealed record MemberCard(string Name, string MemberNo, string Code, string Link);

/// <summary>A branch of an imported roster with its members' personal codes.</summary>
public sealed record SelectionBranch(string BranchId, string Name, IReadOnlyList<MemberCard> Members);

/// <summary>A theme-day case accepted into an event.</summary>
public sealed record SelectionCase(string CaseId, string Title, SelectionBranch Branch);

/// <summary>A judge's personal link as the organiser hands it out.</summary>
public sealed record JudgeLink(string Name, string Link);

/// <summary>
/// Arranging a case selection through the organiser API, as the console does: the parts a browser test is
/// not about (roster, event, cases, round, other judges' and members' input, the organiser's clicks).
/// API clients it signs in (judges, members) are disposed with it.
/// </summary>
public sealed class SelectionSetup(BrowserApp app) : IDisposable
{
    private readonly List<ApiClient> _clients = [];

    private HttpClient Organiser => app.Organiser.Http;

    /// <summary>Imports a roster of these branches (member numbers <paramref name="prefix"/> + 4 digits) and reads their code sheets.</summary>
    public async Task<IReadOnlyList<SelectionBranch>> ImportAsync(string prefix, params (string District, string Branch, int Members)[] branches)
    {
        var overview = await app.ImportAsync(Rosters.Build(prefix, branches));
        var result = new List<SelectionBranch>();
        foreach (var (_, name, members) in branches)
        {
            var branchId = BrowserApp.BranchId(overview, name);
            var cards = (await app.CodesAsync(branchId)).GetProperty("codes").EnumerateArray()
                .Select(c => new MemberCard(
                    c.GetProperty("name").GetString()!,
                    c.GetProperty("memberNo").GetString()!,
                    c.GetProperty("code").GetString()!,
                    c.GetProperty("link").GetString()!))
                .ToList();
            Assert.Equal(members, cards.Count);
            result.Add(new SelectionBranch(branchId, name, cards));
        }

        return result;
    }

    public async Task<string> CreateEventAsync(string title) =>
        (await ReadAsync(await Organiser.PostAsJsonAsync("/api/selection/events", new { title }), HttpStatusCode.Created, "create event"))
            .GetProperty("eventId").GetString()!;

    /// <summary>The branch's case, submitted and accepted by the organiser.</summary>
    public async Task<SelectionCase> AcceptedCaseAsync(string eventId, SelectionBranch branch, string title)
    {
        var submitted = await ReadAsync(await Organiser.PostAsJsonAsync($"/api/selection/events/{eventId}/cases", new
        {
            branchId = branch.BranchId,
            title,
            summary = "重温入党誓词，开展志愿服务",
            themeDayDate = "2026-07-01",
            attachmentIds = Array.Empty<string>(),
        }), HttpStatusCode.Created, "submit case");
        var caseId = submitted.GetProperty("caseId").GetString()!;
        await ReadAsync(await Organiser.PostAsJsonAsync($"/api/selection/events/{eventId}/cases/{caseId}/review", new { status = "Accepted", note = (string?)null }), HttpStatusCode.OK, "accept case");
        return new SelectionCase(caseId, title, branch);
    }

    /// <summary>
    /// A round over the cases (choose 1 or 2, never your own branch, first ballot final, live tallies shown),
    /// opened. A live final weighs judges 0.7 and votes 0.3; a vote round counts votes only.
    /// </summary>
    public async Task<string> OpenRoundAsync(string eventId, string name, IEnumerable<SelectionCase> cases, bool liveFinal, bool secret = false)
    {
        var round = await ReadAsync(await Organiser.PostAsJsonAsync($"/api/selection/events/{eventId}/rounds", new
        {
            name,
            kind = liveFinal ? "LiveFinal" : "Vote",
            caseIds = cases.Select(c => c.CaseId).ToArray(),
            minChoices = 1,
            maxChoices = 2,
            allowOwnBranch = false,
            revote = "FirstBallotFinal",
            secret,
            showLiveTallies = true,
            judgeWeight = liveFinal ? 0.7m : 0m,
            voteWeight = liveFinal ? 0.3m : 1m,
            voteMethod = "MaxNormalised",
        }), HttpStatusCode.Created, "create round");
        var roundId = round.GetProperty("roundId").GetString()!;
        await ReadAsync(await Organiser.PostAsync($"/api/selection/rounds/{roundId}/open", null), HttpStatusCode.OK, "open round");
        return roundId;
    }

    /// <summary>What the big screen and phones are pushed for the round (ballots, eligible, tally).</summary>
    public async Task<JsonElement> LiveAsync(string roundId) =>
        await ReadAsync(await Organiser.GetAsync($"/api/rounds/{roundId}/live"), HttpStatusCode.OK, "round live view");

    /// <summary>What the console's screen control sends: PUT /api/screens/main.</summary>
    public async Task ShowOnScreenAsync(string mode, string? roundId, string headline, string? notice = null) =>
        await ReadAsync(await Organiser.PutAsJsonAsync("/api/screens/main", new { headline, notice, mode, roundId }), HttpStatusCode.OK, $"screen mode {mode}");

    public async Task<JsonElement> StageAsync(string roundId, string caseId) =>
        await ReadAsync(await Organiser.PostAsJsonAsync($"/api/selection/rounds/{roundId}/stage", new { caseId }), HttpStatusCode.OK, "put case on stage");

    public async Task<JsonElement> PhaseAsync(string roundId, string phase) =>
        await ReadAsync(await Organiser.PostAsJsonAsync($"/api/selection/rounds/{roundId}/stage/phase", new { phase }), HttpStatusCode.OK, $"stage phase {phase}");

    public async Task CloseAsync(string roundId) =>
        await ReadAsync(await Organiser.PostAsync($"/api/selection/rounds/{roundId}/close", null), HttpStatusCode.OK, "close round");

    /// <summary>Publishes the round and returns its results (ranking, formula, finalHash).</summary>
    public async Task<JsonElement> PublishAsync(string roundId) =>
        (await ReadAsync(await Organiser.PostAsync($"/api/selection/rounds/{roundId}/publish", null), HttpStatusCode.OK, "publish round"))
            .GetProperty("results");

    /// <summary>A judge's personal link for this event; affiliated with <paramref name="branchId"/> if given.</summary>
    public async Task<JudgeLink> JudgeLinkAsync(string eventId, string name, string? branchId = null)
    {
        var grant = await ReadAsync(await Organiser.PostAsJsonAsync("/api/grants", new { role = "Judge", name, branchId, scope = eventId }), HttpStatusCode.Created, "grant judge link");
        var link = grant.GetProperty("link").GetString()!;
        Assert.Contains("/judge.html#t=", link);
        return new JudgeLink(name, link);
    }

    /// <summary>A judge who opened their link somewhere else (signed in over HTTP).</summary>
    public async Task<ApiClient> JudgeAsync(JudgeLink judge)
    {
        var client = Track(new ApiClient(app.Url));
        var token = judge.Link[(judge.Link.IndexOf("#t=", StringComparison.Ordinal) + 3)..];
        await ReadAsync(await client.Http.PostAsJsonAsync("/api/auth/link", new { token }), HttpStatusCode.OK, $"sign in judge {judge.Name}");
        return client;
    }

    public async Task ScoreAsync(ApiClient judge, string roundId, string caseId, IReadOnlyDictionary<string, decimal> marks) =>
        await ReadAsync(await judge.Http.PostAsJsonAsync($"/api/judge/rounds/{roundId}/scores", new { caseId, marks }), HttpStatusCode.OK, "judge score");

    /// <summary>A member who votes on another phone (signed in over HTTP with their code).</summary>
    public async Task<ApiClient> MemberAsync(MemberCard member)
    {
        var client = Track(new ApiClient(app.Url));
        await ReadAsync(await client.Http.PostAsJsonAsync("/api/auth/member", new { code = member.Code }), HttpStatusCode.OK, $"sign in member {member.MemberNo}");
        return client;
    }

    public async Task<JsonElement> VoteAsync(ApiClient member, string roundId, params SelectionCase[] choices) =>
        await ReadAsync(await member.Http.PostAsJsonAsync($"/api/member/rounds/{roundId}/ballots", new
        {
            ballotId = Guid.NewGuid().ToString("N"),
            choices = choices.Select(c => c.CaseId).ToArray(),
        }), HttpStatusCode.OK, "member ballot");

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private ApiClient Track(ApiClient client)
    {
        _clients.Add(client);
        return client;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            return string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
