using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Contest;

/// <summary>
/// Issue 12 §4: kill -9 at any moment, and every acknowledged answer, buzz and judgement is there after the restart,
/// none twice, and the contest resumes at the step it was in. The hall answers question 1 while the stage has a
/// judgement and a buzz winner; the process dies with answers in flight; phones retry with their own answer ids.
/// </summary>
[Collection(Collections.Durability)]
public sealed class ContestDurabilityTests(ITestOutputHelper output)
{
    private const int Members = 60;

    [Fact]
    public async Task Acknowledged_answers_buzzes_and_judgements_survive_kill_9_and_the_contest_resumes_at_its_step()
    {
        using var data = new TempDirectory();
        var app = await TestApps.StartEmbeddedAsync("contest-before-kill", data.Path);
        List<ContestFlowTests.Phone> phones;
        string contestId;
        var answerIds = new Dictionary<string, string>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unanswered = 0;
        JsonElement buzz;
        string buzzId = Guid.NewGuid().ToString("N");
        List<string> teamTokens = [];
        await using (app)
        {
            using var organiser = await app.OrganiserAsync();
            await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("CK", Members, 4)), "roster.xlsx");
            var bank = Contests.Generate("CKQ", 5);
            await (await organiser.ImportBankAsync(Contests.Xlsx(bank), "bank.xlsx")).ExpectAsync(HttpStatusCode.OK);
            // A long countdown: the restart happens inside it, so retries after it are still on time.
            contestId = await organiser.CreateContestAsync("断电测试竞赛", bank.Take(2).Select(r => r.Id), answerSeconds: 120);
            await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{contestId}/start", null), HttpStatusCode.OK);

