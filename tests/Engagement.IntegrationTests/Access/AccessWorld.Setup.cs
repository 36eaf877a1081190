using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Access;

/// <summary>Building the world through the organiser API, as the console would, and signing each role in.</summary>
public sealed partial class AccessWorld
{
    private async Task RosterAsync()
    {
        await Organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate(Prefix, members: 8, branches: 2)), "roster.xlsx");
        var overview = await Organiser.OverviewAsync();
        BranchA = overview.Branch(Rosters.BranchName(Prefix, 0));
        BranchB = overview.Branch(Rosters.BranchName(Prefix, 1));
        var members = (await Organiser.BranchAsync(BranchA.BranchId)).Members;
        var codes = (await Organiser.CodesAsync(BranchA.BranchId)).Codes;
        (Member, SpareMember) = (members[0], members[1]);
        MemberCode = codes.Single(c => c.MemberNo == Member.MemberNo).Code;
        SpareCode = codes.Single(c => c.MemberNo == SpareMember.MemberNo).Code;
        _cookies[Role.Member] = (await SignInAsync("/api/auth/member", new { code = MemberCode })).Cookies;
    }

    private async Task SelectionAsync()
    {
        Event1 = await EventAsync("权限矩阵评选一");
        Event2 = await EventAsync("权限矩阵评选二");
        Scratch = await EventAsync("权限矩阵草稿");
        Submissions = await EventAsync("权限矩阵案例征集");
        string[] cases1 = [await CaseAsync(Event1, BranchA.BranchId), await CaseAsync(Event1, BranchB.BranchId)];
        string[] cases2 = [await CaseAsync(Event2, BranchA.BranchId), await CaseAsync(Event2, BranchB.BranchId)];
        ScratchCases = [await CaseAsync(Scratch, BranchA.BranchId), await CaseAsync(Scratch, BranchB.BranchId)];
        EditableCase = await CaseAsync(Scratch, BranchA.BranchId, accept: false);

        var scratch = await Selection.Json(await Organiser.Http.GetAsync($"/api/selection/events/{Scratch}"), HttpStatusCode.OK);
        Rubric = scratch.GetProperty("rubric");
        TrimK = scratch.GetProperty("trimK").GetInt32();
        FullMarks = Rubric.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("maxPoints").GetDecimal());

        // Judges first: the panel of a case is fixed when it goes on stage.
        var judge1 = await GrantAsync("Judge", "评委甲", Event1);
        var judge2 = await GrantAsync("Judge", "评委乙", Event2);
        var spare = await GrantAsync("Judge", "备用评委", Scratch);
        (Judge1Token, Judge2Token, SpareGrant, SpareGrantToken) = (judge1.Token, judge2.Token, spare.GrantId, spare.Token);
        _cookies[Role.Judge] = (await SignInAsync("/api/auth/link", new { token = Judge1Token })).Cookies;
        _cookies[Role.OtherJudge] = (await SignInAsync("/api/auth/link", new { token = Judge2Token })).Cookies;

        Live1 = await RoundAsync(Event1, cases1, live: true, open: true);
        Live2 = await RoundAsync(Event2, cases2, live: true, open: true);
        Vote1 = await RoundAsync(Event1, cases1, live: false, open: true);
        (Event1Cases, CaseOnStage1, VoteChoice) = (cases1, cases1[1], cases1[1]);
        await PostAsync($"/api/selection/rounds/{Live1}/stage", new { caseId = CaseOnStage1 });
        await PostAsync($"/api/selection/rounds/{Live2}/stage", new { caseId = cases2[1] });

        Draft = await FreshRoundAsync();
        Closed = await FreshRoundAsync(open: true, close: true);
        Published = await FreshRoundAsync(open: true);
        using (var voter = await SignInAsync("/api/auth/member", new { code = SpareCode }))
        {
            var ballot = await Selection.Json(await voter.Http.PostAsJsonAsync($"/api/member/rounds/{Published}/ballots",
                new { ballotId = Guid.NewGuid().ToString("N"), choices = new[] { ScratchCases[1] } }), HttpStatusCode.OK);
            Receipt = ballot.GetProperty("receipt").GetString()!;
        }

        await PostAsync($"/api/selection/rounds/{Published}/close", null);
        await PostAsync($"/api/selection/rounds/{Published}/publish", null);
    }

    private async Task TournamentsAsync()
    {
        var presets = await Selection.Json(await Organiser.Http.GetAsync("/api/tournaments/presets"), HttpStatusCode.OK);
        TournamentRules = presets.GetProperty("air-volleyball");

        Tournament1 = await FreshTournamentAsync(configure: true);
        Tournament2 = await FreshTournamentAsync(configure: true);
        Tournament3 = await FreshTournamentAsync(configure: true);
        foreach (var id in new[] { Tournament1, Tournament2, Tournament3 })
        {
            await PostAsync($"/api/tournaments/{id}/start", null);
        }

        var semis1 = await SemiFinalsAsync(Tournament1);
        (CourtMatch, SecondMatch) = (semis1[0], semis1[1]);
        await ScheduleAsync(Tournament1, CourtMatch, Court);
        Scorer1Token = (await GrantAsync("Scorer", Court, Tournament1)).Token;
        Scorer2Token = (await GrantAsync("Scorer", Court, Tournament2)).Token;
        _cookies[Role.Scorer] = (await SignInAsync("/api/auth/link", new { token = Scorer1Token })).Cookies;
        _cookies[Role.OtherScorer] = (await SignInAsync("/api/auth/link", new { token = Scorer2Token })).Cookies;

        // Tournament 3's own scorer plays one set of a semi-final and records a forfeit in the other.
        var semis3 = await SemiFinalsAsync(Tournament3);
        (ReopenMatch, CorrectMatch) = (semis3[0], semis3[1]);
        await ScheduleAsync(Tournament3, ReopenMatch, Court);
        await ScheduleAsync(Tournament3, CorrectMatch, Court);
        using var scorer3 = await SignInAsync("/api/auth/link", new { token = (await GrantAsync("Scorer", Court, Tournament3)).Token });
        for (var rally = 0; rally < TournamentRules.GetProperty("pointsPerSet").GetInt32(); rally++)
        {
            await Selection.Json(await scorer3.Http.PostAsJsonAsync($"/api/scorer/matches/{ReopenMatch}", new { action = "Rally", team = "A" }), HttpStatusCode.OK);
        }

        await Selection.Json(await scorer3.Http.PostAsJsonAsync($"/api/scorer/matches/{ReopenMatch}", new { action = "ConfirmSet", team = (string?)null }), HttpStatusCode.OK);
        var forfeited = await Selection.Json(await scorer3.Http.PostAsJsonAsync($"/api/scorer/matches/{CorrectMatch}", new { action = "Forfeit", team = "A" }), HttpStatusCode.OK);
        var winner = forfeited.GetProperty("winner").GetString();
        CorrectWinner = forfeited.GetProperty("teamA").GetString() == winner ? forfeited.GetProperty("teamB").GetString()! : forfeited.GetProperty("teamA").GetString()!;

        DraftTournament = await FreshTournamentAsync(configure: false);
        ReadyTournament = await FreshTournamentAsync(configure: true);
    }

    private async Task<string> EventAsync(string title) =>
        (await PostAsync("/api/selection/events", new { title }, HttpStatusCode.Created)).GetProperty("eventId").GetString()!;

    private async Task<string> CaseAsync(string eventId, string branchId, bool accept = true)
    {
        var caseId = (await PostAsync($"/api/selection/events/{eventId}/cases", CaseBody(branchId, $"主题党日{Next()}"), HttpStatusCode.Created))
            .GetProperty("caseId").GetString()!;
        if (accept)
        {
            await PostAsync($"/api/selection/events/{eventId}/cases/{caseId}/review", new { status = "Accepted", note = (string?)null });
        }

        return caseId;
    }

    private async Task<string> RoundAsync(string eventId, IEnumerable<string> caseIds, bool live, bool open)
    {
        var roundId = (await PostAsync($"/api/selection/events/{eventId}/rounds", RoundBody(caseIds, live), HttpStatusCode.Created))
            .GetProperty("roundId").GetString()!;
        if (open)
        {
            await PostAsync($"/api/selection/rounds/{roundId}/open", null);
        }

        return roundId;
    }

    private async Task<(string GrantId, string Token)> GrantAsync(string role, string name, string scope)
    {
        var grant = await PostAsync("/api/grants", new { role, name, branchId = (string?)null, scope }, HttpStatusCode.Created);
        var link = grant.GetProperty("link").GetString()!;
        return (grant.GetProperty("grant").GetProperty("grantId").GetString()!, link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..]);
    }

    private async Task<string[]> SemiFinalsAsync(string tournamentId)
    {
        var view = await Selection.Json(await Organiser.Http.GetAsync($"/api/public/tournaments/{tournamentId}"), HttpStatusCode.OK);
        var ready = view.GetProperty("matches").EnumerateArray()
            .Where(m => m.GetProperty("teamA").ValueKind == JsonValueKind.String && m.GetProperty("teamB").ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty("matchId").GetString()!)
            .ToArray();
        Assert.Equal(2, ready.Length);
        return ready;
    }

    private Task ScheduleAsync(string tournamentId, string matchId, string court) =>
        PutAsync($"/api/tournaments/{tournamentId}/matches/{matchId}/schedule", new { court, startsAt = DateTimeOffset.UtcNow.AddHours(1) });
}
