using System.Security.Claims;
using Engagement.Access;
using Engagement.Selection;
using Engagement.Web.Access;

namespace Engagement.Web.Selection;

/// <summary>
/// A judge's tablet: the case on stage and their marks. Who the judge is comes from their signed link;
/// a judge may only score rounds of the event their link was issued for.
/// </summary>
public static class JudgeEndpoints
{
    public sealed record ScoreBody(string? CaseId, IReadOnlyDictionary<string, decimal>? Marks);
    public sealed record JudgeDesk(string RoundId, string RoundName, JudgeScoreView View);

    public static void MapJudgeApi(this IEndpointRouteBuilder app)
    {
        var judge = app.MapGroup("/api/judge").RequireAuthorization(Roles.Judge).WithTags("Judging");

        // The desk is the newest running live round (open or closed, not yet published): the one with a
        // case on stage if there is one, else the newest, so the tablet knows which stage to follow.
        judge.MapGet("/desk", async (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var seat = await Seat(user, grains);
            JudgeDesk? waiting = null;
            foreach (var roundId in (await LiveRounds(grains, user)).Reverse())
            {
                var round = await grains.GetGrain<IRoundGrain>(roundId).Get();
                if (round.Status is not (RoundStatus.Open or RoundStatus.Closed))
                {
                    continue;
                }

                var view = await grains.GetGrain<IJudgingGrain>(roundId).GetForJudge(seat.JudgeId);
                var desk = new JudgeDesk(roundId, round.Settings.Name, view);
                if (view.Phase is StagePhase.Presenting or StagePhase.Scoring or StagePhase.Revealed)
                {
                    return (IResult)TypedResults.Ok(desk);
                }

                waiting ??= desk;
            }

            return waiting is null ? TypedResults.NoContent() : TypedResults.Ok(waiting);
        });

        judge.MapPost("/rounds/{roundId}/scores", async (string roundId, ScoreBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if (!(await LiveRounds(grains, user)).Contains(roundId))
            {
                throw RuleViolation.NotFound("round.not-found");
            }

            var seat = await Seat(user, grains);
            return await grains.GetGrain<IJudgingGrain>(roundId).Submit(seat, body.CaseId ?? string.Empty, body.Marks ?? new Dictionary<string, decimal>());
        });
    }

    private static async Task<JudgeSeat> Seat(ClaimsPrincipal user, IGrainFactory grains)
    {
        var grant = await grains.GetGrain<IAccessGrantsGrain>(0).Find(user.FindFirstValue(Claims.Subject) ?? string.Empty)
                    ?? throw RuleViolation.NotFound("grant.not-found");
        return new JudgeSeat(grant.GrantId, grant.Name, grant.BranchId);
    }

    /// <summary>Live-final rounds of the events this judge's link is valid for.</summary>
    private static async Task<IReadOnlyList<string>> LiveRounds(IGrainFactory grains, ClaimsPrincipal user)
    {
        var scope = user.FindFirstValue(Claims.Scope);
        var ids = new List<string>();
        foreach (var summary in await grains.GetGrain<ISelectionEventsGrain>(0).List())
        {
            if (!string.IsNullOrEmpty(scope) && scope != summary.EventId)
            {
                continue;
            }

            var selection = await grains.GetGrain<ISelectionEventGrain>(summary.EventId).Get();
            foreach (var roundId in selection?.RoundIds ?? [])
            {
                if ((await grains.GetGrain<IRoundGrain>(roundId).Get()).Settings.Kind == RoundKind.LiveFinal)
                {
                    ids.Add(roundId);
                }
            }
        }

        return ids;
    }
}
