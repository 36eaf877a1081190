using System.Net;
using System.Text.RegularExpressions;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// Issue 13 § 1, "a fresh Linux box with no SDK can run the published build as a service over HTTPS": the
/// self-contained build started as systemd starts deploy/systemd/engagement.service — no dotnet anywhere on its
/// PATH, working directory "/", data in systemd's StateDirectory, HTTPS from a certificate file with Kestrel's
/// standard keys — reports READY=1 when it serves, serves its pages with content-hashed scripts, keeps its data
/// outside the install folder, and stops cleanly on SIGTERM with STOPPING=1.
/// </summary>
public sealed partial class PublishedBuildTests(PublishedBuild build, ITestOutputHelper output) : IClassFixture<PublishedBuild>
{
    [Fact]
    public async Task Published_build_runs_as_a_systemd_service_over_https_with_its_data_outside_the_install_folder()
    {
        output.WriteLine($"dotnet publish -r {PublishedBuild.Rid} --self-contained: {build.PublishTime.TotalSeconds:F1} s");
        using var certificate = TestCertificate.Create();
        var port = AppProcess.FreePort();
        var state = Directory.CreateDirectory(Path.Combine(build.Root, "var", "lib", "engagement")).FullName;
        var installed = Snapshot(build.InstallDirectory);

        await using var service = PublishedService.Start(build.Executable, build.Root, new Dictionary<string, string>
        {
            // What the unit file and /etc/engagement/engagement.env give it.
            ["STATE_DIRECTORY"] = state,
            ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port}",
            ["Kestrel__Endpoints__Https__Certificate__Path"] = certificate.PfxPath,
            ["Kestrel__Endpoints__Https__Certificate__Password"] = TestCertificate.Password,
            // Embedded silo ports of its own, beside other tests' apps.
            ["Engagement__Silo__SiloPort"] = AppProcess.FreePort().ToString(),
            ["Engagement__Silo__GatewayPort"] = AppProcess.FreePort().ToString(),
        });
        var appPid = await service.AppPidAsync(TimeSpan.FromSeconds(10));

        // Ready means serving: the first request after READY=1 is answered, with no retry.
        var ready = await service.WaitForNotificationAsync("READY=1", TimeSpan.FromSeconds(90));
        output.WriteLine($"READY=1 after {ready.TotalSeconds:F1} s");
        using var https = certificate.Client();
        var origin = $"https://{certificate.HostName}:{port}";
        using (var page = await https.GetAsync(origin + "/member.html"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            var scripts = Script().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(scripts);
            // The published pages name every script by content hash (scripts/publish.sh makes them hard-fingerprinted).
            Assert.All(scripts, s => Assert.Matches(Fingerprinted(), s));
            using var script = await https.GetAsync(origin + "/" + scripts[0]);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.True(script.Headers.CacheControl is { MaxAge.TotalDays: >= 365 }, $"{scripts[0]}: {script.Headers.CacheControl}");
            Assert.Contains("function", await script.Content.ReadAsStringAsync());
        }

        await WaitUntilReadyAsync(https, origin);

        // It is the self-contained runtime from the install folder, not a dotnet found somewhere.
        var runtime = File.ReadLines($"/proc/{appPid}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
            .FirstOrDefault(p => p is not null && p.EndsWith("/libcoreclr.so", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(build.InstallDirectory, "libcoreclr.so"), runtime);

        // The data is where systemd's StateDirectory= put it, said so in the banner, and nothing is written into the install folder.
        Assert.True(File.Exists(Path.Combine(state, "engagement.db")), $"no engagement.db in {state}:\n{service.Output}");
        Assert.True(File.Exists(Path.Combine(state, "access.key")), $"no access.key in {state}");
        Assert.Contains($"data           {state}", service.Output);
        Assert.Contains("Running as a systemd service", service.Output);
        Assert.Equal(installed, Snapshot(build.InstallDirectory));
        Assert.False(Directory.Exists(Path.Combine(build.InstallDirectory, "data")));
        // Logs in systemd's format (<priority>category...), not the plain console's "warn: ".
        Assert.DoesNotMatch(PlainConsoleLog(), service.Output);

        // systemctl stop: SIGTERM, STOPPING=1, a clean exit.
        var exitCode = await service.StopAsync(appPid, TimeSpan.FromSeconds(60));
        var stopping = await service.WaitForNotificationAsync("STOPPING=1", TimeSpan.FromSeconds(5));
        output.WriteLine($"STOPPING=1 at {stopping.TotalSeconds:F1} s; exit code {exitCode}");
        Assert.Equal(0, exitCode);
        Assert.Equal(["READY=1", "STOPPING=1"], service.Notifications.Select(n => n.Message).Where(m => m is "READY=1" or "STOPPING=1"));
    }

    /// <summary>Every file of the install folder with its size and time: an installed folder is only read.</summary>
    private static List<string> Snapshot(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .Select(f => $"{Path.GetRelativePath(directory, f.FullName)} {(f.Exists ? f.Length : -1)} {f.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Readiness also waits for the organiser bootstrap, which starts once the server listens.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient https, string origin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var answer = await https.GetAsync(origin + "/health/ready");
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready still {(int)answer.StatusCode} a minute after READY=1");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex("""<script(?: type="text/x-later")? src="((?:js|lib)/[^"]+)"></script>""")]
    private static partial Regex Script();

    [GeneratedRegex(@"\.[a-z0-9]{10}\.js$")]
    private static partial Regex Fingerprinted();

    [GeneratedRegex(@"(?m)^(info|warn|fail|crit|dbug|trce): ")]
    private static partial Regex PlainConsoleLog();
}
