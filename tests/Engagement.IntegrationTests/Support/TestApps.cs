using System.Diagnostics;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Support;

/// <summary>Starting and stopping the real app the way an operator would.</summary>
public static class TestApps
{
    public const string OrganiserUserName = "admin";
    public const string OrganiserPassword = "correct-horse-battery";

    public static Dictionary<string, string> OrganiserSettings() => new()
    {
        ["Engagement:Organiser:UserName"] = OrganiserUserName,
        ["Engagement:Organiser:Password"] = OrganiserPassword,
    };

    /// <summary>An embedded app (web front + silo + SQLite) on the given data directory, started and ready.</summary>
    public static Task<AppProcess> StartEmbeddedAsync(string name, string dataDirectory)
    {
        var settings = OrganiserSettings();
        settings["Engagement:DataDirectory"] = dataDirectory;
        return AppProcess.StartWebAsync(name, settings);
    }

    public static async Task<ApiClient> OrganiserAsync(this AppProcess app, string? language = null)
    {
        var client = new ApiClient(app.Url!, language);
        await client.LoginOrganiserAsync(OrganiserUserName, OrganiserPassword);
        return client;
    }

    /// <summary>SIGTERM, as systemd or `docker stop` would send, then waits for the process to end.</summary>
    public static async Task StopGracefullyAsync(this AppProcess app, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", app.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        var deadline = DateTime.UtcNow + timeout;
        while (!app.HasExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The app did not stop within {timeout} of SIGTERM:\n{app.Output}");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>A temporary directory removed at the end of the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engagement-it-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file: leave it for the OS to clean up.
        }
    }
}
