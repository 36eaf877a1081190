using Microsoft.Extensions.Logging;

namespace Engagement.Selection;

/// <summary>
/// What a person looking into a round's day wants to find in the log: when it opened and closed, and why a phone was
/// refused. Source-generated, so a level that is off costs one check. With JSON logs each line carries the
/// RequestId of the web request that caused it (see Engagement.Silo.Hosting.RequestIdScope). A secret round's
/// lines never name a member next to a receipt or a choice.
/// </summary>
internal static partial class RoundLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Round {RoundId} opened for {BranchCount} branch(es)")]
    public static partial void Opened(ILogger logger, string roundId, int branchCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Round {RoundId} closed ({By}) with {Ballots} ballot(s)")]
    public static partial void Closed(ILogger logger, string roundId, string by, int ballots);

    /// <summary>Once per member and reason (the refusal record is deduplicated the same way), so a phone retrying cannot flood the log.</summary>
    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Round {RoundId}: ballot of member {MemberNo} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string roundId, string? memberNo, string? reason);

    /// <summary>The hot path: Debug, off unless asked for (Logging:LogLevel:Engagement.Selection=Debug).</summary>
    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Round {RoundId}: ballot accepted")]
    public static partial void Accepted(ILogger logger, string roundId);
}
