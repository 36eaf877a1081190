using Engagement.Organisation;
using Engagement.Web.Access;
using Engagement.Web.Problems;

namespace Engagement.Web.Organisation;

/// <summary>The organiser's view of the roster: districts, branches, members, imports and code sheets.</summary>
public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").RequireAuthorization(Roles.Organiser).WithTags("Organisation");

        org.MapGet("/", (IGrainFactory grains) => Roster(grains).GetOverview());

        org.MapGet("/branches/{branchId}", async Task<IResult> (string branchId, IGrainFactory grains, HttpContext http) =>
            await grains.GetGrain<IBranchGrain>(branchId).GetDetails() is { } details
                ? TypedResults.Ok(details)
                : Problems.Problems.Result(http, StatusCodes.Status404NotFound, "branch.not-found"));

        org.MapPost("/branches", async (BranchEdit edit, IGrainFactory grains) =>
        {
            var branch = await Roster(grains).CreateBranch(edit);
            return TypedResults.Created($"/api/org/branches/{branch.BranchId}", branch);
        });

        org.MapPut("/branches/{branchId}", (string branchId, BranchEdit edit, IGrainFactory grains) =>
            Roster(grains).UpdateBranch(branchId, edit));

        org.MapDelete("/branches/{branchId}", async (string branchId, IGrainFactory grains, MemberRevocations revocations) =>
        {
            await Roster(grains).RemoveBranch(branchId);
            await revocations.RefreshAsync();
            return TypedResults.NoContent();
        });

        org.MapPost("/members", async (MemberEdit edit, IGrainFactory grains) =>
        {
            var member = await Roster(grains).AddMember(edit);
            return TypedResults.Created($"/api/org/members/{member.MemberNo}", member);
        });

        org.MapPut("/members/{memberNo}", (string memberNo, MemberEdit edit, IGrainFactory grains) =>
            Roster(grains).UpdateMember(memberNo, edit));

        // A removed member or a revoked code loses their sign-in on this host at once (on the others within seconds).
        org.MapDelete("/members/{memberNo}", async (string memberNo, IGrainFactory grains, MemberRevocations revocations) =>
        {
            await Roster(grains).RemoveMember(memberNo);
            await revocations.RefreshAsync();
            return TypedResults.NoContent();
        });

        org.MapPost("/members/{memberNo}/revoke-code", async (string memberNo, IGrainFactory grains, MemberRevocations revocations) =>
        {
            var member = await Roster(grains).RevokeMemberCode(memberNo);
            await revocations.RefreshAsync();
            return member;
        });

        org.MapGet("/branches/{branchId}/codes", async Task<IResult> (string branchId, IGrainFactory grains, MemberCodes codes, HttpContext http) =>
        {
            if (await grains.GetGrain<IBranchGrain>(branchId).GetDetails() is not { } details)
            {
                return Problems.Problems.Result(http, StatusCodes.Status404NotFound, "branch.not-found");
            }

            var origin = Operations.PublicAddress.Origin(http);
            var sheet = details.Members.Select(m =>
            {
                var code = codes.For(m);
                return new MemberCodeCard(m.MemberNo, m.Name, code, $"{origin}/member.html#c={code}");
            }).ToList();
            return TypedResults.Ok(new MemberCodeSheet(details.Branch, sheet));
        });

        org.MapPost("/import", RosterImport.Handle).DisableAntiforgery();
        return org;
    }

    private static IOrganisationGrain Roster(IGrainFactory grains) => grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default);
}

public sealed record MemberCodeCard(string MemberNo, string Name, string Code, string Link);

public sealed record MemberCodeSheet(BranchSummary Branch, IReadOnlyList<MemberCodeCard> Codes);
