using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting.WindowsServices;

namespace Engagement.Silo.Hosting;

/// <summary>Which service manager started this process, if any.</summary>
public enum ServiceManager
{
    /// <summary>Started by hand (<c>dotnet run</c>, a terminal, a container's entry point).</summary>
    None,

    /// <summary>A systemd unit (Type=notify).</summary>
    Systemd,

    /// <summary>The Windows Service Control Manager.</summary>
    WindowsService,
}

/// <summary>
/// Runs the web host and the silo as an operating-system service: systemd on Linux (readiness and stopping are
/// reported over NOTIFY_SOCKET, so a unit of Type=notify starts its dependants only once the app listens; logs use
/// the journal's format) and a Windows service (the Service Control Manager's start/stop). Outside a service manager
/// both are no-ops, so <c>dotnet run</c>, tests and containers behave as before.
/// </summary>
public static class ServiceHosting
{
    /// <summary>The Windows service name the install steps use (<c>sc.exe create Engagement …</c>).</summary>
    public const string WindowsServiceName = "Engagement";

    /// <summary>Set by systemd for a unit with <c>StateDirectory=</c> (several directories are separated by ':').</summary>
    public const string StateDirectoryVariable = "STATE_DIRECTORY";

    /// <summary>Under %ProgramData% for a Windows service: an install folder under Program Files is not writable, and is replaced on upgrade.</summary>
    public const string WindowsDataFolder = "Engagement";

    public static ServiceManager Manager { get; } =
        SystemdHelpers.IsSystemdService() ? ServiceManager.Systemd
        : WindowsServiceHelpers.IsWindowsService() ? ServiceManager.WindowsService
        : ServiceManager.None;

    /// <summary>
    /// The content root for the host builder: the executable's folder when a service manager started the process
    /// (systemd starts it in '/', the SCM in System32, where appsettings.json and wwwroot are not) or when that folder
    /// is a published web host (it holds wwwroot/), so the published build finds its settings and pages wherever it is
    /// started from. Otherwise null, the framework's default: the working directory, which under <c>dotnet run</c> is
    /// the project folder (the build output has no wwwroot of its own). A content root given explicitly
    /// (<c>--contentRoot</c>, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT) is left to the framework: a value set here
    /// would override it.
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given))
        {
            return null;
        }

        return Manager != ServiceManager.None || Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null;
    }

    /// <summary>Lifetime and logging for systemd and for a Windows service; each does nothing unless that manager started us.</summary>
    public static TBuilder AddEngagementServiceHosting<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = WindowsServiceName);
        return builder;
    }

    /// <summary>
    /// The data directory to use, relative to the content root unless rooted. A configured
    /// <c>Engagement:DataDirectory</c> always wins. Otherwise a service keeps its data outside the install folder,
    /// so that an upgrade can replace the folder whole: systemd's <c>StateDirectory=</c> (e.g. /var/lib/engagement),
    /// or %ProgramData%\Engagement for a Windows service. Started by hand, the default stays <c>data</c> under the
    /// content root, as it was.
    /// </summary>
    public static string DataDirectory(IConfiguration configuration, EngagementOptions options) =>
        DataDirectory(
            configuration[$"{EngagementOptions.Section}:{nameof(EngagementOptions.DataDirectory)}"],
            options.DataDirectory,
            Environment.GetEnvironmentVariable(StateDirectoryVariable),
            Manager,
            Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData));

    /// <summary>The rule of <see cref="DataDirectory(IConfiguration, EngagementOptions)"/>, with every input given (for tests).</summary>
    public static string DataDirectory(string? configured, string fallback, string? stateDirectory, ServiceManager manager, string programData)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        // Only systemd sets it, and only for a unit that asked for one; the first is ours if several are listed.
        var state = stateDirectory?.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!string.IsNullOrEmpty(state))
        {
            return state;
        }

        if (manager == ServiceManager.WindowsService && !string.IsNullOrEmpty(programData))
        {
            return Path.Combine(programData, WindowsDataFolder);
        }

        return fallback;
    }
}
