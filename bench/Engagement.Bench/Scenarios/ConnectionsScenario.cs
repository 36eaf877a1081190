using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>
/// <c>connections</c>: N phones (each its own member, signed in) connect to one embedded web host and
/// subscribe to the round like the member page; members then vote at a modest paced rate, and every
/// phone must receive tally updates and end up showing the round's final count. Reports the connections
/// held, the server's peak memory, and vote-to-phone latency (the big screen's definition, per phone).
/// </summary>
public static class ConnectionsScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var connections = options.Connections ?? (options.Quick ? 3_000 : 10_000);
        var rate = options.Rate ?? 100;
        var votingFor = TimeSpan.FromSeconds(options.Quick ? 8 : 15);
        var total = Stopwatch.StartNew();

        await using var server = await Server.StartEmbeddedAsync();
        Console.WriteLine($"server {server.Describe()} (embedded, SQLite) ready after {total.Elapsed.TotalSeconds:F1} s");
        using var http = Setup.NewClient(server.Urls[0]);
        var hall = await Setup.PrepareAsync([http], connections);
        Console.WriteLine($"{hall.Phones.Count} members imported and signed in, round {hall.RoundId} open ({total.Elapsed.TotalSeconds:F1} s)");
        var rssBefore = server.PeakResidentMegabytes();
        await using var screen = await LiveWatcher.ConnectAsync(server.Urls[0], hall.RoundId);
        var connecting = Stopwatch.StartNew();
        await using var fleet = await PhoneFleet.ConnectAsync(server.Urls, hall, connections);
        connecting.Stop();
        // Resident now, with every phone connected but nothing pushed yet: the cost of holding the connections.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssConnected = server.ResidentMegabytes();
        Console.WriteLine($"{await fleet.ConnectedAsync()} phones connected and subscribed in {connecting.Elapsed.TotalSeconds:F1} s ({total.Elapsed.TotalSeconds:F1} s)");

        var acknowledgements = new Acknowledgements(hall.Phones.Count);
        var votingStarted = Stopwatch.GetTimestamp();
        var cpu = Cpu.Start(server);
        var phonesCpu = fleet.CpuTime();
        var ballots = await Load.RunPacedAsync(rate, Math.Min(hall.Phones.Count, (int)(rate * votingFor.TotalSeconds)), votingFor, async i =>
        {
            if (!await Load.CastAsync(http, hall, hall.Phones[i], i))
            {
                return false;
            }

            acknowledgements.Record();
            return true;
        });
        var cores = cpu.Stop(ballots.Elapsed);
        var phonesCores = (fleet.CpuTime() - phonesCpu) / ballots.Elapsed;
        var acknowledged = acknowledgements.Count;
        var caughtUp = await fleet.WaitForAsync(acknowledged, TimeSpan.FromSeconds(20));
        await screen.WaitForAsync(acknowledged, TimeSpan.FromSeconds(5));
        Console.WriteLine($"ballots: {ballots.Succeeded} acknowledged, {ballots.Failed} failed in {ballots.Elapsed.TotalSeconds:F2} s (paced at {rate}/s); " +
            $"every phone showed them {(caughtUp ? "within 20 s" : "NOT within 20 s")}; server {cores.Server:F2} cores, generator {cores.Generator:F2}, phones {phonesCores:F2}");

        // Vote-to-phone: the screen's definition for each phone, over a sample of about 100 ballots per phone.
        var timestamps = acknowledgements.Timestamps();
        var toPhone = await fleet.LatenciesAsync(timestamps, 1, Math.Max(1, timestamps.Length / 100), votingStarted);
        var (toScreen, screenUnseen, _) = screen.LatenciesFrom(timestamps, 1);
        var rssWithConnections = server.PeakResidentMegabytes();
        var (bare, bareCores) = await Bare.MeasureAsync(server, http, options.Workers, TimeSpan.FromSeconds(options.Quick ? 3 : 5));

        var payload = await Setup.LivePayloadBytesAsync(http, hall);
        var counted = await Setup.CloseAndCountAsync(http, hall);
        var (updated, showingFinal) = await fleet.ReceivedAsync(votingStarted, counted.Ballots);
        var held = await fleet.ConnectedAsync();
        var closed = await fleet.ClosedReasonsAsync();
        Console.WriteLine($"phones: {held} of {connections} still connected{(closed.Length == 0 ? "" : $" (ended: {closed})")}; {updated} got updates after voting began, {showingFinal} show the final count {counted.Ballots}; " +
            $"server peak RSS {rssBefore:F0} MB before the phones connected, RSS {rssConnected:F0} MB with them connected before any push, peak {rssWithConnections:F0} MB after the pushes");
        return new Dictionary<string, object?>
        {
            ["scenario"] = "connections",
            ["quick"] = options.Quick,
            ["mode"] = "embedded",
            ["members"] = hall.Phones.Count,
            ["rate_asked"] = rate,
            ["ballots_per_s"] = Stats.Round(ballots.PerSecond),
            ["measured_ballots"] = ballots.Succeeded,
            ["bare_requests_per_s"] = Stats.Round(bare.PerSecond),
            ["ratio_to_bare"] = Stats.Round(ballots.PerSecond / bare.PerSecond, 3),
            ["ack_p50_ms"] = Stats.Round(Stats.Percentile(ballots.LatenciesMs, 50)),
            ["ack_p99_ms"] = Stats.Round(Stats.Percentile(ballots.LatenciesMs, 99)),
            ["screen_p50_ms"] = Stats.Round(Stats.Percentile(toScreen, 50)),
            ["screen_p99_ms"] = Stats.Round(Stats.Percentile(toScreen, 99)),
            ["screen_unseen"] = screenUnseen,
            ["phone_p50_ms"] = toPhone.P50Ms,
            ["phone_p99_ms"] = toPhone.P99Ms,
            ["phone_samples"] = toPhone.Samples,
            ["phone_unseen"] = toPhone.Unseen,
            ["updates_per_phone_p50"] = toPhone.UpdatesPerPhoneP50,
            ["updates_per_phone_min"] = toPhone.UpdatesPerPhoneMin,
            ["connections_asked"] = connections,
            ["connections"] = held + (screen.Connected ? 1 : 0),
            ["phones_dropped_because"] = closed.Length == 0 ? null : closed,
            ["phones_updated"] = updated,
            ["phones_showing_final"] = showingFinal,
            ["all_phones_received"] = updated == connections && showingFinal == connections,
            ["connect_seconds"] = Stats.Round(connecting.Elapsed.TotalSeconds, 1),
            ["server_cores_ballots"] = Stats.Round(cores.Server, 2),
            ["generator_cores_ballots"] = Stats.Round(cores.Generator, 2),
            ["phones_process_cores_ballots"] = Stats.Round(phonesCores, 2),
            ["server_cores_bare"] = Stats.Round(bareCores.Server, 2),
            ["live_payload_bytes"] = payload,
            ["server_rss_mb_before_phones"] = Stats.Round(rssBefore),
            ["server_rss_mb_connected_idle"] = Stats.Round(rssConnected),
            ["server_rss_mb"] = Stats.Round(server.PeakResidentMegabytes()),
            ["acknowledged"] = acknowledged,
            ["counted"] = counted.Ballots,
            ["lost"] = Math.Max(0, acknowledged - counted.Ballots),
            ["failed"] = ballots.Failed,
            ["total_seconds"] = Stats.Round(total.Elapsed.TotalSeconds),
        };
    }
}
