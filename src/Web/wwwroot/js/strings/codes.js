/* Strings of the codes page, in Simplified Chinese and English; loaded after i18n.js, see there for how keys are used. */
I18n.add({
  // ---- codes sheet ----
  'codes.pageTitle': { zh: '党员码', en: 'Member codes' },
  'codes.heading': { zh: '{branch} · 党员码', en: '{branch} · Member codes' },
  'codes.note': { zh: '个人专用，请勿转交', en: 'Personal — do not pass on' },
  'codes.count': { zh: '共 {count} 人', en: '{count} members' },
  'codes.print': { zh: '打印', en: 'Print' },
  'codes.columns': { zh: '每行张数', en: 'Cards per row' },
  'codes.missingBranch': { zh: '缺少支部参数，请从控制台的支部详情进入本页。', en: 'No branch given. Open this page from a branch in the console.' },
  'codes.loginNeeded': { zh: '请先登录组织者控制台，再打开本页。', en: 'Sign in to the organiser console first, then open this page.' },
  'codes.empty': { zh: '该支部暂无党员', en: 'This branch has no members' },
  'codes.scanHint': { zh: '微信扫码进入，或在党员投票页输入党员码', en: 'Scan with WeChat, or enter the code on the member page' }
});
