namespace Engagement.Web.Problems;

/// <summary>The knowledge contest's messages (issue 12), in Simplified Chinese and English; looked up by <see cref="Messages"/>.</summary>
public static class ContestMessages
{
    internal static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        // Grains (question bank, contest directory, hall round).
        ["question.bank-full"] = ("题库最多 {0} 道题，请先删除部分题目。", "The question bank holds at most {0} questions; remove some first."),
        ["question.not-found"] = ("题库中没有题号为 {0} 的题目。", "The bank has no question with id {0}."),
        ["contest.not-draft"] = ("竞赛已开始，设置和题目不能再修改。", "The contest has started; its settings and questions can no longer change."),
        ["contest.not-configured"] = ("请先保存竞赛设置。", "Save the contest's settings first."),
        ["contest.no-questions"] = ("请先选定竞赛题目。", "Choose the contest's questions first."),
        ["contest.too-many-questions"] = ("一场竞赛最多 {0} 道题。", "A contest has at most {0} questions."),
        ["contest.oral-in-hall"] = ("题目 {0} 是口答题，全员答题只能用手机作答的题目。", "Question {0} is an oral question; the hall round takes only questions answered on phones."),
        ["contest.duplicate-question"] = ("题目 {0} 重复出现。", "Question {0} appears more than once."),
        ["contest.bad-draw"] = ("抽题请求无效。", "The draw request is not valid."),
        ["contest.bad-branches"] = ("参赛支部名单无效（编号为空或重复）。", "The branch list is not valid (an empty or repeated id)."),
        ["contest.not-running"] = ("全员答题未在进行中。", "The hall round is not running."),
        ["contest.bad-question-no"] = ("题号无效：本场共 {0} 道题。", "No such question: this contest has {0} questions."),
        ["contest.bad-step"] = ("当前进度（第 {1} 题，{0}）下不能进行这一步。", "That step does not follow from where the round stands (question {1}, {0})."),
        ["contest.question-in-progress"] = ("第 {0} 题尚未公布答案，请先公布再结束。", "Question {0} has not been revealed yet; reveal it before finishing."),
        ["answer.bad-member"] = ("无法识别答题人，请重新登录。", "The member answering could not be identified; please sign in again."),
        ["answer.bad-id"] = ("答题请求无效，请刷新页面后重试。", "The answer request is not valid; reload the page and try again."),
        ["answer.already-answered"] = ("第 {0} 题您已作答，以第一次提交为准。", "You have already answered question {0}; your first answer counts."),
        ["answer.not-open"] = ("第 {0} 题尚未开始作答。", "Question {0} is not open for answers yet."),
        ["answer.closed"] = ("第 {0} 题作答时间已过，答案未被接受。", "Answering for question {0} has closed; the answer was not accepted."),
        ["answer.bad-choice"] = ("请选择有效的选项。", "Choose a valid option."),
        ["contest.not-found"] = ("找不到该知识竞赛。", "This contest does not exist."),
    };
}
