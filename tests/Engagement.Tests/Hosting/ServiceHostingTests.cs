using Engagement.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Engagement.Tests.Hosting;

/// <summary>
/// Where a service keeps its data when nobody said: outside the install folder (systemd's StateDirectory=, or
/// %ProgramData%\Engagement for a Windows service), so an upgrade can replace the folder; a configured directory always
/// wins; started by hand, "data" under the content root as before. (The systemd case also runs for real in
/// PublishedBuildTests; the Windows case can only be checked here.)
/// </summary>
public sealed class ServiceHostingTests
{
    private const string ProgramData = @"C:\ProgramData";

    public static TheoryData<string?, string?, ServiceManager, string> Cases() => new()
    {
        // configured, STATE_DIRECTORY, manager → data directory
        { null, null, ServiceManager.None, "data" },
        { "", "   ", ServiceManager.None, "data" },
        { null, "/var/lib/engagement", ServiceManager.Systemd, "/var/lib/engagement" },
        // systemd lists several state directories with ':'; the unit names ours first.
        { null, "/var/lib/engagement:/var/lib/other", ServiceManager.Systemd, "/var/lib/engagement" },
        // A StateDirectory= given to a process started some other way (systemd-run, a container's unit) still counts.
        { null, "/var/lib/engagement", ServiceManager.None, "/var/lib/engagement" },
        { "/srv/engagement", "/var/lib/engagement", ServiceManager.Systemd, "/srv/engagement" },
        { "relative", "/var/lib/engagement", ServiceManager.Systemd, "relative" },
        { null, null, ServiceManager.Systemd, "data" },
        { null, null, ServiceManager.WindowsService, Path.Combine(ProgramData, "Engagement") },
        { @"D:\Engagement", null, ServiceManager.WindowsService, @"D:\Engagement" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_lives_outside_the_install_folder_when_a_service_manager_started_it(
        string? configured, string? stateDirectory, ServiceManager manager, string expected) =>
        Assert.Equal(expected, ServiceHosting.DataDirectory(configured, "data", stateDirectory, manager, ProgramData));

    [Fact]
    public void Only_a_configured_data_directory_counts_as_configured()
    {
        // appsettings.json must not name the data directory, or no service would ever use its state directory.
        var appsettings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepoRoot(), "src", "Web", "appsettings.json"))
            .Build();
        Assert.Null(appsettings["Engagement:DataDirectory"]);

        var options = EngagementSilo.ReadOptions(appsettings);
        Assert.Equal("data", options.DataDirectory);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Engagement.sln not found");
    }
}
