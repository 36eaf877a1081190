using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Engagement.Bench;

/// <summary>
/// The real Engagement server in embedded mode (web front + silo + SQLite in one process), started from
/// src/Web/bin/Release with `dotnet`, on 127.0.0.1 free ports and a throwaway data directory.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string OrganiserUserName = "admin";
    public const string OrganiserPassword = "bench-organiser-password";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _lastLines = new();

    private ServerProcess(Process process, string url, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Url = url;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public int Id => _process.Id;

    public static async Task<ServerProcess> StartAsync(string repoRoot)
    {
        var dll = Path.Combine(repoRoot, "src", "Web", "bin", "Release", "net10.0", "Engagement.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the server first: flock /tmp/engagement-build.lock dotnet build -c Release src/Web ({dll} is missing).");
        }

        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engagement-bench-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        var settings = new Dictionary<string, string>
        {
            ["urls"] = url,
            ["contentRoot"] = Path.Combine(repoRoot, "src", "Web"),
            ["Engagement:DataDirectory"] = dataDirectory,
            ["Engagement:Silo:SiloPort"] = FreePort().ToString(),
            ["Engagement:Silo:GatewayPort"] = FreePort().ToString(),
            ["Engagement:Organiser:UserName"] = OrganiserUserName,
            ["Engagement:Organiser:Password"] = OrganiserPassword,
        };
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}");
            info.ArgumentList.Add(value);
        }

        // Production environment and quiet logs: we measure the server, not its console.
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var server = new ServerProcess(Process.Start(info)!, url, dataDirectory);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
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

    public string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{LastOutput()}");
            }

            try
            {
                if ((await http.GetAsync($"{Url}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server was not ready within {timeout}:\n{LastOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 200)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
