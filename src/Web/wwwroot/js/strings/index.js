/* Strings of the index page, in Simplified Chinese and English; loaded after i18n.js, see there for how keys are used. */
I18n.add({
  // ---- landing ----
  'index.tagline': { zh: '县教育局党委 · 党建活动现场互动：投票、评分与大屏展示', en: 'Live engagement for Party-building events: voting, scoring and big-screen display' },
  'index.member': { zh: '党员投票', en: 'Member voting' },
  'index.memberDesc': { zh: '党员凭个人党员码参与投票', en: 'Members take part with their personal code' },
  'index.console': { zh: '组织者控制台', en: 'Organiser console' },
  'index.consoleDesc': { zh: '管理名册、打印党员码、发放评委链接、控制大屏', en: 'Manage the roster, print codes, hand out judge links, control the screen' },
  'index.screen': { zh: '大屏幕', en: 'Big screen' },
  'index.screenDesc': { zh: '会场大屏实时展示', en: 'Live display for the hall' },
  'index.linkNote': { zh: '评委和记分员无需在此选择：请直接打开组织者发给您的专属链接，或扫描其二维码。', en: 'Judges and scorers need not choose here: open the personal link the organiser gave you, or scan its QR code.' }
});
