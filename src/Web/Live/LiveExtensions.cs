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
        });
        builder.Services.AddSingleton<LiveHost>();
        builder.Services.AddHostedService<LiveHostRegistration>();
        return builder;
    }

    public static void MapLive(this WebApplication app) => app.MapHub<LiveHub>(LiveHub.Path);
}
