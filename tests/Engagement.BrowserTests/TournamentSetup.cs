using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engagement.BrowserTests;

/// <summary>A team as the organiser entered it.</summary>
public sealed record TournamentTeam(string TeamId, string Name);

/// <summary>One match of the tournament as the schedule lists it (team ids are null until known).</summary>
public sealed record TournamentFixture(string MatchId, string Stage, int Round, string Label, string? TeamA, string? TeamB, string SourceA, string SourceB, string Status);

/// <summary>A court scorer's link as the organiser hands it out (the grant's name is the court's name).</summary>
public sealed record ScorerLink(string Court, string Link);

/// <summary>
/// Arranging an air-volleyball tournament through the organiser API, as the console does: the parts a
/// browser test is not about (title, teams, format, rules, start, courts and times, scorer links, the
/// screen's mode).
/// </summary>
public sealed class TournamentSetup(BrowserApp app)
{
    private HttpClient Organiser => app.Organiser.Http;

    /// <summary>
    /// A knockout of these teams (seeded in the order given; semi-finals, final and third-place match) with
    /// the air-volleyball preset (best of 3, sets to 21, deciding set to 15, win by 2), started.
    /// </summary>
    public async Task<(string TournamentId, IReadOnlyList<TournamentTeam> Teams)> StartKnockoutAsync(string title, params string[] teamNames)
    {
        var created = await ReadAsync(await Organiser.PostAsJsonAsync("/api/tournaments", new { title }), HttpStatusCode.Created, "create tournament");
        var tournamentId = created.GetProperty("tournamentId").GetString()!;
        var presets = await ReadAsync(await Organiser.GetAsync("/api/tournaments/presets"), HttpStatusCode.OK, "rule presets");
        var rules = presets.GetProperty("air-volleyball");
        Assert.Equal(21, rules.GetProperty("pointsPerSet").GetInt32());
        Assert.Equal(2, rules.GetProperty("setsToWin").GetInt32());

        var teams = teamNames.Select((name, i) => new TournamentTeam($"t{i + 1}", name)).ToList();
        await ReadAsync(await Organiser.PutAsJsonAsync($"/api/tournaments/{tournamentId}", new
        {
            setup = new
            {
                title,
                format = "Knockout",
                groups = 0,
                legs = 1,
                advancePerGroup = 1,
                thirdPlace = true,
                grandFinalReset = false,
                separateDistricts = false,
                drawSeed = (int?)null,
                rules,
                criteria = Array.Empty<string>(),
            },
            teams = teams.Select((team, i) => new
            {
                teamId = team.TeamId,
                name = team.Name,
                branchId = (string?)null,
                district = "东部片区",
                seed = i + 1,
                players = Array.Empty<string>(),
            }).ToArray(),
        }), HttpStatusCode.OK, "configure tournament");
        await ReadAsync(await Organiser.PostAsync($"/api/tournaments/{tournamentId}/start", null), HttpStatusCode.OK, "start tournament");
        return (tournamentId, teams);
    }

    public async Task<JsonElement> ViewAsync(string tournamentId) =>
        await ReadAsync(await Organiser.GetAsync($"/api/public/tournaments/{tournamentId}"), HttpStatusCode.OK, "tournament view");

    public async Task<IReadOnlyList<TournamentFixture>> FixturesAsync(string tournamentId) =>
        (await ViewAsync(tournamentId)).GetProperty("matches").EnumerateArray().Select(m => new TournamentFixture(
            m.GetProperty("matchId").GetString()!,
            m.GetProperty("stage").GetString()!,
            m.GetProperty("round").GetInt32(),
            m.GetProperty("label").GetString()!,
            m.GetProperty("teamA").GetString(),
            m.GetProperty("teamB").GetString(),
            m.GetProperty("sourceA").GetString()!,
            m.GetProperty("sourceB").GetString()!,
            m.GetProperty("status").GetString()!)).ToList();

    public async Task<JsonElement> MatchAsync(string tournamentId, string matchId) =>
        await ReadAsync(await Organiser.GetAsync($"/api/public/tournaments/{tournamentId}/matches/{matchId}"), HttpStatusCode.OK, "match view");

    /// <summary>What the console's schedule sends: the match goes on this court at this time.</summary>
    public async Task ScheduleAsync(string tournamentId, string matchId, string court, DateTimeOffset startsAt) =>
        await ReadAsync(await Organiser.PutAsJsonAsync($"/api/tournaments/{tournamentId}/matches/{matchId}/schedule", new { court, startsAt }),
            HttpStatusCode.OK, $"schedule {matchId}");

    /// <summary>The scorer link for one court of this tournament.</summary>
    public async Task<ScorerLink> ScorerLinkAsync(string tournamentId, string court)
    {
        var grant = await ReadAsync(await Organiser.PostAsJsonAsync("/api/grants", new { role = "Scorer", name = court, branchId = (string?)null, scope = tournamentId }),
            HttpStatusCode.Created, "grant scorer link");
        var link = grant.GetProperty("link").GetString()!;
        Assert.Contains("/scorer.html#t=", link);
        return new ScorerLink(court, link);
    }

    /// <summary>What the console's screen control sends: the tournament on the main screen.</summary>
    public async Task ShowOnScreenAsync(string tournamentId, string headline, string? notice = null) =>
        await ReadAsync(await Organiser.PutAsJsonAsync("/api/screens/main", new { headline, notice, mode = "Tournament", roundId = tournamentId }),
            HttpStatusCode.OK, "screen mode Tournament");

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
