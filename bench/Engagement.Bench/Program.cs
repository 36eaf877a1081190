using System.Diagnostics;
using System.Text.Json;
using Engagement.Bench;

// dotnet run -c Release --project bench/Engagement.Bench -- <scenario> [--quick] [--workers M]
// The server is started from src/Web/bin/Release: build it first (see docs/benchmarks.md).
var workersAt = Array.IndexOf(args, "--workers");
var workers = workersAt >= 0 && workersAt + 1 < args.Length ? int.Parse(args[workersAt + 1]) : 64;
var scenario = args.Where((a, i) => !a.StartsWith("--") && (workersAt < 0 || i != workersAt + 1)).FirstOrDefault() ?? "ballots";
var quick = args.Contains("--quick");

if (scenario != "ballots")
{
    Console.Error.WriteLine($"Scenario '{scenario}' is not implemented yet (only 'ballots' is).");
    return 2;
}

var members = quick ? 2_000 : 10_000;
var bareDuration = TimeSpan.FromSeconds(quick ? 5 : 10);
var total = Stopwatch.StartNew();

await using var server = await ServerProcess.StartAsync();
Console.WriteLine($"server pid {server.Id} at {server.Url} (embedded, SQLite) ready after {total.Elapsed.TotalSeconds:F1} s");
using var http = Setup.NewClient(server.Url);

var hall = await Setup.PrepareAsync(http, members);
Console.WriteLine($"{hall.Phones.Count} members imported and signed in, round {hall.RoundId} open ({total.Elapsed.TotalSeconds:F1} s)");
await using var screen = await Screen.ConnectAsync(server.Url, hall.RoundId);

// The hall votes: every member once, M at a time, as fast as the server answers. The first tenth is a
// warm-up (JIT, connection pool, grain activation): acknowledged and counted, but not in the rates or latencies.
var acknowledgedAt = new long[hall.Phones.Count];
var acknowledged = 0;
var warmUp = hall.Phones.Count / 10;
Func<int, Task<bool>> Vote(int offset) => async i =>
{
    if (!await Load.CastAsync(http, hall, hall.Phones[offset + i], offset + i))
    {
        return false;
    }

    var at = Stopwatch.GetTimestamp();
    acknowledgedAt[Interlocked.Increment(ref acknowledged) - 1] = at;
    return true;
};
var warm = await Load.RunAsync(workers, warmUp, TimeSpan.FromMinutes(5), Vote(0));
var warmAcknowledged = acknowledged;
var cpu = Cpu.Start(server);
var ballots = await Load.RunAsync(workers, hall.Phones.Count - warmUp, TimeSpan.FromMinutes(5), Vote(warmUp));
var ballotsCpu = cpu.Stop(ballots.Elapsed);
var screenCaughtUp = await screen.WaitForAsync(acknowledged, TimeSpan.FromSeconds(10));
var (toScreen, unseen, ahead) = screen.LatenciesFrom(acknowledgedAt.AsSpan(0, acknowledged).ToArray(), warmAcknowledged + 1);
Console.WriteLine($"warm-up: {warm.Succeeded} ballots acknowledged, {warm.Failed} failed in {warm.Elapsed.TotalSeconds:F2} s (not measured)");
Console.WriteLine($"ballots: {ballots.Succeeded} acknowledged, {ballots.Failed} failed in {ballots.Elapsed.TotalSeconds:F2} s with {workers} workers; " +
    $"screen got {screen.Updates} updates, last showing {screen.Latest}{(screenCaughtUp ? "" : " (did not catch up within 10 s)")}; " +
    $"{ahead} ballots were on screen before their acknowledgement (counted as 0 ms), {unseen} never shown");

// The same generator against an endpoint that does no work: what this machine and stack can do at best.
// GET /favicon.ico answers 204 with no body and touches no grain. One second of warm-up, not measured.
Func<int, Task<bool>> nothing = async _ =>
{
    using var response = await http.GetAsync("/favicon.ico");
    return response.IsSuccessStatusCode;
};
await Load.RunAsync(workers, int.MaxValue, TimeSpan.FromSeconds(1), nothing);
cpu = Cpu.Start(server);
var bare = await Load.RunAsync(workers, int.MaxValue, bareDuration, nothing);
var bareCpu = cpu.Stop(bare.Elapsed);
Console.WriteLine($"cores busy (of {Environment.ProcessorCount}) — ballots: server {ballotsCpu.Server:F2}, generator {ballotsCpu.Generator:F2}; bare: server {bareCpu.Server:F2}, generator {bareCpu.Generator:F2}");
Console.WriteLine($"bare: {bare.Succeeded} requests, {bare.Failed} failed in {bare.Elapsed.TotalSeconds:F2} s");

var counted = await Setup.CloseAndCountAsync(http, hall);
var result = new Dictionary<string, object?>
{
    ["scenario"] = "ballots",
    ["quick"] = quick,
    ["mode"] = "embedded",
    ["members"] = hall.Phones.Count,
    ["workers"] = workers,
    ["ballots_per_s"] = Stats.Round(ballots.PerSecond),
    ["warm_up_ballots"] = warm.Succeeded,
    ["measured_ballots"] = ballots.Succeeded,
    ["ballots_seconds"] = Stats.Round(ballots.Elapsed.TotalSeconds, 2),
    ["bare_requests_per_s"] = Stats.Round(bare.PerSecond),
    ["ratio_to_bare"] = Stats.Round(ballots.PerSecond / bare.PerSecond, 3),
    ["ack_p50_ms"] = Stats.Round(Stats.Percentile(ballots.LatenciesMs, 50)),
    ["ack_p99_ms"] = Stats.Round(Stats.Percentile(ballots.LatenciesMs, 99)),
    ["screen_p50_ms"] = Stats.Round(Stats.Percentile(toScreen, 50)),
    ["screen_p99_ms"] = Stats.Round(Stats.Percentile(toScreen, 99)),
    ["screen_updates"] = screen.Updates,
    ["connections"] = 1,
    ["server_cores_ballots"] = Stats.Round(ballotsCpu.Server, 2),
    ["generator_cores_ballots"] = Stats.Round(ballotsCpu.Generator, 2),
    ["server_cores_bare"] = Stats.Round(bareCpu.Server, 2),
    ["generator_cores_bare"] = Stats.Round(bareCpu.Generator, 2),
    ["server_rss_mb"] = Stats.Round(server.PeakResidentMegabytes()),
    ["acknowledged"] = acknowledged,
    ["counted"] = counted,
    ["lost"] = Math.Max(0, acknowledged - counted),
    ["failed"] = warm.Failed + ballots.Failed,
    ["total_seconds"] = Stats.Round(total.Elapsed.TotalSeconds),
};
Console.WriteLine(JsonSerializer.Serialize(result));
return acknowledged - counted > 0 ? 1 : 0;
