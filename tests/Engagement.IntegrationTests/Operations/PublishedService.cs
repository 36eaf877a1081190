using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The published executable started the way systemd starts a unit of Type=notify: as the child of a process named
/// "systemd" (that is how Microsoft.Extensions.Hosting.Systemd 10 recognises a service: the parent's /proc comm), with
/// NOTIFY_SOCKET naming a Unix datagram socket this class listens on, a clean environment (no dotnet on PATH, no
/// DOTNET_ROOT), the working directory "/", and the settings a unit file gives. The "systemd" here is a copy of bash.
/// </summary>
public sealed partial class PublishedService : IAsyncDisposable
{
    private readonly Process _shell;
    private readonly Socket _notify;
    private readonly StringBuilder _output = new();
    private readonly ConcurrentQueue<(TimeSpan At, string Message)> _notifications = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;

    private PublishedService(Process shell, Socket notify)
    {
        _shell = shell;
        _notify = notify;
        shell.OutputDataReceived += (_, e) => Append(e.Data);
        shell.ErrorDataReceived += (_, e) => Append(e.Data);
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();
        _listening = Task.Run(ListenAsync);
    }

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

    public IReadOnlyList<(TimeSpan At, string Message)> Notifications => _notifications.ToList();

    public static PublishedService Start(string executable, string scratch, IDictionary<string, string> environment)
    {
        // A copy of bash named "systemd": the app's parent process then has the comm name systemd checks for.
        var managerDirectory = Directory.CreateDirectory(Path.Combine(scratch, "manager")).FullName;
        var manager = Path.Combine(managerDirectory, "systemd");
        File.Copy("/bin/bash", manager, overwrite: true);

        var socketPath = Path.Combine(scratch, $"notify-{Guid.NewGuid():N}".Substring(0, 15) + ".sock");
        var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        var info = new ProcessStartInfo(manager)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        // The app runs as a child (not exec'd), so its parent stays "systemd"; its pid and exit code are reported.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("\"$0\" & echo \"app-pid $!\"; wait $!; code=$?; echo \"app-exit $code\"; exit $code");
        info.ArgumentList.Add(executable);

        // Nothing of the test runner's environment: systemd gives a service only what the unit says.
        info.Environment.Clear();
        var emptyBin = Directory.CreateDirectory(Path.Combine(scratch, "empty-bin")).FullName;
        info.Environment["PATH"] = emptyBin;
        info.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["INVOCATION_ID"] = Guid.NewGuid().ToString("N");
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new PublishedService(Process.Start(info)!, notify);
    }

    /// <summary>The app's own process id, as the manager shell reported it.</summary>
    public async Task<int> AppPidAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync(AppPid(), timeout);
        return int.Parse(AppPid().Match(line).Groups[1].Value);
    }

    public async Task<TimeSpan> WaitForNotificationAsync(string message, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            foreach (var (at, text) in _notifications)
            {
                if (text.Split('\n').Contains(message))
                {
                    return at;
                }
            }

            if (_shell.HasExited)
            {
                throw new InvalidOperationException($"The service exited ({_shell.ExitCode}) before it sent {message}:\n{Output}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {message} on NOTIFY_SOCKET within {timeout} (got: {string.Join(" | ", _notifications.Select(n => n.Message))}):\n{Output}");
    }

    /// <summary>SIGTERM to the app, as <c>systemctl stop</c> sends; returns the app's exit code as its parent saw it.</summary>
    public async Task<int> StopAsync(int appPid, TimeSpan timeout)
    {
        if (kill(appPid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({appPid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        await _shell.WaitForExitAsync().WaitAsync(timeout);
        var line = await WaitForLineAsync(AppExit(), TimeSpan.FromSeconds(5));
        return int.Parse(AppExit().Match(line).Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_shell.HasExited)
        {
            _shell.Kill(entireProcessTree: true);
            await _shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        await _stop.CancelAsync();
        _notify.Dispose();
        await _listening.ContinueWith(_ => { }, TaskScheduler.Default);
        await File.WriteAllTextAsync(Path.Combine(AppProcess.ArtifactsDirectory, $"published-service-{_shell.Id}.log"),
            Output + "\n--- notifications\n" + string.Join("\n", _notifications.Select(n => $"{n.At.TotalSeconds:F2} s {n.Message}")));
        _shell.Dispose();
        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _notify.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                _notifications.Enqueue((_clock.Elapsed, Encoding.UTF8.GetString(buffer, 0, received).Trim()));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private async Task<string> WaitForLineAsync(System.Text.RegularExpressions.Regex pattern, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            var line = Output.Split('\n').FirstOrDefault(l => pattern.IsMatch(l));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No line /{pattern}/ within {timeout}:\n{Output}");
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

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [System.Text.RegularExpressions.GeneratedRegex(@"^app-pid (\d+)")]
    private static partial System.Text.RegularExpressions.Regex AppPid();

    [System.Text.RegularExpressions.GeneratedRegex(@"^app-exit (\d+)")]
    private static partial System.Text.RegularExpressions.Regex AppExit();
}
