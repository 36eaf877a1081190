using System.Diagnostics;
using Engagement.Ledger;
using Engagement.Storage;
using Engagement.Tournament;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.Bench;

/// <summary>
/// <c>bracket</c>: plays every match of single elimination (with a third-place match) and double elimination (with a
/// possible grand-final reset), the better seed winning, at 64, 256 and 1,024 teams: through the pure bracket rules,
/// through the tournament grain on an in-process silo (memory storage and ledger; its team cap raised to the rules'
/// 1,024 for the bench), and, where node is installed, through brackets-manager.js with its in-memory storage
/// (<see cref="BracketsManagerJs"/>). Prints ms per result and in total, the ms per result of the first and last
/// quarter of the results (a cost that grew with the results already played would show there), and the ratios.
/// </summary>
public static class BracketScenario
{
    private static readonly int[] Sizes = [64, 256, 1024];

    /// <param name="ResultsMs">The results alone: each one's own time, summed.</param>
    /// <param name="TotalMs">Building (or creating and starting) and playing every match.</param>
    /// <param name="FirstQuarterMedian">
    /// Medians leave out the few results that paid for something else on the way: on the grain, a full view for the
    /// live topic (built at most every 100 ms, inside whichever call changed the tournament), a collection, the machine.
    /// </param>
    private sealed record Measured(int Results, double ResultsMs, double TotalMs, double FirstQuarter, double LastQuarter, double FirstQuarterMedian, double LastQuarterMedian)
    {
        public double MsPerResult => ResultsMs / Results;
    }

    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var result = new Dictionary<string, object?> { ["scenario"] = "bracket", ["quick"] = options.Quick };
        foreach (var name in Report.Required.Where(k => k != "scenario"))
        {
            result[name] = null;
        }

        result["lost"] = 0;
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var rules = new Dictionary<(string, int), Measured>();
        var grain = new Dictionary<(string, int), Measured>();

        // Once untimed, so the first size is not also the JIT's warm-up (brackets-manager's script does the same).
        Rules(() => Knockout.Build(16, thirdPlace: true));
        Rules(() => DoubleElimination.Build(16, grandFinalReset: true));
        foreach (var teams in Sizes)
        {
            rules[("single", teams)] = Print(result, $"rules_single_{teams}", Rules(() => Knockout.Build(teams, thirdPlace: true), result, $"rules_single_{teams}"));
            rules[("double", teams)] = Print(result, $"rules_double_{teams}", Rules(() => DoubleElimination.Build(teams, grandFinalReset: true), result, $"rules_double_{teams}"));
        }

