using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.BrowserTests;

/// <summary>One bank question as the console's form sends it (POST /api/contest-bank).</summary>
public sealed record BankQuestion(string QuestionId, string Type, string Stem, string[] Options, string Answer, string Explanation, int Points = 10);

/// <summary>
/// Arranging a knowledge contest through the organiser API, as the console does: the parts a browser test is not
/// about (bank questions, the contest's settings and question list, the screen's mode).
/// </summary>
public sealed class ContestSetup(BrowserApp app)
{
    private HttpClient Organiser => app.Organiser.Http;

    public async Task AddQuestionAsync(BankQuestion q) =>
        await ReadAsync(await Organiser.PostAsJsonAsync("/api/contest-bank", new
        {
            questionId = q.QuestionId,
            type = q.Type,
            stem = q.Stem,
            options = q.Options,
            answer = q.Answer,
            explanation = q.Explanation,
            points = q.Points,
            category = "党史",
            difficulty = "易",
        }), HttpStatusCode.Created, $"add question {q.QuestionId}");

    /// <summary>A contest (not started) with these bank questions, fixed points (no speed bonus), branches ranked by average.</summary>
    public async Task<string> CreateContestAsync(string title, int answerSeconds, params string[] questionIds)
    {
        var created = await ReadAsync(await Organiser.PostAsJsonAsync("/api/contests", new { title }), HttpStatusCode.Created, "create contest");
        var id = created.GetProperty("contestId").GetString()!;
        await ReadAsync(await Organiser.PutAsJsonAsync($"/api/contests/{id}/settings", new
        {
            title,
            scoring = new { speedBonus = false, wrongPenalty = 0, partial = "None", answerSeconds },
            ranking = "Average",
            topMembers = 10,
        }), HttpStatusCode.OK, "contest settings");
        await ReadAsync(await Organiser.PutAsJsonAsync($"/api/contests/{id}/questions", new { questionIds }), HttpStatusCode.OK, "contest questions");
        return id;
    }

    /// <summary>What the host view holds (keys included).</summary>
    public async Task<JsonElement> ContestAsync(string contestId) =>
        await ReadAsync(await Organiser.GetAsync($"/api/contests/{contestId}"), HttpStatusCode.OK, "contest host view");

    /// <summary>Every answer with its mark, as the results page reads them.</summary>
    public async Task<JsonElement> RecordAsync(string contestId) =>
        await ReadAsync(await Organiser.GetAsync($"/api/contests/{contestId}/record"), HttpStatusCode.OK, "contest record");

    /// <summary>What the console's screen control sends: the contest's hall round on the main screen.</summary>
    public async Task ShowOnScreenAsync(string contestId, string headline) =>
        await ReadAsync(await Organiser.PutAsJsonAsync("/api/screens/main", new { headline, notice = (string?)null, mode = "Contest", roundId = contestId }),
            HttpStatusCode.OK, "screen mode Contest");

    /// <summary>The stage final: two teams (t1, t2), the usual rules (必答 +10/0, 抢答 +10/−10, risk 10/20/30), questions from the bank.</summary>
    public async Task ConfigureStageAsync(string contestId, params (string Part, string? Team, string QuestionId)[] questions) =>
        await ReadAsync(await Organiser.PutAsJsonAsync($"/api/contests/{contestId}/stage", new
        {
            rules = new
            {
                requiredCorrect = 10, requiredWrong = 0, buzzCorrect = 10, buzzWrong = -10, earlyBuzz = "Refuse", earlyBuzzPenalty = 5,
                reopenAfterWrong = false, riskValues = new[] { 10, 20, 30 }, answerSeconds = 30,
            },
            teams = new[]
            {
                new { teamId = "t1", name = "东城一小代表队", branchId = (string?)null, district = (string?)null, players = new[] { "王芳", "李强" } },
                new { teamId = "t2", name = "西城二中代表队", branchId = (string?)null, district = (string?)null, players = new[] { "张敏", "陈杰" } },
            },
            questions = questions.Select((q, i) => new { no = i + 1, part = q.Part, questionId = q.QuestionId, teamId = q.Team }).ToArray(),
        }), HttpStatusCode.OK, "stage setup");

    /// <summary>A team desk's tablet signed in by its link (the caller disposes it).</summary>
    public async Task<ApiClient> TeamDeskAsync(string contestId, string teamId, string name)
    {
        var grant = await ReadAsync(await Organiser.PostAsJsonAsync("/api/grants", new { role = "Team", name, branchId = teamId, scope = contestId }), HttpStatusCode.Created, "team link");
        var link = grant.GetProperty("link").GetString()!;
        var desk = new ApiClient(app.Url);
        await ReadAsync(await desk.Http.PostAsJsonAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] }), HttpStatusCode.OK, "team sign-in");
        return desk;
    }

    public static async Task<JsonElement> BuzzAsync(ApiClient desk, int questionNo) =>
        await ReadAsync(await desk.Http.PostAsJsonAsync("/api/team/buzz", new { buzzId = Guid.NewGuid().ToString("N"), questionNo }), HttpStatusCode.OK, "buzz");

    public async Task ShowFinalOnScreenAsync(string contestId, string headline) =>
        await ReadAsync(await Organiser.PutAsJsonAsync("/api/screens/main", new { headline, notice = (string?)null, mode = "ContestFinal", roundId = contestId }),
            HttpStatusCode.OK, "screen mode ContestFinal");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            return string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
