using Engagement.Access;
using Engagement.Organisation;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Access;

/// <summary>Judge and scorer links: what a grant may name.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccessGrantsGrainTests(ClusterFixture fixture)
{
    private IAccessGrantsGrain Grants => fixture.Client.GetGrain<IAccessGrantsGrain>(0);

    /// <summary>
    /// A judge's branch decides recusal (回避): a branch id the organisation's roster does not know would
    /// silently recuse the judge from nothing, so it is refused; a real branch, or none, is accepted.
    /// </summary>
    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("B-0001")]
    [InlineData("第一中学党支部")] // a branch's name is not its id
    public async Task A_judge_grant_naming_a_branch_the_roster_does_not_know_is_refused(string branchId)
    {
        var before = await Grants.List();

        var refused = await Assert.ThrowsAsync<RuleViolation>(() => Grants.Create(new NewAccessGrant(GrantRole.Judge, "评委", branchId, null)));

        Assert.Equal(("grant.bad-branch", ViolationKind.Invalid), (refused.Code, refused.Kind));
        Assert.Equal(before.Count, (await Grants.List()).Count);
    }

    [Fact]
    public async Task A_judge_grant_naming_a_branch_of_the_roster_or_none_is_accepted()
    {
        var branch = await fixture.Client.GetGrain<IOrganisationGrain>(OrganisationIds.Default)
            .CreateBranch(new BranchEdit($"回避测试党支部{Guid.NewGuid():N}"[..20], "东部片区"));

        var affiliated = await Grants.Create(new NewAccessGrant(GrantRole.Judge, "本支部评委", branch.BranchId, null));
        var independent = await Grants.Create(new NewAccessGrant(GrantRole.Judge, "外聘评委", " ", null));

        Assert.Equal(branch.BranchId, affiliated.BranchId);
        Assert.Null(independent.BranchId);
    }
}
