using System.Diagnostics;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The web host published as an IT person would install it (scripts/publish.sh, docs/operations/install.md): a
/// self-contained linux-x64 folder, made once per test class in a temporary directory. Publishing needs the runtime
/// packs from NuGet (restored like any package) and takes tens of seconds; <see cref="PublishTime"/> says how long.
/// </summary>
public sealed class PublishedBuild : IAsyncLifetime
{
    public const string Rid = "linux-x64";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("engagement-published-");

    /// <summary>A folder of its own, as /opt/engagement/web would be.</summary>
    public string InstallDirectory => Path.Combine(_root.FullName, "opt", "engagement", "web");

    /// <summary>Scratch space beside (not inside) the install folder: state directory, sockets, the fake systemd.</summary>
    public string Root => _root.FullName;

    public string Executable => Path.Combine(InstallDirectory, "Engagement.Web");

    public TimeSpan PublishTime { get; private set; }

    public string PublishOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The published-build test publishes and runs linux-x64.");
        }

        var clock = Stopwatch.StartNew();
        // The same command as scripts/publish.sh, less the symbols nobody reads here. No build servers are left behind.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppProcess.RepoRoot,
        };
        foreach (var argument in new[]
                 {
                     "publish", Path.Combine(AppProcess.RepoRoot, "src", "Web", "Engagement.Web.csproj"),
                     "-c", AppProcess.Configuration, "-r", Rid, "--self-contained", "true", "-o", InstallDirectory,
                     "-nologo", "-v", "quiet", "--disable-build-servers", "-p:DebugType=None", "-p:DebugSymbols=false",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        // A test host may carry MSBuild's own variables from the build that started it; a nested build must not inherit them.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        PublishOutput = await stdout + await stderr;
        PublishTime = clock.Elapsed;
        if (process.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"dotnet publish -r {Rid} failed ({process.ExitCode}) after {PublishTime.TotalSeconds:F0} s:\n{PublishOutput}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the machine cleans its temporary folder.
        }

        return Task.CompletedTask;
    }
}
