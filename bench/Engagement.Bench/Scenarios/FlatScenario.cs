using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>
/// <c>flat</c>: does a round get slower as it fills? Ballots/s measured when the round already holds
/// 1,000 ballots and again at 1,000,000 (<c>--quick</c>: 100,000), everything through the public ballot
/// endpoint, filling included.
/// <para>
/// What "ballots in the round" means here: the roster import takes at most 50,000 rows, so a million
/// distinct members cannot vote in one round. The round is "last ballot counts" with 1,000 members:
/// the first 1,000 ballots are one per member, and every later one is a member voting again. Each
/// accepted ballot, replacing or not, is its own entry in the round's ledger stream and its own
/// fingerprint in the round's memory, so the round at "1,000,000" holds 1,000,000 ballot entries while
/// its tally counts 1,000 members. Both measurements are re-votes, so they take the same code path.
/// </para>
/// </summary>
public static class FlatScenario
{
    private const int Members = 1_000;
    private const string Revote = "LastBallotCounts";

    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var fill = options.Quick ? 100_000 : 1_000_000;
        var measured = options.Quick ? 10_000 : 30_000;
        var fillWorkers = Math.Max(options.Workers, 256);
        var total = Stopwatch.StartNew();

        await using var server = await Server.StartEmbeddedAsync();
        Console.WriteLine($"server {server.Describe()} (embedded, SQLite) ready after {total.Elapsed.TotalSeconds:F1} s");
        using var http = Setup.NewClient(server.Urls[0]);
        var warmUpHall = await Setup.PrepareAsync([http], Members, Revote);

        // Warm-up on a round of its own (JIT tiers, connections, the ballot path), so that the first measured
        // point does not pay for it and the second look better only because the code got faster meanwhile.
        var warmUp = new Revoting(http, warmUpHall);
        await warmUp.FirstBallotsAsync(options.Workers);
        await warmUp.AgainAsync(options.Workers, measured);
        await warmUp.AgainAsync(fillWorkers, measured);
        Console.WriteLine($"warm-up round: {warmUp.Acknowledged} ballots ({total.Elapsed.TotalSeconds:F1} s, not measured)");

        var hall = await Setup.AnotherRoundAsync(http, warmUpHall, Revote);
        var entriesBefore = await Setup.LedgerEntriesAsync(http, hall);
        var round = new Revoting(http, hall);
        await round.FirstBallotsAsync(options.Workers);
        Console.WriteLine($"round {hall.RoundId}: {round.Acknowledged} ballots, one per member ({total.Elapsed.TotalSeconds:F1} s)");

        var (at1k, cores1k) = await MeasureAsync(server, round, options.Workers, measured, "at 1,000");
        var rssAt1k = server.PeakResidentMegabytes();

        var filling = Stopwatch.StartNew();
        var filled = await round.AgainAsync(fillWorkers, fill - round.Acknowledged);
        Console.WriteLine($"filled to {round.Acknowledged} ballots in {filling.Elapsed.TotalSeconds:F1} s ({filled.PerSecond:F0}/s with {fillWorkers} workers, {filled.Failed} failed) ({total.Elapsed.TotalSeconds:F1} s)");

        var (atFill, coresFill) = await MeasureAsync(server, round, options.Workers, measured, $"at {fill:N0}");
        var rssAtFill = server.PeakResidentMegabytes();

        // Control for drift (JIT tiers, a busy machine): the 1,000 point again, on a fresh round, after the fill.
        var controlHall = await Setup.AnotherRoundAsync(http, hall, Revote);
        var controlEntriesBefore = await Setup.LedgerEntriesAsync(http, controlHall);
        var control = new Revoting(http, controlHall);
        await control.FirstBallotsAsync(options.Workers);
        var (at1kAgain, _) = await MeasureAsync(server, control, options.Workers, measured, "at 1,000 again, on a fresh round");
        var (bare, bareCores) = await Bare.MeasureAsync(server, http, options.Workers, TimeSpan.FromSeconds(options.Quick ? 3 : 5));

