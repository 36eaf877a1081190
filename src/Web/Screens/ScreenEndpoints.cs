using Engagement.Screens;
using Engagement.Web.Access;

namespace Engagement.Web.Screens;

/// <summary>Big screens: anyone may read what a screen shows; only organisers change it.</summary>
public static class ScreenEndpoints
{
    public static void MapScreenApi(this IEndpointRouteBuilder app)
    {
        var screens = app.MapGroup("/api/screens").WithTags("Screens");
        screens.MapGet("/{screenId}", (string screenId, IGrainFactory grains) => grains.GetGrain<IScreenGrain>(Normalise(screenId)).Get());
        screens.MapPut("/{screenId}", (string screenId, ScreenContent content, IGrainFactory grains) =>
                grains.GetGrain<IScreenGrain>(Normalise(screenId)).Show(content))
            .RequireAuthorization(Roles.Organiser);
    }

    /// <summary>Screen ids are short names; anything else is one of the defaults' typos, not a new screen per request.</summary>
    public static string Normalise(string screenId) =>
        screenId.Length is > 0 and <= 32 && screenId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? screenId.ToLowerInvariant()
            : throw RuleViolation.NotFound("screen.not-found");
}
