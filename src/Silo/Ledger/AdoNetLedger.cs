using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Engagement.Ledger;
using Engagement.Telemetry;

namespace Engagement.Silo.Ledger;

/// <summary>
/// The ledger in a relational database (SQLite file or PostgreSQL), table EngagementLedger from the
/// schema scripts. A batch is one transaction of multi-row inserts, so a thousand ballots cost one
/// commit (one fsync), and the primary key (Stream, Seq) refuses a second writer of the same chain.
/// </summary>
/// <param name="checkpointsElsewhere">SQLite only: the log is checkpointed by <see cref="SqliteCheckpoints"/>, so the
/// ledger's commits never run SQLite's automatic checkpoint themselves.</param>
public sealed class AdoNetLedger(DbProviderFactory factory, string connectionString, bool checkpointsElsewhere = false) : ILedger
{
    private const int RowsPerStatement = 100;
    private const int ColumnsPerRow = 8;

    /// <remarks>
    /// Runs on the thread pool: Microsoft.Data.Sqlite's "async" methods complete synchronously, and a
    /// grain must not sit on its scheduler through an fsync while further ballots wait to join the next batch.
    /// </remarks>
    public Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default) =>
        entries.Count == 0 ? Task.CompletedTask : Task.Run(() => AppendCoreAsync(entries, cancellationToken), cancellationToken);

    /// <summary>
    /// SQLite is in the process: one prepared single-row insert run once per entry costs less (no statement of
    /// hundreds of parameters to parse and bind, no parameter objects per row) than multi-row statements, which
    /// save round trips only a database across the network has.
    /// </summary>
    private readonly bool _inProcess = factory is Microsoft.Data.Sqlite.SqliteFactory;

    /// <summary>One transaction, timed for <see cref="EngagementMetrics.LedgerCommitted"/> (connection to commit: the database write time).</summary>
    private async Task AppendCoreAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await WriteAsync(entries, cancellationToken);
        EngagementMetrics.LedgerCommitted(entries.Count, Stopwatch.GetElapsedTime(started));
    }

    private async Task WriteAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (_inProcess)
        {
            if (checkpointsElsewhere)
            {
                await using var noCheckpoint = connection.CreateCommand();
                noCheckpoint.Transaction = transaction;
                noCheckpoint.CommandText = "PRAGMA wal_autocheckpoint=0;";
                await noCheckpoint.ExecuteNonQueryAsync(cancellationToken);
            }

            await AppendRowByRowAsync(connection, transaction, entries, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        for (var start = 0; start < entries.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, entries.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO EngagementLedger (Stream, Seq, Kind, Actor, Receipt, Data, AtMs, Hash) VALUES ");
            for (var i = 0; i < count; i++)
            {
                var e = entries[start + i];
                var p = i * ColumnsPerRow;
                sql.Append(i == 0 ? "(" : ",(");
                sql.Append($"@p{p},@p{p + 1},@p{p + 2},@p{p + 3},@p{p + 4},@p{p + 5},@p{p + 6},@p{p + 7})");
                Add(command, p, e.Stream);
                Add(command, p + 1, e.Seq);
                Add(command, p + 2, e.Kind);
                Add(command, p + 3, e.Actor);
                Add(command, p + 4, e.Receipt);
                Add(command, p + 5, e.Data);
                Add(command, p + 6, e.At.ToUnixTimeMilliseconds());
                Add(command, p + 7, e.Hash);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task AppendRowByRowAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO EngagementLedger (Stream, Seq, Kind, Actor, Receipt, Data, AtMs, Hash) VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7)";
        for (var p = 0; p < ColumnsPerRow; p++)
        {
            Add(command, p, null);
        }

        command.Prepare();
        var parameters = command.Parameters;
        foreach (var e in entries)
        {
            parameters[0].Value = e.Stream;
            parameters[1].Value = e.Seq;
            parameters[2].Value = e.Kind;
            parameters[3].Value = (object?)e.Actor ?? DBNull.Value;
            parameters[4].Value = (object?)e.Receipt ?? DBNull.Value;
            parameters[5].Value = e.Data;
            parameters[6].Value = e.At.ToUnixTimeMilliseconds();
            parameters[7].Value = e.Hash;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM EngagementLedger WHERE Stream = @p0 ORDER BY Seq";
        Add(command, 0, stream);
        var entries = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>The columns every ledger read selects, in the order <see cref="ReadEntry"/> reads them.</summary>
    internal const string Columns = "Stream, Seq, Kind, Actor, Receipt, Data, AtMs, Hash";

    /// <summary>One row of <see cref="Columns"/> as an entry (the ledger's reads and the backup's contents check).</summary>
    internal static LedgerEntry ReadEntry(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.GetString(7));

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = factory.CreateConnection() ?? throw new InvalidOperationException("The database provider cannot create connections.");
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Add(DbCommand command, int index, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@p{index}";
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
