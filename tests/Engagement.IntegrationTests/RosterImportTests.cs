using System.Net;
using System.Net.Http.Json;
using System.Text;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests;

/// <summary>One embedded app shared by the roster import tests; each test uses its own member numbers and branch names.</summary>
public sealed class RosterImportApp : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public AppProcess App { get; private set; } = null!;

    public ApiClient Organiser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestApps.StartEmbeddedAsync("roster-import", Path.Combine(_temp.Path, "data"));
        Organiser = await App.OrganiserAsync();
    }

    public async Task DisposeAsync()
    {
        Organiser?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        _temp.Dispose();
    }
}

/// <summary>
/// A roster upload is all or nothing: a valid file is applied (matched by member number, so re-imports
/// update rather than duplicate), a file with any bad row is refused whole with every bad row listed.
/// </summary>
[Collection(Collections.RosterImport)]
public sealed class RosterImportTests(RosterImportApp fixture) : IClassFixture<RosterImportApp>
{
    private ApiClient Organiser => fixture.Organiser;

    [Fact]
    public async Task Valid_xlsx_with_English_headers_is_imported_and_summarised()
    {
        var before = await Organiser.OverviewAsync();
        var roster = Rosters.Generate("ENX", members: 30, branches: 3);

        var summary = await Organiser.ImportOkAsync(Rosters.Xlsx(roster, Rosters.EnglishHeaders), "roster.xlsx");

        Assert.Equal(new ImportSummaryDto(Rows: 30, MembersAdded: 30, MembersUpdated: 0, MembersMoved: 0, MembersUnchanged: 0, BranchesCreated: 3), summary);
        var after = await Organiser.OverviewAsync();
        Assert.Equal(before.MemberCount + 30, after.MemberCount);
        foreach (var group in roster.GroupBy(r => r.Branch))
        {
            var branch = after.Branch(group.Key);
            Assert.Equal(group.Count(), branch.MemberCount);
            Assert.Equal(group.First().District, branch.District);
            var details = await Organiser.BranchAsync(branch.BranchId);
            Assert.Equal(group.Select(r => (r.MemberNo, r.Name, r.Phone)).OrderBy(m => m.MemberNo),
                details.Members.Select(m => (m.MemberNo, m.Name, m.Phone)).OrderBy(m => m.MemberNo));
        }
    }

    [Fact]
    public async Task GB18030_csv_with_Chinese_headers_and_a_title_row_is_imported()
    {
        var roster = Rosters.Generate("GBK", members: 8, branches: 2);
        var file = Rosters.Csv(roster, Rosters.Gb18030, Rosters.ChineseHeaders, title: "县教育局党员名册（2026年）");
        Assert.False(IsUtf8(file), "The test file must not be valid UTF-8, or it proves nothing about GB18030");

        var summary = await Organiser.ImportOkAsync(file, "名册.csv");

        Assert.Equal(new ImportSummaryDto(Rows: 8, MembersAdded: 8, MembersUpdated: 0, MembersMoved: 0, MembersUnchanged: 0, BranchesCreated: 2), summary);
        var overview = await Organiser.OverviewAsync();
        var branch = overview.Branch(Rosters.BranchName("GBK", 0));
        Assert.Equal("城区第一片区", branch.District);
        var details = await Organiser.BranchAsync(branch.BranchId);
        Assert.Equal(
            roster.Where(r => r.Branch == branch.Name).Select(r => (r.MemberNo, r.Name)).OrderBy(m => m.MemberNo),
            details.Members.Select(m => (m.MemberNo, m.Name)).OrderBy(m => m.MemberNo));
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        var file = Rosters.Xlsx(Rosters.Generate("SAME", members: 20, branches: 2));
        var first = await Organiser.ImportOkAsync(file, "roster.xlsx");
        Assert.Equal(20, first.MembersAdded);
        var before = await Organiser.OverviewAsync();

        var again = await Organiser.ImportOkAsync(file, "roster.xlsx");

        Assert.Equal(new ImportSummaryDto(Rows: 20, MembersAdded: 0, MembersUpdated: 0, MembersMoved: 0, MembersUnchanged: 20, BranchesCreated: 0), again);
        var after = await Organiser.OverviewAsync();
        Assert.Equal(before.MemberCount, after.MemberCount);
        Assert.Equal(before.Branches, after.Branches);
    }

