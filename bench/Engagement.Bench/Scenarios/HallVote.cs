using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>What the hall's vote measured (see <see cref="HallVote.RunAsync"/>).</summary>
public sealed record HallVoteResult(
    RunResult WarmUp, RunResult Ballots, (double Server, double Generator) BallotsCores, double PhonesCores, int LivePayloadBytes,
    RunResult Bare, (double Server, double Generator) BareCores,
    double[] ToScreenMs, int Unseen, int Ahead, bool ScreenCaughtUp, int ScreenUpdates,
    int Acknowledged, Count Counted, int PhonesConnected, int PhonesUpdated, int PhonesShowingFinal, string PhonesClosed,
    RuntimeDelta BallotsRuntime, RuntimeDelta BareRuntime)
{
    /// <summary>The figures every hall-vote scenario reports, under the names issue 5 uses.</summary>
    public Dictionary<string, object?> Fields(int workers, int? rate, int members, int phones) => new()
    {
        ["members"] = members,
        ["workers"] = rate is null ? workers : null,
        ["rate_asked"] = rate,
        ["ballots_per_s"] = Stats.Round(Ballots.PerSecond),
        ["warm_up_ballots"] = WarmUp.Succeeded,
        ["measured_ballots"] = Ballots.Succeeded,
        ["ballots_seconds"] = Stats.Round(Ballots.Elapsed.TotalSeconds, 2),
        ["bare_requests_per_s"] = Stats.Round(Bare.PerSecond),
        ["ratio_to_bare"] = Stats.Round(Ballots.PerSecond / Bare.PerSecond, 3),
        ["ack_p50_ms"] = Stats.Round(Stats.Percentile(Ballots.LatenciesMs, 50)),
        ["ack_p99_ms"] = Stats.Round(Stats.Percentile(Ballots.LatenciesMs, 99)),
        ["screen_p50_ms"] = Stats.Round(Stats.Percentile(ToScreenMs, 50)),
        ["screen_p99_ms"] = Stats.Round(Stats.Percentile(ToScreenMs, 99)),
        ["screen_updates"] = ScreenUpdates,
        ["screen_unseen"] = Unseen,
        ["phones"] = phones,
        ["phones_updated"] = PhonesUpdated,
        ["phones_showing_final"] = PhonesShowingFinal,
        ["phones_dropped_because"] = PhonesClosed.Length == 0 ? null : PhonesClosed,
        ["connections"] = PhonesConnected + 1,
        ["server_cores_ballots"] = Stats.Round(BallotsCores.Server, 2),
        ["server_cpu_ms_per_ballot"] = Stats.Round(BallotsCores.Server * 1000 / Ballots.PerSecond, 4),
        ["server_cpu_ms_per_bare_request"] = Stats.Round(BareCores.Server * 1000 / Bare.PerSecond, 4),
        ["alloc_bytes_per_ballot"] = Stats.Round(BallotsRuntime.BytesPerRequest, 0),
        ["alloc_bytes_per_bare_request"] = Stats.Round(BareRuntime.BytesPerRequest, 0),
        ["gc_pause_ms_per_s_ballots"] = Stats.Round(BallotsRuntime.GcPauseMsPerSecond, 1),
        ["lock_contentions_per_s_ballots"] = Stats.Round(BallotsRuntime.LockContentionsPerSecond, 0),
        ["gen2_collections_ballots"] = BallotsRuntime.Gen2Collections,
        ["phones_process_cores_ballots"] = Stats.Round(PhonesCores, 2),
        ["live_payload_bytes"] = LivePayloadBytes,
        ["generator_cores_ballots"] = Stats.Round(BallotsCores.Generator, 2),
        ["server_cores_bare"] = Stats.Round(BareCores.Server, 2),
        ["generator_cores_bare"] = Stats.Round(BareCores.Generator, 2),
        ["acknowledged"] = Acknowledged,
        ["counted"] = Counted.Ballots,
        ["lost"] = Math.Max(0, Acknowledged - Counted.Ballots),
        ["failed"] = WarmUp.Failed + Ballots.Failed,
    };
}

