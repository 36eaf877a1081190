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
    public static (string Topic, Func<Task<TopicUpdate>> Snapshot)? Resolve(string? topic, ClaimsPrincipal? user, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 80)
        {
            return null;
        }

        if (topic == Topics.Organisation)
        {
            return user?.IsInRole(Roles.Organiser) == true ? (topic, grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetSnapshot) : null;
        }

        var separator = topic.IndexOf(':');
        var (kind, id) = separator > 0 ? (topic[..separator], topic[(separator + 1)..]) : (topic, string.Empty);
        return kind switch
        {
            // Screen ids are case-insensitive, as in ScreenEndpoints.
            "screen" when IsId(id) => (Topics.Screen(id.ToLowerInvariant()), grains.GetGrain<IScreenGrain>(id.ToLowerInvariant()).GetSnapshot),
            // Rounds and stages are public: the big screen shows them, and the grains decide what a round reveals.
            // Phones follow a round by its pulse: the same rules, a small payload, once a second.
            "round" when IsId(id) => (Topics.Round(id), grains.GetGrain<IRoundGrain>(id).GetSnapshot),
            "pulse" when IsId(id) => (Topics.Pulse(id), grains.GetGrain<IRoundGrain>(id).GetPulse),
            "stage" when IsId(id) => (Topics.Stage(id), grains.GetGrain<IJudgingGrain>(id).GetSnapshot),
            "tournament" when IsId(id) => (Topics.Tournament(id), grains.GetGrain<Engagement.Tournament.ITournamentGrain>(id).GetSnapshot),
            // A contest's hall round and stage final are public too: their grains never put a key on them before the reveal.
            "contest" when IsId(id) => (Topics.Contest(id), grains.GetGrain<Engagement.Contest.IContestGrain>(id).GetSnapshot),
            "final" when IsId(id) => (Topics.Final(id), grains.GetGrain<Engagement.Contest.IStageFinalGrain>(id).GetSnapshot),
            "match" when id.Split('/') is [var t, var m] && IsId(t) && IsId(m) => (Topics.Match(id), grains.GetGrain<Engagement.Tournament.IMatchGrain>(id).GetSnapshot),
            _ => null,
        };
    }

    private static bool IsId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

}
