using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>
/// Many phones holding a live connection each, subscribed to the round like the member page, spread
/// over the web hosts the way the phones signed in (phone i on host i mod n).
/// </summary>
public sealed class PhoneFleet : IAsyncDisposable
{
    private readonly LiveWatcher[] _phones;

    private PhoneFleet(LiveWatcher[] phones) => _phones = phones;

    public IReadOnlyList<LiveWatcher> Phones => _phones;

    public int Connected => _phones.Count(p => p.Connected);

    /// <summary>Connects the first <paramref name="count"/> phones of the hall (reusing cookies if there are more phones than members).</summary>
    public static async Task<PhoneFleet> ConnectAsync(IReadOnlyList<string> urls, Hall hall, int count)
    {
        EnsureFileDescriptors(count);
        var phones = new LiveWatcher[count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            {
                var phone = hall.Phones[i % hall.Phones.Count];
                phones[i] = await LiveWatcher.ConnectAsync(urls[i % urls.Count], hall.RoundId, phone.Cookie);
            });
        }
        catch
        {
            await new PhoneFleet(phones.Where(p => p is not null).ToArray()).DisposeAsync();
            throw;
        }

        return new PhoneFleet(phones);
    }

    /// <summary>
    /// How many phones got at least one update after <paramref name="since"/>, and how many of them
    /// ended up showing exactly <paramref name="final"/> ballots.
    /// </summary>
    public (int Updated, int ShowingFinal) Received(long since, int final) =>
        (_phones.Count(p => p.UpdatesAfter(since) > 0), _phones.Count(p => p.UpdatesAfter(since) > 0 && p.Latest == final));

    /// <summary>Waits (up to the timeout) until every phone shows at least this many ballots.</summary>
    public async Task<bool> WaitForAsync(int ballots, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (_phones.Any(p => p.Latest < ballots))
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_phones, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
    }

    /// <summary>
    /// Each connection is a socket in this process (and one in the server's): stop early with a clear
    /// message rather than fail half-way with "too many open files".
    /// </summary>
    private static void EnsureFileDescriptors(int connections)
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        if (soft is not null && soft != "unlimited" && long.Parse(soft) < connections + 1_000)
        {
            throw new BenchSetupException($"{connections} connections need more open files than this shell allows ({soft}): " +
                $"run `ulimit -n {connections + 2_000}` (or higher) first, in the same shell.");
        }
    }
}
