namespace Engagement.Web.Operations;

/// <summary>
/// Headers that tell browsers what a response may do, on every answer the app gives (pages, scripts,
/// API, problems, downloads). The pages load scripts and styles from this site only and carry no inline
/// script, style block or event handler, so a name that slipped markup past the pages' text-only DOM
/// building still could not run script. Codes and setup tokens travel in page addresses, so no Referer
/// is ever sent. Nothing may frame the pages (clickjacking of the console or a judge's tablet).
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

    public const string ReferrerPolicy = "no-referrer";

    /// <summary>First in the pipeline, so even refusals written by later middleware carry the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // frame-ancestors supersedes it; kept for browsers that predate CSP level 2.
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            if (PolicyFor(context.Request.Path, context.Response.ContentType) is { } policy)
            {
                headers.ContentSecurityPolicy = policy;
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// A PDF attachment opens in the browser's own viewer, which a document policy can stop from loading;
    /// it runs no script in this site's origin, so it goes without one.
    /// </summary>
    public static string? PolicyFor(PathString path, string? contentType)
    {
        if (contentType is not null && contentType.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return path.StartsWithSegments("/dashboard") ? DashboardContentSecurityPolicy : ContentSecurityPolicy;
    }
}
