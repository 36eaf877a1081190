using System.Security.Claims;
using Engagement.Organisation;
using Engagement.Selection;
using Engagement.Web.Access;

namespace Engagement.Web.Selection;

/// <summary>
/// Branches submit their own cases from a member's phone or computer: the branch is the member's own,
/// taken from their sign-in. Organisers then review them in the console.
/// </summary>
public static class CaseSubmissionEndpoints
{
    /// <param name="SubmissionsOpen">The member may submit a case to this event now (<see cref="CaseSubmissions.Open"/>).</param>
    public sealed record EventForMember(string EventId, string Title, IReadOnlyList<CaseInfo> OwnBranchCases, bool SubmissionsOpen);

    public static void MapCaseSubmissionApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/member/events").RequireAuthorization(Roles.Member).WithTags("Selection");

        member.MapGet("/", async (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var branchId = user.FindFirstValue(Claims.BranchId);
            var events = new List<EventForMember>();
            foreach (var summary in await grains.GetGrain<ISelectionEventsGrain>(0).List())
            {
                var selection = await grains.GetGrain<ISelectionEventGrain>(summary.EventId).Get();
                if (selection is not null)
                {
                    events.Add(new EventForMember(
                        selection.EventId, selection.Title, selection.Cases.Where(c => c.BranchId == branchId).ToList(), await SubmissionsOpen(grains, selection)));
                }
            }

            return events;
        });

        member.MapPost("/{eventId}/cases", async (string eventId, SelectionEndpoints.CaseRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var branchId = user.FindFirstValue(Claims.BranchId) ?? string.Empty;
            var branch = await grains.GetGrain<IBranchGrain>(branchId).GetSummary() ?? throw RuleViolation.Invalid("case.no-branch");
            // The branch comes from the sign-in; a body naming another one is refused, not quietly overridden.
            if (!string.IsNullOrEmpty(request.BranchId) && request.BranchId != branchId)
            {
                throw RuleViolation.Invalid("case.not-own-branch");
            }

            var selection = await grains.GetGrain<ISelectionEventGrain>(eventId).Get() ?? throw RuleViolation.NotFound("selection.not-found");
            if (!await SubmissionsOpen(grains, selection))
            {
                throw RuleViolation.Conflict("case.submissions-closed");
            }

            var submission = await SelectionEndpoints.Submission(grains, branch, request);
            var created = await grains.GetGrain<ISelectionEventGrain>(eventId).SubmitCase(submission);
            return TypedResults.Created($"/api/selection/events/{eventId}/cases/{created.CaseId}", created);
        });
    }

    private static async Task<bool> SubmissionsOpen(IGrainFactory grains, SelectionEvent selection)
    {
        var statuses = new List<RoundStatus>();
        foreach (var roundId in selection.RoundIds)
        {
            statuses.Add((await grains.GetGrain<IRoundGrain>(roundId).Get()).Status);
        }

        return CaseSubmissions.Open(statuses);
    }
}
