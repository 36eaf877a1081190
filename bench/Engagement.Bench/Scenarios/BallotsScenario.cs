using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>
/// <c>ballots</c>: the hall votes at once against the embedded server (web front, silo and SQLite in one
/// process) while N phones hold a live connection subscribed to the round and the big screen watches.
/// As fast as the server answers by default; <c>--rate R</c> paces the ballots instead (the
/// "vote-to-screen p99 with 5,000 phones at 2,000 ballots/s" condition). <c>--wrk</c> then measures the
/// same vote and the bare endpoint with wrk in the same run (<see cref="WrkClient"/>).
/// </summary>
public static class BallotsScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var phones = options.Phones ?? (options.Quick ? 1_000 : 5_000);
        var members = Math.Max(options.Quick ? 2_000 : 10_000, phones);
        var total = Stopwatch.StartNew();
        if (options.Wrk)
        {
            WrkClient.EnsureInstalled();
        }

        await using var server = await Server.StartEmbeddedAsync();
        Console.WriteLine($"server {server.Describe()} (embedded, SQLite) ready after {total.Elapsed.TotalSeconds:F1} s");
        using var http = Setup.NewClient(server.Urls[0]);
        var hall = await Setup.PrepareAsync([http], members);
        Console.WriteLine($"{hall.Phones.Count} members imported and signed in, round {hall.RoundId} open ({total.Elapsed.TotalSeconds:F1} s)");
        await using var screen = await LiveWatcher.ConnectAsync(server.Urls[0], hall.RoundId);
        await using var fleet = await PhoneFleet.ConnectAsync(server.Urls, hall, phones);
        Console.WriteLine($"{await fleet.ConnectedAsync()} phones connected and subscribed ({total.Elapsed.TotalSeconds:F1} s)");

        var vote = await HallVote.RunAsync(server, [http], hall, screen, fleet, options.Workers, options.Rate,
            TimeSpan.FromSeconds(options.Quick ? 5 : 10));
        var result = new Dictionary<string, object?> { ["scenario"] = "ballots", ["quick"] = options.Quick, ["mode"] = "embedded" };
        foreach (var (key, value) in vote.Fields(options.Workers, options.Rate, hall.Phones.Count, phones))
        {
            result[key] = value;
        }

        if (options.Wrk)
        {
            foreach (var (key, value) in await WrkClient.RunAsync(server, http, hall, phones, options, vote))
            {
                result[key] = value;
            }
        }

        result["server_rss_mb"] = Stats.Round(server.PeakResidentMegabytes());
        result["total_seconds"] = Stats.Round(total.Elapsed.TotalSeconds);
        return result;
    }
}
