namespace Engagement.Bench;

/// <summary>
/// The command line: <c>&lt;scenario&gt; [--quick] [--workers M] [--phones N] [--rate R] [--connections N]</c>.
/// Options a scenario does not use are ignored by it.
/// </summary>
public sealed record Options(string Scenario, bool Quick, int Workers, int? Phones, int? Rate, int? Connections, int? Members = null, int? CookieAgeSeconds = null)
{
    /// <summary><c>--wrk</c>: ballots also measures the vote and the bare endpoint with wrk (<see cref="WrkClient"/>).</summary>
    public bool Wrk { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Engagement.Bench -- <scenario> [--quick] [options]

        scenarios:
          ballots      the hall votes at once (embedded server); phones hold live connections meanwhile
          connections  many phones connect to one web host and receive every tally push
          flat         ballots/s when the round already holds 1,000 and 1,000,000 (--quick: 100,000) ballots
          cluster      PostgreSQL, two silos, two web hosts (needs ENGAGEMENT_BENCH_POSTGRES or ENGAGEMENT_TEST_POSTGRES)
          bracket      every match of single and double elimination (64/256/1,024 teams) through the rules, the tournament grain
                       in-process and, where node is installed, brackets-manager.js (bench/brackets-manager); prints the ratios
          quiz         the knowledge contest: N phones (--phones, default 2,000; --quick 500) answer one question within 8 s,
                       then lock → reveal on every phone and the screen; then 8 team tablets buzz at once on 40 (--quick 10)
                       buzzer questions and the winner's time to the screen is taken

        options:
          --quick          a smaller run that finishes within 90 s
          --workers M      concurrent requests in flight (default 64)
          --phones N       ballots/cluster: phones holding a SignalR connection (default 5,000; --quick 1,000)
          --rate R         ballots/cluster: cast R ballots per second instead of as fast as possible
          --connections N  connections: SignalR connections to hold (default 10,000; --quick 3,000)
          --members N      ballots: members in the roster, each voting once (default 10,000; --quick 2,000)
          --cookie-age S   ballots: vote with sign-in cookies S seconds old: the server is restarted after the
                           sign-ins (nothing of any cookie in its memory), then the vote waits until S s have passed
          --wrk            ballots: then the same vote in a second round, and the bare endpoint, with wrk (bench/wrk)
        """;

    public static readonly string[] Scenarios = ["ballots", "connections", "flat", "cluster", "bracket", "quiz"];

    /// <summary>Null when the arguments make no sense (the caller prints <see cref="Usage"/>).</summary>
    public static Options? Parse(string[] args)
    {
        string? scenario = null;
        var quick = false;
        var wrk = false;
        var values = new Dictionary<string, int>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--wrk":
                    wrk = true;
                    break;
                case "--workers" or "--phones" or "--rate" or "--connections" or "--members" or "--cookie-age":
                    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value <= 0)
                    {
                        return null;
                    }

                    values[args[i][2..]] = value;
                    i++;
                    break;
                default:
                    if (scenario is not null || args[i].StartsWith("--", StringComparison.Ordinal) || !Scenarios.Contains(args[i]))
                    {
                        return null;
                    }

                    scenario = args[i];
                    break;
            }
        }

        return scenario is null
            ? null
            : new Options(scenario, quick, values.GetValueOrDefault("workers", 64),
                values.TryGetValue("phones", out var phones) ? phones : null,
                values.TryGetValue("rate", out var rate) ? rate : null,
                values.TryGetValue("connections", out var connections) ? connections : null,
                values.TryGetValue("members", out var members) ? members : null,
                values.TryGetValue("cookie-age", out var age) ? age : null) { Wrk = wrk };
    }
}
