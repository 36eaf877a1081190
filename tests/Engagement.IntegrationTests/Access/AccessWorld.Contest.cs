using System.Net;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// The knowledge contest's part of the world (issue 12): a question bank, a running hall round with its first
/// question shown (not open: no countdown runs out under the tests), a draft contest ready to start, and a contest
/// whose stage final is running with a team desk signed in as <see cref="Role.Team"/>.
/// </summary>
public sealed partial class AccessWorld
{
    public const string QuestionPrefix = "ACCQ";

    public string RunningContest { get; private set; } = null!;
    public string DraftContest { get; private set; } = null!;
    public string StageContest { get; private set; } = null!;

    /// <summary>The bank's questions: 1–3 in the hall rounds, 4–6 on the stage, the last one the target of refused deletes.</summary>
    public IReadOnlyList<string> QuestionIds { get; private set; } = [];

    public string SpareQuestion => QuestionIds[^1];

    /// <summary>The stage's layout: 1 风险 for t1 (the desk's team), 2 抢答, 3 必答 for t2.</summary>
    public static readonly (string Part, string? Team)[] StageLayout = [("Risk", "t1"), ("Buzzer", null), ("Required", "t2")];

    private async Task ContestsAsync()
    {
        var rows = Contests.Generate(QuestionPrefix, 12);
        QuestionIds = rows.Select(r => r.Id).ToList();
        await (await Organiser.ImportBankAsync(Contests.Xlsx(rows), "bank.xlsx")).ExpectAsync(HttpStatusCode.OK);

        RunningContest = await FreshContestAsync(start: true);
        await Organiser.StepAsync(RunningContest, 1, "Shown");
        DraftContest = await FreshContestAsync(start: false);

        StageContest = await FreshStageAsync(start: true, StageLayout);
        var grant = await PostAsync("/api/grants", new { role = "Team", name = "第1队", branchId = "t1", scope = StageContest }, HttpStatusCode.Created);
        var link = grant.GetProperty("link").GetString()!;
        Assert.Contains("/desk.html#t=", link);
        _cookies[Role.Team] = (await SignInAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] })).Cookies;
    }

    /// <summary>A new contest with the bank's first three questions; started, and question 1 open for answers if asked.</summary>
    public async Task<string> FreshContestAsync(bool start, bool open = false)
    {
        var id = await Organiser.CreateContestAsync($"权限竞赛{Next()}", QuestionIds.Take(3), answerSeconds: 120);
        if (start)
        {
            await PostAsync($"/api/contests/{id}/start", null);
        }

        if (open)
        {
            await Organiser.StepAsync(id, 1, "Shown");
            await Organiser.StepAsync(id, 1, "Open");
        }

        return id;
    }

    /// <summary>A new contest whose stage is set up with two teams and the layout's questions (bank questions 4…), started if asked.</summary>
    public async Task<string> FreshStageAsync(bool start, params (string Part, string? Team)[] layout)
    {
        var id = await FreshContestAsync(start: false);
        await PutAsync($"/api/contests/{id}/stage", Contests.StageSetup(2, QuestionIds.Skip(3).ToList(), layout));
        if (start)
        {
            await PostAsync($"/api/contests/{id}/stage/start", null);
        }

        return id;
    }

    /// <summary>A started stage with its one 必答 question (team t1) presented and judged; returns the contest and the judgement's seq.</summary>
    public async Task<(string ContestId, long Seq)> FreshJudgementAsync()
    {
        var id = await FreshStageAsync(start: true, ("Required", "t1"));
        await PostAsync($"/api/contests/{id}/stage/present", new { questionNo = 1 });
        var view = await PostAsync($"/api/contests/{id}/stage/judge", new { questionNo = 1, teamId = "t1", correct = true });
        var seq = view.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "judgement").GetProperty("seq").GetInt64();
        return (id, seq);
    }

    /// <summary>A bank question as the console sends it.</summary>
    public static object QuestionBody(string id, string stem) => new
    {
        questionId = id, type = "Single", stem, options = new[] { "1919年", "1921年", "1927年" }, answer = "B",
        explanation = "中共一大于1921年召开。", points = 10, category = "党史", difficulty = "易", image = (string?)null,
    };
}
