using System.Net.Http.Json;
using Engagement.IntegrationTests.Access;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// With no proxy configured (the default), X-Forwarded-For is nobody's word: a guesser who sends a new
/// one with every try is still one address, and meets the code and password limits like anyone else.
/// (Access/ReverseProxyTests covers a configured proxy.)
/// </summary>
[Collection(Collections.Trust)]
public sealed class ForwardedHeaderTests(TrustWorld world)
{
    [Fact]
    public async Task Rotating_X_Forwarded_For_without_a_configured_proxy_does_not_escape_the_code_guess_limit()
    {
        using var guesser = LoopbackClient.From(world.Url, "127.0.0.51");
        var wrong = GuessingTests.Wrong(world.Codes[0].Code.Replace("-", ""), "0123456789ABCDEFGHJKM");
        for (var i = 0; i < 10; i++)
        {
            await Answers.ExpectAsync(await Post(guesser, "/api/auth/member", new { code = wrong[i] }, $"198.51.100.{i + 1}"), new Outcome(401, "auth.bad-code"), wrong[i]);
        }

        await GuessingTests.ExpectThrottledAsync(await Post(guesser, "/api/auth/member", new { code = wrong[10] }, "198.51.100.99"));
    }

    [Fact]
    public async Task Rotating_X_Forwarded_For_without_a_configured_proxy_does_not_escape_the_password_guess_limit()
    {
        using var guesser = LoopbackClient.From(world.Url, "127.0.0.52");
        for (var i = 0; i < 5; i++)
        {
            await Answers.ExpectAsync(await Post(guesser, "/api/auth/login", new { userName = "organiser", password = $"wrong-{i}" }, $"203.0.113.{i + 1}"),
                new Outcome(401, "auth.bad-login"), $"wrong password {i}");
        }

        await GuessingTests.ExpectThrottledAsync(await Post(guesser, "/api/auth/login", new { userName = "organiser", password = "wrong-5" }, "203.0.113.99"));
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, object body, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
