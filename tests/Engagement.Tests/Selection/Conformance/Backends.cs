using Engagement.Ledger;
using Engagement.Silo.Hosting;
using Engagement.Silo.Ledger;
using Engagement.Silo.Schema;
using Engagement.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Engagement.Tests.Selection.Conformance;

/// <summary>
/// Memory grain storage and <see cref="MemoryLedger"/>: both live in the silo, so a restart is a
/// deactivation of the grains (their next activation reads state and ledger afresh).
/// </summary>
public sealed class MemoryBackend : VotingBackend
{
    private readonly MemoryLedger _ledger = new();

    public override string Name => "memory";

    public override ILedger Ledger => _ledger;

    public override Task RestartAsync(params IAddressable[] grains) => DeactivateAsync(grains);

    protected override Task PrepareStoreAsync() => Task.CompletedTask;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Durable);
        silo.UseInMemoryReminderService(); // a round's closing time
        silo.Services.AddSingleton<ILedger>(_ledger);
    }
}

/// <summary>
/// The embedded mode's store: a SQLite file made by the real installer, Orleans' ADO.NET grain storage
/// and <see cref="AdoNetLedger"/> on it. A restart is a new silo on the same file.
/// </summary>
public sealed class SqliteBackend : VotingBackend
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"engagement-vote-{Guid.NewGuid():N}");
    private string? _connectionString;
    private AdoNetLedger? _ledger;

    public override string Name => "SQLite";

    public override ILedger Ledger => _ledger ?? throw new InvalidOperationException("The SQLite store is not prepared.");

    public override Task RestartAsync(params IAddressable[] grains) => RestartSiloAsync();

    protected override async Task PrepareStoreAsync()
    {
        // The same file, connection settings and SchemaInstaller.ApplyAsync(Sqlite, …) as the embedded silo.
        _connectionString = await EngagementSilo.PrepareEmbeddedStoreAsync(_directory);
        _ledger = new AdoNetLedger(SqliteFactory.Instance, _connectionString);
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        var connectionString = _connectionString!;
        silo.AddAdoNetGrainStorage(StorageNames.Durable, o =>
        {
            o.Invariant = EngagementSilo.SqliteInvariant;
            o.ConnectionString = connectionString;
        });
        // Reminders in the same store, as the real silo keeps them: a round's closing time outlives the silo.
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = EngagementSilo.SqliteInvariant;
            o.ConnectionString = connectionString;
        });
        // As the embedded silo: the ledger's commits never checkpoint, a background service does.
        silo.Services.AddSingleton<ILedger>(new AdoNetLedger(SqliteFactory.Instance, connectionString, checkpointsElsewhere: true));
        silo.Services.AddHostedService(sp => new SqliteCheckpoints(connectionString,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SqliteCheckpoints>>()));
    }

    protected override Task DropStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The cluster mode's store: a fresh database on the server named by ENGAGEMENT_TEST_POSTGRES, made by
/// the real installer, Orleans' ADO.NET grain storage and <see cref="AdoNetLedger"/> on it. A restart
/// is a new silo on the same database. Without the variable every test of the class fails.
/// </summary>
public sealed class PostgresBackend : VotingBackend
{
    public const string Variable = "ENGAGEMENT_TEST_POSTGRES";

    private readonly string _database = $"engagement_vote_{Guid.NewGuid():N}";
    private string? _server;
    private string? _connectionString;
    private AdoNetLedger? _ledger;

    public override string Name => "PostgreSQL";

    public override ILedger Ledger => _ledger ?? throw new InvalidOperationException("The PostgreSQL store is not prepared.");

    public override Task RestartAsync(params IAddressable[] grains) => RestartSiloAsync();

    protected override async Task PrepareStoreAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL voting conformance tests need a server to create their database on "
                + "(scripts/test.sh starts a throwaway one and sets it, e.g. Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres).");
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ToString();
        await SchemaInstaller.ApplyAsync(SchemaDatabase.PostgreSql, _connectionString);
        _ledger = new AdoNetLedger(NpgsqlFactory.Instance, _connectionString);
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        var connectionString = _connectionString!;
        silo.AddAdoNetGrainStorage(StorageNames.Durable, o =>
        {
            o.Invariant = EngagementSilo.PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        // Reminders in the same store, as the real silo keeps them: a round's closing time outlives the silo.
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = EngagementSilo.PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddSingleton<ILedger>(new AdoNetLedger(NpgsqlFactory.Instance, connectionString));
    }

    protected override async Task DropStoreAsync()
    {
        if (_server is null || _connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
