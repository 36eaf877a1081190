namespace Engagement.Selection;

/// <summary>
/// When branches may submit cases from a member's phone: while none of the event's rounds has opened.
/// Once voting or judging has begun the case list is the one members and judges are looking at; the
/// organiser can still add a late case from the console.
/// </summary>
public static class CaseSubmissions
{
    public static bool Open(IEnumerable<RoundStatus> rounds) => rounds.All(status => status == RoundStatus.Draft);
}
