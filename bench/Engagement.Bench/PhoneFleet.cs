using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Engagement.Bench;

/// <summary>
/// Many phones holding a live connection each, subscribed to the round like the member page, spread
/// over the web hosts the way the phones signed in (phone i on host i mod n).
/// <para>
/// The phones live in a child process of the generator (<see cref="PhonesProcess"/>), asked questions
/// over its standard input and output. In one process, thousands of connections receiving pushes fill
/// the thread pool's queue, and ballot answers would wait behind them: the ballot latencies would then
/// measure the generator's queue, not the server. In their own process the phones still use the same
/// cores, but the operating system shares them out. <see cref="Stopwatch"/> timestamps are the
/// machine's monotonic clock, so the child's arrival times compare with the parent's acknowledgements.
/// </para>
/// </summary>
public sealed class PhoneFleet : IAsyncDisposable
{
    private readonly Process _child;
    private readonly SemaphoreSlim _ask = new(1, 1);

    private PhoneFleet(Process child) => _child = child;

    /// <summary>Connects <paramref name="count"/> phones of the hall (reusing cookies if there are more phones than members).</summary>
    public static async Task<PhoneFleet> ConnectAsync(IReadOnlyList<string> urls, Hall hall, int count)
    {
        PhonesProcess.EnsureFileDescriptors(count);
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        info.ArgumentList.Add(PhonesProcess.Command);
        var fleet = new PhoneFleet(Process.Start(info)!);
        try
        {
            var phones = Enumerable.Range(0, count).Select(i => hall.Phones[i % hall.Phones.Count]).ToList();
            var start = new PhonesStart(urls, hall.RoundId, phones.Select(p => p.Cookie).ToList(), phones.Select(p => p.Host).ToList());
            var connected = await fleet.AskAsync(JsonSerializer.Serialize(start), TimeSpan.FromMinutes(5));
            if (connected != count.ToString())
            {
                throw new InvalidOperationException($"the phones process connected {connected} of {count} phones");
            }
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }

        return fleet;
    }

    /// <summary>CPU time the phones' process has used so far.</summary>
    public TimeSpan CpuTime() => ProcessReadings.CpuTime(_child.Id);

    public async Task<int> ConnectedAsync() => int.Parse(await AskAsync("connected"));

    /// <summary>Why connections ended, if any did: the commonest reasons with their counts, or empty.</summary>
    public Task<string> ClosedReasonsAsync() => AskAsync("closed");

    /// <summary>
    /// How many phones got at least one update after <paramref name="since"/>, and how many of them
    /// ended up showing exactly <paramref name="final"/> ballots.
    /// </summary>
    public async Task<(int Updated, int ShowingFinal)> ReceivedAsync(long since, int final)
    {
        var answer = (await AskAsync($"received {since} {final}")).Split(' ');
        return (int.Parse(answer[0]), int.Parse(answer[1]));
    }

    /// <summary>Waits (up to the timeout) until every phone shows at least this many ballots.</summary>
    public async Task<bool> WaitForAsync(int ballots, TimeSpan timeout) =>
        await AskAsync($"wait {ballots} {(long)timeout.TotalMilliseconds}", timeout + TimeSpan.FromSeconds(30)) == "true";

    /// <summary>Vote-to-phone latencies over all phones (see <see cref="LiveWatcher.LatenciesFrom"/>) and updates per phone since a moment.</summary>
    public async Task<PhoneLatencies> LatenciesAsync(long[] acknowledgedAt, int first, int step, long since)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, string.Join('\n', acknowledgedAt));
            return JsonSerializer.Deserialize<PhoneLatencies>(await AskAsync($"latencies {file} {first} {step} {since}", TimeSpan.FromMinutes(2)))!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_child.HasExited)
            {
                await _child.StandardInput.WriteLineAsync("quit");
                await _child.StandardInput.FlushAsync();
                await _child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            // Killed below.
        }
        finally
        {
            if (!_child.HasExited)
            {
                _child.Kill();
            }

            _child.Dispose();
        }
    }

    private async Task<string> AskAsync(string line, TimeSpan? timeout = null)
    {
        await _ask.WaitAsync();
        try
        {
            await _child.StandardInput.WriteLineAsync(line);
            await _child.StandardInput.FlushAsync();
            return await _child.StandardOutput.ReadLineAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(30))
                   ?? throw new InvalidOperationException($"the phones process exited ({(_child.HasExited ? _child.ExitCode : -1)}); see its messages above");
        }
        finally
        {
            _ask.Release();
        }
    }
}

/// <summary>What the phones process needs to connect: the hosts, the round, and each phone's cookie and host.</summary>
public sealed record PhonesStart(IReadOnlyList<string> Urls, string RoundId, IReadOnlyList<string> Cookies, IReadOnlyList<int> Hosts);

/// <summary>Vote-to-phone latency percentiles over every (phone, sampled ballot) pair, and updates per phone.</summary>
public sealed record PhoneLatencies(double? P50Ms, double? P99Ms, int Samples, int Unseen, double? UpdatesPerPhoneP50, double? UpdatesPerPhoneMin);
