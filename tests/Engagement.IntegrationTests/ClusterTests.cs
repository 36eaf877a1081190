using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Cluster;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests;

/// <summary>
/// The cluster, step by step on one <see cref="ClusterApp"/>: steps 1–3 and 7 here; a silo killed while the
/// hall votes (4–6) in Cluster/ClusterTests.SiloKilled.cs; a web host killed under its clients (8, last,
/// as host A stays dead) in Cluster/ClusterTests.WebHostKilled.cs.
/// </summary>
[Collection(Collections.Cluster)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class ClusterTests(ClusterApp cluster, ITestOutputHelper output) : IClassFixture<ClusterApp>
{
    [Fact, Step(1)]
    public async Task Schema_command_is_idempotent_and_both_silos_join()
    {
        output.WriteLine($"Cluster up in {cluster.StartupTime.TotalSeconds:F1} s");
        Assert.Equal([0, 0], cluster.SchemaRuns.Select(r => r.ExitCode));
        // Once more, now with a running cluster on the database.
        var third = await AppProcess.RunSchemaCommandAsync(cluster.ConnectionString);
        Assert.True(third.ExitCode == 0, third.Output);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0).ToLowerInvariant());
            }
        }

        Assert.Subset(tables.ToHashSet(), new HashSet<string>
        {
            "orleansquery", "engagementschema", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
        });
        await using (var command = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3", connection))
        {
            Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!); // 3 = Active
        }
    }

    [Fact, Step(2)]
    public async Task Screen_changed_through_host_A_reaches_live_clients_of_host_B()
    {
        await using var screenOnB = await LiveClient.ConnectAsync(cluster.WebB.Url!);
        await screenOnB.SubscribeAsync("screen:main");

        // Host B's live observer is registered at start and refreshed every 10 s, and the notifier caches
        // the host list for 2 s: keep changing the headline through A until B has pushed one of them.
        var clock = Stopwatch.StartNew();
        var sent = new HashSet<string>();
        var seen = false;
        for (var i = 1; clock.Elapsed < TimeSpan.FromSeconds(30) && !seen; i++)
        {
            var headline = $"集群标题 {i} {Guid.NewGuid().ToString("N")[..4]}";
            sent.Add(headline);
            await cluster.OrganiserA.ShowOnScreenAsync(headline);
            var update = await screenOnB.WaitForAsync(u => sent.Contains(LiveClient.Headline(u)), TimeSpan.FromSeconds(3));
            seen = update.HasValue;
        }

        Assert.True(seen, $"Host B pushed none of {sent.Count} headlines set through host A within 30 s");
        output.WriteLine($"First cross-host push after {clock.Elapsed.TotalSeconds:F1} s ({sent.Count} change(s))");

        // Once both hosts are on the list, every change gets through promptly.
        var final = "集群最终标题 " + Guid.NewGuid().ToString("N")[..6];
        clock.Restart();
        await cluster.OrganiserA.ShowOnScreenAsync(final, "来自 A");
        var pushed = await screenOnB.WaitForAsync(u => LiveClient.Headline(u) == final, TimeSpan.FromSeconds(10));
        Assert.True(pushed.HasValue, $"\"{final}\" set through A did not reach B's live client within 10 s");
        output.WriteLine($"Push A -> B took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(final, (await cluster.OrganiserB.ScreenAsync()).Headline);
    }

    [Fact, Step(3)]
    public async Task Roster_imported_through_host_A_is_read_through_host_B()
    {
        var roster = Rosters.Generate("CLU", members: 40, branches: 3);

        var summary = await cluster.OrganiserA.ImportOkAsync(Rosters.Xlsx(roster), "roster.xlsx");
        Assert.Equal(40, summary.MembersAdded);

        var onB = await cluster.OrganiserB.OverviewAsync();
        Assert.Equal(HallVote.Members + 40, onB.MemberCount); // the hall's roster came first
        Assert.Equal(
            roster.GroupBy(r => r.Branch).ToDictionary(g => g.Key, g => g.Count()),
            onB.Branches.Where(b => b.Name.StartsWith("CLU", StringComparison.Ordinal)).ToDictionary(b => b.Name, b => b.MemberCount));
        var branch = onB.Branch(Rosters.BranchName("CLU", 2));
        var details = await cluster.OrganiserB.BranchAsync(branch.BranchId);
        Assert.Equal(roster.Where(r => r.Branch == branch.Name).Select(r => r.MemberNo).Order(), details.Members.Select(m => m.MemberNo).Order());

        // A member code printed through A signs in through B (the hosts share the access key).
        var code = (await cluster.OrganiserA.CodesAsync(branch.BranchId)).Codes[0];
        using var phone = new ApiClient(cluster.WebB.Url!);
        Assert.Equal(code.MemberNo, (await (await phone.MemberLoginAsync(code.Code)).ReadAsync<MeDto>()).MemberNo);
    }

    [Fact, Step(7)]
    public async Task Live_push_between_hosts_resumes_after_a_silo_is_killed()
    {
        await using var screenOnB = await LiveClient.ConnectAsync(cluster.WebB.Url!);
        await screenOnB.SubscribeAsync("screen:main");
        var clock = Stopwatch.StartNew();
        var sent = new HashSet<string>();
        var seen = false;
        for (var i = 1; clock.Elapsed < TimeSpan.FromSeconds(30) && !seen; i++)
        {
            var headline = $"恢复 {i} {Guid.NewGuid().ToString("N")[..4]}";
            sent.Add(headline);
            var put = await cluster.OrganiserA.Http.PutAsJsonAsync("/api/screens/main", new { headline });
            seen = put.IsSuccessStatusCode && (await screenOnB.WaitForAsync(u => sent.Contains(LiveClient.Headline(u)), TimeSpan.FromSeconds(3))).HasValue;
        }

        output.WriteLine($"Live push resumed after {clock.Elapsed.TotalSeconds:F1} s ({sent.Count} change(s))");
        Assert.True(seen, $"Host B pushed none of {sent.Count} headlines set through host A within 30 s of the failover");
    }
}
