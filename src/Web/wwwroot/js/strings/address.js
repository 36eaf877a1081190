/* Strings of the public-address warning (js/public-address.js), on the console and the code sheets; loaded after i18n.js. */
I18n.add({
  'address.title': { zh: '注意：二维码和链接现在指向“{origin}”，这是本机地址，手机扫码打不开。', en: 'Warning: QR codes and links now point to {origin}, which is this computer only: phones cannot open them.' },
  'address.why': { zh: '您是用本机地址打开控制台的，打印党员码或发出评委、记分员链接之前，请任选一种办法改正：', en: 'You opened the console with this computer\'s own address. Before printing member codes or handing out judge and scorer links, fix it one of these ways:' },
  'address.whyConfigured': { zh: '设置中的公开地址（Engagement:PublicUrl）是本机地址。打印党员码或发出链接之前，请改为手机能访问的地址：', en: 'The configured public address (Engagement:PublicUrl) is this computer only. Before printing codes or handing out links, change it to an address phones can reach:' },
  'address.useLan': { zh: '用局域网地址打开本页：', en: 'Open this page at a network address:' },
  'address.signInAgain': { zh: '（需要重新登录）', en: '(you sign in again there)' },
  'address.setPublicUrl': { zh: '或设置公开地址后重启服务：', en: 'Or set the public address and restart the server:' },
  'address.setPublicUrlHint': { zh: '（环境变量；也可在 appsettings.json 中写 "Engagement": { "PublicUrl": "{example}" }）', en: '(an environment variable; or in appsettings.json: "Engagement": { "PublicUrl": "{example}" })' }
});
