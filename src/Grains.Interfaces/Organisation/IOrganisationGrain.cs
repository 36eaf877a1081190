namespace Engagement.Organisation;

/// <summary>
/// The county's organisation: the directory of districts and branches and the member-number index.
/// Every roster change goes through here so that member numbers stay unique across branches.
/// Key: the organisation id (one per deployment, <see cref="OrganisationIds.Default"/>).
/// </summary>
public interface IOrganisationGrain : IGrainWithStringKey, Live.ILiveTopicSource
{
    Task<OrganisationOverview> GetOverview();

    /// <summary>Applies a whole validated roster: members are matched by member number and updated, never duplicated.</summary>
    Task<RosterImportSummary> ImportRoster(IReadOnlyList<RosterEntry> entries);

    Task<BranchSummary> CreateBranch(BranchEdit edit);
    Task<BranchSummary> UpdateBranch(string branchId, BranchEdit edit);
    Task RemoveBranch(string branchId);

    Task<Member> AddMember(MemberEdit edit);
    Task<Member> UpdateMember(string memberNo, MemberEdit edit);
    Task RemoveMember(string memberNo);

    /// <summary>Invalidates the member's current code; the next printed code is a new one.</summary>
    Task<Member> RevokeMemberCode(string memberNo);

    Task<Member?> FindMember(string memberNo);
    Task<Member?> FindMemberBySeq(int seq);

    /// <summary>
    /// Every member's current code generation, or null when the roster is still at <paramref name="knownRevision"/>:
    /// each web host keeps a copy, so a member's sign-in is checked against revocation on every request without a
    /// grain call (<c>MemberStandings</c> in the web project).
    /// </summary>
    Task<MemberStandings?> GetStandings(long knownRevision);
}

/// <summary>The roster's revision and each member's code generation (a member not listed is not on the roster).</summary>
[GenerateSerializer, Immutable]
public sealed record MemberStandings(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyDictionary<string, int> Generations);

public static class OrganisationIds
{
    public const string Default = "default";
}
