using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// Issue 13's operations attacked on the real app: backups made at once and fetched while others are written, names
/// no backup has, a restore killed half-way, and /metrics behind a trusted proxy
/// with forged forwarding headers.
/// </summary>
[Collection(Collections.Durability)]
public sealed class AttackOperationsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Backups_made_at_once_are_each_whole_and_nothing_half_written_is_ever_listed_or_served()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        await using var app = await TestApps.StartEmbeddedAsync("attack-backups", data);
        using var organiser = await app.OrganiserAsync("en");
        await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("AB", 30, 3)), "roster.xlsx");

        // Four POSTs at once, while another client lists and downloads whatever the list shows.
        var posts = Enumerable.Range(0, 4).Select(_ => organiser.Http.PostAsync("/api/operations/backups", null)).ToList();
        var served = 0;
        using var watcher = new ApiClient(app.Url!);
        await watcher.LoginOrganiserAsync(TestApps.OrganiserUserName, TestApps.OrganiserPassword);
        while (posts.Any(p => !p.IsCompleted))
        {
            var listed = await Selection.Json(await watcher.Http.GetAsync("/api/operations/backups"), HttpStatusCode.OK);
            foreach (var name in listed.EnumerateArray().Select(b => b.GetProperty("name").GetString()!))
            {
                var bytes = await (await watcher.Http.GetAsync($"/api/operations/backups/{name}")).Content.ReadAsByteArrayAsync();
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                Assert.NotNull(zip.GetEntry("manifest.json"));
                served++;
            }
        }

        var names = new List<string>();
        foreach (var post in posts)
        {
            names.Add((await Selection.Json(await post, HttpStatusCode.Created)).GetProperty("name").GetString()!);
        }

        output.WriteLine($"{served} downloads while backups were being written; made: {string.Join(", ", names)}");
        Assert.Equal(4, names.Distinct().Count());
        Assert.Equal(names.Order(), Directory.GetFiles(Path.Combine(data, "backups")).Select(Path.GetFileName).Order());
        var check = await BackupCommand.RunAsync("check", Path.Combine(data, "backups", names[^1]));
        Assert.True(check.ExitCode == 0, check.ToString());

        // Names no backup has: very long, other scripts, look-alike digits, encoded separators. 404 or 400, never a 500.
        foreach (var trick in new[]
                 {
                     new string('a', 5000), "备份-20260101-000000.zip", "engagement-２０２６０１０１-０００００００.zip",
                     names[0] + ".partial", names[0] + "%2F..%2F..%2Faccess.key", "%2e%2e", "engagement-20260101-000000.zip%20",
                 })
        {
            var response = await organiser.Http.GetAsync($"/api/operations/backups/{trick}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{trick[..Math.Min(40, trick.Length)]}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_restore_killed_half_way_leaves_a_directory_the_app_refuses_until_restore_force_finishes_it()
    {
        using var temp = new TempDirectory();
        var live = Path.Combine(temp.Path, "live");
        await using (var app = await TestApps.StartEmbeddedAsync("attack-kill-source", live))
        {
            using var organiser = await app.OrganiserAsync();
            await organiser.ImportOkAsync(Rosters.Xlsx(Rosters.Generate("KR", 6, 2)), "roster.xlsx");
            await app.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        // Many key files: the restore moves them one by one after the database, which leaves time to kill it there.
        Directory.CreateDirectory(Path.Combine(live, "keys"));
        for (var i = 0; i < 4000; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(live, "keys", $"key-{i:D4}.xml"), $"<key n=\"{i}\"/>");
        }

        var file = Path.Combine(temp.Path, "many-keys.zip");
        var made = await BackupCommand.EmbeddedAsync(live, "backup", file);
        Assert.True(made.ExitCode == 0, made.ToString());

        string? target = null;
        for (var attempt = 0; attempt < 5 && target is null; attempt++)
        {
            var candidate = Path.Combine(temp.Path, $"target-{attempt}");
            Directory.CreateDirectory(candidate);
            await File.WriteAllTextAsync(Path.Combine(candidate, "access.key"), "the old key");
            if (KillDuringMoves(file, candidate))
            {
                target = candidate;
            }
        }

        Assert.True(target is not null, "the restore was never caught between its first and last move");
        var moved = KeysIn(target);
        output.WriteLine($"killed with {moved} of 4000 key files moved");
        Assert.InRange(moved, 0, 3999);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApps.StartEmbeddedAsync("attack-kill-refused", target));
        Assert.Contains("did not finish", refused.Message);
        // Without --force the half-restored directory is refused too (it holds data), never merged into.
        var plain = await BackupCommand.EmbeddedAsync(target, "restore", file);
        Assert.True(plain.ExitCode != 0, plain.ToString());

        var finished = await BackupCommand.EmbeddedAsync(target, "restore", file, "--force");
        Assert.True(finished.ExitCode == 0, finished.ToString());
        Assert.Equal(4000, Directory.GetFiles(Path.Combine(target, "keys")).Length);
        Assert.Contains(Directory.GetDirectories(target, "before-restore-*"), d => File.Exists(Path.Combine(d, "access.key")));
        await using (var app = await TestApps.StartEmbeddedAsync("attack-kill-restored", target))
        {
            using var organiser = await app.OrganiserAsync();
            Assert.Equal(2, (await organiser.OverviewAsync()).Branches.Count);
        }
    }

    private static int KeysIn(string target) =>
        Directory.Exists(Path.Combine(target, "keys")) ? Directory.GetFiles(Path.Combine(target, "keys")).Length : 0;

    /// <summary>Runs a restore and SIGKILLs it the moment its database is in place; true if it was still moving files then.</summary>
    private static bool KillDuringMoves(string file, string target)
    {
        var dll = Path.Combine(AppProcess.RepoRoot, "src", "Web", "bin", AppProcess.Configuration, "net10.0", "Engagement.Web.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "restore", file, "--force", "--Engagement:DataDirectory", target, "--contentRoot", Path.Combine(AppProcess.RepoRoot, "src", "Web") })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var database = Path.Combine(target, "engagement.db");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(database) && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.SpinWait(100);
        }

        process.Kill();
        process.WaitForExit();
        return File.Exists(database) && KeysIn(target) < 4000;
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_only_the_address_it_saw_counts_and_a_forged_hop_does_not()
    {
        using var data = new TempDirectory();
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = data.Path;
        // This test's client plays the proxy (loopback); the allowed network is one the test is not on.
        settings["Engagement:TrustedProxies"] = "127.0.0.1, ::1";
        settings["Engagement:Metrics:AllowedNetworks"] = "10.9.9.0/24";
        await using var app = await AppProcess.StartWebAsync("attack-metrics-proxy", settings);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url!) };

        async Task<HttpStatusCode> Scrape(string? forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            if (forwardedFor is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
            }

            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Scrape(null)); // the proxy itself is not in the allowed network
        Assert.Equal(HttpStatusCode.OK, await Scrape("10.9.9.9")); // the trusted proxy says who asked
        // A client that wrote the allowed address itself, passed on by the proxy, which appended the real one.
        Assert.Equal(HttpStatusCode.Forbidden, await Scrape("10.9.9.9, 203.0.113.7"));
        Assert.Equal(HttpStatusCode.Forbidden, await Scrape("203.0.113.7"));
        Assert.Equal(HttpStatusCode.Forbidden, await Scrape("10.9.9.9, 10.9.9.9, 203.0.113.7"));
        Assert.Equal(HttpStatusCode.Forbidden, await Scrape("not-an-address"));
    }
}