        var builder = new InProcessTestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.Options.ConfigureFileLogging = false; // else the test host writes ./logs wherever the bench is run
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageNames.Durable));
        builder.ConfigureSilo((_, silo) => silo.UseInMemoryReminderService());
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton<ILedger, MemoryLedger>());
        builder.ConfigureSilo((_, silo) => silo.Services.Configure<TournamentLimits>(o => o.MaxTeams = Seeding.MaxSize));
        await using (var cluster = builder.Build())
        {
            await cluster.DeployAsync();
            // Untimed too: the first grain calls run on code the JIT has not optimised yet.
            await Grain(cluster.Client, TournamentFormat.Knockout, 64, null);
            await Grain(cluster.Client, TournamentFormat.DoubleElimination, 64, null);
            foreach (var teams in Sizes)
            {
                grain[("single", teams)] = await Grain(cluster.Client, TournamentFormat.Knockout, teams, result);
                grain[("double", teams)] = await Grain(cluster.Client, TournamentFormat.DoubleElimination, teams, result);
            }
        }

        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var theirs = await BracketsManagerJs.TryRunAsync(Sizes);
        Compare(result, rules, grain, theirs);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return result;
    }

    /// <summary>Builds the bracket and completes every match in bracket order (sources come first, so one pass plays them all), the better seed winning.</summary>
    private static Measured Rules(Func<Bracket> build, Dictionary<string, object?>? result = null, string? key = null)
    {
        var total = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var bracket = build();
        var perResult = new List<double>();
        for (var i = 0; i < bracket.Matches.Count; i++)
        {
            if (bracket.Matches[i] is { Status: MatchStatus.Ready } match)
            {
                var winner = ((Seed)match.Top.Occupant!).Number < ((Seed)match.Bottom.Occupant!).Number ? Side.Top : Side.Bottom;
                var one = Stopwatch.GetTimestamp();
                bracket = bracket.Complete(match.Id, winner);
                perResult.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }
        }

        var totalMs = total.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        if (!bracket.IsFinished || bracket.Champion is not Seed { Number: 1 })
        {
            throw new InvalidOperationException($"the rules did not finish the bracket with seed 1 champion: {bracket.Champion}");
        }

        if (result is not null)
        {
            result[$"{key}_cpu_ms_per_result"] = Stats.Round(cpuMs / perResult.Count, 4);
        }

        return Measure(perResult, totalMs);
    }

    private static async Task<Measured> Grain(IClusterClient client, TournamentFormat format, int teams, Dictionary<string, object?>? result)
    {
        var key = $"grain_{(format == TournamentFormat.Knockout ? "single" : "double")}_{teams}";
        var total = Stopwatch.StartNew();
        var summary = await client.GetGrain<ITournamentsGrain>(0).Create($"bench {key}");
        var tournament = client.GetGrain<ITournamentGrain>(summary.TournamentId);
        var setup = new TournamentSetup($"bench {key}", format, 0, 1, 0, format == TournamentFormat.Knockout,
            format == TournamentFormat.DoubleElimination, false, null, RuleSets.Presets["air-volleyball"], []);
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

        var totalMs = total.Elapsed.TotalMilliseconds;
        if (view.Status != TournamentStatus.Finished || view.Champion != "t1")
        {
            throw new InvalidOperationException($"{key}: {view.Status}, champion {view.Champion}");
        }

        var measured = Measure(perResult, totalMs);
        if (result is null)
        {
            return measured;
        }

        // CPU of the whole process (silo included) while playing, views between rounds included: less at the mercy of a busy machine than wall time.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        result[$"{key}_cpu_ms_per_result"] = Stats.Round(cpuMs / perResult.Count, 3);

        // What one full view costs (the live topic builds one at most every 100 ms): beside, not inside, what a result costs.
        var viewStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 5; i++)
        {
            await tournament.Get();
        }

        var viewMs = Stopwatch.GetElapsedTime(viewStart).TotalMilliseconds / 5;
        result[$"{key}_view_ms"] = Stats.Round(viewMs, 2);

        // The floor under any grain call from this client: a match grain's small view, asked 200 times.
        var match = client.GetGrain<IMatchGrain>($"{summary.TournamentId}/{view.Matches[0].MatchId}");
        await match.Get();
        var callStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < 200; i++)
        {
            await match.Get();
        }

        var callMs = Stopwatch.GetElapsedTime(callStart).TotalMilliseconds / 200;
        result[$"{key}_bare_call_ms"] = Stats.Round(callMs, 4);
        Print(result, key, measured, $"process CPU {cpuMs / perResult.Count:F3} ms/result; one view {viewMs:F1} ms; a bare grain call {callMs:F3} ms");
        return measured;
    }

    private static Measured Measure(List<double> perResult, double totalMs)
    {
        var quarter = Math.Max(1, perResult.Count / 4);
        var (first, last) = (perResult.Take(quarter).ToList(), perResult.TakeLast(quarter).ToList());
        return new Measured(perResult.Count, perResult.Sum(), totalMs, first.Average(), last.Average(), Median(first), Median(last));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static Measured Print(Dictionary<string, object?> result, string key, Measured m, string? note = null)
    {
        Console.WriteLine($"{key,-18} {m.Results,5} results  {m.MsPerResult,9:F4} ms/result (quarters: first {m.FirstQuarter:F4}, last {m.LastQuarter:F4}; "
            + $"medians {m.FirstQuarterMedian:F4}, {m.LastQuarterMedian:F4}, growth {m.LastQuarterMedian / m.FirstQuarterMedian:F2}×)  results {m.ResultsMs,9:F1} ms  total {m.TotalMs,9:F1} ms  {note}");
        result[$"{key}_results"] = m.Results;
        result[$"{key}_ms_per_result"] = Stats.Round(m.MsPerResult, 4);
        result[$"{key}_first_quarter_ms_per_result"] = Stats.Round(m.FirstQuarter, 4);
        result[$"{key}_last_quarter_ms_per_result"] = Stats.Round(m.LastQuarter, 4);
        result[$"{key}_first_quarter_median_ms"] = Stats.Round(m.FirstQuarterMedian, 4);
        result[$"{key}_last_quarter_median_ms"] = Stats.Round(m.LastQuarterMedian, 4);
        result[$"{key}_total_ms"] = Stats.Round(m.TotalMs, 2);
        return m;
    }

    /// <summary>
    /// The ratios the issue's targets speak of: brackets-manager.js's time over the rules' (target ≥ 5 at 1,024 teams),
    /// in total (create and play) and per result; the grain's per result over the rules' (target ≤ 3); and
    /// brackets-manager.js's total over the grain's.
    /// </summary>
    private static void Compare(Dictionary<string, object?> result, Dictionary<(string, int), Measured> rules, Dictionary<(string, int), Measured> grain, IReadOnlyList<BracketsManagerJs.Run>? theirs)
    {
        var bm = new Dictionary<(string, int), Measured>();
        foreach (var run in theirs ?? [])
        {
            bm[(run.Format, run.Teams)] = Print(result, $"bm_{run.Format}_{run.Teams}", new Measured(run.Matches, run.UpdatesMs, run.TotalMs,
                run.FirstQuarterMsPerMatch, run.LastQuarterMsPerMatch, run.FirstQuarterMedianMs, run.LastQuarterMedianMs), "update.match per result; total with create and the driver's reads");
        }

        Console.WriteLine("comparison               total ms:  rules     grain  brackets-manager.js | ms/result:  rules     grain  brackets-manager.js | bm/rules: total  per result | grain/rules per result | bm/grain total");
        foreach (var ((format, teams), ours) in rules)
        {
            var key = $"{format}_{teams}";
            var onGrain = grain.GetValueOrDefault((format, teams));
            var theirsHere = bm.GetValueOrDefault((format, teams));
            if (theirsHere is not null)
            {
                result[$"ratio_bm_to_rules_{key}_total"] = Stats.Round(theirsHere.TotalMs / ours.TotalMs, 1);
                result[$"ratio_bm_to_rules_{key}_per_result"] = Stats.Round(theirsHere.MsPerResult / ours.MsPerResult, 1);
            }

            if (onGrain is not null)
            {
                result[$"ratio_grain_to_rules_{key}_per_result"] = Stats.Round(onGrain.MsPerResult / ours.MsPerResult, 1);
                if (theirsHere is not null)
                {
                    result[$"ratio_bm_to_grain_{key}_total"] = Stats.Round(theirsHere.TotalMs / onGrain.TotalMs, 2);
                }
            }

            Console.WriteLine($"  {format,-6} {teams,5} teams {(theirsHere is null || theirsHere.Results == ours.Results ? "" : $"({theirsHere.Results} v {ours.Results} results!)"),-10}"
                + $" {ours.TotalMs,9:F1} {onGrain?.TotalMs,9:F1} {theirsHere?.TotalMs,12:F1}         |"
                + $" {ours.MsPerResult,9:F4} {onGrain?.MsPerResult,9:F4} {theirsHere?.MsPerResult,12:F4}         |"
                + $" {theirsHere?.TotalMs / ours.TotalMs,9:F1}× {theirsHere?.MsPerResult / ours.MsPerResult,9:F1}× |"
                + $" {onGrain?.MsPerResult / ours.MsPerResult,12:F1}×          | {theirsHere?.TotalMs / onGrain?.TotalMs,8:F2}×");
        }
    }
}
