using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Races;

/// <summary>What one raced request answered, and how long the server took to say it.</summary>
public sealed record Answer(string What, HttpStatusCode Status, string Body, TimeSpan Took)
{
    public bool Ok => Status == HttpStatusCode.OK;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The problem code of a refusal (null for a success or a body without one).</summary>
    public string? Code =>
        !Ok && Body.StartsWith('{') && Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>One line for the test log: what, status, refusal code, time.</summary>
    public string Brief => $"{What} {(int)Status}{(Code is { } code ? " " + code : "")} {Took.TotalMilliseconds:F0} ms";

    public override string ToString() =>
        $"{What} → {(int)Status} {Code} in {Took.TotalMilliseconds:F0} ms: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}

/// <summary>One request of a race: who sends it and how.</summary>
public sealed record Request(string What, ApiClient Client, Func<HttpClient, Task<HttpResponseMessage>> Send);

/// <summary>
/// Sends requests at the same moment and keeps every answer's time, so a test can say that nothing
/// waited for a timeout and report the slowest.
/// </summary>
public sealed class Race(Race? whole = null)
{
    /// <summary>No raced request may take longer: the silo's response timeout is 15 s, so a wait for it shows.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<Answer> _answers = [];

    public IReadOnlyList<Answer> Answers
    {
        get
        {
            lock (_answers)
            {
                return _answers.ToList();
            }
        }
    }

    public Answer Slowest => Answers.MaxBy(a => a.Took)!;

    /// <summary>
    /// Both requests start together: each client's connection is warmed first, then one gate releases both
    /// sends on the thread pool. <paramref name="flip"/> releases them in the other order.
    /// </summary>
    public async Task<(Answer A, Answer B)> AtOnceAsync(Request a, Request b, bool flip = false)
    {
        await Task.WhenAll(WarmAsync(a.Client), WarmAsync(b.Client));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (first, second) = flip ? (b, a) : (a, b);
        var firstTask = Task.Run(async () => { await gate.Task; return await SendAsync(first); });
        var secondTask = Task.Run(async () => { await gate.Task; return await SendAsync(second); });
        gate.SetResult();
        await Task.WhenAll(firstTask, secondTask);
        return flip ? (secondTask.Result, firstTask.Result) : (firstTask.Result, secondTask.Result);
    }

    /// <summary>A request on its own, timed like the raced ones.</summary>
    public async Task<Answer> SendAsync(Request request)
    {
        var clock = Stopwatch.StartNew();
        using var response = await request.Send(request.Client.Http);
        var body = await response.Content.ReadAsStringAsync();
        var answer = new Answer(request.What, response.StatusCode, body, clock.Elapsed);
        lock (_answers)
        {
            _answers.Add(answer);
        }

        whole?.Add(answer);
        return answer;
    }

    /// <summary>Every answer came within <see cref="Patience"/>; none was a server error.</summary>
    public void AssertNothingWaited()
    {
        var answers = Answers;
        Assert.All(answers, a => Assert.True(a.Took < Patience, $"Waited {a.Took.TotalSeconds:F1} s (a timeout?): {a}"));
        Assert.All(answers, a => Assert.True((int)a.Status < 500, $"Server error: {a}"));
    }

    private void Add(Answer answer)
    {
        lock (_answers)
        {
            _answers.Add(answer);
        }
    }

    private static async Task WarmAsync(ApiClient client)
    {
        // Any cheap request opens (or revives) the client's pooled connection, so the race is not a TCP handshake.
        using var response = await client.Http.GetAsync("/health/ready");
    }
}