    [Fact]
    public async Task Reimport_updates_a_renamed_member_and_moves_a_member_to_another_branch()
    {
        var roster = Rosters.Generate("MOVE", members: 10, branches: 2);
        await Organiser.ImportOkAsync(Rosters.Xlsx(roster), "roster.xlsx");
        var before = await Organiser.OverviewAsync();

        // Row 0 is in branch 0 and gets a new name; row 2 (branch 0) moves to branch 1.
        var changed = roster.ToList();
        changed[0] = changed[0] with { Name = "司马新名" };
        changed[2] = changed[2] with { Branch = Rosters.BranchName("MOVE", 1), District = roster[1].District };

        var summary = await Organiser.ImportOkAsync(Rosters.Xlsx(changed), "roster-v2.xlsx");

        Assert.Equal(new ImportSummaryDto(Rows: 10, MembersAdded: 0, MembersUpdated: 1, MembersMoved: 1, MembersUnchanged: 8, BranchesCreated: 0), summary);
        var after = await Organiser.OverviewAsync();
        Assert.Equal(before.MemberCount, after.MemberCount);
        var from = await Organiser.BranchAsync(after.Branch(Rosters.BranchName("MOVE", 0)).BranchId);
        var to = await Organiser.BranchAsync(after.Branch(Rosters.BranchName("MOVE", 1)).BranchId);
        Assert.Equal("司马新名", Assert.Single(from.Members, m => m.MemberNo == roster[0].MemberNo).Name);
        Assert.DoesNotContain(from.Members, m => m.MemberNo == roster[2].MemberNo);
        Assert.Contains(to.Members, m => m.MemberNo == roster[2].MemberNo);
        Assert.Equal(4, from.Members.Count);
        Assert.Equal(6, to.Members.Count);
    }

