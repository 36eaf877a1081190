using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Telemetry;

/// <summary>
/// A cluster silo's figures for the organiser's status: every <see cref="Interval"/> it sends its
/// <see cref="RecentFigures"/> to <see cref="ISiloFiguresGrain"/>. One-way (the silo reports, web hosts read), and a
/// failed report is only retried at the next tick: figures are worth nothing late.
/// </summary>
public sealed class FiguresReporter(IGrainFactory grains, RecentFigures figures, ILogger<FiguresReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly string _source = $"{Environment.MachineName}/{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await grains.GetGrain<ISiloFiguresGrain>(0).Report(figures.Read(_source)).WaitAsync(Interval, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Figures report from {Source} skipped", _source);
            }
        }
    }
}
