using System.Net;
using System.Text.RegularExpressions;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// Every answer the app gives carries the browser-side protections: a Content-Security-Policy that lets
/// pages run only this site's own script and styles and be framed by nobody, nosniff (downloads too) and
/// no Referer (codes and setup tokens travel in page addresses). The pages themselves carry nothing inline
/// that such a policy would block.
/// </summary>
[Collection(Collections.Trust)]
public sealed partial class SecurityHeadersTests(TrustWorld world)
{
    private static readonly string WebRoot = Path.Combine(AppProcess.RepoRoot, "src", "Web", "wwwroot");

    public static TheoryData<string> Pages() => new(Directory.GetFiles(WebRoot, "*.html").Select(f => "/" + Path.GetFileName(f)).Prepend("/"));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_carries_the_security_headers(string page)
    {
        using var response = await new HttpClient().GetAsync(world.Url + page);

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertHeaders(response, page, withPolicy: true, framedBySelf: page == "/screen.html");
    }

    [Theory]
    [InlineData("/screen.html?preview=1")]
    [InlineData("/screen.html?id=main")]
    public async Task The_big_screen_may_be_framed_by_this_site_only_for_the_consoles_preview(string page)
    {
        using var response = await new HttpClient().GetAsync(world.Url + page);

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertHeaders(response, page, withPolicy: true, framedBySelf: true);
    }

    [Theory]
    [InlineData("script", "/js/common.js")]
    [InlineData("stylesheet", "/css/app.css")]
    [InlineData("SignalR client", "/lib/signalr/signalr.min.js")]
    [InlineData("QR code (SVG)", "/api/qr?text=hello")]
    [InlineData("public JSON", "/api/rounds/{vote}/live")]
    [InlineData("problem: not found", "/api/rounds/no-such-round/live")]
    [InlineData("problem: unknown address", "/api/no-such-thing")]
    [InlineData("problem: not a member", "/api/member/rounds")]
    [InlineData("organiser JSON", "/api/org")]
    [InlineData("results download (.xlsx)", "/api/selection/rounds/{published}/export.xlsx")]
    [InlineData("case file download (image)", "/api/attachments/{attachment}")]
    [InlineData("health", "/health")]
    [InlineData("OpenAPI", "/openapi/v1.json")]
    [InlineData("Orleans dashboard", "/dashboard/")]
    public async Task Every_kind_of_response_carries_the_security_headers(string kind, string path)
    {
        path = path.Replace("{vote}", world.Vote.RoundId).Replace("{published}", world.Published)
            .Replace("{attachment}", path.Contains("{attachment}") ? await world.AttachmentAsync() : string.Empty);

        using var response = await world.Organiser.Http.GetAsync(path);

        Assert.True((int)response.StatusCode is 200 or 403 or 404, $"{kind}: {path} answered {(int)response.StatusCode}");
        AssertHeaders(response, kind, withPolicy: true);
    }

    [Fact]
    public async Task A_pdf_case_file_is_served_with_nosniff_and_without_a_page_policy_that_would_stop_the_viewer()
    {
        using var response = await world.Organiser.Http.GetAsync($"/api/attachments/{await world.AttachmentAsync(pdf: true)}");

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertHeaders(response, "PDF", withPolicy: false);
    }

    [Fact]
    public void No_page_carries_inline_script_style_or_event_handlers()
    {
        var findings = new List<string>();
        foreach (var file in Directory.GetFiles(WebRoot, "*.html"))
        {
            var html = File.ReadAllText(file);
            findings.AddRange(InlineScript().Matches(html).Select(m => $"{Path.GetFileName(file)}: inline <script>: {m.Value}"));
            findings.AddRange(StyleBlock().Matches(html).Select(m => $"{Path.GetFileName(file)}: <style> block"));
            findings.AddRange(Attribute().Matches(html).Select(m => $"{Path.GetFileName(file)}: attribute {m.Value}"));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(WebRoot, "js"), "*.js"))
        {
            // The pages' el() helper turns attributes into setAttribute calls: a style or on… string there is inline too.
            findings.AddRange(ScriptAttribute().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"));
        }

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    private static void AssertHeaders(HttpResponseMessage response, string what, bool withPolicy, bool framedBySelf = false)
    {
        string? Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
            : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;

        Assert.True(Header("X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options is {Header("X-Content-Type-Options") ?? "missing"}");
        var frameOptions = framedBySelf ? "SAMEORIGIN" : "DENY";
        Assert.True(Header("X-Frame-Options") == frameOptions, $"{what}: X-Frame-Options is {Header("X-Frame-Options") ?? "missing"}, expected {frameOptions}");
        Assert.True(Header("Referrer-Policy") == "no-referrer", $"{what}: Referrer-Policy is {Header("Referrer-Policy") ?? "missing"}");
        var policy = Header("Content-Security-Policy");
        if (!withPolicy)
        {
            Assert.Null(policy);
            return;
        }

        Assert.True(policy is not null, $"{what}: no Content-Security-Policy");
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal(framedBySelf ? "frame-ancestors 'self'" : "frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Contains("'self'", directives["default-src"]);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex StyleBlock();

    [GeneratedRegex(@"\s(?:style|on[a-z]+)\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"[{,]\s*['""]?(?:style|on[a-z]+)['""]?\s*:\s*['""]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptAttribute();
}
