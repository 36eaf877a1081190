namespace Engagement.Organisation;

/// <summary>
/// One party branch (党支部) and its members. Key: the branch id.
/// Roster writes arrive only from <see cref="IOrganisationGrain"/>, which keeps member numbers unique;
/// every write is idempotent so an interrupted import can simply be applied again.
/// </summary>
public interface IBranchGrain : IGrainWithStringKey
{
    Task<BranchDetails?> GetDetails();

    /// <summary>Name, district and member count only: what a member's page needs.</summary>
    Task<BranchSummary?> GetSummary();

    Task Apply(BranchChange change);
}

/// <summary>The target state of a branch's header plus member upserts and removals.</summary>
[GenerateSerializer, Immutable]
public sealed record BranchChange(
    [property: Id(0)] string Name,
    [property: Id(1)] string District,
    [property: Id(2)] IReadOnlyList<Member> Upserts,
    [property: Id(3)] IReadOnlyList<string> Removals,
    [property: Id(4)] bool Delete);
