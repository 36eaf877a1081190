using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Microsoft.AspNetCore.SignalR;

namespace Engagement.IntegrationTests;

/// <summary>An embedded app with a small roster, an organiser and a member signed in.</summary>
public sealed class AccessApp : IAsyncLifetime
{
    public const string Prefix = "ACC";
    private readonly TempDirectory _temp = new();

    public AppProcess App { get; private set; } = null!;
    public string Url => App.Url!;
    public ApiClient Anonymous { get; private set; } = null!;
    public ApiClient Organiser { get; private set; } = null!;
    public ApiClient Member { get; private set; } = null!;
    public BranchDto Branch { get; private set; } = null!;
    public BranchDto OtherBranch { get; private set; } = null!;
    public MemberDto SignedInMember { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestApps.StartEmbeddedAsync("access", Path.Combine(_temp.Path, "data"));
        Anonymous = new ApiClient(Url);
        Organiser = await App.OrganiserAsync();
        await Organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate(Prefix, members: 8, branches: 2)), "roster.xlsx");
        var overview = await Organiser.OverviewAsync();
        Branch = overview.Branch(Rosters.BranchName(Prefix, 0));
        OtherBranch = overview.Branch(Rosters.BranchName(Prefix, 1));
        SignedInMember = (await Organiser.BranchAsync(Branch.BranchId)).Members[0];
        var card = (await Organiser.CodesAsync(Branch.BranchId)).Codes.Single(c => c.MemberNo == SignedInMember.MemberNo);
        Member = new ApiClient(Url);
        await (await Member.MemberLoginAsync(card.Code)).ExpectAsync(HttpStatusCode.OK);
    }

    public ApiClient Client(string role) => role switch
    {
        "anonymous" => Anonymous,
        "member" => Member,
        "organiser" => Organiser,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public async Task DisposeAsync()
    {
        Anonymous?.Dispose();
        Organiser?.Dispose();
        Member?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        _temp.Dispose();
    }
}

/// <summary>
/// Who may do what: organisers run the console API, members only see themselves, anyone may watch the
/// big screen. Every state change needs the CSRF header; member codes identify exactly one member.
/// </summary>
[Collection(Collections.Access)]
public sealed class AccessTests(AccessApp fixture) : IClassFixture<AccessApp>
{
    private static int _unique;

