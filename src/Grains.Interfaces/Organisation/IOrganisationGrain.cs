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
}

public static class OrganisationIds
{
    public const string Default = "default";
}
