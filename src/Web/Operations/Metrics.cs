using System.Net;
using Engagement.Telemetry;
using Engagement.Web.Access;
using OpenTelemetry.Metrics;

namespace Engagement.Web.Operations;

/// <summary>
/// OpenTelemetry metrics in Prometheus text at <c>/metrics</c>: ASP.NET Core's own meters (requests, Kestrel
/// connections, SignalR connections, rate limiting), the .NET runtime's, Orleans' own (<c>Microsoft.Orleans</c>) and
/// ours (<see cref="EngagementMetrics"/>). Prometheus cannot sign in, so the scrape is let through from the networks in
/// <c>Engagement:Metrics:AllowedNetworks</c> (loopback unless set) or for a signed-in organiser, and refused with a 403
/// otherwise. The same figures feed the organiser's status (<see cref="OperationsStatus"/>) through <see cref="RecentFigures"/>.
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";
    public const string AllowedNetworksKey = "Engagement:Metrics:AllowedNetworks";

    /// <summary>The meters of ASP.NET Core and Orleans we export (OpenTelemetry's ASP.NET Core instrumentation adds the first ones too).</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections", // SignalR connections
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.Orleans", // Orleans 10's meter (OrleansInstruments)
        EngagementMetrics.MeterName,
    ];

    public static WebApplicationBuilder AddEngagementMetrics(this WebApplicationBuilder builder)
    {
        var allowed = AllowedNetworks(AllowedNetworksSetting(builder.Configuration));
        builder.Services.AddSingleton(new MetricsAccess(allowed));
        builder.Services.AddSingleton(_ => new RecentFigures());
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(Meters)
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        // Listening from the start: the status's windows must see ballots cast before anyone first looks.
        app.Services.GetRequiredService<RecentFigures>();
        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.MapPrometheusScrapingEndpoint("/metrics", null, branch => branch.Use(access.Gate), null).ExcludeFromDescription();
        OperationsStatus.Map(app);
        return app;
    }

    /// <summary>The setting as one list: a string ("10.0.0.0/8, ::1") or a JSON array of them; null when unset.</summary>
    public static string? AllowedNetworksSetting(IConfiguration configuration)
    {
        var section = configuration.GetSection(AllowedNetworksKey);
        var items = section.GetChildren().Select(c => c.Value).ToList();
        return section.Value ?? (items.Count > 0 ? string.Join(',', items) : null);
    }

    /// <summary>Comma- or space-separated addresses or CIDR networks; unset means loopback only, empty means none (organisers only).</summary>
    public static IReadOnlyList<IPNetwork> AllowedNetworks(string? setting)
    {
        if (setting is null)
        {
            return [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
        }

        return NetworkList.Parse(AllowedNetworksKey, setting);
    }
}

/// <summary>Who may read /metrics: a signed-in organiser, or anyone connecting from an allowed network.</summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> allowed)
{
    public bool Allows(HttpContext context) =>
        context.User.IsInRole(Roles.Organiser) || (!ForwardedByUntrustedProxy(context.Request) && FromAllowedNetwork(context.Connection.RemoteIpAddress));

    /// <summary>
    /// A forwarding header still on the request means a proxy passed it on that is not in Engagement:TrustedProxies
    /// (a trusted proxy's header is consumed by <see cref="ReverseProxy"/>): the connection's address is then the
    /// proxy's, often loopback, and says nothing about who asked. Such a scrape is let through for organisers only.
    /// </summary>
    public static bool ForwardedByUntrustedProxy(HttpRequest request) =>
        request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded");

    /// <summary>The client's address after the reverse-proxy step (only trusted proxies' forwarded headers are believed).</summary>
    public bool FromAllowedNetwork(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    public async Task Gate(HttpContext context, Func<Task> next)
    {
        if (!Allows(context))
        {
            await Problems.Problems.Write(context, StatusCodes.Status403Forbidden, "metrics.forbidden");
            return;
        }

        await next();
    }
}
