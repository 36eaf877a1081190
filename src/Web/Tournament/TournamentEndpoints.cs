using System.Security.Claims;
using Engagement.Access;
using Engagement.Tournament;
using Engagement.Web.Access;

namespace Engagement.Web.Tournament;

/// <summary>
/// The tournament over HTTP: organisers set it up, schedule courts and correct results; scorers score
/// the match on their court rally by rally; anyone may read brackets, tables and live scores.
/// </summary>
public static class TournamentEndpoints
{
    public sealed record TitleRequest(string? Title);
    public sealed record ConfigureRequest(TournamentSetup Setup, IReadOnlyList<TeamEntry> Teams);
    public sealed record ScheduleRequest(string? Court, DateTimeOffset? StartsAt);
    /// <summary>How a corrected match ended, by the score sheet's names; any other text is refused at the boundary.</summary>
    public enum CorrectionEnding
    {
        Finished,
        Forfeited,
        Retired,
    }

    /// <param name="Sets">A forfeit may leave them out: the rules define them (every set lost 0 to its target).</param>
    public sealed record CorrectionRequest(string? Winner, IReadOnlyList<SetPoints>? Sets, CorrectionEnding? Ending, bool Confirm);
    public sealed record ScoreRequest(ScoringAction Action, string? Team);
    public sealed record CourtDesk(string TournamentId, string Court, MatchView? Current, Fixture? Next);

    public static void MapTournamentApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/tournaments").RequireAuthorization(Roles.Organiser).WithTags("Tournament");
        org.MapGet("/", (IGrainFactory grains) => grains.GetGrain<ITournamentsGrain>(0).List());
        org.MapGet("/presets", () => RuleSets.Presets);
        org.MapPost("/", async (TitleRequest request, IGrainFactory grains) =>
        {
            var created = await grains.GetGrain<ITournamentsGrain>(0).Create(request.Title ?? string.Empty);
            return TypedResults.Created($"/api/tournaments/{created.TournamentId}", created);
        });
        org.MapPut("/{id}", async (string id, ConfigureRequest request, IGrainFactory grains) =>
            await (await Existing(grains, id)).Configure(request.Setup, request.Teams ?? []));
        org.MapPost("/{id}/start", async (string id, IGrainFactory grains) => await (await Existing(grains, id)).Start());
        org.MapPut("/{id}/matches/{matchId}/schedule", async (string id, string matchId, ScheduleRequest request, IGrainFactory grains) =>
            await (await Existing(grains, id)).Schedule(matchId, request.Court, request.StartsAt));
        org.MapPost("/{id}/matches/{matchId}/correction", async Task<IResult> (string id, string matchId, CorrectionRequest request, IGrainFactory grains) =>
        {
            var tournament = await Existing(grains, id);
            var outcome = new MatchOutcome(request.Sets ?? [], request.Winner ?? string.Empty, (request.Ending ?? CorrectionEnding.Finished).ToString());
            if (!request.Confirm)
            {
                // The organiser sees which later matches would be reset before confirming; the preview refuses
                // exactly what the commit would (an impossible score, a forfeit not recorded as the rules define it).
                return TypedResults.Ok(await tournament.PlanCorrectedResult(matchId, outcome));
            }

            return TypedResults.Ok(await tournament.Correct(matchId, outcome));
        });
        // Paper and records (issue 10 §4): the print page's one read, and every result as .xlsx.
        org.MapGet("/{id}/print", async (string id, IGrainFactory grains) => await TournamentPaper.Print(await Existing(grains, id), grains));
        org.MapGet("/{id}/export.xlsx", async (string id, IGrainFactory grains, HttpContext http) =>
            await TournamentPaper.Export(await Existing(grains, id), grains, http.RequestAborted));
        org.MapPost("/{id}/matches/{matchId}/reopen", async (string id, string matchId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Existing(grains, id);
            return await grains.GetGrain<IMatchGrain>($"{id}/{matchId}").Reopen(user.Identity?.Name ?? "organiser");
        });

        var open = app.MapGroup("/api/public/tournaments").WithTags("Tournament");
        open.MapGet("/", (IGrainFactory grains) => grains.GetGrain<ITournamentsGrain>(0).List());
        open.MapGet("/{id}", async (string id, IGrainFactory grains) => await (await Existing(grains, id)).Get());
        open.MapGet("/{id}/matches/{matchId}", async (string id, string matchId, IGrainFactory grains) =>
        {
            await Existing(grains, id);
            return await grains.GetGrain<IMatchGrain>($"{id}/{matchId}").Get();
        });

        var scorer = app.MapGroup("/api/scorer").RequireAuthorization(Roles.Scorer).WithTags("Tournament");
        scorer.MapGet("/court", async (ClaimsPrincipal user, IGrainFactory grains) => await Desk(user, grains));
        scorer.MapPost("/matches/{matchId}", async (string matchId, ScoreRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var desk = await Desk(user, grains);
            // A scorer scores only matches on their own court (a late tap on a finished one gets the match's own answer).
            var fixture = (await grains.GetGrain<ITournamentGrain>(desk.TournamentId).Get()).Matches.FirstOrDefault(m => m.MatchId == matchId);
            if (fixture is null || fixture.Court != desk.Court)
            {
                throw RuleViolation.Conflict("match.not-on-court");
            }

            return await grains.GetGrain<IMatchGrain>($"{desk.TournamentId}/{matchId}").Score(request.Action, request.Team, user.Identity?.Name ?? "scorer");
        });
    }

    /// <summary>The court's current match (running, else the first ready one by time) and what is next.</summary>
    private static async Task<CourtDesk> Desk(ClaimsPrincipal user, IGrainFactory grains)
    {
        var grant = await grains.GetGrain<IAccessGrantsGrain>(0).Find(user.FindFirstValue(Claims.Subject) ?? string.Empty)
                    ?? throw RuleViolation.NotFound("grant.not-found");
        var tournamentId = grant.Scope ?? (await grains.GetGrain<ITournamentsGrain>(0).List()).FirstOrDefault()?.TournamentId
                           ?? throw RuleViolation.NotFound("tournament.not-found");
        var view = await (await Existing(grains, tournamentId)).Get();
        var onCourt = view.Matches
            .Where(m => m.Court == grant.Name && m.Status is FixtureStatus.Ready or FixtureStatus.Running)
            .OrderByDescending(m => m.Status == FixtureStatus.Running).ThenBy(m => m.StartsAt ?? DateTimeOffset.MaxValue).ThenBy(m => m.MatchId)
            .ToList();
        var current = onCourt.FirstOrDefault() is { } first ? await grains.GetGrain<IMatchGrain>($"{tournamentId}/{first.MatchId}").Get() : null;
        return new CourtDesk(tournamentId, grant.Name, current, onCourt.Skip(1).FirstOrDefault());
    }

    private static async Task<ITournamentGrain> Existing(IGrainFactory grains, string id)
    {
        if ((await grains.GetGrain<ITournamentsGrain>(0).List()).All(t => t.TournamentId != id))
        {
            throw RuleViolation.NotFound("tournament.not-found");
        }

        return grains.GetGrain<ITournamentGrain>(id);
    }
}
