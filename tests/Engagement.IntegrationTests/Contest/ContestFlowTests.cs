using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Contest;

/// <summary>
/// The knowledge contest over HTTP against the real app (issue 12): the bank imported and refused whole, a hall round
/// hosted step by step while phones answer, a late answer refused by the server's clock, the reveal and standings
/// pushed live, the results exported; and team tablets buzzing at once on the stage.
/// </summary>
[Collection(Collections.Durability)]
public sealed class ContestFlowTests
{
    [Fact]
    public async Task A_bank_file_with_bad_rows_is_refused_whole_listing_every_line_and_a_good_file_is_imported()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("contest-bank", data.Path);
        using var organiser = await app.OrganiserAsync();

        var rows = Contests.Generate("BQ", 6);
        var imported = await Selection.Json(await organiser.ImportBankAsync(Contests.Xlsx(rows), "题库.xlsx"), HttpStatusCode.OK);
        Assert.Equal(6, imported.GetProperty("rows").GetInt32());
        Assert.Equal(6, imported.GetProperty("added").GetInt32());

        // Lines 3 and 5 of the file (header on line 1) are bad: no stem, and an answer that is not an option.
        var bad = Contests.Generate("BX", 5);
        bad[1] = bad[1] with { Stem = "" };
        bad[3] = bad[3] with { Answer = "Z" };
        using var refusal = await organiser.ImportBankAsync(Contests.Csv(bad), "题库.csv");
        var problem = await refusal.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("bank.rejected", problem.Code);
        Assert.Equal([3, 5], problem.Errors!.Select(e => e.Line).Distinct().Order());
        Assert.All(problem.Errors!, e => Assert.True(Api.HasChinese(e.Reason), e.Reason));

