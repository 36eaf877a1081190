using Engagement.Testing;

namespace Engagement.Bench;

/// <summary>
/// The real Engagement server in embedded mode (web front + silo + SQLite in one process), started from
/// src/Web/bin/Release by the same harness the integration tests use (tests/Shared/AppProcess.cs), on
/// 127.0.0.1 free ports with a throwaway data directory and quiet production logging, plus the two
/// readings the benchmark needs: peak resident memory and CPU time.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string OrganiserUserName = "admin";
    public const string OrganiserPassword = "bench-organiser-password";

    private readonly AppProcess _app;
    private readonly string _dataDirectory;

    private ServerProcess(AppProcess app, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
    }

    public string Url => _app.Url!;

    public int Id => _app.Id;

    public static async Task<ServerProcess> StartAsync()
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engagement-bench-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var settings = new Dictionary<string, string>
        {
            ["Engagement:DataDirectory"] = dataDirectory,
            ["Engagement:Organiser:UserName"] = OrganiserUserName,
            ["Engagement:Organiser:Password"] = OrganiserPassword,
        };

        // Production environment and quiet logs: we measure the server, not its console.
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Microsoft"] = "Warning",
        };
        var app = await AppProcess.StartWebAsync("bench-server", settings, TimeSpan.FromSeconds(60), environment);
        return new ServerProcess(app, dataDirectory);
    }

    /// <summary>Peak resident memory so far (VmHWM), in MiB.</summary>
    public double PeakResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>CPU time the server has used so far (user + system, from /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime()
    {
        // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}
