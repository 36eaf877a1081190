using Engagement.Silo.Hosting;
using Engagement.Storage;
using Orleans.TestingHost;

namespace Engagement.Tests.Testing;

/// <summary>
/// One in-process Orleans cluster (one silo, memory storage under the durable store's name) shared by every
/// grain test class in <see cref="ClusterCollection"/>. Tests isolate themselves by using fresh grain keys.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageNames.Durable));
        // Matches keep a reminder while they owe their tournament a report (the embedded and cluster silos keep theirs in the database).
        builder.ConfigureSilo((_, silo) => silo.UseInMemoryReminderService());
        builder.ConfigureSilo((_, silo) => silo.UseEngagementResponseTimeout());
        builder.ConfigureSilo((_, silo) => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Engagement.Ledger.ILedger, Engagement.Ledger.MemoryLedger>(silo.Services));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>A grain key no other test uses.</summary>
    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster";
}