        // Nothing of the refused file is in the bank; a re-import of the good one updates by id and adds nothing.
        var bank = await Selection.Json(await organiser.Http.GetAsync("/api/contest-bank"), HttpStatusCode.OK);
        Assert.Equal(rows.Select(r => r.Id).Order(), bank.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("questionId").GetString()!).Order());
        rows[0] = rows[0] with { Stem = "修改后的题干：中共一大在哪一年召开？" };
        var again = await Selection.Json(await organiser.ImportBankAsync(Contests.Csv(rows), "题库.csv"), HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        Assert.Equal(1, again.GetProperty("updated").GetInt32());

        // A file that is not a spreadsheet is refused with the reader's own reason; an edit names an existing question.
        var junk = await (await organiser.ImportBankAsync("not a spreadsheet"u8.ToArray(), "题库.pdf")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("bank.rejected", junk.Code);
        var edit = await organiser.Http.PutAsJsonAsync("/api/contest-bank/NOSUCH", Question("NOSUCH"));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var taken = await organiser.Http.PostAsJsonAsync("/api/contest-bank", Question(rows[1].Id));
        Assert.Equal("bank.id-taken", (await taken.ProblemAsync(HttpStatusCode.Conflict)).Code);
    }

    [Fact]
    public async Task The_host_steps_through_questions_while_three_phones_answer_and_standings_follow()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("contest-flow", data.Path);
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("CF", 4, 2)), "roster.xlsx");
        await (await organiser.ImportBankAsync(Contests.Xlsx(Contests.Generate("CFQ", 10)), "bank.xlsx")).ExpectAsync(HttpStatusCode.OK);

        var created = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/contests", new { title = "党史知识竞赛" }), HttpStatusCode.Created);
        var id = created.GetProperty("contestId").GetString()!;
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/contests/{id}/settings", Contests.Settings("党史知识竞赛", answerSeconds: 60)), HttpStatusCode.OK);
        var drawn = await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/contests/{id}/draw",
            new { rules = new[] { new { category = (string?)null, difficulty = (string?)null, count = 3 } }, seed = 42 }), HttpStatusCode.OK);
        Assert.Equal(42, drawn.GetProperty("draw").GetProperty("seed").GetInt32());
        Assert.Equal(3, drawn.GetProperty("questions").GetArrayLength());
        var unknown = await organiser.Http.PutAsJsonAsync($"/api/contests/{id}/questions", new { questionIds = new[] { "CFQ001", "NOPE404" } });
        Assert.Contains("NOPE404", (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).Detail);
        await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{id}/start", null), HttpStatusCode.OK);

        var phones = await PhonesAsync(app.Url!, organiser);
        var listed = await Selection.Json(await phones[0].Client.Http.GetAsync("/api/member/contests"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, listed.EnumerateArray().Single(c => c.GetProperty("live").GetProperty("contestId").GetString() == id)
            .GetProperty("live").GetProperty("question").ValueKind);

        await using var screen = await LiveClient.ConnectAsync(app.Url!);
        await screen.SubscribeAsync($"contest:{id}");

        // Question 1: two right ("B", and "b" as a phone may send it), one wrong; a retry gets its receipt again.
        await organiser.StepAsync(id, 1, "Shown");
        var shown = await Selection.Json(await app.AnonymousGet($"/api/public/contests/{id}/live"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, shown.GetProperty("question").ValueKind);
        Assert.DoesNotContain("\"answer\"", shown.GetRawText());
        await organiser.StepAsync(id, 1, "Open");
        var answerIds = phones.Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        string[] choices = ["B", "b", "A"];
        var receipts = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
            await Selection.Json(await phones[i].Client.AnswerAsync(id, answerIds[i], 1, choices[i]), HttpStatusCode.OK)));
        var retry = await Selection.Json(await phones[0].Client.AnswerAsync(id, answerIds[0], 1, "B"), HttpStatusCode.OK);
        Assert.Equal(receipts[0].GetProperty("receipt").GetString(), retry.GetProperty("receipt").GetString());
        var second = await (await phones[0].Client.AnswerAsync(id, Guid.NewGuid().ToString("N"), 1, "A")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.True(Api.HasChinese(second.Detail!), second.Detail);

        // Locked: the fourth phone is late, whatever its own clock says.
        await organiser.StepAsync(id, 1, "Locked");
        var late = await (await phones[3].Client.AnswerAsync(id, Guid.NewGuid().ToString("N"), 1, "B")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.True(Api.HasChinese(late.Detail!), late.Detail);
        await organiser.StepAsync(id, 1, "Revealed");

        var pushed = await screen.WaitForAsync(u => u.GetProperty("payload").GetProperty("phase").GetString() == "Revealed", TimeSpan.FromSeconds(10));
        Assert.True(pushed.HasValue, "The reveal was not pushed to the screen within 10 s");
        var reveal = pushed.Value.GetProperty("payload").GetProperty("reveal");
        Assert.Equal("B", reveal.GetProperty("answer").GetString());
        Assert.Equal(2, reveal.GetProperty("correct").GetInt32());
        Assert.Equal(2, reveal.GetProperty("distribution").GetProperty("B").GetInt32());
        Assert.Equal(1, reveal.GetProperty("distribution").GetProperty("A").GetInt32());

        var mine = await Selection.Json(await phones[0].Client.Http.GetAsync($"/api/member/contests/{id}"), HttpStatusCode.OK);
        Assert.True(mine.GetProperty("answers")[0].GetProperty("correct").GetBoolean());
        Assert.Equal(10, mine.GetProperty("answers")[0].GetProperty("points").GetInt32());
        // Two right answers: the faster one ranks first (the tie chain's answer time), the wrong one after both.
        Assert.InRange(mine.GetProperty("me").GetProperty("rank").GetInt32(), 1, 2);
        var wrong = await Selection.Json(await phones[2].Client.Http.GetAsync($"/api/member/contests/{id}"), HttpStatusCode.OK);
        Assert.False(wrong.GetProperty("answers")[0].GetProperty("correct").GetBoolean());
        Assert.Equal(3, wrong.GetProperty("me").GetProperty("rank").GetInt32());

        // Question 2: only the first phone answers, and leads alone.
        await organiser.StepAsync(id, 2, "Shown");
        await organiser.StepAsync(id, 2, "Open");
        await Selection.Json(await phones[0].Client.AnswerAsync(id, Guid.NewGuid().ToString("N"), 2, "B"), HttpStatusCode.OK);
        await organiser.StepAsync(id, 2, "Locked");
        await organiser.StepAsync(id, 2, "Revealed");
        var finished = await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{id}/finish", null), HttpStatusCode.OK);
        Assert.Equal("Finished", finished.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(finished.GetProperty("live").GetProperty("finalHash").GetString()));

        var record = await Selection.Json(await organiser.Http.GetAsync($"/api/contests/{id}/record"), HttpStatusCode.OK);
        var members = record.GetProperty("standings").GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(phones[0].MemberNo, members[0].GetProperty("memberNo").GetString());
        Assert.Equal(20, members[0].GetProperty("points").GetInt32());
        Assert.Equal(4, record.GetProperty("answers").GetArrayLength()); // the retry, the second try and the late one are not answers
        Assert.Equal(2, record.GetProperty("standings").GetProperty("branches").GetArrayLength());

        var export = await organiser.Http.GetAsync($"/api/contests/{id}/export.xlsx");
        using var book = new XlsxFile(await export.Content.ReadAsByteArrayAsync());
        Assert.Empty(book.SchemaErrors());
        Assert.Equal(["题目", "个人", "支部", "片区", "答题明细"], book.SheetNames);
        await Selection.Json(await organiser.Http.GetAsync($"/api/contests/{id}/print"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Team_tablets_buzzing_at_once_give_exactly_one_winner_that_every_desk_and_the_screen_see()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("contest-buzz", data.Path);
        using var organiser = await app.OrganiserAsync();
        var bank = Contests.Generate("BZQ", 4);
        await (await organiser.ImportBankAsync(Contests.Xlsx(bank), "bank.xlsx")).ExpectAsync(HttpStatusCode.OK);
        var id = await organiser.CreateContestAsync("抢答测试", bank.Take(2).Select(r => r.Id));
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/contests/{id}/stage",
            Contests.StageSetup(4, bank.Select(r => r.Id).ToList(), ("Buzzer", null), ("Buzzer", null))), HttpStatusCode.OK);

        // Team links: only for a contest that exists and a team its stage has.
        var noContest = await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Team", name = "无名队", branchId = "t1", scope = "no-such-contest" });
        Assert.Equal("grant.bad-contest", (await noContest.ProblemAsync(HttpStatusCode.BadRequest)).Code);
        var noTeam = await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Team", name = "无名队", branchId = "t9", scope = id });
        Assert.Equal("grant.bad-team", (await noTeam.ProblemAsync(HttpStatusCode.BadRequest)).Code);
        var desks = new List<ApiClient>();
        for (var t = 1; t <= 4; t++)
        {
            var grant = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Team", name = $"第{t}队", branchId = $"t{t}", scope = id }), HttpStatusCode.Created);
            var link = grant.GetProperty("link").GetString()!;
            Assert.Contains("/desk.html#t=", link);
            var desk = new ApiClient(app.Url!);
            await (await desk.Http.PostAsJsonAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] })).ExpectAsync(HttpStatusCode.OK);
            desks.Add(desk);
        }

        // The big screen shows a contest's stage by its id; an id no contest has is refused, not a blank screen.
        var onWall = await Selection.Json(await organiser.Http.PutAsJsonAsync("/api/screens/main", new { headline = "现场赛", mode = "ContestFinal", roundId = id }), HttpStatusCode.OK);
        Assert.Equal("ContestFinal", onWall.GetProperty("mode").GetString());
        var nowhere = await organiser.Http.PutAsJsonAsync("/api/screens/main", new { headline = "现场赛", mode = "Contest", roundId = "no-such-contest" });
        Assert.Equal("screen.bad-contest", (await nowhere.ProblemAsync(HttpStatusCode.BadRequest)).Code);

        var seat = await Selection.Json(await desks[2].Http.GetAsync("/api/team/desk"), HttpStatusCode.OK);
        Assert.Equal(id, seat.GetProperty("contestId").GetString());
        Assert.Equal("t3", seat.GetProperty("teamId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await desks[0].Http.GetAsync($"/api/contests/{id}/stage")).StatusCode);

        await Selection.Json(await organiser.Http.PostAsync($"/api/contests/{id}/stage/start", null), HttpStatusCode.OK);
        await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/contests/{id}/stage/present", new { questionNo = 1 }), HttpStatusCode.OK);
        var early = await Selection.Json(await desks[3].Http.PostAsJsonAsync("/api/team/buzz", new { buzzId = Guid.NewGuid().ToString("N"), questionNo = 1 }), HttpStatusCode.OK);
        Assert.Equal("Early", early.GetProperty("outcome").GetString());

        await using var screen = await LiveClient.ConnectAsync(app.Url!);
        await screen.SubscribeAsync($"final:{id}");
        await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/contests/{id}/stage/open-buzzing", new { questionNo = 1 }), HttpStatusCode.OK);
        var buzzIds = desks.Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        using var start = new Barrier(desks.Count);
        var results = await Task.WhenAll(desks.Select((desk, i) => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await Selection.Json(await desk.Http.PostAsJsonAsync("/api/team/buzz", new { buzzId = buzzIds[i], questionNo = 1 }), HttpStatusCode.OK);
        })));

        var winners = results.Where(r => r.GetProperty("outcome").GetString() == "Won").ToList();
        Assert.Single(winners);
        var winner = winners[0].GetProperty("winner").GetString()!;
        Assert.All(results, r => Assert.Equal(winner, r.GetProperty("winner").GetString()));
        Assert.All(results.Where(r => r.GetProperty("outcome").GetString() != "Won"), r => Assert.Equal("Late", r.GetProperty("outcome").GetString()));
        var again = await Selection.Json(await desks[int.Parse(winner[1..]) - 1].Http.PostAsJsonAsync("/api/team/buzz",
            new { buzzId = buzzIds[int.Parse(winner[1..]) - 1], questionNo = 1 }), HttpStatusCode.OK);
        Assert.Equal(winners[0].GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());

        var onScreen = await screen.WaitForAsync(u => u.GetProperty("payload").GetProperty("floor").GetString() == winner, TimeSpan.FromSeconds(5));
        Assert.True(onScreen.HasValue, $"The screen did not show {winner} with the floor");
        foreach (var desk in desks)
        {
            var view = await Selection.Json(await desk.Http.GetAsync("/api/team/desk"), HttpStatusCode.OK);
            Assert.Equal(winner, view.GetProperty("live").GetProperty("floor").GetString());
            Assert.Equal(JsonValueKind.Null, view.GetProperty("live").GetProperty("answer").ValueKind);
        }

        var judged = await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/contests/{id}/stage/judge", new { questionNo = 1, teamId = winner, correct = true }), HttpStatusCode.OK);
        Assert.Equal(10, judged.GetProperty("live").GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("teamId").GetString() == winner).GetProperty("points").GetInt32());
        foreach (var desk in desks)
        {
            desk.Dispose();
        }
    }

    private static object Question(string id) => new
    {
        questionId = id, type = "Single", stem = "党的二十大在哪一年召开？", options = new[] { "2021年", "2022年", "2023年" }, answer = "B",
        explanation = "2022年10月。", points = 10, category = "党史", difficulty = "易", image = (string?)null,
    };

    public sealed record Phone(string MemberNo, string Code, ApiClient Client);

    /// <summary>Every member of the roster signed in on their own phone, in roster order.</summary>
    public static async Task<List<Phone>> PhonesAsync(string url, ApiClient organiser)
    {
        var phones = new List<Phone>();
        foreach (var branch in (await organiser.OverviewAsync()).Branches.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            foreach (var card in (await organiser.CodesAsync(branch.BranchId)).Codes)
            {
                var client = new ApiClient(url);
                await (await client.MemberLoginAsync(card.Code)).ExpectAsync(HttpStatusCode.OK);
                phones.Add(new Phone(card.MemberNo, card.Code, client));
            }
        }

        return phones;
    }
}

internal static class AnonymousReads
{
    public static async Task<HttpResponseMessage> AnonymousGet(this AppProcess app, string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.Url!) };
        return await client.GetAsync(path);
    }
}
