using System.IO.Compression;
using Engagement.Ledger;
using Engagement.Silo.Backup;
using Engagement.Silo.Hosting;
using Engagement.Silo.Ledger;
using Microsoft.Data.Sqlite;

namespace Engagement.Tests.Backup;

/// <summary>
/// The backup file's rules: a consistent copy while a writer keeps committing, the data directory's key files in and
/// its own working files out, one process per data directory, and a restore that changes nothing until the whole
/// backup has been checked.
/// </summary>
public sealed class EmbeddedBackupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("engagement-backup-tests-").FullName;

    /// <remarks>
    /// Pooled connections of the stores made here stay open until the process ends (clearing every pool would close
    /// other tests' connections too); on Linux their files can be deleted while open.
    /// </remarks>
    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_backup_taken_while_a_writer_commits_holds_a_whole_prefix_of_its_batches_and_every_chain_verifies()
    {
        var data = Path.Combine(_root, "data");
        var ledger = new AdoNetLedger(SqliteFactory.Instance, await EngagementSilo.PrepareEmbeddedStoreAsync(data), checkpointsElsewhere: true);
        var chain = new LedgerChain("round:busy");
        var committed = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = Enumerable.Range(0, 50).Select(i => chain.Append("ballot", $"M{committed + i}", $"R{committed + i}", "{}", DateTimeOffset.UtcNow)).ToList();
                await ledger.AppendAsync(batch);
                Interlocked.Add(ref committed, batch.Count);
            }
        });
        while (Volatile.Read(ref committed) < 500)
        {
            await Task.Delay(5);
        }

        var atStart = Volatile.Read(ref committed);
        var manifest = await EmbeddedBackup.CreateAsync(data, Path.Combine(_root, "busy.zip"), "test");
        var atEnd = Volatile.Read(ref committed);
        await stop.CancelAsync();
        await writer;

        // Whole batches only (each is one transaction), at least everything committed before the copy began.
        Assert.InRange(manifest.Contents.Ballots, atStart, atEnd + 50); // a batch may be durable before the writer counts it
        Assert.Equal(0, manifest.Contents.Ballots % 50);
        Assert.True(manifest.Contents.ChainsVerified);
        Assert.True(Volatile.Read(ref committed) > atEnd, "the writer never committed after the backup: it did not run beside it");
    }

    [Fact]
    public async Task Key_files_are_backed_up_but_not_the_live_database_files_the_lock_or_earlier_backups()
    {
        var data = Path.Combine(_root, "data");
        await EngagementSilo.PrepareEmbeddedStoreAsync(data);
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        Directory.CreateDirectory(Path.Combine(data, "backups"));
        Directory.CreateDirectory(Path.Combine(data, "before-restore-20260101-000000"));
        await File.WriteAllTextAsync(Path.Combine(data, "access.key"), "key");
        await File.WriteAllTextAsync(Path.Combine(data, "access.key.protected"), "encrypted key");
        await File.WriteAllTextAsync(Path.Combine(data, "keys", "key-1.xml"), "<key/>");
        await File.WriteAllTextAsync(Path.Combine(data, "backups", "engagement-20260101-000000.zip"), "old backup");
        await File.WriteAllTextAsync(Path.Combine(data, "before-restore-20260101-000000", "engagement.db"), "old");

        Assert.Equal(["access.key", "access.key.protected", "keys/key-1.xml"], EmbeddedBackup.DataFiles(data));

        var file = Path.Combine(_root, "out", "b.zip");
        var manifest = await EmbeddedBackup.CreateAsync(data, file, "test");
        using var zip = ZipFile.OpenRead(file);
        Assert.Equal(["engagement.db", "files/access.key", "files/access.key.protected", "files/keys/key-1.xml", "manifest.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(3, manifest.Files.Count);
        Assert.Equal(["b.zip"], Directory.GetFileSystemEntries(Path.GetDirectoryName(file)!).Select(Path.GetFileName));

        // A backup never overwrites a file.
        var again = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedBackup.CreateAsync(data, file, "test"));
        Assert.Contains("already exists", again.Message);
    }

    [Fact]
    public async Task One_process_per_data_directory_and_a_restore_onto_a_directory_in_use_is_refused()
    {
        var data = Path.Combine(_root, "data");
        using (var held = DataDirectoryLock.Acquire(data))
        {
            var second = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(data));
            Assert.Contains("in use by another Engagement process", second.Message);
            Assert.True(DataDirectoryLock.IsHeld(data));
        }

        Assert.False(DataDirectoryLock.IsHeld(data));

        // The store opened in this process holds its directory for the process's life.
        var source = Path.Combine(_root, "source");
        await EngagementSilo.PrepareEmbeddedStoreAsync(source);
        await EngagementSilo.PrepareEmbeddedStoreAsync(source); // again in the same process: no conflict with itself
        var file = Path.Combine(_root, "b.zip");
        await EmbeddedBackup.CreateAsync(source, file, "test");
        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedRestore.RestoreAsync(file, source, force: true));
        Assert.Contains("Stop the app first", refused.Message);
        Assert.Empty(Directory.GetDirectories(source));

        var restored = await EmbeddedRestore.RestoreAsync(file, Path.Combine(_root, "fresh"), force: false);
        Assert.Null(restored.SetAside);
        Assert.True(restored.Backup.Contents.ChainsVerified);
        Assert.True(File.Exists(Path.Combine(_root, "fresh", "engagement.db")));
    }

    [Fact]
    public async Task A_backup_whose_ledger_was_altered_is_refused_by_restore_before_anything_moves()
    {
        var data = Path.Combine(_root, "data");
        var connectionString = await EngagementSilo.PrepareEmbeddedStoreAsync(data);
        var chain = new LedgerChain("round:r1");
        await new AdoNetLedger(SqliteFactory.Instance, connectionString).AppendAsync(
            [chain.Append("ballot", "M1", "R1", "{}", DateTimeOffset.UtcNow), chain.Append("ballot", "M2", "R2", "{}", DateTimeOffset.UtcNow)]);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE EngagementLedger SET Actor = 'M9' WHERE Seq = 1";
            await tamper.ExecuteNonQueryAsync();
        }

        var file = Path.Combine(_root, "altered.zip");
        var manifest = await EmbeddedBackup.CreateAsync(data, file, "test");
        Assert.Equal("round:r1", Assert.Single(manifest.Contents.Broken).Stream);

        var target = Path.Combine(_root, "target");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "engagement.db"), "current");
        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedRestore.RestoreAsync(file, target, force: true));
        Assert.Contains("stream round:r1 fails at entry 1", refused.Message);
        Assert.Equal("current", await File.ReadAllTextAsync(Path.Combine(target, "engagement.db")));
        Assert.Empty(Directory.GetDirectories(target));
    }
}
