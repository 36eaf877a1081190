using Engagement.Screens;
using Engagement.Web.Access;

namespace Engagement.Web.Screens;

/// <summary>
/// Big screens: anyone may read what a screen shows; only organisers change it. A PUT without a mode edits
/// the words of the view on screen and never changes the view; a PUT with a mode switches the view.
/// </summary>
public static class ScreenEndpoints
{
    public static void MapScreenApi(this IEndpointRouteBuilder app)
    {
        var screens = app.MapGroup("/api/screens").WithTags("Screens");
        screens.MapGet("/{screenId}", (string screenId, IGrainFactory grains) => grains.GetGrain<IScreenGrain>(Normalise(screenId)).Get());
        screens.MapPut("/{screenId}", async (string screenId, ScreenContent content, IGrainFactory grains) =>
            {
                var screen = grains.GetGrain<IScreenGrain>(Normalise(screenId));
                // A contest view names its contest in RoundId: a contest that does not exist would leave the hall a blank screen.
                if (content.Mode is ScreenMode.Contest or ScreenMode.ContestFinal && !string.IsNullOrEmpty(content.RoundId)
                    && (await grains.GetGrain<Engagement.Contest.IContestsGrain>(0).List()).All(c => c.ContestId != Text.Clean(content.RoundId)))
                {
                    throw RuleViolation.Invalid("screen.bad-contest");
                }

                return await screen.Show(content);
            })
            .RequireAuthorization(Roles.Organiser);
        // The ranking ceremony's step lives with the screen, so every screen (and a reload) shows the same one.
        screens.MapPut("/{screenId}/ranking", (string screenId, RankingStep step, IGrainFactory grains) =>
                grains.GetGrain<IScreenGrain>(Normalise(screenId)).StepRanking(step))
            .RequireAuthorization(Roles.Organiser);
    }

    /// <summary>Screen ids are short names; anything else is one of the defaults' typos, not a new screen per request.</summary>
    public static string Normalise(string screenId) =>
        screenId.Length is > 0 and <= 32 && screenId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? screenId.ToLowerInvariant()
            : throw RuleViolation.NotFound("screen.not-found");
}
