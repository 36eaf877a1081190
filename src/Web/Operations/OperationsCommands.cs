using Engagement.Silo.Backup;
using Engagement.Silo.Hosting;
using Engagement.Web.Hosting;

namespace Engagement.Web.Operations;

/// <summary>
/// <c>Engagement.Web backup &lt;file&gt;</c>, <c>restore &lt;file&gt; [--force]</c> and <c>check [&lt;file&gt;]</c>: run instead of the
/// app, with the app's own configuration (appsettings, environment, <c>--Key value</c> arguments), so they find the
/// same data directory. Exit code 0 when all is well, non-zero otherwise (docs/operations/backup.md).
/// </summary>
public static class OperationsCommands
{
    private const string ClusterAdvice =
        "This app is configured for cluster mode: its data is in PostgreSQL. Back it up with pg_dump and restore it with "
        + "pg_restore, then run the silo's schema command (docs/operations/backup.md).";

    /// <summary>Runs the command named by the first argument, if it is one of ours; false means "start the app".</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("backup" or "restore" or "check"))
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(args, Console.Out, Console.Error);
        return true;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var command = args[0];
        var rest = args[1..];
        var file = rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0] : null;
        var force = rest.Contains("--force");
        var configurationArgs = rest.Skip(file is null ? 0 : 1).Where(a => a != "--force").ToArray();

        // The same configuration sources as the app and the same content root (a published build's folder), so the
        // same data directory, without starting anything.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            ContentRootPath = ServiceHosting.ContentRoot(configurationArgs),
        });
        var options = EngagementSilo.ReadOptions(builder.Configuration);
        var dataDirectory = builder.DataDirectory(options);
        try
        {
            return command switch
            {
                "backup" when file is null => Usage(error, "backup <file>"),
                "restore" when file is null => Usage(error, "restore <file> [--force]"),
                "backup" or "restore" when options.Mode == HostingMode.Cluster => Refuse(error, ClusterAdvice),
                "backup" => await BackupAsync(file!, dataDirectory, output),
                "restore" => await RestoreAsync(file!, dataDirectory, force, output),
                _ when file is not null => await CheckFileAsync(file, output),
                _ when options.Mode == HostingMode.Cluster => await CheckClusterAsync(options, output),
                _ => Report(output, $"The store in {dataDirectory}:", await EmbeddedBackup.CheckLiveAsync(dataDirectory)),
            };
        }
        catch (BackupProblem e)
        {
            return Refuse(error, e.Message);
        }
    }

    private static async Task<int> BackupAsync(string file, string dataDirectory, TextWriter output)
    {
        output.WriteLine($"Backing up {dataDirectory} (an online copy: the app may keep running)…");
        var manifest = await EmbeddedBackup.CreateAsync(dataDirectory, file, BackupShelf.AppVersion);
        var path = Path.GetFullPath(file);
        output.WriteLine($"Backup written: {path} ({Size(new FileInfo(path).Length)}), with {manifest.Files.Count} key file(s): {string.Join(", ", manifest.Files.Select(f => f.Path))}");
        return Report(output, "It holds:", manifest.Contents);
    }

    private static async Task<int> RestoreAsync(string file, string dataDirectory, bool force, TextWriter output)
    {
        output.WriteLine($"Checking {Path.GetFullPath(file)} and restoring it into {dataDirectory}…");
        var result = await EmbeddedRestore.RestoreAsync(file, dataDirectory, force);
        Describe(output, result.Backup.Manifest);
        Report(output, "Restored. The data directory now holds:", result.Backup.Contents);
        if (result.SetAside is not null)
        {
            output.WriteLine($"The directory's previous files were moved to {result.SetAside} (nothing was deleted).");
        }

        output.WriteLine("Start the app on this data directory. If the data-protection keys were protected with a certificate, it must be configured here too (docs/operations/keys.md).");
        return 0;
    }

    private static async Task<int> CheckFileAsync(string file, TextWriter output)
    {
        var work = Directory.CreateTempSubdirectory("engagement-check-").FullName;
        try
        {
            var backup = await BackupFile.CheckAsync(file, work);
            output.WriteLine($"{backup.Path} is a readable Engagement backup; every file matches its checksum and the database passes SQLite's integrity check.");
            Describe(output, backup.Manifest);
            return Report(output, "It holds:", backup.Contents);
        }
        finally
        {
            EmbeddedBackup.TryDeleteDirectory(work);
        }
    }

    private static async Task<int> CheckClusterAsync(EngagementOptions options, TextWriter output)
    {
        await using var connection = new Npgsql.NpgsqlConnection(EngagementSilo.RequireConnectionString(options));
        await connection.OpenAsync();
        return Report(output, $"The PostgreSQL database {connection.Database} on {connection.Host}:", await StoreContents.ReadAsync(connection));
    }

    private static void Describe(TextWriter output, BackupManifest manifest) =>
        output.WriteLine($"Made {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC by Engagement {manifest.AppVersion} on {manifest.Machine} from {manifest.SourceDirectory}.");

    /// <summary>Prints the contents; a broken chain makes the exit code 2 (the copy exists, but look at it).</summary>
    private static int Report(TextWriter output, string heading, StoreContents contents)
    {
        output.WriteLine(heading);
        foreach (var line in contents.Describe())
        {
            output.WriteLine("  " + line);
        }

        return contents.ChainsVerified ? 0 : 2;
    }

    private static int Usage(TextWriter error, string usage)
    {
        error.WriteLine($"Usage: Engagement.Web {usage} [--Engagement:DataDirectory <folder>] (docs/operations/backup.md)");
        return 64;
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 1;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
