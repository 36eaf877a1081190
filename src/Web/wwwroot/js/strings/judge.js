/* Strings of the judge page, in Simplified Chinese and English; loaded after i18n.js, see there for how keys are used. */
I18n.add({
  // ---- judge & scorer pages (signed in by a personal link #t=TOKEN) ----
  'judge.pageTitle': { zh: '评委评分', en: 'Judging' },
  'judge.waiting': { zh: '等待评审开始', en: 'Waiting for the judging to start' },
  'judge.waitingHint': { zh: '评审开始后，评分表将在这里显示。', en: 'The score sheet will appear here once judging starts.' },
  'judge.needLink': { zh: '本页面仅供评委使用。请打开组织者发给您的专属链接，或扫描组织者提供的二维码。', en: 'This page is for judges. Open the personal link the organiser gave you, or scan the QR code they provided.' },

  // judge page: score sheet
  'judge.phase.Idle': { zh: '等待下一个案例', en: 'Waiting for the next case' },
  'judge.phase.Presenting': { zh: '案例展示中 · 可以开始评分', en: 'Being presented · you may score' },
  'judge.phase.Scoring': { zh: '评分中', en: 'Scoring' },
  'judge.phase.Revealed': { zh: '得分已揭晓 · 评分已锁定', en: 'Revealed · scores locked' },
  'judge.phase.Final': { zh: '评审结束 · 公布最终排名', en: 'Judging over · final ranking' },
  'judge.recusedBadge': { zh: '回避', en: 'Recused (回避)' },
  'judge.recusedTitle': { zh: '您须回避本案例', en: 'You are recused from this case' },
  'judge.recusedText': { zh: '您与“{branch}”有关联，按评审规则须回避，不能对本案例评分。您的名字会在大屏幕上标注“回避”。', en: 'You are affiliated with “{branch}”, so the rules require you to recuse yourself: you cannot score this case. The big screen marks you as recused.' },
  'judge.sheetTitle': { zh: '评分表', en: 'Score sheet' },
  'judge.maxPoints': { zh: '满分 {max}', en: 'max {max}' },
  'judge.weight': { zh: '权重 ×{weight}', en: 'weight ×{weight}' },
  'judge.totalLabel': { zh: '合计', en: 'Total' },
  'judge.submit': { zh: '提交评分', en: 'Submit scores' },
  'judge.amend': { zh: '修改评分', en: 'Update scores' },
  'judge.submitting': { zh: '正在提交…', en: 'Sending…' },
  'judge.saved': { zh: '评分已提交', en: 'Scores submitted' },
  'judge.amended': { zh: '评分已修改', en: 'Scores updated' },
  'judge.fillAll': { zh: '请为每一项打分（可保留一位小数）', en: 'Give a mark for every criterion (one decimal place allowed)' },
  'judge.markInvalid': { zh: '“{name}”应在 0–{max} 之间，最多一位小数', en: '“{name}” must be between 0 and {max}, with at most one decimal place' },
  'judge.readyNote': { zh: '请核对后提交；得分揭晓前可以修改', en: 'Check and submit; you can change it until the scores are revealed' },
  'judge.submittedNote': { zh: '您已提交评分；得分揭晓前可以修改', en: 'Submitted; you can change it until the scores are revealed' },
  'judge.yourMarks': { zh: '您的评分', en: 'Your marks' },
  'judge.noMarks': { zh: '您未对本案例评分。', en: 'You did not score this case.' },
  'judge.lockedNote': { zh: '本案例评分已锁定，不能再修改。', en: 'Scoring for this case is locked.' },
  'judge.finalNote': { zh: '评审已结束，请看大屏幕公布的最终排名。', en: 'Judging is over; the final ranking is on the big screen.' },
  // judge page: the judge's seat for the case on stage (decided by the server when the case comes on stage)
  'judge.phase.PresentingOnly': { zh: '案例展示中', en: 'Being presented' },
  'judge.seat.on': { zh: '您是本案例的评委', en: 'You are on this case\'s panel' },
  'judge.seat.recused': { zh: '回避：您不为本案例评分', en: 'Recused (回避): you do not score this case' },
  'judge.seat.off': { zh: '您不在本案例的评委名单中', en: 'You are not on this case\'s panel' },
  'judge.notOnPanelTitle': { zh: '您不在本案例的评委名单中', en: 'You are not on this case\'s panel' },
  'judge.notOnPanelText': { zh: '本案例上台时的评委名单里没有您，因此不能为本案例评分。如有疑问，请联系组织者；下一个案例上台时名单会重新确定。', en: 'You were not on the panel when this case came on stage, so you cannot score it. Ask the organiser if this is a mistake; the panel is set again when the next case comes on stage.' },
  'judge.sessionEnded': { zh: '登录已失效，请重新打开组织者发给您的链接。', en: 'Your session has ended. Open the organiser\'s link again.' }
});
