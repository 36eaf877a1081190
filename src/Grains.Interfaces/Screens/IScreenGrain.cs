namespace Engagement.Screens;

/// <summary>
/// A big screen in the hall: what it is showing. Organisers drive it; the screen page only listens.
/// Key: the screen id ("main" unless an event uses several).
/// What the hall sees is a view (mode and round) plus words: the headline, shared by every view, and a
/// notice that belongs to the view it was written for. Editing the words never changes the view.
/// </summary>
public interface IScreenGrain : IGrainWithStringKey, Live.ILiveTopicSource
{
    Task<ScreenState> Get();

    /// <summary>
    /// Without a mode: a text edit of the view on screen (mode, round and ranking step stay). With a mode:
    /// switch to that view, with this headline; a notice given is that view's notice, none keeps the one
    /// the view had when it was last on screen.
    /// </summary>
    Task<ScreenState> Show(ScreenContent content);

    /// <summary>The ranking ceremony: how many places are revealed (counted from last) and which page shows.</summary>
    Task<ScreenState> StepRanking(RankingStep step);
}

/// <param name="Mode">What the screen shows besides the headline; null to keep what it shows.</param>
/// <param name="RoundId">The round the voting, judging or ranking view is about, or the tournament for <see cref="ScreenMode.Tournament"/>.</param>
[GenerateSerializer, Immutable]
public sealed record ScreenContent(
    [property: Id(0)] string Headline,
    [property: Id(1)] string? Notice = null,
    [property: Id(2)] ScreenMode? Mode = null,
    [property: Id(3)] string? RoundId = null);

/// <param name="Revealed">Places revealed so far, counted from the last; null when every place shows (no ceremony).</param>
/// <param name="Page">The page of the ranking on screen when every place shows (0 is the top).</param>
[GenerateSerializer, Immutable]
public sealed record RankingStep(
    [property: Id(0)] int? Revealed = null,
    [property: Id(1)] int Page = 0);

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

    /// <summary>A knowledge contest's hall round (its id travels in RoundId): question, countdown, reveal, standings.</summary>
    Contest,

    /// <summary>A knowledge contest's stage final (its id travels in RoundId): question, buzz winner, team scoreboard.</summary>
    ContestFinal,
}

/// <param name="Notice">The notice of the view on screen (each view keeps its own).</param>
/// <param name="Ranking">Where the ranking ceremony stands; back to "everything, first page" whenever the view changes.</param>
[GenerateSerializer, Immutable]
public sealed record ScreenState(
    [property: Id(0)] string ScreenId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string Headline,
    [property: Id(3)] string? Notice,
    [property: Id(4)] DateTimeOffset ChangedAt,
    [property: Id(5)] ScreenMode Mode = ScreenMode.Headline,
    [property: Id(6)] string? RoundId = null,
    [property: Id(7)] RankingStep? Ranking = null);

public static class ScreenIds
{
    public const string Main = "main";
}
