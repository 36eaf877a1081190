using Engagement.Telemetry;
using Engagement.Tests.Testing;

namespace Engagement.Tests.Operations;

/// <summary>Cluster silos leave their recent figures with one grain; web hosts read the latest of each silo still reporting.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StatusSiloReportsTests(ClusterFixture fixture)
{
    private static FiguresReading Reading(string source, double ballots, DateTimeOffset at) =>
        new(source, at, ballots, 0, new Dictionary<string, long> { ["round.not-open"] = 1 }, 0, null, new Spread(3, 2, 5, 9), null);

    [Fact]
    public async Task The_latest_reading_of_each_silo_is_kept_and_silent_silos_drop_out()
    {
        var figures = fixture.Client.GetGrain<ISiloFiguresGrain>(Random.Shared.NextInt64(1, long.MaxValue));
        var now = DateTimeOffset.UtcNow;

        await figures.Report(Reading("silo-b", 10, now));
        await figures.Report(Reading("silo-a", 5, now));
        await figures.Report(Reading("silo-a", 7, now.AddSeconds(1)));     // the next report replaces the first
        await figures.Report(Reading("silo-gone", 99, now - SiloFiguresGrain.Expiry - TimeSpan.FromSeconds(1)));
        await figures.Report(Reading("", 50, now));                       // no source: not kept

        var recent = await figures.Recent();

        Assert.Equal(["silo-a", "silo-b"], recent.Select(r => r.Source));
        Assert.Equal([7.0, 10.0], recent.Select(r => r.BallotsPerSecond));
        Assert.Equal(new Spread(3, 2, 5, 9), recent[0].LedgerCommitMs);
        Assert.Equal(1, recent[1].RefusalsLastMinute["round.not-open"]);
    }
}
