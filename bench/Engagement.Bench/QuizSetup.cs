using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Engagement.Bench;

/// <summary>A running contest, its phones, and the stage final's team tablets (their sign-in cookies).</summary>
public sealed record Quiz(string ContestId, IReadOnlyList<Phone> Phones, IReadOnlyList<string> TeamCookies, string OrganiserCookie);

/// <summary>A buzz's answer as the tablet got it, with when it got it.</summary>
public sealed record BuzzAnswer(string Outcome, string? Winner, long AcknowledgedAt);

/// <summary>
/// Prepares a knowledge contest through the public API, as the console does: roster import, a question bank
/// imported from a .csv, a contest with one hall question and a stage final of buzzer questions for eight branch
/// teams, each team's desk link signed in, every member signed in.
/// </summary>
public static class QuizSetup
{
    private const int TeamCount = 8;

    public static async Task<Quiz> PrepareAsync(HttpClient http, int members, int buzzQuestions)
    {
        var organiser = await Setup.SignInAsync(http, "/api/auth/login", new { userName = Server.OrganiserUserName, password = Server.OrganiserPassword });
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(Setup.RosterCsv(members)), "file", "roster.csv");
            await Setup.Expect(await Setup.Send(http, HttpMethod.Post, "/api/org/import", organiser, form), HttpStatusCode.OK);
        }

        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(BankCsv(buzzQuestions + 1)), "file", "bank.csv");
            await Setup.Expect(await Setup.Send(http, HttpMethod.Post, "/api/contest-bank/import", organiser, form), HttpStatusCode.OK);
        }

        var created = await Setup.Expect(await Setup.Send(http, HttpMethod.Post, "/api/contests", organiser, Setup.Json(new { title = "基准知识竞赛" })), HttpStatusCode.Created);
        var contestId = created.GetProperty("contestId").GetString()!;
        await Ok(http, organiser, HttpMethod.Put, $"/api/contests/{contestId}/settings", new
        {
            title = "基准知识竞赛",
            scoring = new { speedBonus = true, wrongPenalty = 0, partial = "None", answerSeconds = 15 },
            ranking = "Average",
            topMembers = 10,
        });
        await Ok(http, organiser, HttpMethod.Put, $"/api/contests/{contestId}/questions", new { questionIds = new[] { "Q0001" } });
        await Ok(http, organiser, HttpMethod.Post, $"/api/contests/{contestId}/start", null);

        var overview = await Setup.Expect(await Setup.Send(http, HttpMethod.Get, "/api/org", organiser), HttpStatusCode.OK);
        var branches = overview.GetProperty("branches").EnumerateArray().Take(TeamCount)
            .Select(b => (Id: b.GetProperty("branchId").GetString()!, Name: b.GetProperty("name").GetString()!)).ToList();
        await Ok(http, organiser, HttpMethod.Put, $"/api/contests/{contestId}/stage", new
        {
            rules = new
            {
                requiredCorrect = 10, requiredWrong = 0, buzzCorrect = 10, buzzWrong = -10, earlyBuzz = "Refuse", earlyBuzzPenalty = 0,
                reopenAfterWrong = false, riskValues = new[] { 10, 20, 30 }, answerSeconds = 30,
            },
            teams = branches.Select((b, i) => new { teamId = $"team{i + 1}", name = b.Name, branchId = b.Id, district = (string?)null, players = new[] { $"选手{i + 1}" } }),
            questions = Enumerable.Range(1, buzzQuestions).Select(no => new { no, part = "Buzzer", questionId = $"Q{no + 1:D4}", teamId = (string?)null }),
        });
        await Ok(http, organiser, HttpMethod.Post, $"/api/contests/{contestId}/stage/start", null);

        var teamCookies = new List<string>();
        for (var i = 1; i <= TeamCount; i++)
        {
            var grant = await Setup.Expect(await Setup.Send(http, HttpMethod.Post, "/api/grants", organiser,
                Setup.Json(new { role = "Team", name = $"第{i}队", branchId = $"team{i}", scope = contestId })), HttpStatusCode.Created);
            var link = grant.GetProperty("link").GetString()!;
            teamCookies.Add(await Setup.SignInAsync(http, "/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] }));
        }

        var codes = new List<(string MemberNo, string Code)>();
        foreach (var branchId in overview.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branchId").GetString()!))
        {
            var sheet = await Setup.Expect(await Setup.Send(http, HttpMethod.Get, $"/api/org/branches/{branchId}/codes", organiser), HttpStatusCode.OK);
            codes.AddRange(sheet.GetProperty("codes").EnumerateArray().Select(c => (c.GetProperty("memberNo").GetString()!, c.GetProperty("code").GetString()!)));
        }

        var phones = new Phone[codes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, codes.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            phones[i] = new Phone(codes[i].MemberNo, await Setup.SignInAsync(http, "/api/auth/member", new { code = codes[i].Code }), 0));
        return new Quiz(contestId, phones, teamCookies, organiser);
    }

    public static Task StepAsync(HttpClient http, Quiz quiz, int questionNo, string phase) =>
        Ok(http, quiz.OrganiserCookie, HttpMethod.Post, $"/api/contests/{quiz.ContestId}/step", new { questionNo, phase });

    public static Task StageActionAsync(HttpClient http, Quiz quiz, string action, object body) =>
        Ok(http, quiz.OrganiserCookie, HttpMethod.Post, $"/api/contests/{quiz.ContestId}/stage/{action}", body);

    public static async Task<BuzzAnswer> BuzzAsync(HttpClient http, string cookie, int questionNo)
    {
        var answer = await Setup.Expect(await Setup.Send(http, HttpMethod.Post, "/api/team/buzz", cookie,
            Setup.Json(new { buzzId = Guid.NewGuid().ToString("N"), questionNo })), HttpStatusCode.OK);
        var at = Stopwatch.GetTimestamp();
        return new BuzzAnswer(answer.GetProperty("outcome").GetString()!, answer.GetProperty("winner").GetString(), at);
    }

    /// <summary>The answers the contest holds for one question (the organiser's record), to compare with those acknowledged.</summary>
    public static async Task<int> CountAnswersAsync(HttpClient http, Quiz quiz, int questionNo)
    {
        var record = await Setup.Expect(await Setup.Send(http, HttpMethod.Get, $"/api/contests/{quiz.ContestId}/record", quiz.OrganiserCookie), HttpStatusCode.OK);
        return record.GetProperty("answers").EnumerateArray().Count(a => a.GetProperty("questionNo").GetInt32() == questionNo);
    }

    private static async Task Ok(HttpClient http, string cookie, HttpMethod method, string path, object? body) =>
        await Setup.Expect(await Setup.Send(http, method, path, cookie, body is null ? null : Setup.Json(body)), HttpStatusCode.OK);

    /// <summary>Single-choice questions Q0001…, four options, answer A, in the import's Chinese headers.</summary>
    private static byte[] BankCsv(int questions)
    {
        var text = new StringBuilder("题号,题型,题干,选项A,选项B,选项C,选项D,答案,解析,分值,分类,难度\r\n");
        for (var i = 1; i <= questions; i++)
        {
            text.Append($"Q{i:D4},单选,基准题 {i}：中国共产党第一次全国代表大会在哪一年召开？,1921年,1927年,1935年,1949年,A,一大于1921年召开。,10,党史,易\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }
}
