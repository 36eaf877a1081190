using Engagement.Access;

namespace Engagement.Web.Access;

/// <summary>Organisers hand out judge and scorer links; the links are shown with their QR codes.</summary>
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

    private static GrantLink Describe(AccessGrant grant, AccessLinks links, HttpContext http) =>
        new(grant, $"{Operations.PublicAddress.Origin(http)}{AccessLinks.PagePath(grant.Role)}#t={links.TokenFor(grant)}");

    private static IAccessGrantsGrain Grants(IGrainFactory grains) => grains.GetGrain<IAccessGrantsGrain>(0);
}
