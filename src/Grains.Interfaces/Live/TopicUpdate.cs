namespace Engagement.Live;

/// <summary>
/// The full current state of one live topic (a screen, a round, a tournament, a match) at a revision.
/// Every update is a snapshot, never a delta, so a client that missed some can simply take the newest:
/// it keeps the highest <see cref="Version"/> it has seen and drops anything older.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TopicUpdate(
    [property: Id(0)] string Topic,
    [property: Id(1)] long Version,
    [property: Id(2)] object Payload)
{
    /// <summary>
    /// When the owning grain published this update (set by the publisher; default for a snapshot read on subscribe).
    /// The web host measures push latency from it; browsers don't need it, so it is not sent to them.
    /// </summary>
    [Id(3)]
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset PublishedAt { get; init; }
}

/// <summary>Topic names are "kind:id"; the kinds are listed here so hub and grains agree.</summary>
public static class Topics
{
    public const string Organisation = "org";
    public static string Screen(string screenId) => $"screen:{screenId}";
    public static string Round(string roundId) => $"round:{roundId}";

    /// <summary>A round as phones follow it: status and counts only, at most once a second (see <c>RoundPulse</c>).</summary>
    public static string Pulse(string roundId) => $"pulse:{roundId}";
    public static string Stage(string roundId) => $"stage:{roundId}";
    public static string Tournament(string tournamentId) => $"tournament:{tournamentId}";
    public static string Match(string matchKey) => $"match:{matchKey}";

    /// <summary>A knowledge contest's hall round as the big screen and phones see it (see <c>ContestLive</c>).</summary>
    public static string Contest(string contestId) => $"contest:{contestId}";

    /// <summary>A knowledge contest's stage final as the big screen and team tablets see it (see <c>StageLive</c>).</summary>
    public static string Final(string contestId) => $"final:{contestId}";
}
