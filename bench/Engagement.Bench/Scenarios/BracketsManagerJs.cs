using System.Diagnostics;
using System.Text.Json;
using Engagement.Testing;

namespace Engagement.Bench;

/// <summary>
/// brackets-manager.js (from npm, in-memory storage) on the bracket scenario's work: bench/brackets-manager/play.js,
/// run with node when node is on PATH, after <c>npm ci</c> there when its node_modules is missing.
/// </summary>
public static class BracketsManagerJs
{
    /// <param name="TotalMs">Creating the stage and playing every match, the driver's reads of each match included.</param>
    /// <param name="UpdatesMs">The <c>update.match</c> calls alone.</param>
    public sealed record Run(string Format, int Teams, int Matches, double TotalMs, double UpdatesMs,
        double FirstQuarterMsPerMatch, double LastQuarterMsPerMatch, double FirstQuarterMedianMs, double LastQuarterMedianMs);

    private static string Directory => Path.Combine(AppProcess.RepoRoot, "bench", "brackets-manager");

    /// <summary>The runs, or null (having said why) when node, npm or the package cannot be had here.</summary>
    public static async Task<IReadOnlyList<Run>?> TryRunAsync(IReadOnlyList<int> sizes)
    {
        if (OnPath("node") is not { } node)
        {
            Console.WriteLine("brackets-manager.js: node is not on PATH; comparison skipped");
            return null;
        }

        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            if (OnPath("npm") is not { } npm)
            {
                Console.WriteLine("brackets-manager.js: node_modules missing and npm is not on PATH; comparison skipped");
                return null;
            }

            Console.WriteLine($"brackets-manager.js: npm ci in {Directory}");
            var (installed, _, installErrors) = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (!installed)
            {
                Console.WriteLine($"brackets-manager.js: npm ci failed; comparison skipped\n{installErrors}");
                return null;
            }
        }

        var (ran, output, errors) = await RunAsync(node, ["play.js", .. sizes.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))], TimeSpan.FromMinutes(10));
        if (!ran)
        {
            Console.WriteLine($"brackets-manager.js: play.js failed; comparison skipped\n{errors}");
            return null;
        }

        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        Console.WriteLine($"brackets-manager.js {root.GetProperty("brackets_manager").GetString()} on node {root.GetProperty("node").GetString()}, memory storage");
        return root.GetProperty("runs").EnumerateArray().Select(r => new Run(
            r.GetProperty("format").GetString()!,
            r.GetProperty("teams").GetInt32(),
            r.GetProperty("matches").GetInt32(),
            r.GetProperty("total_ms").GetDouble(),
            r.GetProperty("updates_ms").GetDouble(),
            r.GetProperty("first_quarter_ms_per_match").GetDouble(),
            r.GetProperty("last_quarter_ms_per_match").GetDouble(),
            r.GetProperty("first_quarter_median_ms").GetDouble(),
            r.GetProperty("last_quarter_median_ms").GetDouble())).ToList();
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static async Task<(bool Ok, string Output, string Errors)> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new BenchSetupException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (false, await output, $"{program} took longer than {timeout}; stopped\n{await errors}");
        }

        return (process.ExitCode == 0, await output, await errors);
    }
}
