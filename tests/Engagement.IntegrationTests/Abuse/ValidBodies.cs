using System.Text.Json.Nodes;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Abuse;

/// <summary>
/// A body each JSON endpoint would accept, aimed at the demo's real data. The fuzzer never sends these
/// as they are: every variant breaks them in at least one way, so any success is a malformed request
/// silently accepted. The optional fields are those a caller may leave out or send as null.
/// </summary>
public static class ValidBodies
{
    public static (JsonObject Body, HashSet<string> Optional)? For(string endpoint, DemoIds ids) => endpoint switch
    {
        "POST /api/auth/login" => (Json(new { userName = "fuzz-nobody", password = "not-the-password" }), []),
        "POST /api/auth/member" => (Json(new { code = "FUZZ-NOT-A-CODE" }), []),
        "POST /api/auth/setup" => (Json(new { token = "not-a-setup-token", userName = "fuzz", displayName = "Fuzz", password = "a-long-enough-password" }), ["displayName"]),
        "POST /api/auth/link" => (Json(new { token = "gnotagrant.0123456789abcdef0123456789abcdef" }), []),
        "POST /api/grants" => (Json(new { role = "Judge", name = "模糊测试评委", branchId = (string?)null, scope = ids.EventId }), ["branchId", "scope"]),
        "POST /api/org/branches" => (Json(new { name = "模糊测试党支部", district = "模糊片区" }), []),
        "PUT /api/org/branches/{branchId}" => (Json(new { name = ids.BranchName, district = ids.District }), []),
        "POST /api/org/members" => (Json(new { memberNo = "FUZZ0001", name = "模糊测试", phone = (string?)null, branchId = ids.BranchId }), ["phone"]),
        "PUT /api/org/members/{memberNo}" => (Json(new { memberNo = ids.MemberNo, name = ids.MemberName, phone = (string?)null, branchId = ids.BranchId }), ["phone"]),
        "PUT /api/screens/{screenId}" => (Json(new { headline = "模糊测试", notice = (string?)null, mode = "Headline", roundId = (string?)null }), ["notice", "mode", "roundId"]),
        "PUT /api/screens/{screenId}/ranking" => (Json(new { revealed = 0, page = 0 }), ["revealed", "page"]),
        "POST /api/selection/events" or "PUT /api/selection/events/{eventId}" or "POST /api/tournaments" => (Json(new { title = "模糊测试" }), []),
        "PUT /api/selection/events/{eventId}/rubric" =>
            (Json(new { criteria = new[] { new { id = "c1", name = "主题突出", maxPoints = 30, weight = 1 } }, trimK = 1, whenTooFewToTrim = "AverageAll" }), ["whenTooFewToTrim"]),
        "POST /api/selection/rounds/{roundId}/publish" => (Json(new { confirmUnscored = true }), ["confirmUnscored"]),
        "POST /api/selection/events/{eventId}/cases" or "PUT /api/selection/events/{eventId}/cases/{caseId}" =>
            (Case(ids.BranchId), ["summary", "themeDayDate", "attachmentIds"]),
        "POST /api/member/events/{eventId}/cases" => (Case(null), ["branchId", "summary", "themeDayDate", "attachmentIds"]),
        "POST /api/selection/events/{eventId}/cases/{caseId}/review" => (Json(new { status = "Rejected", note = "模糊" }), ["note"]),
        "POST /api/selection/events/{eventId}/rounds" or "PUT /api/selection/rounds/{roundId}" => (Json(new
        {
            name = "模糊轮次", kind = "Vote", caseIds = new[] { ids.CaseId }, minChoices = 1, maxChoices = 1, allowOwnBranch = false,
            revote = "FirstBallotFinal", secret = false, showLiveTallies = true, judgeWeight = 0, voteWeight = 1, voteMethod = "MaxNormalised",
        }), []),
        // Null removes the closing time, so leaving it out is a valid request too.
        "PUT /api/selection/rounds/{roundId}/closing-time" => (Json(new { closesAt = DateTimeOffset.UtcNow.AddHours(1) }), ["closesAt"]),
        "POST /api/selection/rounds/{roundId}/stage" => (Json(new { caseId = ids.OtherCaseId }), []),
        "POST /api/selection/rounds/{roundId}/stage/phase" => (Json(new { phase = "Scoring" }), []),
        // Null (or left out) gives the panel back to every judge of the event: the one body that changes nothing.
        "PUT /api/selection/rounds/{roundId}/panel" => (Json(new { judgeIds = (string[]?)null }), ["judgeIds"]),
        "POST /api/member/rounds/{roundId}/ballots" => (Json(new { ballotId = "fuzz-ballot-0001", choices = new[] { ids.CaseId } }), []),
        "POST /api/judge/rounds/{roundId}/scores" => (Json(new { caseId = ids.CaseId, marks = new Dictionary<string, decimal> { [ids.CriterionId] = 10 } }), []),
        // The demo tournament is running, so even this body is refused (409); every variant must be refused before that.
        "PUT /api/tournaments/{id}" => (Json(new
        {
            setup = new
            {
                title = "模糊测试比赛", format = "Knockout", groups = 0, legs = 1, advancePerGroup = 1, thirdPlace = true, grandFinalReset = false,
                separateDistricts = false, drawSeed = (int?)null,
                rules = new
                {
                    setsToWin = 2, pointsPerSet = 21, decidingSetPoints = 15, leadNeeded = 2, capsEnabled = false, setCap = 25, decidingSetCap = 17,
                    decidingSetSideSwitchAt = (int?)8, timeoutsPerSet = 2, winPoints = 2, lossPoints = 1, decidingWinPoints = 2, decidingLossPoints = 1,
                    forfeitWinPoints = 2, forfeitLossPoints = 0,
                },
                criteria = new[] { "MatchPoints", "PointsQuotient" },
            },
            teams = Enumerable.Range(1, 4).Select(i => new
            {
                teamId = $"t{i}", name = $"模糊{i}队", branchId = ids.BranchId, district = ids.District, seed = i, players = new[] { "队员甲", "队员乙" },
            }).ToArray(),
        }), []),
        "PUT /api/tournaments/{id}/matches/{matchId}/schedule" => (Json(new { court = ids.Court, startsAt = "2026-06-01T08:00:00+08:00" }), ["court", "startsAt"]),
        "POST /api/tournaments/{id}/matches/{matchId}/correction" =>
            (Json(new { winner = "A", sets = new[] { new { a = 21, b = 10 }, new { a = 21, b = 12 } }, ending = "Finished", confirm = true }), ["sets", "ending", "confirm"]),
        "POST /api/scorer/matches/{matchId}" => (Json(new { action = "Rally", team = "A" }), []),
        // Issue 12: the question bank, the host's hall round and stage final, phones and team desks. The contest is
        // running, so settings, questions, a draw and a stage setup are refused (409) even as sent here.
        "POST /api/contest-bank" or "PUT /api/contest-bank/{questionId}" => (Json(new
        {
            questionId = ids.Contest.QuestionId, type = "Single", stem = "模糊测试题干", options = new[] { "甲", "乙", "丙" }, answer = "B",
            explanation = "解析", points = 10, category = "党史", difficulty = "易", image = (string?)null,
        }), ["image"]),
        "POST /api/contests" => (Json(new { title = "模糊测试" }), []),
        "PUT /api/contests/{id}/settings" => (Json(new
        {
            title = "模糊测试竞赛", scoring = new { speedBonus = true, wrongPenalty = 0, partial = "None", answerSeconds = 20 }, ranking = "Average", topMembers = 10,
        }), []),
        "PUT /api/contests/{id}/questions" => (Json(new { questionIds = new[] { ids.Contest.QuestionId } }), []),
        "POST /api/contests/{id}/draw" => (Json(new { rules = new[] { new { category = "党史", difficulty = "易", count = 1 } }, seed = 7 }), ["seed"]),
        "POST /api/contests/{id}/step" => (Json(new { questionNo = 1, phase = "Shown" }), []),
        "PUT /api/contests/{id}/stage" => (Json(new
        {
            rules = Contests.StageRules(),
            teams = Contests.StageTeams(2),
            questions = new[] { new { no = 1, part = "Buzzer", questionId = ids.Contest.QuestionId, teamId = (string?)null } },
        }), []),
        "POST /api/contests/{id}/stage/present" or "POST /api/contests/{id}/stage/open-buzzing" => (Json(new { questionNo = 2 }), []),
        "POST /api/contests/{id}/stage/judge" => (Json(new { questionNo = 1, teamId = "t1", correct = true }), []),
        "POST /api/contests/{id}/stage/risk" => (Json(new { teamId = "t1", questionNo = 1, value = 20 }), []),
        "POST /api/contests/{id}/stage/corrections" => (Json(new { judgementSeq = 1L, correct = false, reason = "模糊更正" }), []),
        "POST /api/contests/{id}/stage/adjustments" => (Json(new { teamId = "t1", points = 5, reason = "模糊加分" }), []),
        "POST /api/member/contests/{id}/answers" => (Json(new { answerId = "fuzz-answer-0001", questionNo = 1, choice = "B" }), []),
        "POST /api/team/buzz" => (Json(new { buzzId = "fuzz-buzz-0001", questionNo = 2 }), []),
        "POST /api/team/risk" => (Json(new { questionNo = 1, value = 20 }), []),
        _ => null,
    };

    private static JsonObject Case(string? branchId) =>
        Json(new { branchId, title = "模糊案例", summary = "摘要", themeDayDate = "2026-05-01", attachmentIds = Array.Empty<string>() });

    private static JsonObject Json(object value) => (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(value)!;
}
