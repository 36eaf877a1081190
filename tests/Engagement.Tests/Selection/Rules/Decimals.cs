using System.Globalization;
using Engagement.Selection.Rules;
using Fractions;

namespace Engagement.Tests.Selection.Rules;

/// <summary>Decimal literals for table rows: attributes cannot hold decimals, and doubles would round.</summary>
internal static class Decimals
{
    /// <summary>"85.5" → 85.5m; "49/6" → 49m / 6m (for means that do not terminate).</summary>
    public static decimal D(string text)
    {
        var slash = text.IndexOf('/');
        return slash < 0
            ? decimal.Parse(text, CultureInfo.InvariantCulture)
            : D(text[..slash]) / D(text[(slash + 1)..]);
    }

    public static decimal? N(string? text) => text is null ? null : D(text);

    /// <summary>"85.5" → 171/2; "220/3" → 220/3 exactly (each side may have decimals: "85.5/3").</summary>
    public static Fraction F(string text)
    {
        var slash = text.IndexOf('/');
        return slash < 0
            ? Exact.Of(decimal.Parse(text, CultureInfo.InvariantCulture))
            : F(text[..slash]) / F(text[(slash + 1)..]);
    }

    public static Fraction? FN(string? text) => text is null ? null : F(text);

    /// <summary>"90 90 80" → [90m, 90m, 80m].</summary>
    public static decimal[] List(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(D).ToArray();

    /// <summary>"0 3" → [0, 3].</summary>
    public static int[] Ints(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>"theme=28 form=22.5" → { theme: 28, form: 22.5 }.</summary>
    public static Dictionary<string, decimal> Marks(string text, IEqualityComparer<string>? comparer = null) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => D(p[1]), comparer ?? StringComparer.Ordinal);

    /// <summary>"a=40 b=30" → { a: 40, b: 30 }.</summary>
    public static Dictionary<string, int> Votes(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
