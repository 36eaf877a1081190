using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Engagement.Silo.Hosting;
using Engagement.Silo.Schema;

// A cluster silo. "schema" creates or upgrades the PostgreSQL schema and exits;
// anything else runs the silo until stopped. Both read the same configuration.
var schemaOnly = args.Length > 0 && args[0] == "schema";
var builder = Host.CreateApplicationBuilder(schemaOnly ? args[1..] : args);
var options = EngagementSilo.ReadOptions(builder.Configuration);

if (schemaOnly)
{
    await SchemaInstaller.ApplyAsync(SchemaDatabase.PostgreSql, EngagementSilo.RequireConnectionString(options));
    Console.WriteLine("PostgreSQL schema is up to date.");
    return;
}

builder.UseOrleans(silo => silo.UseEngagementCluster(options));
builder.Services.AddHealthChecks();
await builder.Build().RunAsync();
