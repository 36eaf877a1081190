using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Testing;

namespace Engagement.Bench;

/// <summary>
/// <c>ballots --wrk</c>: after the bench's own vote, the same vote cast by an independent client, wrk with
/// bench/wrk/ballot.lua, so that a figure shaped by this generator (its CPU, its thread pool) shows up as
/// a difference between the two. Same server run, same members (a second round), the same phone count
/// subscribed to it, the same first tenth as warm-up, the same number of measured ballots and the same
/// concurrency; then wrk on the bare endpoint for as long as the bench's bare phase. See bench/wrk/README.md.
/// </summary>
public static partial class WrkClient
{
    /// <summary>Stops before the long setup when wrk is missing, with what to do about it.</summary>
    public static void EnsureInstalled()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        if (!path.Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "wrk"))))
        {
            throw new BenchSetupException("--wrk needs wrk on the PATH: sudo apt-get install -y wrk (Debian, Ubuntu), or see https://github.com/wg/wrk.");
        }
    }

    public static async Task<Dictionary<string, object?>> RunAsync(Server server, HttpClient http, Hall first, int phones, Options options, HallVoteResult bench)
    {
        var url = server.Urls[0];
        var hall = await Setup.AnotherRoundAsync(http, first, "FirstBallotFinal");
        // The bench's phones follow its own round; the same number follow this one, so each ballot costs
        // the server the same pushes in both measurements.
        await using var screen = await LiveWatcher.ConnectAsync(url, hall.RoundId);
        await using var fleet = await PhoneFleet.ConnectAsync(server.Urls, hall, phones);
        Console.WriteLine($"wrk: round {hall.RoundId} open, {await fleet.ConnectedAsync()} phones and a screen subscribed to it");

        // The same warm-up as the bench (a new round grain, its first writes), cast by the bench's client.
        var warmUp = hall.Phones.Count / 10;
        var warm = await Load.RunAsync(options.Workers, warmUp, TimeSpan.FromMinutes(5), (_, i) => Load.CastAsync(http, hall, hall.Phones[i], i));

        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engagement-wrk-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            var members = Path.Combine(directory, "members.tsv");
            await File.WriteAllLinesAsync(members, Enumerable.Range(warmUp, hall.Phones.Count - warmUp)
                .Select(i => hall.Phones[i].Cookie + "\t" + JsonSerializer.Serialize(Load.ChoicesFor(hall, i))));

            // wrk runs for whole seconds; the script measures from its first ballot to its last answer, so -d
            // is only an upper bound: twice what the bench took for as many ballots, plus two seconds.
            var measured = hall.Phones.Count - warmUp;
            var seconds = (int)Math.Clamp(Math.Ceiling(2.0 * measured / Math.Max(1, bench.Ballots.PerSecond)) + 2, 3, 300);
            var threads = Math.Min(2, options.Workers);
            var script = Path.Combine(AppProcess.RepoRoot, "bench", "wrk", "ballot.lua");
            string output;
            CpuTrace trace;
            await using (trace = CpuTrace.Start(server))
            {
                // Stopped as soon as every ballot is answered, so that the bare phase follows the vote as closely as the bench's does.
                output = await RunWrkAsync(threads, options.Workers, seconds, url, stopOnceAnswered: true,
                    "-s", script, url, "--", members, hall.RoundId, threads.ToString(CultureInfo.InvariantCulture));
            }

            var ballots = BallotLine.Parse(output);
            var serverCores = trace.CoresBetween(ballots.From, ballots.To);

            var bareSeconds = options.Quick ? 5 : 10;
            // Not measured, like the bench's first bare second; reported because right after a vote it shows the server still busy.
            var bareWarmUp = await RunWrkAsync(threads, options.Workers, 1, url, stopOnceAnswered: false, url + "/favicon.ico");
            var bareCpu = Cpu.Start(server);
            var bareWall = Stopwatch.StartNew();
            var bareOutput = await RunWrkAsync(threads, options.Workers, bareSeconds, url, stopOnceAnswered: false, url + "/favicon.ico");
            var bareCores = bareCpu.Stop(bareWall.Elapsed).Server;
            var bare = RequestsPerSecondIn(bareOutput);

            var counted = await Setup.CloseAndCountAsync(http, hall);
            var acknowledged = warm.Succeeded + ballots.Ok;
            var ratio = ballots.PerSecond / bare;
            var benchRatio = bench.Ballots.PerSecond / bench.Bare.PerSecond;
            Console.WriteLine($"wrk: {acknowledged} ballots acknowledged ({warm.Succeeded} warm-up by the bench's client), round counts {counted.Ballots}; " +
                $"ballots/s {ballots.PerSecond:F0} (bench {bench.Ballots.PerSecond:F0}), bare/s {bare:F0} (bench {bench.Bare.PerSecond:F0}), " +
                $"ratio {ratio:F3} (bench {benchRatio:F3}); server cores: ballots {serverCores:F2}, bare {bareCores:F2}");
            return new Dictionary<string, object?>
            {
                ["wrk_ballots_per_s"] = Stats.Round(ballots.PerSecond),
                ["wrk_bare_requests_per_s"] = Stats.Round(bare),
                ["wrk_ratio_to_bare"] = Stats.Round(ratio, 3),
                ["wrk_non_200"] = ballots.NotOk,
                ["wrk_statuses"] = ballots.Statuses,
                ["wrk_vs_bench"] = Stats.Round(ratio / benchRatio, 3),
                ["wrk_ballots_vs_bench"] = Stats.Round(ballots.PerSecond / bench.Ballots.PerSecond, 3),
                ["wrk_bare_vs_bench"] = Stats.Round(bare / bench.Bare.PerSecond, 3),
                ["wrk_bare_warm_up_requests_per_s"] = Stats.Round(RequestsPerSecondIn(bareWarmUp)),
                ["wrk_measured_ballots"] = ballots.Ok,
                ["wrk_ballots_seconds"] = Stats.Round(ballots.Seconds, 2),
                ["wrk_duration_s"] = seconds,
                ["wrk_members_unused"] = ballots.Unused,
                ["wrk_filler_requests"] = ballots.Filler,
                ["wrk_ack_p50_ms"] = Stats.Round(ballots.P50Ms),
                ["wrk_ack_p99_ms"] = Stats.Round(ballots.P99Ms),
                ["wrk_server_cores_ballots"] = Stats.Round(serverCores, 2),
                ["wrk_server_cores_bare"] = Stats.Round(bareCores, 2),
                ["wrk_acknowledged"] = acknowledged,
                ["wrk_counted"] = counted.Ballots,
                ["wrk_lost"] = Math.Max(0, acknowledged - counted.Ballots),
            };
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Runs wrk with -t/-c/-d and the given arguments, echoes the command and its output, and returns the output.
    /// With <paramref name="stopOnceAnswered"/>, interrupts wrk (SIGINT, as Ctrl-C) once each of its threads has
    /// printed ballot.lua's "all … ballots answered"; wrk then stops and prints its summaries.
    /// </summary>
    private static async Task<string> RunWrkAsync(int threads, int connections, int seconds, string url, bool stopOnceAnswered, params string[] arguments)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--timeout", "30s", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        Console.WriteLine("$ wrk " + string.Join(' ', info.ArgumentList));
        using var wrk = Process.Start(info)!;
        var output = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var answered = 0;
            while (await wrk.StandardOutput.ReadLineAsync() is { } line)
            {
                output.AppendLine(line);
                if (stopOnceAnswered && AllAnswered().IsMatch(line) && ++answered == threads)
                {
                    using var interrupt = Process.Start("kill", ["-INT", wrk.Id.ToString(CultureInfo.InvariantCulture)]);
                    await interrupt.WaitForExitAsync();
                }
            }
        });
        var errors = wrk.StandardError.ReadToEndAsync();
        try
        {
            await wrk.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 60));
        }
        catch (TimeoutException)
        {
            wrk.Kill();
            throw new InvalidOperationException($"wrk against {url} did not end within {seconds + 60} s");
        }

        await reading;
        var text = output + await errors;
        Console.WriteLine(Indent(text));
        // An error in the script ends wrk with "PANIC: unprotected error …" and exit code 1.
        return wrk.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"wrk against {url} failed (exit {wrk.ExitCode}):\n{text}");
    }

    private static string Indent(string text) =>
        string.Join('\n', text.TrimEnd().Split('\n').Select(line => "    " + line));

    /// <summary>wrk's own "Requests/sec:" line: every answered request ÷ the whole run.</summary>
    private static double RequestsPerSecondIn(string output) =>
        RequestsPerSecond().Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("wrk printed no 'Requests/sec:' line:\n" + output);

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    /// <summary>The summary ballot.lua prints in done(): "ballots ok=… not_ok=… seconds=… per_s=…", then a line per status.</summary>
    /// <param name="From">The first ballot sent, in seconds of the machine's monotonic clock (as <see cref="Stopwatch"/>).</param>
    /// <param name="To">The last ballot answered, on the same clock.</param>
    private sealed record BallotLine(int Ok, int NotOk, double Seconds, double From, double To, int Unused, int Filler, double P50Ms, double P99Ms, string Statuses)
    {
        public double PerSecond => Seconds > 0 ? Ok / Seconds : double.NaN;

        public static BallotLine Parse(string output)
        {
            var summary = output.Split('\n').FirstOrDefault(line => line.StartsWith("ballots ok=", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("wrk printed no 'ballots ok=' line: did ballot.lua's done() run?\n" + output);
            var fields = summary["ballots ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
            var statuses = new StringBuilder();
            foreach (Match status in StatusLine().Matches(output))
            {
                statuses.Append(statuses.Length == 0 ? "" : " ").Append(status.Groups[1].Value).Append(':').Append(status.Groups[2].Value);
            }

            return new BallotLine((int)fields["ok"], (int)fields["not_ok"], fields["seconds"], fields["from"], fields["to"], (int)fields["unused"], (int)fields["filler"],
                fields["p50_ms"], fields["p99_ms"], statuses.ToString());
        }
    }

    [GeneratedRegex(@"^ballots status=(\d+) count=(\d+)", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^thread \d+: all \d+ ballots answered")]
    private static partial Regex AllAnswered();

    /// <summary>
    /// The server's CPU time sampled every 100 ms while wrk runs, so that its busy cores can be read over
    /// the window the script measured (known only once wrk has finished). Times are <see cref="Stopwatch"/>
    /// seconds: on Linux the monotonic clock the script reads too. /proc counts CPU in 10 ms ticks.
    /// </summary>
    private sealed class CpuTrace : IAsyncDisposable
    {
        private readonly List<(double At, double CpuSeconds)> _samples = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Server _server;
        private readonly Task _sampling;

        private CpuTrace(Server server)
        {
            _server = server;
            Sample();
            _sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    Sample();
                }
            });
        }

        /// <summary>The last sample, taken when the trace was disposed.</summary>
        public double End => _samples[^1].At;

        public static CpuTrace Start(Server server) => new(server);

        /// <summary>Cores busy between two moments inside the trace (linear between samples); NaN outside it.</summary>
        public double CoresBetween(double from, double to) =>
            to > from && from >= _samples[0].At && to <= End ? (CpuAt(to) - CpuAt(from)) / (to - from) : double.NaN;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _sampling;
            }
            catch (OperationCanceledException)
            {
                // How the sampling ends.
            }

            _stop.Dispose();
            Sample();
        }

        private void Sample()
        {
            var sample = (Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency, _server.CpuTime().TotalSeconds);
            lock (_samples)
            {
                _samples.Add(sample);
            }
        }

        private double CpuAt(double at)
        {
            var after = _samples.FindIndex(s => s.At >= at);
            if (after <= 0)
            {
                return _samples[Math.Max(after, 0)].CpuSeconds;
            }

            var (a, b) = (_samples[after - 1], _samples[after]);
            return a.CpuSeconds + (b.CpuSeconds - a.CpuSeconds) * (at - a.At) / (b.At - a.At);
        }
    }
}
