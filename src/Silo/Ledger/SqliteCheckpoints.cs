using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Silo.Ledger;

/// <summary>
/// Copies the embedded database's write-ahead log back into the file once a second, off the ballot path.
/// </summary>
/// <remarks>
/// SQLite's own automatic checkpoint runs inside whichever commit finds the log over 1,000 pages — with the hall
/// voting, a ledger batch every few seconds paid for copying and syncing megabytes while every ballot behind it
/// waited: the ack p99 of a 2,000 ballots/s vote was 400–500 ms against a p50 of 5–15 ms (docs/benchmarks.md).
/// The ledger's connections turn that off (<see cref="AdoNetLedger"/>); this passive checkpoint runs beside
/// writers (WAL mode lets one checkpoint and one writer proceed at once) and never loses a commit: a
/// committed transaction is in the synced log whether or not it has been copied back yet.
/// </remarks>
public sealed class SqliteCheckpoints(string connectionString, ILogger<SqliteCheckpoints> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Runs one passive checkpoint; returns the log frames it copied back.</summary>
    public async Task<long> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(2) : 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Background checkpoint of the embedded database failed; trying again in {Interval}", Interval);
            }
        }
    }
}
