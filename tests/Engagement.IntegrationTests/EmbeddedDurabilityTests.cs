using System.Net;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Microsoft.Data.Sqlite;

namespace Engagement.IntegrationTests;

/// <summary>
/// Embedded mode keeps everything in one SQLite file: whatever the app acknowledged is still there after
/// the process dies (SIGKILL, no shutdown code) or is restarted normally.
/// </summary>
[Collection(Collections.Durability)]
public sealed class EmbeddedDurabilityTests
{
    [Fact]
    public async Task Acknowledged_roster_import_member_add_and_screen_change_survive_SIGKILL()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "data");
        var roster = Rosters.Generate("KILL", members: 50, branches: 3);
        string addedBranchId;
        string headline = "主题党日活动 " + Guid.NewGuid().ToString("N")[..6];

        await using (var app = await TestApps.StartEmbeddedAsync("durability-before-kill", dataDirectory))
        {
            using var organiser = await app.OrganiserAsync();
            var summary = await organiser.ImportOkAsync(Rosters.Xlsx(roster), "党员名册.xlsx");
            Assert.Equal(new ImportSummaryDto(Rows: 50, MembersAdded: 50, MembersUpdated: 0, MembersMoved: 0, MembersUnchanged: 0, BranchesCreated: 3), summary);

            var overview = await organiser.OverviewAsync();
            Assert.Equal(50, overview.MemberCount);
            addedBranchId = overview.Branch(Rosters.BranchName("KILL", 1)).BranchId;
            await organiser.AddMemberAsync("KILL9001", "欧阳晓明", "13900009001", addedBranchId);
            await organiser.ShowOnScreenAsync(headline, "请各支部按时签到");

            // The responses above are acknowledged: pull the plug now, with nothing flushed or stopped.
            app.Kill();
        }

        await using (var app = await TestApps.StartEmbeddedAsync("durability-after-kill", dataDirectory))
        {
            using var organiser = await app.OrganiserAsync();
            var overview = await organiser.OverviewAsync();
            Assert.Equal(51, overview.MemberCount);
            Assert.Equal(3, overview.Branches.Count);
            Assert.Equal(
                ExpectedCounts(roster, extraInBranch: Rosters.BranchName("KILL", 1)),
                overview.Branches.ToDictionary(b => b.Name, b => b.MemberCount));

            // The branch copies agree with the roster: nothing of the import was left half-applied.
            var total = 0;
            foreach (var branch in overview.Branches)
            {
                var details = await organiser.BranchAsync(branch.BranchId);
                Assert.Equal(branch.MemberCount, details.Members.Count);
                total += details.Members.Count;
                var expected = roster.Where(r => r.Branch == branch.Name).Select(r => r.MemberNo).ToList();
                Assert.Subset(details.Members.Select(m => m.MemberNo).ToHashSet(), expected.ToHashSet());
            }

            Assert.Equal(51, total);
            var added = Assert.Single((await organiser.BranchAsync(addedBranchId)).Members, m => m.MemberNo == "KILL9001");
            Assert.Equal("欧阳晓明", added.Name);
            Assert.Equal("13900009001", added.Phone);
            var someone = roster[17];
            var branchOfSomeone = await organiser.BranchAsync(overview.Branch(someone.Branch).BranchId);
            Assert.Equal(someone.Name, Assert.Single(branchOfSomeone.Members, m => m.MemberNo == someone.MemberNo).Name);

            var screen = await organiser.ScreenAsync();
            Assert.Equal(headline, screen.Headline);
            Assert.Equal("请各支部按时签到", screen.Notice);
        }
    }

    [Fact]
    public async Task Normal_restart_keeps_roster_screen_and_member_codes()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "data");
        var roster = Rosters.Generate("RST", members: 12, branches: 2);
        string code;
        string memberNo;

        await using (var app = await TestApps.StartEmbeddedAsync("restart-before", dataDirectory))
        {
            using var organiser = await app.OrganiserAsync();
            await organiser.ImportOkAsync(Rosters.Xlsx(roster), "roster.xlsx");
            await organiser.ShowOnScreenAsync("重启前的标题");
            var branch = (await organiser.OverviewAsync()).Branch(Rosters.BranchName("RST", 0));
            var card = (await organiser.CodesAsync(branch.BranchId)).Codes[0];
            (code, memberNo) = (card.Code, card.MemberNo);

            await app.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        await using (var app = await TestApps.StartEmbeddedAsync("restart-after", dataDirectory))
        {
            using var organiser = await app.OrganiserAsync();
            var overview = await organiser.OverviewAsync();
            Assert.Equal(12, overview.MemberCount);
            Assert.Equal(ExpectedCounts(roster), overview.Branches.ToDictionary(b => b.Name, b => b.MemberCount));
            Assert.Equal("重启前的标题", (await organiser.ScreenAsync()).Headline);

            // The access key lives in the data directory too: printed code sheets stay valid.
            using var member = new ApiClient(app.Url!);
            await (await member.MemberLoginAsync(code)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(memberNo, (await member.MeAsync()).MemberNo);
        }
    }

    [Fact]
    public async Task First_start_creates_the_missing_data_directory_and_the_SQLite_schema()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "not", "yet", "there");
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "not")));

        await using var app = await TestApps.StartEmbeddedAsync("first-start", dataDirectory);
        var database = Path.Combine(dataDirectory, "engagement.db");
        Assert.True(File.Exists(database), $"{database} was not created");

        using var organiser = await app.OrganiserAsync();
        await organiser.ShowOnScreenAsync("首次启动");

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Subset(tables.Select(t => t.ToLowerInvariant()).ToHashSet(),
            new HashSet<string> { "orleansquery", "orleansstorage", "orleansreminderstable", "engagementschema" });

        // The grain state written through the API is in that file, not somewhere else.
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM OrleansStorage";
            Assert.True((long)(await command.ExecuteScalarAsync())! > 0, "No grain state rows in OrleansStorage after a screen change");
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM EngagementSchema";
            Assert.True((long)(await command.ExecuteScalarAsync())! >= 3, "EngagementSchema does not record the applied scripts");
        }
    }

    private static Dictionary<string, int> ExpectedCounts(IEnumerable<RosterRow> roster, string? extraInBranch = null)
    {
        var counts = roster.GroupBy(r => r.Branch).ToDictionary(g => g.Key, g => g.Count());
        if (extraInBranch is not null)
        {
            counts[extraInBranch]++;
        }

        return counts;
    }
}
