namespace Engagement.Silo.Backup;

/// <summary>
/// One process at a time on a data directory: the running app holds <c>engagement.lock</c> open exclusively for its
/// whole life, so a second app on the same directory, or a restore onto it, is refused with a clear message
/// instead of two writers sharing one SQLite file or a restore swapping the file under a running app.
/// </summary>
/// <remarks>
/// The operating system drops the lock when the process ends, however it ends (a crash or kill -9 included), so a
/// stale lock never blocks a restart. On Linux .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>;
/// on Windows it is a sharing mode.
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "engagement.lock";

    /// <summary>Locks this process holds for its lifetime, by full directory path.</summary>
    private static readonly Dictionary<string, DataDirectoryLock> HeldForLife = new(StringComparer.Ordinal);

    private readonly FileStream _file;

    private DataDirectoryLock(string directory, FileStream file)
    {
        Directory = directory;
        _file = file;
    }

    public string Directory { get; }

    /// <summary>Takes the lock, or throws <see cref="DataDirectoryInUseException"/> when another process holds it.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var full = Path.GetFullPath(dataDirectory);
        System.IO.Directory.CreateDirectory(full);
        var path = Path.Combine(full, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // For a person who looks: which process has it (the file is not read by the lock itself).
            file.SetLength(0);
            var note = System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId} {DateTimeOffset.UtcNow:O}\n");
            file.Write(note);
            file.Flush();
            return new DataDirectoryLock(full, file);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DataDirectoryInUseException(full, e);
        }
    }

    /// <summary>Takes the lock for the rest of this process's life (the app's store); taking it again here is a no-op.</summary>
    public static void HoldForLife(string dataDirectory)
    {
        var full = Path.GetFullPath(dataDirectory);
        lock (HeldForLife)
        {
            if (!HeldForLife.ContainsKey(full))
            {
                HeldForLife[full] = Acquire(full);
            }
        }
    }

    /// <summary>True when some process (this one included) holds the lock on the directory now.</summary>
    public static bool IsHeld(string dataDirectory)
    {
        var full = Path.GetFullPath(dataDirectory);
        lock (HeldForLife)
        {
            if (HeldForLife.ContainsKey(full))
            {
                return true;
            }
        }

        if (!File.Exists(Path.Combine(full, FileName)))
        {
            return false;
        }

        try
        {
            Acquire(full).Dispose();
            return false;
        }
        catch (DataDirectoryInUseException)
        {
            return true;
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>Another process (usually the running app) holds the data directory's lock.</summary>
public sealed class DataDirectoryInUseException(string directory, Exception inner) : IOException(
    $"The data directory {directory} is in use by another Engagement process (it holds {DataDirectoryLock.FileName}). "
    + "Stop that process first; two processes must never share one data directory.", inner)
{
    public string DataDirectory { get; } = directory;
}
