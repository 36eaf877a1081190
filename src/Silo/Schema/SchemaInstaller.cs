using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engagement.Silo.Schema;

/// <summary>The databases the project ships relational schema scripts for.</summary>
public enum SchemaDatabase
{
    /// <summary>SQLite via Microsoft.Data.Sqlite (Orleans invariant "System.Data.SQLite"): persistence and reminders.</summary>
    Sqlite,

    /// <summary>PostgreSQL 15+ via Npgsql (Orleans invariant "Npgsql"): clustering, persistence and reminders.</summary>
    PostgreSql,
}

/// <summary>
/// Creates or upgrades the tables and OrleansQuery rows that Orleans' ADO.NET providers need.
/// </summary>
/// <remarks>
/// The scripts are embedded resources named <c>Engagement.Schema.&lt;folder&gt;/&lt;file&gt;.sql</c>
/// (the separator follows the build OS) and run in ordinal file-name order. Every script is
/// idempotent and all of them are applied on every call, in one transaction, so running this
/// twice, concurrently, or against a database made by an earlier version converges on the
/// current schema. Each applied script is recorded in the EngagementSchema table with its
/// SHA-256 checksum.
/// </remarks>
public static class SchemaInstaller
{
    private const string ResourcePrefix = "Engagement.Schema.";

    // Fixed key for pg_advisory_xact_lock, so concurrent installers against one database queue up.
    private const long PostgresLockKey = 0x456E_6761_6765_5363; // "EngageSc"

    /// <summary>Applies every schema script for <paramref name="db"/> to the database at <paramref name="connectionString"/>.</summary>
    public static async Task ApplyAsync(SchemaDatabase db, string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var scripts = LoadScripts(db);
        switch (db)
        {
            case SchemaDatabase.Sqlite:
                await ApplySqliteAsync(scripts, connectionString, ct).ConfigureAwait(false);
                break;
            case SchemaDatabase.PostgreSql:
                await ApplyPostgresAsync(scripts, connectionString, ct).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(db), db, "Unknown schema database.");
        }
    }

    private static async Task ApplySqliteAsync(IReadOnlyList<Script> scripts, string connectionString, CancellationToken ct)
    {
        EnsureSqliteDirectory(connectionString);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);

        // WAL is a persistent property of the file, and cannot be switched inside a transaction.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteScalarAsync(ct).ConfigureAwait(false);
        }

        // BEGIN IMMEDIATE: take the write lock up front so concurrent installers serialise.
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var script in scripts)
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = script.Text;
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = """
                    INSERT INTO EngagementSchema (Script, Checksum, AppliedAt)
                    VALUES (@script, @checksum, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    ON CONFLICT (Script) DO UPDATE
                    SET Checksum = excluded.Checksum, AppliedAt = excluded.AppliedAt
                    WHERE EngagementSchema.Checksum IS NOT excluded.Checksum;
                    """;
                record.Parameters.AddWithValue("@script", script.Name);
                record.Parameters.AddWithValue("@checksum", script.Checksum);
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task ApplyPostgresAsync(IReadOnlyList<Script> scripts, string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);

        // DDL is transactional in PostgreSQL: either every script applies or none does. The
        // transaction-scoped advisory lock serialises concurrent installers (e.g. several silos
        // starting together) and is released by the commit or rollback.
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            acquire.Parameters.AddWithValue("key", PostgresLockKey);
            acquire.CommandTimeout = 0; // wait as long as the other installer needs; ct still cancels
            await acquire.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        foreach (var script in scripts)
        {
            await using (var command = new NpgsqlCommand(script.Text, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand(
                """
                INSERT INTO EngagementSchema (Script, Checksum, AppliedAt)
                VALUES (@script, @checksum, now())
                ON CONFLICT (Script) DO UPDATE
                SET Checksum = EXCLUDED.Checksum, AppliedAt = EXCLUDED.AppliedAt
                WHERE EngagementSchema.Checksum IS DISTINCT FROM EXCLUDED.Checksum;
                """,
                connection,
                transaction))
            {
                record.Parameters.AddWithValue("script", script.Name);
                record.Parameters.AddWithValue("checksum", script.Checksum);
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>SQLite creates a missing database file, but not its directory.</summary>
    private static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrWhiteSpace(dataSource)
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static IReadOnlyList<Script> LoadScripts(SchemaDatabase db)
    {
        var folder = db switch
        {
            SchemaDatabase.Sqlite => "sqlite",
            SchemaDatabase.PostgreSql => "postgresql",
            _ => throw new ArgumentOutOfRangeException(nameof(db), db, "Unknown schema database."),
        };

        var assembly = typeof(SchemaInstaller).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // "sqlite/001-main.sql" on Linux/macOS builds, "sqlite\001-main.sql" on Windows ones.
            var relative = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var slash = relative.LastIndexOf('/');
            if (slash <= 0
                || !string.Equals(relative[..slash], folder, StringComparison.OrdinalIgnoreCase)
                || !relative.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded schema script '{resource}' could not be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = reader.ReadToEnd();
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            scripts.Add(new Script($"{folder}/{relative[(slash + 1)..]}", text, checksum));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No embedded schema scripts found for {db} (expected resources '{ResourcePrefix}{folder}/*.sql' in {assembly.GetName().Name}).");
        }

        scripts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return scripts;
    }

    private sealed record Script(string Name, string Text, string Checksum);
}
