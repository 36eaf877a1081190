using Engagement.Organisation;
using Engagement.Storage;

namespace Engagement.Access;

public sealed class AccessGrantsGrain(
    [PersistentState("grants", StorageNames.Durable)] IPersistentState<AccessGrantsRecord> state) : Grain, IAccessGrantsGrain
{
    public const int MaxNameLength = 40;
    public const int MaxScopeLength = 64;

    public async Task<AccessGrant> Create(NewAccessGrant grant)
    {
        var name = Text.Clean(grant.Name);
        if (name.Length is 0 or > MaxNameLength)
        {
            throw RuleViolation.Invalid("grant.bad-name", MaxNameLength.ToString());
        }

        if (!Enum.IsDefined(grant.Role))
        {
            throw RuleViolation.Invalid("grant.bad-role");
        }

        // A scope is an event id or a court name; a branch is a branch id (the judge's own, for recusal).
        if (grant.Scope is { Length: > MaxScopeLength })
        {
            throw RuleViolation.Invalid("grant.bad-scope", MaxScopeLength.ToString());
        }

        // A judge's branch decides recusal (回避): a branch the roster does not know would silently recuse nobody.
        // A team desk's BranchId is its team id in the contest's stage (checked by the caller), not a roster branch.
        if (!string.IsNullOrWhiteSpace(grant.BranchId)
            && (grant.BranchId.Length > 64
                || (grant.Role != GrantRole.Team
                    && (await GrainFactory.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetOverview()).Branches.All(b => b.BranchId != grant.BranchId))))
        {
            throw RuleViolation.Invalid("grant.bad-branch");
        }

        var created = new AccessGrant(
            "g" + Guid.NewGuid().ToString("N")[..12],
            grant.Role,
            name,
            string.IsNullOrWhiteSpace(grant.BranchId) ? null : grant.BranchId,
            string.IsNullOrWhiteSpace(grant.Scope) ? null : grant.Scope,
            Generation: 0);
        state.State.Grants[created.GrantId] = created;
        await state.WriteOrRetireAsync(this);
        return created;
    }

    public Task<IReadOnlyList<AccessGrant>> List() =>
        Task.FromResult<IReadOnlyList<AccessGrant>>(state.State.Grants.Values.OrderBy(g => g.Role).ThenBy(g => g.Name, StringComparer.Ordinal).ToList());

    public Task<AccessGrant?> Find(string grantId) => Task.FromResult(state.State.Grants.GetValueOrDefault(grantId));

    public async Task<AccessGrant> Revoke(string grantId)
    {
        var grant = Require(grantId);
        grant = grant with { Generation = grant.Generation + 1 };
        state.State.Grants[grantId] = grant;
        await state.WriteOrRetireAsync(this);
        return grant;
    }

    public async Task Remove(string grantId)
    {
        Require(grantId);
        state.State.Grants.Remove(grantId);
        await state.WriteOrRetireAsync(this);
    }

    private AccessGrant Require(string grantId) =>
        state.State.Grants.TryGetValue(grantId, out var grant) ? grant : throw RuleViolation.NotFound("grant.not-found");
}

[GenerateSerializer]
public sealed class AccessGrantsRecord
{
    [Id(0)] public Dictionary<string, AccessGrant> Grants { get; set; } = [];
}
