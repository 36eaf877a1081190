using System.Net;
using System.Text;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// Cross-site request forgery. Two layers: the sign-in cookie is SameSite=Lax, so a browser does not send
/// it with a POST (or fetch) started by another site at all; and every state-changing /api request must
/// carry the X-Engagement-Csrf header. The header covers what SameSite does not: browsers that ignore it,
/// and attackers that are "same-site" without being same-origin (another app on a sibling subdomain). A
/// page can only add a custom header to another origin's request after a CORS preflight, which this app
/// never grants — and a plain HTML form cannot add headers at all.
/// </summary>
[Collection(Collections.Access)]
public sealed class CsrfTests(AccessWorld world)
{
    [Fact]
    public async Task Every_state_changing_api_request_without_the_header_is_refused_and_changes_nothing()
    {
        var before = await world.StateAsync();
        var writes = AccessMatrix.Rows.Where(r => r.ChangesState).ToList();
        // The SignalR negotiation only hands out a connection id; it changes nothing and is not under /api.
        Assert.Equal(["POST /hubs/live/negotiate"], writes.Where(r => !r.Route.StartsWith("/api/", StringComparison.Ordinal)).Select(r => r.Request));

        foreach (var row in writes.Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal)))
        {
            // As a role that may make this request, so only the missing header stands in the way.
            var role = Enum.GetValues<Role>().FirstOrDefault(r => row.Expected[(int)r].Allows, Role.Anonymous);
            using var response = await world.SendAsync(role, row.HttpMethod, await row.Fill(world, false), csrfHeader: false);

            await Answers.ExpectAsync(response, new Outcome(403, "csrf.missing"), $"{row.Request} as {role} without the header");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{row.Request}: a refused request must not set a cookie");
        }

        Answers.Unchanged(before, await world.StateAsync());
    }

    /// <summary>What a forged HTML form can send: form-encoded, multipart or text/plain, with the cookie, from another origin.</summary>
    [Theory]
    [InlineData("POST", "/api/org/branches", "application/x-www-form-urlencoded", "name=伪造的支部&district=东部片区")]
    [InlineData("POST", "/api/grants", "text/plain", "{\"role\":\"Judge\",\"name\":\"伪造的评委\",\"scope\":null}")]
    [InlineData("POST", "/api/selection/events", "text/plain", "{\"title\":\"伪造的评选\"}")]
    [InlineData("POST", "/api/org/import", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n\r\n片区,党支部,姓名,党员编号,手机号\r\n东部片区,伪造支部,伪造,FORGE0001,\r\n--x--\r\n")]
    public async Task A_cross_site_form_post_with_the_organisers_cookie_is_refused(string method, string path, string contentType, string body)
    {
        var before = await world.StateAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var forged = new Call(path, content);

        using var response = await world.SendAsync(Role.Organiser, new HttpMethod(method), forged, csrfHeader: false);

        await Answers.ExpectAsync(response, new Outcome(403, "csrf.missing"), $"forged {contentType} post to {path}");
        Answers.Unchanged(before, await world.StateAsync());
    }

    [Fact]
    public async Task No_other_origin_is_allowed_to_send_the_header()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(new Uri(world.Url), "/api/org/branches"));
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", AccessMatrix.CsrfHeader.ToLowerInvariant() + ",content-type");
        using var http = new HttpClient();

        using var response = await http.SendAsync(preflight);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "The app must not answer CORS preflights");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"), "The app must not allow the CSRF header cross-origin");
    }
}
