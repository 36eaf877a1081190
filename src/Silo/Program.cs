using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Engagement.Silo.Hosting;
using Engagement.Silo.Schema;

// A cluster silo. "schema" creates or upgrades the PostgreSQL schema and exits;
// anything else runs the silo until stopped. Both read the same configuration.
var schemaOnly = args.Length > 0 && args[0] == "schema";
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = schemaOnly ? args[1..] : args,
    // appsettings.json sits beside the program, wherever it is started from.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddEngagementServiceHosting();
builder.AddEngagementJsonLogs();
var options = EngagementSilo.ReadOptions(builder.Configuration);

if (schemaOnly)
{
    await SchemaInstaller.ApplyAsync(SchemaDatabase.PostgreSql, EngagementSilo.RequireConnectionString(options));
    Console.WriteLine("PostgreSQL schema is up to date.");
    return;
}

builder.UseOrleans(silo => silo.UseEngagementCluster(options));
builder.AddEngagementSiloMetrics();
var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Engagement.Silo");
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
    logger.LogInformation("Engagement silo started: silo port {SiloPort}, gateway port {GatewayPort}, cluster {ClusterId}",
        options.Silo.SiloPort, options.Silo.GatewayPort, options.ClusterId));
await host.RunAsync();
