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
        ["contest.bad-settings"] = ("竞赛设置不完整或无效。", "The contest's settings are incomplete or not valid."),
        ["contest.bad-top-members"] = ("大屏显示的个人排名人数须在 1 到 {0} 之间。", "The screen's individual standings show between 1 and {0} members."),
        ["contest.not-draft"] = ("竞赛已开始，设置和题目不能再修改。", "The contest has started; its settings and questions can no longer change."),
        ["contest.not-configured"] = ("请先保存竞赛设置。", "Save the contest's settings first."),
        ["contest.no-questions"] = ("请先选定竞赛题目。", "Choose the contest's questions first."),
        ["contest.too-many-questions"] = ("一场竞赛最多 {0} 道题。", "A contest has at most {0} questions."),
        ["contest.oral-in-hall"] = ("题目 {0} 是口答题，全员答题只能用手机作答的题目。", "Question {0} is an oral question; the hall round takes only questions answered on phones."),
        ["contest.duplicate-question"] = ("题目 {0} 重复出现。", "Question {0} appears more than once."),
        ["contest.bad-draw"] = ("抽题规则无效：至少需要一条规则。", "The draw is not valid: it needs at least one rule."),
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
