using System.Diagnostics;
using System.Text.RegularExpressions;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The install files in deploy/ describe the program that is built: the systemd units start the executables the
/// publish makes, leave the data directory to StateDirectory=, and every setting they, the compose file and the
/// Windows script give is a key the app reads (a misspelt key is silently ignored by the app, so only this finds it).
/// </summary>
public sealed partial class PublishedUnitFileTests(ITestOutputHelper output)
{
    private static readonly string Deploy = Path.Combine(AppProcess.RepoRoot, "deploy");

    public static TheoryData<string, string> Units() => new()
    {
        { "engagement.service", "Web" },
        { "engagement-silo.service", "Silo" },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void A_unit_starts_the_published_executable_and_waits_for_its_readiness(string unit, string project)
    {
        var lines = Directives(unit);
        var execStart = Assert.Single(lines, l => l.Key == "ExecStart").Value;
        var executable = execStart.Split(' ')[0];
        // The apphost the build and the publish make, under the name the unit runs.
        var built = Path.Combine(AppProcess.RepoRoot, "src", project, "bin", AppProcess.Configuration, "net10.0", Path.GetFileName(executable));
        Assert.True(File.Exists(built), $"{unit} runs {executable}, but the {project} build makes no {Path.GetFileName(executable)} ({built})");
        Assert.Equal($"/opt/engagement/{project.ToLowerInvariant()}/", executable[..(executable.LastIndexOf('/') + 1)]);
        Assert.Equal("notify", Assert.Single(lines, l => l.Key == "Type").Value);
        Assert.Contains(lines, l => l.Key == "Restart" && l.Value == "on-failure");
        Assert.Contains(lines, l => l.Key == "User" && l.Value == "engagement");
    }

    [Fact]
    public void The_web_unit_keeps_its_data_in_the_state_directory()
    {
        var lines = Directives("engagement.service");
        Assert.Equal("engagement", Assert.Single(lines, l => l.Key == "StateDirectory").Value);
        // A data directory set in the unit would win over StateDirectory= (ServiceHosting.DataDirectory).
        Assert.DoesNotContain(lines, l => l.Key == "Environment" && l.Value.StartsWith("Engagement__DataDirectory=", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_in_the_install_files_is_a_key_the_app_reads()
    {
        var readme = File.ReadAllText(Path.Combine(AppProcess.RepoRoot, "README.md"));
        var reference = readme[readme.IndexOf("## Configuration reference", StringComparison.Ordinal)..];
        reference = reference[..reference.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = BacktickedKey().Matches(reference).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var files = new[]
        {
            Path.Combine(Deploy, "systemd", "engagement.service"),
            Path.Combine(Deploy, "systemd", "engagement-silo.service"),
            Path.Combine(Deploy, "docker", "compose.yaml"),
            Path.Combine(Deploy, "docker", "Dockerfile"),
            Path.Combine(Deploy, "windows", "install-service.ps1"),
        };
        var keys = files.SelectMany(f => SettingKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value.Replace("__", ":")))).ToList();
        Assert.Contains(keys, k => k.Key == "Engagement:Mode");
        Assert.Contains(keys, k => k.Key == "Kestrel:Endpoints:Https:Certificate:Path");

        var unknown = keys.Where(k => !documented.Contains(k.Key) && !KestrelEndpointKey().IsMatch(k.Key)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "keys the app does not read (not in README § Configuration reference, nor Kestrel's endpoint keys): "
                                         + string.Join(", ", unknown.Select(u => $"{u.Key} in {u.File}")));
    }

    [Fact]
    public async Task Systemd_accepts_the_units()
    {
        const string analyze = "/usr/bin/systemd-analyze";
        if (!File.Exists(analyze))
        {
            output.WriteLine($"{analyze} is not installed: the units' syntax was not checked");
            return;
        }

        // The units name /opt/engagement/…; verify wants the executables to exist, so point them at the build.
        var directory = Directory.CreateTempSubdirectory("engagement-units-");
        try
        {
            var paths = new List<string>();
            foreach (var (unit, project) in new[] { ("engagement.service", "Web"), ("engagement-silo.service", "Silo") })
            {
                var built = Path.Combine(AppProcess.RepoRoot, "src", project, "bin", AppProcess.Configuration, "net10.0");
                var text = File.ReadAllText(Path.Combine(Deploy, "systemd", unit)).Replace($"/opt/engagement/{project.ToLowerInvariant()}", built);
                var path = Path.Combine(directory.FullName, unit);
                await File.WriteAllTextAsync(path, text);
                paths.Add(path);
            }

            var info = new ProcessStartInfo(analyze) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("verify");
            paths.ForEach(info.ArgumentList.Add);
            using var process = Process.Start(info)!;
            var said = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            // verify exits 0 even for an unknown directive or a bad value; it only says so.
            Assert.True(process.ExitCode == 0 && said.Trim().Length == 0, $"systemd-analyze verify ({process.ExitCode}):\n{said}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The unit's "Key=Value" lines, commented-out ones included (they are settings to uncomment).</summary>
    private static List<KeyValuePair<string, string>> Directives(string unit) =>
        File.ReadLines(Path.Combine(Deploy, "systemd", unit))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[') && l.Contains('='))
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..]))
            .ToList();

    /// <summary>An app setting as an environment variable: Engagement__X, ConnectionStrings__X or Kestrel__X (also commented out).</summary>
    [GeneratedRegex(@"\b((?:Engagement|ConnectionStrings|Kestrel|Logging)__[A-Za-z0-9_]+?)(?==|:\s)")]
    private static partial Regex SettingKey();

    [GeneratedRegex(@"`((?:Engagement|ConnectionStrings|Logging):[A-Za-z0-9:]+)`")]
    private static partial Regex BacktickedKey();

    [GeneratedRegex(@"^Kestrel:Endpoints:(Http|Https):(Url|Certificate:(Path|KeyPath|Password))$")]
    private static partial Regex KestrelEndpointKey();
}
