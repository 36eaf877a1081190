using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// Ballots are rate limited per signed-in member (a few a second, a small burst), never per address: a
/// phone resending on a poor network is never refused; a script posting hundreds a second is, with 429,
/// Retry-After and a readable message; the member next to it in the hall is not held back.
/// </summary>
[Collection(Collections.Trust)]
public sealed class BallotRateTests(TrustWorld world)
{
    [Fact]
    public async Task One_phone_posting_300_ballots_in_two_seconds_is_refused_with_429_and_Retry_After()
    {
        var (phone, branchId) = await SignInAsync(22);
        var choices = world.Vote.ChoicesFor(branchId, 0);
        var started = DateTime.UtcNow;
        var sends = Enumerable.Range(0, 300).Select(async i =>
        {
            await Task.Delay(i * 2000 / 300);
            return await phone.Http.PostAsJsonAsync(BallotsPath, new { ballotId = Guid.NewGuid().ToString("N"), choices });
        });
        var answers = await Task.WhenAll(sends);
        var elapsed = DateTime.UtcNow - started;

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        // A burst of 10 and 5 a second: at most about 10 + 5 × the seconds it took get past the limiter.
        var allowed = 10 + (int)Math.Ceiling(elapsed.TotalSeconds + 1) * 5;
        Assert.True(answers.Length - refused.Count <= allowed, $"{answers.Length - refused.Count} of 300 ballots passed the limiter in {elapsed.TotalSeconds:F1} s (at most {allowed}).");
        Assert.True(refused.Count >= 300 - allowed, $"Only {refused.Count} of 300 refused.");
        var sample = refused[0];
        Assert.True(sample.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "429 without a Retry-After in seconds");
        var problem = await sample.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("ballot.throttled", problem.Code);
        Assert.Contains(((int)sample.Headers.RetryAfter!.Delta!.Value.TotalSeconds).ToString(), problem.Detail);

        // The member next to it, on the same machine and address, votes at once.
        var (neighbour, neighbourBranch) = await SignInAsync(23);
        var ballot = await neighbour.Http.PostAsJsonAsync(BallotsPath, new { ballotId = Guid.NewGuid().ToString("N"), choices = world.Vote.ChoicesFor(neighbourBranch, 0) });
        await ballot.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_phone_resending_its_ballot_on_a_poor_network_is_never_refused()
    {
        var (phone, branchId) = await SignInAsync(24);
        var body = new { ballotId = Guid.NewGuid().ToString("N"), choices = world.Vote.ChoicesFor(branchId, 0) };
        var receipts = new HashSet<string>();
        // A double tap and quick retries, then the phone's back-off of about a second.
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var answer = await phone.Http.PostAsJsonAsync(BallotsPath, body);
            var json = JsonDocument.Parse(await answer.ExpectAsync(HttpStatusCode.OK)).RootElement;
            receipts.Add(json.GetProperty("receipt").GetString()!);
            await Task.Delay(attempt < 6 ? 50 : 1000);
        }

        Assert.Single(receipts);
    }

    private string BallotsPath => $"/api/member/rounds/{world.Vote.RoundId}/ballots";

    private async Task<(ApiClient Phone, string BranchId)> SignInAsync(int member)
    {
        var phone = world.Client();
        var me = await (await phone.Http.PostAsJsonAsync("/api/auth/member", new { code = world.Codes[member].Code })).ReadAsync<MeDto>();
        return (phone, me.BranchId!);
    }
}
