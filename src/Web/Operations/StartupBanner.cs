using Engagement.Silo.Hosting;

namespace Engagement.Web.Operations;

/// <summary>
/// The few lines a newcomer needs after `dotnet run`: where the app listens, the one-time setup link
/// while there is no organiser, and where the data is. Printed once the server listens and the organiser
/// bootstrap is done, so it comes last; framework logs are quiet by default (appsettings.json) so it is
/// not buried. With JSON logs it is one log entry instead, so the log stream stays parseable.
/// </summary>
public sealed class StartupBanner(EngagementOptions options, string dataDirectory, IConfiguration configuration, ILogger<StartupBanner> logger)
{
    public const string Title = "Engagement 党建活动互动平台 is running";
    private const string Rule = "------------------------------------------------------------------------";

    public IReadOnlyList<string> Lines(IReadOnlyList<string> addresses, string? setupLink)
    {
        // When the app serves HTTPS itself, plain HTTP only redirects: give people the HTTPS address.
        var home = (Https.ServesHttps(configuration) ? addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) : null)
                   ?? (addresses.Count > 0 ? addresses[0] : "http://localhost:5000");
        var lines = new List<string> { Rule, Title };
        lines.AddRange(addresses.Select(a => "  listening on   " + a));
        lines.Add($"  members        {home}/member.html");
        lines.Add($"  big screen     {home}/screen.html");
        lines.Add($"  console        {home}/console.html");
        lines.Add(options.Mode == HostingMode.Cluster
            ? "  data           the cluster's PostgreSQL database"
            : "  data           " + dataDirectory);
        if (string.IsNullOrWhiteSpace(configuration[Engagement.Web.Access.KeyProtection.CertificatePathKey])
            && !configuration.GetValue(Engagement.Web.Access.KeyProtection.DpapiKey, false))
        {
            lines.Add("  keys           NOT encrypted at rest: see docs/operations/keys.md");
        }

        if (setupLink is not null)
        {
            lines.Add("No organiser yet. Open this one-time link to create the first organiser account:");
            lines.Add("  " + setupLink);
        }

        // A service has no terminal to press Ctrl+C in: say how its manager stops it.
        lines.Add(ServiceHosting.Manager switch
        {
            ServiceManager.Systemd => "Running as a systemd service: stop it with systemctl stop, read its log with journalctl -u.",
            ServiceManager.WindowsService => $"Running as the Windows service {ServiceHosting.WindowsServiceName}: stop it with sc.exe stop {ServiceHosting.WindowsServiceName}.",
            _ => "Press Ctrl+C to stop.",
        });
        lines.Add(Rule);
        return lines;
    }

    public void Print(IReadOnlyList<string> addresses, string? setupLink)
    {
        var lines = Lines(addresses, setupLink);
        // A Windows service has no console: there the banner goes to the event log (appsettings.json lets this
        // category through the event log's default Warning filter).
        if (string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            || ServiceHosting.Manager == ServiceManager.WindowsService)
        {
            logger.LogInformation("{Banner}", string.Join('\n', lines.Where(l => l != Rule)));
            return;
        }

        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }

    /// <summary>Wildcard bindings (0.0.0.0, [::], +) are shown as localhost, an address a browser can open.</summary>
    public static string Openable(string address) =>
        address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost");
}
