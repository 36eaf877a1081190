using System.Text.RegularExpressions;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Web;

/// <summary>
/// Strings are split per page (js/strings/&lt;page&gt;.js beside the shared ones in js/i18n.js), so a page that names a
/// key it does not load would show the key itself. These checks read the files a page loads, as the browser would.
/// </summary>
public sealed partial class PageStringsTests
{
    private static readonly string WebRoot = Path.Combine(SourceTree.Root, "src", "Web", "wwwroot");

    public static TheoryData<string> Pages() =>
        new(Directory.GetFiles(WebRoot, "*.html").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_key_a_page_names_is_defined_in_the_strings_it_loads_in_both_languages(string page)
    {
        var html = File.ReadAllText(Path.Combine(WebRoot, page));
        var scripts = ScriptTag().Matches(html).Select(m => m.Groups[1].Value.Replace("#[.{fingerprint}]", string.Empty, StringComparison.Ordinal)).Where(s => s.StartsWith("js/", StringComparison.Ordinal)).ToList();
        Assert.Contains("js/i18n.js", scripts);

        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var script in scripts.Where(s => s == "js/i18n.js" || s.StartsWith("js/strings/", StringComparison.Ordinal)))
        {
            foreach (Match entry in Entry().Matches(File.ReadAllText(Path.Combine(WebRoot, script))))
            {
                defined[entry.Groups[1].Value] = entry.Groups[2].Value;
            }
        }

        var code = html + string.Concat(scripts.Where(s => !s.StartsWith("js/strings/", StringComparison.Ordinal) && s != "js/i18n.js")
            .Select(s => File.ReadAllText(Path.Combine(WebRoot, s))));
        var named = KeyUse().Matches(code).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(named);

        var missing = named.Where(k => !defined.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, $"{page} names keys it never loads: {string.Join(", ", missing)}");
        var halfDone = named.Where(k => !defined[k].Contains("zh:", StringComparison.Ordinal) || !defined[k].Contains("en:", StringComparison.Ordinal)).ToList();
        Assert.True(halfDone.Count == 0, $"{page} has keys without both languages: {string.Join(", ", halfDone)}");
    }

    [Fact]
    public void Each_key_is_defined_in_one_file_only()
    {
        var files = Directory.GetFiles(Path.Combine(WebRoot, "js", "strings"), "*.js").Append(Path.Combine(WebRoot, "js", "i18n.js"));
        var twice = files.SelectMany(f => Entry().Matches(File.ReadAllText(f)).Select(m => (Key: m.Groups[1].Value, File: Path.GetFileName(f))))
            .GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({string.Join(", ", g.Select(e => e.File))})").ToList();
        Assert.True(twice.Count == 0, "Keys defined twice: " + string.Join("; ", twice));
    }

    [GeneratedRegex("""<script(?: type="text/x-later")? src="([^"]+)"></script>""")]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"^\s*'([a-zA-Z][\w.\-]*)':\s*(\{.*\})", RegexOptions.Multiline)]
    private static partial Regex Entry();

    /// <summary>Literal keys only: data-i18n attributes and t('key'…) calls (keys built at run time are not seen here).</summary>
    [GeneratedRegex("""(?:data-i18n(?:-placeholder|-title|-aria-label)?="|\bt\(')([a-zA-Z][\w\-]*\.[\w.\-]+)(?<!\.)(?:"|')(?!\s*\+)""")]
    private static partial Regex KeyUse();
}