    [Fact]
    public async Task File_with_bad_rows_is_refused_whole_listing_every_bad_line_in_Chinese()
    {
        var before = await Organiser.OverviewAsync();

        var response = await Organiser.ImportAsync(BadRowsFile(), "名册.xlsx");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("roster.rejected", problem.Code);
        Assert.True(Api.HasChinese(problem.Detail!), $"Default messages are Chinese: {problem.Detail}");
        AssertBadRowsListed(problem, chinese: true);

        // Nothing half-applied: not the good rows, not the new branch, not even a revision bump.
        var after = await Organiser.OverviewAsync();
        Assert.Equal(before, after with { Districts = before.Districts, Branches = before.Branches });
        Assert.Equal(before.Branches, after.Branches);
        Assert.DoesNotContain(after.Branches, b => b.Name.StartsWith("BAD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejections_are_in_English_for_Accept_Language_en()
    {
        using var english = await fixture.App.OrganiserAsync(language: "en-GB");

        var problem = await (await english.ImportAsync(BadRowsFile(), "roster.xlsx")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The roster has 4 error(s); nothing was imported. Fix them and upload again.", problem.Detail);
        AssertBadRowsListed(problem, chinese: false);

        var unsupported = await (await english.ImportAsync([0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3], "roster.xls")).ProblemAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(unsupported.Errors!);
        Assert.Equal("Unsupported file type \".xls\"; save it as .xlsx or .csv.", error.Reason);
    }

    [Fact]
    public async Task Unsupported_or_unreadable_files_are_refused_with_one_clear_error()
    {
        var before = await Organiser.OverviewAsync();

        var xls = await (await Organiser.ImportAsync([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], "名册.xls")).ProblemAsync(HttpStatusCode.BadRequest);
        var xlsError = Assert.Single(xls.Errors!);
        Assert.Equal("UnsupportedFileType", xlsError.Problem);
        Assert.Contains(".xls", xlsError.Reason);
        Assert.True(Api.HasChinese(xlsError.Reason), xlsError.Reason);

        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = (byte)'P';
        garbage[1] = (byte)'K'; // looks like a zip (an .xlsx is one) but is not
        var unreadable = await (await Organiser.ImportAsync(garbage, "roster.xlsx")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UnreadableFile", Assert.Single(unreadable.Errors!).Problem);

        Assert.Equal(before.MemberCount, (await Organiser.OverviewAsync()).MemberCount);
    }

    [Fact]
    public async Task Upload_without_a_file_is_refused()
    {
        using (var form = new MultipartFormDataContent { { new StringContent("nothing"), "comment" } })
        {
            var problem = await (await Organiser.Http.PostAsync("/api/org/import", form)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("roster.no-file", problem.Code);
        }

        var empty = await (await Organiser.ImportAsync([], "roster.xlsx")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("roster.no-file", empty.Code);

        var notAForm = await (await Organiser.Http.PostAsJsonAsync("/api/org/import", new { file = "roster.xlsx" })).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("roster.no-file", notAForm.Code);
    }

    [Fact]
    public async Task Upload_over_the_request_limit_is_refused_with_413_before_the_body_is_sent()
    {
        var huge = new byte[15 * 1024 * 1024];
        new Random(15).NextBytes(huge);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(huge), "file", "roster.xlsx" } };
        // With Expect: 100-continue the server can refuse on Content-Length alone, as HTTP intends;
        // without it the server answers 413 and closes while the client is still sending.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/org/import") { Content = form };
        request.Headers.ExpectContinue = true;

        var problem = await (await Organiser.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("request.too-large", problem.Code);
        Assert.True(Api.HasChinese(problem.Detail!), problem.Detail);
    }

    [Fact]
    public async Task File_over_the_roster_limit_is_refused_with_413()
    {
        var before = await Organiser.OverviewAsync();
        var big = new byte[11 * 1024 * 1024]; // under the 12 MB request limit, over the 10 MB file limit
        new Random(11).NextBytes(big);

        var problem = await (await Organiser.ImportAsync(big, "roster.xlsx")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("request.too-large", problem.Code);
        Assert.Contains("10 MB", problem.Detail);
        Assert.Equal(before.Revision, (await Organiser.OverviewAsync()).Revision);
    }

    /// <summary>
    /// Header on line 1, so row i is on line i + 2. Lines 3, 5, 6 and 8 are bad; lines 2, 4 and 7 are
    /// good (one of them in a new branch) and must not be imported either.
    /// </summary>
    private static byte[] BadRowsFile()
    {
        const string district = "城区第一片区";
        var branch = "BAD实验学校党支部";
        RosterRow[] rows =
        [
            new(district, branch, "王好人", "BAD0001", "13900000001"),   // line 2: fine
            new(district, branch, "", "BAD0002", "13900000002"),         // line 3: no name
            new(district, branch, "李好人", "BAD0003", "13900000003"),   // line 4: fine
            new(district, branch, "张编号", "BAD 04!", "13900000004"),   // line 5: bad member number
            new(district, branch, "刘重复", "BAD0001", "13900000005"),   // line 6: repeats line 2
            new(district, branch, "陈好人", "BAD0007", "13900000007"),   // line 7: fine
            new(district, branch, "赵电话", "BAD0008", "12ab"),          // line 8: bad phone
        ];
        return Rosters.Xlsx(rows);
    }

    private static void AssertBadRowsListed(ProblemDto problem, bool chinese)
    {
        Assert.NotNull(problem.Errors);
        Assert.Equal(
            new[] { (3, "Required"), (5, "BadMemberNo"), (6, "DuplicateMemberNo"), (8, "BadPhone") },
            problem.Errors.Select(e => (e.Line, e.Problem)).OrderBy(e => e.Line).ToArray());
        foreach (var error in problem.Errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Reason));
            Assert.True(Api.HasChinese(error.Reason) == chinese, $"Line {error.Line}: \"{error.Reason}\" is not in the expected language");
        }

        Assert.Equal("姓名", problem.Errors.Single(e => e.Line == 3).Column);
        Assert.Contains("2", problem.Errors.Single(e => e.Line == 6).Reason); // names the line it repeats
        Assert.Contains("12ab", problem.Errors.Single(e => e.Line == 8).Reason);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
