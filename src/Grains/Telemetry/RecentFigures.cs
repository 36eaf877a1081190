using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Telemetry;

/// <summary>
/// What the organiser's status strip shows, kept in this process: a <see cref="MeterListener"/> on the
/// <see cref="EngagementMetrics"/> instruments feeds small windows (ballots and answers per second, refusals per reason
/// per second, recent commit and push times, open connections, the last push). The same calls that feed /metrics feed
/// this, and reading it is a few sums — no Prometheus text is scraped or parsed.
/// </summary>
public sealed class RecentFigures : IDisposable
{
    /// <summary>Ballots/s and answers/s are over this many seconds.</summary>
    public const int RateSeconds = 10;

    /// <summary>Refusals, commit times and push latencies are over the last minute.</summary>
    public const int WindowSeconds = 60;

    private readonly Func<long> _now;
    private readonly MeterListener _listener = new();
    private readonly SecondCounts _ballots = new(WindowSeconds);
    private readonly SecondCounts _answers = new(WindowSeconds);
    private readonly ConcurrentDictionary<string, SecondCounts> _refusals = new(StringComparer.Ordinal);
    private readonly RecentSamples _commits = new(4096);
    private readonly RecentSamples _pushes = new(4096);
    private long _connections;
    private long _lastPushMs = long.MinValue;

    /// <param name="now">Milliseconds of a monotonic clock; <see cref="Environment.TickCount64"/> unless a test drives time.</param>
    public RecentFigures(Func<long>? now = null)
    {
        _now = now ?? (() => Environment.TickCount64);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngagementMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnLong(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => OnDouble(instrument, value));
        _listener.Start();
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (ReferenceEquals(instrument, EngagementMetrics.Ballots))
        {
            _ballots.Add(_now(), value);
        }
        else if (ReferenceEquals(instrument, EngagementMetrics.Answers))
        {
            _answers.Add(_now(), value);
        }
        else if (ReferenceEquals(instrument, EngagementMetrics.LiveConnections))
        {
            Interlocked.Add(ref _connections, value);
        }
        else if (ReferenceEquals(instrument, EngagementMetrics.Refusals))
        {
            var reason = "unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == EngagementMetrics.ReasonTag && tag.Value is string code)
                {
                    reason = code;
                }
            }

            _refusals.GetOrAdd(reason, _ => new SecondCounts(WindowSeconds)).Add(_now(), value);
        }
    }

    private void OnDouble(Instrument instrument, double value)
    {
        if (ReferenceEquals(instrument, EngagementMetrics.LedgerCommitTime))
        {
            _commits.Add(_now(), value);
        }
        else if (ReferenceEquals(instrument, EngagementMetrics.PushLatency))
        {
            var now = _now();
            _pushes.Add(now, value);
            Volatile.Write(ref _lastPushMs, now);
        }
    }

    /// <summary>This process's figures now, as <paramref name="source"/> (e.g. the silo's address).</summary>
    public FiguresReading Read(string source)
    {
        var now = _now();
        var refusals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, counts) in _refusals)
        {
            var n = counts.Sum(now, WindowSeconds);
            if (n > 0)
            {
                refusals[reason] = n;
            }
        }

        var lastPush = Volatile.Read(ref _lastPushMs);
        return new FiguresReading(
            source,
            DateTimeOffset.UtcNow,
            Math.Round(_ballots.Rate(now, RateSeconds), 1),
            Math.Round(_answers.Rate(now, RateSeconds), 1),
            refusals,
            Interlocked.Read(ref _connections),
            lastPush == long.MinValue ? null : Math.Round((now - lastPush) / 1000.0, 1),
            _commits.Read(now, WindowSeconds * 1000L),
            _pushes.Read(now, WindowSeconds * 1000L));
    }

    public void Dispose() => _listener.Dispose();
}
