using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// The knowledge contest's routes (issue 12): the bank and every host action are the organiser's, phones answer as
/// members, the team desk buzzes and chooses risk values for its own team, and anyone may read what the big screen
/// shows. A refused call aims at the world's shared contests with a body that would visibly change them.
/// </summary>
public static partial class AccessMatrix
{
    private static Row[] ContestRows =>
    [
        Row("GET", "/api/contest-bank", OrganiserOnly(200), _ => "/api/contest-bank"),
        Row("POST", "/api/contest-bank/import", OrganiserOnly(200), (w, fresh) =>
            new Call("/api/contest-bank/import", Bank(Contests.Generate(fresh ? $"ACCI{w.Next()}Q" : "ACCDENYQ", 2)))),
        Row("POST", "/api/contest-bank", OrganiserOnly(201), (w, fresh) =>
            Json("/api/contest-bank", AccessWorld.QuestionBody(fresh ? $"ACCN{w.Next()}" : "ACCDENYN", "新增的题目"))),
        Row("PUT", "/api/contest-bank/{questionId}", OrganiserOnly(200), (w, fresh) =>
            Json($"/api/contest-bank/{w.QuestionIds[0]}", AccessWorld.QuestionBody(w.QuestionIds[0], fresh ? $"修改后的题目{w.Next()}" : "被拒绝的题目"))),
        Row("DELETE", "/api/contest-bank/{questionId}", OrganiserOnly(204), async (w, fresh) =>
        {
            if (!fresh)
            {
                return new Call($"/api/contest-bank/{w.SpareQuestion}");
            }

            var id = $"ACCD{w.Next()}";
            await w.PostAsync("/api/contest-bank", AccessWorld.QuestionBody(id, "待删除的题目"), System.Net.HttpStatusCode.Created);
            return new Call($"/api/contest-bank/{id}");
        }),

        Row("GET", "/api/contests", OrganiserOnly(200), _ => "/api/contests"),
        Row("POST", "/api/contests", OrganiserOnly(201), w => Json("/api/contests", new { title = $"新竞赛{w.Next()}" })),
        Row("GET", "/api/contests/{id}", OrganiserOnly(200), w => $"/api/contests/{w.RunningContest}"),
        Row("PUT", "/api/contests/{id}/settings", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/contests/{(fresh ? await w.FreshContestAsync(start: false) : w.DraftContest)}/settings", Contests.Settings(fresh ? "改名的竞赛" : "被拒绝的竞赛"))),
        Row("PUT", "/api/contests/{id}/questions", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/contests/{(fresh ? await w.FreshContestAsync(start: false) : w.DraftContest)}/questions", new { questionIds = new[] { w.QuestionIds[fresh ? 1 : 4] } })),
        Row("POST", "/api/contests/{id}/draw", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/contests/{(fresh ? await w.FreshContestAsync(start: false) : w.DraftContest)}/draw",
                new { rules = new[] { new { category = (string?)null, difficulty = (string?)null, count = 2 } }, seed = fresh ? 7 : 99 })),
        Row("POST", "/api/contests/{id}/start", OrganiserOnly(200), async (w, fresh) =>
            new Call($"/api/contests/{(fresh ? await w.FreshContestAsync(start: false) : w.DraftContest)}/start")),
        Row("POST", "/api/contests/{id}/step", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/contests/{(fresh ? await w.FreshContestAsync(start: true) : w.RunningContest)}/step", new { questionNo = 1, phase = fresh ? "Shown" : "Open" })),
        Row("POST", "/api/contests/{id}/finish", OrganiserOnly(200), async (w, fresh) =>
            new Call($"/api/contests/{(fresh ? await w.FreshContestAsync(start: true) : w.RunningContest)}/finish")),
        Row("GET", "/api/contests/{id}/record", OrganiserOnly(200), w => $"/api/contests/{w.RunningContest}/record"),
        Row("GET", "/api/contests/{id}/print", OrganiserOnly(200), w => $"/api/contests/{w.StageContest}/print"),
        Row("GET", "/api/contests/{id}/audit", OrganiserOnly(200), w => $"/api/contests/{w.StageContest}/audit"),
        Row("GET", "/api/contests/{id}/export.xlsx", OrganiserOnly(200), w => $"/api/contests/{w.StageContest}/export.xlsx"),

        Row("GET", "/api/contests/{id}/stage", OrganiserOnly(200), w => $"/api/contests/{w.StageContest}/stage"),
        Row("PUT", "/api/contests/{id}/stage", OrganiserOnly(200), async (w, fresh) => fresh
            ? Json($"/api/contests/{await w.FreshContestAsync(start: false)}/stage", Contests.StageSetup(2, w.QuestionIds.Skip(3).ToList(), AccessWorld.StageLayout))
            : Json($"/api/contests/{w.DraftContest}/stage", Contests.StageSetup(3, w.QuestionIds.Skip(3).ToList(), ("Buzzer", null)))),
        Row("POST", "/api/contests/{id}/stage/start", OrganiserOnly(200), async (w, fresh) =>
            new Call($"/api/contests/{(fresh ? await w.FreshStageAsync(false, AccessWorld.StageLayout) : w.StageContest)}/stage/start")),
        Row("POST", "/api/contests/{id}/stage/present", OrganiserOnly(200), async (w, fresh) => fresh
            ? Json($"/api/contests/{await w.FreshStageAsync(true, ("Required", "t1"))}/stage/present", new { questionNo = 1 })
            : Json($"/api/contests/{w.StageContest}/stage/present", new { questionNo = 2 })),
        Row("POST", "/api/contests/{id}/stage/open-buzzing", OrganiserOnly(200), async (w, fresh) =>
        {
            if (!fresh)
            {
                return Json($"/api/contests/{w.StageContest}/stage/open-buzzing", new { questionNo = 2 });
            }

            var id = await w.FreshStageAsync(true, ("Buzzer", null));
            await w.PostAsync($"/api/contests/{id}/stage/present", new { questionNo = 1 });
            return Json($"/api/contests/{id}/stage/open-buzzing", new { questionNo = 1 });
        }),
        Row("POST", "/api/contests/{id}/stage/judge", OrganiserOnly(200), async (w, fresh) =>
        {
            if (!fresh)
            {
                return Json($"/api/contests/{w.StageContest}/stage/judge", new { questionNo = 3, teamId = "t2", correct = true });
            }

            var id = await w.FreshStageAsync(true, ("Required", "t1"));
            await w.PostAsync($"/api/contests/{id}/stage/present", new { questionNo = 1 });
            return Json($"/api/contests/{id}/stage/judge", new { questionNo = 1, teamId = "t1", correct = true });
        }),
        Row("POST", "/api/contests/{id}/stage/risk", OrganiserOnly(200), async (w, fresh) => fresh
            ? Json($"/api/contests/{await w.FreshStageAsync(true, ("Risk", "t1"))}/stage/risk", new { teamId = "t1", questionNo = 1, value = 20 })
            : Json($"/api/contests/{w.StageContest}/stage/risk", new { teamId = "t1", questionNo = 1, value = 30 })),
        Row("POST", "/api/contests/{id}/stage/corrections", OrganiserOnly(200), async (w, fresh) =>
        {
            if (!fresh)
            {
                return Json($"/api/contests/{w.StageContest}/stage/corrections", new { judgementSeq = 1L, correct = false, reason = "被拒绝的更正" });
            }

            var (id, seq) = await w.FreshJudgementAsync();
            return Json($"/api/contests/{id}/stage/corrections", new { judgementSeq = seq, correct = false, reason = "回看录像，答案不完整" });
        }),
        Row("POST", "/api/contests/{id}/stage/adjustments", OrganiserOnly(200), async (w, fresh) =>
            Json($"/api/contests/{(fresh ? await w.FreshStageAsync(true, AccessWorld.StageLayout) : w.StageContest)}/stage/adjustments",
                new { teamId = "t1", points = fresh ? 5 : 50, reason = fresh ? "仲裁加分" : "被拒绝的加分" })),
        Row("POST", "/api/contests/{id}/stage/finish", OrganiserOnly(200), async (w, fresh) =>
            new Call($"/api/contests/{(fresh ? await w.FreshStageAsync(true, AccessWorld.StageLayout) : w.StageContest)}/stage/finish")),

        // Phones: the member's own contests and answers (a fresh contest has question 1 open for each allowed call).
        Row("GET", "/api/member/contests", MemberOnly(200), _ => "/api/member/contests"),
        Row("GET", "/api/member/contests/{id}", MemberOnly(200), w => $"/api/member/contests/{w.RunningContest}"),
        Row("POST", "/api/member/contests/{id}/answers", MemberOnly(200), async (w, fresh) =>
            Json($"/api/member/contests/{(fresh ? await w.FreshContestAsync(start: true, open: true) : w.RunningContest)}/answers",
                new { answerId = Guid.NewGuid().ToString("N"), questionNo = 1, choice = "B" })),

        // Team desks: their own team of their own contest, from the link (a buzz with nothing on stage is answered "closed").
        Row("GET", "/api/team/desk", TeamOnly(200), _ => "/api/team/desk"),
        Row("POST", "/api/team/buzz", TeamOnly(200), _ => Json("/api/team/buzz", new { buzzId = Guid.NewGuid().ToString("N"), questionNo = 2 })),
        Row("POST", "/api/team/risk", TeamOnly(200), _ => Json("/api/team/risk", new { questionNo = 1, value = 20 })),

        // What the big screen shows is public.
        Row("GET", "/api/public/contests/{id}/live", Everyone(200), w => $"/api/public/contests/{w.RunningContest}/live"),
        Row("GET", "/api/public/contests/{id}/stage", Everyone(200), w => $"/api/public/contests/{w.StageContest}/stage"),
    ];

    private static MultipartFormDataContent Bank(IEnumerable<BankRow> rows) => new()
    {
        { new ByteArrayContent(Contests.Xlsx(rows)), "file", "bank.xlsx" },
    };
}
