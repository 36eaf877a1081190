using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.Bench;

/// <summary>
/// A big screen or a phone: one SignalR connection to /hubs/live subscribed to the round, as the pages do
/// — the big screen to the full round (<c>Subscribe("round:{id}")</c>, screen.js), a phone to the round's
/// pulse (<c>Subscribe("pulse:{id}")</c>, member.js) — then every <c>update</c>, noting when each update
/// arrived and how many ballots it showed. WebSockets only, without the negotiate request, so that
/// thousands of them stay cheap for the generator; a phone sends its sign-in cookie like the browser.
/// </summary>
public sealed class LiveWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(long At, int Ballots)> _seen = [];

    private LiveWatcher(HubConnection connection)
    {
        _connection = connection;
        _connection.On<RoundUpdate>("update", update => Note(update));
        _connection.Closed += error =>
        {
            ClosedBecause = error is null ? "closed without an error" : $"{error.GetType().Name}: {error.Message}";
            return Task.CompletedTask;
        };
    }

    /// <summary>Why the connection ended, if it did (this client does not reconnect, so a drop stays visible).</summary>
    public string? ClosedBecause { get; private set; }

    public bool Connected => _connection.State == HubConnectionState.Connected;

    /// <summary>
    /// A connection to /hubs/live as the pages make it, but WebSockets only and without the negotiate request, so
    /// thousands stay cheap for the generator; a phone or tablet sends its sign-in cookie like the browser.
    /// </summary>
    public static HubConnection Connection(string baseUrl, string? cookie) =>
        new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/live", HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }
            })
            .Build();

    public static async Task<LiveWatcher> ConnectAsync(string baseUrl, string roundId, string? cookie = null)
    {
        var connection = LiveWatcher.Connection(baseUrl, cookie);
        var watcher = new LiveWatcher(connection);
        try
        {
            await connection.StartAsync();
            // Signed in means a phone (member.js follows the pulse); anonymous means the big screen.
            var topic = cookie is null ? $"round:{roundId}" : $"pulse:{roundId}";
            watcher.Note(await connection.InvokeAsync<RoundUpdate>("Subscribe", topic));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return watcher;
    }

    /// <summary>Updates that arrived after the given <see cref="Stopwatch"/> timestamp.</summary>
    public int UpdatesAfter(long timestamp)
    {
        lock (_seen)
        {
            return _seen.Count(s => s.At > timestamp);
        }
    }

    public int Latest
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count == 0 ? 0 : _seen[^1].Ballots; // a running maximum: the last is the highest
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
    /// Only acknowledgements from the <paramref name="first"/>-th on are measured (earlier ones were the warm-up),
    /// and of those every <paramref name="step"/>-th (a sample, when thousands of phones are measured).
    /// </summary>
    public (double[] LatenciesMs, int Unseen, int Ahead) LatenciesFrom(IReadOnlyList<long> acknowledgedAt, int first, int step = 1)
    {
        (long At, int Ballots)[] seen;
        lock (_seen)
        {
            seen = [.. _seen];
        }

        var latencies = new List<double>(acknowledgedAt.Count);
        int unseen = 0, ahead = 0, u = 0;
        for (var k = first; k <= acknowledgedAt.Count; k += step)
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

    private void Note(RoundUpdate update)
    {
        var at = Stopwatch.GetTimestamp();
        var ballots = update.Payload.Ballots;
        lock (_seen)
        {
            // Arrival order, with the running maximum: a stale update (lower count) shows nothing newer.
            _seen.Add((at, _seen.Count == 0 ? ballots : Math.Max(ballots, _seen[^1].Ballots)));
        }
    }
}

/// <summary>
/// Only what the generator reads of a round's topic update: the ballot count. A typed target lets the
/// SignalR client skip the rest of the payload instead of building a document for every push, which
/// matters when one process receives the pushes of thousands of phones.
/// </summary>
public sealed record RoundUpdate([property: JsonPropertyName("payload")] RoundUpdatePayload Payload);

public sealed record RoundUpdatePayload([property: JsonPropertyName("ballots")] int Ballots);
