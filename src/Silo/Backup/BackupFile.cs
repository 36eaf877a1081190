using System.IO.Compression;
using System.Text.Json;

namespace Engagement.Silo.Backup;

/// <summary>
/// A backup file read back and checked: a readable zip with our manifest, every file matching its SHA-256, a
/// database that passes SQLite's integrity check, and the contents check run on it (counts and hash chains).
/// Extracted into a working folder that the caller owns (a restore moves the files from there into place).
/// </summary>
public sealed record BackupFile(string Path, BackupManifest Manifest, StoreContents Contents, string ExtractedTo)
{
    /// <summary>The extracted database copy.</summary>
    public string Database => System.IO.Path.Combine(ExtractedTo, EmbeddedBackup.DatabaseFile);

    /// <summary>Where a data file of <see cref="BackupManifest.Files"/> was extracted.</summary>
    public string Extracted(BackupFileEntry file) => System.IO.Path.Combine(ExtractedTo, "files", file.Path);

    /// <summary>Reads and checks <paramref name="path"/> into <paramref name="workDirectory"/>; throws <see cref="BackupProblem"/> with what is wrong.</summary>
    public static async Task<BackupFile> CheckAsync(string path, string workDirectory, CancellationToken cancellationToken = default)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new BackupProblem(Directory.Exists(path) ? $"{path} is a folder, not a backup file." : $"There is no file at {path}.");
        }

        Directory.CreateDirectory(workDirectory);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var manifest = await ReadManifestAsync(path, zip, cancellationToken);
            RequireRestorableFiles(path, manifest);
            RequireSpace(workDirectory, manifest);
            await ExtractAsync(zip, BackupManifest.DatabaseEntry, manifest.Database, System.IO.Path.Combine(workDirectory, EmbeddedBackup.DatabaseFile), cancellationToken);
            foreach (var file in manifest.Files)
            {
                await ExtractAsync(zip, BackupManifest.FilesFolder + file.Path, file, System.IO.Path.Combine(workDirectory, "files", file.Path), cancellationToken);
            }

            var contents = await EmbeddedBackup.CheckDatabaseAsync(System.IO.Path.Combine(workDirectory, EmbeddedBackup.DatabaseFile), makeSingleFile: false, cancellationToken);
            return new BackupFile(path, manifest, contents, workDirectory);
        }
        catch (InvalidDataException e)
        {
            throw new BackupProblem($"{path} is damaged or is not a zip file ({e.Message}). Use another copy of the backup.", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new BackupProblem($"{path} cannot be read: {e.Message}", e);
        }
    }

    private static async Task<BackupManifest> ReadManifestAsync(string path, ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(BackupManifest.EntryName)
                    ?? throw new BackupProblem($"{path} is not an Engagement backup: it has no {BackupManifest.EntryName}.");
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, BackupManifest.Json, cancellationToken);
            if (manifest is not { Format: BackupManifest.FormatName, Database: not null, Files: not null, Contents: not null })
            {
                throw new BackupProblem($"{path} is not an Engagement backup: its {BackupManifest.EntryName} is not ours.");
            }

            return manifest.FormatVersion > BackupManifest.CurrentVersion
                ? throw new BackupProblem($"{path} was made by a newer version of Engagement ({manifest.AppVersion}, format {manifest.FormatVersion}); restore it with that version or later.")
                : manifest;
        }
        catch (JsonException e)
        {
            throw new BackupProblem($"{path} is not an Engagement backup: its {BackupManifest.EntryName} cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>
    /// The manifest's file list, all of it, before anything is extracted or moved: a restore moves these files into the
    /// data directory one by one, so one that cannot land there must stop it first, not half-way. Refused: a path
    /// outside the directory; a name a backup never holds (<see cref="EmbeddedBackup.IsDataFile"/>: a crafted
    /// <c>engagement.db-wal</c> would be replayed into the checked database when the app opens it, a crafted
    /// <c>engagement.lock</c> or <c>backups/…</c> would collide); the same path twice; a file that is also a folder.
    /// </summary>
    private static void RequireRestorableFiles(string path, BackupManifest manifest)
    {
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var seen = new HashSet<string>(comparer);
        foreach (var file in manifest.Files)
        {
            if (file?.Path is null || !IsSafeRelativePath(file.Path))
            {
                throw new BackupProblem($"{path} names a file outside the data directory ({file?.Path}); it was not made by Engagement or has been altered.");
            }

            if (!EmbeddedBackup.IsDataFile(file.Path))
            {
                throw new BackupProblem($"{path} names a file a backup never holds ({file.Path}); it was not made by Engagement or has been altered.");
            }

            if (!seen.Add(file.Path))
            {
                throw new BackupProblem($"{path} names {file.Path} twice; it was not made by Engagement or has been altered.");
            }
        }

        foreach (var file in manifest.Files)
        {
            var parts = file.Path.Split('/');
            for (var n = 1; n < parts.Length; n++)
            {
                if (seen.Contains(string.Join('/', parts[..n])))
                {
                    throw new BackupProblem($"{path} names {string.Join('/', parts[..n])} both as a file and as a folder; it was not made by Engagement or has been altered.");
                }
            }
        }
    }

    /// <summary>
    /// Room for what the manifest says the backup expands to, checked before extracting. With <see cref="ExtractAsync"/>
    /// never writing more than the manifest says, a crafted file (a "zip bomb" expanding to far more than it declares,
    /// or declaring more than the disk holds) is refused instead of filling the data directory's disk.
    /// </summary>
    private static void RequireSpace(string workDirectory, BackupManifest manifest)
    {
        var needed = manifest.Database.Bytes + manifest.Files.Sum(f => Math.Max(0, f.Bytes));
        var drive = new DriveInfo(OperatingSystem.IsWindows() ? System.IO.Path.GetPathRoot(System.IO.Path.GetFullPath(workDirectory))! : workDirectory);
        if (manifest.Database.Bytes < 0 || manifest.Files.Any(f => f.Bytes < 0) || needed > drive.AvailableFreeSpace)
        {
            throw new BackupProblem($"The backup says it expands to {needed:N0} bytes; {workDirectory} has {drive.AvailableFreeSpace:N0} bytes free. "
                                    + "Free some space (or restore into a folder on another disk); nothing was changed.");
        }
    }

    private static async Task ExtractAsync(ZipArchive zip, string entryName, BackupFileEntry expected, string target, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(entryName) ?? throw new BackupProblem($"The backup is incomplete: {entryName} is missing.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        await using (var source = await entry.OpenAsync(cancellationToken))
        await using (var file = new FileStream(target, FileMode.Create, FileAccess.Write))
        {
            // At most one byte more than the manifest says: enough to know the entry is not what it claims, without
            // writing out whatever a crafted entry expands to.
            var buffer = new byte[81920];
            long written = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, expected.Bytes + 1 - written)), cancellationToken)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
                if (written > expected.Bytes)
                {
                    throw new BackupProblem($"The backup is damaged or altered: {entryName} is larger than its manifest says ({expected.Bytes:N0} bytes). Nothing was changed.");
                }
            }
        }

        var actual = await EmbeddedBackup.DescribeAsync(target, expected.Path, cancellationToken);
        if (actual != expected)
        {
            throw new BackupProblem($"The backup is damaged: {entryName} does not match its checksum in the manifest.");
        }
    }

    private static bool IsSafeRelativePath(string relative) =>
        relative.Length > 0
        && !relative.StartsWith('/')
        && !relative.Contains('\\')
        && !relative.Contains(':')
        && relative.Split('/').All(part => part.Length > 0 && part is not "." and not "..");
}
