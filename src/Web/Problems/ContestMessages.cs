namespace Engagement.Web.Problems;

/// <summary>The knowledge contest's messages (issue 12), in Simplified Chinese and English; looked up by <see cref="Messages"/>.</summary>
public static class ContestMessages
{
    internal static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        ["contest.not-found"] = ("找不到该知识竞赛。", "This contest does not exist."),
        // Web (issue 12): the bank's import and edits, contest set-up from the bank, answers, team links, screens.
        ["bank.rejected"] = ("题库文件有 {0} 处错误，未导入任何题目。请修改后重新上传。", "The question file has {0} error(s); nothing was imported. Fix them and upload again."),
        ["bank.no-file"] = ("请选择要上传的题库文件（.xlsx 或 .csv）。", "Choose a question file to upload (.xlsx or .csv)."),
        ["bank.id-taken"] = ("题库中已有题号为“{0}”的题目，请修改该题或换一个题号。", "The bank already has a question with id \"{0}\"; edit it or choose another id."),
        ["bank.id-mismatch"] = ("题号不能修改（地址中为“{0}”）。", "A question's id cannot change (the address names \"{0}\")."),
        ["contest.unknown-question"] = ("题库中没有题号为“{0}”的题目。", "The bank has no question with id \"{0}\"."),
        ["contest.throttled"] = ("提交过于频繁，请 {0} 秒后再试。", "Too many answers in a short time. Please try again in {0} seconds."),
        ["grant.bad-contest"] = ("请选择一个已有的知识竞赛。", "Choose an existing contest."),
        ["grant.bad-team"] = ("所选队伍不在该竞赛的现场赛中，请先设置现场赛队伍。", "The team is not in this contest's stage final; set up the stage's teams first."),
        ["buzz.bad-id"] = ("抢答编号无效，请刷新页面后重试。", "The buzz id is not valid. Reload the page and try again."),
        ["buzz.bad-question"] = ("题号无效（1 到 {0}）。", "The question number is not valid (1 to {0})."),
        ["screen.bad-contest"] = ("所选知识竞赛不存在。", "The chosen contest does not exist."),
    };
}
