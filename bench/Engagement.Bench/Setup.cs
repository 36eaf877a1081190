using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Engagement.Bench;

/// <summary>A signed-in phone: its member number, the cookie its sign-in set, and which web host it uses.</summary>
public sealed record Phone(string MemberNo, string Cookie, int Host);

/// <summary>An open vote round and the phones that will vote in it.</summary>
public sealed record Hall(string EventId, string RoundId, IReadOnlyList<string> CaseIds, IReadOnlyList<Phone> Phones, string OrganiserCookie);

/// <summary>What the organiser sees of a closed round: its ballot count and tally per case.</summary>
public sealed record Count(int Ballots, IReadOnlyDictionary<string, int> Tally);

/// <summary>
/// Prepares a hall through the public API, as the organiser console and the phones do: roster import,
/// an event with accepted cases, an open round (choose 1–2, own branch allowed), every member signed in.
/// With several web hosts the organiser works on the first and phone i signs in on host i mod n.
/// </summary>
public static class Setup
{
    private const int Branches = 50;
    private const int Cases = 6;
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳"];

    /// <summary>One client for everything: cookies are sent by hand, so one connection pool serves all phones.</summary>
    public static HttpClient NewClient(string baseUrl)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Engagement-Csrf", "1");
        return http;
    }

    /// <param name="revote">"FirstBallotFinal" (the hall votes once) or "LastBallotCounts" (members may vote again).</param>
    public static async Task<Hall> PrepareAsync(IReadOnlyList<HttpClient> hosts, int members, string revote = "FirstBallotFinal")
    {
        var http = hosts[0];
        var organiser = await SignInAsync(http, "/api/auth/login",
            new { userName = Server.OrganiserUserName, password = Server.OrganiserPassword });

        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(RosterCsv(members)), "file", "roster.csv");
            await Expect(await Send(http, HttpMethod.Post, "/api/org/import", organiser, form), HttpStatusCode.OK);
        }

        var overview = await Expect(await Send(http, HttpMethod.Get, "/api/org", organiser), HttpStatusCode.OK);
        var branchIds = overview.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branchId").GetString()!).ToList();

        var created = await Expect(await Send(http, HttpMethod.Post, "/api/selection/events", organiser, Json(new { title = "基准测试评选" })), HttpStatusCode.Created);
        var eventId = created.GetProperty("eventId").GetString()!;
        var caseIds = new List<string>();
        foreach (var branchId in branchIds.Take(Cases))
        {
            var submitted = await Expect(await Send(http, HttpMethod.Post, $"/api/selection/events/{eventId}/cases", organiser,
                Json(new { branchId, title = $"案例{caseIds.Count + 1}", summary = "重温入党誓词", themeDayDate = "2026-07-01", attachmentIds = Array.Empty<string>() })), HttpStatusCode.Created);
            var caseId = submitted.GetProperty("caseId").GetString()!;
            await Expect(await Send(http, HttpMethod.Post, $"/api/selection/events/{eventId}/cases/{caseId}/review", organiser,
                Json(new { status = "Accepted", note = (string?)null })), HttpStatusCode.OK);
            caseIds.Add(caseId);
        }

        var roundId = await OpenRoundAsync(http, organiser, eventId, caseIds, revote);
        var codes = new List<(string MemberNo, string Code)>();
        foreach (var branchId in branchIds)
        {
            var sheet = await Expect(await Send(http, HttpMethod.Get, $"/api/org/branches/{branchId}/codes", organiser), HttpStatusCode.OK);
            codes.AddRange(sheet.GetProperty("codes").EnumerateArray().Select(c => (c.GetProperty("memberNo").GetString()!, c.GetProperty("code").GetString()!)));
        }

        // Sign-ins are part of setting up, not of the measurement; a few in parallel keeps it short.
        var phones = new Phone[codes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, codes.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            phones[i] = new Phone(codes[i].MemberNo, await SignInAsync(hosts[i % hosts.Count], "/api/auth/member", new { code = codes[i].Code }), i % hosts.Count));
        return new Hall(eventId, roundId, caseIds, phones, organiser);
    }

    /// <summary>Another open round of the same event, for the same phones.</summary>
    public static async Task<Hall> AnotherRoundAsync(HttpClient http, Hall hall, string revote) =>
        hall with { RoundId = await OpenRoundAsync(http, hall.OrganiserCookie, hall.EventId, hall.CaseIds, revote) };

    private static async Task<string> OpenRoundAsync(HttpClient http, string organiser, string eventId, IReadOnlyList<string> caseIds, string revote)
    {
        var round = await Expect(await Send(http, HttpMethod.Post, $"/api/selection/events/{eventId}/rounds", organiser, Json(new
        {
            name = "基准投票",
            kind = "Vote",
            caseIds,
            minChoices = 1,
            maxChoices = 2,
            allowOwnBranch = true,
            revote,
            secret = false,
            showLiveTallies = true,
            judgeWeight = 0m,
            voteWeight = 1m,
            voteMethod = "MaxNormalised",
        })), HttpStatusCode.Created);
        var roundId = round.GetProperty("roundId").GetString()!;
        await Expect(await Send(http, HttpMethod.Post, $"/api/selection/rounds/{roundId}/open", organiser), HttpStatusCode.OK);
        return roundId;
    }

    /// <summary>Closes the round and reads the organiser's view of it: the ballots it counts and its tally.</summary>
    public static async Task<Count> CloseAndCountAsync(HttpClient http, Hall hall)
    {
        await Expect(await Send(http, HttpMethod.Post, $"/api/selection/rounds/{hall.RoundId}/close", hall.OrganiserCookie), HttpStatusCode.OK);
        var details = await Expect(await Send(http, HttpMethod.Get, $"/api/selection/rounds/{hall.RoundId}", hall.OrganiserCookie), HttpStatusCode.OK);
        var tally = details.GetProperty("tally").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        return new Count(details.GetProperty("round").GetProperty("ballots").GetInt32(), tally);
    }

    /// <summary>
    /// Size of the round's live snapshot as JSON (the public GET that returns the same payload every push
    /// carries): what each subscribed phone and screen receives, up to ten times a second.
    /// </summary>
    public static async Task<int> LivePayloadBytesAsync(HttpClient http, Hall hall)
    {
        using var response = await http.GetAsync($"/api/rounds/{hall.RoundId}/live");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>
    /// How many entries the round's ledger stream holds (the organiser's audit view): every ballot ever
    /// accepted, replaced or not, plus the round's status changes and recorded refusals.
    /// </summary>
    public static async Task<long> LedgerEntriesAsync(HttpClient http, Hall hall)
    {
        var audit = await Expect(await Send(http, HttpMethod.Get, $"/api/selection/rounds/{hall.RoundId}/audit?limit=0", hall.OrganiserCookie), HttpStatusCode.OK);
        return audit[0].GetProperty("count").GetInt64();
    }

    public static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string cookie, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return http.SendAsync(request);
    }

    public static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");

    public static async Task<string> SignInAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        await Expect(response, HttpStatusCode.OK);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
        return string.Join("; ", cookies);
    }

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body[..Math.Min(body.Length, 2000)]}");
        }

        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A UTF-8 CSV roster with the Chinese headers the import recognises.</summary>
    public static byte[] RosterCsv(int members)
    {
        var text = new StringBuilder("片区,党支部,姓名,党员编号,手机号\r\n");
        for (var i = 0; i < members; i++)
        {
            var branch = i % Branches;
            var name = Surnames[i % Surnames.Length] + Given[i * 7 % Given.Length] + Given[(i * 5 + 3) % Given.Length];
            text.Append($"第{branch % 5 + 1}片区,基准学校第{branch + 1}党支部,{name},BM{i + 1:D6},139{i + 1:D8}\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }
}
