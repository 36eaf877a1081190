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

/// <param name="Mode">What the screen shows besides the headline.</param>
/// <param name="RoundId">The round the voting, judging or ranking view is about, or the tournament for <see cref="ScreenMode.Tournament"/>.</param>
[GenerateSerializer, Immutable]
public sealed record ScreenContent(
    [property: Id(0)] string Headline,
    [property: Id(1)] string? Notice = null,
    [property: Id(2)] ScreenMode Mode = ScreenMode.Headline,
    [property: Id(3)] string? RoundId = null);

public enum ScreenMode
{
    /// <summary>Just the headline and notice.</summary>
    Headline,

    /// <summary>Live tally (or turnout) of a round and the QR to join.</summary>
    Voting,

    /// <summary>The staged reveal of the judges' scores for the case on stage.</summary>
    Judging,

    /// <summary>The published ranking of a round.</summary>
    Ranking,

    /// <summary>A volleyball tournament (its id travels in RoundId): bracket, group tables and live courts in rotation.</summary>
    Tournament,
}

[GenerateSerializer, Immutable]
public sealed record ScreenState(
    [property: Id(0)] string ScreenId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string Headline,
    [property: Id(3)] string? Notice,
    [property: Id(4)] DateTimeOffset ChangedAt,
    [property: Id(5)] ScreenMode Mode = ScreenMode.Headline,
    [property: Id(6)] string? RoundId = null);

public static class ScreenIds
{
    public const string Main = "main";
}
