using System.Net.Http.Json;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// Sign-in cookies: never readable by scripts (HttpOnly), not sent with other sites' requests (SameSite),
/// and Secure when the app is reached over HTTPS — but not over plain HTTP, so the embedded app on a
/// hall's local network (http://192.168.x.x) still signs people in.
/// </summary>
[Collection(Collections.Access)]
public sealed class CookieTests(AccessWorld world)
{
    [Theory]
    [InlineData("organiser")]
    [InlineData("member")]
    [InlineData("judge")]
    [InlineData("scorer")]
    public async Task Sign_in_cookie_is_HttpOnly_and_SameSite_and_Secure_exactly_over_HTTPS(string who)
    {
        foreach (var (baseUrl, https) in new[] { (world.Url, false), (world.HttpsUrl, true) })
        {
            var signIn = who switch
            {
                "organiser" => new Call("/api/auth/login", JsonContent.Create(new { userName = Support.TestApps.OrganiserUserName, password = Support.TestApps.OrganiserPassword })),
                "member" => new Call("/api/auth/member", JsonContent.Create(new { code = world.MemberCode })),
                "judge" => new Call("/api/auth/link", JsonContent.Create(new { token = world.Judge1Token })),
                _ => new Call("/api/auth/link", JsonContent.Create(new { token = world.Scorer1Token })),
            };

            using var response = await world.SendAsync(Role.Anonymous, HttpMethod.Post, signIn, baseUrl: baseUrl);

            await Answers.ExpectAsync(response, new Outcome(200), $"{who} signs in over {baseUrl}");
            Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "No Set-Cookie header on sign-in");
            var cookie = Assert.Single(values, v => v.StartsWith("engagement=", StringComparison.Ordinal));
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains("path=/", attributes);
            Assert.True(attributes.Contains("samesite=lax") || attributes.Contains("samesite=strict"), cookie);
            Assert.True(attributes.Contains("secure") == https, $"Over {baseUrl} the cookie must {(https ? "" : "not ")}be Secure: {cookie}");
            if (who != "organiser")
            {
                // Phones and tablets stay signed in across browser restarts.
                Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
            }
        }
    }
}
