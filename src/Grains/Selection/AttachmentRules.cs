namespace Engagement.Selection;

/// <summary>
/// Which files a case may carry: JPEG, PNG or WebP images up to 5 MB, or one PDF up to 10 MB. The
/// type is judged by the file's first bytes, not by its name or the browser's word for it.
/// </summary>
public static class AttachmentRules
{
    public const long MaxImageBytes = 5 * 1024 * 1024;
    public const long MaxPdfBytes = 10 * 1024 * 1024;

    public static string Check(string fileName, string declaredType, byte[] content)
    {
        var kind = Sniff(content) ?? throw RuleViolation.Invalid("attachment.bad-type", SafeFileName(fileName));
        var limit = kind == "application/pdf" ? MaxPdfBytes : MaxImageBytes;
        if (content.LongLength > limit)
        {
            throw RuleViolation.Invalid("attachment.too-large", SafeFileName(fileName), Text.Megabytes(limit));
        }

        return kind;
    }

    public static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        _ => null,
    };

    /// <summary>A name safe to put in a Content-Disposition header and on screen.</summary>
    public static string SafeFileName(string? fileName)
    {
        var name = Text.Clean(Path.GetFileName(fileName ?? string.Empty));
        name = new string(name.Where(c => c is not ('"' or '\\' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray());
        return name.Length == 0 ? "file" : name[..Math.Min(name.Length, 100)];
    }
}
