using Engagement.Selection;
using Engagement.Web.Access;

namespace Engagement.Web.Contest;

/// <summary>
/// The contest's two ledger streams read back with their hash chains checked, so an organiser can show that the hall
/// round and the stage final were recorded intact and that the published final hash is the chain's head.
/// </summary>
public static class ContestAudit
{
    public static void MapContestAudit(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/contests").RequireAuthorization(Roles.Organiser).WithTags("Contest");
        org.MapGet("/{id}/audit", async (string id, int? limit, IGrainFactory grains) =>
        {
            await ContestEndpoints.RequireContest(grains, id);
            // The grain checks the whole chain and caps the listing of latest entries itself.
            var audit = grains.GetGrain<IAuditGrain>(0);
            return await Task.WhenAll(Streams(id).Select(s => audit.Read(s, limit ?? 200)));
        });
    }

    /// <summary>The hall round's stream, then the stage final's (empty while the contest has no stage).</summary>
    public static IReadOnlyList<string> Streams(string contestId) => [$"contest:{contestId}", $"contest:{contestId}:stage"];
}
