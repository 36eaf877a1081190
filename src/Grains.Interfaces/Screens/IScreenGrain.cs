namespace Engagement.Screens;

/// <summary>
/// A big screen in the hall: what it is showing. Organisers drive it; the screen page only listens.
/// Key: the screen id ("main" unless an event uses several).
/// </summary>
public interface IScreenGrain : IGrainWithStringKey, Live.ILiveTopicSource
{
    Task<ScreenState> Get();
    Task<ScreenState> Show(ScreenContent content);
}

[GenerateSerializer, Immutable]
public sealed record ScreenContent(
    [property: Id(0)] string Headline,
    [property: Id(1)] string? Notice);

[GenerateSerializer, Immutable]
public sealed record ScreenState(
    [property: Id(0)] string ScreenId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string Headline,
    [property: Id(3)] string? Notice,
    [property: Id(4)] DateTimeOffset ChangedAt);

public static class ScreenIds
{
    public const string Main = "main";
}
