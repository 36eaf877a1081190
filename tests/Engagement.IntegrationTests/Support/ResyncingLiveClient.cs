using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.IntegrationTests.Support;

/// <summary>
/// A page's live connection as wwwroot/js/live.js keeps it: automatic reconnect with live.js's delays
/// (0, 1, 2, 5, 10 s, then every 10 s), every followed topic subscribed again once reconnected — the
/// snapshot that answers is the resync — and a fresh start 3 s after the connection gives up. Updates
/// only move a topic forward in version: an older or repeated one (a push and a resync snapshot can
/// arrive in either order) is dropped, as the page drops it.
/// </summary>
public sealed class ResyncingLiveClient : IAsyncDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];
    private static readonly TimeSpan StartRetry = TimeSpan.FromSeconds(3);

    private readonly HubConnection _connection;
    private readonly Stopwatch _clock;
    private readonly ConcurrentDictionary<string, JsonElement> _current = new();
    private readonly ConcurrentQueue<(TimeSpan At, JsonElement Update)> _applied = new();
    private readonly ConcurrentQueue<(TimeSpan At, string State)> _states = new();
    private readonly ConcurrentQueue<Resync> _resyncs = new();
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>A snapshot a reconnected client got by subscribing again: when it asked, when it got it, and what.</summary>
    public sealed record Resync(TimeSpan AskedAt, TimeSpan At, JsonElement Snapshot);

    private ResyncingLiveClient(string baseUrl, Stopwatch clock)
    {
        _clock = clock;
        _connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/live")
            .WithAutomaticReconnect(new LivePageRetries())
            .Build();
        _connection.On<JsonElement>("update", Deliver);
        _connection.Reconnecting += _ =>
        {
            _states.Enqueue((_clock.Elapsed, "reconnecting"));
            return Task.CompletedTask;
        };
        _connection.Reconnected += async _ =>
        {
            _states.Enqueue((_clock.Elapsed, "connected"));
            await ResubscribeAllAsync();
        };
        _connection.Closed += async _ =>
        {
            _states.Enqueue((_clock.Elapsed, "disconnected"));
            await StartOverAsync();
        };
    }

    /// <summary>Topic → the newest update applied (the snapshot or a push).</summary>
    public IReadOnlyDictionary<string, JsonElement> Current => _current;

    /// <summary>Connection states with their times: "reconnecting", "connected", "disconnected".</summary>
    public IReadOnlyList<(TimeSpan At, string State)> States => _states.ToArray();

    public IReadOnlyList<Resync> Resyncs => _resyncs.ToArray();

    /// <summary>Every update that moved a topic forward, with when it was applied.</summary>
    public IReadOnlyList<(TimeSpan At, JsonElement Update)> Applied => _applied.ToArray();

    public static async Task<ResyncingLiveClient> ConnectAsync(string baseUrl, Stopwatch clock)
    {
        var client = new ResyncingLiveClient(baseUrl, clock);
        await client._connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        client._states.Enqueue((clock.Elapsed, "connected"));
        return client;
    }

    /// <summary>Follows the topic from now on and returns its snapshot.</summary>
    public async Task<JsonElement> FollowAsync(string topic)
    {
        _current.TryAdd(topic, default);
        var snapshot = await _connection.InvokeAsync<JsonElement>("Subscribe", topic).WaitAsync(TimeSpan.FromSeconds(30));
        Deliver(snapshot);
        return snapshot;
    }

    /// <summary>The first applied update at or after <paramref name="since"/> that matches, or null if none comes in time.</summary>
    public async Task<JsonElement?> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, TimeSpan? since = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var (at, update) in _applied)
            {
                if (at >= (since ?? TimeSpan.Zero) && match(update))
                {
                    return update;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(20);
        }
    }

    public static long Version(JsonElement update) => update.GetProperty("version").GetInt64();

    private void Deliver(JsonElement update)
    {
        if (update.ValueKind != JsonValueKind.Object || update.GetProperty("topic").GetString() is not { } topic)
        {
            return;
        }

        lock (_current)
        {
            if (!_current.TryGetValue(topic, out var last) || (last.ValueKind == JsonValueKind.Object && Version(update) <= Version(last)))
            {
                return; // Not followed, or not newer than what the page shows.
            }

            _current[topic] = update;
            _applied.Enqueue((_clock.Elapsed, update));
        }
    }

    private async Task ResubscribeAllAsync()
    {
        foreach (var topic in _current.Keys)
        {
            var asked = _clock.Elapsed;
            try
            {
                var snapshot = await _connection.InvokeAsync<JsonElement>("Subscribe", topic);
                _resyncs.Enqueue(new Resync(asked, _clock.Elapsed, snapshot));
                Deliver(snapshot);
            }
            catch (Exception e)
            {
                // The page reports it and carries on; the next reconnect subscribes again.
                _states.Enqueue((_clock.Elapsed, "subscribe failed: " + e.Message));
            }
        }
    }

    private async Task StartOverAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(StartRetry, _disposed.Token);
                await _connection.StartAsync(_disposed.Token);
                _states.Enqueue((_clock.Elapsed, "connected"));
                await ResubscribeAllAsync();
                return;
            }
            catch (Exception) when (!_disposed.IsCancellationRequested)
            {
                // Still unreachable: try again, for ever.
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>live.js's nextRetryDelayInMilliseconds: never gives up, as a hall screen must come back by itself.</summary>
    private sealed class LivePageRetries : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.PreviousRetryCount < RetryDelays.Length ? RetryDelays[context.PreviousRetryCount] : TimeSpan.FromSeconds(10);
    }
}
