using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.Bench;

/// <summary>What one run of the generator did: how many requests succeeded, in how long, and each one's latency.</summary>
public sealed record RunResult(int Succeeded, int Failed, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
}

/// <summary>
/// The load generator: <c>workers</c> loops, each sending its next request as soon as the previous one is
/// answered, until <c>items</c> requests were taken or the deadline passed.
/// </summary>
public static class Load
{
    public static async Task<RunResult> RunAsync(int workers, int items, TimeSpan duration, Func<int, Task<bool>> send)
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
                if (await send(i))
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
    /// One phone's ballot: POST with its cookie, retried with the same ballot id while the server answers
    /// 503 (it says when in Retry-After). True once the server acknowledged it (200).
    /// </summary>
    public static async Task<bool> CastAsync(HttpClient http, Hall hall, Phone phone, int seed)
    {
        var ballotId = Guid.NewGuid().ToString("N");
        var choices = seed % 2 == 0
            ? new[] { hall.CaseIds[seed % hall.CaseIds.Count] }
            : [hall.CaseIds[seed % hall.CaseIds.Count], hall.CaseIds[(seed + 1) % hall.CaseIds.Count]];
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

/// <summary>
/// The big screen: one SignalR connection subscribed to the round's topic, noting when each update
/// arrived and how many ballots it showed.
/// </summary>
public sealed class Screen : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(long At, int Ballots)> _seen = [];

    private Screen(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("update", update => Note(update));
    }

    public static async Task<Screen> ConnectAsync(string baseUrl, string roundId)
    {
        var screen = new Screen(new HubConnectionBuilder().WithUrl($"{baseUrl}/hubs/live").Build());
        await screen._connection.StartAsync();
        screen.Note(await screen._connection.InvokeAsync<JsonElement>("Subscribe", $"round:{roundId}"));
        return screen;
    }

    public int Latest
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count == 0 ? 0 : _seen.Max(s => s.Ballots);
            }
        }
    }

    public int Updates
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Waits (up to the timeout) until the screen shows at least this many ballots.</summary>
    public async Task<bool> WaitForAsync(int ballots, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Latest < ballots)
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>
    /// Vote-to-screen latency of each acknowledged ballot: from its acknowledgement (the k-th, in the order
    /// acknowledgements arrived) to the first update received whose ballot count is ≥ k. An update that
    /// arrived before the acknowledgement counts as 0 ms (the screen was already ahead of the phone).
    /// Only acknowledgements from the <paramref name="first"/>-th on are measured (earlier ones were the warm-up).
    /// </summary>
    public (double[] LatenciesMs, int Unseen, int Ahead) LatenciesFrom(IReadOnlyList<long> acknowledgedAt, int first)
    {
        (long At, int Ballots)[] seen;
        lock (_seen)
        {
            seen = [.. _seen];
        }

        var latencies = new List<double>(acknowledgedAt.Count);
        int unseen = 0, ahead = 0, u = 0;
        for (var k = first; k <= acknowledgedAt.Count; k++)
        {
            while (u < seen.Length && seen[u].Ballots < k)
            {
                u++;
            }

            if (u == seen.Length)
            {
                unseen++;
                continue;
            }

            var ms = Stopwatch.GetElapsedTime(acknowledgedAt[k - 1], seen[u].At).TotalMilliseconds;
            if (ms < 0)
            {
                ahead++;
            }

            latencies.Add(Math.Max(0, ms));
        }

        return ([.. latencies], unseen, ahead);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private void Note(JsonElement update)
    {
        var at = Stopwatch.GetTimestamp();
        var ballots = update.GetProperty("payload").GetProperty("ballots").GetInt32();
        lock (_seen)
        {
            // Arrival order, with the running maximum: a stale update (lower count) shows nothing newer.
            _seen.Add((at, _seen.Count == 0 ? ballots : Math.Max(ballots, _seen[^1].Ballots)));
        }
    }
}
