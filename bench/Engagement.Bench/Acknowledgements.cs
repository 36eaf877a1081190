using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>
/// When each ballot was acknowledged, numbered k = 1, 2, … in the order the answers arrived: the k-th
/// acknowledgement is "the hall now has at least k ballots", which is what a tally update is compared with.
/// </summary>
public sealed class Acknowledgements(int capacity)
{
    private readonly long[] _at = new long[capacity];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Record()
    {
        var at = Stopwatch.GetTimestamp();
        _at[Interlocked.Increment(ref _count) - 1] = at;
    }

    public long[] Timestamps() => _at.AsSpan(0, Count).ToArray();
}
