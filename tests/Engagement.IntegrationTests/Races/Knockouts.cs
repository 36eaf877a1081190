using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

/// <summary>A knockout as the organiser sets it up from the console, and the calls the races send.</summary>
public static class Knockouts
{
    /// <summary>A started single-elimination of <paramref name="teams"/> teams (seeded t1..tN), air-volleyball rules, no third-place match.</summary>
    public static async Task<string> StartAsync(ApiClient organiser, string title, int teams)
    {
        var id = (await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/tournaments", new { title }), HttpStatusCode.Created))
            .GetProperty("tournamentId").GetString()!;
        var rules = (await organiser.GetAsync("/api/tournaments/presets")).GetProperty("air-volleyball");
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/tournaments/{id}", new
        {
            setup = new
            {
                title,
                format = "Knockout",
                groups = 0,
                legs = 1,
                advancePerGroup = 1,
                thirdPlace = false,
                grandFinalReset = false,
                separateDistricts = false,
                drawSeed = (int?)null,
                rules,
                criteria = Array.Empty<string>(),
            },
            teams = Enumerable.Range(1, teams).Select(i => new
            {
                teamId = $"t{i}",
                name = $"{title}{i}队",
                branchId = (string?)null,
                district = "东部片区",
                seed = i,
                players = Array.Empty<string>(),
            }).ToArray(),
        }), HttpStatusCode.OK);
        await Selection.Json(await organiser.Http.PostAsync($"/api/tournaments/{id}/start", null), HttpStatusCode.OK);
        return id;
    }

    public static Task<JsonElement> ViewAsync(ApiClient client, string id) => client.GetAsync($"/api/public/tournaments/{id}");

    public static Task<JsonElement> MatchAsync(ApiClient client, string id, string matchId) => client.GetAsync($"/api/public/tournaments/{id}/matches/{matchId}");

    public static JsonElement Fixture(this JsonElement tournament, string matchId) =>
        tournament.GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("matchId").GetString() == matchId);

    public static IReadOnlyList<JsonElement> Round(this JsonElement tournament, int round) =>
        tournament.GetProperty("matches").EnumerateArray().Where(m => m.GetProperty("round").GetInt32() == round).OrderBy(m => m.GetProperty("matchId").GetString(), StringComparer.Ordinal).ToList();

    public static string Id(this JsonElement fixture) => fixture.GetProperty("matchId").GetString()!;

    public static (string? A, string? B) Teams(this JsonElement fixtureOrMatch) =>
        (fixtureOrMatch.GetProperty("teamA").GetString(), fixtureOrMatch.GetProperty("teamB").GetString());

    public static async Task ScheduleAsync(ApiClient organiser, string id, string matchId, string court, DateTimeOffset startsAt) =>
        await Selection.Json(await organiser.Http.PutAsJsonAsync($"/api/tournaments/{id}/matches/{matchId}/schedule", new { court, startsAt }), HttpStatusCode.OK);

    /// <summary>The court's scorer tablet: a scorer link named after the court, for this tournament, signed in.</summary>
    public static async Task<ApiClient> ScorerAsync(RaceApp app, ApiClient organiser, string id, string court)
    {
        var grant = await Selection.Json(await organiser.Http.PostAsJsonAsync("/api/grants", new { role = "Scorer", name = court, branchId = (string?)null, scope = id }), HttpStatusCode.Created);
        return await app.SignInWithLinkAsync(grant.GetProperty("link").GetString()!);
    }

    public static async Task<JsonElement> ScoreAsync(ApiClient scorer, string matchId, string action, string? team) =>
        await Selection.Json(await scorer.Http.PostAsJsonAsync($"/api/scorer/matches/{matchId}", new { action, team }), HttpStatusCode.OK);

    public static Request Tap(ApiClient scorer, string matchId, string team = "A") =>
        new($"rally {team} on {matchId}", scorer, http => http.PostAsJsonAsync($"/api/scorer/matches/{matchId}", new { action = "Rally", team }));

    /// <summary>The organiser's confirmed correction: the other team won (by forfeit, so no set scores are needed).</summary>
    public static Request Correct(ApiClient organiser, string id, string matchId, string winner) =>
        new($"correct {matchId} to {winner}", organiser, http => http.PostAsJsonAsync($"/api/tournaments/{id}/matches/{matchId}/correction",
            new { winner, sets = Array.Empty<object>(), ending = "Forfeited", confirm = true }));

    public static Request Schedule(ApiClient organiser, string id, string matchId, string court, DateTimeOffset startsAt) =>
        new($"schedule {matchId} on {court}", organiser, http => http.PutAsJsonAsync($"/api/tournaments/{id}/matches/{matchId}/schedule", new { court, startsAt }));

    /// <summary>Points of team A and B in the current set (0:0 when no set is under way).</summary>
    public static (int A, int B) Points(this JsonElement match) =>
        match.GetProperty("current") is { ValueKind: JsonValueKind.Object } c ? (c.GetProperty("a").GetInt32(), c.GetProperty("b").GetInt32()) : (0, 0);
}
