using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests;

/// <summary>
/// Non-negotiable: an acknowledged ballot survives a kill -9. The hall votes, the process dies mid-way,
/// it comes back, the phones retry what was never answered with the same ballot ids, and every member
/// is counted exactly once.
/// </summary>
[Collection(Collections.Durability)]
public sealed class VotingDurabilityTests(ITestOutputHelper output)
{
    private const int Members = 120;

    [Fact]
    public async Task Every_acknowledged_ballot_survives_kill_9_and_retries_count_each_member_exactly_once()
    {
        using var data = new TempDirectory();
        var app = await TestApps.StartEmbeddedAsync("voting-before-kill", data.Path);
        List<Phone> phones;
        Selection.RoundSetup round;
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unanswered = 0;
        await using (app)
        {
            using var organiser = await app.OrganiserAsync();
            await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("VK", Members, 6)), "roster.xlsx");
            var branches = (await organiser.OverviewAsync()).Branches;
            round = await organiser.OpenVoteRoundAsync(branches);
            phones = await SignInAllAsync(app.Url!, organiser, branches);

            // The hall votes in waves of 12, 40 ms apart. Once half are acknowledged, the process is killed the
            // moment the next wave has been sent, so ballots are certainly on their way when it dies. SIGKILL goes
            // straight to the process from the phone that sent last: a detour through the test's scheduler or a
            // walk of the process tree takes long enough for the whole wave to be answered.
            using var process = Process.GetProcessById(app.Id);
            var killing = false;
            // The second half waits for half to be acknowledged: on a busy machine the first waves can be answered
            // so late that every wave would be sent (and answered) before the kill condition is ever met.
            var halfAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var voting = phones.Select(async (phone, i) =>
            {
                if (i >= Members / 2)
                {
                    await halfAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(60));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(40 * ((i % (Members / 2)) / 12)));
                var sentBeforeKill = !Volatile.Read(ref killing);
                try
                {
                    var sending = phone.Client.Http.PostAsJsonAsync($"/api/member/rounds/{round.RoundId}/ballots",
                        new { ballotId = phone.BallotId, choices = round.ChoicesFor(phone.BranchId, i) });
                    if (i % 12 == 11 && acknowledged.Count >= Members / 2 && !Volatile.Read(ref killing))
                    {
                        Volatile.Write(ref killing, true);
                        process.Kill();
                    }

                    var response = await sending;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged[phone.MemberNo] = (await Selection.Json(response, HttpStatusCode.OK)).GetProperty("receipt").GetString()!;
                        if (acknowledged.Count >= Members / 2)
                        {
                            halfAcknowledged.TrySetResult();
                        }
                    }
                }
                catch (HttpRequestException) when (sentBeforeKill)
                {
                    // The server died under this request: not acknowledged, the phone will retry.
                    Interlocked.Increment(ref unanswered);
                }
                catch (HttpRequestException)
                {
                    // Tapped after the kill: nothing is listening; the phone will retry.
                }
            }).ToList();
            await Task.WhenAll(voting);
        }

        output.WriteLine($"{acknowledged.Count} of {Members} ballots acknowledged before kill -9; {unanswered} were on their way and got no answer");
        Assert.InRange(acknowledged.Count, Members / 2, Members - 1);
        Assert.True(unanswered > 0, "The kill came after every ballot had been answered: none was in flight");

        await using var restarted = await TestApps.StartEmbeddedAsync("voting-after-kill", data.Path);
        using var admin = await restarted.OrganiserAsync();

        // Phones that got no answer retry with the same ballot id; those that did may retry too (harmless).
        foreach (var phone in phones)
        {
            var retry = new ApiClient(restarted.Url!);
            await (await retry.Http.PostAsJsonAsync("/api/auth/member", new { code = phone.Code })).ExpectAsync(HttpStatusCode.OK);
            var index = phones.IndexOf(phone);
            var response = await retry.Http.PostAsJsonAsync($"/api/member/rounds/{round.RoundId}/ballots",
                new { ballotId = phone.BallotId, choices = round.ChoicesFor(phone.BranchId, index) });
            var receipt = (await Selection.Json(response, HttpStatusCode.OK)).GetProperty("receipt").GetString()!;
            if (acknowledged.TryGetValue(phone.MemberNo, out var earlier))
            {
                Assert.Equal(earlier, receipt);
            }

            retry.Dispose();
        }

        await Selection.Json(await admin.Http.PostAsync($"/api/selection/rounds/{round.RoundId}/close", null), HttpStatusCode.OK);
        await Selection.Json(await admin.Http.PostAsync($"/api/selection/rounds/{round.RoundId}/publish", null), HttpStatusCode.OK);
        var receipts = (await Selection.Json(await admin.Http.GetAsync($"/api/rounds/{round.RoundId}/receipts"), HttpStatusCode.OK))
            .EnumerateArray().Select(r => r.GetString()!).ToList();
        var details = await Selection.Json(await admin.Http.GetAsync($"/api/selection/rounds/{round.RoundId}"), HttpStatusCode.OK);

        Assert.Equal(Members, receipts.Count);
        Assert.Equal(Members, receipts.Distinct().Count());
        Assert.Equal(Members, details.GetProperty("round").GetProperty("ballots").GetInt32());
        Assert.All(acknowledged.Values, r => Assert.Contains(r, receipts));
        // Each member's choices counted once: the tally per case is exactly what the phones sent.
        var perCase = phones.SelectMany((p, i) => round.ChoicesFor(p.BranchId, i)).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(perCase, details.GetProperty("tally").EnumerateObject().Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        foreach (var phone in phones)
        {
            phone.Client.Dispose();
        }
    }

    private sealed record Phone(string MemberNo, string BranchId, string Code, string BallotId, ApiClient Client);

    private static async Task<List<Phone>> SignInAllAsync(string url, ApiClient organiser, IReadOnlyList<BranchDto> branches)
    {
        var phones = new List<Phone>();
        foreach (var branch in branches)
        {
            foreach (var card in (await organiser.CodesAsync(branch.BranchId)).Codes)
            {
                var client = new ApiClient(url);
                await (await client.Http.PostAsJsonAsync("/api/auth/member", new { code = card.Code })).ExpectAsync(HttpStatusCode.OK);
                phones.Add(new Phone(card.MemberNo, branch.BranchId, card.Code, Guid.NewGuid().ToString("N"), client));
            }
        }

        return phones;
    }
}
