using System.Diagnostics;
using System.Net;

namespace Engagement.Bench;

/// <summary>What one run of the generator did: how many requests succeeded, in how long, and each one's latency.</summary>
public sealed record RunResult(int Succeeded, int Failed, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
}

/// <summary>
/// The load generator: <c>workers</c> loops, each sending its next request as soon as the previous one is
/// answered, until <c>items</c> requests were taken or the deadline passed (closed loop: as fast as the
/// server answers); or requests started at a fixed rate whatever the answers do (open loop, paced).
/// </summary>
public static class Load
{
    /// <summary>Closed loop. <paramref name="send"/> gets the worker's number and the item's.</summary>
    public static async Task<RunResult> RunAsync(int workers, int items, TimeSpan duration, Func<int, int, Task<bool>> send)
    {
        var next = -1;
        var failed = 0;
        var latencies = new List<double>[workers];
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(items == int.MaxValue ? 4096 : items / workers + 1);
            int i;
            while ((i = Interlocked.Increment(ref next)) < items && started.Elapsed < duration)
            {
                var begin = Stopwatch.GetTimestamp();
                if (await send(w, i))
                {
                    mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        started.Stop();
        var all = latencies.SelectMany(l => l).ToArray();
        return new RunResult(all.Length, failed, started.Elapsed, all);
    }

    /// <summary>
    /// Open loop: item i is sent at start + i / rate, whether or not earlier ones were answered, so a slow
    /// answer cannot hold back the next ballots (the latency is measured from the planned start). At most
    /// <paramref name="maxInFlight"/> are outstanding; beyond that the schedule slips, and the achieved
    /// rate shows it.
    /// </summary>
    public static async Task<RunResult> RunPacedAsync(double rate, int items, TimeSpan duration, Func<int, Task<bool>> send, int maxInFlight = 4096)
    {
        var failed = 0;
        var latencies = new List<double>(Math.Min(items, (int)(rate * duration.TotalSeconds) + 1));
        var inFlight = new SemaphoreSlim(maxInFlight);
        var sent = new List<Task>();
        var started = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < items && started.Elapsed < duration; i++)
        {
            var planned = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), planned);
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait);
            }

            await inFlight.WaitAsync();
            var item = i;
            sent.Add(Task.Run(async () =>
            {
                try
                {
                    var ok = await send(item);
                    var ms = Math.Max(0, Stopwatch.GetElapsedTime(planned).TotalMilliseconds);
                    lock (latencies)
                    {
                        if (ok)
                        {
                            latencies.Add(ms);
                        }
                        else
                        {
                            failed++;
                        }
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(sent);
        started.Stop();
        return new RunResult(latencies.Count, failed, started.Elapsed, [.. latencies]);
    }

    /// <summary>A ballot's choices, a pure function of its seed: one or two of the round's cases.</summary>
    public static string[] ChoicesFor(Hall hall, int seed) => seed % 2 == 0
        ? [hall.CaseIds[seed % hall.CaseIds.Count]]
        : [hall.CaseIds[seed % hall.CaseIds.Count], hall.CaseIds[(seed + 1) % hall.CaseIds.Count]];

    /// <summary>
    /// One phone's ballot: POST with its cookie, retried with the same ballot id while the server answers
    /// 503 (it says when in Retry-After). True once the server acknowledged it (200).
    /// </summary>
    public static async Task<bool> CastAsync(HttpClient http, Hall hall, Phone phone, int seed)
    {
        var ballotId = Guid.NewGuid().ToString("N");
        var choices = ChoicesFor(hall, seed);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await Setup.Send(http, HttpMethod.Post, $"/api/member/rounds/{hall.RoundId}/ballots", phone.Cookie,
                Setup.Json(new { ballotId, choices }));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Console.Error.WriteLine($"ballot {phone.MemberNo}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return false;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }

        return false;
    }
}

