using Engagement.Organisation;
using Engagement.Tests.Testing;
using static Engagement.Tests.Testing.Rosters;

namespace Engagement.Tests.Organisation;

[Collection(ClusterCollection.Name)]
public sealed class OrganisationGrainTests(ClusterFixture fixture)
{
    private static readonly RosterEntry[] County =
    [
        Entry("一片区", "一中党支部", "张三", "DY001", "13800138000"),
        Entry("一片区", "一中党支部", "李四", "DY002"),
        Entry("一片区", "实验小学党支部", "王五", "DY003"),
        Entry("二片区", "二中党支部", "赵六", "DY004"),
        Entry("二片区", "二中党支部", "张伟", "DY005"),
    ];

    [Fact]
    public async Task An_imported_roster_shows_in_the_overview_counts()
    {
        var org = NewOrganisation();

        var summary = await org.ImportRoster(County);
        var overview = await org.GetOverview();

        Assert.Equal(new RosterImportSummary(5, 5, 0, 0, 0, 3), summary);
        Assert.Equal(5, overview.MemberCount);
        Assert.Equal([new DistrictSummary("一片区", 2, 3), new DistrictSummary("二片区", 1, 2)], overview.Districts);
        Assert.Equal(
            [("一片区", "一中党支部", 2), ("一片区", "实验小学党支部", 1), ("二片区", "二中党支部", 2)],
            overview.Branches.Select(b => (b.District, b.Name, b.MemberCount)));
        Assert.Equal(1, overview.Revision);
    }

    [Fact]
    public async Task Re_importing_updates_members_and_never_duplicates_them()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var renamed = County.Select(e => e.MemberNo == "DY002" ? e with { Name = "李思" } : e).ToList();

        var summary = await org.ImportRoster(renamed);
        var overview = await org.GetOverview();

