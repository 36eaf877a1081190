using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Engagement.Silo.Backup;

/// <summary>
/// A backup of an embedded data directory in one zip file: a consistent copy of <c>engagement.db</c> made with
/// SQLite's online backup API while the app keeps writing, the directory's other files (the access key and any key
/// files beside it) and a <see cref="BackupManifest"/>. Written under a temporary name and renamed, so a backup file
/// that exists is always whole.
/// </summary>
public static class EmbeddedBackup
{
    public const string DatabaseFile = "engagement.db";

    /// <summary>The folder of the data directory where the console's backups go (never itself backed up).</summary>
    public const string BackupsFolder = "backups";

    /// <summary>Where <c>restore --force</c> moves the files it replaces: <c>before-restore-&lt;time&gt;</c>.</summary>
    public const string BeforeRestorePrefix = "before-restore-";

    /// <summary>Working folders of an unfinished backup or restore (removed when done).</summary>
    internal const string WorkPrefix = ".engagement-work-";

    private const int BusyAttempts = 20;
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(250);

    public static async Task<BackupManifest> CreateAsync(string dataDirectory, string destination, string appVersion, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(dataDirectory);
        var database = Path.Combine(directory, DatabaseFile);
        if (!File.Exists(database))
        {
            throw new BackupProblem($"There is no database at {database}: nothing to back up. Check the data directory (Engagement:DataDirectory).");
        }

        destination = Path.GetFullPath(destination);
        if (File.Exists(destination) || Directory.Exists(destination))
        {
            throw new BackupProblem($"{destination} already exists; choose another file name (a backup never overwrites a file).");
        }

        var folder = Path.GetDirectoryName(destination)!;
        var inside = Path.GetRelativePath(directory, destination).Replace(Path.DirectorySeparatorChar, '/');
        if (!Path.IsPathRooted(inside) && inside != ".." && !inside.StartsWith("../", StringComparison.Ordinal) && IsDataFile(inside))
        {
            // Inside the data directory (say, run from it with a bare file name) the backup would itself be a "data
            // file": every later backup would carry all the earlier ones, and a restore would put them back.
            throw new BackupProblem($"{destination} is inside the data directory {directory}: a backup there would be copied into every later backup. "
                                    + $"Write it elsewhere (another disk is best), or into {Path.Combine(directory, BackupsFolder)}.");
        }

        Directory.CreateDirectory(folder);
        RequireRoom(database, folder);
        var work = Directory.CreateDirectory(Path.Combine(folder, WorkPrefix + Guid.NewGuid().ToString("N")[..8])).FullName;
        var partial = destination + ".partial";
        try
        {
            var copy = Path.Combine(work, DatabaseFile);
            var contents = await CopyDatabaseAsync(database, copy, cancellationToken);
            var files = DataFiles(directory).ToList();
            var manifest = new BackupManifest(
                BackupManifest.FormatName,
                BackupManifest.CurrentVersion,
                DateTimeOffset.UtcNow,
                appVersion,
                Environment.MachineName,
                directory,
                await DescribeAsync(copy, BackupManifest.DatabaseEntry, cancellationToken),
                await Task.WhenAll(files.Select(f => DescribeAsync(Path.Combine(directory, f), f, cancellationToken))),
                contents);

            File.Delete(partial);
            await using (var zipFile = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
            using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create))
            {
                // The database goes in first and the manifest last: a reader checks each against the manifest anyway.
                await zip.CreateEntryFromFileAsync(copy, BackupManifest.DatabaseEntry, CompressionLevel.Fastest, cancellationToken);
                foreach (var file in manifest.Files)
                {
                    await zip.CreateEntryFromFileAsync(Path.Combine(directory, file.Path), BackupManifest.FilesFolder + file.Path, CompressionLevel.Fastest, cancellationToken);
                }

                var entry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Fastest);
                await using var stream = await entry.OpenAsync(cancellationToken);
                await JsonSerializer.SerializeAsync(stream, manifest, BackupManifest.Json, cancellationToken);
            }

            await using (var written = new FileStream(partial, FileMode.Open, FileAccess.Read))
            {
                written.Flush(flushToDisk: true);
            }

