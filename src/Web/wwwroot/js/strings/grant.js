/* Strings of the judge and scorer pages (personal links), in Simplified Chinese and English; loaded after i18n.js, see there for how keys are used. */
I18n.add({
  // ---- judge & scorer pages (signed in by a personal link #t=TOKEN) ----
  'grant.checking': { zh: '正在验证链接…', en: 'Checking your link…' },
  'grant.welcome': { zh: '您好，{name}', en: 'Hello, {name}' },
  'grant.roleJudge': { zh: '评委', en: 'Judge' },
  'grant.roleScorer': { zh: '记分员', en: 'Scorer' },
  'grant.needLinkTitle': { zh: '请通过专属链接进入', en: 'Please use your personal link' },
  'grant.needLinkHint': { zh: '链接打不开或提示已失效时，请联系组织者获取新链接。', en: 'If the link does not work or says it has expired, ask the organiser for a new one.' },
  'grant.retry': { zh: '重试', en: 'Try again' },
  'grant.logout': { zh: '退出', en: 'Sign out' },
  'grant.logoutConfirm': { zh: '确定退出吗？退出后需要重新打开组织者发给您的链接才能进入。', en: 'Sign out? To come back you will need to open the organiser\'s link again.' },
  'grant.loggedOut': { zh: '您已退出。如需再次进入，请重新打开组织者发给您的链接。', en: 'You have signed out. To come back, open the organiser\'s link again.' },
  'grant.personal': { zh: '此链接仅限本人使用，请勿转发他人。', en: 'This link is personal. Do not forward it.' }
});
