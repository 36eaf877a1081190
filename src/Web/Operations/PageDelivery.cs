using Microsoft.AspNetCore.Rewrite;

namespace Engagement.Web.Operations;

/// <summary>
/// How the front end reaches a phone on a poor network: ASP.NET Core's static assets (<c>MapStaticAssets</c>). The build
/// compresses every page, script and style (brotli and gzip), and the server answers with ETags and picks the encoding
/// the browser accepts. Pages name their scripts as <c>js/member#[.{fingerprint}].js</c>; the build writes the
/// content-hashed name there (<c>OverrideHtmlAssetPlaceholders</c> in the project file), and a fingerprinted name is
/// served with a year's immutable caching. Pages themselves are <c>no-cache</c>, so a returning phone revalidates one
/// small page and takes every unchanged script from its cache.
/// </summary>
public static class PageDelivery
{
    public static WebApplicationBuilder AddEngagementPageDelivery(this WebApplicationBuilder builder)
    {
        // The compressed copies and rewritten pages of a build live under obj/; Development finds them by itself, a
        // build run as Production (the tests, `dotnet run -c Release`) needs this. A published app has them beside it.
        builder.WebHost.UseStaticWebAssets();
        // A build's manifest would otherwise switch on the static-assets reloader: every asset answered no-cache and
        // compressed again on each request (gzip, barely), and a catch-all fallback route. Serve what the build made,
        // as a published app does; a front-end developer can set ReloadStaticAssetsAtRuntime=true.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        return builder;
    }

    /// <summary>"/" is the landing page. Static assets know no default document, so the path is rewritten before routing.</summary>
    public static WebApplication UseEngagementPageDelivery(this WebApplication app)
    {
        // Only the site's root is rewritten; every other request (a ballot) skips the rewriter's per-request work.
        app.UseWhen(http => http.Request.Path == "/", root => root.UseRewriter(new RewriteOptions().AddRewrite("^$", "index.html", skipRemainingRules: true)));
        app.UseRouting();
        return app;
    }

    public static WebApplication MapEngagementPages(this WebApplication app)
    {
        app.MapStaticAssets(); // every file of wwwroot, and "/" (rewritten to index.html)
        return app;
    }
}
