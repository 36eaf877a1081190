using System.Security.Claims;
using Engagement.Contest;
using Engagement.Web.Access;
using Engagement.Web.Operations;

namespace Engagement.Web.Contest;

/// <summary>
/// A team's tablet at its desk in the stage final, signed in by its secret link. The contest and the team come from
/// the link (the grant's scope and team id, carried in the sign-in), never from the request body: a desk buzzes and
/// chooses risk values for its own team only. Tablets see the public stage, never an answer key.
/// </summary>
public static class TeamDeskEndpoints
{
    public sealed record Desk(string ContestId, string TeamId, string Name, StageLive Live);
    public sealed record BuzzBody(string BuzzId, int QuestionNo);
    public sealed record RiskBody(int QuestionNo, int Value);

    /// <summary>More questions than any stage final has; a number past it is a mistake, not a late buzz.</summary>
    public const int MaxQuestionNo = 999;

    public static void MapTeamDeskApi(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/api/team").RequireAuthorization(Roles.Team).WithTags("Contest");
        team.MapGet("/desk", async (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var (contestId, teamId) = Seat(user);
            var stage = await ContestEndpoints.Stage(grains, contestId);
            return new Desk(contestId, teamId, user.Identity?.Name ?? teamId, (StageLive)(await stage.GetSnapshot()).Payload);
        });
        // The hot path: one grain call, the grain's order of receipt decides (no directory read: the link's contest
        // was checked when the link was made, and the stage answers a buzz on a question it does not have itself).
        team.MapPost("/buzz", async (BuzzBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var (contestId, teamId) = Seat(user);
            // A buzz with nothing to buzz on is answered "closed", not refused: so nonsense is refused here, at the door.
            if (!Engagement.Selection.BallotCodes.IsValidBallotId(body.BuzzId))
            {
                throw RuleViolation.Invalid("buzz.bad-id");
            }

            if (body.QuestionNo is < 1 or > MaxQuestionNo)
            {
                throw RuleViolation.Invalid("buzz.bad-question", MaxQuestionNo.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return await grains.GetGrain<IStageFinalGrain>(contestId).Buzz(new BuzzRequest(body.BuzzId, teamId, body.QuestionNo));
        }).RequireRateLimiting(RateLimits.Answers);
        team.MapPost("/risk", async (RiskBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var (contestId, teamId) = Seat(user);
            var stage = await ContestEndpoints.Stage(grains, contestId);
            // The host's view holds every key: the desk gets the public stage back.
            var view = await stage.ChooseRisk(new RiskChoice(teamId, body.QuestionNo, body.Value, "team:" + (user.Identity?.Name ?? teamId)));
            return view.Live;
        }).RequireRateLimiting(RateLimits.Answers);
    }

    /// <summary>The contest and team of the signed-in desk; a link without them (made before it was a team link) has no seat.</summary>
    private static (string ContestId, string TeamId) Seat(ClaimsPrincipal user)
    {
        var contestId = user.FindFirstValue(Claims.Scope);
        var teamId = user.FindFirstValue(Claims.BranchId);
        return string.IsNullOrEmpty(contestId) || string.IsNullOrEmpty(teamId)
            ? throw RuleViolation.NotFound("contest.not-found")
            : (contestId, teamId);
    }
}
