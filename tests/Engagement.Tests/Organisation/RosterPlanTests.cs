using Engagement.Organisation;
using static Engagement.Tests.Testing.Rosters;

namespace Engagement.Tests.Organisation;

public sealed class RosterPlanTests
{
    private static readonly RosterEntry Zhang = Entry("一片区", "一中党支部", "张三", "DY001", "13800138000");
    private static readonly RosterEntry Li = Entry("一片区", "一中党支部", "李四", "DY002");
    private static readonly RosterEntry Wang = Entry("二片区", "二中党支部", "王五", "DY003");
    private static readonly RosterEntry Zhao = Entry("二片区", "二中党支部", "赵六", "DY004");

    public static TheoryData<string, RosterEntry[], RosterEntry[], RosterImportSummary> Scenarios => new()
    {
        { "fresh import", [], [Zhang, Li, Wang], new(3, 3, 0, 0, 0, 2) },
        { "identical re-import", [Zhang, Li, Wang], [Zhang, Li, Wang], new(3, 0, 0, 0, 3, 0) },
        { "rename", [Zhang, Li, Wang], [Zhang with { Name = "张三丰" }, Li, Wang], new(3, 0, 1, 0, 2, 0) },
        { "new phone", [Zhang, Li, Wang], [Zhang, Li with { Phone = "13900000000" }, Wang], new(3, 0, 1, 0, 2, 0) },
        { "phone dropped", [Zhang, Li, Wang], [Zhang with { Phone = null }, Li, Wang], new(3, 0, 1, 0, 2, 0) },
        { "move to another branch", [Zhang, Li, Wang], [Zhang with { District = "二片区", Branch = "二中党支部" }, Li, Wang], new(3, 0, 0, 1, 2, 0) },
        { "move to a new branch", [Zhang, Li, Wang], [Zhang with { Branch = "三中党支部" }, Li, Wang], new(3, 0, 0, 1, 2, 1) },
        { "one more member", [Zhang, Li, Wang], [Zhang, Li, Wang, Zhao], new(4, 1, 0, 0, 3, 0) },
        { "members absent from the file are kept", [Zhang, Li, Wang], [Zhang, Wang], new(2, 0, 0, 0, 2, 0) },
        { "branch spelt with other spacing", [Zhang, Li], [Zhang with { Branch = "一中 党支部" }, Li], new(2, 0, 0, 0, 2, 0) },
        { "branch moved to another district", [Zhang, Li, Wang], [Zhang with { District = "三片区" }, Li with { District = "三片区" }, Wang], new(3, 0, 0, 0, 3, 0) },
        { "rename and move at once", [Zhang, Wang], [Zhang with { Name = "张三丰", Branch = "二中党支部", District = "二片区" }, Wang], new(2, 0, 0, 1, 1, 0) },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_summary_counts_what_the_import_changes(string scenario, RosterEntry[] before, RosterEntry[] after, RosterImportSummary expected)
    {
        var roster = new Roster();
        roster.Import(before);

        var result = roster.Import(after);

        Assert.True(expected == result.Summary, $"{scenario}: expected {expected}, got {result.Summary}");
    }

    [Fact]
    public void A_fresh_import_creates_each_branch_once_with_its_members_in_file_order()
    {
        var result = new Roster().Import([Zhang, Li, Wang]);

        Assert.Equal([new("b1", "一中党支部", "一片区"), new RosterPlan.Branch("b2", "二中党支部", "二片区")], result.Branches.OrderBy(b => b.BranchId));
        Assert.Equal(["b1", "b2"], result.Changes.Keys.Order());
        Assert.Equal(
            [new Member("DY001", "张三", "13800138000", "b1", 1, 0), new Member("DY002", "李四", null, "b1", 2, 0)],
            result.Changes["b1"].Upserts);
        Assert.Equal(("一中党支部", "一片区", false), (result.Changes["b1"].Name, result.Changes["b1"].District, result.Changes["b1"].Delete));
        Assert.Empty(result.Changes["b1"].Removals);
        Assert.Equal(4, result.NextSeq);
    }

    [Fact]
    public void Re_importing_the_same_roster_changes_nothing()
    {
        var roster = new Roster();
        var first = roster.Import([Zhang, Li, Wang]);

        var second = roster.Import([Zhang, Li, Wang]);

        Assert.Empty(second.Changes);
        Assert.Equal(first.Members, second.Members);
        Assert.Equal(first.NextSeq, second.NextSeq);
        Assert.Equal(first.Branches.OrderBy(b => b.BranchId), second.Branches.OrderBy(b => b.BranchId));
    }

    [Fact]
    public void A_rename_updates_the_member_in_place_and_keeps_their_code()
    {
        var roster = new Roster();
        roster.Import([Zhang, Li]);
        roster.Members["DY001"] = roster.Members["DY001"] with { CodeGeneration = 2 };

        var result = roster.Import([Zhang with { Name = "张三丰" }, Li]);

        var change = Assert.Single(result.Changes);
        Assert.Equal("b1", change.Key);
        Assert.Equal(new Member("DY001", "张三丰", "13800138000", "b1", 1, 2), Assert.Single(change.Value.Upserts));
        Assert.Empty(change.Value.Removals);
    }

    [Fact]
    public void A_move_removes_the_member_from_the_old_branch_and_adds_them_to_the_new()
    {
        var roster = new Roster();
        roster.Import([Zhang, Li, Wang]);

        var result = roster.Import([Zhang with { District = "二片区", Branch = "二中党支部" }, Li, Wang]);

        Assert.Equal(["DY001"], result.Changes["b1"].Removals);
        Assert.Empty(result.Changes["b1"].Upserts);
        Assert.Equal(new Member("DY001", "张三", "13800138000", "b2", 1, 0), Assert.Single(result.Changes["b2"].Upserts));
        Assert.Empty(result.Changes["b2"].Removals);
        Assert.Equal("b2", result.Members.Single(m => m.MemberNo == "DY001").BranchId);
    }

    [Fact]
    public void A_move_into_a_new_branch_creates_it_in_the_files_district()
    {
        var roster = new Roster();
        roster.Import([Zhang, Wang]);

        var result = roster.Import([Zhang with { District = "三片区", Branch = "三中党支部" }, Wang]);

        Assert.Equal(new RosterPlan.Branch("b3", "三中党支部", "三片区"), result.Branches.Single(b => b.BranchId == "b3"));
        Assert.Equal(("三中党支部", "三片区"), (result.Changes["b3"].Name, result.Changes["b3"].District));
        Assert.Equal("DY001", Assert.Single(result.Changes["b3"].Upserts).MemberNo);
        Assert.Equal(["DY001"], result.Changes["b1"].Removals);
    }

    [Fact]
    public void A_branch_whose_district_changes_in_the_file_is_moved_with_a_header_only_change()
    {
        var roster = new Roster();
        roster.Import([Zhang, Li, Wang]);

        var result = roster.Import([Zhang with { District = "三片区" }, Li with { District = "三片区" }, Wang]);

        var change = Assert.Single(result.Changes);
        Assert.Equal(("b1", "一中党支部", "三片区"), (change.Key, change.Value.Name, change.Value.District));
        Assert.Empty(change.Value.Upserts);
        Assert.Empty(change.Value.Removals);
        Assert.Equal("三片区", result.Branches.Single(b => b.BranchId == "b1").District);
    }

    [Fact]
    public void Sequence_numbers_continue_from_the_next_unused_one_and_are_never_reused()
    {
        var roster = new Roster();
        roster.Import([Zhang, Li]);
        roster.Members.Remove("DY002"); // removed in the console: seq 2 must not come back
        roster.NextSeq = 3;

        var result = roster.Import([Wang, Zhao, Li]);

        Assert.Equal([3, 4, 5], result.Members.Select(m => m.Seq));
        Assert.Equal(6, result.NextSeq);
        Assert.Equal(1, roster.Members["DY001"].Seq);
    }

    [Fact]
    public void Duplicate_member_numbers_in_the_entries_are_refused_before_anything_is_planned()
    {
        var minted = 0;

        var violation = Assert.Throws<RuleViolation>(() => RosterPlan.Build(
            [], new Dictionary<string, Member>(), [Zhang, Wang, Zhang with { Name = "另一人" }], () => $"b{++minted}", 1));

        Assert.Equal((ViolationKind.Invalid, "roster.duplicate-member-no", "DY001"), (violation.Kind, violation.Code, Assert.Single(violation.Args)));
        Assert.Equal(0, minted);
    }

    [Fact]
    public void A_member_whose_old_branch_is_gone_is_moved_without_a_change_for_the_missing_branch()
    {
        var members = new Dictionary<string, Member> { ["DY001"] = new("DY001", "张三", null, "gone", 7, 0) };

        var result = RosterPlan.Build([], members, [Zhang], () => "b1", 8);

        Assert.Equal(["b1"], result.Changes.Keys);
        Assert.Equal(new Member("DY001", "张三", "13800138000", "b1", 7, 0), Assert.Single(result.Members));
        Assert.Equal(1, result.Summary.MembersMoved);
    }

    /// <summary>The organisation's side of a plan: applies each result the way OrganisationGrain does.</summary>
    private sealed class Roster
    {
        private int _minted;

        public List<RosterPlan.Branch> Branches { get; private set; } = [];
        public Dictionary<string, Member> Members { get; } = [];
        public int NextSeq { get; set; } = 1;

        public RosterPlan.Result Import(IReadOnlyList<RosterEntry> entries)
        {
            var result = RosterPlan.Build(Branches, Members, entries, () => $"b{++_minted}", NextSeq);
            Branches = [.. result.Branches];
            foreach (var member in result.Members)
            {
                Members[member.MemberNo] = member;
            }

            NextSeq = result.NextSeq;
            return result;
        }
    }
}
