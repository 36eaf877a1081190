using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

// The live final's stage: the next case goes on stage from one console while the phase of the current one
// is moved from another. Both may succeed, but as one order: the later answer is what the stage shows, the
// earlier one's effect is still there (a revealed case stays locked), and the judging trail holds each step once.
public sealed partial class RaceTests
{
    private static readonly string[] Phases = ["Scoring", "Revealed", "Final", "Revealed", "Scoring"];

    [Fact, Step(5)]
    public async Task Next_case_on_stage_racing_a_phase_change_reads_as_one_order_in_answers_view_and_replay()
    {
        var (a, b) = (await app.SignInOrganiserAsync(), await app.SignInOrganiserAsync());
        var (eventId, cases) = await RoundSetup.EventAsync(a, app.Branches, "现场评审竞速");
        var rubric = (await a.GetAsync($"/api/selection/events/{eventId}")).GetProperty("rubric").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("maxPoints").GetDecimal());
        var judges = new List<ApiClient>();
        for (var j = 0; j < 3; j++)
        {
            var grant = await Selection.Json(await a.Http.PostAsJsonAsync("/api/grants", new { role = "Judge", name = $"竞速评委{j + 1}", branchId = (string?)null, scope = eventId }), HttpStatusCode.Created);
            judges.Add(await app.SignInWithLinkAsync(grant.GetProperty("link").GetString()!));
        }

        var (current, next) = (cases[0], cases[1]);
        var rounds = new List<string>();
        for (var i = 0; i < Phases.Length; i++)
        {
            var roundId = await RoundSetup.CreateAsync(a, eventId, RoundSetup.Body(cases, $"现场决赛{i}", live: true));
            await RoundSetup.ActAsync(a, roundId, "open");
            await Selection.Json(await a.Http.PostAsJsonAsync($"/api/selection/rounds/{roundId}/stage", new { caseId = current }), HttpStatusCode.OK);
            for (var j = 0; j < judges.Count; j++)
            {
                var marks = rubric.ToDictionary(c => c.Key, c => c.Value * (0.5m + 0.1m * j));
                await Selection.Json(await judges[j].Http.PostAsJsonAsync($"/api/judge/rounds/{roundId}/scores", new { caseId = current, marks }), HttpStatusCode.OK);
            }

            var phase = Phases[i];
            var (stage, moved) = await _race.AtOnceAsync(RoundSetup.Stage(a, roundId, next), RoundSetup.Phase(b, roundId, phase), flip: i % 2 == 1);
            output.WriteLine($"#{i} ({phase}): {stage.What} {(int)stage.Status} v{Version(stage)} | {moved.What} {(int)moved.Status} v{Version(moved)}");

            Assert.True(stage.Ok, $"The next case may always come on stage: {stage}");
            Assert.True(moved.Ok, $"{phase} is allowed from Presenting, whichever case is presenting: {moved}");
            Assert.NotEqual(Version(stage), Version(moved));
            var stageFirst = Version(stage) < Version(moved);
            var later = stageFirst ? moved : stage;

            Assert.Equal(next, CaseOf(stage.Json));
            Assert.Equal("Presenting", stage.Json.GetProperty("phase").GetString());
            Assert.Equal(phase, moved.Json.GetProperty("phase").GetString());
            // Moved after the stage change it applies to the next case; before it, to the current one.
            Assert.Equal(stageFirst ? next : current, CaseOf(moved.Json));

            var view = await a.GetAsync($"/api/selection/rounds/{roundId}");
            Assert.True(later.Json.Canonical() == view.GetProperty("stage").Canonical(),
                $"The stage does not show the later answer.\nlater answer: {later}\nstage now: {view.GetProperty("stage")}");

            var locked = (await a.GetAsync($"/api/selection/rounds/{roundId}/scores")).EnumerateArray()
                .ToDictionary(s => s.GetProperty("caseId").GetString()!, s => s.GetProperty("locked").GetBoolean());
            var revealedCase = phase == "Revealed" ? (stageFirst ? next : current) : null;
            Assert.Equal(revealedCase == current, locked.GetValueOrDefault(current));
            Assert.Equal(revealedCase == next, locked.GetValueOrDefault(next));

            var judging = (await RoundSetup.TrailAsync(a, roundId)).Where(e => e.Stream.StartsWith("judging:", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, judging.Count(e => e.Kind == "present"));
            Assert.Equal(1, judging.Count(e => e.Kind == "phase"));
            Assert.Equal(judges.Count, judging.Count(e => e.Kind == "score"));
            rounds.Add(roundId);
        }

        AssertNothingWaited();
        await app.RememberViewsAsync(a, nameof(Next_case_on_stage_racing_a_phase_change_reads_as_one_order_in_answers_view_and_replay),
            rounds.SelectMany(id => new[] { $"/api/selection/rounds/{id}", $"/api/selection/rounds/{id}/scores", $"/api/selection/rounds/{id}/audit?limit=1000" }));
    }

    private static long Version(Answer answer) => answer.Ok ? answer.Json.GetProperty("version").GetInt64() : -1;

    private static string? CaseOf(JsonElement stage) =>
        stage.GetProperty("case") is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("caseId").GetString() : null;
}
