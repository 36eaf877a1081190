using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Engagement.Ledger;
using Engagement.Silo.Backup;
using Engagement.Silo.Hosting;
using Engagement.Silo.Ledger;
using Microsoft.Data.Sqlite;

namespace Engagement.Tests.Backup;

/// <summary>
/// A restore from a backup file someone else made: crafted so its manifest and checksums agree (anyone can compute a
/// SHA-256), it must still never put a file anywhere but where a backup's files go, never put in place a file that
/// changes the checked database (a -wal beside it), never stop half-way over a clash it could have seen first, and
/// never write out more than it declares. Each crafted file is refused before the data directory changes.
/// </summary>
public sealed class AttackRestoreTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("engagement-attack-restore-").FullName;

    private string Good => Path.Combine(_root, "good.zip");

    public async Task InitializeAsync()
    {
        var source = Path.Combine(_root, "source");
        var connectionString = await EngagementSilo.PrepareEmbeddedStoreAsync(source);
        var chain = new LedgerChain("round:r1");
        await new AdoNetLedger(SqliteFactory.Instance, connectionString).AppendAsync(
            [chain.Append("ballot", "M1", "R1", "{}", DateTimeOffset.UtcNow), chain.Append("ballot", "M2", "R2", "{}", DateTimeOffset.UtcNow)]);
        await File.WriteAllTextAsync(Path.Combine(source, "access.key"), "the key");
        await EmbeddedBackup.CreateAsync(source, Good, "test");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Paths a manifest may name (with a matching checksum) that a restore must refuse before anything moves.</summary>
    public static TheoryData<string[], string> CraftedFileLists() => new()
    {
        // A write-ahead log beside the checked database: SQLite would replay it into the store when the app opens it.
        { ["access.key", "engagement.db-wal"], "never holds" },
        { ["access.key", "engagement.db-journal"], "never holds" },
        { ["access.key", "engagement.lock"], "never holds" },
        { ["access.key", "backups/engagement-20260101-000000.zip"], "never holds" },
        { ["access.key", "before-restore-20260101-000000/engagement.db"], "never holds" },
        { ["access.key", ".engagement-work-restore-unfinished"], "never holds" },
        // Twice the same file, or one file that is also a folder: the second move fails after the first has landed.
        { ["access.key", "access.key"], "twice" },
        { ["keys", "keys/key-1.xml"], "both as a file and as a folder" },
        // Outside the directory, however spelled.
        { ["../escaped.key"], "outside the data directory" },
        { ["keys/../../escaped.key"], "outside the data directory" },
        { ["/etc/escaped.key"], "outside the data directory" },
        { ["C:/escaped.key"], "outside the data directory" },
        { ["keys\\..\\..\\escaped.key"], "outside the data directory" },
        { ["keys//key.xml"], "outside the data directory" },
    };

    [Theory]
    [MemberData(nameof(CraftedFileLists))]
    public async Task A_manifest_naming_a_file_a_restore_could_not_put_in_place_is_refused_before_anything_moves(string[] paths, string message)
    {
        var crafted = await CraftAsync("crafted", files: paths.Select(p => (p, Encoding.UTF8.GetBytes("crafted " + p))).ToArray());
        var target = await OccupiedTargetAsync();

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedRestore.RestoreAsync(crafted, target, force: true));

        Assert.Contains(message, refused.Message);
        AssertUntouched(target);
        Assert.False(File.Exists(Path.Combine(_root, "escaped.key")));
    }

    [Fact]
    public async Task Zip_entries_the_manifest_does_not_name_are_never_written_wherever_their_names_point()
    {
        var crafted = await CraftAsync("slip", extraEntries: ["../../slipped.txt", "/tmp/slipped-abs.txt", "files/../../slipped.txt", "C:\\slipped.txt", "files/engagement.db-wal"]);
        var target = Path.Combine(_root, "nested", "target");

        var restored = await EmbeddedRestore.RestoreAsync(crafted, target, force: false);

        Assert.True(restored.Backup.Contents.ChainsVerified);
        Assert.Equal(["access.key", "engagement.db", "engagement.lock"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(_root, "slipped*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/slipped-abs.txt"));
    }

    [Fact]
    public async Task A_database_entry_that_is_not_sqlite_is_refused_even_with_a_matching_checksum()
    {
        var crafted = await CraftAsync("not-sqlite", database: Encoding.UTF8.GetBytes("姓名,党员编号\n张三,001\n" + new string('x', 5000)));
        var target = await OccupiedTargetAsync();

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedRestore.RestoreAsync(crafted, target, force: true));

        Assert.Contains("database in the backup cannot be read", refused.Message);
        AssertUntouched(target);
    }

    [Fact]
    public async Task An_entry_expanding_past_what_its_manifest_declares_is_cut_off_not_written_out()
    {
        // 64 MB of zeros deflate to about 64 KB; the manifest keeps the real database's size and checksum.
        var crafted = await CraftAsync("bomb", bombDatabase: 64 << 20);
        Assert.True(new FileInfo(crafted).Length < 1 << 20);
        var target = await OccupiedTargetAsync();

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedRestore.RestoreAsync(crafted, target, force: true));

        Assert.Contains("larger than its manifest says", refused.Message);
        AssertUntouched(target);
    }

    [Fact]
    public async Task A_manifest_declaring_more_than_the_disk_holds_is_refused_before_extracting()
    {
        var crafted = await CraftAsync("huge", declaredDatabaseBytes: 1L << 60);
        var target = await OccupiedTargetAsync();

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedRestore.RestoreAsync(crafted, target, force: true));

        Assert.Contains("bytes free", refused.Message);
        AssertUntouched(target);
    }

    [Fact]
    public async Task The_app_refuses_a_directory_a_restore_left_half_way_and_restore_with_force_finishes_it()
    {
        // What a restore killed between its moves leaves: the note, the old files aside, the backup's database in place
        // but not yet its key.
        var target = Path.Combine(_root, "interrupted");
        var aside = Directory.CreateDirectory(Path.Combine(target, "before-restore-20260101-000000")).FullName;
        await File.WriteAllTextAsync(Path.Combine(aside, "access.key"), "the old key");
        File.Copy(Path.Combine(_root, "source", "engagement.db"), Path.Combine(target, "engagement.db"));
        await File.WriteAllTextAsync(Path.Combine(target, EmbeddedRestore.UnfinishedMarker), "A restore of good.zip began.");

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EngagementSilo.PrepareEmbeddedStoreAsync(target));
        Assert.Contains("did not finish", refused.Message);
        Assert.Contains("--force", refused.Message);
        Assert.False(DataDirectoryLock.IsHeld(target), "the refusal let go of the lock");

        await EmbeddedRestore.RestoreAsync(Good, target, force: true);

        Assert.False(File.Exists(Path.Combine(target, EmbeddedRestore.UnfinishedMarker)));
        Assert.Equal("the key", await File.ReadAllTextAsync(Path.Combine(target, "access.key")));
        Assert.Equal("the old key", await File.ReadAllTextAsync(Path.Combine(aside, "access.key")));
    }

    [Fact]
    public async Task A_finished_restore_leaves_no_note_and_the_app_opens_the_directory()
    {
        var target = Path.Combine(_root, "finished");
        await EmbeddedRestore.RestoreAsync(Good, target, force: false);

        Assert.False(File.Exists(Path.Combine(target, EmbeddedRestore.UnfinishedMarker)));
        await EngagementSilo.PrepareEmbeddedStoreAsync(target);
    }

    [Fact]
    public async Task A_backup_written_inside_the_data_directory_is_refused_so_later_backups_do_not_carry_it()
    {
        var data = Path.Combine(_root, "source");

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedBackup.CreateAsync(data, Path.Combine(data, "engagement-backup.zip"), "test"));
        Assert.Contains("inside the data directory", refused.Message);
        await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedBackup.CreateAsync(data, Path.Combine(data, "keys", "b.zip"), "test"));
        Assert.Equal(["access.key"], EmbeddedBackup.DataFiles(data));

        // Its own backups folder is where the console writes them; beside the data directory is fine too.
        await EmbeddedBackup.CreateAsync(data, Path.Combine(data, "backups", "by-hand.zip"), "test");
        await EmbeddedBackup.CreateAsync(data, Path.Combine(_root, "source-backup.zip"), "test");
        Assert.Equal(["access.key"], EmbeddedBackup.DataFiles(data));
    }

    [Fact]
    public async Task A_link_to_a_folder_in_the_data_directory_is_named_not_followed_but_a_linked_backups_folder_is_fine()
    {
        var data = Path.Combine(_root, "source");
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        await File.WriteAllTextAsync(Path.Combine(data, "keys", "key-1.xml"), "<key/>");
        // The operator keeps the console's backups on another disk: a link the backup never walks.
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "usb")).FullName;
        await File.WriteAllTextAsync(Path.Combine(elsewhere, "engagement-20260101-000000.zip"), "an old backup");
        Directory.CreateSymbolicLink(Path.Combine(data, "backups"), elsewhere);
        // A link to a file is followed: its contents are what the app reads.
        await File.WriteAllTextAsync(Path.Combine(_root, "real.key"), "linked key");
        File.CreateSymbolicLink(Path.Combine(data, "keys", "linked.key"), Path.Combine(_root, "real.key"));

        var made = await EmbeddedBackup.CreateAsync(data, Path.Combine(_root, "with-links.zip"), "test");
        Assert.Equal(["access.key", "keys/key-1.xml", "keys/linked.key"], made.Files.Select(f => f.Path));

        // A loop (or a link to a large folder elsewhere) used to be walked: forty levels down, then an IOException.
        Directory.CreateSymbolicLink(Path.Combine(data, "keys", "loop"), Path.Combine(data, "keys"));
        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedBackup.CreateAsync(data, Path.Combine(_root, "with-loop.zip"), "test"));
        Assert.Contains("keys/loop", refused.Message);
        Assert.False(File.Exists(Path.Combine(_root, "with-loop.zip")));
    }

    [Fact]
    public async Task A_backup_the_disk_has_no_room_for_is_refused_before_copying_not_left_to_fill_it()
    {
        // A sparse database larger than the disk's free space: nothing is allocated, but its size is what a copy needs.
        var data = Directory.CreateDirectory(Path.Combine(_root, "huge")).FullName;
        var free = new DriveInfo(data).AvailableFreeSpace;
        await using (var sparse = new FileStream(Path.Combine(data, "engagement.db"), FileMode.CreateNew))
        {
            sparse.SetLength(free + (1L << 30));
        }

        var refused = await Assert.ThrowsAsync<BackupProblem>(() => EmbeddedBackup.CreateAsync(data, Path.Combine(_root, "out", "huge.zip"), "test"));

        Assert.Contains("Not enough free space", refused.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "out")));
    }

    private async Task<string> OccupiedTargetAsync()
    {
        var target = Path.Combine(_root, "target-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "engagement.db"), "current database");
        await File.WriteAllTextAsync(Path.Combine(target, "access.key"), "current key");
        return target;
    }

    private static void AssertUntouched(string target)
    {
        Assert.Equal("current database", File.ReadAllText(Path.Combine(target, "engagement.db")));
        Assert.Equal("current key", File.ReadAllText(Path.Combine(target, "access.key")));
        Assert.Empty(Directory.GetDirectories(target));
        Assert.Equal(["access.key", "engagement.db", "engagement.lock"], Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The good backup rewritten as an adversary would: files listed with their true SHA-256, the database swapped, or
    /// entries added that the manifest does not name.
    /// </summary>
    private async Task<string> CraftAsync(string name, (string Path, byte[] Bytes)[]? files = null, byte[]? database = null,
        int bombDatabase = 0, long declaredDatabaseBytes = 0, string[]? extraEntries = null)
    {
        var path = Path.Combine(_root, name + ".zip");
        File.Copy(Good, path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var manifestEntry = zip.GetEntry("manifest.json")!;
        JsonObject manifest;
        await using (var stream = manifestEntry.Open())
        {
            manifest = JsonNode.Parse(stream)!.AsObject();
        }

        manifestEntry.Delete();
        if (files is not null)
        {
            var list = new JsonArray();
            foreach (var (filePath, bytes) in files)
            {
                list.Add(new JsonObject { ["path"] = filePath, ["bytes"] = bytes.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)) });
                zip.GetEntry("files/" + filePath)?.Delete();
                await using var entry = zip.CreateEntry("files/" + filePath).Open();
                await entry.WriteAsync(bytes);
            }

            manifest["files"] = list;
        }

        if (database is not null || bombDatabase > 0)
        {
            zip.GetEntry("engagement.db")!.Delete();
            await using var entry = zip.CreateEntry("engagement.db", CompressionLevel.SmallestSize).Open();
            if (database is not null)
            {
                await entry.WriteAsync(database);
                manifest["database"] = new JsonObject { ["path"] = "engagement.db", ["bytes"] = database.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(database)) };
            }
            else
            {
                var zeros = new byte[1 << 20];
                for (var written = 0; written < bombDatabase; written += zeros.Length)
                {
                    await entry.WriteAsync(zeros);
                }
            }
        }

        if (declaredDatabaseBytes > 0)
        {
            manifest["database"]!["bytes"] = declaredDatabaseBytes;
        }

        foreach (var extra in extraEntries ?? [])
        {
            await using var entry = zip.CreateEntry(extra).Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("slipped"));
        }

        await using (var stream = zip.CreateEntry("manifest.json").Open())
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        }

        return path;
    }
}
