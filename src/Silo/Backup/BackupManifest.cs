using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Silo.Backup;

/// <summary>
/// The <c>manifest.json</c> at the top of a backup file: when and by which version it was made, what it holds (the
/// contents check of the copied database) and a SHA-256 of every file in it, so a damaged or altered file is
/// caught before a restore replaces anything.
/// </summary>
/// <param name="SourceDirectory">The data directory it was taken from (informative only: a restore may go anywhere).</param>
public sealed record BackupManifest(
    string Format,
    int FormatVersion,
    DateTimeOffset CreatedAt,
    string AppVersion,
    string Machine,
    string SourceDirectory,
    BackupFileEntry Database,
    IReadOnlyList<BackupFileEntry> Files,
    StoreContents Contents)
{
    public const string FormatName = "engagement-backup";
    public const int CurrentVersion = 1;

    public const string EntryName = "manifest.json";
    public const string DatabaseEntry = "engagement.db";

    /// <summary>Other files of the data directory (key files) sit under this folder of the zip, at their relative paths.</summary>
    public const string FilesFolder = "files/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <param name="Path">Relative to the data directory, with '/' separators.</param>
public sealed record BackupFileEntry(string Path, long Bytes, string Sha256);

/// <summary>A backup or restore that cannot go ahead, with a message for the person at the keyboard. Nothing was changed.</summary>
public sealed class BackupProblem(string message, Exception? inner = null) : Exception(message, inner);
