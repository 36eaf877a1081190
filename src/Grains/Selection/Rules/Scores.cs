namespace Engagement.Selection.Rules;

/// <summary>
/// Scores are <see cref="decimal"/> and kept at full precision for ranking; they are rounded only when
/// shown, so a tie on screen (two cases both "85.33") can still be an honest difference underneath.
/// </summary>
public static class Scores
{
    public const int DisplayDecimals = 2;

    /// <summary>Rounds to 2 decimals, half away from zero (80.125 → 80.13), as people round by hand.</summary>
    public static decimal Display(decimal score) =>
        Math.Round(score, DisplayDecimals, MidpointRounding.AwayFromZero);
}
