using System.Net;
using System.Net.Http.Json;
using Engagement.IntegrationTests.Access;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using TestCertificate = Engagement.Testing.TestCertificate;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// HTTPS as a county install meets it: the app serving a certificate from Kestrel's configuration (PFX or PEM) beside
/// a plain HTTP port, and the app behind a TLS-terminating proxy. Requests carry a real host name (the test
/// certificate's), since browsers and ASP.NET Core never apply HSTS to localhost or an IP address.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class HttpsTests : IDisposable
{
    private const string ProxyAddress = "127.0.0.31";
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Serving_a_PFX_redirects_HTTP_sends_HSTS_and_marks_cookies_Secure_but_leaves_health_probes_on_HTTP()
    {
        await ServesHttpsAsync(new()
        {
            ["Kestrel:Endpoints:Https:Certificate:Path"] = _certificate.PfxPath,
            ["Kestrel:Endpoints:Https:Certificate:Password"] = TestCertificate.Password,
        }, expectedHsts: "max-age=2592000"); // the default: 30 days, no includeSubDomains, no preload
    }

    [Fact]
    public async Task Serving_PEM_files_redirects_HTTP_sends_HSTS_and_marks_cookies_Secure_but_leaves_health_probes_on_HTTP()
    {
        await ServesHttpsAsync(new()
        {
            ["Kestrel:Endpoints:Https:Certificate:Path"] = _certificate.PemCertificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = _certificate.PemKeyPath,
            // An IT person who shortens HSTS (e.g. while trying HTTPS out) gets exactly that.
            ["Engagement:Https:HstsMaxAgeDays"] = "1",
        }, expectedHsts: "max-age=86400");
    }

    [Fact]
    public async Task Plain_HTTP_install_neither_redirects_nor_sends_HSTS_and_only_a_trusted_proxys_https_makes_cookies_Secure()
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = Path.Combine(_temp.Path, "data");
        settings["Engagement:TrustedProxies"] = ProxyAddress;
        await using var app = await AppProcess.StartWebAsync("https-plain", settings);
        var port = new Uri(app.Url!).Port;
        using var direct = _certificate.Client();

        // A hall's plain-HTTP install: pages answer as they are, no HSTS, the cookie is not Secure.
        using var page = await direct.GetAsync($"http://{_certificate.HostName}:{port}/member.html?from=qr");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var plainCookie = await SignInCookieAsync(direct, $"http://{_certificate.HostName}:{port}");
        Assert.DoesNotContain("secure", Attributes(plainCookie));

        // Behind a TLS-terminating proxy the app is told the phone used HTTPS: HSTS, Secure cookie, and no redirect (no loop).
        foreach (var (sender, believed) in new[] { (ProxyAddress, true), ("127.0.0.32", false) })
        {
            using var proxy = LoopbackClient.From(app.Url!, sender);
            using var request = Forwarded(new HttpRequestMessage(HttpMethod.Get, "/member.html"));
            using var forwardedPage = await proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, forwardedPage.StatusCode);
            Assert.Equal(believed, forwardedPage.Headers.Contains("Strict-Transport-Security"));

            using var signIn = Forwarded(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = OrganiserLogin() });
            using var signedIn = await proxy.SendAsync(signIn);
            await signedIn.ExpectAsync(HttpStatusCode.OK);
            var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("engagement=", StringComparison.Ordinal));
            Assert.True(Attributes(cookie).Contains("secure") == believed, $"From {sender} (trusted: {believed}): {cookie}");
            Assert.Equal(believed, signedIn.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("wrong-password")]
    public async Task An_unreadable_certificate_stops_start_up_naming_the_setting(string fault)
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = Path.Combine(_temp.Path, "data");
        settings["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{AppProcess.FreePort()}";
        settings["Kestrel:Endpoints:Https:Certificate:Path"] = fault == "missing-file" ? Path.Combine(_temp.Path, "no-such.pfx") : _certificate.PfxPath;
        settings["Kestrel:Endpoints:Https:Certificate:Password"] = fault == "missing-file" ? TestCertificate.Password : "not-the-password";

        AppProcess? started = null;
        InvalidOperationException failure;
        try
        {
            failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => started = await AppProcess.StartWebAsync("https-bad-" + fault, settings, TimeSpan.FromSeconds(60)));
        }
        finally
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }
        }

        var expected = fault == "missing-file"
            ? "HTTPS certificate not found: Kestrel:Endpoints:Https:Certificate:Path"
            : "check Kestrel:Endpoints:Https:Certificate:Password";
        Assert.Contains(expected, failure.Message);
        Assert.Contains("exited with 1 ", failure.Message);
        Assert.DoesNotContain("Unhandled exception", failure.Message);
    }

    private async Task ServesHttpsAsync(Dictionary<string, string> certificate, string expectedHsts)
    {
        var httpPort = AppProcess.FreePort();
        var httpsPort = AppProcess.FreePort();
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = Path.Combine(_temp.Path, "data");
        // The harness probes readiness on the first address, plain HTTP: health probes are never redirected.
        settings["urls"] = $"http://127.0.0.1:{httpPort}";
        settings["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{httpPort}";
        settings["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{httpsPort}";
        foreach (var (key, value) in certificate)
        {
            settings[key] = value;
        }

        await using var app = await AppProcess.StartWebAsync("https", settings);
        using var client = _certificate.Client();
        var http = $"http://{_certificate.HostName}:{httpPort}";
        var https = $"https://{_certificate.HostName}:{httpsPort}";

        using var redirected = await client.GetAsync($"{http}/member.html?code=ABCD-1234&lang=en");
        Assert.True(redirected.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"HTTP answered {redirected.StatusCode}");
        Assert.Equal($"{https}/member.html?code=ABCD-1234&lang=en", redirected.Headers.Location?.ToString());
        Assert.False(redirected.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP means nothing and must not be sent");

        // A sign-in posted over HTTP is redirected too (307/308 keep the method), not answered in the clear.
        using var postOverHttp = await client.PostAsync($"{http}/api/auth/login", OrganiserLogin());
        Assert.Equal($"{https}/api/auth/login", postOverHttp.Headers.Location?.ToString());
        Assert.False(postOverHttp.Headers.Contains("Set-Cookie"));

        using var page = await client.GetAsync($"{https}/member.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var hsts = Assert.Single(page.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal(expectedHsts, hsts);

        var cookie = await SignInCookieAsync(client, https);
        var attributes = Attributes(cookie);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);

        // Probes and a Prometheus on the allowed network (loopback by default) stay on plain HTTP.
        foreach (var probe in new[] { "/health/ready", "/health/live", "/health", "/metrics" })
        {
            using var health = await client.GetAsync(http + probe);
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{probe} over HTTP answered {health.StatusCode} {health.Headers.Location}");
        }
    }

    private static async Task<string> SignInCookieAsync(HttpClient client, string baseUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/auth/login") { Content = OrganiserLogin() };
        request.Headers.Add(AccessMatrix.CsrfHeader, "1");
        using var response = await client.SendAsync(request);
        await response.ExpectAsync(HttpStatusCode.OK);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("engagement=", StringComparison.Ordinal));
    }

    private HttpRequestMessage Forwarded(HttpRequestMessage request)
    {
        request.Headers.Host = _certificate.HostName;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.20");
        return request;
    }

    private static JsonContent OrganiserLogin() => JsonContent.Create(new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword });

    private static List<string> Attributes(string cookie) => cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();

    public void Dispose()
    {
        _certificate.Dispose();
        _temp.Dispose();
    }
}

/// <summary>The operations tests (HTTPS, keys, request ids) each start their own app, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection
{
    public const string Name = "Operations: HTTPS, keys, request ids";
}
