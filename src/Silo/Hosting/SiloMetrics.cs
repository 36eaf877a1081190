using Engagement.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Engagement.Silo.Hosting;

/// <summary>
/// A cluster silo's figures. Ballots, answers, refusals and ledger commits happen in the silo, not on the web hosts:
/// the silo reports its recent figures to <see cref="ISiloFiguresGrain"/> for the organiser's status strip, and, when
/// <c>Engagement:Metrics:SiloPort</c> is set, serves the same meters as the web hosts' /metrics (Orleans', the runtime's
/// and ours) in Prometheus text on that port. That listener has no sign-in: bind it to an internal address
/// (<c>Engagement:Metrics:SiloHost</c>, default localhost) that only the Prometheus server can reach.
/// </summary>
public static class SiloMetrics
{
    public const string PortKey = "Engagement:Metrics:SiloPort";
    public const string HostKey = "Engagement:Metrics:SiloHost";

    public static HostApplicationBuilder AddEngagementSiloMetrics(this HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => new RecentFigures());
        builder.Services.AddHostedService<FiguresReporter>();
        if (builder.Configuration.GetValue<int?>(PortKey) is { } port)
        {
            var host = builder.Configuration[HostKey] ?? "localhost";
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans", EngagementMetrics.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = host;
                    o.Port = port;
                    o.ScrapeEndpointPath = "/metrics";
                }));
        }

        return builder;
    }
}
