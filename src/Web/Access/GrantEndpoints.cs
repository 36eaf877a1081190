using Engagement.Access;

namespace Engagement.Web.Access;

/// <summary>Organisers hand out judge, scorer and team desk links; the links are shown with their QR codes.</summary>
public static class GrantEndpoints
{
    public sealed record GrantLink(AccessGrant Grant, string Link);

    public static void MapGrantApi(this IEndpointRouteBuilder app)
    {
        var grants = app.MapGroup("/api/grants").RequireAuthorization(Roles.Organiser).WithTags("Access");
        grants.MapGet("/", async (IGrainFactory grains, AccessLinks links, HttpContext http) =>
            (await Grants(grains).List()).Select(g => Describe(g, links, http)).ToList());
        grants.MapPost("/", async (NewAccessGrant grant, IGrainFactory grains, AccessLinks links, HttpContext http) =>
        {
            if (grant.Role == GrantRole.Team)
            {
                await CheckTeamSeat(grant, grains);
            }

            var created = await Grants(grains).Create(grant);
            return TypedResults.Created($"/api/grants/{created.GrantId}", Describe(created, links, http));
        });
        grants.MapPost("/{grantId}/revoke", async (string grantId, IGrainFactory grains, AccessLinks links, HttpContext http) =>
            Describe(await Grants(grains).Revoke(grantId), links, http));
        grants.MapDelete("/{grantId}", async (string grantId, IGrainFactory grains) =>
        {
            await Grants(grains).Remove(grantId);
            return TypedResults.NoContent();
        });
    }

    /// <summary>
    /// A team desk's link is for one team of one contest's stage final: the contest must exist and the team must be
    /// one of its stage's teams (set the stage up first), so a desk never buzzes for a team nobody sees on the board.
    /// </summary>
    private static async Task CheckTeamSeat(NewAccessGrant grant, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(grant.Scope)
            || (await grains.GetGrain<Engagement.Contest.IContestsGrain>(0).List()).All(c => c.ContestId != grant.Scope))
        {
            throw RuleViolation.Invalid("grant.bad-contest");
        }

        var stage = await grains.GetGrain<Engagement.Contest.IStageFinalGrain>(grant.Scope).Get();
        if (string.IsNullOrWhiteSpace(grant.BranchId) || stage.Setup.Teams.All(t => t.TeamId != grant.BranchId))
        {
            throw RuleViolation.Invalid("grant.bad-team");
        }
    }

    private static GrantLink Describe(AccessGrant grant, AccessLinks links, HttpContext http) =>
        new(grant, $"{Operations.PublicAddress.Origin(http)}{AccessLinks.PagePath(grant.Role)}#t={links.TokenFor(grant)}");

    private static IAccessGrantsGrain Grants(IGrainFactory grains) => grains.GetGrain<IAccessGrantsGrain>(0);
}
