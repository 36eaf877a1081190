using System.Diagnostics.Metrics;

namespace Engagement.Telemetry;

/// <summary>
/// Our own figures, on one <see cref="Meter"/> named <see cref="MeterName"/>: plain System.Diagnostics.Metrics, so grains,
/// the ledger and the web host record them without knowing who listens (OpenTelemetry's /metrics, the status strip's
/// <see cref="RecentFigures"/>, <c>dotnet-counters</c>). Recording with nobody listening costs a branch; with listeners, an
/// add per call — the ballot path records once per written batch, not once per ballot.
/// </summary>
/// <remarks>
/// Where each figure is true: ballots, answers and refusals are counted by the grains and ledger commits by the ledger —
/// in the silo's process (the web host's in embedded mode); connections and push latency by the web host that holds the
/// SignalR connections. docs/operations/metrics.md lists which process exposes which series.
/// </remarks>
public static class EngagementMetrics
{
    public const string MeterName = "Engagement";

    /// <summary>The tag on <see cref="Refusals"/>: the rule's problem code (a fixed set, e.g. "round.not-open").</summary>
    public const string ReasonTag = "reason";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Ballots made durable and acknowledged (a retry of an acknowledged ballot is not counted again).</summary>
    public static readonly Counter<long> Ballots = Meter.CreateCounter<long>(
        "engagement.ballots.acknowledged", "{ballot}", "Ballots written to the ledger and acknowledged to the phone.");

    /// <summary>Contest answers made durable and acknowledged.</summary>
    public static readonly Counter<long> Answers = Meter.CreateCounter<long>(
        "engagement.answers.acknowledged", "{answer}", "Contest answers written to the ledger and acknowledged to the phone.");

    /// <summary>Ballots and answers a rule refused, by <see cref="ReasonTag"/>.</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "engagement.refusals", "{refusal}", "Ballots and answers refused by a rule, by reason (the problem code).");

    /// <summary>SignalR connections open on this web host.</summary>
    public static readonly UpDownCounter<long> LiveConnections = Meter.CreateUpDownCounter<long>(
        "engagement.live.connections", "{connection}", "Live (SignalR) connections open on this web host.");

    /// <summary>From a grain publishing a change to this web host having sent it to its SignalR connections.</summary>
    public static readonly Histogram<double> PushLatency = Meter.CreateHistogram(
        "engagement.live.push.latency", "ms", "From a grain publishing a live change to this web host having sent it to its connections.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });

    /// <summary>Ledger entries per database transaction (group commit: a batch of ballots is one commit).</summary>
    public static readonly Histogram<int> LedgerBatchSize = Meter.CreateHistogram(
        "engagement.ledger.commit.size", "{entry}", "Ledger entries written per database transaction.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });

    /// <summary>One ledger transaction: open (pooled) connection, insert the batch, commit (the fsync).</summary>
    public static readonly Histogram<double> LedgerCommitTime = Meter.CreateHistogram(
        "engagement.ledger.commit.duration", "ms", "Time to write and commit one ledger batch to the database.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });

    /// <summary>Counts one refusal; the reason is a problem code, a bounded set, so the series stay few.</summary>
    public static void Refused(string? reason) =>
        Refusals.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason ?? "unknown"));

    /// <summary>Records a committed ledger batch: its size and how long the transaction took.</summary>
    public static void LedgerCommitted(int entries, TimeSpan took)
    {
        LedgerBatchSize.Record(entries);
        LedgerCommitTime.Record(took.TotalMilliseconds);
    }
}