            File.Move(partial, destination, overwrite: false);
            return manifest;
        }
        catch (Exception e) when (e is SqliteException { SqliteErrorCode: 13 } or IOException and not FileNotFoundException and not DirectoryNotFoundException)
        {
            // SQLITE_FULL or the zip's own write: a full disk (or quota), said as such rather than as an unhandled error.
            throw new BackupProblem($"The backup could not be written to {folder}: {e.Message} If the disk is full, free some space there or write the backup to another disk. The partial file was removed.", e);
        }
        finally
        {
            File.Delete(partial);
            TryDeleteDirectory(work);
        }
    }

    /// <summary>
    /// A backup needs room for the database's copy and then the zip (about as large again, at worst): twice the live
    /// database, its write-ahead log included. Refused up front when the destination's disk has less — on the data
    /// directory's own disk (the console's backups/) filling it would leave the live database no room to write ballots.
    /// </summary>
    private static void RequireRoom(string database, string folder)
    {
        var wal = new FileInfo(database + "-wal");
        var needed = 2 * (new FileInfo(database).Length + (wal.Exists ? wal.Length : 0));
        var free = new DriveInfo(OperatingSystem.IsWindows() ? Path.GetPathRoot(folder)! : folder).AvailableFreeSpace;
        if (needed > free)
        {
            throw new BackupProblem($"Not enough free space for a backup in {folder}: it needs about {needed / 1048576.0:N1} MB, {free / 1048576.0:N1} MB is free. "
                                    + "Delete old backups there, or write the backup to another disk (the backup command).");
        }
    }

    /// <summary>The contents check of the live store, read from an online copy (so the running app is not disturbed).</summary>
    public static async Task<StoreContents> CheckLiveAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        var database = Path.Combine(Path.GetFullPath(dataDirectory), DatabaseFile);
        if (!File.Exists(database))
        {
            throw new BackupProblem($"There is no database at {database}. Check the data directory (Engagement:DataDirectory).");
        }

        var work = Directory.CreateTempSubdirectory("engagement-check-").FullName;
        try
        {
            return await CopyDatabaseAsync(database, Path.Combine(work, DatabaseFile), cancellationToken);
        }
        finally
        {
            TryDeleteDirectory(work);
        }
    }

    /// <summary>
    /// SQLite's online backup: one read transaction on the live file copies every page as of its start, while the
    /// app's writers go on appending to the write-ahead log. The copy is then checked and made a single file.
    /// </summary>
    private static async Task<StoreContents> CopyDatabaseAsync(string database, string copyPath, CancellationToken cancellationToken)
    {
        await using (var source = new SqliteConnection(ConnectionString(database, SqliteOpenMode.ReadWrite)))
        await using (var copy = new SqliteConnection(ConnectionString(copyPath, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(cancellationToken);
            await copy.OpenAsync(cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    source.BackupDatabase(copy);
                    break;
                }
                catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < BusyAttempts)
                {
                    // SQLITE_BUSY/LOCKED: the copy has no busy handler of its own; a moment later the app's lock is gone.
                    await Task.Delay(BusyPause, cancellationToken);
                }
            }
        }

        return await CheckDatabaseAsync(copyPath, makeSingleFile: true, cancellationToken);
    }

    /// <summary>
    /// <c>PRAGMA integrity_check</c> and the contents check of a database file that no one else uses. With
    /// <paramref name="makeSingleFile"/>, leaves it in rollback-journal mode (no -wal beside it); the app turns
    /// write-ahead logging back on when it opens the store.
    /// </summary>
    internal static async Task<StoreContents> CheckDatabaseAsync(string path, bool makeSingleFile, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWrite));
        try
        {
            await connection.OpenAsync(cancellationToken);
            var problems = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA integrity_check;";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    problems.Add(reader.GetString(0));
                }
            }

            if (problems is not ["ok"])
            {
                throw new BackupProblem($"The database copy fails SQLite's integrity check: {string.Join("; ", problems.Take(5))}");
            }

            var contents = await StoreContents.ReadAsync(connection, cancellationToken);
            if (makeSingleFile)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return contents;
        }
        catch (SqliteException e)
        {
            throw new BackupProblem($"The database in the backup cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Every file of the data directory except the database itself (copied through SQLite), the lock, the backups
    /// folder, earlier restores' set-aside folders and unfinished work: today the access key, and whatever key files
    /// the operator's set-up keeps there. Paths relative, with '/' separators.
    /// </summary>
    public static IEnumerable<string> DataFiles(string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        return Walk(root, root).Where(IsDataFile).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The files under <paramref name="folder"/>, not following a link to a folder: SearchOption.AllDirectories does,
    /// so a link back up (a loop) failed the backup some forty levels down, and a link to a big folder elsewhere would
    /// have been copied whole. Such a link is refused by name (a link to a file is followed: its contents are what the
    /// app reads). Folders a backup skips (backups/, set-aside folders, work folders) may be links: they are not walked.
    /// </summary>
    private static IEnumerable<string> Walk(string root, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var relative = Path.GetRelativePath(root, sub).Replace(Path.DirectorySeparatorChar, '/');
            if (!IsDataFile(relative + "/-"))
            {
                continue;
            }

            if (new DirectoryInfo(sub).LinkTarget is { } target)
            {
                throw new BackupProblem($"The data directory holds a link to a folder ({relative} → {target}); a backup copies the data directory's own files only. "
                                        + "Replace the link with the folder itself, or remove it, and back up again.");
            }

            foreach (var file in Walk(root, sub))
            {
                yield return file;
            }
        }
    }

    /// <summary>
    /// Whether a relative path ('/' separators) is one <see cref="DataFiles"/> backs up; a restore refuses a backup naming
    /// any other (a crafted <c>engagement.db-wal</c>, <c>engagement.lock</c>, <c>backups/…</c>).
    /// </summary>
    public static bool IsDataFile(string relative)
    {
        var top = relative.Split('/')[0];
        var inFolder = relative.Contains('/');
        return !(top.StartsWith(DatabaseFile, StringComparison.Ordinal) && !inFolder
                 || top == DataDirectoryLock.FileName
                 // Whether a file or a folder: a restore leaves these names where they are, so it could not put one back.
                 || top == BackupsFolder || top.StartsWith(BeforeRestorePrefix, StringComparison.Ordinal)
                 || top.StartsWith(WorkPrefix, StringComparison.Ordinal));
    }

    internal static async Task<BackupFileEntry> DescribeAsync(string path, string name, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new BackupFileEntry(name, stream.Length, Convert.ToHexStringLower(hash));
    }

    internal static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        // Closed means closed: the copy is zipped, moved or deleted right after.
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    public static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the operator; its name says what it is.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
