using System.Globalization;

namespace Engagement.Silo.Backup;

/// <summary>
/// Puts a backup back into a data directory on a stopped instance. Refuses while any process holds the directory's
/// lock (the app running on it), refuses a directory that already holds data unless forced (then the current files
/// are moved aside, never deleted), and checks the whole backup before changing anything.
/// </summary>
public static class EmbeddedRestore
{
    /// <param name="SetAside">Where the directory's previous files went (<c>--force</c>), or null when it was empty.</param>
    public sealed record Result(BackupFile Backup, string DataDirectory, string? SetAside);

    public static async Task<Result> RestoreAsync(string backupPath, string dataDirectory, bool force, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        DataDirectoryLock held;
        try
        {
            held = DataDirectoryLock.Acquire(directory);
        }
        catch (DataDirectoryInUseException e)
        {
            throw new BackupProblem($"Engagement is running on {directory} (or another process holds {DataDirectoryLock.FileName}). "
                                    + "Stop the app first; a restore replaces the database under it.", e);
        }

        // Held to the end: the app cannot start on the directory half-way through.
        using (held)
        {
            var present = Present(directory);
            if (present.Count > 0 && !force)
            {
                throw new BackupProblem($"{directory} already holds data ({string.Join(", ", present.Take(5))}). "
                                        + $"Restore into an empty directory, or add --force to move the current files aside into {EmbeddedBackup.BeforeRestorePrefix}<time>/ first.");
            }

            var work = Path.Combine(directory, EmbeddedBackup.WorkPrefix + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var backup = await BackupFile.CheckAsync(backupPath, work, cancellationToken);
                if (!backup.Contents.ChainsVerified)
                {
                    var broken = backup.Contents.Broken[0];
                    throw new BackupProblem($"The backup's ledger does not verify: stream {broken.Stream} fails at entry {broken.FirstBrokenSeq}. Nothing was restored; use another backup.");
                }

                var setAside = present.Count > 0 ? SetAside(directory, present) : null;
                File.Move(backup.Database, Path.Combine(directory, EmbeddedBackup.DatabaseFile));
                foreach (var file in backup.Manifest.Files)
                {
                    var target = Path.Combine(directory, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(backup.Extracted(file), target);
                    if (!OperatingSystem.IsWindows())
                    {
                        // Key files: readable by the app's user only, as the app writes them.
                        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    }
                }

                return new Result(backup with { ExtractedTo = directory }, directory, setAside);
            }
            finally
            {
                EmbeddedBackup.TryDeleteDirectory(work);
            }
        }
    }

    /// <summary>What a restore would replace: everything except the lock, the backups folder and earlier set-aside folders.</summary>
    public static IReadOnlyList<string> Present(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => name != DataDirectoryLock.FileName
                               && name != EmbeddedBackup.BackupsFolder
                               && !name.StartsWith(EmbeddedBackup.BeforeRestorePrefix, StringComparison.Ordinal)
                               && !name.StartsWith(EmbeddedBackup.WorkPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    private static string SetAside(string directory, IReadOnlyList<string> present)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var aside = Path.Combine(directory, EmbeddedBackup.BeforeRestorePrefix + stamp);
        for (var n = 2; Directory.Exists(aside); n++)
        {
            aside = Path.Combine(directory, $"{EmbeddedBackup.BeforeRestorePrefix}{stamp}-{n}");
        }

        Directory.CreateDirectory(aside);
        foreach (var name in present)
        {
            var from = Path.Combine(directory, name);
            if (Directory.Exists(from))
            {
                Directory.Move(from, Path.Combine(aside, name));
            }
            else
            {
                File.Move(from, Path.Combine(aside, name));
            }
        }

        return aside;
    }
}