            // The stage: team 1 answered its 必答 question right; team 2 won the buzz on the 抢答 question.
            await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/contests/{contestId}/stage",
                Contests.StageSetup(2, bank.Skip(2).Select(r => r.Id).ToList(), ("Required", "t1"), ("Buzzer", null))), HttpStatusCode.OK);
            foreach (var team in new[] { "t1", "t2" })
            {
                var grant = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Team", name = team, branchId = team, scope = contestId }), HttpStatusCode.Created);
                teamTokens.Add(grant.GetProperty("link").GetString()!.Split("#t=")[1]);
            }

            await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{contestId}/stage/start", null), HttpStatusCode.OK);
            await Stage(organiser, contestId, "present", new { questionNo = 1 });
            await Stage(organiser, contestId, "judge", new { questionNo = 1, teamId = "t1", correct = true });
            await Stage(organiser, contestId, "present", new { questionNo = 2 });
            await Stage(organiser, contestId, "open-buzzing", new { questionNo = 2 });
            using (var desk = await DeskAsync(app.Url!, teamTokens[1]))
            {
                buzz = await Selection.Json(await desk.Http.PostAsJsonAsync("/api/team/buzz", new { buzzId, questionNo = 2 }), HttpStatusCode.OK);
            }

            Assert.Equal("Won", buzz.GetProperty("outcome").GetString());

            phones = await ContestFlowTests.PhonesAsync(app.Url!, organiser);
            foreach (var phone in phones)
            {
                answerIds[phone.MemberNo] = Guid.NewGuid().ToString("N");
            }

            await organiser.StepAsync(contestId, 1, "Shown");
            await organiser.StepAsync(contestId, 1, "Open");

            // As the ballots' test: waves of 10, 40 ms apart; once half are acknowledged the process is killed right
            // after a wave is sent, so answers are certainly on their way when it dies.
            using var process = Process.GetProcessById(app.Id);
            var killing = false;
            var halfAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var answering = phones.Select(async (phone, i) =>
            {
                if (i >= Members / 2)
                {
                    await halfAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(60));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(40 * ((i % (Members / 2)) / 10)));
                var sentBeforeKill = !Volatile.Read(ref killing);
                try
                {
                    var sending = phone.Client.AnswerAsync(contestId, answerIds[phone.MemberNo], 1, Choice(i));
                    if (i % 10 == 9 && acknowledged.Count >= Members / 2 && !Volatile.Read(ref killing))
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
                    Interlocked.Increment(ref unanswered); // died under this request: not acknowledged, the phone retries
                }
                catch (HttpRequestException)
                {
                    // Tapped after the kill: nothing is listening; the phone retries.
                }
            }).ToList();
            await Task.WhenAll(answering);
        }

        output.WriteLine($"{acknowledged.Count} of {Members} answers acknowledged before kill -9; {unanswered} were on their way and got no answer");
        Assert.InRange(acknowledged.Count, Members / 2, Members - 1);

        await using var restarted = await TestApps.StartEmbeddedAsync("contest-after-kill", data.Path);
        using var admin = await restarted.OrganiserAsync();

        // Resumed at its step: question 1 still open, the stage still with team 2 on the floor and one judgement.
        var hall = await Selection.Json(await admin.Http.GetAsync($"/api/contests/{contestId}"), HttpStatusCode.OK);
        Assert.Equal("Running", hall.GetProperty("status").GetString());
        Assert.Equal(1, hall.GetProperty("current").GetInt32());
        Assert.Equal("Open", hall.GetProperty("phase").GetString());
        var stage = await Selection.Json(await admin.Http.GetAsync($"/api/contests/{contestId}/stage"), HttpStatusCode.OK);
        Assert.Equal("t2", stage.GetProperty("live").GetProperty("floor").GetString());
        Assert.Single(stage.GetProperty("changes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "judgement");

        // Every phone retries with its own answer id: the acknowledged get their receipt again, the rest are taken now.
        foreach (var (phone, i) in phones.Select((p, i) => (p, i)))
        {
            using var retry = new ApiClient(restarted.Url!);
            await (await retry.MemberLoginAsync(phone.Code)).ExpectAsync(HttpStatusCode.OK);
            var receipt = (await Selection.Json(await retry.AnswerAsync(contestId, answerIds[phone.MemberNo], 1, Choice(i)), HttpStatusCode.OK)).GetProperty("receipt").GetString()!;
            if (acknowledged.TryGetValue(phone.MemberNo, out var earlier))
            {
                Assert.Equal(earlier, receipt);
            }
        }

        using (var desk = await DeskAsync(restarted.Url!, teamTokens[1]))
        {
            var again = await Selection.Json(await desk.Http.PostAsJsonAsync("/api/team/buzz", new { buzzId, questionNo = 2 }), HttpStatusCode.OK);
            Assert.Equal("Won", again.GetProperty("outcome").GetString());
            Assert.Equal(buzz.GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());
        }

        using (var other = await DeskAsync(restarted.Url!, teamTokens[0]))
        {
            var late = await Selection.Json(await other.Http.PostAsJsonAsync("/api/team/buzz", new { buzzId = Guid.NewGuid().ToString("N"), questionNo = 2 }), HttpStatusCode.OK);
            Assert.Equal("Late", late.GetProperty("outcome").GetString());
            Assert.Equal("t2", late.GetProperty("winner").GetString());
        }

        await admin.StepAsync(contestId, 1, "Locked");
        await admin.StepAsync(contestId, 1, "Revealed");
        var record = await Selection.Json(await admin.Http.GetAsync($"/api/contests/{contestId}/record"), HttpStatusCode.OK);
        var answers = record.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(Members, answers.Count);
        Assert.Equal(Members, answers.Select(a => a.GetProperty("memberNo").GetString()).Distinct().Count());
        Assert.All(acknowledged, a => Assert.Contains(answers, r => r.GetProperty("memberNo").GetString() == a.Key && r.GetProperty("receipt").GetString() == a.Value));
        var reveal = record.GetProperty("reveals")[0];
        Assert.Equal(Members / 2, reveal.GetProperty("distribution").GetProperty("B").GetInt32());
        Assert.Equal(Members / 2, reveal.GetProperty("correct").GetInt32());
        foreach (var phone in phones)
        {
            phone.Client.Dispose();
        }
    }

    private static string Choice(int phone) => phone % 2 == 0 ? "B" : "A";

    private static async Task Stage(ApiClient organiser, string contestId, string action, object body) =>
        await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/contests/{contestId}/stage/{action}", body), HttpStatusCode.OK);

    private static async Task<ApiClient> DeskAsync(string url, string token)
    {
        var desk = new ApiClient(url);
        await (await desk.Http.PostAsJsonAsync("/api/auth/link", new { token })).ExpectAsync(HttpStatusCode.OK);
        return desk;
    }
}
