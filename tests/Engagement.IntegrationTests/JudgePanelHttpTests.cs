using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests;

/// <summary>
/// The round's panel over HTTP: the organiser chooses among the judges whose link is valid for the event,
/// the server refuses anyone else, and a judge left off the panel is told so by the desk (before any mark)
/// and refused on submit.
/// </summary>
[Collection(Collections.Durability)]
public sealed class JudgePanelHttpTests
{
    [Fact]
    public async Task The_panel_is_chosen_among_the_events_judges_and_a_judge_left_off_it_is_told_before_scoring()
    {
        using var data = new TempDirectory();
        await using var app = await TestApps.StartEmbeddedAsync("judge-panel", data.Path);
        using var organiser = await app.OrganiserAsync();
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("JP", 8, 2)), "roster.xlsx");
        var branches = (await organiser.OverviewAsync()).Branches;
        var round = await organiser.OpenVoteRoundAsync(branches, live: true);
        var (chosenId, chosen) = await JudgeAsync(app, organiser, "评委甲", round.EventId);
        var (leftOffId, leftOff) = await JudgeAsync(app, organiser, "评委乙", round.EventId);
        var (strangerId, stranger) = await JudgeAsync(app, organiser, "外来评委", "another-event");
        using var _1 = chosen;
        using var _2 = leftOff;
        using var _3 = stranger;
        var panelUrl = $"/api/selection/rounds/{round.RoundId}/panel";

        var initial = await Selection.Json(await organiser.Http.GetAsync(panelUrl), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("chosen").ValueKind);
        Assert.Equal([(chosenId, true), (leftOffId, true)], Judges(initial).OrderBy(j => j.Item1 == chosenId ? 0 : 1));

        var foreign = await organiser.Http.PutAsJsonAsync(panelUrl, new { judgeIds = new[] { chosenId, strangerId } });
        var empty = await organiser.Http.PutAsJsonAsync(panelUrl, new { judgeIds = Array.Empty<string>() });
        Assert.Equal("judging.panel-unknown", (await foreign.ProblemAsync(HttpStatusCode.BadRequest)).Code);
        Assert.Equal("judging.panel-empty", (await empty.ProblemAsync(HttpStatusCode.BadRequest)).Code);

        var set = await Selection.Json(await organiser.Http.PutAsJsonAsync(panelUrl, new { judgeIds = new[] { chosenId } }), HttpStatusCode.OK);
        Assert.Equal([chosenId], set.GetProperty("chosen").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains((leftOffId, false), Judges(set));

        var caseId = round.CaseIds[0];
        var stage = await Selection.Json(await organiser.Http.PostAsJsonAsync($"/api/selection/rounds/{round.RoundId}/stage", new { caseId }), HttpStatusCode.OK);
        Assert.Equal(1, stage.GetProperty("expected").GetInt32());

        var leftOffDesk = (await Selection.Json(await leftOff.Http.GetAsync("/api/judge/desk"), HttpStatusCode.OK)).GetProperty("view");
        var chosenDesk = (await Selection.Json(await chosen.Http.GetAsync("/api/judge/desk"), HttpStatusCode.OK)).GetProperty("view");
        Assert.Equal(caseId, leftOffDesk.GetProperty("case").GetProperty("caseId").GetString());
        Assert.False(leftOffDesk.GetProperty("onPanel").GetBoolean());
        Assert.True(chosenDesk.GetProperty("onPanel").GetBoolean());
        var marks = chosenDesk.GetProperty("rubric").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("maxPoints").GetDecimal() / 2);
        var refused = await leftOff.Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId, marks });
        Assert.Equal("judging.not-on-panel", (await refused.ProblemAsync(HttpStatusCode.Conflict)).Code);
        await (await chosen.Http.PostAsJsonAsync($"/api/judge/rounds/{round.RoundId}/scores", new { caseId, marks })).ExpectAsync(HttpStatusCode.OK);

        var voteRound = await organiser.OpenVoteRoundAsync(branches);
        var notLive = await organiser.Http.PutAsJsonAsync($"/api/selection/rounds/{voteRound.RoundId}/panel", new { judgeIds = (string[]?)null });
        Assert.Equal("judging.not-live", (await notLive.ProblemAsync(HttpStatusCode.Conflict)).Code);
    }

    private static IEnumerable<(string, bool)> Judges(JsonElement panel) =>
        panel.GetProperty("judges").EnumerateArray().Select(j => (j.GetProperty("grantId").GetString()!, j.GetProperty("onPanel").GetBoolean())).ToList();

    private static async Task<(string GrantId, ApiClient Client)> JudgeAsync(AppProcess app, ApiClient organiser, string name, string scope)
    {
        var grant = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Judge", name, branchId = (string?)null, scope }), HttpStatusCode.Created);
        var link = grant.GetProperty("link").GetString()!;
        var client = new ApiClient(app.Url!);
        await (await client.Http.PostAsJsonAsync("/api/auth/link", new { token = link[(link.IndexOf("#t=", StringComparison.Ordinal) + 3)..] })).ExpectAsync(HttpStatusCode.OK);
        return (grant.GetProperty("grant").GetProperty("grantId").GetString()!, client);
    }
}
