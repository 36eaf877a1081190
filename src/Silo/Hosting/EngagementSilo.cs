using System.Net;
using System.Net.Sockets;
using Engagement.Ledger;
using Engagement.Silo.Ledger;
using Engagement.Silo.Schema;
using Microsoft.Extensions.DependencyInjection;
using Engagement.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Engagement.Silo.Hosting;

/// <summary>Registers an Engagement silo: storage, clustering and reminders for the configured mode.</summary>
public static class EngagementSilo
{
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Orleans maps this invariant to Microsoft.Data.Sqlite's factory.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    public static EngagementOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(EngagementOptions.Section).Get<EngagementOptions>() ?? new EngagementOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Engagement");
        return options;
    }

    /// <summary>The embedded database file, created with its schema when missing, and this process's lock on its directory. Returns its connection string.</summary>
    public static async Task<string> PrepareEmbeddedStoreAsync(string dataDirectory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dataDirectory);
        // Held until the process ends: a second app on this directory, or a restore onto it, is refused (docs/operations/backup.md).
        Engagement.Silo.Backup.DataDirectoryLock.HoldForLife(dataDirectory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataDirectory), "engagement.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Seconds a writer waits for the single SQLite write lock before giving up.
            DefaultTimeout = 30,
        }.ToString();
        await SchemaInstaller.ApplyAsync(SchemaDatabase.Sqlite, connectionString, ct);
        return connectionString;
    }

    /// <summary>One process holds web front and silo: localhost clustering, state and reminders in SQLite.</summary>
    public static ISiloBuilder UseEngagementEmbedded(this ISiloBuilder silo, EngagementOptions options, string sqliteConnectionString)
    {
        silo.UseLocalhostClustering(options.Silo.SiloPort, options.Silo.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        silo.AddIncomingGrainCallFilter<RequestIdScope>();
        silo.Services.AddSingleton<ILedger>(new AdoNetLedger(SqliteFactory.Instance, sqliteConnectionString, checkpointsElsewhere: true));
        silo.Services.AddSingleton(sp => new SqliteCheckpoints(sqliteConnectionString, sp.GetRequiredService<ILogger<SqliteCheckpoints>>()));
        silo.Services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpoints>());
        return silo.AddEngagementStores(SqliteInvariant, sqliteConnectionString);
    }

    /// <summary>A member of a PostgreSQL-backed cluster: membership, state and reminders all in PostgreSQL.</summary>
    public static ISiloBuilder UseEngagementCluster(this ISiloBuilder silo, EngagementOptions options)
    {
        var connectionString = RequireConnectionString(options);
        silo.AddIncomingGrainCallFilter<RequestIdScope>();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(
            AdvertisedAddress(options.Silo.AdvertisedAddress),
            options.Silo.SiloPort,
            options.Silo.GatewayPort,
            options.Silo.ListenOnAnyHostAddress);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        // A silo that dies while the hall votes is declared dead after three missed 3-second probes
        // (Orleans' default is 5 s each), so its grains move and phones are refused for seconds, not a
        // quarter of a minute (ClusterTests reports the window).
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(3);
            o.NumMissedProbesLimit = 3;
        });
        silo.Services.AddSingleton<ILedger>(new AdoNetLedger(Npgsql.NpgsqlFactory.Instance, connectionString));
        return silo.AddEngagementStores(PostgresInvariant, connectionString);
    }

    /// <summary>A web host that is a client of a PostgreSQL-backed cluster.</summary>
    public static IClientBuilder UseEngagementCluster(this IClientBuilder client, EngagementOptions options)
    {
        var connectionString = RequireConnectionString(options);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        // A call caught on a silo that has just died gets no answer until this runs out. Shorter than a
        // phone's 20 s patience (member.js), so the phone hears "503, retry" rather than silence.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        client.AddDashboard();
        return client;
    }

    /// <summary>Grain state and reminders in the given database, through Orleans' own ADO.NET providers; plus the dashboard.</summary>
    private static ISiloBuilder AddEngagementStores(this ISiloBuilder silo, string invariant, string connectionString)
    {
        silo.UseEngagementResponseTimeout();
        silo.AddAdoNetGrainStorage(StorageNames.Durable, o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddDashboard();
        return silo;
    }

    /// <summary>
    /// How long a grain call may go unanswered, inside the silo (and for the embedded web front, whose
    /// calls start there). Orleans' default is 30 s; ours is the same 15 s as a cluster web host's, under
    /// a phone's 20 s patience (member.js), so a stuck call becomes a clear "try again" the phone can act
    /// on. Calls go one way between grains (a match reports, its tournament commands), so no call should
    /// ever wait for this; RaceTests fail if one does.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(15);

    public static ISiloBuilder UseEngagementResponseTimeout(this ISiloBuilder silo) =>
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);

    public static string RequireConnectionString(EngagementOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException(
                "Cluster mode needs a PostgreSQL connection string: set ConnectionStrings:Engagement (env ConnectionStrings__Engagement).")
            : options.ConnectionString;

    private static IPAddress AdvertisedAddress(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured, out var parsed)
                ? parsed
                : Dns.GetHostAddresses(configured).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
               ?? IPAddress.Loopback;
    }
}
