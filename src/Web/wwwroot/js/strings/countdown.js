/* Strings of js/countdown.js (a round's closing time on phones, the big screen and the console); loaded after i18n.js by each page that uses it. */
I18n.add({
  'countdown.left': { zh: '距投票截止还有 {time}', en: 'Voting closes in {time}' },
  'countdown.ended': { zh: '投票已截止', en: 'Voting has closed' },
  'countdown.at': { zh: '截止时间 {time}', en: 'Closes at {time}' }
});
