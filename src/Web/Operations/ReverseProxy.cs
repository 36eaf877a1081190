using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Engagement.Web.Operations;

/// <summary>
/// Behind a reverse proxy (nginx, a load balancer) every request comes from the proxy's address, so the
/// guessing throttles would count a whole hall as one guesser, and HTTPS ends at the proxy so cookies
/// would not be marked Secure. IT staff name the proxies they run in <c>Engagement:TrustedProxies</c>
/// (addresses or networks such as <c>10.0.0.0/8</c>); only from those is X-Forwarded-For and
/// X-Forwarded-Proto believed. Without the setting the headers are ignored: anyone can send them.
/// </summary>
public static class ReverseProxy
{
    public const string SettingKey = "Engagement:TrustedProxies";

    public static WebApplicationBuilder AddEngagementReverseProxy(this WebApplicationBuilder builder)
    {
        var trusted = Parse(builder.Configuration[SettingKey]);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no proxy named, read no forwarded header at all. Empty known lists would not do: the
            // middleware then believes every sender. This also overrides ASPNETCORE_FORWARDEDHEADERS_ENABLED.
            o.ForwardedHeaders = trusted.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; here nothing is trusted unless configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in trusted)
            {
                o.KnownIPNetworks.Add(network);
            }

            // One proxy hop is the usual set-up; the left-most untrusted address is the client.
            o.ForwardLimit = Math.Max(1, trusted.Count);
        });
        return builder;
    }

    /// <summary>First in the pipeline, so throttles, cookies and logs see the phone's own address and scheme.</summary>
    public static IApplicationBuilder UseEngagementReverseProxy(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>Comma- or space-separated addresses or CIDR networks; a bad entry stops start-up with its name.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> Parse(string? setting) => NetworkList.Parse(SettingKey, setting);
}
