using System.Text.Json;

namespace Engagement.Bench;

/// <summary>
/// The server's own runtime counters (GET /api/operations/runtime, as organiser): two samples around a phase give
/// bytes allocated, GC pause and lock contentions per request of that phase, as the server's runtime counts them.
/// </summary>
public sealed record RuntimeSample(long AllocatedBytes, long GcPauseMilliseconds, long LockContentions, int Gen2Collections)
{
    public static async Task<RuntimeSample> ReadAsync(HttpClient http, string organiserCookie)
    {
        using var response = await Setup.Send(http, HttpMethod.Get, "/api/operations/runtime", organiserCookie);
        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new RuntimeSample(json.GetProperty("allocatedBytes").GetInt64(), json.GetProperty("gcPauseMilliseconds").GetInt64(),
            json.GetProperty("lockContentions").GetInt64(), json.GetProperty("gen2Collections").GetInt32());
    }

    /// <summary>What happened between <paramref name="before"/> and this sample, per request and per second.</summary>
    public RuntimeDelta Since(RuntimeSample before, int requests, TimeSpan elapsed) => new(
        (AllocatedBytes - before.AllocatedBytes) / (double)Math.Max(1, requests),
        (GcPauseMilliseconds - before.GcPauseMilliseconds) / elapsed.TotalSeconds,
        (LockContentions - before.LockContentions) / elapsed.TotalSeconds,
        Gen2Collections - before.Gen2Collections);
}

public sealed record RuntimeDelta(double BytesPerRequest, double GcPauseMsPerSecond, double LockContentionsPerSecond, int Gen2Collections);
