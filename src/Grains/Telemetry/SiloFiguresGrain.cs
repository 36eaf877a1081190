namespace Engagement.Telemetry;

/// <summary>
/// The latest <see cref="FiguresReading"/> of each cluster silo, in memory only: silos report every few seconds
/// (<see cref="FiguresReporter"/>), web hosts read. A silo that stops reporting (stopped, dead) drops out after
/// <see cref="Expiry"/>; after this grain moves, the list refills within one report interval.
/// </summary>
public sealed class SiloFiguresGrain : Grain, ISiloFiguresGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, FiguresReading> _latest = new(StringComparer.Ordinal);

    public Task Report(FiguresReading reading)
    {
        if (reading is not null && !string.IsNullOrEmpty(reading.Source))
        {
            _latest[reading.Source] = reading;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FiguresReading>> Recent()
    {
        var cutoff = DateTimeOffset.UtcNow - Expiry;
        foreach (var stale in _latest.Where(r => r.Value.At < cutoff).Select(r => r.Key).ToList())
        {
            _latest.Remove(stale);
        }

        return Task.FromResult<IReadOnlyList<FiguresReading>>(_latest.Values.OrderBy(r => r.Source, StringComparer.Ordinal).ToList());
    }
}
