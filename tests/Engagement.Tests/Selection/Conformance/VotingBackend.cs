using Engagement.Silo.Hosting;
using Engagement.Ledger;
using Orleans.TestingHost;

namespace Engagement.Tests.Selection.Conformance;

/// <summary>
/// A storage backend the voting guarantees are checked against: an in-process cluster whose durable
/// grain storage ("engagement") and ledger live in that backend, plus the backend's own
/// <see cref="ILedger"/> to read streams back with. One per test class; tests use fresh rounds.
/// </summary>
public abstract class VotingBackend : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>Fixed, so a silo started again on the same database finds the grain state it wrote.</summary>
    private readonly string _serviceId = $"engagement-conformance-{Guid.NewGuid():N}";

    public abstract string Name { get; }

    /// <summary>Reads what the cluster wrote, straight from the backend.</summary>
    public abstract ILedger Ledger { get; }

    /// <summary>The current cluster's client: fetch grains again after <see cref="RestartAsync"/>.</summary>
    public IGrainFactory Grains => Cluster.Client;

    protected InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException($"The {Name} cluster is not running.");

    public async Task InitializeAsync()
    {
        await PrepareStoreAsync();
        _cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }

        await DropStoreAsync();
    }

    /// <summary>
    /// Makes the given grains come back from storage alone: nothing of their current activations
    /// survives. Grain references taken before this call must not be used after it.
    /// </summary>
    public abstract Task RestartAsync(params IAddressable[] grains);

    protected abstract Task PrepareStoreAsync();

    protected abstract void ConfigureSilo(ISiloBuilder silo);

    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    /// <summary>Stops the silo and starts a new one (a new process as far as grains can tell) on the same store.</summary>
    protected async Task RestartSiloAsync()
    {
        await Cluster.DisposeAsync();
        _cluster = null;
        _cluster = await StartClusterAsync();
    }

    /// <summary>Ends the grains' activations and checks that none is left to answer the next call.</summary>
    protected async Task DeactivateAsync(IReadOnlyList<IAddressable> grains)
    {
        foreach (var grain in grains)
        {
            await Cluster.DeactivateAsync(grain);
            Assert.False(Cluster.TryGetGrainContext(grain.GetGrainId(), out _), $"{grain.GetGrainId()} is still active.");
        }
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo));
        builder.ConfigureSilo((_, silo) => silo.UseEngagementResponseTimeout());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
