namespace Engagement.Tournament.Rules;

/// <summary>
/// Won ÷ lost, compared exactly (no floating point): C值 for sets, Z值 for points. A zero denominator
/// counts as +∞ when something was won (all such quotients are equal: 6/0 = 2/0); 0/0 (nothing played)
/// counts as 0, level with having lost everything.
/// </summary>
public readonly struct Quotient : IComparable<Quotient>, IEquatable<Quotient>
{
    public Quotient(int won, int lost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(won);
        ArgumentOutOfRangeException.ThrowIfNegative(lost);
        Won = won;
        Lost = lost;
    }

    public int Won { get; }

    public int Lost { get; }

    public bool IsInfinite => Lost == 0 && Won > 0;

    /// <summary>For display: <see cref="double.PositiveInfinity"/> when <see cref="IsInfinite"/>, 0 for 0/0.</summary>
    public double Value => IsInfinite ? double.PositiveInfinity : Lost == 0 ? 0 : (double)Won / Lost;

    public static bool operator ==(Quotient left, Quotient right) => left.Equals(right);

    public static bool operator !=(Quotient left, Quotient right) => !left.Equals(right);

    public static bool operator <(Quotient left, Quotient right) => left.CompareTo(right) < 0;

    public static bool operator >(Quotient left, Quotient right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quotient left, Quotient right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quotient left, Quotient right) => left.CompareTo(right) >= 0;

    public int CompareTo(Quotient other)
    {
        if (IsInfinite || other.IsInfinite)
        {
            return IsInfinite.CompareTo(other.IsInfinite);
        }

        // a/b vs c/d with b, d > 0 (or a value of 0 for 0/0): compare a·d with c·b.
        var (a, b) = Lost == 0 ? (0L, 1L) : (Won, (long)Lost);
        var (c, d) = other.Lost == 0 ? (0L, 1L) : (other.Won, (long)other.Lost);
        return (a * d).CompareTo(c * b);
    }

    public bool Equals(Quotient other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Quotient other && Equals(other);

    /// <summary>Equal quotients hash alike: 2/1 and 4/2 reduce to the same fraction.</summary>
    public override int GetHashCode()
    {
        if (IsInfinite)
        {
            return int.MaxValue;
        }

        if (Won == 0)
        {
            return 0;
        }

        var gcd = (int)System.Numerics.BigInteger.GreatestCommonDivisor(Won, Lost);
        return HashCode.Combine(Won / gcd, Lost / gcd);
    }

    public override string ToString() =>
        IsInfinite ? "∞" : Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
}
