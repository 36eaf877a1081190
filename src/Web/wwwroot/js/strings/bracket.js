/* Strings of the knockout drawing (bracket-svg.js), loaded by every page that draws a bracket: screen.html, tournament.html. */
I18n.add({
  'bracket.final': { zh: '决赛', en: 'Final' },
  'bracket.semi': { zh: '半决赛', en: 'Semi-final' },
  'bracket.quarter': { zh: '1/4 决赛', en: 'Quarter-final' },
  'bracket.eighth': { zh: '1/8 决赛', en: 'Round of 16' },
  'bracket.round': { zh: '第{n}轮', en: 'Round {n}' },
  'bracket.winnersPrefix': { zh: '胜者组 {name}', en: 'Winners {name}' },
  'bracket.losersRound': { zh: '败者组 第{n}轮', en: 'Losers round {n}' },
  'bracket.matchNo': { zh: '{round}第{n}场', en: '{round} #{n}' },
  'bracket.groupPlace': { zh: '{group}组第{place}名', en: 'Group {group} #{place}' },
  'bracket.seed': { zh: '{n}号种子', en: 'Seed {n}' },
  'bracket.winnerOf': { zh: '{match}胜者', en: 'Winner {match}' },
  'bracket.loserOf': { zh: '{match}负者', en: 'Loser {match}' },
  'bracket.tbd': { zh: '待定', en: 'To be decided' },
  'bracket.live': { zh: '● 进行中', en: '● Live' },
  'bracket.ending.Forfeited': { zh: '弃权', en: 'Forfeit' },
  'bracket.ending.Retired': { zh: '退赛', en: 'Retired' },
  'bracket.matchNumber': { zh: '第{n}场', en: 'Match {n}' }
});
