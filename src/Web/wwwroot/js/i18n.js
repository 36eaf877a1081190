/*
 * All user-visible strings of the front-end, keyed, in Simplified Chinese (default) and English.
 * Markup uses data-i18n="key" (text), data-i18n-placeholder, data-i18n-title and data-i18n-aria-label;
 * scripts use t('key', {param: value}) where the text contains {param}.
 * Server messages (problem "detail") are already localised by the server and are shown as they are.
 */
(function (w) {
  'use strict';

  var STRINGS = {
    // ---- shared ----
    'app.name': { zh: 'Engagement 党建活动互动平台', en: 'Engagement — Party Activity Platform' },
    'app.short': { zh: 'Engagement 党建互动', en: 'Engagement' },
    'lang.label': { zh: '切换语言 / Switch language', en: 'Switch language / 切换语言' },
    'error.network': { zh: '网络连接异常，请检查网络后重试', en: 'Network problem. Please check your connection and try again.' },
    'error.retrying': { zh: '网络异常，正在重试…（第 {n} 次）', en: 'Network problem, retrying… (attempt {n})' },
    'error.retryNow': { zh: '立即重试', en: 'Retry now' },
    'error.tooMany': { zh: '尝试过于频繁，请 {seconds} 秒后再试', en: 'Too many attempts. Please try again in {seconds} seconds.' },
    'error.tooManyLater': { zh: '尝试过于频繁，请稍后再试', en: 'Too many attempts. Please try again later.' },
    'error.http': { zh: '请求失败（{status}）', en: 'Request failed ({status})' },
    'error.close': { zh: '关闭', en: 'Dismiss' },
    'error.liveFailed': { zh: '实时连接失败：{message}', en: 'Live connection failed: {message}' },
    'error.noSignalR': { zh: '实时组件未能加载，请刷新页面', en: 'The live component failed to load. Please reload the page.' },
    'common.loading': { zh: '加载中…', en: 'Loading…' },
    'common.save': { zh: '保存', en: 'Save' },
    'common.saving': { zh: '正在保存…', en: 'Saving…' },
    'common.cancel': { zh: '取消', en: 'Cancel' },
    'common.edit': { zh: '编辑', en: 'Edit' },
    'common.delete': { zh: '删除', en: 'Remove' },
    'common.actions': { zh: '操作', en: 'Actions' },
    'live.connected': { zh: '实时连接正常', en: 'Live: connected' },
    'live.reconnecting': { zh: '正在重新连接…', en: 'Live: reconnecting…' },
    'live.disconnected': { zh: '未连接', en: 'Live: not connected' },
    'live.topic.unknown': { zh: '无法订阅实时内容：主题不存在或无权访问', en: 'Cannot follow live updates: unknown topic or not allowed' },
    'live.topic.too-many': { zh: '本页面订阅的实时内容过多，请刷新页面', en: 'This page follows too many live topics. Please reload it.' },

    // ---- landing ----
    'index.tagline': { zh: '县教育局党委 · 党建活动现场互动：投票、评分与大屏展示', en: 'Live engagement for Party-building events: voting, scoring and big-screen display' },
    'index.member': { zh: '党员投票', en: 'Member voting' },
    'index.memberDesc': { zh: '党员凭个人党员码参与投票', en: 'Members take part with their personal code' },
    'index.console': { zh: '组织者控制台', en: 'Organiser console' },
    'index.consoleDesc': { zh: '管理名册、打印党员码、发放评委链接、控制大屏', en: 'Manage the roster, print codes, hand out judge links, control the screen' },
    'index.screen': { zh: '大屏幕', en: 'Big screen' },
    'index.screenDesc': { zh: '会场大屏实时展示', en: 'Live display for the hall' },
    'index.linkNote': { zh: '评委和记分员无需在此选择：请直接打开组织者发给您的专属链接，或扫描其二维码。', en: 'Judges and scorers need not choose here: open the personal link the organiser gave you, or scan its QR code.' },

    // ---- member page ----
    'member.pageTitle': { zh: '党员投票', en: 'Member voting' },
    'member.codeLabel': { zh: '党员码', en: 'Member code' },
    'member.codePlaceholder': { zh: '例如 ABCD-EFGH-JKMN', en: 'e.g. ABCD-EFGH-JKMN' },
    'member.codeHint': { zh: '请输入发给您的 12 位党员码，不区分大小写，可含空格或短横线。', en: 'Enter the 12-character code you were given. Case, spaces and dashes do not matter.' },
    'member.codeInvalid': { zh: '党员码应为 12 位字母或数字，请核对后重新输入', en: 'A member code has 12 letters or digits. Please check it and try again.' },
    'member.submit': { zh: '进入', en: 'Join' },
    'member.submitting': { zh: '正在验证…', en: 'Checking…' },
    'member.connecting': { zh: '正在连接…', en: 'Connecting…' },
    'member.welcome': { zh: '您好，{name}', en: 'Hello, {name}' },
    'member.memberNo': { zh: '党员编号', en: 'Member No.' },
    'member.branch': { zh: '党支部', en: 'Branch' },
    'member.district': { zh: '党建片区', en: 'District' },
    'member.noVote': { zh: '当前没有进行中的投票', en: 'No vote is open right now' },
    'member.noVoteHint': { zh: '投票开始后将在这里显示。', en: 'A vote will appear here when it opens.' },
    'member.logout': { zh: '退出', en: 'Sign out' },
    'member.loggedOut': { zh: '您已退出', en: 'You have signed out' },
    'member.personal': { zh: '党员码仅限本人使用，请勿转交他人。', en: 'Your code is personal. Do not pass it on.' },

    // ---- judge & scorer pages (signed in by a personal link #t=TOKEN) ----
    'judge.pageTitle': { zh: '评委评分', en: 'Judging' },
    'scorer.pageTitle': { zh: '场地记分', en: 'Court scoring' },
    'grant.checking': { zh: '正在验证链接…', en: 'Checking your link…' },
    'grant.welcome': { zh: '您好，{name}', en: 'Hello, {name}' },
    'grant.roleJudge': { zh: '评委', en: 'Judge' },
    'grant.roleScorer': { zh: '记分员', en: 'Scorer' },
    'judge.waiting': { zh: '等待评审开始', en: 'Waiting for the judging to start' },
    'judge.waitingHint': { zh: '评审开始后，评分表将在这里显示。', en: 'The score sheet will appear here once judging starts.' },
    'scorer.waiting': { zh: '{court} — 等待比赛开始', en: '{court} — waiting for a match to start' },
    'scorer.waitingHint': { zh: '比赛开始后，记分板将在这里显示。', en: 'The scoreboard will appear here once a match starts.' },
    'grant.needLinkTitle': { zh: '请通过专属链接进入', en: 'Please use your personal link' },
    'judge.needLink': { zh: '本页面仅供评委使用。请打开组织者发给您的专属链接，或扫描组织者提供的二维码。', en: 'This page is for judges. Open the personal link the organiser gave you, or scan the QR code they provided.' },
    'scorer.needLink': { zh: '本页面仅供记分员使用。请打开组织者为您的场地发送的专属链接，或扫描该场地的二维码。', en: 'This page is for court scorers. Open the link the organiser gave you for your court, or scan that court\'s QR code.' },
    'grant.needLinkHint': { zh: '链接打不开或提示已失效时，请联系组织者获取新链接。', en: 'If the link does not work or says it has expired, ask the organiser for a new one.' },
    'grant.retry': { zh: '重试', en: 'Try again' },
    'grant.logout': { zh: '退出', en: 'Sign out' },
    'grant.logoutConfirm': { zh: '确定退出吗？退出后需要重新打开组织者发给您的链接才能进入。', en: 'Sign out? To come back you will need to open the organiser\'s link again.' },
    'grant.loggedOut': { zh: '您已退出。如需再次进入，请重新打开组织者发给您的链接。', en: 'You have signed out. To come back, open the organiser\'s link again.' },
    'grant.personal': { zh: '此链接仅限本人使用，请勿转发他人。', en: 'This link is personal. Do not forward it.' },

    // ---- console: login & shell ----
    'console.pageTitle': { zh: '组织者控制台', en: 'Organiser console' },
    'login.title': { zh: '组织者登录', en: 'Organiser sign-in' },
    'login.user': { zh: '用户名', en: 'User name' },
    'login.password': { zh: '密码', en: 'Password' },
    'login.submit': { zh: '登录', en: 'Sign in' },
    'login.submitting': { zh: '正在登录…', en: 'Signing in…' },
    'login.wrongRole': { zh: '当前账号不是组织者，请使用组织者账号登录', en: 'This account is not an organiser. Please sign in with an organiser account.' },
    'login.expired': { zh: '登录已过期，请重新登录', en: 'Your session has expired. Please sign in again.' },
    'nav.label': { zh: '控制台导航', en: 'Console navigation' },
    'nav.overview': { zh: '概览', en: 'Overview' },
    'nav.branch': { zh: '支部详情', en: 'Branch detail' },
    'nav.import': { zh: '导入名册', en: 'Import roster' },
    'nav.newBranch': { zh: '新建支部', en: 'Add branch' },
    'nav.screen': { zh: '大屏控制', en: 'Screen control' },
    'nav.grants': { zh: '评委与记分员', en: 'Judges & scorers' },
    'nav.dashboard': { zh: 'Orleans 监控', en: 'Orleans dashboard' },
    'nav.openapi': { zh: '接口文档', en: 'API (OpenAPI)' },
    'nav.logout': { zh: '退出登录', en: 'Sign out' },

    // ---- console: overview ----
    'overview.title': { zh: '组织概览', en: 'Organisation overview' },
    'overview.members': { zh: '党员总数', en: 'Members' },
    'overview.branches': { zh: '党支部', en: 'Branches' },
    'overview.districts': { zh: '党建片区', en: 'Districts' },
    'overview.districtStats': { zh: '{branches} 个支部 · {members} 名党员', en: '{branches} branches · {members} members' },
    'overview.branchList': { zh: '党支部列表', en: 'Branches' },
    'overview.filter': { zh: '按支部或片区筛选', en: 'Filter by branch or district' },
    'overview.empty': { zh: '还没有党支部。请先导入名册或新建支部。', en: 'No branches yet. Import a roster or add a branch.' },
    'overview.noMatch': { zh: '没有符合条件的党支部', en: 'No branch matches the filter' },
    'table.branchName': { zh: '支部名称', en: 'Branch' },
    'table.district': { zh: '党建片区', en: 'District' },
    'table.memberCount': { zh: '党员人数', en: 'Members' },

    // ---- console: branch detail ----
    'branch.none': { zh: '请先在概览中选择一个党支部。', en: 'Choose a branch in the overview first.' },
    'branch.summary': { zh: '{district} · {count} 名党员', en: '{district} · {count} members' },
    'branch.members': { zh: '党员名单', en: 'Members' },
    'branch.noMembers': { zh: '该支部暂无党员', en: 'This branch has no members yet' },
    'branch.printCodes': { zh: '打印党员码', en: 'Print member codes' },
    'branch.edit': { zh: '编辑支部', en: 'Edit branch' },
    'branch.delete': { zh: '删除支部', en: 'Remove branch' },
    'branch.deleteConfirm': { zh: '确定删除党支部“{name}”吗？', en: 'Remove branch “{name}”?' },
    'branch.deleted': { zh: '已删除党支部“{name}”', en: 'Branch “{name}” removed' },
    'branch.saved': { zh: '党支部已保存', en: 'Branch saved' },
    'branch.addMember': { zh: '添加党员', en: 'Add member' },
    'branch.editTitle': { zh: '编辑党支部', en: 'Edit branch' },
    'col.memberNo': { zh: '党员编号', en: 'Member No.' },
    'col.name': { zh: '姓名', en: 'Name' },
    'col.phone': { zh: '手机号', en: 'Phone' },
    'mem.addTitle': { zh: '添加党员', en: 'Add member' },
    'mem.editTitle': { zh: '编辑党员：{name}', en: 'Edit member: {name}' },
    'mem.revoke': { zh: '重置党员码', en: 'Reset code' },
    'mem.removeConfirm': { zh: '确定删除党员“{name}”（{memberNo}）吗？', en: 'Remove member “{name}” ({memberNo})?' },
    'mem.revokeConfirm': { zh: '确定为“{name}”重置党员码吗？旧码将立即失效，需要重新打印发放。', en: 'Reset the code of “{name}”? The old code stops working at once; print and hand out the new one.' },
    'mem.added': { zh: '已添加党员“{name}”', en: 'Member “{name}” added' },
    'mem.updated': { zh: '已保存党员“{name}”', en: 'Member “{name}” saved' },
    'mem.removed': { zh: '已删除党员“{name}”', en: 'Member “{name}” removed' },
    'mem.revoked': { zh: '已为“{name}”生成新党员码', en: 'New code issued for “{name}”' },
    'form.memberNo': { zh: '党员编号', en: 'Member No.' },
    'form.name': { zh: '姓名', en: 'Name' },
    'form.phone': { zh: '手机号（可选）', en: 'Phone (optional)' },
    'form.branch': { zh: '所属党支部', en: 'Branch' },
    'form.branchName': { zh: '支部名称', en: 'Branch name' },
    'form.district': { zh: '党建片区', en: 'District' },

    // ---- console: import ----
    'import.title': { zh: '导入名册', en: 'Import roster' },
    'import.help': { zh: '上传 Excel（.xlsx）或 CSV 文件，第一行为表头，每行一名党员。需要以下列（表头可用中文或英文）：', en: 'Upload an Excel (.xlsx) or CSV file. The first row is the header; each further row is one member. Columns (headers in Chinese or English):' },
    'import.colDistrict': { zh: '片区 — 党建片区名称', en: '片区 / District — district name' },
    'import.colBranch': { zh: '党支部 — 支部名称，不存在时自动新建', en: '党支部 / Branch — branch name; created if new' },
    'import.colName': { zh: '姓名', en: '姓名 / Name' },
    'import.colMemberNo': { zh: '党员编号 — 唯一，用于匹配已有党员', en: '党员编号 / MemberNo — unique; matches existing members' },
    'import.colPhone': { zh: '手机号 — 可选', en: '手机号 / Phone — optional' },
    'import.englishHeaders': { zh: '英文表头：District, Branch, Name, MemberNo, Phone', en: 'English headers: District, Branch, Name, MemberNo, Phone' },
    'import.file': { zh: '名册文件（.xlsx 或 .csv）', en: 'Roster file (.xlsx or .csv)' },
    'import.submit': { zh: '上传并导入', en: 'Upload and import' },
    'import.uploading': { zh: '正在导入…', en: 'Importing…' },
    'import.template': { zh: '下载 CSV 模板', en: 'Download CSV template' },
    'import.noFile': { zh: '请先选择 .xlsx 或 .csv 文件', en: 'Choose an .xlsx or .csv file first' },
    'import.badType': { zh: '只支持 .xlsx 或 .csv 文件', en: 'Only .xlsx or .csv files are supported' },
    'import.tooLarge': { zh: '文件过大（上限 {size}），请拆分后再上传', en: 'The file is too large (limit {size}); split it and upload again' },
    'import.success': { zh: '导入完成：{file}', en: 'Import complete: {file}' },
    'import.rows': { zh: '数据行数', en: 'Rows' },
    'import.membersAdded': { zh: '新增党员', en: 'Members added' },
    'import.membersUpdated': { zh: '更新党员', en: 'Members updated' },
    'import.membersMoved': { zh: '调整支部', en: 'Members moved' },
    'import.membersUnchanged': { zh: '无变化', en: 'Unchanged' },
    'import.branchesCreated': { zh: '新建支部', en: 'Branches created' },
    'import.failed': { zh: '导入失败：发现 {count} 处问题，请修改文件后重新上传。', en: 'Import failed: {count} problems found. Fix the file and upload it again.' },
    'import.line': { zh: '行号', en: 'Line' },
    'import.column': { zh: '列', en: 'Column' },
    'import.reason': { zh: '原因', en: 'Reason' },

    // ---- console: new branch ----
    'newBranch.title': { zh: '新建党支部', en: 'Add a branch' },
    'newBranch.submit': { zh: '创建支部', en: 'Create branch' },
    'newBranch.created': { zh: '已创建党支部“{name}”', en: 'Branch “{name}” created' },

    // ---- console: screen control ----
    'screenCtl.title': { zh: '大屏控制', en: 'Screen control' },
    'screenCtl.help': { zh: '发送后，所有打开该大屏的设备会立即显示新内容，无需刷新。', en: 'Once sent, every device showing this screen updates at once, without reloading.' },
    'screenCtl.screenId': { zh: '大屏编号', en: 'Screen ID' },
    'screenCtl.headline': { zh: '标题', en: 'Headline' },
    'screenCtl.notice': { zh: '通知', en: 'Notice' },
    'screenCtl.send': { zh: '发送到大屏', en: 'Send to screen' },
    'screenCtl.sending': { zh: '正在发送…', en: 'Sending…' },
    'screenCtl.sent': { zh: '已发送，大屏已更新（版本 {revision}）', en: 'Sent — the screen now shows it (revision {revision})' },
    'screenCtl.open': { zh: '打开大屏幕', en: 'Open big screen' },
    'screenCtl.current': { zh: '大屏当前内容', en: 'Now on screen' },
    'screenCtl.empty': { zh: '（空）', en: '(empty)' },

    // ---- console: judges & scorers (access links) ----
    'grants.title': { zh: '评委与记分员', en: 'Judges & scorers' },
    'grants.help': { zh: '评委每人一个专属链接；记分员按场地发放，每个场地一个链接。对方打开链接或扫描二维码即可进入，无需密码。链接等同于密码，请只发给本人。', en: 'Each judge gets a personal link; scorers get one link per court. Opening the link or scanning its QR code signs them in without a password. A link is as good as a password: give it only to the person it is for.' },
    'grants.revokeHelp': { zh: '链接泄露或设备丢失时，请点击“重新生成链接”：旧链接随即失效，用旧链接登录的设备会在约 2 分钟内退出。', en: 'If a link leaks or a device is lost, use “New link”: the old link stops working at once, and devices signed in with it are signed out within about 2 minutes.' },
    'grants.sameBrowser': { zh: '请勿在本浏览器中打开这些链接，否则会以评委或记分员身份登录，并退出当前的组织者账号。', en: 'Do not open these links in this browser: you would be signed in as that judge or scorer and signed out of the console.' },
    'grants.newTitle': { zh: '新建链接', en: 'New link' },
    'grants.role': { zh: '身份', en: 'Role' },
    'grants.roleJudge': { zh: '评委', en: 'Judge' },
    'grants.roleScorer': { zh: '记分员（场地）', en: 'Scorer (court)' },
    'grants.judgeName': { zh: '评委姓名', en: 'Judge\'s name' },
    'grants.courtName': { zh: '场地名称', en: 'Court name' },
    'grants.judgeNamePh': { zh: '例如 张三', en: 'e.g. Zhang San' },
    'grants.courtNamePh': { zh: '例如 1号场地', en: 'e.g. Court 1' },
    'grants.branch': { zh: '所属党支部（可选）', en: 'Affiliated branch (optional)' },
    'grants.branchNone': { zh: '（不属于任何支部）', en: '(none)' },
    'grants.branchHint': { zh: '用于回避：评委不参与本支部的评分。', en: 'Used for recusal: a judge does not score their own branch.' },
    'grants.submit': { zh: '生成链接', en: 'Create link' },
    'grants.creating': { zh: '正在生成…', en: 'Creating…' },
    'grants.created': { zh: '已生成“{name}”的链接', en: 'Link created for “{name}”' },
    'grants.judges': { zh: '评委（{count} 人）', en: 'Judges ({count})' },
    'grants.scorers': { zh: '记分员（{count} 个场地）', en: 'Scorers ({count})' },
    'grants.empty': { zh: '还没有评委或记分员链接，请在上方新建。', en: 'No judge or scorer links yet. Create one above.' },
    'grants.branchLabel': { zh: '所属支部', en: 'Branch' },
    'grants.branchUnset': { zh: '未指定', en: 'Not set' },
    'grants.branchUnknown': { zh: '未知支部', en: 'Unknown branch' },
    'grants.version': { zh: '链接版本', en: 'Link version' },
    'grants.copy': { zh: '复制链接', en: 'Copy link' },
    'grants.copied': { zh: '链接已复制', en: 'Link copied' },
    'grants.copyFailed': { zh: '无法自动复制，链接已选中，请手动复制', en: 'Could not copy automatically. The link is selected: copy it by hand.' },
    'grants.qrAlt': { zh: '“{name}”的二维码', en: 'QR code for “{name}”' },
    'grants.qrOpen': { zh: '在新窗口中打开大图（可打印）', en: 'Open large in a new window (printable)' },
    'grants.regenerate': { zh: '重新生成链接', en: 'New link' },
    'grants.regenerateConfirm': { zh: '确定为“{name}”重新生成链接吗？\n\n旧链接和旧二维码将立即失效，用旧链接登录的设备会在约 2 分钟内退出。请把新链接发给对方。', en: 'Issue a new link for “{name}”?\n\nThe old link and QR code stop working at once, and devices signed in with it are signed out within about 2 minutes. Send the new link to them.' },
    'grants.regenerated': { zh: '已为“{name}”生成新链接，旧链接已失效', en: 'New link issued for “{name}”; the old one no longer works' },
    'grants.deleteConfirm': { zh: '确定删除“{name}”吗？其链接将失效，对方将无法再进入。', en: 'Remove “{name}”? Their link stops working and they can no longer get in.' },
    'grants.deleted': { zh: '已删除“{name}”', en: '“{name}” removed' },

    // ---- codes sheet ----
    'codes.pageTitle': { zh: '党员码', en: 'Member codes' },
    'codes.heading': { zh: '{branch} · 党员码', en: '{branch} · Member codes' },
    'codes.note': { zh: '个人专用，请勿转交', en: 'Personal — do not pass on' },
    'codes.count': { zh: '共 {count} 人', en: '{count} members' },
    'codes.print': { zh: '打印', en: 'Print' },
    'codes.columns': { zh: '每行张数', en: 'Cards per row' },
    'codes.back': { zh: '返回控制台', en: 'Back to console' },
    'codes.missingBranch': { zh: '缺少支部参数，请从控制台的支部详情进入本页。', en: 'No branch given. Open this page from a branch in the console.' },
    'codes.loginNeeded': { zh: '请先登录组织者控制台，再打开本页。', en: 'Sign in to the organiser console first, then open this page.' },
    'codes.empty': { zh: '该支部暂无党员', en: 'This branch has no members' },
    'codes.scanHint': { zh: '微信扫码进入，或在党员投票页输入党员码', en: 'Scan with WeChat, or enter the code on the member page' },

    // ---- big screen ----
    'screen.pageTitle': { zh: '大屏幕', en: 'Big screen' },
    'screen.defaultHeadline': { zh: '欢迎参加党建活动', en: 'Welcome' },
    'screen.joinHint': { zh: '党员请用微信扫描个人党员码，或打开 {url} 输入党员码参与', en: 'Members: scan your personal code, or open {url} and enter it' },

    // ---- first setup ----
    'setup.pageTitle': { zh: '初始化组织者账号', en: 'First organiser setup' },
    'setup.intro': { zh: '系统首次使用，请创建第一个组织者账号。', en: 'This is a new installation. Create the first organiser account.' },
    'setup.user': { zh: '用户名（用于登录）', en: 'User name (for sign-in)' },
    'setup.displayName': { zh: '显示名称', en: 'Display name' },
    'setup.password': { zh: '密码（至少 10 位）', en: 'Password (at least 10 characters)' },
    'setup.confirm': { zh: '确认密码', en: 'Confirm password' },
    'setup.submit': { zh: '创建账号', en: 'Create account' },
    'setup.tooShort': { zh: '密码至少需要 10 个字符', en: 'The password needs at least 10 characters' },
    'setup.mismatch': { zh: '两次输入的密码不一致', en: 'The passwords do not match' },
    'setup.noToken': { zh: '链接中缺少初始化令牌（token），请使用完整的初始化链接。', en: 'The link has no setup token. Please use the complete setup link.' },
    'setup.done': { zh: '账号已创建，正在进入控制台…', en: 'Account created. Opening the console…' }
  };

  var STORAGE_KEY = 'engagement.lang';
  var listeners = [];

  function readStored() {
    // localStorage throws in some private modes and sandboxed WebViews; fall back to the default.
    try { return w.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function initialLang() {
    var m = /[?&]lang=(zh|en)\b/.exec(w.location.search);
    if (m) return m[1];
    return readStored() === 'en' ? 'en' : 'zh';
  }

  var current = initialLang();

  function t(key, params) {
    var entry = STRINGS[key];
    var text = entry ? (entry[current] || entry.zh) : key; // a missing key shows itself, so it is noticed
    if (params) {
      text = text.replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all;
      });
    }
    return text;
  }

  function eachEl(root, selector, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  /** Fills every data-i18n* element under root (default: the whole document). */
  function apply(root) {
    eachEl(root, '[data-i18n]', function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    eachEl(root, '[data-i18n-placeholder]', function (el) { el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder'))); });
    eachEl(root, '[data-i18n-title]', function (el) { el.setAttribute('title', t(el.getAttribute('data-i18n-title'))); });
    eachEl(root, '[data-i18n-aria-label]', function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria-label'))); });
    document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  }

  function setLang(lang) {
    current = lang === 'en' ? 'en' : 'zh';
    try { w.localStorage.setItem(STORAGE_KEY, current); } catch (e) { /* not persisted; still switch */ }
    apply();
    listeners.slice().forEach(function (fn) { fn(current); });
  }

  w.I18n = {
    t: t,
    apply: apply,
    lang: function () { return current; },
    setLang: setLang,
    /** Pages re-render their script-built text here. */
    onChange: function (fn) { listeners.push(fn); },
    has: function (key) { return Object.prototype.hasOwnProperty.call(STRINGS, key); },
    keys: function () { return Object.keys(STRINGS); }
  };
  w.t = t;
}(window));
