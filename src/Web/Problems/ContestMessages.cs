namespace Engagement.Web.Problems;

/// <summary>The knowledge contest's messages (issue 12), in Simplified Chinese and English; looked up by <see cref="Messages"/>.</summary>
public static class ContestMessages
{
    internal static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        ["contest.not-found"] = ("找不到该知识竞赛。", "This contest does not exist."),
    };
}
