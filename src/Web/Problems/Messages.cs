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
