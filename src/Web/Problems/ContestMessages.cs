using Engagement.Contest.Rules;

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

        // Rules: question edits from the console (QuestionRules.Check).
        ["question.missing-id"] = ("请填写题号。", "Enter a question id."),
        ["question.bad-id"] = ("题号无效：最多 {0} 个字符，只能包含字母、数字、- 和 _。", "The question id is not valid: at most {0} characters, letters, digits, - and _ only."),
        ["question.bad-type"] = ("题型无效：请选择单选、多选、判断或口答。", "The question type is not valid: choose single, multiple, true/false or oral."),
        ["question.missing-stem"] = ("请填写题干。", "Enter the question text."),
        ["question.stem-too-long"] = ("题干过长（最多 {0} 个字）。", "The question text is too long (at most {0} characters)."),
        ["question.option-too-long"] = ("选项过长（每项最多 {0} 个字）。", "An option is too long (at most {0} characters each)."),
        ["question.answer-too-long"] = ("参考答案过长（最多 {0} 个字）。", "The reference answer is too long (at most {0} characters)."),
        ["question.explanation-too-long"] = ("解析过长（最多 {0} 个字）。", "The explanation is too long (at most {0} characters)."),
        ["question.label-too-long"] = ("分类和难度各最多 {0} 个字。", "Category and difficulty have at most {0} characters each."),
        ["question.too-many-options"] = ("选项最多 {0} 个。", "At most {0} options."),
        ["question.too-few-options"] = ("选择题至少需要 {0} 个选项。", "A choice question needs at least {0} options."),
        ["question.option-gap"] = ("选项须从 A 起连续填写，选项 {0} 为空。", "Options must be filled from A on without gaps; option {0} is empty."),
        ["question.missing-answer"] = ("请填写答案。", "Enter the answer."),
        ["question.bad-answer"] = ("答案“{0}”无效：单选填一个选项字母，多选填若干选项字母，判断填“对”或“错”。", "The answer \"{0}\" is not valid: one option letter for single choice, option letters for multiple choice, true or false for true/false."),
        ["question.bad-points"] = ("分值须为 1 到 {0} 的整数。", "Points must be a whole number from 1 to {0}."),
        ["question.bad-image"] = ("图片须为本站的地址（以 / 开头）。", "The image must be an address on this site (starting with /)."),

        // Rules: contest settings (AnswerScoring.Validate) and the draw (QuestionDraw).
        ["contest.bad-countdown"] = ("答题倒计时须为 {0} 到 {1} 秒。", "The answer countdown must be {0} to {1} seconds."),
        ["contest.bad-penalty"] = ("答错扣分须为 0 到 {0}。", "The wrong-answer penalty must be 0 to {0}."),
        ["contest.bad-partial-credit"] = ("多选题计分规则无效。", "The multiple-choice scoring rule is not valid."),
        ["contest.bad-ranking"] = ("支部排名规则无效。", "The branch ranking rule is not valid."),
        ["contest.draw-no-rules"] = ("请设置 1 到 {0} 条抽题规则。", "Give 1 to {0} draw rules."),
        ["contest.draw-bad-count"] = ("每条规则至少抽 1 题，合计不超过 {0} 题。", "Each rule draws at least 1 question, {0} in all at most."),
        ["contest.draw-short"] = ("题库中分类“{0}”、难度“{1}”的题目不足 {2} 道（可抽 {3} 道）。", "The bank has fewer than {2} questions of category \"{0}\" and difficulty \"{1}\" ({3} available)."),

        // Rules: the stage final (StageScoring).
        ["stage.bad-setup"] = ("现场赛设置不完整。", "The stage final's setup is incomplete."),
        ["stage.bad-points"] = ("各项分值须在 -{0} 到 {0} 之间，答对得分不能为负。", "Each points setting must be between -{0} and {0}; points for a correct answer cannot be negative."),
        ["stage.bad-early-buzz"] = ("抢答违规处理规则无效。", "The early-buzz rule is not valid."),
        ["stage.bad-risk-values"] = ("风险题分值须为 1 到 {0} 个互不相同的正整数。", "Risk values must be 1 to {0} distinct positive numbers."),
        ["stage.bad-risk-value"] = ("请选择规定的风险分值（{0}）。", "Choose one of the risk values ({0})."),
        ["stage.bad-answer-seconds"] = ("答题时间须为 {0} 到 {1} 秒。", "The answer time must be {0} to {1} seconds."),
        ["stage.bad-team-count"] = ("参赛队须为 {0} 到 {1} 支。", "The final needs {0} to {1} teams."),
        ["stage.bad-team-id"] = ("队伍编号无效：最多 {0} 个字符，只能包含字母、数字、- 和 _。", "A team id is not valid: at most {0} characters, letters, digits, - and _ only."),
        ["stage.bad-team-name"] = ("请填写队名（最多 {0} 个字）。", "Enter a team name (at most {0} characters)."),
        ["stage.duplicate-team"] = ("队伍“{0}”重复。", "The team \"{0}\" appears twice."),
        ["stage.bad-players"] = ("每队队员最多 {0} 人，姓名不能为空且最多 {1} 个字。", "At most {0} players per team, each name 1 to {1} characters."),
        ["stage.bad-question-count"] = ("现场赛须有 1 到 {0} 道题。", "The stage final needs 1 to {0} questions."),
        ["stage.bad-question-numbers"] = ("题目须从 1 起连续编号，第 {0} 题编号不对。", "Questions must be numbered from 1 on; question {0} is numbered wrongly."),
        ["stage.bad-part"] = ("题目环节无效：请选择必答、抢答或风险题。", "The part is not valid: choose required, buzzer or risk."),
        ["stage.question-team"] = ("第 {0} 题：必答题和风险题须指定参赛队，抢答题不指定。", "Question {0}: required and risk questions name their team; buzzer questions name none."),
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

    /// <summary>A bank import's problems, one message per <see cref="QuestionProblem"/>: {0} is the column or the value, {1} the other line.</summary>
    public static readonly IReadOnlyDictionary<QuestionProblem, (string Zh, string En)> Question = new Dictionary<QuestionProblem, (string, string)>
    {
        [QuestionProblem.Unreadable] = ("无法读取该文件，请确认是 .xlsx 或 .csv 格式且未损坏。", "The file cannot be read; make sure it is an undamaged .xlsx or .csv file."),
        [QuestionProblem.EmptyFile] = ("文件中没有题目。", "The file holds no questions."),
        [QuestionProblem.MissingColumn] = ("缺少必填列“{0}”。", "Required column \"{0}\" is missing."),
        [QuestionProblem.DuplicateColumn] = ("列“{0}”出现了两次。", "Column \"{0}\" appears twice."),
        [QuestionProblem.TooManyRows] = ("题目超过上限 {0} 道。", "More than {0} questions."),
        [QuestionProblem.MissingId] = ("请填写题号。", "The question id is missing."),
        [QuestionProblem.BadId] = ("题号“{0}”无效：最多 32 个字符，只能包含字母、数字、- 和 _。", "Question id \"{0}\" is not valid: at most 32 characters, letters, digits, - and _ only."),
        [QuestionProblem.DuplicateId] = ("题号“{0}”与第 {1} 行重复。", "Question id \"{0}\" repeats line {1}."),
        [QuestionProblem.BadType] = ("题型“{0}”无效：请填写单选、多选、判断或口答。", "Question type \"{0}\" is not valid: use single, multiple, true/false or oral."),
        [QuestionProblem.MissingStem] = ("请填写题干。", "The question text is missing."),
        [QuestionProblem.TooLong] = ("内容过长（最多 {0} 个字）。", "Too long (at most {0} characters)."),
        [QuestionProblem.TooFewOptions] = ("选择题至少需要 {0} 个选项。", "A choice question needs at least {0} options."),
        [QuestionProblem.OptionGap] = ("选项须从 A 起连续填写，此选项为空。", "Options must be filled from A on without gaps; this one is empty."),
        [QuestionProblem.MissingAnswer] = ("请填写答案。", "The answer is missing."),
        [QuestionProblem.BadAnswer] = ("答案“{0}”无效：单选填一个已有选项的字母，多选填若干已有选项的字母，判断填“对”或“错”。", "Answer \"{0}\" is not valid: one existing option letter for single choice, existing option letters for multiple choice, true or false for true/false."),
        [QuestionProblem.BadPoints] = ("分值“{0}”无效：须为 1 到 1000 的整数，留空为 10 分。", "Points \"{0}\" are not valid: a whole number from 1 to 1000, or empty for 10."),
        [QuestionProblem.BadImage] = ("图片“{0}”无效：须为本站的地址（以 / 开头）。", "Image \"{0}\" is not valid: use an address on this site (starting with /)."),
    };

    /// <summary>The reader's refusals, by the roster problem it reports (in <see cref="QuestionError.Value"/>); {0} is its detail.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> FileProblems = new Dictionary<string, (string, string)>
    {
        ["UnsupportedFileType"] = ("不支持的文件类型“{0}”，请另存为 .xlsx 或 .csv。", "Unsupported file type \"{0}\"; save it as .xlsx or .csv."),
        ["TooLargeUnpacked"] = ("文件解压后超过 {0}，不是题库文件，未导入任何数据。", "The file unpacks to more than {0}, which no question bank needs; nothing was imported."),
        ["TooManyColumns"] = ("列数超过上限 {0}。", "More than {0} columns."),
        ["TooManyRows"] = ("行数过多（上限 {0}）。", "Too many rows (at most {0})."),
    };

    /// <summary>One bank import error in the reader's language, for listing errors by line.</summary>
    public static string QuestionText(QuestionError error, bool english)
    {
        if (error.Problem == QuestionProblem.Unreadable && error.Value is not null && FileProblems.TryGetValue(error.Value, out var file))
        {
            return Messages.Format(file, english, error.Detail);
        }

        return Messages.Format(
            Question[error.Problem],
            english,
            error.Problem is QuestionProblem.MissingColumn or QuestionProblem.DuplicateColumn ? error.Column : error.Value,
            error.OtherLine);
    }
}
