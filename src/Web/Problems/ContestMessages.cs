namespace Engagement.Web.Problems;

/// <summary>The knowledge contest's messages (issue 12), in Simplified Chinese and English; looked up by <see cref="Messages"/>.</summary>
public static class ContestMessages
{
    internal static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        // Grains (question bank, contest directory, hall round).
        ["question.bank-full"] = ("题库最多 {0} 道题，请先删除部分题目。", "The question bank holds at most {0} questions; remove some first."),
        ["question.not-found"] = ("题库中没有题号为 {0} 的题目。", "The bank has no question with id {0}."),
        ["contest.bad-title"] = ("请填写竞赛名称（最多 {0} 个字）。", "Enter the contest's title (at most {0} characters)."),
        ["contest.not-found"] = ("找不到该知识竞赛。", "This contest does not exist."),
    };
}
