/* Strings of the setup page, in Simplified Chinese and English; loaded after i18n.js, see there for how keys are used. */
I18n.add({
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
});
