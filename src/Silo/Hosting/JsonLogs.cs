using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Silo.Hosting;

/// <summary>
/// <c>Logging:Format=json</c> for a cluster silo, as the web host has it: one JSON object a line, with scopes, so a
/// grain's line carries the RequestId of the web request behind it (<see cref="RequestIdScope"/>).
/// </summary>
public static class JsonLogs
{
    public static IHostApplicationBuilder AddEngagementJsonLogs(this IHostApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        return builder;
    }
}
