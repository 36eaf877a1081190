using Engagement.Telemetry;

namespace Engagement.Tests.Operations;

/// <summary>The status strip's windows: counts per second that age out, and nearest-rank percentiles of recent samples.</summary>
public sealed class MetricsWindowTests
{
    // Times in ms of a monotonic clock; 1,000,000 ms is second 1000.
    private const long T = 1_000_000;

    public static TheoryData<long[], long[], long, int, long> Sums => new()
    {
        // adds at (ms), counts, read at, over seconds → sum
        { [T], [5], T, 10, 5 },
        { [T, T + 999], [5, 2], T + 999, 10, 7 },                // one second, two adds
        { [T, T + 9_000], [5, 2], T + 9_500, 10, 7 },            // second 1000 is the tenth second back: still in
        { [T, T + 10_000], [5, 2], T + 10_000, 10, 2 },          // second 1000 is the eleventh back: out
        { [T], [5], T + 60_000, 60, 0 },                         // exactly a minute later: out of a 60 s window
        { [T], [5], T + 59_999, 60, 5 },                         // a moment less: still in
        { [T, T + 60_000], [5, 2], T + 60_000, 60, 2 },          // the ring slot is reused, not added to
        { [T + 5_000], [4], T, 10, 0 },                          // a sample from "the future" (another clock) is not counted
    };

    [Theory]
    [MemberData(nameof(Sums))]
    public void Counts_per_second_age_out_of_the_window(long[] at, long[] counts, long readAt, int seconds, long expected)
    {
        var window = new SecondCounts(60);
        for (var i = 0; i < at.Length; i++)
        {
            window.Add(at[i], counts[i]);
        }

        Assert.Equal(expected, window.Sum(readAt, seconds));
    }

    [Fact]
    public void A_steady_rate_is_read_within_a_few_percent_at_any_moment()
    {
        var window = new SecondCounts(60);
        for (var ms = 0; ms < 20_000; ms += 10)
        {
            window.Add(T + ms, 1); // 100 a second, evenly
            if (ms >= 10_000 && ms % 170 == 0)
            {
                Assert.InRange(window.Rate(T + ms, 10), 95, 105);
            }
        }
    }

    public static TheoryData<double[], double, double, double> Percentiles => new()
    {
        // samples → p50, p95, max (nearest rank: the smallest sample with at least p of them at or below it)
        { [7], 7, 7, 7 },
        { [1, 2], 1, 2, 2 },
        { [3, 1, 2], 2, 3, 3 },
        { [1, 2, 3, 4], 2, 4, 4 },
        { [.. Enumerable.Range(1, 100).Select(i => (double)i)], 50, 95, 100 },
        { [.. Enumerable.Range(1, 20).Select(i => (double)i)], 10, 19, 20 },
        { [5, 5, 5, 500], 5, 500, 500 },
    };

    [Theory]
    [MemberData(nameof(Percentiles))]
    public void Percentiles_are_nearest_rank(double[] samples, double p50, double p95, double max)
    {
        var recent = new RecentSamples(1000);
        foreach (var sample in samples)
        {
            recent.Add(T, sample);
        }

        Assert.Equal(new Spread(samples.Length, p50, p95, max), recent.Read(T, 60_000));
    }

    [Fact]
    public void Samples_older_than_the_window_or_overwritten_are_left_out()
    {
        var recent = new RecentSamples(3);
        Assert.Null(recent.Read(T, 60_000));

        recent.Add(T, 1000);          // aged out below
        recent.Add(T + 50_000, 1);
        recent.Add(T + 55_000, 2);
        Assert.Equal(new Spread(2, 1, 2, 2), recent.Read(T + 60_000, 60_000));

        recent.Add(T + 56_000, 3);    // overwrites the oldest slot
        recent.Add(T + 57_000, 4);    // and the next: only the last three remain
        Assert.Equal(new Spread(3, 3, 4, 4), recent.Read(T + 57_000, 60_000));
        Assert.Null(recent.Read(T + 200_000, 60_000));
    }

    [Fact]
    public void The_listener_sees_what_the_instruments_record()
    {
        var now = T;
        using var figures = new RecentFigures(() => now);
        // Other tests in this process may vote at the same time: compare by at least, never by exactly.
        EngagementMetrics.Ballots.Add(40);
        EngagementMetrics.Refused("test.metrics-window");
        EngagementMetrics.LedgerCommitted(40, TimeSpan.FromMilliseconds(12345));
        EngagementMetrics.PushLatency.Record(3);
        now += 2_000;
        var after = figures.Read("test");

        Assert.True(after.BallotsPerSecond >= 4.4, $"{after.BallotsPerSecond}"); // 40 over the 9.001 s covered, rounded
        Assert.Equal(1, after.RefusalsLastMinute["test.metrics-window"]);
        Assert.True(after.LedgerCommitMs!.Max >= 12345);
        Assert.Equal(2.0, after.LastPushAgeSeconds!.Value, 1);
    }
}
