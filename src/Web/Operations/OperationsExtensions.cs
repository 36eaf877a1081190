using Engagement.Web.Access;
using Engagement.Web.Problems;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace Engagement.Web.Operations;

/// <summary>What IT staff need: health probes, structured logs, OpenAPI, problem responses, the Orleans dashboard.</summary>
public static class OperationsExtensions
{
    /// <summary>Kestrel's request body limit as set here; messages read the limit in force (<see cref="RequestSizeLimit"/>).</summary>
    public const long MaxRequestBytes = 12 * 1024 * 1024;

    public static WebApplicationBuilder AddEngagementOperations(this WebApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);
        builder.Services.AddEngagementSecurityHeaders();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => BodyJson.Configure(o.SerializerOptions));
        // Unreadable bodies throw in production too, so ProblemExceptionHandler answers them with a problem, not an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer(BodyJson.DescribeEnum));
        builder.Services.AddSingleton<StartupGate>();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("orleans", tags: ["ready"]);
        return builder;
    }

    /// <summary>The lines printed once the app is up (<see cref="StartupBanner"/>).</summary>
    public static WebApplicationBuilder AddStartupBanner(this WebApplicationBuilder builder, Engagement.Silo.Hosting.EngagementOptions options, string dataDirectory)
    {
        builder.Services.AddSingleton(sp => new StartupBanner(options, dataDirectory, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILogger<StartupBanner>>()));
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOpenApi();
        // Browsers ask for it on every page; there is no icon, and a 404 would show up as a console error.
        app.MapGet("/favicon.ico", () => Results.NoContent()).ExcludeFromDescription();
        // Liveness: the process answers. Readiness: it can reach the cluster and its storage.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health");
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(Roles.Organiser);
        app.MapPublicAddressApi();
        RuntimeReadings.Map(app);
        return app;
    }
}

/// <summary>Ready when a grain call round-trips through the cluster and storage.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains, StartupGate gate) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!gate.IsOpen)
        {
            return HealthCheckResult.Unhealthy("Still starting: organiser bootstrap has not finished");
        }

        try
        {
            await grains.GetGrain<Engagement.Screens.IScreenGrain>(Engagement.Screens.ScreenIds.Main).Get().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Orleans cluster not reachable", e);
        }
    }
}

/// <summary>Closed until start-up work (organiser bootstrap) is done; readiness waits for it.</summary>
public sealed class StartupGate
{
    private volatile bool _open;

    public bool IsOpen => _open;

    public void Open() => _open = true;
}
