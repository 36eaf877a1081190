using Microsoft.Extensions.Logging;

namespace Engagement.Contest;

/// <summary>The host's steps through a contest, for whoever reads the log after the event; source-generated.</summary>
internal static partial class ContestLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Contest {ContestId}: question {QuestionNo} {Phase}")]
    public static partial void Stepped(ILogger logger, string contestId, int questionNo, string phase);
}
