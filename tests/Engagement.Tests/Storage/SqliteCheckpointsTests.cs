using Engagement.Ledger;
using Engagement.Silo.Hosting;
using Engagement.Silo.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Tests.Storage;

/// <summary>
/// The embedded ledger's commits leave checkpoints to a background service: the log must then still be copied
/// back (it does not grow without end) and nothing committed may be lost on the way.
/// </summary>
public sealed class SqliteCheckpointsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engagement-checkpoints-" + Guid.NewGuid().ToString("N")[..12]);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await EngagementSilo.PrepareEmbeddedStoreAsync(_directory);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ledger_commits_do_not_checkpoint_the_background_service_does_and_every_entry_reads_back()
    {
        var ledger = new AdoNetLedger(SqliteFactory.Instance, _connectionString, checkpointsElsewhere: true);
        var checkpoints = new SqliteCheckpoints(_connectionString, NullLogger<SqliteCheckpoints>.Instance);
        var chain = new LedgerChain("round:test");

        // Well past SQLite's automatic threshold (1,000 pages): had a commit checkpointed, the log would be short.
        await AppendAsync(ledger, chain, batches: 60, perBatch: 300);
        var uncopied = await checkpoints.CheckpointAsync();
        Assert.True(uncopied > 1_000, $"{uncopied} log frames were waiting: the ledger's commits checkpointed themselves");

        // With the service running between batches, the log is reused instead of growing.
        var walBefore = new FileInfo(WalPath).Length;
        for (var i = 0; i < 10; i++)
        {
            await AppendAsync(ledger, chain, batches: 3, perBatch: 300);
            await checkpoints.CheckpointAsync();
        }

        Assert.True(new FileInfo(WalPath).Length <= walBefore, "the log grew although it was checkpointed between batches");
        var stored = await new AdoNetLedger(SqliteFactory.Instance, _connectionString).ReadAsync("round:test");
        Assert.Equal(90 * 300, stored.Count);
        Assert.Null(LedgerEntry.FirstBroken(stored));
    }

    private string WalPath => Path.Combine(_directory, "engagement.db-wal");

    private static async Task AppendAsync(ILedger ledger, LedgerChain chain, int batches, int perBatch)
    {
        for (var b = 0; b < batches; b++)
        {
            var entries = Enumerable.Range(0, perBatch)
                .Select(i => chain.Append("ballot", $"DY{i:D5}", $"R{b:D3}-{i:D4}", $$"""{"c":["case-{{i % 6}}"],"b":"branch-{{i % 50}}","f":"{{Guid.NewGuid():N}}"}""", DateTimeOffset.UtcNow))
                .ToList();
            await ledger.AppendAsync(entries);
        }
    }
}
