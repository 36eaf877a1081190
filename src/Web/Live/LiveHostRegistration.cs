using Engagement.Live;

namespace Engagement.Web.Live;

/// <summary>
/// Keeps this web host on the cluster's list of live hosts: registers its observer at start and then
/// every few seconds, so the list heals after a silo restart and a crashed host drops out by expiry.
/// </summary>
public sealed class LiveHostRegistration(IGrainFactory grains, LiveHost host, ILogger<LiveHostRegistration> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly string _hostId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<ILiveHost>(host);
        var registry = grains.GetGrain<ILiveHostRegistryGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = Interval;
            try
            {
                await registry.Register(_hostId, reference);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Typically the cluster is still starting or a silo just died: try again soon.
                delay = TimeSpan.FromSeconds(1);
                logger.LogWarning(e, "Could not register live host {HostId}; retrying in {Delay}", _hostId, delay);
            }

            await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ILiveHostRegistryGrain>(0).Unregister(_hostId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Unregister of {HostId} skipped", _hostId);
        }

        await base.StopAsync(cancellationToken);
    }
}