/// <summary>
/// The hall votes once (shared by <c>ballots</c> and <c>cluster</c>): every member casts one ballot
/// through their own web host while the big screen and the phones watch the round; then the same
/// generator hits the bare endpoint; then the organiser closes the round and its count is compared.
/// </summary>
public static class HallVote
{
    public static async Task<HallVoteResult> RunAsync(
        Server server, IReadOnlyList<HttpClient> hosts, Hall hall, LiveWatcher screen, PhoneFleet phones,
        int workers, int? rate, TimeSpan bareDuration)
    {
        // The first tenth is a warm-up (JIT, connection pool, grain activation): acknowledged and counted,
        // but not in the rates or latencies.
        var acknowledgements = new Acknowledgements(hall.Phones.Count);
        var warmUp = hall.Phones.Count / 10;
        Func<int, Task<bool>> Vote(int offset) => async i =>
        {
            var phone = hall.Phones[offset + i];
            if (!await Load.CastAsync(hosts[phone.Host], hall, phone, offset + i))
            {
                return false;
            }

            acknowledgements.Record();
            return true;
        };
        Task<RunResult> Phase(int offset, int items) => rate is { } perSecond
            ? Load.RunPacedAsync(perSecond, items, TimeSpan.FromMinutes(5), Vote(offset))
            : Load.RunAsync(workers, items, TimeSpan.FromMinutes(5), (_, i) => Vote(offset)(i));

        var warm = await Phase(0, warmUp);
        var warmAcknowledged = acknowledgements.Count;
        var votingStarted = Stopwatch.GetTimestamp();
        var runtimeBefore = await RuntimeSample.ReadAsync(hosts[0], hall.OrganiserCookie);
        var cpu = Cpu.Start(server);
        var phonesCpu = phones.CpuTime();
        var ballots = await Phase(warmUp, hall.Phones.Count - warmUp);
        var ballotsCores = cpu.Stop(ballots.Elapsed);
        // One web host's runtime: everything when embedded; in the cluster, web-a (half the ballots) without its silo.
        var ballotsRuntime = (await RuntimeSample.ReadAsync(hosts[0], hall.OrganiserCookie))
            .Since(runtimeBefore, hosts.Count == 1 ? ballots.Succeeded : ballots.Succeeded / hosts.Count, ballots.Elapsed);
        var phonesCores = (phones.CpuTime() - phonesCpu) / ballots.Elapsed;
        var acknowledged = acknowledgements.Count;
        var caughtUp = await screen.WaitForAsync(acknowledged, TimeSpan.FromSeconds(10));
        await phones.WaitForAsync(acknowledged, TimeSpan.FromSeconds(10));
        var (toScreen, unseen, ahead) = screen.LatenciesFrom(acknowledgements.Timestamps(), warmAcknowledged + 1);
        Console.WriteLine($"warm-up: {warm.Succeeded} ballots acknowledged, {warm.Failed} failed in {warm.Elapsed.TotalSeconds:F2} s (not measured)");
        Console.WriteLine($"ballots: {ballots.Succeeded} acknowledged, {ballots.Failed} failed in {ballots.Elapsed.TotalSeconds:F2} s " +
            $"({(rate is null ? $"{workers} workers" : $"paced at {rate}/s")}); screen got {screen.Updates} updates, last showing {screen.Latest}" +
            $"{(caughtUp ? "" : " (did not catch up within 10 s)")}; {ahead} ballots were on screen before their acknowledgement (counted as 0 ms), {unseen} never shown");

        var bareBefore = await RuntimeSample.ReadAsync(hosts[0], hall.OrganiserCookie);
        var (bare, bareCores) = await Bare.MeasureAsync(server, hosts[0], workers, bareDuration);
        var bareRuntime = (await RuntimeSample.ReadAsync(hosts[0], hall.OrganiserCookie)).Since(bareBefore, bare.Succeeded, bare.Elapsed);
        Console.WriteLine($"runtime — ballots: {ballotsRuntime.BytesPerRequest:F0} bytes allocated per ballot, GC pause {ballotsRuntime.GcPauseMsPerSecond:F1} ms/s, " +
            $"{ballotsRuntime.LockContentionsPerSecond:F0} lock contentions/s, {ballotsRuntime.Gen2Collections} gen2 GCs; bare: {bareRuntime.BytesPerRequest:F0} bytes per request");
        Console.WriteLine($"cores busy (of {Environment.ProcessorCount}) — ballots: server {ballotsCores.Server:F2}, generator {ballotsCores.Generator:F2}, phones {phonesCores:F2}; bare: server {bareCores.Server:F2}, generator {bareCores.Generator:F2}");

        var payload = await Setup.LivePayloadBytesAsync(hosts[0], hall);
        var counted = await Setup.CloseAndCountAsync(hosts[0], hall);
        var (updated, showingFinal) = await phones.ReceivedAsync(votingStarted, counted.Ballots);
        var connected = await phones.ConnectedAsync();
        var closed = await phones.ClosedReasonsAsync();
        Console.WriteLine($"phones: {connected} still connected{(closed.Length == 0 ? "" : $" (ended: {closed})")}; {updated} got updates while the hall voted, {showingFinal} show the final count {counted.Ballots}");
        return new HallVoteResult(warm, ballots, ballotsCores, phonesCores, payload, bare, bareCores, toScreen, unseen, ahead, caughtUp, screen.Updates,
            acknowledged, counted, connected, updated, showingFinal, closed, ballotsRuntime, bareRuntime);
    }
}

