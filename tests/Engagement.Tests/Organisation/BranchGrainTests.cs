using Engagement.Organisation;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Organisation;

[Collection(ClusterCollection.Name)]
public sealed class BranchGrainTests(ClusterFixture fixture)
{
    private static readonly Member Zhang = new("DY001", "张三", null, "b", 1, 0);
    private static readonly Member Li = new("DY002", "李四", null, "b", 2, 0);

    [Fact]
    public async Task A_branch_never_written_has_no_details()
    {
        Assert.Null(await NewBranch().GetDetails());
    }

    [Fact]
    public async Task Applying_the_same_change_twice_gives_the_same_branch()
    {
        var branch = NewBranch();
        var change = new BranchChange("一中党支部", "一片区", [Li, Zhang], [], Delete: false);

        await branch.Apply(change);
        var once = await branch.GetDetails();
        await branch.Apply(change);
        var twice = await branch.GetDetails();

        Assert.Equal(["DY001", "DY002"], once!.Members.Select(m => m.MemberNo)); // listed by member number
        Assert.Equal(once.Branch, twice!.Branch);
        Assert.Equal(once.Members, twice.Members);
        Assert.Equal(2, twice.Branch.MemberCount);
    }

    [Fact]
    public async Task Removals_and_upserts_apply_and_the_header_follows_the_latest_change()
    {
        var branch = NewBranch();
        await branch.Apply(new BranchChange("一中党支部", "一片区", [Zhang, Li], [], Delete: false));

        await branch.Apply(new BranchChange("第一中学党支部", "二片区", [Li with { Name = "李思" }], ["DY001", "DY999"], Delete: false));

        var details = await branch.GetDetails();
        Assert.Equal(("第一中学党支部", "二片区", 1), (details!.Branch.Name, details.Branch.District, details.Branch.MemberCount));
        Assert.Equal("李思", Assert.Single(details.Members).Name);
    }

    [Fact]
    public async Task A_deleted_branch_has_no_details_even_after_reactivation()
    {
        var branch = NewBranch();
        await branch.Apply(new BranchChange("一中党支部", "一片区", [Zhang], [], Delete: false));

        await branch.Apply(new BranchChange("一中党支部", "一片区", [], [], Delete: true));
        Assert.Null(await branch.GetDetails());
        await fixture.Cluster.DeactivateAsync(branch);

        Assert.Null(await branch.GetDetails());
    }

    private IBranchGrain NewBranch() => fixture.Client.GetGrain<IBranchGrain>(ClusterFixture.NewKey("b"));
}
