using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace Engagement.Web.Operations;

/// <summary>
/// Headers that tell browsers what a response may do, on every answer the app gives (pages, scripts,
/// API, problems, downloads). The pages load scripts and styles from this site only and carry no inline
/// script, style block or event handler, so a name that slipped markup past the pages' text-only DOM
/// building still could not run script. Codes and setup tokens travel in page addresses, so no Referer
/// is ever sent. Nothing may frame the pages (clickjacking of the console or a judge's tablet), except that this site's
/// own pages may frame the read-only big screen (the console's presenter preview).
/// The headers are written by NetEscapades.AspNetCore.SecurityHeaders from the named policies below;
/// the constants are the exact values those policies produce.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// connect-src names ws: and wss: besides 'self' because older WebViews (WeChat's among them) do not
    /// count a same-host WebSocket as 'self', and SignalR's live push needs it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Orleans dashboard is third-party and organiser-only; its page carries an inline style and its
    /// bundled stylesheet embeds icons and fonts as data: URIs. Its script is still this site's own only.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The big screen may be framed by this site's own pages (the console's presenter preview shows the real
    /// screen page, scaled down), and by nothing else; every other page stays unframeable.
    /// </summary>
    public const string ScreenContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>The page the console's preview frames.</summary>
    public const string ScreenPage = "/screen.html";

    public const string ReferrerPolicy = "no-referrer";

    /// <summary>Policy names registered with the library (the default policy is <see cref="Pages"/>).</summary>
    public const string Pages = "pages";
    public const string Dashboard = "dashboard";
    public const string Screen = "screen";
    public const string WithoutPolicy = "without-content-security-policy";

    /// <summary>Registers the three policies and the per-response choice between them.</summary>
    public static IServiceCollection AddEngagementSecurityHeaders(this IServiceCollection services) =>
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(p => Common(p).AddContentSecurityPolicy(PagePolicy))
            .AddPolicy(Pages, p => Common(p).AddContentSecurityPolicy(PagePolicy))
            .AddPolicy(Dashboard, p => Common(p).AddContentSecurityPolicy(DashboardPolicy))
            .AddPolicy(Screen, p => Common(p, sameOriginFrames: true).AddContentSecurityPolicy(ScreenPolicy))
            .AddPolicy(WithoutPolicy, p => Common(p))
            // The library calls the selector from Response.OnStarting, just before it writes the headers, so
            // the response's Content-Type (set by the endpoint) is known here; see PolicyFor.
            .SetPolicySelector(context => context.ConfiguredPolicies[PolicyFor(context.HttpContext.Request.Path, context.HttpContext.Response.ContentType)]));

    /// <summary>First in the pipeline, so even refusals written by later middleware carry the headers.</summary>
    public static IApplicationBuilder UseEngagementSecurityHeaders(this IApplicationBuilder app) => app.UseSecurityHeaders();

    /// <summary>
    /// The name of the policy for a response. A PDF attachment opens in the browser's own viewer, which a
    /// document policy can stop from loading; it runs no script in this site's origin, so it goes without one.
    /// </summary>
    public static string PolicyFor(PathString path, string? contentType)
    {
        if (contentType is not null && contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return WithoutPolicy;
        }

        if (path.Equals(ScreenPage, StringComparison.OrdinalIgnoreCase))
        {
            return Screen;
        }

        return path.StartsWithSegments("/dashboard") ? Dashboard : Pages;
    }

    /// <summary>The headers every response carries. No HSTS here: HTTPS is configured separately.</summary>
    private static HeaderPolicyCollection Common(HeaderPolicyCollection policy, bool sameOriginFrames = false)
    {
        policy.AddContentTypeOptionsNoSniff();
        // frame-ancestors supersedes it; kept for browsers that predate CSP level 2.
        if (sameOriginFrames)
        {
            policy.AddFrameOptionsSameOrigin();
        }
        else
        {
            policy.AddFrameOptionsDeny();
        }

        return policy.AddReferrerPolicyNoReferrer();
    }

    private static void PagePolicy(CspBuilder csp)
    {
        Sources(csp);
        Closing(csp);
    }

    private static void Sources(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self();
        csp.AddStyleSrc().Self();
        csp.AddImgSrc().Self();
        csp.AddFontSrc().Self();
        csp.AddConnectSrc().Self().From("ws:").From("wss:");
    }

    private static void ScreenPolicy(CspBuilder csp)
    {
        Sources(csp);
        Closing(csp, framedBySelf: true);
    }

    private static void DashboardPolicy(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self().Data();
        csp.AddConnectSrc().Self();
        Closing(csp);
    }

    private static void Closing(CspBuilder csp, bool framedBySelf = false)
    {
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        if (framedBySelf)
        {
            csp.AddFrameAncestors().Self();
        }
        else
        {
            csp.AddFrameAncestors().None();
        }
    }
}
