using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Engagement.Silo.Backup;
using Engagement.Silo.Hosting;

namespace Engagement.Web.Operations;

/// <summary>
/// The console's backups: made on the running app into <c>&lt;data&gt;/backups/engagement-&lt;yyyyMMdd-HHmmss&gt;.zip</c>,
/// one at a time, listed and handed out by name. Names are only ever ones this class makes, so a name from a
/// request is either one of them or refused: no path of the caller's choosing ever reaches the file system.
/// </summary>
public sealed partial class BackupShelf(EngagementOptions options, string dataDirectory, ILogger<BackupShelf> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public sealed record Item(string Name, long Bytes, DateTimeOffset CreatedAt);

    public sealed record Made(string Name, long Bytes, DateTimeOffset CreatedAt, string AppVersion, StoreContents Contents);

    public static string AppVersion { get; } =
        typeof(BackupShelf).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Folder => Path.Combine(dataDirectory, EmbeddedBackup.BackupsFolder);

    public async Task<Made> CreateAsync(CancellationToken cancellationToken)
    {
        RequireEmbedded();
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Folder);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var name = $"engagement-{stamp}.zip";
            for (var n = 2; File.Exists(Path.Combine(Folder, name)); n++)
            {
                name = $"engagement-{stamp}-{n}.zip";
            }

            var path = Path.Combine(Folder, name);
            // The copy is synchronous SQLite work: off the request thread.
            var manifest = await Task.Run(() => EmbeddedBackup.CreateAsync(dataDirectory, path, AppVersion, cancellationToken), cancellationToken);
            var bytes = new FileInfo(path).Length;
            logger.LogInformation("Backup {Name} written ({Bytes} bytes): {Ballots} ballots, chains verified: {Verified}",
                name, bytes, manifest.Contents.Ballots, manifest.Contents.ChainsVerified);
            return new Made(name, bytes, manifest.CreatedAt, manifest.AppVersion, manifest.Contents);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public IReadOnlyList<Item> List()
    {
        RequireEmbedded();
        return Directory.Exists(Folder)
            ? new DirectoryInfo(Folder).EnumerateFiles("engagement-*.zip")
                .Where(f => IsBackupName(f.Name))
                .Select(f => new Item(f.Name, f.Length, f.LastWriteTimeUtc))
                .OrderByDescending(i => i.Name, StringComparer.Ordinal)
                .ToList()
            : [];
    }

    /// <summary>The file of a backup this shelf made, or a 404 refusal for any other name.</summary>
    public FileInfo Find(string name)
    {
        RequireEmbedded();
        var file = IsBackupName(name) ? new FileInfo(Path.Combine(Folder, name)) : null;
        return file is { Exists: true } ? file : throw RuleViolation.NotFound("backup.not-found");
    }

    public static bool IsBackupName(string name) => BackupName().IsMatch(name);

    private void RequireEmbedded()
    {
        if (options.Mode == HostingMode.Cluster)
        {
            throw RuleViolation.Conflict("backup.cluster-mode");
        }
    }

    [GeneratedRegex(@"\Aengagement-[0-9]{8}-[0-9]{6}(-[0-9]{1,4})?\.zip\z", RegexOptions.CultureInvariant)]
    private static partial Regex BackupName();
}
