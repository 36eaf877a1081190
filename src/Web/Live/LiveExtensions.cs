namespace Engagement.Web.Live;

public static class LiveExtensions
{
    /// <summary>SignalR plus this host's Orleans listener and its registration with the cluster.</summary>
    public static WebApplicationBuilder AddEngagementLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 16 * 1024;
                o.EnableDetailedErrors = false;
            })
            // Same JSON as the HTTP API: enums as their names ("Open", "Scoring"), not numbers.
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<LiveHost>();
        builder.Services.AddHostedService<LiveHostRegistration>();
        return builder;
    }

    public static void MapLive(this WebApplication app) => app.MapHub<LiveHub>(LiveHub.Path);
}
