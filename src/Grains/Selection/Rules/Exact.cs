using System.Globalization;
using Fractions;

namespace Engagement.Selection.Rules;

/// <summary>
/// Scores are compared as exact fractions: 0.7 × 220/3 + 0.3 × 100/9 and 0.7 × 40 + 0.3 × 800/9 are both
/// 164/3, a tie, where decimal arithmetic leaves them apart in the 28th place and ranks one above the
/// other by rounding noise. Views carry decimals made from the exact value, and its "n/d" text where a
/// later step must recompute exactly.
/// </summary>
public static class Exact
{
    public static Fraction Of(decimal value) => Fraction.FromDecimal(value);

    /// <summary>Reduced "n/d", or "n" for a whole number: 164/3, 85, -1/2.</summary>
    public static string Text(Fraction value) => value.Reduce().ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <see cref="Text"/> back; false for anything else (a missing or hand-edited value).</summary>
    public static bool TryParse(string? text, out Fraction value)
    {
        value = Fraction.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var numerator = slash < 0 ? text : text[..slash];
        var denominator = slash < 0 ? "1" : text[(slash + 1)..];
        if (!System.Numerics.BigInteger.TryParse(numerator, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            || !System.Numerics.BigInteger.TryParse(denominator, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || d.IsZero)
        {
            return false;
        }

        value = new Fraction(n, d);
        return true;
    }

    /// <summary>The nearest decimal (28 significant digits): for views, never for comparing.</summary>
    public static decimal ToDecimal(Fraction value) => value.ToDecimal();

    public static Fraction Sum(IEnumerable<Fraction> values) => values.Aggregate(Fraction.Zero, (sum, v) => sum + v);
}
