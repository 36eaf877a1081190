using System.Diagnostics;

namespace Engagement.Bench;

/// <summary>
/// <c>cluster</c>: the same hall vote as <c>ballots</c> against a PostgreSQL cluster (two silos, two web
/// hosts). Phones sign in, vote and listen on alternate hosts; the big screen watches through the second
/// host, so every push it gets has crossed from the silo to the other host; the bare endpoint is the first host's.
/// </summary>
public static class ClusterScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(Options options)
    {
        var phones = options.Phones ?? (options.Quick ? 1_000 : 5_000);
        var members = Math.Max(options.Quick ? 2_000 : 10_000, phones);
        var total = Stopwatch.StartNew();

        await using var server = await Server.StartClusterAsync();
        Console.WriteLine($"cluster {server.Describe()} ready after {total.Elapsed.TotalSeconds:F1} s");
        var hosts = server.Urls.Select(Setup.NewClient).ToList();
        try
        {
            var hall = await Setup.PrepareAsync(hosts, members);
            Console.WriteLine($"{hall.Phones.Count} members imported and signed in on {hosts.Count} web hosts, round {hall.RoundId} open ({total.Elapsed.TotalSeconds:F1} s)");
            await using var screen = await LiveWatcher.ConnectAsync(server.Urls[^1], hall.RoundId);
            await using var fleet = await PhoneFleet.ConnectAsync(server.Urls, hall, phones);
            Console.WriteLine($"{await fleet.ConnectedAsync()} phones connected and subscribed ({total.Elapsed.TotalSeconds:F1} s)");

            var vote = await HallVote.RunAsync(server, hosts, hall, screen, fleet, options.Workers, options.Rate,
                TimeSpan.FromSeconds(options.Quick ? 5 : 10));
            var result = new Dictionary<string, object?> { ["scenario"] = "cluster", ["quick"] = options.Quick, ["mode"] = "cluster (PostgreSQL, 2 silos, 2 web hosts)" };
            foreach (var (key, value) in vote.Fields(options.Workers, options.Rate, hall.Phones.Count, phones))
            {
                result[key] = value;
            }

            // The server is four processes: the sum of their peaks, and each one's.
            var rss = server.PeakResidentMegabytesByProcess();
            result["server_rss_mb"] = Stats.Round(rss.Values.Sum());
            foreach (var (name, mb) in rss)
            {
                result[$"rss_mb_{name.Replace('-', '_')}"] = Stats.Round(mb);
            }

            result["total_seconds"] = Stats.Round(total.Elapsed.TotalSeconds);
            return result;
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }
    }
}
