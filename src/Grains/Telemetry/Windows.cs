namespace Engagement.Telemetry;

/// <summary>
/// Counts per second for the last <c>seconds</c> seconds, in a ring: adding is a lock and an add, reading sums the
/// slots still inside the window. Times are milliseconds of a monotonic clock (<see cref="Environment.TickCount64"/>).
/// </summary>
public sealed class SecondCounts
{
    private readonly long[] _second;
    private readonly long[] _count;

    public SecondCounts(int seconds)
    {
        _second = new long[seconds];
        _count = new long[seconds];
        Array.Fill(_second, long.MinValue);
    }

    public void Add(long nowMs, long n)
    {
        var second = nowMs / 1000;
        var slot = (int)(second % _second.Length);
        lock (_count)
        {
            if (_second[slot] != second)
            {
                _second[slot] = second;
                _count[slot] = 0;
            }

            _count[slot] += n;
        }
    }

    /// <summary>The total of the current second and the <paramref name="seconds"/> − 1 before it.</summary>
    public long Sum(long nowMs, int seconds)
    {
        var now = nowMs / 1000;
        var from = now - Math.Min(seconds, _second.Length) + 1;
        long sum = 0;
        lock (_count)
        {
            for (var i = 0; i < _second.Length; i++)
            {
                if (_second[i] >= from && _second[i] <= now)
                {
                    sum += _count[i];
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Per second over the last <paramref name="seconds"/> seconds: the sum divided by the time it covers — the
    /// whole earlier seconds plus the part of the current one gone by — so a burst shows at once instead of a
    /// second later, and a steady rate reads as itself at any moment within the second.
    /// </summary>
    public double Rate(long nowMs, int seconds)
    {
        seconds = Math.Min(seconds, _second.Length);
        var covered = seconds - 1 + Math.Max(nowMs % 1000, 1) / 1000.0;
        return Sum(nowMs, seconds) / covered;
    }
}

/// <summary>
/// The most recent samples (at most <c>capacity</c>) with the time each was taken; reads give nearest-rank percentiles
/// of those inside a window. Recording is a lock and two stores; reading sorts a copy (a few times a second at most).
/// </summary>
public sealed class RecentSamples(int capacity)
{
    private readonly double[] _value = new double[capacity];
    private readonly long[] _at = new long[capacity];
    private long _written;

    public void Add(long nowMs, double value)
    {
        lock (_value)
        {
            var slot = (int)(_written++ % _value.Length);
            _value[slot] = value;
            _at[slot] = nowMs;
        }
    }

    /// <summary>The spread of the samples taken in the last <paramref name="windowMs"/>; null when there are none.</summary>
    public Spread? Read(long nowMs, long windowMs)
    {
        double[] inside;
        lock (_value)
        {
            var held = (int)Math.Min(_written, _value.Length);
            var list = new List<double>(held);
            for (var i = 0; i < held; i++)
            {
                if (nowMs - _at[i] < windowMs && _at[i] <= nowMs)
                {
                    list.Add(_value[i]);
                }
            }

            inside = [.. list];
        }

        if (inside.Length == 0)
        {
            return null;
        }

        Array.Sort(inside);
        return new Spread(inside.Length, NearestRank(inside, 0.50), NearestRank(inside, 0.95), inside[^1]);
    }

    /// <summary>The smallest sample with at least <paramref name="p"/> of the samples at or below it.</summary>
    public static double NearestRank(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
