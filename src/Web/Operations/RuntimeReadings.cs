using System.Diagnostics;

namespace Engagement.Web.Operations;

/// <summary>
/// What this process has used so far, read from the runtime: memory allocated and held, time paused for garbage
/// collection, lock contentions, CPU time, thread-pool queue. Counters only grow (except the "now" ones), so two
/// readings a known time apart give rates: the benchmark reads it before and after the hall votes to report bytes
/// allocated and GC pause per ballot (docs/benchmarks.md); an IT person can watch it during an event.
/// </summary>
public sealed record RuntimeReadings(
    long AllocatedBytes,
    long GcPauseMilliseconds,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long LockContentions,
    double CpuMilliseconds,
    long WorkingSetBytes,
    long HeapBytes,
    long ThreadPoolQueued,
    int ThreadPoolThreads)
{
    public static RuntimeReadings Now()
    {
        using var process = Process.GetCurrentProcess();
        return new RuntimeReadings(
            GC.GetTotalAllocatedBytes(precise: false),
            (long)GC.GetTotalPauseDuration().TotalMilliseconds,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            Monitor.LockContentionCount,
            process.TotalProcessorTime.TotalMilliseconds,
            process.WorkingSet64,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            ThreadPool.PendingWorkItemCount,
            ThreadPool.ThreadCount);
    }

    /// <summary>GET /api/operations/runtime, for organisers (the numbers say how busy the server is).</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/operations/runtime", () => Now())
            .RequireAuthorization(Engagement.Web.Access.Roles.Organiser)
            .WithTags("Operations");
}
