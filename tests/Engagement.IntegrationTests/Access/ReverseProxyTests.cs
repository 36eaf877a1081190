using System.Net.Http.Json;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// Behind a reverse proxy the guessing throttles must count each phone, not the proxy, and cookies must
/// be Secure when the proxy speaks HTTPS — but only a proxy IT staff named in Engagement:TrustedProxies
/// is believed: anyone else's X-Forwarded-For is ignored, or a guesser would pick a new address per try.
/// The access world trusts <see cref="ProxyAddress"/> only.
/// </summary>
[Collection(Collections.Access)]
public sealed class ReverseProxyTests(AccessWorld world)
{
    public const string ProxyAddress = "127.0.0.30";

    [Fact]
    public async Task Forwarded_address_from_an_untrusted_sender_does_not_escape_the_throttle()
    {
        using var guesser = LoopbackClient.From(world.Url, "127.0.0.26");
        var wrong = GuessingTests.Wrong(world.MemberCode.Replace("-", ""), "0123456789ABCDEFGHJKM");
        for (var i = 0; i < 10; i++)
        {
            await Answers.ExpectAsync(await Post(guesser, wrong[i], forwardedFor: $"198.51.100.{i + 1}"), new Outcome(401, "auth.bad-code"), wrong[i]);
        }

        await GuessingTests.ExpectThrottledAsync(await Post(guesser, wrong[10], forwardedFor: "198.51.100.99"));
    }

    [Fact]
    public async Task Through_the_trusted_proxy_each_phone_has_its_own_throttle()
    {
        using var proxy = LoopbackClient.From(world.Url, ProxyAddress);
        var wrong = GuessingTests.Wrong(world.MemberCode.Replace("-", ""), "0123456789ABCDEFGHJKM");
        for (var i = 0; i < 10; i++)
        {
            await Answers.ExpectAsync(await Post(proxy, wrong[i], forwardedFor: "203.0.113.7"), new Outcome(401, "auth.bad-code"), wrong[i]);
        }

        await GuessingTests.ExpectThrottledAsync(await Post(proxy, wrong[10], forwardedFor: "203.0.113.7"));
        // The hall's other phones come through the same proxy and still sign in.
        await Answers.ExpectAsync(await Post(proxy, world.MemberCode, forwardedFor: "203.0.113.8"), new Outcome(200), "another phone behind the proxy");
    }

    [Theory]
    [InlineData(ProxyAddress, true)]
    [InlineData("127.0.0.27", false)]
    public async Task Cookie_is_Secure_when_a_trusted_proxy_says_the_phone_used_HTTPS(string sender, bool secure)
    {
        using var client = LoopbackClient.From(world.Url, sender);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/member") { Content = JsonContent.Create(new { code = world.MemberCode }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        await Answers.ExpectAsync(response, new Outcome(200), $"member sign-in via {sender}");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("engagement=", StringComparison.Ordinal));
        Assert.True(cookie.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)) == secure,
            $"From {sender} with X-Forwarded-Proto: https the cookie must {(secure ? "" : "not ")}be Secure: {cookie}");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string code, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/member") { Content = JsonContent.Create(new { code }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