    /// <summary>Method and path (placeholders in braces are filled in per request), body, and the expected status per role.</summary>
    private static readonly (string Request, string Body, int Anonymous, int Member, int Organiser)[] Matrix =
    [
        ("GET /api/org", "", 401, 403, 200),
        ("GET /api/org/", "", 401, 403, 200),
        ("GET /api/org/branches/{branch}", "", 401, 403, 200),
        ("GET /api/org/branches/{branch}/codes", "", 401, 403, 200),
        ("POST /api/org/branches", "new-branch", 401, 403, 201),
        ("PUT /api/org/branches/{branch}", "same-branch", 401, 403, 200),
        ("DELETE /api/org/branches/{fresh-branch}", "", 401, 403, 204),
        ("POST /api/org/members", "new-member", 401, 403, 201),
        ("PUT /api/org/members/{member}", "same-member", 401, 403, 200),
        ("DELETE /api/org/members/{fresh-member}", "", 401, 403, 204),
        ("POST /api/org/members/{fresh-member}/revoke-code", "", 401, 403, 200),
        ("POST /api/org/import", "roster", 401, 403, 200),
        ("GET /api/screens/main", "", 200, 200, 200),
        ("PUT /api/screens/main", "screen", 401, 403, 200),
        ("GET /api/auth/me", "", 401, 200, 200),
        ("GET /dashboard/", "", 401, 403, 200),
        ("GET /openapi/v1.json", "", 200, 200, 200),
        ("GET /health", "", 200, 200, 200),
        ("GET /health/live", "", 200, 200, 200),
        ("GET /health/ready", "", 200, 200, 200),
        ("GET /api/qr?text=hello", "", 200, 200, 200),
        ("GET /screen.html", "", 200, 200, 200),
        ("GET /api/selection/events", "", 401, 403, 200),
        ("GET /api/grants", "", 401, 403, 200),
        ("GET /api/member/rounds", "", 401, 200, 403),
        ("GET /api/member/events", "", 401, 200, 403),
        ("GET /api/judge/desk", "", 401, 403, 403),
        ("GET /api/tournaments", "", 401, 403, 200),
        ("GET /api/tournaments/presets", "", 401, 403, 200),
        ("GET /api/public/tournaments", "", 200, 200, 200),
        ("GET /api/scorer/court", "", 401, 403, 403),
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (request, _, anonymous, member, organiser) in Matrix)
        {
            data.Add(request, "anonymous", anonymous);
            data.Add(request, "member", member);
            data.Add(request, "organiser", organiser);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_the_expected_status(string request, string role, int expected)
    {
        var body = Matrix.Single(m => m.Request == request).Body;
        using var message = await BuildAsync(request, body);

        var response = await fixture.Client(role).Http.SendAsync(message);

        await response.ExpectAsync((HttpStatusCode)expected);
        if (expected is 401 or 403)
        {
            var problem = await response.ProblemAsync((HttpStatusCode)expected);
            Assert.Equal(expected == 401 ? "auth.required" : "auth.forbidden", problem.Code);
        }
    }

    [Fact]
    public async Task Refused_writes_change_nothing()
    {
        var screen = await fixture.Anonymous.ScreenAsync();
        var overview = await fixture.Organiser.OverviewAsync();

        foreach (var client in new[] { fixture.Anonymous, fixture.Member })
        {
            Assert.True((await client.Http.PutAsJsonAsync("/api/screens/main", new { headline = "被拒绝的标题" })).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
            Assert.True((await client.Http.PostAsJsonAsync("/api/org/branches", new { name = "被拒绝的支部", district = "东部片区" })).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
            Assert.True((await client.Http.DeleteAsync($"/api/org/members/{fixture.SignedInMember.MemberNo}")).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }

        Assert.Equal(screen.Revision, (await fixture.Anonymous.ScreenAsync()).Revision);
        var after = await fixture.Organiser.OverviewAsync();
        Assert.DoesNotContain(after.Branches, b => b.Name == "被拒绝的支部");
        Assert.Contains((await fixture.Organiser.BranchAsync(fixture.Branch.BranchId)).Members, m => m.MemberNo == fixture.SignedInMember.MemberNo);
    }

    [Fact]
    public async Task State_changing_request_without_the_CSRF_header_is_refused_with_403()
    {
        using var organiserWithoutHeader = new HttpClient(new HttpClientHandler { CookieContainer = fixture.Organiser.Cookies }) { BaseAddress = new Uri(fixture.Url) };
        using var anonymousWithoutHeader = new HttpClient { BaseAddress = new Uri(fixture.Url) };
        var screen = await fixture.Anonymous.ScreenAsync();

        var put = await organiserWithoutHeader.PutAsJsonAsync("/api/screens/main", new { headline = "伪造的标题" });
        Assert.Equal("csrf.missing", (await put.ProblemAsync(HttpStatusCode.Forbidden)).Code);
        var post = await organiserWithoutHeader.PostAsJsonAsync("/api/org/branches", new { name = "伪造的支部", district = "东部片区" });
        Assert.Equal("csrf.missing", (await post.ProblemAsync(HttpStatusCode.Forbidden)).Code);
        var login = await anonymousWithoutHeader.PostAsJsonAsync("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword });
        Assert.Equal("csrf.missing", (await login.ProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.False(login.Headers.Contains("Set-Cookie"), "A refused sign-in must not set a cookie");

        Assert.Equal(screen.Revision, (await fixture.Anonymous.ScreenAsync()).Revision);
        Assert.DoesNotContain((await fixture.Organiser.OverviewAsync()).Branches, b => b.Name == "伪造的支部");
        // Reading needs no header.
        await (await organiserWithoutHeader.GetAsync("/api/org")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Member_code_signs_in_as_that_member_only()
    {
        var cards = (await fixture.Organiser.CodesAsync(fixture.Branch.BranchId)).Codes;
        var (first, second) = (cards[1], cards[2]);

        foreach (var card in new[] { first, second })
        {
            using var phone = new ApiClient(fixture.Url);
            var signIn = await (await phone.MemberLoginAsync(card.Code)).ReadAsync<MeDto>();
            Assert.Equal(card.MemberNo, signIn.MemberNo);
            var me = await phone.MeAsync();
            Assert.Equal(("member", card.MemberNo, fixture.Branch.BranchId, card.Name), (me.Role, me.MemberNo, me.BranchId, me.Name));
            // A member is not an organiser.
            await (await phone.Http.GetAsync("/api/org")).ExpectAsync(HttpStatusCode.Forbidden);
        }

        // Typed by hand: lower case and spaces instead of dashes still identify the same member.
        using (var typed = new ApiClient(fixture.Url))
        {
            var me = await (await typed.MemberLoginAsync(first.Code.ToLowerInvariant().Replace('-', ' '))).ReadAsync<MeDto>();
            Assert.Equal(first.MemberNo, me.MemberNo);
        }

        // The locator of one member with the secret part of another is no code at all.
        using var forger = new ApiClient(fixture.Url);
        var forged = first.Code[..4] + second.Code[4..];
        Assert.Equal("auth.bad-code", (await (await forger.MemberLoginAsync(forged)).ProblemAsync(HttpStatusCode.Unauthorized)).Code);
        await (await forger.Http.GetAsync("/api/auth/me")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoked_member_code_no_longer_signs_in()
    {
        var member = await fixture.Organiser.AddMemberAsync($"{AccessApp.Prefix}R{Interlocked.Increment(ref _unique):D3}", "撤销码", null, fixture.OtherBranch.BranchId);
        var oldCode = (await fixture.Organiser.CodesAsync(fixture.OtherBranch.BranchId)).Codes.Single(c => c.MemberNo == member.MemberNo).Code;
        using (var before = new ApiClient(fixture.Url))
        {
            await (await before.MemberLoginAsync(oldCode)).ExpectAsync(HttpStatusCode.OK);
        }

        var revoked = await (await fixture.Organiser.Http.PostAsync($"/api/org/members/{member.MemberNo}/revoke-code", null)).ReadAsync<MemberDto>();
        Assert.Equal(member.CodeGeneration + 1, revoked.CodeGeneration);

        using var after = new ApiClient(fixture.Url);
        Assert.Equal("auth.bad-code", (await (await after.MemberLoginAsync(oldCode)).ProblemAsync(HttpStatusCode.Unauthorized)).Code);
        var newCode = (await fixture.Organiser.CodesAsync(fixture.OtherBranch.BranchId)).Codes.Single(c => c.MemberNo == member.MemberNo).Code;
        Assert.NotEqual(oldCode, newCode);
        Assert.Equal(member.MemberNo, (await (await after.MemberLoginAsync(newCode)).ReadAsync<MeDto>()).MemberNo);
    }

    [Fact]
    public async Task Sign_in_cookies_are_HttpOnly_and_SameSite_Lax()
    {
        using var raw = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(fixture.Url) };
        raw.DefaultRequestHeaders.Add("X-Engagement-Csrf", "1");

        var organiser = await raw.PostAsJsonAsync("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword });
        await organiser.ExpectAsync(HttpStatusCode.OK);
        AssertProtectedCookie(organiser);

        var code = (await fixture.Organiser.CodesAsync(fixture.Branch.BranchId)).Codes[3].Code;
        var member = await raw.PostAsJsonAsync("/api/auth/member", new { code });
        await member.ExpectAsync(HttpStatusCode.OK);
        var memberCookie = AssertProtectedCookie(member);
        Assert.Contains("expires=", memberCookie, StringComparison.OrdinalIgnoreCase); // a phone stays signed in
    }

    [Fact]
    public async Task Organisation_topic_is_refused_to_anonymous_and_member_hub_clients()
    {
        await using var anonymous = await LiveClient.ConnectAsync(fixture.Url);
        var refused = await Assert.ThrowsAsync<HubException>(() => anonymous.SubscribeAsync("org"));
        Assert.Contains("topic.unknown", refused.Message);

        await using var member = await LiveClient.ConnectAsync(fixture.Url, fixture.Member.Cookies);
        await Assert.ThrowsAsync<HubException>(() => member.SubscribeAsync("org"));

        await using var organiser = await LiveClient.ConnectAsync(fixture.Url, fixture.Organiser.Cookies);
        var snapshot = await organiser.SubscribeAsync("org");
        Assert.Equal("org", snapshot.GetProperty("topic").GetString());
        Assert.True(snapshot.GetProperty("payload").GetProperty("memberCount").GetInt32() >= 8, snapshot.ToString());
    }

    [Fact]
    public async Task Big_screen_topic_works_anonymously_and_pushes_changes()
    {
        await using var screen = await LiveClient.ConnectAsync(fixture.Url);
        var snapshot = await screen.SubscribeAsync("screen:main");
        Assert.Equal("screen:main", snapshot.GetProperty("topic").GetString());
        Assert.Equal((await fixture.Anonymous.ScreenAsync()).Headline, LiveClient.Headline(snapshot));

        var headline = "实时推送 " + Guid.NewGuid().ToString("N")[..6];
        await fixture.Organiser.ShowOnScreenAsync(headline);

        var update = await screen.WaitForAsync(u => LiveClient.Headline(u) == headline, TimeSpan.FromSeconds(10));
        Assert.True(update.HasValue, $"No update with \"{headline}\" within 10 s; got: {string.Join(" | ", screen.Updates.Select(u => u.ToString()))}");
        Assert.True(update.Value.GetProperty("version").GetInt64() > snapshot.GetProperty("version").GetInt64());
    }

    private static string AssertProtectedCookie(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "No Set-Cookie header on sign-in");
        var cookie = Assert.Single(values, v => v.StartsWith("engagement=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        return cookie;
    }

    private async Task<HttpRequestMessage> BuildAsync(string request, string body)
    {
        var (method, path) = (request[..request.IndexOf(' ')], request[(request.IndexOf(' ') + 1)..]);
        var organiser = fixture.Organiser;
        var n = Interlocked.Increment(ref _unique);
        if (path.Contains("{fresh-branch}"))
        {
            path = path.Replace("{fresh-branch}", (await organiser.CreateBranchAsync($"{AccessApp.Prefix}待删支部{n}", "东部片区")).BranchId);
        }

        if (path.Contains("{fresh-member}"))
        {
            path = path.Replace("{fresh-member}", (await organiser.AddMemberAsync($"{AccessApp.Prefix}F{n:D3}", "临时党员", null, fixture.OtherBranch.BranchId)).MemberNo);
        }

        path = path.Replace("{branch}", fixture.Branch.BranchId).Replace("{member}", fixture.SignedInMember.MemberNo);
        var member = fixture.SignedInMember;
        var message = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body switch
            {
                "" => null,
                "new-branch" => JsonContent.Create(new { name = $"{AccessApp.Prefix}新支部{n}", district = "东部片区" }),
                "same-branch" => JsonContent.Create(new { name = fixture.Branch.Name, district = fixture.Branch.District }),
                "new-member" => JsonContent.Create(new { memberNo = $"{AccessApp.Prefix}N{n:D3}", name = "新党员", phone = (string?)null, branchId = fixture.OtherBranch.BranchId }),
                "same-member" => JsonContent.Create(new { memberNo = member.MemberNo, name = member.Name, phone = member.Phone, branchId = member.BranchId }),
                "screen" => JsonContent.Create(new { headline = $"权限测试{n}" }),
                "roster" => Roster(n),
                _ => throw new ArgumentOutOfRangeException(nameof(body), body, null),
            },
        };
        return message;
    }

    private static MultipartFormDataContent Roster(int n) => new()
    {
        { new ByteArrayContent(Rosters.Xlsx(Rosters.Generate($"ACCI{n}X", members: 2, branches: 1))), "file", "roster.xlsx" },
    };
}

/// <summary>Guessing member codes is held to ten failures a minute per address.</summary>
[Collection(Collections.Access)]
public sealed class MemberCodeGuessingTests
{
    [Fact]
    public async Task Eleventh_failed_code_within_a_minute_gets_429_with_Retry_After()
    {
        using var temp = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("code-guessing", Path.Combine(temp.Path, "data"));
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("GUESS", members: 3, branches: 1)), "roster.xlsx");
        var branchId = (await organiser.OverviewAsync()).Branch(Rosters.BranchName("GUESS", 0)).BranchId;
        var realCode = (await organiser.CodesAsync(branchId)).Codes[0].Code;

        using var guesser = new ApiClient(app.Url!);
        // Well-formed codes for a real member, wrong in the secret part.
        var wrongCodes = "0123456789ABCDEFGHJK".Select(c => realCode[..12] + c + c).Where(c => c != realCode).Take(11).ToList();
        for (var i = 0; i < 10; i++)
        {
            var wrong = wrongCodes[i];
            var refused = await guesser.MemberLoginAsync(wrong);
            Assert.Equal("auth.bad-code", (await refused.ProblemAsync(HttpStatusCode.Unauthorized)).Code);
        }

        var throttled = await guesser.MemberLoginAsync(wrongCodes[10]);
        var problem = await throttled.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("auth.throttled", problem.Code);
        Assert.True(throttled.Headers.RetryAfter?.Delta is not null, "429 without a Retry-After header in seconds");
        var retryAfter = throttled.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.Contains(((int)retryAfter.TotalSeconds).ToString(), problem.Detail);

        // Within the window even the right code is refused, so the guesser cannot tell a hit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.MemberLoginAsync(realCode)).StatusCode);
        // Organiser sign-in has its own throttle and still works.
        using var organiserAgain = await app.OrganiserAsync();
    }
}
