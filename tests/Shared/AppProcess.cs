using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Testing;

/// <summary>
/// A real Engagement process (web host or cluster silo) started from the built output, bound to
/// 127.0.0.1 on free ports. <see cref="Kill"/> is SIGKILL: no shutdown code runs, as in a crash.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _name;

    private AppProcess(string name, Process process, string? url)
    {
        _name = name;
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Base address of a web host (null for a silo).</summary>
    public string? Url { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Release or Debug: whichever this test assembly was built as, so the app matches it.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("ENGAGEMENT_TEST_ARTIFACTS") ?? Path.Combine(RepoRoot, "TestResults", "artifacts")).FullName;

    /// <summary>Starts the web front (embedded silo unless the settings say Cluster) and waits until it is ready.</summary>
    /// <param name="environment">Environment variables over the defaults (Development, informative logs).</param>
    /// <param name="asOperator">Started as an operator would: Production, the logging of appsettings.json.</param>
    public static async Task<AppProcess> StartWebAsync(
        string name, IDictionary<string, string> settings, TimeSpan? timeout = null, IDictionary<string, string>? environment = null,
        bool asOperator = false)
    {
        // A caller may bind more addresses (e.g. HTTPS as well); the harness talks to the first one.
        var url = settings.TryGetValue("urls", out var urls) ? urls.Split(';')[0] : $"http://127.0.0.1:{FreePort()}";
        var all = new Dictionary<string, string>(settings)
        {
            ["urls"] = urls ?? url,
            ["contentRoot"] = Path.Combine(RepoRoot, "src", "Web"),
        };
        if (!all.ContainsKey("Engagement:Mode") || all["Engagement:Mode"] != "Cluster")
        {
            all.TryAdd("Engagement:Silo:SiloPort", FreePort().ToString());
            all.TryAdd("Engagement:Silo:GatewayPort", FreePort().ToString());
        }

        var app = Launch(name, Dll("Web", "Engagement.Web.dll"), all, url, environment, asOperator);
        try
        {
            await app.WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            // Never leave a half-started process behind; keep its log as an artefact.
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Starts a cluster silo; it is ready once it has joined (watch <see cref="WaitForOutputAsync"/>).</summary>
    public static AppProcess StartSilo(string name, IDictionary<string, string> settings) =>
        Launch(name, Dll("Silo", "Engagement.Silo.dll"), settings, url: null);

    /// <summary>Runs the silo's "schema" command to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunSchemaCommandAsync(string connectionString)
    {
        var info = StartInfo(Dll("Silo", "Engagement.Silo.dll"), new Dictionary<string, string> { ["ConnectionStrings:Engagement"] = connectionString });
        info.ArgumentList.Insert(1, "schema");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with {_process.ExitCode} before it was ready:\n{Output}");
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

        throw new TimeoutException($"{_name} was not ready within {timeout}:\n{Output}");
    }

    public async Task WaitForOutputAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var deadline = DateTime.UtcNow + timeout;
        while (!regex.IsMatch(Output))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with {_process.ExitCode}:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_name} did not print /{pattern}/ within {timeout}:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL, as a power cut or OOM killer would: nothing is flushed or shut down cleanly.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await File.WriteAllTextAsync(Path.Combine(ArtifactsDirectory, $"{_name}-{_process.Id}.log"), Output);
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static AppProcess Launch(string name, string dll, IDictionary<string, string> settings, string? url,
        IDictionary<string, string>? environment = null, bool asOperator = false) =>
        new(name, Process.Start(StartInfo(dll, settings, environment, asOperator))!, url);

    private static ProcessStartInfo StartInfo(string dll, IDictionary<string, string> settings, IDictionary<string, string>? environment = null,
        bool asOperator = false)
    {
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

        if (asOperator)
        {
            // Whatever the test runner's own environment says: the app's defaults are what is tested.
            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.Ordinal)
                         || k is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT").ToList())
            {
                info.Environment.Remove(key);
            }
        }
        else
        {
            info.Environment["DOTNET_ENVIRONMENT"] = "Development";
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["Logging__LogLevel__Default"] = "Information";
            info.Environment["Logging__LogLevel__Orleans"] = "Warning";
            info.Environment["Logging__LogLevel__Microsoft"] = "Warning";
            info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static string Dll(string project, string file)
    {
        var path = Path.Combine(RepoRoot, "src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/{project} ({Configuration}) first: {path} is missing.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Engagement.sln not found above " + AppContext.BaseDirectory);
    }
}
