using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.IntegrationTests.Support;

/// <summary>A SignalR client of /hubs/live, as the big screen or the console page uses it.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<JsonElement> _updates = new();

    private LiveClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("update", update => _updates.Enqueue(update));
    }

    /// <summary>Every "update" pushed so far, oldest first.</summary>
    public IReadOnlyList<JsonElement> Updates => _updates.ToArray();

    public static async Task<LiveClient> ConnectAsync(string baseUrl, CookieContainer? cookies = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/live", o =>
            {
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <summary>Subscribes and returns the topic's snapshot {topic, version, payload}.</summary>
    public Task<JsonElement> SubscribeAsync(string topic) =>
        _connection.InvokeAsync<JsonElement>("Subscribe", topic).WaitAsync(TimeSpan.FromSeconds(30));

    public Task UnsubscribeAsync(string topic) =>
        _connection.InvokeAsync("Unsubscribe", topic).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The first pushed update matching <paramref name="match"/>, or null if none arrives in time.</summary>
    public async Task<JsonElement?> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var update in _updates)
            {
                if (match(update))
                {
                    return update;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(50);
        }
    }

    public static string Headline(JsonElement update) =>
        update.TryGetProperty("payload", out var payload) && payload.TryGetProperty("headline", out var headline)
            ? headline.GetString() ?? string.Empty
            : string.Empty;

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
