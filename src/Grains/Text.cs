using System.Text;

namespace Engagement;

/// <summary>Normalising what people type or paste from spreadsheets.</summary>
public static class Text
{
    /// <summary>
    /// Trims, folds full-width spaces and runs of whitespace into one space, and drops control
    /// characters (WPS exports carry stray tabs and non-breaking spaces).
    /// </summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        // Runes, not chars: a lone surrogate (invalid Unicode) comes out as U+FFFD and is dropped.
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (rune == Rune.ReplacementChar || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Key for matching names regardless of case and spacing.</summary>
    public static string Key(string? value) => Clean(value).Replace(" ", string.Empty).ToUpperInvariant();

    /// <summary>
    /// A size limit as people read it ("12 MB", "0.5 MB"): every message about a limit is made from the
    /// limit itself, so the two can never disagree.
    /// </summary>
    public static string Megabytes(long bytes) =>
        (bytes / (1024m * 1024m)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
