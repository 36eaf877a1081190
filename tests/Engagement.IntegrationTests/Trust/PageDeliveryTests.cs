using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Trust;

/// <summary>
/// A phone in the hall's Wi-Fi gets every page and script compressed, scripts under content-hashed names it may keep
/// for a year, and pages it must revalidate (so a new version reaches it at once). The first visit to the member
/// page stays under 100 KB on the wire (issue #10); the figures are printed for docs/benchmarks.md.
/// </summary>
[Collection(Collections.Trust)]
public sealed partial class PageDeliveryTests(TrustWorld world, ITestOutputHelper output)
{
    private static readonly string WebRoot = Path.Combine(AppProcess.RepoRoot, "src", "Web", "wwwroot");

    public static TheoryData<string> Pages() => new(Directory.GetFiles(WebRoot, "*.html").Select(f => "/" + Path.GetFileName(f)));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_is_compressed_revalidated_and_names_its_scripts_by_content_hash(string page)
    {
        using var http = Browser();
        using var response = await http.GetAsync(world.Url + page);
        await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(response.Headers.CacheControl?.NoCache, $"{page}: a page must be revalidated, not kept ({response.Headers.CacheControl})");
        Assert.NotNull(response.Headers.ETag);

        var html = await DecodedAsync(response);
        var scripts = LocalScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        var plain = scripts.Where(s => !Fingerprinted().IsMatch(s)).ToList();
        Assert.True(plain.Count == 0, $"{page} loads scripts without a content hash in their name: {string.Join(", ", plain)}");

        foreach (var script in scripts)
        {
            using var asset = await http.GetAsync(world.Url + "/" + script);
            await asset.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("br", Assert.Single(asset.Content.Headers.ContentEncoding));
            Assert.True(asset.Headers.CacheControl is { MaxAge.TotalDays: >= 365 } cache && cache.Extensions.Any(e => e.Name == "immutable"),
                $"{script}: {asset.Headers.CacheControl}");
        }

        // Coming back: the page answers 304 to the ETag it gave.
        using var again = new HttpRequestMessage(HttpMethod.Get, world.Url + page);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task The_site_root_is_the_landing_page()
    {
        using var http = Browser();
        using var response = await http.GetAsync(world.Url + "/");
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("js/strings/index.", await DecodedAsync(response));
    }

    [Fact]
    public async Task A_first_visit_to_the_member_page_is_under_100_KB_on_the_wire()
    {
        using var http = Browser();
        using var page = await http.GetAsync(world.Url + "/member.html");
        var html = await DecodedAsync(page);
        long wire = page.Content.Headers.ContentLength ?? 0, plain = html.Length;
        var requests = 1;
        var assets = LocalScript().Matches(html).Select(m => m.Groups[1].Value)
            .Concat(Stylesheet().Matches(html).Select(m => m.Groups[1].Value)).ToList();
        foreach (var asset in assets)
        {
            using var answer = await http.GetAsync(world.Url + "/" + asset);
            await answer.ExpectAsync(HttpStatusCode.OK);
            wire += answer.Content.Headers.ContentLength ?? 0;
            plain += (await DecodedAsync(answer)).Length;
            requests++;
        }

        output.WriteLine($"member page, first visit: {requests} files, {wire / 1024.0:F1} KB on the wire (brotli), {plain / 1024.0:F1} KB of text");
        Assert.True(wire < 100 * 1024, $"{wire} bytes on the wire");
    }

    /// <summary>A client that says what Chromium says and does not decode, so the bytes counted are the bytes sent.</summary>
    private static HttpClient Browser()
    {
        var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
        http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        return http;
    }

    private static async Task<string> DecodedAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentEncoding.Contains("br"))
        {
            using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(brotli);
            return await reader.ReadToEndAsync();
        }

        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Scripts loaded at once and those loaded later (type="text/x-later", see common.js): a first visit gets both.</summary>
    [GeneratedRegex("""<script(?: type="text/x-later")? src="((?:js|lib)/[^"]+)"></script>""")]
    private static partial Regex LocalScript();

    [GeneratedRegex("""<link rel="stylesheet" href="(css/[^"]+)">""")]
    private static partial Regex Stylesheet();

    /// <summary>The build's fingerprint: ten lower-case letters or digits before the extension (js/member.3cmguap31e.js).</summary>
    [GeneratedRegex(@"\.[a-z0-9]{10}\.js$")]
    private static partial Regex Fingerprinted();
}
