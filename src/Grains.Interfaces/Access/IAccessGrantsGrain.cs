namespace Engagement.Access;

/// <summary>
/// People who get in by a secret link rather than a password: judges (one link each) and scorers (one
/// link per court). The links themselves are derived from a server key and never stored; revoking a
/// grant bumps its generation, which changes its link. Key: 0.
/// </summary>
public interface IAccessGrantsGrain : IGrainWithIntegerKey
{
    Task<AccessGrant> Create(NewAccessGrant grant);
    Task<IReadOnlyList<AccessGrant>> List();
    Task<AccessGrant?> Find(string grantId);
    Task<AccessGrant> Revoke(string grantId);
    Task Remove(string grantId);
}

public enum GrantRole
{
    Judge,
    Scorer,

    /// <summary>A team's desk in a contest's stage final: Scope is the contest id, BranchId carries the team id.</summary>
    Team,
}

/// <param name="Name">A judge's name, or a court's name for a scorer link.</param>
/// <param name="BranchId">The branch a judge is affiliated with, if any (for recusal); a team desk's team id.</param>
/// <param name="Scope">The event or tournament the link is valid for; null for any.</param>
[GenerateSerializer, Immutable]
public sealed record NewAccessGrant(
    [property: Id(0)] GrantRole Role,
    [property: Id(1)] string Name,
    [property: Id(2)] string? BranchId,
    [property: Id(3)] string? Scope);

[GenerateSerializer, Immutable]
public sealed record AccessGrant(
    [property: Id(0)] string GrantId,
    [property: Id(1)] GrantRole Role,
    [property: Id(2)] string Name,
    [property: Id(3)] string? BranchId,
    [property: Id(4)] string? Scope,
    [property: Id(5)] int Generation);
