using Fractions;

namespace Engagement.Selection.Rules;

/// <summary>
/// Scores are ranked as exact fractions (<see cref="Exact"/>) and rounded only when shown, so a tie on
/// screen (two cases both "85.33") can still be an honest difference underneath — and an exact tie is one.
/// </summary>
public static class Scores
{
    public const int DisplayDecimals = 2;

    /// <summary>Rounds to 2 decimals, half away from zero (80.125 → 80.13), as people round by hand.</summary>
    public static decimal Display(decimal score) =>
        Math.Round(score, DisplayDecimals, MidpointRounding.AwayFromZero);

    /// <summary>The exact score rounded once, to 2 decimals, half away from zero (164/3 → 54.67).</summary>
    public static decimal Display(Fraction score) =>
        Fraction.Round(score, DisplayDecimals, MidpointRounding.AwayFromZero).ToDecimal();

    /// <summary>A judge's mean total on the 0–100 scale of the vote score: 100 × mean ÷ rubric maximum.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rubric maximum is not above zero.</exception>
    public static Fraction OnHundredScale(Fraction meanTotal, decimal rubricMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rubricMax);
        return new Fraction(100) * meanTotal / Exact.Of(rubricMax);
    }
}
