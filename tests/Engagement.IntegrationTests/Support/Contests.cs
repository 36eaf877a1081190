using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Engagement.Testing;
using MiniExcelLibs;

namespace Engagement.IntegrationTests.Support;

/// <summary>One line of a question bank file as an organiser would type it (options A–D; empty ones left out).</summary>
public sealed record BankRow(string Id, string Type, string Stem, string[] Options, string Answer, string Explanation = "", int Points = 10,
    string Category = "党史", string Difficulty = "易");

/// <summary>Question bank files and the knowledge contest's API as the console, the host's laptop, phones and desks use it.</summary>
public static class Contests
{
    public static readonly string[] ChineseHeaders = ["题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "分值", "分类", "难度"];

    /// <summary><paramref name="count"/> single-choice questions whose key is always "B", numbered <paramref name="prefix"/>001….</summary>
    public static List<BankRow> Generate(string prefix, int count, string category = "党史") =>
        Enumerable.Range(1, count).Select(i => new BankRow($"{prefix}{i:D3}", "单选", $"{prefix} 第{i}题：中国共产党第一次全国代表大会在哪一年召开？",
            ["1919年", "1921年", "1927年", "1949年"], "B", "1921年7月，中共一大在上海召开。", 10, category, i % 2 == 0 ? "难" : "易")).ToList();

    public static byte[] Xlsx(IEnumerable<BankRow> rows)
    {
        var sheet = rows.Select(r =>
        {
            var values = new object?[] { r.Id, r.Type, r.Stem, Option(r, 0), Option(r, 1), Option(r, 2), Option(r, 3), r.Answer, r.Explanation, r.Points, r.Category, r.Difficulty };
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < ChineseHeaders.Length; i++)
            {
                line[ChineseHeaders[i]] = values[i];
            }

            return line;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Csv(IEnumerable<BankRow> rows)
    {
        var text = new StringBuilder().AppendJoin(',', ChineseHeaders).Append("\r\n");
        foreach (var r in rows)
        {
            text.AppendJoin(',', r.Id, r.Type, r.Stem, Option(r, 0), Option(r, 1), Option(r, 2), Option(r, 3), r.Answer, r.Explanation, r.Points, r.Category, r.Difficulty).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string? Option(BankRow row, int index) => index < row.Options.Length ? row.Options[index] : null;

    public static async Task<HttpResponseMessage> ImportBankAsync(this ApiClient client, byte[] file, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        return await client.Http.PostAsync("/api/contest-bank/import", form);
    }

    /// <summary>A new contest with these bank questions and the given countdown; returns its id.</summary>
    public static async Task<string> CreateContestAsync(this ApiClient organiser, string title, IEnumerable<string> questionIds, int answerSeconds = 30,
        bool speedBonus = false)
    {
        var created = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/contests", new { title }), HttpStatusCode.Created);
        var id = created.GetProperty("contestId").GetString()!;
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/contests/{id}/settings", Settings(title, answerSeconds, speedBonus)), HttpStatusCode.OK);
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/contests/{id}/questions", new { questionIds = questionIds.ToArray() }), HttpStatusCode.OK);
        return id;
    }

    public static object Settings(string title, int answerSeconds = 30, bool speedBonus = false) => new
    {
        title,
        scoring = new { speedBonus, wrongPenalty = 0, partial = "None", answerSeconds },
        ranking = "Average",
        topMembers = 10,
    };

    public static async Task<JsonElement> StepAsync(this ApiClient organiser, string contestId, int questionNo, string phase) =>
        await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/contests/{contestId}/step", new { questionNo, phase }), HttpStatusCode.OK);

    public static Task<HttpResponseMessage> AnswerAsync(this ApiClient member, string contestId, string answerId, int questionNo, string choice) =>
        member.Http.PostAsJsonAsync($"/api/member/contests/{contestId}/answers", new { answerId, questionNo, choice });

    /// <summary>The usual stage rules: 必答 +10/0, 抢答 +10/−10, early buzz refused, risk 10/20/30.</summary>
    public static object StageRules(string earlyBuzz = "Refuse") => new
    {
        requiredCorrect = 10, requiredWrong = 0, buzzCorrect = 10, buzzWrong = -10, earlyBuzz, earlyBuzzPenalty = 5,
        reopenAfterWrong = false, riskValues = new[] { 10, 20, 30 }, answerSeconds = 30,
    };

    public static object[] StageTeams(int count) => Enumerable.Range(1, count)
        .Select(i => (object)new { teamId = $"t{i}", name = $"第{i}队", branchId = (string?)null, district = (string?)null, players = new[] { $"队员{i}甲", $"队员{i}乙" } })
        .ToArray();

    /// <summary>A stage setup: each (part, team) in order, the questions taken from the bank ids given.</summary>
    public static object StageSetup(int teams, IReadOnlyList<string> questionIds, params (string Part, string? Team)[] layout) => new
    {
        rules = StageRules(),
        teams = StageTeams(teams),
        questions = layout.Select((q, i) => new { no = i + 1, part = q.Part, questionId = questionIds[i], teamId = q.Team }).ToArray(),
    };
}
