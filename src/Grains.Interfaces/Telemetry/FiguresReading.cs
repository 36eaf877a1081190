namespace Engagement.Telemetry;

/// <summary>
/// One process's recent figures (see <c>RecentFigures</c>): rates over the last ten seconds, refusals over the last
/// minute, and the spread of recent ledger commits and pushes. A cluster silo sends its own to
/// <see cref="ISiloFiguresGrain"/> every few seconds, so the organiser's status can show figures only silos have.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FiguresReading(
    [property: Id(0)] string Source,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] double BallotsPerSecond,
    [property: Id(3)] double AnswersPerSecond,
    [property: Id(4)] IReadOnlyDictionary<string, long> RefusalsLastMinute,
    [property: Id(5)] long Connections,
    [property: Id(6)] double? LastPushAgeSeconds,
    [property: Id(7)] Spread? LedgerCommitMs,
    [property: Id(8)] Spread? PushLatencyMs);

/// <summary>Nearest-rank percentiles of the samples of the last minute; null where there were none.</summary>
[GenerateSerializer, Immutable]
public sealed record Spread(
    [property: Id(0)] int Count,
    [property: Id(1)] double P50,
    [property: Id(2)] double P95,
    [property: Id(3)] double Max);

/// <summary>
/// Where cluster silos leave their recent figures for the web hosts to read. Silos report, web hosts read: one
/// direction, nothing persisted (a silo that stops reporting simply drops out after <c>Expiry</c>).
/// </summary>
public interface ISiloFiguresGrain : IGrainWithIntegerKey
{
    Task Report(FiguresReading reading);

    /// <summary>The latest reading of every silo that reported recently.</summary>
    Task<IReadOnlyList<FiguresReading>> Recent();
}
