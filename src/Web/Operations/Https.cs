using Engagement.Silo.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Operations;

/// <summary>
/// HTTPS for the two ways a county install meets it.
/// <list type="bullet">
/// <item>The app serves HTTPS itself: Kestrel's own configuration names the endpoint and its certificate
/// (<c>Kestrel:Endpoints:Https:Url</c> + <c>Certificate:Path</c> and <c>Password</c> for a PFX, or <c>Path</c> +
/// <c>KeyPath</c> for PEM files), so no certificate code of ours. Then plain HTTP is redirected to HTTPS, HTTPS
/// answers carry HSTS, and sign-in cookies are always Secure.</item>
/// <item>A proxy in front ends TLS (nginx, a load balancer): the app speaks plain HTTP to it, and a proxy named in
/// <c>Engagement:TrustedProxies</c> says <c>X-Forwarded-Proto: https</c> (<see cref="ReverseProxy"/>). Those requests
/// count as HTTPS: HSTS is sent and cookies are Secure. The proxy redirects HTTP itself, so the app never does
/// here (it could not tell an HTTP phone from the proxy's own HTTPS hop without the header anyway).</item>
/// </list>
/// A plain-HTTP install on a hall's network (http://192.168.x.x) is untouched: nothing is redirected, no HSTS
/// (browsers ignore it over HTTP) and cookies stay SameAsRequest. See docs/operations/https.md.
/// </summary>
public static class Https
{
    public const string HstsMaxAgeKey = "Engagement:Https:HstsMaxAgeDays";

    /// <summary>
    /// A month: long enough to cover repeat visits between events, short enough that a county which lets its
    /// certificate lapse or moves back to plain HTTP does not lock its phones out for a year.
    /// </summary>
    public const int DefaultHstsMaxAgeDays = 30;

    /// <summary>Path prefixes never redirected; see <see cref="UseEngagementHttps"/>.</summary>
    public static readonly PathString[] PlainHttpPrefixes = [new("/health"), new(Metrics.Path)];

    public static WebApplicationBuilder AddEngagementHttps(this WebApplicationBuilder builder)
    {
        var servesHttps = ServesHttps(builder.Configuration);
        var maxAgeDays = builder.Configuration.GetValue(HstsMaxAgeKey, DefaultHstsMaxAgeDays);
        if (maxAgeDays < 0)
        {
            throw new StartupRefusal($"{HstsMaxAgeKey} must be 0 (no HSTS) or a number of days, not {maxAgeDays}.");
        }

        builder.Services.AddSingleton(new HttpsSettings(servesHttps, TimeSpan.FromDays(maxAgeDays)));
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(maxAgeDays);
            // No includeSubDomains: a county's domain often hosts other, older sites that are HTTP only.
            // No preload: it is hard to undo and a decision for whoever owns the domain, not for this app.
            o.IncludeSubDomains = false;
            o.Preload = false;
        });
        if (servesHttps)
        {
            builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(
                new PostConfigureOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
                    cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always));
        }

        CertificateCheck.ThrowIfUnreadable(builder.Configuration, builder.Environment.ContentRootPath);

        return builder;
    }

    /// <summary>After the forwarded headers (so a trusted proxy's https counts), before anything that answers.</summary>
    public static IApplicationBuilder UseEngagementHttps(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<HttpsSettings>();
        if (settings.ServesHttps)
        {
            // Health probes stay on plain HTTP: a load balancer or container orchestrator usually probes the
            // HTTP port and does not follow redirects, so a redirect would read as "down" and take the host out.
            // So does /metrics (open only to the configured network, see Metrics.cs): a Prometheus on that network
            // scrapes plain HTTP and should not need this site's certificate to do so.
            app.UseWhen(http => !PlainHttpPrefixes.Any(p => http.Request.Path.StartsWithSegments(p)), https => https.UseHttpsRedirection());
        }

        // UseHsts only writes the header on HTTPS requests (the app's own or a trusted proxy's), and never for
        // localhost or an IP address, so a plain-HTTP install never sees it.
        if (settings.HstsMaxAge > TimeSpan.Zero)
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>
    /// True when Kestrel's configuration names an HTTPS endpoint (<c>Kestrel:Endpoints:*:Url</c> starting with
    /// https). An HTTPS address given only with <c>urls</c> / ASPNETCORE_URLS (a developer's side-by-side HTTP and
    /// HTTPS) serves both without redirecting, as before.
    /// </summary>
    public static bool ServesHttps(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => (e["Url"] ?? string.Empty).StartsWith("https:", StringComparison.OrdinalIgnoreCase));

    /// <summary>The HTTPS addresses Kestrel is configured with, for the start-up banner.</summary>
    public static IEnumerable<string> HttpsEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"] ?? string.Empty)
            .Where(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
}

/// <summary>What <see cref="Https.AddEngagementHttps"/> decided, for the pipeline and the banner.</summary>
public sealed record HttpsSettings(bool ServesHttps, TimeSpan HstsMaxAge);
