namespace Engagement.Organisation;

/// <summary>One member as the roster knows them. <see cref="MemberNo"/> (党员编号) is the identity.</summary>
/// <param name="Seq">Short sequence number the organisation assigns once; member codes are derived from it.</param>
/// <param name="CodeGeneration">Bumped to revoke a member's code; the next code differs.</param>
[GenerateSerializer, Immutable]
public sealed record Member(
    [property: Id(0)] string MemberNo,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string BranchId,
    [property: Id(4)] int Seq,
    [property: Id(5)] int CodeGeneration);

/// <summary>One validated roster line: what an import or a console edit wants to be true.</summary>
[GenerateSerializer, Immutable]
public sealed record RosterEntry(
    [property: Id(0)] string District,
    [property: Id(1)] string Branch,
    [property: Id(2)] string Name,
    [property: Id(3)] string MemberNo,
    [property: Id(4)] string? Phone);

[GenerateSerializer, Immutable]
public sealed record BranchSummary(
    [property: Id(0)] string BranchId,
    [property: Id(1)] string Name,
    [property: Id(2)] string District,
    [property: Id(3)] int MemberCount);

[GenerateSerializer, Immutable]
public sealed record BranchDetails(
    [property: Id(0)] BranchSummary Branch,
    [property: Id(1)] IReadOnlyList<Member> Members);

[GenerateSerializer, Immutable]
public sealed record DistrictSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] int BranchCount,
    [property: Id(2)] int MemberCount);

/// <summary>The organisation at a glance: districts and branches, with the revision it was read at.</summary>
[GenerateSerializer, Immutable]
public sealed record OrganisationOverview(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<DistrictSummary> Districts,
    [property: Id(2)] IReadOnlyList<BranchSummary> Branches,
    [property: Id(3)] int MemberCount);

/// <summary>What a roster import changed.</summary>
[GenerateSerializer, Immutable]
public sealed record RosterImportSummary(
    [property: Id(0)] int Rows,
    [property: Id(1)] int MembersAdded,
    [property: Id(2)] int MembersUpdated,
    [property: Id(3)] int MembersMoved,
    [property: Id(4)] int MembersUnchanged,
    [property: Id(5)] int BranchesCreated);

[GenerateSerializer, Immutable]
public sealed record BranchEdit(
    [property: Id(0)] string Name,
    [property: Id(1)] string District);

[GenerateSerializer, Immutable]
public sealed record MemberEdit(
    [property: Id(0)] string MemberNo,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string BranchId);
