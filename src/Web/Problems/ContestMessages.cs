namespace Engagement.Web.Problems;

/// <summary>The knowledge contest's messages (issue 12), in Simplified Chinese and English; looked up by <see cref="Messages"/>.</summary>
public static class ContestMessages
{
    internal static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        ["contest.not-found"] = ("找不到该知识竞赛。", "This contest does not exist."),
        ["stage.not-setup"] = ("现场赛已经开始，不能再修改设置。", "The stage final has started; its setup can no longer change."),
        ["stage.not-configured"] = ("请先设置现场赛的队伍和题目。", "Set up the stage final's teams and questions first."),
        ["stage.not-started"] = ("现场赛尚未开始。", "The stage final has not started."),
        ["stage.finished"] = ("现场赛已经结束。", "The stage final is over."),
        ["stage.question-not-found"] = ("现场赛没有第 {0} 题。", "The stage final has no question {0}."),
        ["stage.team-not-found"] = ("找不到该队伍。", "This team does not exist."),
        ["stage.answer-pending"] = ("“{0}”正在答题，请先判定。", "\"{0}\" is answering; judge the answer first."),
        ["stage.risk-not-chosen"] = ("“{0}”还没有选择风险题分值。", "\"{0}\" has not chosen its risk value yet."),
        ["stage.not-buzzer"] = ("这道题不是抢答题。", "This is not a buzzer question."),
        ["stage.not-presented"] = ("这道题还没有出示。", "This question is not on stage."),
        ["stage.buzzing-over"] = ("这道题的抢答已经结束。", "Buzzing on this question is over."),
        ["stage.not-risk"] = ("这道题不是风险题。", "This is not a risk question."),
        ["stage.not-your-question"] = ("这道题不属于本队。", "This question belongs to another team."),
        ["stage.bad-risk"] = ("风险题分值只能选 {0}。", "The risk value must be one of {0}."),
        ["stage.risk-too-late"] = ("题目已经出示，风险分值不能再改。", "The question is shown; the risk value can no longer change."),
        ["stage.already-judged"] = ("这道题已经判定，如需改判请填写理由。", "This answer is judged already; to change it, correct it with a reason."),
        ["stage.not-on-floor"] = ("“{0}”没有答题权。", "\"{0}\" does not have the floor."),
        ["stage.judgement-not-found"] = ("找不到要改判的判定。", "The judgement to correct does not exist."),
        ["stage.reason-required"] = ("请填写理由（最多 {0} 个字）。", "Give a reason (at most {0} characters)."),
        ["stage.bad-adjustment"] = ("调整分值须为非零整数，绝对值不超过 {0}。", "An adjustment must be a non-zero whole number of at most {0} either way."),
    };
}
