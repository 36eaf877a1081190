using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// Wrong guesses are limited, not people: ten failed member codes or judge/scorer links a minute per
/// address (one budget for both); past that, a code or link is checked only while the member or link it
/// names has drawn fewer than five wrong guesses that minute. Five failed passwords a minute per address
/// and organiser name. Each test guesses from its own loopback address (127.0.0.x), so its limits are its
/// own and the other access tests are not slowed. The arithmetic of why this makes guessing hopeless is
/// in docs/security.md; Trust/HallSignInTests shows a hall behind one address still signing in.
/// </summary>
[Collection(Collections.Access)]
public sealed class GuessingTests(AccessWorld world)
{
    [Fact]
    public async Task The_eleventh_failed_member_code_in_a_minute_gets_429_with_Retry_After()
    {
        using var guesser = From("127.0.0.21");
        // Well-formed codes of a real member, wrong in the secret part.
        var wrong = Wrong(world.MemberCode.Replace("-", ""), "0123456789ABCDEFGHJKM");
        foreach (var code in wrong.Take(10))
        {
            await Answers.ExpectAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code }), new Outcome(401, "auth.bad-code"), code);
        }

        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = wrong[10] }));

        // Within the window even the right code for that member is refused, so a guesser cannot tell a hit…
        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = world.MemberCode }));
        // … and switching to links buys only the five wrong tries a link may draw, not a fresh budget.
        var dot = world.Judge2Token.IndexOf('.');
        var wrongLinks = Wrong(world.Judge2Token[(dot + 1)..], "0123456789abcdef").Select(s => world.Judge2Token[..(dot + 1)] + s).ToList();
        foreach (var token in wrongLinks.Take(5))
        {
            await Answers.ExpectAsync(await guesser.PostAsJsonAsync("/api/auth/link", new { token }), new Outcome(401, "auth.bad-link"), token);
        }

        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/link", new { token = wrongLinks[5] }));
        // Another address is not held back.
        using var neighbour = From("127.0.0.22");
        await Answers.ExpectAsync(await neighbour.PostAsJsonAsync("/api/auth/member", new { code = world.MemberCode }), new Outcome(200), "right code from another address");
    }

    [Fact]
    public async Task The_eleventh_failed_judge_or_scorer_link_in_a_minute_gets_429_with_Retry_After()
    {
        using var guesser = From("127.0.0.23");
        var dot = world.Scorer1Token.IndexOf('.');
        // The real grant id with a wrong signature of the right length.
        var wrong = Wrong(world.Scorer1Token[(dot + 1)..], "0123456789abcdef").Select(s => world.Scorer1Token[..(dot + 1)] + s).ToList();
        foreach (var token in wrong.Take(10))
        {
            await Answers.ExpectAsync(await guesser.PostAsJsonAsync("/api/auth/link", new { token }), new Outcome(401, "auth.bad-link"), token);
        }

        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/link", new { token = wrong[10] }));
        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/link", new { token = world.Scorer1Token }));
        // Guesses are limited, not people: a member at the same address (a hall behind one NAT) still signs in.
        await Answers.ExpectAsync(await guesser.PostAsJsonAsync("/api/auth/member", new { code = world.SpareCode }), new Outcome(200), "another member's right code from the spent address");
    }

    [Fact]
    public async Task The_sixth_failed_organiser_password_in_a_minute_gets_429_with_Retry_After()
    {
        using var guesser = From("127.0.0.24");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await guesser.PostAsJsonAsync("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = $"wrong-password-{i}" });
            await Answers.ExpectAsync(wrong, new Outcome(401, "auth.bad-login"), $"wrong password {i}");
        }

        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = "wrong-password-5" }));
        await ExpectThrottledAsync(await guesser.PostAsJsonAsync("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword }));

        // The organiser at another address still signs in.
        using var organiser = From("127.0.0.25");
        await Answers.ExpectAsync(await organiser.PostAsJsonAsync("/api/auth/login", new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword }),
            new Outcome(200), "right password from another address");
    }

    internal static async Task ExpectThrottledAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("auth.throttled", problem.Code);
        Assert.True(response.Headers.RetryAfter?.Delta is not null, "429 without a Retry-After header in seconds");
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(seconds, 1, 60);
        Assert.Contains(seconds.ToString(), problem.Detail);
    }

    /// <summary>Eleven variants of a secret, each differing from it in the last two characters.</summary>
    internal static List<string> Wrong(string secret, string alphabet) =>
        alphabet.Select(c => secret[..^2] + c + c).Where(s => s != secret).Take(11).ToList();

    private HttpClient From(string address) => LoopbackClient.From(world.Url, address);
}
