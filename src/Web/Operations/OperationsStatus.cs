using Engagement.Silo.Hosting;
using Engagement.Telemetry;

namespace Engagement.Web.Operations;

/// <summary>How a figure looks against its thresholds (<see cref="StatusThresholds"/>); Unknown when no process reports it.</summary>
public enum StatusLevel
{
    Ok,
    Warn,
    Bad,
    Unknown,
}

public sealed record StatusFigure(double? Value, StatusLevel Level);

public sealed record RefusalFigure(long Total, StatusLevel Level, IReadOnlyDictionary<string, long> ByReason);

/// <summary>A time's recent spread (ms, last minute); <see cref="Source"/> says whose: "host" (this process) or "silos".</summary>
public sealed record SpreadFigure(double? P50, double? P95, double? Max, int Count, StatusLevel Level, string? Source);

/// <summary>
/// GET /api/operations/status: what the person running the hall watches (the console's status strip). Read from this
/// process's <see cref="RecentFigures"/>; in cluster mode ballots, answers, refusals and database writes happen on the
/// silos, which report theirs every few seconds to <see cref="ISiloFiguresGrain"/> — summed here (rates, refusals) or
/// the worst silo taken (commit times).
/// </summary>
public sealed record OperationsStatus(
    DateTimeOffset At,
    HostingMode Mode,
    StatusFigure Connections,
    StatusFigure BallotsPerSecond,
    StatusFigure AnswersPerSecond,
    RefusalFigure RefusalsLastMinute,
    StatusFigure LastPushAgeSeconds,
    SpreadFigure DatabaseWriteMs,
    SpreadFigure PushLatencyMs,
    int SilosReporting,
    RuntimeReadings Runtime)
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var mode = EngagementSilo.ReadOptions(app.ServiceProvider.GetRequiredService<IConfiguration>()).Mode;
        app.MapGet("/api/operations/status", async (RecentFigures figures, IGrainFactory grains, ILogger<OperationsStatus> logger, CancellationToken cancellationToken) =>
            {
                var local = figures.Read("host");
                IReadOnlyList<FiguresReading>? silos = null;
                if (mode == HostingMode.Cluster)
                {
                    try
                    {
                        silos = await grains.GetGrain<ISiloFiguresGrain>(0).Recent().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
                    }
                    catch (Exception e) when (e is TimeoutException or OrleansException)
                    {
                        // The cluster is out of reach: the strip shows the silos' figures as unknown, this host's still.
                        logger.LogDebug(e, "Silo figures not available");
                        silos = [];
                    }
                }

                return From(mode, local, silos, RuntimeReadings.Now());
            })
            .RequireAuthorization(Engagement.Web.Access.Roles.Organiser)
            .WithTags("Operations");
    }

    /// <summary>
    /// The status from this host's reading and, in cluster mode, the silos' readings (<paramref name="silos"/> null in
    /// embedded mode, where this process is the silo).
    /// </summary>
    public static OperationsStatus From(HostingMode mode, FiguresReading local, IReadOnlyList<FiguresReading>? silos, RuntimeReadings runtime)
    {
        var reported = silos is null || silos.Count > 0;
        var own = silos is null ? [local] : silos;
        var ballots = own.Sum(r => r.BallotsPerSecond);
        var answers = own.Sum(r => r.AnswersPerSecond);
        var refusals = own.SelectMany(r => r.RefusalsLastMinute)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
        var commits = own.Select(r => r.LedgerCommitMs).OfType<Spread>().ToList();
        var active = ballots > 0 || answers > 0;
        var total = refusals.Values.Sum();
        return new OperationsStatus(
            DateTimeOffset.UtcNow,
            mode,
            new StatusFigure(local.Connections, StatusLevel.Ok),
            new StatusFigure(reported ? Math.Round(ballots, 1) : null, reported ? StatusLevel.Ok : StatusLevel.Unknown),
            new StatusFigure(reported ? Math.Round(answers, 1) : null, reported ? StatusLevel.Ok : StatusLevel.Unknown),
            new RefusalFigure(total, reported ? StatusThresholds.Refusals(total) : StatusLevel.Unknown, refusals),
            new StatusFigure(local.LastPushAgeSeconds, StatusThresholds.LastPush(local.LastPushAgeSeconds, active)),
            !reported
                ? new SpreadFigure(null, null, null, 0, StatusLevel.Unknown, null)
                : commits.Count == 0
                    ? new SpreadFigure(null, null, null, 0, StatusLevel.Ok, silos is null ? "host" : "silos")
                    // Percentiles cannot be added up across silos: the worst silo's are shown.
                    : new SpreadFigure(Ms(commits.Max(c => c.P50)), Ms(commits.Max(c => c.P95)), Ms(commits.Max(c => c.Max)), commits.Sum(c => c.Count),
                        StatusThresholds.DatabaseWrite(commits.Max(c => c.P95)), silos is null ? "host" : "silos"),
            local.PushLatencyMs is { } push
                ? new SpreadFigure(Ms(push.P50), Ms(push.P95), Ms(push.Max), push.Count, StatusThresholds.PushLatency(push.P95), "host")
                : new SpreadFigure(null, null, null, 0, StatusLevel.Ok, "host"),
            silos?.Count ?? 0,
            runtime);
    }

    /// <summary>A tenth of a millisecond is as fine as anyone reads a time on the strip.</summary>
    private static double Ms(double value) => Math.Round(value, 1);
}

/// <summary>When a figure is shown as warn or bad (docs/operations/metrics.md explains each and what to do).</summary>
public static class StatusThresholds
{
    /// <summary>Refusals in the last minute: a few late taps are normal; tens mean phones see a wrong state.</summary>
    public const int RefusalsWarn = 10, RefusalsBad = 100;

    /// <summary>Seconds since this host last pushed a change, while ballots or answers arrive (each moves a count once a second).</summary>
    public const double PushAgeWarn = 3, PushAgeBad = 10;

    /// <summary>Ledger commit p95 in ms (a commit is a few ms on this hardware: docs/benchmarks.md).</summary>
    public const double DatabaseWriteWarn = 100, DatabaseWriteBad = 500;

    /// <summary>Push latency p95 in ms (the screen's publish interval alone is up to 100 ms).</summary>
    public const double PushLatencyWarn = 500, PushLatencyBad = 2000;

    public static StatusLevel Refusals(long lastMinute) =>
        lastMinute >= RefusalsBad ? StatusLevel.Bad : lastMinute >= RefusalsWarn ? StatusLevel.Warn : StatusLevel.Ok;

    /// <summary>With nothing arriving, nothing needs pushing: an old last push is then normal.</summary>
    public static StatusLevel LastPush(double? ageSeconds, bool active) =>
        !active ? StatusLevel.Ok
        : ageSeconds is not { } age ? StatusLevel.Warn
        : age > PushAgeBad ? StatusLevel.Bad
        : age > PushAgeWarn ? StatusLevel.Warn
        : StatusLevel.Ok;

    public static StatusLevel DatabaseWrite(double p95) =>
        p95 >= DatabaseWriteBad ? StatusLevel.Bad : p95 >= DatabaseWriteWarn ? StatusLevel.Warn : StatusLevel.Ok;

    public static StatusLevel PushLatency(double p95) =>
        p95 >= PushLatencyBad ? StatusLevel.Bad : p95 >= PushLatencyWarn ? StatusLevel.Warn : StatusLevel.Ok;
}
