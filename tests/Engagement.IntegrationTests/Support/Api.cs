using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Support;

/// <summary>Reading the app's answers, with the response body in every failure message.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Asserts the status and returns the body; on a mismatch the failure shows what the server said.</summary>
    public static async Task<string> ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected} {expected}.\n{Shorten(body)}");
        }

        return body;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.ExpectAsync(expected);
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException($"Empty JSON body from {response.RequestMessage?.RequestUri}");
    }

    /// <summary>A problem+json refusal with the expected status.</summary>
    public static async Task<ProblemDto> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ReadAsync<ProblemDto>(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), "A refusal must say why in `detail`.");
        return problem;
    }

    public static async Task<OverviewDto> OverviewAsync(this ApiClient client) =>
        await (await client.Http.GetAsync("/api/org")).ReadAsync<OverviewDto>();

    public static async Task<BranchDetailsDto> BranchAsync(this ApiClient client, string branchId) =>
        await (await client.Http.GetAsync($"/api/org/branches/{branchId}")).ReadAsync<BranchDetailsDto>();

    public static async Task<CodeSheetDto> CodesAsync(this ApiClient client, string branchId) =>
        await (await client.Http.GetAsync($"/api/org/branches/{branchId}/codes")).ReadAsync<CodeSheetDto>();

    public static async Task<ScreenDto> ScreenAsync(this ApiClient client) =>
        await (await client.Http.GetAsync("/api/screens/main")).ReadAsync<ScreenDto>();

    public static async Task<ScreenDto> ShowOnScreenAsync(this ApiClient client, string headline, string? notice = null) =>
        await (await client.Http.PutAsJsonAsync("/api/screens/main", new { headline, notice })).ReadAsync<ScreenDto>();

    public static async Task<ImportSummaryDto> ImportOkAsync(this ApiClient client, byte[] file, string fileName) =>
        await (await client.ImportAsync(file, fileName)).ReadAsync<ImportSummaryDto>();

    public static async Task<MemberDto> AddMemberAsync(this ApiClient client, string memberNo, string name, string? phone, string branchId) =>
        await (await client.Http.PostAsJsonAsync("/api/org/members", new { memberNo, name, phone, branchId })).ReadAsync<MemberDto>(HttpStatusCode.Created);

    public static async Task<BranchDto> CreateBranchAsync(this ApiClient client, string name, string district) =>
        await (await client.Http.PostAsJsonAsync("/api/org/branches", new { name, district })).ReadAsync<BranchDto>(HttpStatusCode.Created);

    /// <summary>Signs in with a member code; returns the response for the caller to judge.</summary>
    public static Task<HttpResponseMessage> MemberLoginAsync(this ApiClient client, string code) =>
        client.Http.PostAsJsonAsync("/api/auth/member", new { code });

    public static async Task<MeDto> MeAsync(this ApiClient client) =>
        await (await client.Http.GetAsync("/api/auth/me")).ReadAsync<MeDto>();

    public static BranchDto Branch(this OverviewDto overview, string name) =>
        overview.Branches.SingleOrDefault(b => b.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"Branch {name} is not in the overview: {string.Join(", ", overview.Branches.Select(b => b.Name))}");

    public static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    private static string Shorten(string body) => body.Length > 4000 ? body[..4000] + "…" : body;
}
