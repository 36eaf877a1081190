using Engagement.Live;
using Engagement.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Engagement.Web.Live;

/// <summary>
/// The one SignalR hub. A client subscribes to topics; the reply is the topic's current snapshot, and
/// afterwards every newer snapshot arrives as "update". A reconnecting client simply subscribes again.
/// </summary>
public sealed class LiveHub(IGrainFactory grains, ILogger<LiveHub> logger) : Hub
{
    public const string Path = "/hubs/live";
    public const string UpdateMethod = "update";
    private const int MaxTopicsPerConnection = 32;

    public override Task OnConnectedAsync()
    {
        EngagementMetrics.LiveConnections.Add(1);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        EngagementMetrics.LiveConnections.Add(-1);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<TopicUpdate> Subscribe(string topic)
    {
        var (canonical, snapshot) = LiveTopics.Resolve(topic, Context.User, grains) ?? throw new HubException("topic.unknown");
        topic = canonical;
        if (!Context.Items.TryGetValue("topics", out var items) || items is not HashSet<string> subscribed)
        {
            subscribed = [];
            Context.Items["topics"] = subscribed;
        }

        if (!subscribed.Contains(topic) && subscribed.Count >= MaxTopicsPerConnection)
        {
            throw new HubException("topic.too-many");
        }

        // Join first, then read the snapshot: anything published in between is newer and wins on version.
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        subscribed.Add(topic);
        logger.LogDebug("Connection {ConnectionId} subscribed to {Topic}", Context.ConnectionId, topic);
        return await snapshot();
    }

    public async Task Unsubscribe(string topic)
    {
        topic = LiveTopics.Resolve(topic, Context.User, grains)?.Topic ?? topic;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
        if (Context.Items.TryGetValue("topics", out var set) && set is HashSet<string> subscribed)
        {
            subscribed.Remove(topic);
        }
    }
}
