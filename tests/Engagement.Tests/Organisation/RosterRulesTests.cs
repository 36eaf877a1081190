using Engagement.Organisation;
using static Engagement.Tests.Testing.Rosters;

namespace Engagement.Tests.Organisation;

public sealed class RosterRulesTests
{
    private static readonly string[] ValidRow = ["一片区", "一中党支部", "张三", "dy001", "138 0013 8000"];

    [Theory]
    [InlineData("片区", "党支部", "姓名", "党员编号", "手机号")]
    [InlineData("党建片区", "支部", "姓名", "工号", "手机号码")]
    [InlineData("片区", "党支部", "姓名", "编号", "联系电话")]
    [InlineData("District", "Branch", "Name", "Member No", "Phone")]
    [InlineData("area", "Party Branch", "Full Name", "member_no", "Mobile")]
    [InlineData("AREA", "BRANCH", "NAME", "ID", "PHONE NUMBER")]
    [InlineData(" 片 区 ", "党支部\u3000", "姓名", "Member ID", "手机")]
    [InlineData("district", "partybranch", "fullname", "MemberNumber", "phonenumber")]
    public void Headers_are_recognised_in_Chinese_or_English_without_case_or_spacing(
        string district, string branch, string name, string memberNo, string phone)
    {
        var result = RosterRules.Validate(Table([district, branch, name, memberNo, phone], ValidRow));

        Assert.Empty(result.Errors);
        Assert.Equal(Entry("一片区", "一中党支部", "张三", "DY001", "13800138000"), Assert.Single(result.Entries));
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_unknown_columns_are_ignored()
    {
        var result = RosterRules.Validate(Table(
            ["序号", "姓名", "党员编号", "备注", "党支部", "片区"],
            ["1", "李四", "DY002", "任意", "二中党支部", "二片区"]));

        Assert.Equal(Entry("二片区", "二中党支部", "李四", "DY002"), Assert.Single(result.Entries));
    }

    [Theory]
    [InlineData("片区")]
    [InlineData("党支部")]
    [InlineData("姓名")]
    [InlineData("党员编号")]
    public void A_missing_required_column_is_reported_by_its_Chinese_name(string missing)
    {
        var headers = ZhHeaders.Where(h => h != missing).ToArray();

        var result = RosterRules.Validate(Table(headers, ["x", "x", "x", "x"]));

        Assert.Equal(new RosterError(1, missing, RosterProblem.MissingColumn), Assert.Single(result.Errors));
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void The_phone_column_is_optional()
    {
        var result = RosterRules.Validate(Table(["片区", "党支部", "姓名", "党员编号"], ["一片区", "一中党支部", "张三", "DY001"]));

        Assert.Null(Assert.Single(result.Entries).Phone);
    }

    [Fact]
    public void A_sheet_without_any_known_header_lists_every_missing_column()
    {
        var result = RosterRules.Validate(Table(["a", "b", "c"], ["1", "2", "3"]));

        Assert.Equal(["片区", "党支部", "姓名", "党员编号"], result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(RosterProblem.MissingColumn, e.Problem));
    }

    [Theory]
    [InlineData("工号")] // 党员编号 and 工号 both name the member number
    [InlineData("Name")]
    [InlineData("片 区")]
    public void Two_columns_for_one_field_are_refused(string second)
    {
        var result = RosterRules.Validate(Table([.. ZhHeaders, second], ValidRow));

        Assert.Equal(new RosterError(1, second, RosterProblem.DuplicateColumn), Assert.Single(result.Errors));
    }

    [Fact]
    public void Headers_without_rows_are_an_empty_file()
    {
        var result = RosterRules.Validate(Table(ZhHeaders));

        Assert.Equal(new RosterError(1, null, RosterProblem.EmptyFile), Assert.Single(result.Errors));
    }

    public static TheoryData<string[], RosterError[]> BadRows => new()
    {
        { ["", "一中党支部", "张三", "DY001", ""], [new(2, "片区", RosterProblem.Required)] },
        { ["一片区", "  ", "张三", "DY001", ""], [new(2, "党支部", RosterProblem.Required)] },
        { ["一片区", "一中党支部", "\u3000", "DY001", ""], [new(2, "姓名", RosterProblem.Required)] },
        { ["一片区", "一中党支部", "张三", "", ""], [new(2, "党员编号", RosterProblem.Required)] },
        { ["一片区", "一中党支部", "张三"], [new(2, "党员编号", RosterProblem.Required)] },
        { ["一片区", "一中党支部", new string('名', 33), "DY001", ""], [new(2, "姓名", RosterProblem.TooLong, "32")] },
        { ["一片区", new string('支', 65), "张三", "DY001", ""], [new(2, "党支部", RosterProblem.TooLong, "64")] },
        { [new string('片', 65), "一中党支部", "张三", "DY001", ""], [new(2, "片区", RosterProblem.TooLong, "64")] },
        { ["一片区", "一中党支部", "张三", new string('9', 33), ""], [new(2, "党员编号", RosterProblem.TooLong, "32")] },
        { ["一片区", "一中党支部", "张三", "DY 001", ""], [new(2, "党员编号", RosterProblem.BadMemberNo, "DY 001")] },
        { ["一片区", "一中党支部", "张三", "党员001", ""], [new(2, "党员编号", RosterProblem.BadMemberNo, "党员001")] },
        { ["一片区", "一中党支部", "张三", "-dy1", ""], [new(2, "党员编号", RosterProblem.BadMemberNo, "-DY1")] },
        { ["一片区", "一中党支部", "张三", "dy#1", ""], [new(2, "党员编号", RosterProblem.BadMemberNo, "DY#1")] },
        { ["一片区", "一中党支部", "张三", "DY001", "1234"], [new(2, "手机号", RosterProblem.BadPhone, "1234")] },
        { ["一片区", "一中党支部", "张三", "DY001", "138-0013-800x"], [new(2, "手机号", RosterProblem.BadPhone, "138-0013-800x")] },
        { ["一片区", "一中党支部", "张三", "DY001", "１３８００１３８０００"], [new(2, "手机号", RosterProblem.BadPhone, "１３８００１３８０００")] },
        { ["一片区", "一中党支部", "张三", "DY001", "1234567890123456"], [new(2, "手机号", RosterProblem.BadPhone, "1234567890123456")] },
        {
            ["", "", "", "", "12"],
            [
                new(2, "片区", RosterProblem.Required), new(2, "党支部", RosterProblem.Required),
                new(2, "姓名", RosterProblem.Required), new(2, "党员编号", RosterProblem.Required),
                new(2, "手机号", RosterProblem.BadPhone, "12"),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_reported_with_its_line_column_and_problem(string[] row, RosterError[] expected)
    {
        var result = RosterRules.Validate(Table(ZhHeaders, row));

        Assert.Equal(expected, result.Errors);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Errors_name_the_column_as_the_file_spells_it()
    {
        var result = RosterRules.Validate(Table(["District", "Branch", "Full Name", "Member No"], ["一片区", "一中党支部", "", "DY001"]));

        Assert.Equal(new RosterError(2, "Full Name", RosterProblem.Required), Assert.Single(result.Errors));
    }

    [Fact]
    public void Errors_carry_the_rows_own_line_numbers()
    {
        var result = RosterRules.Validate(TableAt(ZhHeaders,
            (3, ["一片区", "一中党支部", "张三", "DY001", ""]),
            (7, ["一片区", "一中党支部", "", "DY002", ""]),
            (12, ["一片区", "一中党支部", "王五", "DY 3", ""])));

        Assert.Equal([7, 12], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void A_repeated_member_number_points_back_to_its_first_line_ignoring_case()
    {
        var result = RosterRules.Validate(TableAt(ZhHeaders,
            (3, ["一片区", "一中党支部", "张三", "dy001", ""]),
            (5, ["一片区", "二中党支部", "李四", "DY002", ""]),
            (7, ["一片区", "二中党支部", "张三", "DY001", ""]),
            (9, ["二片区", "三中党支部", "张三", " Dy001 ", ""])));

        Assert.Equal(
            [
                new RosterError(7, "党员编号", RosterProblem.DuplicateMemberNo, "DY001", 3),
                new RosterError(9, "党员编号", RosterProblem.DuplicateMemberNo, "DY001", 3),
            ],
            result.Errors);
    }

    [Fact]
    public void The_same_name_twice_in_one_branch_is_fine_when_member_numbers_differ()
    {
        var result = RosterRules.Validate(Table(ZhHeaders,
            ["一片区", "一中党支部", "张伟", "DY001", ""],
            ["一片区", "一中党支部", "张伟", "DY002", ""]));

        Assert.Equal(2, result.Entries.Count);
    }

    [Fact]
    public void A_branch_in_two_districts_points_back_to_the_line_that_placed_it_first()
    {
        var result = RosterRules.Validate(TableAt(ZhHeaders,
            (2, ["一片区", "一中党支部", "张三", "DY001", ""]),
            (4, ["一片区", "一中 党支部", "李四", "DY002", ""]),
            (6, ["二片区", "一中党支部", "王五", "DY003", ""])));

        Assert.Equal(new RosterError(6, "片区", RosterProblem.BranchInTwoDistricts, "二片区", 2), Assert.Single(result.Errors));
    }

    [Fact]
    public void District_spellings_that_differ_only_in_case_or_spacing_are_one_district()
    {
        var result = RosterRules.Validate(Table(ZhHeaders,
            ["District A", "一中党支部", "张三", "DY001", ""],
            ["district  a", "一中党支部", "李四", "DY002", ""],
            ["一 片区", "二中党支部", "王五", "DY003", ""],
            ["一片区", "二中党支部", "赵六", "DY004", ""]));

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("138.0013.8000", "13800138000")]
    [InlineData("(0571) 8888-1234", "057188881234")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("138\u30000013\u30008000", "13800138000")]
    [InlineData("12345", "12345")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void Phone_numbers_lose_separators_and_empty_means_none(string phone, string? expected)
    {
        var result = RosterRules.Validate(Table(ZhHeaders, ["一片区", "一中党支部", "张三", "DY001", phone]));

        Assert.Equal(expected, Assert.Single(result.Entries).Phone);
    }

    [Theory]
    [InlineData("dy001", "DY001")]
    [InlineData("Ab_c-1", "AB_C-1")]
    [InlineData(" 20230001 ", "20230001")]
    public void Member_numbers_are_upper_cased(string memberNo, string expected)
    {
        var result = RosterRules.Validate(Table(ZhHeaders, ["一片区", "一中党支部", "张三", memberNo, ""]));

        Assert.Equal(expected, Assert.Single(result.Entries).MemberNo);
    }

    [Fact]
    public void Values_are_cleaned_and_limits_are_inclusive()
    {
        var name = new string('名', RosterRules.MaxNameLength);
        var branch = new string('支', RosterRules.MaxUnitLength - 2) + "\u3000x";

        var result = RosterRules.Validate(Table(ZhHeaders, ["\u3000一片区 ", branch, name, "DY001", ""]));

        Assert.Equal(Entry("一片区", branch.Replace('\u3000', ' '), name, "DY001"), Assert.Single(result.Entries));
    }

    [Fact]
    public void One_bad_row_refuses_the_whole_roster()
    {
        var result = RosterRules.Validate(Table(ZhHeaders,
            ["一片区", "一中党支部", "张三", "DY001", ""],
            ["一片区", "一中党支部", "", "DY002", ""],
            ["一片区", "一中党支部", "王五", "DY003", ""]));

        Assert.False(result.IsValid);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused_at_the_first_row_over_it()
    {
        var rows = Enumerable.Range(0, RosterRules.MaxRows + 1)
            .Select(i => new RosterTableRow(i + 2, ["一片区", "一中党支部", "某", $"N{i}"]))
            .ToList();

        var result = RosterRules.Validate(new RosterTable(ZhHeaders, rows));

        Assert.Equal(new RosterError(RosterRules.MaxRows + 2, null, RosterProblem.TooManyRows, "50000"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Exactly_the_row_limit_is_accepted()
    {
        var rows = Enumerable.Range(0, RosterRules.MaxRows)
            .Select(i => new RosterTableRow(i + 2, ["一片区", "一中党支部", "某", $"N{i}"]))
            .ToList();

        var result = RosterRules.Validate(new RosterTable(ZhHeaders, rows));

        Assert.True(result.IsValid);
        Assert.Equal(RosterRules.MaxRows, result.Entries.Count);
    }

    [Theory]
    [InlineData("", "张三", null, "member.bad-member-no")]
    [InlineData("DY 001", "张三", null, "member.bad-member-no")]
    [InlineData("_DY001", "张三", null, "member.bad-member-no")]
    [InlineData("DY001", "", null, "member.bad-name")]
    [InlineData("DY001", "\u3000 ", null, "member.bad-name")]
    [InlineData("DY001", "张三", "1234", "member.bad-phone")]
    [InlineData("DY001", "张三", "138 0013 800x", "member.bad-phone")]
    [InlineData("", "", "1", "member.bad-member-no")] // the member number is checked first
    public void ValidateMember_refuses_what_a_roster_line_would_refuse(string memberNo, string name, string? phone, string code)
    {
        var violation = Assert.Throws<RuleViolation>(() => RosterRules.ValidateMember(new MemberEdit(memberNo, name, phone, "b1")));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal(code, violation.Code);
    }

    [Fact]
    public void ValidateMember_enforces_the_length_limits()
    {
        Assert.Equal("member.bad-member-no", Assert.Throws<RuleViolation>(() =>
            RosterRules.ValidateMember(new MemberEdit(new string('A', 33), "张三", null, "b1"))).Code);
        var tooLongName = Assert.Throws<RuleViolation>(() =>
            RosterRules.ValidateMember(new MemberEdit("DY001", new string('名', 33), null, "b1")));
        Assert.Equal(("member.bad-name", "32"), (tooLongName.Code, Assert.Single(tooLongName.Args)));
        Assert.Equal(32, RosterRules.ValidateMember(new MemberEdit(new string('A', 32), new string('名', 32), null, "b1")).Name.Length);
    }

    [Theory]
    [InlineData(" dy-01 ", " 张\u3000三 ", " 138-0013-8000 ", "DY-01", "张 三", "13800138000")]
    [InlineData("a_1", "李四", "", "A_1", "李四", null)]
    [InlineData("A1", "李四", null, "A1", "李四", null)]
    public void ValidateMember_returns_the_cleaned_member(
        string memberNo, string name, string? phone, string expectedNo, string expectedName, string? expectedPhone)
    {
        var edit = RosterRules.ValidateMember(new MemberEdit(memberNo, name, phone, "b1"));

        Assert.Equal(new MemberEdit(expectedNo, expectedName, expectedPhone, "b1"), edit);
    }

    [Theory]
    [InlineData("", "一片区", "branch.bad-name")]
    [InlineData("\u3000", "一片区", "branch.bad-name")]
    [InlineData("一中党支部", "", "branch.bad-district")]
    [InlineData("一中党支部", " \t", "branch.bad-district")]
    public void ValidateBranch_requires_a_name_and_a_district(string name, string district, string code)
    {
        var violation = Assert.Throws<RuleViolation>(() => RosterRules.ValidateBranch(new BranchEdit(name, district)));

        Assert.Equal((ViolationKind.Invalid, code, "64"), (violation.Kind, violation.Code, Assert.Single(violation.Args)));
    }

    [Fact]
    public void ValidateBranch_enforces_the_unit_length_limit_inclusively()
    {
        Assert.Equal("branch.bad-name", Assert.Throws<RuleViolation>(() =>
            RosterRules.ValidateBranch(new BranchEdit(new string('支', 65), "一片区"))).Code);
        Assert.Equal("branch.bad-district", Assert.Throws<RuleViolation>(() =>
            RosterRules.ValidateBranch(new BranchEdit("一中党支部", new string('片', 65)))).Code);
        Assert.Equal(
            new BranchEdit(new string('支', 64), "一 片区"),
            RosterRules.ValidateBranch(new BranchEdit(new string('支', 64), " 一\u3000片区 ")));
    }
}