        Assert.Equal(new RosterImportSummary(5, 0, 1, 0, 4, 0), summary);
        Assert.Equal((5, 3), (overview.MemberCount, overview.Branches.Count));
        Assert.Equal("李思", (await org.FindMember("DY002"))!.Name);
        var branch = await Branch(overview, "一中党支部");
        Assert.Equal(["张三", "李思"], branch.Members.Select(m => m.Name));
    }

    [Fact]
    public async Task A_member_moved_by_import_leaves_the_old_branch_and_joins_the_new_one()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var before = await org.FindMember("DY001");
        var moved = County.Select(e => e.MemberNo == "DY001" ? e with { District = "二片区", Branch = "二中党支部" } : e).ToList();

        await org.ImportRoster(moved);
        var overview = await org.GetOverview();

        var oldBranch = await Branch(overview, "一中党支部");
        var newBranch = await Branch(overview, "二中党支部");
        Assert.Equal(["DY002"], oldBranch.Members.Select(m => m.MemberNo));
        Assert.Equal(1, oldBranch.Branch.MemberCount);
        Assert.Equal(before! with { BranchId = newBranch.Branch.BranchId }, newBranch.Members.Single(m => m.MemberNo == "DY001"));
        Assert.Equal([1, 1, 3], overview.Branches.Select(b => b.MemberCount));
    }

    [Fact]
    public async Task A_member_moved_in_the_console_leaves_the_old_branch_and_joins_the_new_one()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var overview = await org.GetOverview();
        var target = overview.Branches.Single(b => b.Name == "二中党支部").BranchId;

        var updated = await org.UpdateMember("DY003", new MemberEdit("DY003", "王五", "139 0000 0000", target));

        Assert.Equal(("13900000000", target), (updated.Phone, updated.BranchId));
        Assert.Empty((await Branch(overview, "实验小学党支部")).Members);
        Assert.Contains((await Branch(overview, "二中党支部")).Members, m => m.MemberNo == "DY003");
    }

    [Fact]
    public async Task Adding_a_member_number_that_exists_is_a_conflict_whatever_its_case()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var branchId = (await org.GetOverview()).Branches[0].BranchId;

        var exact = await Assert.ThrowsAsync<RuleViolation>(() => org.AddMember(new MemberEdit("DY001", "张三", null, branchId)));
        var lower = await Assert.ThrowsAsync<RuleViolation>(() => org.AddMember(new MemberEdit(" dy001 ", "另一个张三", null, branchId)));

        Assert.Equal((ViolationKind.Conflict, "member.exists", "DY001"), (exact.Kind, exact.Code, exact.Args[0]));
        Assert.Equal((ViolationKind.Conflict, "member.exists"), (lower.Kind, lower.Code));
        Assert.Equal(5, (await org.GetOverview()).MemberCount);
    }

    [Fact]
    public async Task Adding_a_member_assigns_the_next_sequence_number_and_reaches_the_branch()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var overview = await org.GetOverview();
        var branchId = overview.Branches.Single(b => b.Name == "实验小学党支部").BranchId;

        var member = await org.AddMember(new MemberEdit("dy006", " 孙七 ", null, branchId));

        Assert.Equal(new Member("DY006", "孙七", null, branchId, 6, 0), member);
        Assert.Contains(member, (await Branch(overview, "实验小学党支部")).Members);
        Assert.Equal(member, await org.FindMemberBySeq(6));
    }

    [Fact]
    public async Task Adding_a_member_to_an_unknown_branch_is_not_found()
    {
        var violation = await Assert.ThrowsAsync<RuleViolation>(() => NewOrganisation().AddMember(new MemberEdit("DY001", "张三", null, "nope")));

        Assert.Equal((ViolationKind.NotFound, "branch.not-found"), (violation.Kind, violation.Code));
    }

    [Fact]
    public async Task A_branch_with_members_cannot_be_removed()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var branch = (await org.GetOverview()).Branches.Single(b => b.Name == "一中党支部");

        var violation = await Assert.ThrowsAsync<RuleViolation>(() => org.RemoveBranch(branch.BranchId));

        Assert.Equal((ViolationKind.Conflict, "branch.has-members", "一中党支部"), (violation.Kind, violation.Code, violation.Args[0]));
        Assert.Equal(3, (await org.GetOverview()).Branches.Count);
        Assert.NotNull(await fixture.Client.GetGrain<IBranchGrain>(branch.BranchId).GetDetails());
    }

    [Fact]
    public async Task An_empty_branch_is_removed_from_the_overview_and_its_grain()
    {
        var org = NewOrganisation();
        var branch = await org.CreateBranch(new BranchEdit(" 退休党支部 ", "一片区"));
        Assert.Equal(new BranchSummary(branch.BranchId, "退休党支部", "一片区", 0), branch);
        Assert.NotNull(await fixture.Client.GetGrain<IBranchGrain>(branch.BranchId).GetDetails());

        await org.RemoveBranch(branch.BranchId);

        Assert.Empty((await org.GetOverview()).Branches);
        Assert.Null(await fixture.Client.GetGrain<IBranchGrain>(branch.BranchId).GetDetails());
    }

    [Fact]
    public async Task A_branch_name_is_taken_regardless_of_spacing_and_case()
    {
        var org = NewOrganisation();
        await org.CreateBranch(new BranchEdit("Retired Branch", "一片区"));

        var violation = await Assert.ThrowsAsync<RuleViolation>(() => org.CreateBranch(new BranchEdit("retired  branch", "二片区")));

        Assert.Equal((ViolationKind.Conflict, "branch.name-taken"), (violation.Kind, violation.Code));
    }

    [Fact]
    public async Task Renaming_a_branch_keeps_its_members()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var branch = (await org.GetOverview()).Branches.Single(b => b.Name == "一中党支部");

        var renamed = await org.UpdateBranch(branch.BranchId, new BranchEdit("第一中学党支部", "三片区"));

        Assert.Equal(new BranchSummary(branch.BranchId, "第一中学党支部", "三片区", 2), renamed);
        Assert.Equal(renamed, (await fixture.Client.GetGrain<IBranchGrain>(branch.BranchId).GetDetails())!.Branch);
    }

    [Fact]
    public async Task A_member_number_cannot_be_changed()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var before = await org.FindMember("DY001");

        var violation = await Assert.ThrowsAsync<RuleViolation>(() => org.UpdateMember("DY001", new MemberEdit("DY009", "张三", null, before!.BranchId)));

        Assert.Equal((ViolationKind.Invalid, "member.no-immutable", "DY001"), (violation.Kind, violation.Code, violation.Args[0]));
        Assert.Equal(before, await org.FindMember("DY001"));
        Assert.Null(await org.FindMember("DY009"));
    }

    [Fact]
    public async Task Updating_a_member_found_by_a_differently_typed_number_keeps_one_record()
    {
        // Expected to fail until UpdateMember stores and removes under existing.MemberNo rather than the raw argument.
        var org = NewOrganisation();
        await org.ImportRoster(County);
        var overview = await org.GetOverview();
        var target = overview.Branches.Single(b => b.Name == "二中党支部").BranchId;

        await org.UpdateMember(" dy001 ", new MemberEdit("DY001", "张三丰", null, target));

        Assert.Equal(5, (await org.GetOverview()).MemberCount);
        Assert.Equal("张三丰", (await org.FindMember("DY001"))!.Name);
        Assert.DoesNotContain((await Branch(overview, "一中党支部")).Members, m => m.MemberNo == "DY001");
    }

    [Fact]
    public async Task Revoking_a_code_bumps_the_generation_everywhere()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);

        await org.RevokeMemberCode("dy004");
        var revoked = await org.RevokeMemberCode("DY004");

        Assert.Equal(2, revoked.CodeGeneration);
        Assert.Equal(revoked, await org.FindMember("DY004"));
        Assert.Equal(revoked, await org.FindMemberBySeq(revoked.Seq));
        var branch = await Branch(await org.GetOverview(), "二中党支部");
        Assert.Equal(revoked, branch.Members.Single(m => m.MemberNo == "DY004"));
    }

    [Fact]
    public async Task Members_are_found_by_sequence_number_until_removed_and_after_reactivation()
    {
        var org = NewOrganisation();
        await org.ImportRoster(County);

        Assert.Equal("DY003", (await org.FindMemberBySeq(3))!.MemberNo);
        Assert.Null(await org.FindMemberBySeq(6));
        Assert.Null(await org.FindMemberBySeq(0));

        await org.RemoveMember("DY002");
        await fixture.Cluster.DeactivateAsync(org);

        Assert.Null(await org.FindMemberBySeq(2));
        Assert.Equal("DY005", (await org.FindMemberBySeq(5))!.MemberNo);
        Assert.Equal(4, (await org.GetOverview()).MemberCount);
    }

    [Fact]
    public async Task Unknown_members_are_not_found()
    {
        var org = NewOrganisation();

        Assert.Null(await org.FindMember("DY001"));
        Assert.Equal("member.not-found", (await Assert.ThrowsAsync<RuleViolation>(() => org.RemoveMember("DY001"))).Code);
        Assert.Equal(ViolationKind.NotFound, (await Assert.ThrowsAsync<RuleViolation>(() => org.RevokeMemberCode("DY001"))).Kind);
    }

    [Fact]
    public async Task The_standings_each_web_host_copies_follow_revocations_and_removals_and_cost_nothing_while_unchanged()
    {
        var org = NewOrganisation();
        var empty = await org.GetStandings(-1);
        Assert.NotNull(empty);
        Assert.Empty(empty.Generations);
        await org.ImportRoster(County);

        var first = await org.GetStandings(empty.Revision);
        Assert.NotNull(first);
        Assert.Equal(5, first.Generations.Count);
        Assert.All(first.Generations.Values, g => Assert.Equal(0, g));
        Assert.Null(await org.GetStandings(first.Revision));

        await org.RevokeMemberCode("DY001");
        await org.RemoveMember("DY002");
        var after = await org.GetStandings(first.Revision);

        Assert.NotNull(after);
        Assert.Equal(1, after.Generations["DY001"]);
        Assert.False(after.Generations.ContainsKey("DY002"));
        Assert.Null(await org.GetStandings(after.Revision));
    }

    private IOrganisationGrain NewOrganisation() => fixture.Client.GetGrain<IOrganisationGrain>(ClusterFixture.NewKey("org"));

    private async Task<BranchDetails> Branch(OrganisationOverview overview, string name)
    {
        var details = await fixture.Client.GetGrain<IBranchGrain>(overview.Branches.Single(b => b.Name == name).BranchId).GetDetails();
        Assert.NotNull(details);
        return details;
    }
}
