using Engagement.Silo.Hosting;
using Engagement.Telemetry;
using Engagement.Web.Operations;
using Microsoft.Extensions.Configuration;

namespace Engagement.Tests.Operations;

/// <summary>The organiser's status: levels by the documented thresholds, and the silos' figures merged in cluster mode.</summary>
public sealed class StatusTests
{
    [Theory]
    [InlineData(0, StatusLevel.Ok)]
    [InlineData(9, StatusLevel.Ok)]
    [InlineData(10, StatusLevel.Warn)]
    [InlineData(99, StatusLevel.Warn)]
    [InlineData(100, StatusLevel.Bad)]
    public void Refusals_in_the_last_minute(long count, StatusLevel level) => Assert.Equal(level, StatusThresholds.Refusals(count));

    [Theory]
    [InlineData(null, false, StatusLevel.Ok)]   // quiet: nothing to push
    [InlineData(600.0, false, StatusLevel.Ok)]  // quiet for ten minutes: still nothing to push
    [InlineData(null, true, StatusLevel.Warn)]  // ballots arriving, never pushed
    [InlineData(0.4, true, StatusLevel.Ok)]
    [InlineData(3.0, true, StatusLevel.Ok)]
    [InlineData(3.1, true, StatusLevel.Warn)]
    [InlineData(10.0, true, StatusLevel.Warn)]
    [InlineData(10.1, true, StatusLevel.Bad)]
    public void Last_push_age_matters_only_while_ballots_or_answers_arrive(double? age, bool active, StatusLevel level) =>
        Assert.Equal(level, StatusThresholds.LastPush(age, active));

    [Theory]
    [InlineData(4, StatusLevel.Ok)]
    [InlineData(99.9, StatusLevel.Ok)]
    [InlineData(100, StatusLevel.Warn)]
    [InlineData(500, StatusLevel.Bad)]
    public void Database_write_by_its_p95(double p95, StatusLevel level) => Assert.Equal(level, StatusThresholds.DatabaseWrite(p95));

    [Theory]
    [InlineData(120, StatusLevel.Ok)]
    [InlineData(500, StatusLevel.Warn)]
    [InlineData(2000, StatusLevel.Bad)]
    public void Push_latency_by_its_p95(double p95, StatusLevel level) => Assert.Equal(level, StatusThresholds.PushLatency(p95));

    private static readonly RuntimeReadings Runtime = RuntimeReadings.Now();

    private static FiguresReading Reading(string source, double ballots = 0, double answers = 0, Dictionary<string, long>? refusals = null,
        long connections = 0, double? pushAge = null, Spread? commits = null, Spread? push = null) =>
        new(source, DateTimeOffset.UtcNow, ballots, answers, refusals ?? [], connections, pushAge, commits, push);

    [Fact]
    public void Embedded_mode_reads_this_process_alone()
    {
        var local = Reading("host", ballots: 120.5, refusals: new() { ["round.not-open"] = 12 }, connections: 300, pushAge: 0.5,
            commits: new Spread(40, 3, 8, 20), push: new Spread(40, 60, 110, 130));

        var status = OperationsStatus.From(HostingMode.Embedded, local, null, Runtime);

        Assert.Equal(new StatusFigure(300, StatusLevel.Ok), status.Connections);
        Assert.Equal(new StatusFigure(120.5, StatusLevel.Ok), status.BallotsPerSecond);
        Assert.Equal(12, status.RefusalsLastMinute.Total);
        Assert.Equal(StatusLevel.Warn, status.RefusalsLastMinute.Level);
        Assert.Equal(new StatusFigure(0.5, StatusLevel.Ok), status.LastPushAgeSeconds);
        Assert.Equal(new SpreadFigure(3, 8, 20, 40, StatusLevel.Ok, "host"), status.DatabaseWriteMs);
        Assert.Equal(StatusLevel.Ok, status.PushLatencyMs.Level);
        Assert.Equal(0, status.SilosReporting);
    }

    [Fact]
    public void Cluster_mode_adds_up_the_silos_rates_and_takes_the_worst_silos_commit_times()
    {
        // The web host itself counts no ballots in cluster mode: its own 999 must not show.
        var local = Reading("host", ballots: 999, connections: 250, pushAge: 12, push: new Spread(10, 50, 90, 95));
        FiguresReading[] silos =
        [
            Reading("silo-a", ballots: 100, answers: 5, refusals: new() { ["round.not-open"] = 3, ["ballot.already-voted"] = 1 }, commits: new Spread(30, 4, 9, 15)),
            Reading("silo-b", ballots: 50.3, refusals: new() { ["round.not-open"] = 8 }, commits: new Spread(10, 6, 150, 700)),
        ];

        var status = OperationsStatus.From(HostingMode.Cluster, local, silos, Runtime);

        Assert.Equal(150.3, status.BallotsPerSecond.Value);
        Assert.Equal(5, status.AnswersPerSecond.Value);
        Assert.Equal(new Dictionary<string, long> { ["round.not-open"] = 11, ["ballot.already-voted"] = 1 }, status.RefusalsLastMinute.ByReason);
        Assert.Equal(StatusLevel.Warn, status.RefusalsLastMinute.Level);
        Assert.Equal(new SpreadFigure(6, 150, 700, 40, StatusLevel.Warn, "silos"), status.DatabaseWriteMs);
        // Ballots arrive and this host pushed nothing for 12 s: bad.
        Assert.Equal(new StatusFigure(12, StatusLevel.Bad), status.LastPushAgeSeconds);
        Assert.Equal(250, status.Connections.Value);
        Assert.Equal(2, status.SilosReporting);
    }

