using Engagement.Silo.Backup;

namespace Engagement.Silo.Hosting;

/// <summary>
/// Start-up stopped for a reason the operator fixes: a setting (a certificate, a network list, a key that cannot be
/// opened) or a data directory that is in use or half restored. The programs print its sentence and exit with code 1
/// instead of an unhandled exception's stack trace, which an IT person would read as a crash of the program.
/// </summary>
public class StartupRefusal(string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    /// <summary>The sentence for an exception that ended start-up, if it is (or wraps) a refusal; null for a fault.</summary>
    public static string? Explain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } one ? one.InnerExceptions[0] : e.InnerException)
        {
            if (e is StartupRefusal or DataDirectoryInUseException or BackupProblem)
            {
                return e.Message;
            }
        }

        return null;
    }

    /// <summary>Runs a program's start and life; a refusal becomes "Engagement cannot start: …" on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task> program)
    {
        try
        {
            await program();
            return Environment.ExitCode;
        }
        catch (Exception e) when (Explain(e) is { } why)
        {
            await Console.Error.WriteLineAsync("Engagement cannot start: " + why);
            return 1;
        }
    }
}
