using System.Collections.Concurrent;
using System.Security.Claims;
using Engagement.Contest;
using Engagement.Web.Access;
using Engagement.Web.Operations;

namespace Engagement.Web.Contest;

/// <summary>
/// A member's phone in the hall round: the contests they can answer in and their answers. The member, their name and
/// their branch come from the sign-in, never from the request body, so an answer is always the signed-in member's own.
/// </summary>
public static class AnswerEndpoints
{
    /// <param name="AnswerId">The phone's own id for this answer: a retry on a poor network sends the same one.</param>
    public sealed record AnswerBody(string AnswerId, int QuestionNo, string Choice);

    /// <summary>How many finished contests a phone lists besides the running ones (newest first).</summary>
    public const int MaxFinishedContests = 3;

    /// <summary>
    /// Contests known to exist, remembered once seen in the directory: the answer path then makes one grain call, and
    /// a made-up id costs a directory read and a 404 instead of a new, empty contest. Ids are never removed from the
    /// directory, so a remembered one never goes stale.
    /// </summary>
    private static readonly ConcurrentDictionary<string, IContestGrain> Known = new(StringComparer.Ordinal);
    private const int MaxRemembered = 1024;

    public static void MapAnswerApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/member/contests").RequireAuthorization(Roles.Member).WithTags("Contest");
        member.MapGet("/", (ClaimsPrincipal user, IGrainFactory grains) => ContestsFor(user, grains));
        member.MapGet("/{id}", async (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Contest(grains, id)).GetPhoneView(user.FindFirstValue(Claims.Subject)!));
        member.MapPost("/{id}/answers", async (string id, AnswerBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var answer = new AnswerRequest(
                body.AnswerId,
                user.FindFirstValue(Claims.Subject)!,
                user.Identity?.Name ?? string.Empty,
                user.FindFirstValue(Claims.BranchId) ?? string.Empty,
                body.QuestionNo,
                body.Choice);
            return await (await Contest(grains, id)).Answer(answer);
        }).RequireRateLimiting(RateLimits.Answers);
    }

    /// <summary>
    /// What a member's phone lists: every running contest and the few most recently finished ones, each as that
    /// member sees it. Drafts are not shown: their questions are not the hall's business yet.
    /// </summary>
    public static async Task<List<PhoneView>> ContestsFor(ClaimsPrincipal user, IGrainFactory grains)
    {
        var memberNo = user.FindFirstValue(Claims.Subject)!;
        var running = new List<PhoneView>();
        var finished = new List<PhoneView>();
        foreach (var summary in (await ContestEndpoints.Directory(grains).List()).OrderByDescending(c => c.CreatedAt))
        {
            var view = await grains.GetGrain<IContestGrain>(summary.ContestId).GetPhoneView(memberNo);
            if (view.Live.Status == ContestStatus.Running)
            {
                running.Add(view);
            }
            else if (view.Live.Status == ContestStatus.Finished && finished.Count < MaxFinishedContests)
            {
                finished.Add(view);
            }
        }

        return [.. running, .. finished];
    }

    private static async Task<IContestGrain> Contest(IGrainFactory grains, string id)
    {
        if (Known.TryGetValue(id, out var known))
        {
            return known;
        }

        var contest = await ContestEndpoints.Existing(grains, id);
        if (Known.Count < MaxRemembered)
        {
            Known.TryAdd(id, contest);
        }

        return contest;
    }
}
