using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.Bench;

/// <summary>
/// A big screen, a phone or a team tablet following a knowledge contest: one SignalR connection subscribed to
/// <c>contest:{id}</c> (hall: screen and phones, quiz.js / screen-contest.js) or <c>final:{id}</c> (stage: screen and
/// tablets, desk.js). It notes when each update arrived and the little it needs of it: the phase, the question on
/// screen, whether the reveal and the standings after it are there, and who has the floor.
/// </summary>
public sealed class QuizWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(long At, QuizPayload Payload)> _seen = [];

    private QuizWatcher(HubConnection connection)
    {
        _connection = connection;
        _connection.On<QuizUpdate>("update", update => Note(update.Payload));
    }

    public bool Connected => _connection.State == HubConnectionState.Connected;

    public static async Task<QuizWatcher> ConnectAsync(string baseUrl, string topic, string? cookie = null)
    {
        var connection = LiveWatcher.Connection(baseUrl, cookie);
        var watcher = new QuizWatcher(connection);
        try
        {
            await connection.StartAsync();
            watcher.Note((await connection.InvokeAsync<QuizUpdate>("Subscribe", topic)).Payload);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return watcher;
    }

    /// <summary>When the first update that satisfies <paramref name="shows"/> arrived after <paramref name="since"/>, if any did.</summary>
    public long? FirstAfter(long since, Func<QuizPayload, bool> shows)
    {
        lock (_seen)
        {
            foreach (var (at, payload) in _seen)
            {
                if (at >= since && shows(payload))
                {
                    return at;
                }
            }
        }

        return null;
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

    /// <summary>Waits (up to the timeout) until an update after <paramref name="since"/> satisfies <paramref name="shows"/>.</summary>
    public async Task<long?> WaitForAsync(long since, Func<QuizPayload, bool> shows, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (FirstAfter(since, shows) is { } at)
            {
                return at;
            }

            await Task.Delay(5);
        }

        return FirstAfter(since, shows);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private void Note(QuizPayload payload)
    {
        var at = Stopwatch.GetTimestamp();
        lock (_seen)
        {
            _seen.Add((at, payload));
        }
    }
}

/// <summary>The part of a contest topic's update the bench reads (a typed target: the rest of the payload is skipped).</summary>
public sealed record QuizUpdate([property: JsonPropertyName("payload")] QuizPayload Payload);

/// <param name="Phase">The hall's <c>HallPhase</c> or the stage's <c>StagePhase</c>.</param>
/// <param name="Current">The stage's current question number (the hall's is in <see cref="Question"/>).</param>
public sealed record QuizPayload(
    [property: JsonPropertyName("phase")] string? Phase,
    [property: JsonPropertyName("answered")] int Answered,
    [property: JsonPropertyName("question")] QuizQuestion? Question,
    [property: JsonPropertyName("reveal")] QuizQuestion? Reveal,
    [property: JsonPropertyName("standings")] QuizStandings? Standings,
    [property: JsonPropertyName("current")] int Current,
    [property: JsonPropertyName("floor")] string? Floor);

public sealed record QuizQuestion([property: JsonPropertyName("no")] int No);

public sealed record QuizStandings([property: JsonPropertyName("afterQuestion")] int AfterQuestion);
