using Engagement.Silo.Hosting;

namespace Engagement.Web.Hosting;

/// <summary>
/// Connects this web host to Orleans: in embedded mode it runs the silo itself (SQLite, one process);
/// in cluster mode it is a client of the PostgreSQL-backed cluster.
/// </summary>
public static class OrleansHosting
{
    public static async Task<WebApplicationBuilder> AddEngagementOrleansAsync(this WebApplicationBuilder builder, EngagementOptions options, string dataDirectory)
    {
        if (options.Mode == HostingMode.Cluster)
        {
            builder.UseOrleansClient(client => client.UseEngagementCluster(options));
            return builder;
        }

        var sqlite = await EngagementSilo.PrepareEmbeddedStoreAsync(dataDirectory);
        builder.UseOrleans(silo => silo.UseEngagementEmbedded(options, sqlite));
        return builder;
    }

    /// <summary>
    /// Where the embedded store and the access key live: Engagement:DataDirectory if configured, else outside the install
    /// folder when run as a service (<see cref="ServiceHosting.DataDirectory(IConfiguration, EngagementOptions)"/>),
    /// else <c>data</c> under the content root. A relative path is taken from the content root.
    /// </summary>
    public static string DataDirectory(this WebApplicationBuilder builder, EngagementOptions options) =>
        Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, ServiceHosting.DataDirectory(builder.Configuration, options)));
}
