using System.Diagnostics;
using System.Text.Json;

namespace Engagement.Bench;

/// <summary>
/// The child process that holds the phones' connections (see <see cref="PhoneFleet"/>). It reads one
/// line per question from standard input and answers with one line on standard output.
/// </summary>
public static class PhonesProcess
{
    public const string Command = "phones-process";

    public static async Task<int> RunAsync()
    {
        using var input = new StreamReader(Console.OpenStandardInput());
        var start = JsonSerializer.Deserialize<PhonesStart>(await input.ReadLineAsync() ?? "null")!;
        var phones = new LiveWatcher[start.Cookies.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, phones.Length), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            phones[i] = await LiveWatcher.ConnectAsync(start.Urls[start.Hosts[i]], start.RoundId, start.Cookies[i]));
        Console.WriteLine(phones.Length);

        while (await input.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "connected":
                    Console.WriteLine(phones.Count(p => p.Connected));
                    break;
                case "closed":
                    // The commonest reasons connections ended, most frequent first, on one line.
                    Console.WriteLine(string.Join(" | ", phones.Where(p => p.ClosedBecause is not null).GroupBy(p => p.ClosedBecause!)
                        .OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()} × {g.Key.ReplaceLineEndings(" ")}")));
                    break;
                case "received":
                    var (since, final) = (long.Parse(words[1]), int.Parse(words[2]));
                    var updated = phones.Where(p => p.UpdatesAfter(since) > 0).ToList();
                    Console.WriteLine($"{updated.Count} {updated.Count(p => p.Latest == final)}");
                    break;
                case "wait":
                    Console.WriteLine(await WaitForAsync(phones, int.Parse(words[1]), TimeSpan.FromMilliseconds(long.Parse(words[2]))) ? "true" : "false");
                    break;
                case "latencies":
                    Console.WriteLine(JsonSerializer.Serialize(await Task.Run(() => Latencies(phones, words))));
                    break;
                case "quit":
                    await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
                    return 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// Each connection is a socket in this process (and one in the server's): stop early with a clear
    /// message rather than fail half-way with "too many open files".
    /// </summary>
    public static void EnsureFileDescriptors(int connections)
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        if (soft is not null && soft != "unlimited" && long.Parse(soft) < connections + 1_000)
        {
            throw new BenchSetupException($"{connections} connections need more open files than this shell allows ({soft}): " +
                $"run `ulimit -n {connections + 2_000}` (or higher) first, in the same shell.");
        }
    }

    private static async Task<bool> WaitForAsync(LiveWatcher[] phones, int ballots, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (phones.Any(p => p.Latest < ballots))
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static PhoneLatencies Latencies(LiveWatcher[] phones, string[] words)
    {
        var acknowledgedAt = File.ReadAllLines(words[1]).Where(l => l.Length > 0).Select(long.Parse).ToArray();
        var (first, step, since) = (int.Parse(words[2]), int.Parse(words[3]), long.Parse(words[4]));
        var all = new List<double>();
        var unseen = 0;
        foreach (var phone in phones)
        {
            var (latencies, missed, _) = phone.LatenciesFrom(acknowledgedAt, first, step);
            all.AddRange(latencies);
            unseen += missed;
        }

        var samples = all.ToArray();
        var updates = phones.Select(p => (double)p.UpdatesAfter(since)).ToArray();
        return new PhoneLatencies(Stats.Round(Stats.Percentile(samples, 50)), Stats.Round(Stats.Percentile(samples, 99)), samples.Length, unseen,
            Stats.Round(Stats.Percentile(updates, 50)), updates.Length == 0 ? null : updates.Min());
    }
}