        // Lost = acknowledged ballots missing from the ledger; the tally must also be each member's last acknowledged ballot.
        var (ballotEntries, counted, tallyMatches) = await CheckAsync(http, hall, round, entriesBefore);
        var (controlEntries, _, controlTallyMatches) = await CheckAsync(http, controlHall, control, controlEntriesBefore);
        var lost = Math.Max(0, round.Acknowledged - ballotEntries) + Math.Max(0, control.Acknowledged - controlEntries);

        // Against the better of the two 1,000 points, so that drift during the run cannot flatter the ratio.
        var at1kBest = Math.Max(at1k.PerSecond, at1kAgain.PerSecond);
        var fillLabel = options.Quick ? "100k" : "1m";
        return new Dictionary<string, object?>
        {
            ["scenario"] = "flat",
            ["quick"] = options.Quick,
            ["mode"] = "embedded",
            ["ballots_in_round_means"] = $"ballot entries in a last-ballot-counts round of {Members} members who vote again (the roster takes at most 50,000 members)",
            ["members"] = Members,
            ["fill"] = fill,
            ["measured_ballots_each"] = measured,
            ["workers"] = options.Workers,
            ["ballots_per_s_at_1k"] = Stats.Round(at1kBest),
            [$"ballots_per_s_at_{fillLabel}"] = Stats.Round(atFill.PerSecond),
            ["flat_ratio"] = Stats.Round(atFill.PerSecond / at1kBest, 3),
            ["ballots_per_s_at_1k_before_fill"] = Stats.Round(at1k.PerSecond),
            ["ballots_per_s_at_1k_after_fill"] = Stats.Round(at1kAgain.PerSecond),
            ["fill_ballots_per_s"] = Stats.Round(filled.PerSecond),
            ["ballots_per_s"] = Stats.Round(atFill.PerSecond),
            ["bare_requests_per_s"] = Stats.Round(bare.PerSecond),
            ["ratio_to_bare"] = Stats.Round(atFill.PerSecond / bare.PerSecond, 3),
            ["ack_p50_ms_at_1k"] = Stats.Round(Stats.Percentile(at1k.LatenciesMs, 50)),
            ["ack_p99_ms_at_1k"] = Stats.Round(Stats.Percentile(at1k.LatenciesMs, 99)),
            ["ack_p50_ms"] = Stats.Round(Stats.Percentile(atFill.LatenciesMs, 50)),
            ["ack_p99_ms"] = Stats.Round(Stats.Percentile(atFill.LatenciesMs, 99)),
            // No screen in this scenario: it measures the ballot path only.
            ["screen_p50_ms"] = null,
            ["screen_p99_ms"] = null,
            ["connections"] = 0,
            ["server_cores_at_1k"] = Stats.Round(cores1k.Server, 2),
            ["server_cores_at_fill"] = Stats.Round(coresFill.Server, 2),
            ["server_cores_bare"] = Stats.Round(bareCores.Server, 2),
            ["server_rss_mb_at_1k"] = Stats.Round(rssAt1k),
            ["server_rss_mb"] = Stats.Round(rssAtFill),
            ["acknowledged"] = round.Acknowledged + control.Acknowledged,
            ["counted"] = ballotEntries + controlEntries,
            ["members_counted"] = counted,
            ["tally_matches"] = tallyMatches && controlTallyMatches,
            ["lost"] = lost,
            ["failed"] = round.Failed + control.Failed,
            ["total_seconds"] = Stats.Round(total.Elapsed.TotalSeconds),
        };
    }

    /// <summary>
    /// Closes a round and compares it with what was acknowledged: its ballot entries in the ledger, the
    /// members it counts, and whether its tally is every member's last acknowledged ballot.
    /// </summary>
    private static async Task<(long BallotEntries, int Members, bool TallyMatches)> CheckAsync(HttpClient http, Hall hall, Revoting round, long entriesBefore)
    {
        var counted = await Setup.CloseAndCountAsync(http, hall);
        var ballotEntries = await Setup.LedgerEntriesAsync(http, hall) - entriesBefore - 1; // minus the close entry
        var expected = round.ExpectedTally();
        var tallyMatches = counted.Ballots == Members && expected.All(e => counted.Tally.GetValueOrDefault(e.Key) == e.Value)
                           && counted.Tally.Values.Sum() == expected.Values.Sum();
        Console.WriteLine($"round {hall.RoundId} closed: ledger holds {ballotEntries} ballot entries for {round.Acknowledged} acknowledged; " +
            $"{counted.Ballots} members counted; tally {(tallyMatches ? "matches" : "DOES NOT match")} the members' last ballots");
        return (ballotEntries, counted.Ballots, tallyMatches);
    }

    private static async Task<(RunResult Run, (double Server, double Generator) Cores)> MeasureAsync(Server server, Revoting round, int workers, int ballots, string label)
    {
        var cpu = Cpu.Start(server);
        var run = await round.AgainAsync(workers, ballots);
        var cores = cpu.Stop(run.Elapsed);
        Console.WriteLine($"{label}: {run.Succeeded} ballots, {run.Failed} failed in {run.Elapsed.TotalSeconds:F2} s = {run.PerSecond:F0}/s; " +
            $"ack p50 {Stats.Percentile(run.LatenciesMs, 50):F1} ms, p99 {Stats.Percentile(run.LatenciesMs, 99):F1} ms; server {cores.Server:F2} cores");
        return (run, cores);
    }

    /// <summary>
    /// Members of one round voting again and again. A member never has two ballots on the way (the round
    /// would refuse the second as "in flight"): worker w owns members w, w + W, w + 2W, … and takes them in turn.
    /// Remembers each member's last acknowledged choices, which the final tally must add up to.
    /// </summary>
    private sealed class Revoting(HttpClient http, Hall hall)
    {
        private readonly string[]?[] _lastChoices = new string[]?[hall.Phones.Count];
        private int _acknowledged;
        private int _failed;
        private int _seed;

        public int Acknowledged => _acknowledged;

        public int Failed => _failed;

        public Task<RunResult> FirstBallotsAsync(int workers) =>
            Track(Load.RunAsync(workers, hall.Phones.Count, TimeSpan.FromMinutes(5), (_, i) => CastAsync(i)));

        public Task<RunResult> AgainAsync(int workers, int ballots)
        {
            workers = Math.Min(workers, hall.Phones.Count);
            var turns = new int[workers];
            var owned = Enumerable.Range(0, workers).Select(w => (hall.Phones.Count - w + workers - 1) / workers).ToArray();
            return Track(Load.RunAsync(workers, ballots, TimeSpan.FromMinutes(30), (w, _) => CastAsync(w + workers * (turns[w]++ % owned[w]))));
        }

        public Dictionary<string, int> ExpectedTally()
        {
            var tally = hall.CaseIds.ToDictionary(c => c, _ => 0);
            foreach (var choice in _lastChoices.Where(c => c is not null).SelectMany(c => c!))
            {
                tally[choice]++;
            }

            return tally;
        }

        private async Task<RunResult> Track(Task<RunResult> run)
        {
            var result = await run;
            Interlocked.Add(ref _failed, result.Failed);
            return result;
        }

        private async Task<bool> CastAsync(int member)
        {
            var seed = Interlocked.Increment(ref _seed);
            if (!await Load.CastAsync(http, hall, hall.Phones[member], seed))
            {
                return false;
            }

            _lastChoices[member] = Load.ChoicesFor(hall, seed);
            Interlocked.Increment(ref _acknowledged);
            return true;
        }
    }
}