/// <summary>
/// The same generator against an endpoint that does no work: what this machine and stack can do at best.
/// GET /favicon.ico answers 204 with no body and touches no grain. One second of warm-up, not measured.
/// </summary>
public static class Bare
{
    public static async Task<(RunResult Run, (double Server, double Generator) Cores)> MeasureAsync(Server server, HttpClient http, int workers, TimeSpan duration)
    {
        Func<int, int, Task<bool>> nothing = async (_, _) =>
        {
            using var response = await http.GetAsync("/favicon.ico");
            return response.IsSuccessStatusCode;
        };
        await WaitUntilIdleAsync(server, TimeSpan.FromSeconds(20));
        await Load.RunAsync(workers, int.MaxValue, TimeSpan.FromSeconds(1), nothing);
        var cpu = Cpu.Start(server);
        var bare = await Load.RunAsync(workers, int.MaxValue, duration, nothing);
        var cores = cpu.Stop(bare.Elapsed);
        Console.WriteLine($"bare: {bare.Succeeded} requests, {bare.Failed} failed in {bare.Elapsed.TotalSeconds:F2} s");
        return (bare, cores);
    }

    /// <summary>
    /// After a vote the server still has work of its own for a while (live pushes catching up, the rate limiter
    /// forgetting thousands of members, tiered compilation): the bare phase starts once it has been nearly idle
    /// (under 5 % of a core) for half a second, or after <paramref name="atMost"/>.
    /// </summary>
    public static async Task WaitUntilIdleAsync(Server server, TimeSpan atMost)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var (before, at) = (server.CpuTime(), waited.Elapsed);
        while (waited.Elapsed < atMost)
        {
            await Task.Delay(500);
            var (now, nowAt) = (server.CpuTime(), waited.Elapsed);
            if ((now - before) / (nowAt - at) < 0.05)
            {
                break;
            }

            (before, at) = (now, nowAt);
        }

        Console.WriteLine($"server idle after {waited.Elapsed.TotalSeconds:F1} s");
    }
}
