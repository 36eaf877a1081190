namespace Engagement.Web.Problems;

/// <summary>
/// Every message a person may see from the server, in Simplified Chinese (default) and English.
/// Templates use {0}, {1} for the values a rule violation carries.
/// </summary>
public static class Messages
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        ["auth.required"] = ("请先登录。", "Please sign in first."),
        ["auth.forbidden"] = ("您没有权限执行此操作。", "You are not allowed to do this."),
        ["auth.bad-login"] = ("用户名或密码不正确。", "Wrong user name or password."),
        ["auth.bad-code"] = ("党员码不正确，请核对后重新输入。", "This member code is not valid. Please check it and try again."),
        ["auth.bad-link"] = ("链接无效或已失效，请向组织者索取新链接。", "This link is invalid or has been revoked. Ask the organiser for a new one."),
        ["grant.bad-name"] = ("请填写名称（最多 {0} 个字）。", "Enter a name (at most {0} characters)."),
        ["grant.not-found"] = ("找不到该链接。", "This link does not exist."),
        ["auth.throttled"] = ("尝试过于频繁，请 {0} 秒后再试。", "Too many attempts. Please try again in {0} seconds."),
        ["auth.setup-unknown-token"] = ("设置链接无效或已使用。", "This setup link is invalid or has already been used."),
        ["auth.setup-done"] = ("组织者账号已经设置，请直接登录。", "An organiser account already exists. Please sign in."),
        ["auth.weak-password"] = ("密码至少需要 {0} 个字符。", "The password needs at least {0} characters."),
        ["csrf.missing"] = ("请求缺少安全标头，请刷新页面后重试。", "The request lacks its security header. Reload the page and try again."),
        ["request.bad-body"] = ("请求内容格式不正确。", "The request body is not valid."),
        ["request.too-large"] = ("上传内容过大（上限 {0}）。", "The upload is too large (limit {0})."),
        ["server.unavailable"] = ("服务暂时不可用，请稍后重试。", "The service is temporarily unavailable. Please retry shortly."),
        ["branch.not-found"] = ("找不到该党支部。", "This branch does not exist."),
        ["branch.name-taken"] = ("已有名为“{0}”的党支部。", "A branch named \"{0}\" already exists."),
        ["branch.has-members"] = ("党支部“{0}”还有党员，请先移除或调走党员。", "Branch \"{0}\" still has members; remove or move them first."),
        ["branch.bad-name"] = ("请填写党支部名称（最多 {0} 个字）。", "Enter a branch name (at most {0} characters)."),
        ["branch.bad-district"] = ("请填写片区名称（最多 {0} 个字）。", "Enter a district name (at most {0} characters)."),
        ["member.not-found"] = ("找不到该党员。", "This member does not exist."),
        ["member.exists"] = ("党员编号 {0} 已存在。", "Member number {0} already exists."),
        ["member.bad-member-no"] = ("党员编号“{0}”无效：只能包含字母、数字、- 和 _。", "Member number \"{0}\" is not valid: use letters, digits, - and _ only."),
        ["member.bad-name"] = ("请填写姓名（最多 {0} 个字）。", "Enter a name (at most {0} characters)."),
        ["member.bad-phone"] = ("手机号“{0}”无效。", "Phone number \"{0}\" is not valid."),
        ["member.no-immutable"] = ("党员编号不能修改（{0}）。", "A member number cannot be changed ({0})."),
        ["roster.duplicate-member-no"] = ("名册中党员编号 {0} 重复。", "Member number {0} appears twice in the roster."),
        ["roster.rejected"] = ("名册有 {0} 处错误，未导入任何数据。请修改后重新上传。", "The roster has {0} error(s); nothing was imported. Fix them and upload again."),
        ["roster.no-file"] = ("请选择要上传的名册文件（.xlsx 或 .csv）。", "Choose a roster file to upload (.xlsx or .csv)."),
        ["screen.not-found"] = ("找不到该大屏。", "This screen does not exist."),
        ["round.not-draft"] = ("本轮已开始，设置不能再修改。", "This round has started; its settings can no longer change."),
        ["round.not-configured"] = ("本轮尚未设置。", "This round has not been set up yet."),
        ["round.not-open"] = ("本轮投票未开放或已结束。", "Voting in this round is not open."),
        ["round.not-closed"] = ("请先结束本轮投票再公布结果。", "Close the round before publishing its results."),
        ["round.not-found"] = ("找不到该轮次。", "This round does not exist."),
        ["round.not-published"] = ("本轮结果尚未公布。", "The results of this round are not published yet."),
        ["round.bad-name"] = ("请填写轮次名称（最多 {0} 个字）。", "Enter a round name (at most {0} characters)."),
        ["round.no-cases"] = ("请至少选择一个案例。", "Choose at least one case."),
        ["round.repeated-case"] = ("同一案例不能重复加入本轮。", "A case cannot be in the round twice."),
        ["round.unknown-case"] = ("案例 {0} 不存在。", "Case {0} does not exist."),
        ["round.case-not-accepted"] = ("案例 {0} 尚未通过审核，不能加入轮次。", "Case {0} has not been accepted and cannot be put in a round."),
        ["round.bad-choice-range"] = ("可选数量设置不正确：最少 1 项，最多不超过案例数 {0}。", "The choice range is not valid: at least 1, at most the {0} cases."),
        ["round.secret-revote"] = ("无记名投票不能允许改票。", "A secret round cannot allow changing a ballot."),
        ["round.bad-weights"] = ("评委与投票权重不正确。", "The judge and vote weights are not valid."),
        ["ballot.bad-id"] = ("选票编号无效，请刷新页面后重试。", "The ballot id is not valid. Reload the page and try again."),
        ["ballot.repeated-choice"] = ("同一案例不能重复选择。", "A case cannot be chosen twice."),
        ["ballot.unknown-case"] = ("所选案例不在本轮中。", "A chosen case is not in this round."),
        ["ballot.too-few"] = ("请至少选择 {0} 项。", "Choose at least {0}."),
        ["ballot.too-many"] = ("最多只能选择 {0} 项。", "Choose at most {0}."),
        ["ballot.own-branch"] = ("本轮不能投给本支部的案例（{0}）。", "In this round you cannot vote for your own branch's case ({0})."),
        ["ballot.already-voted"] = ("您已经投过票，本轮以第一次投票为准。", "You have already voted; in this round the first ballot is final."),
        ["ballot.in-flight"] = ("您上一张选票正在提交，请稍候再改。", "Your previous ballot is still being recorded; try again in a moment."),
        ["judging.case-locked"] = ("该案例评分已锁定。", "Scoring for this case is locked."),
        ["judging.bad-phase"] = ("当前环节（{0}）不能切换到 {1}。", "The stage cannot move from {0} to {1}."),
        ["judging.recused"] = ("您与该案例所在支部有关联，须回避，不能评分。", "You are affiliated with this case's branch and must recuse yourself (回避)."),
        ["judging.not-on-stage"] = ("该案例现在不在评分环节。", "This case is not being scored now."),
        ["judging.not-on-panel"] = ("您不在本案例的评委名单中。", "You are not on the panel for this case."),
        ["judging.not-live"] = ("本轮没有现场评委评分。", "This round has no live judging."),
        ["marks.missing"] = ("请为每一项评分标准打分。", "Give a mark for every criterion."),
        ["marks.unknown"] = ("评分中有未知的评分项。", "The marks name an unknown criterion."),
        ["marks.out-of-range"] = ("分数超出该项的分值范围。", "A mark is outside the criterion's range."),
        ["marks.precision"] = ("分数最多保留一位小数。", "Marks may have at most one decimal place."),
        ["rubric.criteria-count"] = ("评分标准应有 1 到 10 项。", "A rubric needs 1 to 10 criteria."),
        ["rubric.id-empty"] = ("第 {0} 项评分标准缺少编号。", "Criterion {0} has no id."),
        ["rubric.id-duplicate"] = ("评分标准编号“{0}”重复。", "Criterion id \"{0}\" is used twice."),
        ["rubric.name-empty"] = ("评分标准“{0}”缺少名称。", "Criterion \"{0}\" has no name."),
        ["rubric.name-duplicate"] = ("评分标准名称“{0}”重复。", "Criterion name \"{0}\" is used twice."),
        ["rubric.max-points"] = ("评分标准“{0}”的分值必须大于 0。", "Criterion \"{0}\" needs a maximum above 0."),
        ["rubric.weight"] = ("评分标准“{0}”的权重必须大于 0。", "Criterion \"{0}\" needs a weight above 0."),
        ["judging.round-not-live"] = ("本轮尚未开始或已公布，不能进行现场评审。", "This round is not running; live judging is not possible now."),
        ["rubric.invalid"] = ("评分标准设置不正确。", "The rubric is not valid."),
        ["selection.bad-title"] = ("请填写评选活动名称（最多 {0} 个字）。", "Enter a title (at most {0} characters)."),
        ["selection.not-found"] = ("找不到该评选活动。", "This selection event does not exist."),
        ["selection.bad-trim"] = ("去掉最高最低分的个数应为 0 到 3。", "The number of highest and lowest scores dropped must be 0 to 3."),
        ["case.bad-title"] = ("请填写案例标题（最多 {0} 个字）。", "Enter a case title (at most {0} characters)."),
        ["case.summary-too-long"] = ("案例简介最多 {0} 个字。", "The summary may have at most {0} characters."),
        ["case.too-many-attachments"] = ("每个案例最多 {0} 张图片，或 1 个 PDF。", "A case may have at most {0} images, or one PDF."),
        ["case.no-branch"] = ("请选择案例所属的党支部。", "Choose the branch the case belongs to."),
        ["case.not-found"] = ("找不到该案例。", "This case does not exist."),
        ["attachment.exists"] = ("附件已存在。", "The attachment already exists."),
        ["attachment.bad-type"] = ("文件“{0}”不是支持的格式（JPG、PNG、WebP 图片或 PDF）。", "File \"{0}\" is not a supported type (JPG, PNG, WebP image or PDF)."),
        ["attachment.too-large"] = ("文件“{0}”过大（上限 {1}）。", "File \"{0}\" is too large (limit {1})."),
        ["attachment.no-file"] = ("请选择要上传的文件。", "Choose a file to upload."),
        ["attachment.not-found"] = ("找不到该附件。", "This attachment does not exist."),
        ["screen.round-required"] = ("请选择大屏要显示的轮次。", "Choose the round the screen should show."),
        ["screen.bad-mode"] = ("大屏显示模式无效。", "The screen mode is not valid."),
        ["screen.headline-required"] = ("请填写大屏标题。", "Enter a headline for the screen."),
        ["screen.headline-too-long"] = ("大屏标题最多 {0} 个字。", "The screen headline may have at most {0} characters."),
        ["screen.notice-too-long"] = ("大屏通知最多 {0} 个字。", "The screen notice may have at most {0} characters."),
        ["organiser.bad-user-name"] = ("用户名不能为空且不超过 64 个字符。", "The user name must be 1 to 64 characters."),
        ["qr.bad-text"] = ("二维码内容无效。", "The QR code content is not valid."),
        ["topic.unknown"] = ("未知的订阅主题。", "Unknown live topic."),
    };

    public static readonly IReadOnlyDictionary<Engagement.Organisation.RosterProblem, (string Zh, string En)> Roster =
        new Dictionary<Engagement.Organisation.RosterProblem, (string, string)>
        {
            [Engagement.Organisation.RosterProblem.EmptyFile] = ("文件中没有党员数据。", "The file holds no member rows."),
            [Engagement.Organisation.RosterProblem.MissingColumn] = ("缺少必填列“{0}”。", "Required column \"{0}\" is missing."),
            [Engagement.Organisation.RosterProblem.DuplicateColumn] = ("列“{0}”出现了两次。", "Column \"{0}\" appears twice."),
            [Engagement.Organisation.RosterProblem.Required] = ("此项必填。", "This value is required."),
            [Engagement.Organisation.RosterProblem.TooLong] = ("内容过长（最多 {0} 个字）。", "Too long (at most {0} characters)."),
            [Engagement.Organisation.RosterProblem.BadMemberNo] = ("党员编号“{0}”无效：只能包含字母、数字、- 和 _。", "Member number \"{0}\" is not valid: use letters, digits, - and _ only."),
            [Engagement.Organisation.RosterProblem.BadPhone] = ("手机号“{0}”无效。", "Phone number \"{0}\" is not valid."),
            [Engagement.Organisation.RosterProblem.DuplicateMemberNo] = ("党员编号“{0}”与第 {1} 行重复。", "Member number \"{0}\" repeats line {1}."),
            [Engagement.Organisation.RosterProblem.BranchInTwoDistricts] = ("该党支部在第 {1} 行属于另一个片区，本行为“{0}”。", "This branch belongs to another district on line {1}; here it is \"{0}\"."),
            [Engagement.Organisation.RosterProblem.TooManyRows] = ("行数超过上限 {0}。", "More than {0} rows."),
            [Engagement.Organisation.RosterProblem.UnreadableFile] = ("无法读取该文件，请确认是 .xlsx 或 .csv 格式且未损坏。", "The file cannot be read; make sure it is an undamaged .xlsx or .csv file."),
            [Engagement.Organisation.RosterProblem.UnsupportedFileType] = ("不支持的文件类型“{0}”，请另存为 .xlsx 或 .csv。", "Unsupported file type \"{0}\"; save it as .xlsx or .csv."),
        };

    public static bool English(HttpContext context) =>
        context.Request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string Get(HttpContext context, string code, params object?[] args) =>
        Format(Texts.TryGetValue(code, out var text) ? text : (code, code), English(context), args);

    public static string Format((string Zh, string En) text, bool english, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, english ? text.En : text.Zh, args);

    /// <summary>For tests: every code a grain can raise must have a message.</summary>
    public static bool Has(string code) => Texts.ContainsKey(code);
}
