using System.Diagnostics;
using Engagement.Ledger;
using Engagement.Storage;
using Engagement.Tournament;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.Bench;

/// <summary>
/// <c>bracket</c>: plays every match of single and double elimination, the better seed winning, through the pure
/// bracket rules (64, 256 and 1,024 teams) and through the tournament grain on an in-process silo with memory
/// storage (64 and 256: the most a tournament takes). Prints ms per result and in total, and the ms per result of
/// the first and last quarter of the results: a cost that grew with the results already played would show there.
/// </summary>
public static class BracketScenario
{
    private static readonly int[] RuleSizes = [64, 256, 1024];
    private static readonly int[] GrainSizes = [64, 256];

    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var result = new Dictionary<string, object?> { ["scenario"] = "bracket", ["quick"] = options.Quick };
        foreach (var name in Report.Required.Where(k => k != "scenario"))
        {
            result[name] = null;
        }

        result["lost"] = 0;
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var teams in RuleSizes)
        {
            Rules(result, "single", teams, () => Knockout.Build(teams, thirdPlace: true));
            Rules(result, "double", teams, () => DoubleElimination.Build(teams, grandFinalReset: true));
        }

        var builder = new InProcessTestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.Options.ConfigureFileLogging = false; // else the test host writes ./logs wherever the bench is run
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageNames.Durable));
        builder.ConfigureSilo((_, silo) => silo.UseInMemoryReminderService());
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton<ILedger, MemoryLedger>());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        foreach (var teams in GrainSizes)
        {
            await Grain(result, cluster.Client, "single", teams, TournamentFormat.Knockout);
            await Grain(result, cluster.Client, "double", teams, TournamentFormat.DoubleElimination);
        }

        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return result;
    }

    private static void Rules(Dictionary<string, object?> result, string format, int teams, Func<Bracket> build)
    {
        var total = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var bracket = build();
        var perResult = new List<double>();
        while (bracket.Playable.FirstOrDefault() is { } match)
        {
            var winner = ((Seed)match.Top.Occupant!).Number < ((Seed)match.Bottom.Occupant!).Number ? Side.Top : Side.Bottom;
            var one = Stopwatch.GetTimestamp();
            bracket = bracket.Complete(match.Id, winner);
            perResult.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        }

        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        result[$"rules_{format}_{teams}_cpu_ms_per_result"] = Stats.Round(cpuMs / perResult.Count, 4);
        Print(result, $"rules_{format}_{teams}", perResult, total.Elapsed.TotalMilliseconds, $"champion {bracket.Champion}; process CPU {cpuMs / perResult.Count:F4} ms/result (build included)");
    }

    private static async Task Grain(Dictionary<string, object?> result, IClusterClient client, string format, int teams, TournamentFormat tournamentFormat)
    {
        var total = Stopwatch.StartNew();
        var summary = await client.GetGrain<ITournamentsGrain>(0).Create($"bench {format} {teams}");
        var tournament = client.GetGrain<ITournamentGrain>(summary.TournamentId);
        var setup = new TournamentSetup($"bench {format} {teams}", tournamentFormat, 0, 1, 0, tournamentFormat == TournamentFormat.Knockout,
            tournamentFormat == TournamentFormat.DoubleElimination, false, null, RuleSets.Presets["air-volleyball"], []);
        var teamList = Enumerable.Range(1, teams).Select(i => new TeamEntry($"t{i}", $"team {i}", $"b{i}", null, i, [])).ToList();
        await tournament.Configure(setup, teamList);
        var view = await tournament.Start();
        var perResult = new List<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        while (view.Matches.Where(m => m is { Status: FixtureStatus.Ready, TeamA: not null, TeamB: not null }).ToList() is { Count: > 0 } ready)
        {
            foreach (var m in ready)
            {
                var aWins = int.Parse(m.TeamA![1..]) < int.Parse(m.TeamB![1..]);
                var sets = new List<SetPoints> { aWins ? new(21, 10) : new(10, 21), aWins ? new(21, 10) : new(10, 21) };
                var one = Stopwatch.GetTimestamp();
                await tournament.RecordResult(m.MatchId, m.TeamA, m.TeamB, new MatchOutcome(sets, aWins ? m.TeamA : m.TeamB!, "Finished"));
                perResult.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }

            view = await tournament.Get();
        }

        // CPU of the whole process (silo included) while playing, views between rounds included: less at the mercy of a busy machine than wall time.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        result[$"grain_{format}_{teams}_cpu_ms_per_result"] = Stats.Round(cpuMs / perResult.Count, 3);

        // What one full view costs (the live topic builds one at most every 100 ms): part of what a result costs the grain.
        var viewStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 5; i++)
        {
            await tournament.Get();
        }

        var viewMs = Stopwatch.GetElapsedTime(viewStart).TotalMilliseconds / 5;
        result[$"grain_{format}_{teams}_view_ms"] = Stats.Round(viewMs, 2);
        Print(result, $"grain_{format}_{teams}", perResult, total.Elapsed.TotalMilliseconds, $"{view.Status} champion {view.Champion}; process CPU {cpuMs / perResult.Count:F2} ms/result; one view {viewMs:F1} ms");
    }

    private static void Print(Dictionary<string, object?> result, string key, List<double> perResult, double totalMs, string? outcome)
    {
        var quarter = Math.Max(1, perResult.Count / 4);
        var sum = perResult.Sum();
        var first = perResult.Take(quarter).Average();
        var last = perResult.TakeLast(quarter).Average();
        Console.WriteLine($"{key,-18} {perResult.Count,5} results  {sum / perResult.Count,9:F4} ms/result (first quarter {first:F4}, last {last:F4})  results {sum,9:F1} ms  total {totalMs,9:F1} ms  {outcome}");
        result[$"{key}_results"] = perResult.Count;
        result[$"{key}_ms_per_result"] = Stats.Round(sum / perResult.Count, 4);
        result[$"{key}_first_quarter_ms_per_result"] = Stats.Round(first, 4);
        result[$"{key}_last_quarter_ms_per_result"] = Stats.Round(last, 4);
        result[$"{key}_total_ms"] = Stats.Round(totalMs);
    }
}
