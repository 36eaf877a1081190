using System.Collections.Concurrent;
using Engagement.Live;
using Engagement.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Engagement.Web.Live;

/// <summary>
/// This web host's listener for topic updates from Orleans. It forwards each update to the SignalR
/// group of that topic on this host only; other hosts do the same for their own connections.
/// Updates can arrive out of order (several notifier copies run in parallel), so an older version than
/// one already sent is dropped here as well as in the browser.
/// </summary>
public sealed class LiveHost(IHubContext<LiveHub> hub, ILogger<LiveHost> logger) : ILiveHost
{
    private readonly ConcurrentDictionary<string, long> _sent = new();

    public Task Deliver(IReadOnlyList<TopicUpdate> updates)
    {
        foreach (var update in updates)
        {
            var newer = true;
            _sent.AddOrUpdate(update.Topic, update.Version, (_, last) =>
            {
                newer = update.Version > last;
                return newer ? update.Version : last;
            });
            if (!newer)
            {
                continue;
            }

            _ = Send(update);
        }

        return Task.CompletedTask;
    }

    private async Task Send(TopicUpdate update)
    {
        try
        {
            await hub.Clients.Group(update.Topic).SendAsync(LiveHub.UpdateMethod, update);
            if (update.PublishedAt != default)
            {
                // Across machines this includes the clocks' difference: keep silo and web hosts on NTP.
                EngagementMetrics.PushLatency.Record(Math.Max(0, (DateTimeOffset.UtcNow - update.PublishedAt).TotalMilliseconds));
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Push of {Topic} v{Version} failed", update.Topic, update.Version);
        }
    }
}