    [Fact]
    public void Cluster_mode_without_silo_reports_says_unknown_instead_of_zero()
    {
        var status = OperationsStatus.From(HostingMode.Cluster, Reading("host", connections: 3), [], Runtime);

        Assert.Equal(new StatusFigure(null, StatusLevel.Unknown), status.BallotsPerSecond);
        Assert.Equal(StatusLevel.Unknown, status.RefusalsLastMinute.Level);
        Assert.Equal(new SpreadFigure(null, null, null, 0, StatusLevel.Unknown, null), status.DatabaseWriteMs);
        Assert.Equal(3, status.Connections.Value);
    }

    [Theory]
    [InlineData(null, new[] { "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1" }, new[] { "10.0.0.1", "::2", "192.168.1.1" })]
    [InlineData("10.1.0.0/16, 192.168.5.7", new[] { "10.1.2.3", "192.168.5.7", "::ffff:10.1.0.9" }, new[] { "127.0.0.1", "10.2.0.1", "192.168.5.8", "::1" })]
    [InlineData("", new string[0], new[] { "127.0.0.1", "::1" })]
    [InlineData("fd00::/8 ::1", new[] { "fd12::1", "::1" }, new[] { "127.0.0.1", "fe80::1" })]
    public void Allowed_networks_are_CIDR_lists_loopback_by_default(string? setting, string[] allowed, string[] refused)
    {
        var access = new MetricsAccess(Metrics.AllowedNetworks(setting));
        Assert.All(allowed, a => Assert.True(access.FromAllowedNetwork(System.Net.IPAddress.Parse(a)), a));
        Assert.All(refused, a => Assert.False(access.FromAllowedNetwork(System.Net.IPAddress.Parse(a)), a));
        Assert.False(access.FromAllowedNetwork(null));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("localhost")]
    [InlineData("300.1.2.3")]
    public void A_bad_allowed_network_names_the_setting(string setting) =>
        Assert.Contains(Metrics.AllowedNetworksKey, Assert.Throws<Engagement.Silo.Hosting.StartupRefusal>(() => Metrics.AllowedNetworks(setting)).Message);

    [Theory]
    [InlineData("127.0.0.1", null, null, true)]
    [InlineData("127.0.0.1", "X-Forwarded-For", null, false)]          // nginx on this machine, not a trusted proxy: who asked is unknown
    [InlineData("127.0.0.1", "Forwarded", null, false)]
    [InlineData("203.0.113.9", null, null, false)]
    [InlineData("203.0.113.9", null, "organiser", true)]
    [InlineData("203.0.113.9", "X-Forwarded-For", "organiser", true)]
    [InlineData("127.0.0.1", null, "member", true)]                     // the network lets anyone on it in
    [InlineData("203.0.113.9", null, "member", false)]
    public void Scrapes_come_from_an_allowed_network_without_an_untrusted_proxy_or_from_an_organiser(string from, string? header, string? role, bool allowed)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(from);
        if (header is not null)
        {
            context.Request.Headers[header] = "198.51.100.7";
        }

        if (role is not null)
        {
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "test"));
        }

        Assert.Equal(allowed, new MetricsAccess(Metrics.AllowedNetworks(null)).Allows(context));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("10.0.0.0/8, ::1", "10.0.0.0/8, ::1")]
    [InlineData("", "")]
    public void The_allowed_networks_setting_is_a_string(string? value, string? expected)
    {
        var settings = new Dictionary<string, string?>();
        if (value is not null)
        {
            settings[Metrics.AllowedNetworksKey] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.Equal(expected, Metrics.AllowedNetworksSetting(configuration));
    }

    [Fact]
    public void The_allowed_networks_setting_may_be_a_json_array()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Metrics.AllowedNetworksKey + ":0"] = "10.20.0.0/16",
            [Metrics.AllowedNetworksKey + ":1"] = "::1",
        }).Build();

        var access = new MetricsAccess(Metrics.AllowedNetworks(Metrics.AllowedNetworksSetting(configuration)));
        Assert.True(access.FromAllowedNetwork(System.Net.IPAddress.Parse("10.20.3.4")));
        Assert.True(access.FromAllowedNetwork(System.Net.IPAddress.IPv6Loopback));
        Assert.False(access.FromAllowedNetwork(System.Net.IPAddress.Loopback));
    }
}
