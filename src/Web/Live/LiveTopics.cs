using System.Security.Claims;
using Engagement.Live;
using Engagement.Organisation;
using Engagement.Screens;
using Engagement.Selection;
using Engagement.Web.Access;

namespace Engagement.Web.Live;

/// <summary>
/// Which grain owns a topic, and who may listen to it. Unknown or forbidden topics resolve to null.
/// The resolved topic is the canonical name the owner publishes under (e.g. screen ids lower-cased).
/// </summary>
public static class LiveTopics
{
    public static (string Topic, ILiveTopicSource Source)? Resolve(string? topic, ClaimsPrincipal? user, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 80)
        {
            return null;
        }

        if (topic == Topics.Organisation)
        {
            return user?.IsInRole(Roles.Organiser) == true ? (topic, grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default)) : null;
        }

        var separator = topic.IndexOf(':');
        var (kind, id) = separator > 0 ? (topic[..separator], topic[(separator + 1)..]) : (topic, string.Empty);
        return kind switch
        {
            // Screen ids are case-insensitive, as in ScreenEndpoints.
            "screen" when IsId(id) => (Topics.Screen(id.ToLowerInvariant()), grains.GetGrain<IScreenGrain>(id.ToLowerInvariant())),
            // Rounds and stages are public: the big screen shows them, and the grains decide what a round reveals.
            "round" when IsId(id) => (Topics.Round(id), grains.GetGrain<IRoundGrain>(id)),
            "stage" when IsId(id) => (Topics.Stage(id), grains.GetGrain<IJudgingGrain>(id)),
            "tournament" when IsId(id) => (Topics.Tournament(id), grains.GetGrain<Engagement.Tournament.ITournamentGrain>(id)),
            "match" when id.Split('/') is [var t, var m] && IsId(t) && IsId(m) => (Topics.Match(id), grains.GetGrain<Engagement.Tournament.IMatchGrain>(id)),
            _ => null,
        };
    }

    private static bool IsId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
