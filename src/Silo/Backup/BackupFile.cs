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
            await ExtractAsync(zip, BackupManifest.DatabaseEntry, manifest.Database, System.IO.Path.Combine(workDirectory, EmbeddedBackup.DatabaseFile), cancellationToken);
            foreach (var file in manifest.Files)
            {
                if (!IsSafeRelativePath(file.Path))
                {
                    throw new BackupProblem($"{path} names a file outside the data directory ({file.Path}); it was not made by Engagement or has been altered.");
                }

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

    private static async Task ExtractAsync(ZipArchive zip, string entryName, BackupFileEntry expected, string target, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(entryName) ?? throw new BackupProblem($"The backup is incomplete: {entryName} is missing.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        await using (var source = await entry.OpenAsync(cancellationToken))
        await using (var file = new FileStream(target, FileMode.Create, FileAccess.Write))
        {
            await source.CopyToAsync(file, cancellationToken);
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
