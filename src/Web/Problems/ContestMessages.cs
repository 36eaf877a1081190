using Engagement.Contest.Rules;

namespace Engagement.Web.Problems;

/// <summary>The knowledge contest's messages (issue 12), in Simplified Chinese and English; looked up by <see cref="Messages"/>.</summary>
public static class ContestMessages
{
    internal static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        ["contest.not-found"] = ("找不到该知识竞赛。", "This contest does not exist."),

        // Rules: question edits from the console (QuestionRules.Check).
        ["question.missing-id"] = ("请填写题号。", "Enter a question id."),
        ["question.bad-id"] = ("题号无效：最多 {0} 个字符，只能包含字母、数字、- 和 _。", "The question id is not valid: at most {0} characters, letters, digits, - and _ only."),
        ["question.bad-type"] = ("题型无效：请选择单选、多选、判断或口答。", "The question type is not valid: choose single, multiple, true/false or oral."),
        ["question.missing-stem"] = ("请填写题干。", "Enter the question text."),
        ["question.too-long"] = ("“{0}”过长（最多 {1} 个字）。", "\"{0}\" is too long (at most {1} characters)."),
        ["question.too-many-options"] = ("选项最多 {0} 个。", "At most {0} options."),
        ["question.too-few-options"] = ("选择题至少需要 {0} 个选项。", "A choice question needs at least {0} options."),
        ["question.option-gap"] = ("选项须从 A 起连续填写，“{0}”为空。", "Options must be filled from A on without gaps; \"{0}\" is empty."),
        ["question.missing-answer"] = ("请填写答案。", "Enter the answer."),
        ["question.bad-answer"] = ("答案“{0}”无效：单选填一个选项字母，多选填若干选项字母，判断填“对”或“错”。", "The answer \"{0}\" is not valid: one option letter for single choice, option letters for multiple choice, true or false for true/false."),
        ["question.bad-points"] = ("分值须为 1 到 {0} 的整数。", "Points must be a whole number from 1 to {0}."),
        ["question.bad-image"] = ("图片须为本站的地址（以 / 开头）。", "The image must be an address on this site (starting with /)."),

        // Rules: contest settings (AnswerScoring.Validate) and the draw (QuestionDraw).
        ["contest.bad-settings"] = ("竞赛设置不完整。", "The contest settings are incomplete."),
        ["contest.bad-title"] = ("请填写竞赛名称（最多 {0} 个字）。", "Enter a contest title (at most {0} characters)."),
        ["contest.bad-countdown"] = ("答题倒计时须为 {0} 到 {1} 秒。", "The answer countdown must be {0} to {1} seconds."),
        ["contest.bad-penalty"] = ("答错扣分须为 0 到 {0}。", "The wrong-answer penalty must be 0 to {0}."),
        ["contest.bad-partial-credit"] = ("多选题计分规则无效。", "The multiple-choice scoring rule is not valid."),
        ["contest.bad-ranking"] = ("支部排名规则无效。", "The branch ranking rule is not valid."),
        ["contest.bad-top-members"] = ("大屏个人排名显示人数须为 1 到 {0}。", "The screen's individual standings must show 1 to {0} members."),
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
