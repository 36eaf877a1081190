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
        var members = Math.Max(options.Members ?? (options.Quick ? 2_000 : 10_000), phones);
        var total = Stopwatch.StartNew();
        var loadAverage = File.ReadAllText("/proc/loadavg").Trim();
        if (options.Wrk)
        {
            WrkClient.EnsureInstalled();
        }

        await using var server = await Server.StartEmbeddedAsync();
        Console.WriteLine($"server {server.Describe()} (embedded, SQLite) ready after {total.Elapsed.TotalSeconds:F1} s");
        using var http = Setup.NewClient(server.Urls[0]);
        var hall = await Setup.PrepareAsync([http], members);
        var signedIn = Stopwatch.StartNew();
        Console.WriteLine($"{hall.Phones.Count} members imported and signed in, round {hall.RoundId} open ({total.Elapsed.TotalSeconds:F1} s)");
        if (options.CookieAgeSeconds is { } age)
        {
            // Phones sign in well before the vote: the server has since restarted (nothing remembered of any
            // cookie, no grain active) and the cookies are as old as asked when the first ballot arrives.
            await server.RestartEmbeddedAsync();
            var wait = TimeSpan.FromSeconds(age) - signedIn.Elapsed;
            Console.WriteLine($"server restarted; waiting {Math.Max(0, wait.TotalSeconds):F0} s more so the cookies are {age} s old at the vote");
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        await using var screen = await LiveWatcher.ConnectAsync(server.Urls[0], hall.RoundId);
        await using var fleet = await PhoneFleet.ConnectAsync(server.Urls, hall, phones);
        Console.WriteLine($"{await fleet.ConnectedAsync()} phones connected and subscribed ({total.Elapsed.TotalSeconds:F1} s)");

        var vote = await HallVote.RunAsync(server, [http], hall, screen, fleet, options.Workers, options.Rate,
            TimeSpan.FromSeconds(options.Quick ? 5 : 10));
        var result = new Dictionary<string, object?>
        {
            ["scenario"] = "ballots", ["quick"] = options.Quick, ["mode"] = "embedded", ["cookie_age_s"] = options.CookieAgeSeconds ?? 0,
            ["load_average_at_start"] = loadAverage,
        };
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
