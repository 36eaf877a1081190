/*
 * Big screen, modes "Contest" and "ContestFinal" (screen.js hands over with ScreenContest.show(mode, contestId), and
 * show(null) when another mode takes the screen). Everything comes by push:
 *   Contest      — topic contest:{id} (ContestLive): the QR to join while waiting; the question once shown with its
 *                  countdown and the answered count; on the reveal the key highlighted with a bar per option and
 *                  the explanation, then (after REVEAL_HOLD_MS) the standings — members, branches and districts
 *                  with the ranking rule stated;
 *   ContestFinal — topic final:{id} (StageLive): the question, its countdown, the team with the floor (a buzz
 *                  winner is drawn the moment the push lands) and the team scoreboard with each team's last change.
 * The screen shows only what the topic carries: no key before the reveal (or the judgement).
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var REVEAL_HOLD_MS = 8000;   // the answer and its distribution stay this long before the standings
  var MAX_ROWS = { members: 10, branches: 10, districts: 6 };

  var mode = null;     // 'Contest' | 'ContestFinal' | null
  var cid = null;
  var hall = {};       // contestId -> ContestLive
  var stage = {};      // contestId -> StageLive
  var followed = {};
  var revealedAt = {}; // contestId|questionNo -> when this screen first saw the reveal
  var holdTimer = 0;
  var lastFloor = null; // question|team of the floor last drawn
  var tickTimer = 0;

  function show(m, id) {
    mode = id && (m === 'Contest' || m === 'ContestFinal') ? m : null;
    cid = mode ? id : null;
    $('#view-contest').hidden = mode !== 'Contest';
    $('#view-final').hidden = mode !== 'ContestFinal';
    if (!mode) { clearTimeout(holdTimer); return; }
    if (mode === 'Contest') follow('contest:' + id, '/api/public/contests/' + encodeURIComponent(id) + '/live', onHall);
    else follow('final:' + id, '/api/public/contests/' + encodeURIComponent(id) + '/stage', onStage);
    render();
  }

  function follow(topic, url, handler) {
    if (followed[topic]) return;
    followed[topic] = true;
    Live.subscribe(topic, handler);
    // Also over HTTP, in case the live connection is slow to come up; a pushed snapshot replaces it.
    App.get(url).then(function (v) { if (v) handler(v, null, true); }, function (err) {
      if (cid && topic.indexOf(cid) > 0 && !err.isNetwork && err.status !== 404) App.showError(err);
    });
  }

  function onHall(live, update, fromHttp) {
    if (!live || !live.contestId) return;
    if (fromHttp && hall[live.contestId]) return;
    var before = hall[live.contestId];
    hall[live.contestId] = live;
    if (live.status === 'Finished' && !live.finalHash) askHash(live.contestId, 0);
    if (mode !== 'Contest' || cid !== live.contestId) return;
    // While answering the count moves many times a second: only the number changes then, not the whole view.
    var count = $('#cv-body .cv-answered');
    if (before && count && hallKey(before) === hallKey(live)) {
      count.textContent = t('sc.answered', { n: App.fmtNumber(live.answered) });
      return;
    }
    render();
  }

  /**
   * The push that says the round is finished can leave before the ledger's final hash is noted in it; the
   * contest's snapshot has it a moment later, so the final standings ask for it (a few times, spaced).
   */
  function askHash(id, tries) {
    if (tries >= 3) return;
    setTimeout(function () {
      var now = hall[id];
      if (!now || now.finalHash) return;
      App.get('/api/public/contests/' + encodeURIComponent(id) + '/live').then(function (live) {
        if (!live || !live.finalHash) { askHash(id, tries + 1); return; }
        hall[id] = live;
        if (mode === 'Contest' && cid === id) render();
      }, function () { askHash(id, tries + 1); });
    }, 500 * (tries + 1));
  }

  function hallKey(live) {
    return [live.status, live.question ? live.question.no : 0, live.phase, live.closesAt || '', live.reveal ? live.reveal.no : 0,
      live.standings ? live.standings.afterQuestion : -1, live.participants, live.finalHash || ''].join('|');
  }

  function onStage(live, update, fromHttp) {
    if (!live || !live.contestId) return;
    if (fromHttp && stage[live.contestId]) return;
    stage[live.contestId] = live;
    if (mode === 'ContestFinal' && cid === live.contestId) render();
  }

  function render() {
    if (mode === 'Contest') renderHall(hall[cid]);
    else if (mode === 'ContestFinal') renderStage(stage[cid]);
  }

  // ---------- shared bits ----------

  function letters(q) {
    if (q.type === 'TrueFalse') return ['A', 'B'];
    return (q.options || []).map(function (_, i) { return String.fromCharCode(65 + i); });
  }
  function optionText(q, letter) {
    if (q.type === 'TrueFalse') return t(letter === 'A' ? 'sc.true' : 'sc.false');
    return q.options[letter.charCodeAt(0) - 65] || '';
  }
  function answerText(q, answer) {
    if (q && q.type === 'TrueFalse') return answer.split('').map(function (l) { return optionText(q, l); }).join('');
    return answer;
  }
  function two(n) { return typeof n === 'number' ? n.toFixed(2) : '—'; }

  function questionBlock(q, extra) {
    return el('div', { className: 'cq' }, [
      el('p', { className: 'cq-meta' }, [
        el('span', { className: 'cq-tag', text: t('sc.type.' + q.type) }),
        el('span', { className: 'cq-tag', text: t('sc.points', { points: q.points }) }),
        extra || null
      ]),
      el('h2', { className: 'cq-stem', text: q.stem }),
      q.image && /^\/[^/]/.test(q.image) ? el('img', { className: 'cq-image', src: q.image, alt: '' }) : null
    ]);
  }

  function countdownNode(closesAt) {
    if (!closesAt) return null;
    var n = el('p', { className: 'cq-countdown', role: 'timer', 'data-closes-at': closesAt });
    paint(n);
    if (!tickTimer) tickTimer = setInterval(tick, 200);
    return n;
  }
  function paint(node) {
    var ms = Date.parse(node.getAttribute('data-closes-at')) - (Date.now() + (App.serverClockOffset || 0));
    node.setAttribute('data-urgent', ms > 0 && ms <= 5000 ? 'true' : 'false');
    node.setAttribute('data-ended', ms > 0 ? 'false' : 'true');
    node.textContent = ms > 0 ? t('sc.secondsLeft', { s: Math.ceil(ms / 1000) }) : t('sc.timeUp');
  }
  function tick() {
    var nodes = document.querySelectorAll('.cq-countdown[data-closes-at]');
    Array.prototype.forEach.call(nodes, paint);
    if (!nodes.length) { clearInterval(tickTimer); tickTimer = 0; }
  }

  // ---------- hall round ----------

  function hallView(live) {
    if (!live) return 'waiting';
    if (live.status === 'Finished') return 'standings';
    if (live.status !== 'Running' || !live.question || live.phase === 'None') return 'waiting';
    if (live.phase !== 'Revealed' || !live.reveal) return 'question';
    var key = live.contestId + '|' + live.question.no;
    if (!revealedAt[key]) revealedAt[key] = Date.now();
    var left = revealedAt[key] + REVEAL_HOLD_MS - Date.now();
    clearTimeout(holdTimer);
    if (left > 0) { holdTimer = setTimeout(render, left + 20); return 'reveal'; }
    return 'standings';
  }

  function renderHall(live) {
    var view = hallView(live);
    var box = $('#view-contest');
    box.setAttribute('data-view', view);
    box.setAttribute('data-phase', live ? live.phase : 'None');
    var head = App.clear($('#cv-head'));
    var body = App.clear($('#cv-body'));
    if (!live) { body.appendChild(el('p', { className: 'sv-note', text: t('common.loading') })); return; }
    var q = live.question;
    head.appendChild(el('h2', { className: 'sv-title cv-title', text: live.title }));
    if (q && live.status === 'Running') head.appendChild(el('p', { className: 'cv-progress', text: t('sc.progress', { no: q.no, count: live.questionCount }) }));
    head.appendChild(el('p', { className: 'cv-phase', 'data-phase': live.phase, text: live.status === 'Running' ? t('sc.phase.' + live.phase) : t('sc.status.' + live.status) }));

    if (view === 'waiting') {
      var url = w.location.origin + '/quiz.html?id=' + encodeURIComponent(live.contestId);
      body.appendChild(el('div', { className: 'cv-join' }, [
        el('img', { className: 'cv-qr', src: '/api/qr?text=' + encodeURIComponent(url), alt: '', width: '300', height: '300' }),
        el('div', null, [
          el('p', { className: 'cv-join-hint', text: t('sc.scanToAnswer') }),
          el('p', { className: 'cv-join-url', text: url }),
          el('p', { className: 'cv-count', text: t('sc.participants', { n: App.fmtNumber(live.participants) }) }),
          el('p', { className: 'cv-scoring', text: scoringText(live) })
        ])
      ]));
      return;
    }
    if (view === 'standings') { drawStandings(body, live); return; }

    var reveal = view === 'reveal' ? live.reveal : null;
    var side = el('aside', { className: 'cv-side' }, [
      live.phase === 'Open' ? countdownNode(live.closesAt) : null,
      el('p', { className: 'cv-count cv-answered', text: t('sc.answered', { n: App.fmtNumber(reveal ? reveal.answered : live.answered) }) }),
      reveal ? el('p', { className: 'cv-correct', text: t('sc.correctCount', { correct: App.fmtNumber(reveal.correct), answered: App.fmtNumber(reveal.answered) }) }) : null
    ]);
    var main = el('div', { className: 'cv-main' }, [questionBlock(q), drawOptions(q, reveal)]);
    if (reveal) {
      main.appendChild(el('p', { className: 'cv-answer', text: t('sc.answerIs', { answer: answerText(q, reveal.answer) }) }));
      if (reveal.explanation) main.appendChild(el('p', { className: 'cv-explanation' }, [el('b', { text: t('sc.explanation') + '：' }), reveal.explanation]));
    } else {
      main.appendChild(el('p', { className: 'cv-scoring', text: scoringText(live) }));
    }
    body.appendChild(main);
    body.appendChild(side);
  }

  /** The options; once revealed, the key highlighted and how many chose each option as a bar. */
  function drawOptions(q, reveal) {
    var list = el('ol', { className: 'cv-options' + (reveal ? ' revealed' : '') + (q.type === 'TrueFalse' ? ' tf' : '') });
    var dist = reveal && reveal.distribution ? reveal.distribution : {};
    var max = 0;
    letters(q).forEach(function (l) { max = Math.max(max, dist[l] || 0); });
    letters(q).forEach(function (l) {
      var right = reveal ? reveal.answer.indexOf(l) >= 0 : false;
      var count = dist[l] || 0;
      var li = el('li', { className: 'cv-option' + (right ? ' correct' : ''), 'data-letter': l }, [
        q.type === 'TrueFalse' ? null : el('span', { className: 'cv-letter', text: l }),
        el('span', { className: 'cv-option-text', text: optionText(q, l) })
      ]);
      if (reveal && reveal.distribution) {
        var fill = el('span', { className: 'cv-bar-fill' });
        fill.style.width = (max > 0 ? 100 * count / max : 0) + '%';
        li.appendChild(el('span', { className: 'cv-bar' }, [el('span', { className: 'cv-bar-track' }, fill), el('span', { className: 'cv-bar-count', text: t('sc.people', { n: count }) })]));
      }
      list.appendChild(li);
    });
    return list;
  }

  function scoringText(live) {
    var s = live.scoring;
    if (!s) return '';
    var text = t('sc.scoring');
    if (s.speedBonus) text += t('sc.scoringSpeed');
    if (s.wrongPenalty > 0) text += t('sc.scoringPenalty', { n: s.wrongPenalty });
    text += t(s.partial === 'Proportional' ? 'sc.scoringPartialProportional' : 'sc.scoringPartialNone');
    return text;
  }

  function drawStandings(body, live) {
    var s = live.standings;
    body.appendChild(el('h2', { className: 'cs-title', text: live.status === 'Finished' ? t('sc.standingsFinal') : t('sc.standingsTitle', { n: s ? s.afterQuestion : 0 }) }));
    if (!s || !s.afterQuestion) { body.appendChild(el('p', { className: 'sv-note', text: t('sc.noStandings') })); return; }
    var names = {};
    (s.branches || []).forEach(function (b) { names[b.key] = b.name; });
    var grid = el('div', { className: 'cs-grid' }, [
      column('members', t('sc.members'), (s.members || []).slice(0, MAX_ROWS.members).map(function (m) {
        return row(m.rank, m.name, names[m.branchId] || '', t('sc.pts', { n: m.points }), { 'data-member-no': m.memberNo });
      })),
      column('branches', t('sc.branches'), (s.branches || []).slice(0, MAX_ROWS.branches).map(function (b) {
        return row(b.rank, b.name, t('sc.took', { p: b.participants, e: b.eligible }), groupValue(live.ranking, b), { 'data-key': b.key });
      })),
      column('districts', t('sc.districts'), (s.districts || []).slice(0, MAX_ROWS.districts).map(function (d) {
        return row(d.rank, d.name, t('sc.took', { p: d.participants, e: d.eligible }), groupValue(live.ranking, d), { 'data-key': d.key });
      }))
    ]);
    body.appendChild(grid);
    body.appendChild(el('p', { className: 'cs-rule', text: t('sc.rule.' + live.ranking) + t('sc.groupTies') + ' ' + t('sc.memberRule') }));
    if (live.finalHash) body.appendChild(el('p', { className: 'cs-hash mono', text: t('sc.hash', { hash: live.finalHash.slice(0, 16) }) }));
    // Only whole rows: the lowest places give way when a column is taller than the screen.
    Array.prototype.forEach.call(grid.querySelectorAll('.cs-rows'), function (ol) {
      while (ol.clientHeight > 0 && ol.scrollHeight > ol.clientHeight + 1 && ol.children.length > 1) ol.removeChild(ol.lastChild);
    });
  }

  function groupValue(rule, g) {
    if (rule === 'Participation') return t('sc.rate', { pct: (100 * g.participationRate).toFixed(1) });
    if (rule === 'Average') return two(g.average);
    return two(g.score);
  }
  function column(kind, title, rows) {
    return el('section', { className: 'cs-col cs-' + kind }, [el('h3', { text: title }), el('ol', { className: 'cs-rows' }, rows)]);
  }
  function row(rank, name, sub, value, attrs) {
    var a = { className: 'cs-row' + (rank <= 3 ? ' top top-' + rank : '') };
    Object.keys(attrs || {}).forEach(function (k) { a[k] = attrs[k]; });
    return el('li', a, [
      el('span', { className: 'cs-rank', text: String(rank) }),
      el('span', { className: 'cs-name' }, [el('b', { text: name }), sub ? el('small', { text: sub }) : null]),
      el('span', { className: 'cs-value', text: value })
    ]);
  }

  // ---------- stage final ----------

  function teamName(live, id) {
    for (var i = 0; i < (live.teams || []).length; i++) if (live.teams[i].teamId === id) return live.teams[i].name;
    return id || '';
  }

  function renderStage(live) {
    var box = $('#view-final');
    var head = App.clear($('#fv-head'));
    var main = App.clear($('#fv-main'));
    var board = App.clear($('#fv-board'));
    if (!live) { main.appendChild(el('p', { className: 'sv-note', text: t('common.loading') })); return; }
    box.setAttribute('data-phase', live.phase);
    box.setAttribute('data-status', live.status);
    head.appendChild(el('h2', { className: 'sv-title', text: t('sf.title') + (live.part ? ' · ' + t('sf.part.' + live.part) : '') }));
    if (live.current > 0 && live.status === 'Running') head.appendChild(el('p', { className: 'cv-progress', text: t('sc.progress', { no: live.current, count: live.questionCount }) }));
    head.appendChild(el('p', { className: 'cv-phase', 'data-phase': live.phase, text: live.status === 'Running' ? t('sf.phase.' + live.phase) : t('sf.status.' + live.status) }));

    // Who has the floor: the buzz winner, or the question's own team. Drawn first, largest.
    if (live.floor && live.status === 'Running' && (live.phase === 'Answering' || live.phase === 'Judged')) {
      // It lands with a short animation once per floor, not again at every push while it holds.
      var floorKey = live.current + '|' + live.floor;
      var fresh = floorKey !== lastFloor;
      lastFloor = floorKey;
      main.appendChild(el('p', { className: 'fv-floor' + (live.part === 'Buzzer' ? ' buzz' : '') + (fresh ? ' fresh' : ''), 'data-team-id': live.floor }, [
        el('b', { className: 'fv-floor-team', text: teamName(live, live.floor) }),
        el('span', { className: 'fv-floor-what', text: t(live.part === 'Buzzer' ? 'sf.buzzWon' : 'sf.answers') })
      ]));
    }
    var q = live.question;
    if (live.questionTeam && live.part !== 'Buzzer') main.appendChild(el('p', { className: 'fv-for', text: t('sf.forTeam', { team: teamName(live, live.questionTeam) }) }));
    if (typeof live.riskValue === 'number') main.appendChild(el('p', { className: 'fv-risk', text: t('sf.riskValue', { n: live.riskValue }) }));
    if (!q && live.part === 'Risk' && live.questionTeam && live.phase !== 'Idle') {
      main.appendChild(el('p', { className: 'sv-note', text: t('sf.waitRisk', { team: teamName(live, live.questionTeam) }) }));
    }
    if (q) {
      main.appendChild(questionBlock(q));
      if (q.type !== 'Oral') main.appendChild(drawOptions(q, live.answer ? { answer: live.answer, distribution: null } : null));
      if (live.phase === 'Answering' && live.phaseAt && live.rules && live.rules.answerSeconds > 0) {
        main.appendChild(countdownNode(new Date(Date.parse(live.phaseAt) + live.rules.answerSeconds * 1000).toISOString()));
      }
      if (live.answer) {
        main.appendChild(el('p', { className: 'cv-answer', text: t('sc.answerIs', { answer: answerText(q, live.answer) }) }));
        if (live.explanation) main.appendChild(el('p', { className: 'cv-explanation' }, [el('b', { text: t('sc.explanation') + '：' }), live.explanation]));
      }
    }

    board.appendChild(el('h3', { text: t('sf.scoreboard') }));
    var rows = el('ol', { className: 'fv-scores' });
    (live.scores || []).slice().sort(function (a, b) { return a.rank - b.rank; }).forEach(function (s) {
      var change = typeof s.lastChange === 'number' ? s.lastChange : null;
      rows.appendChild(el('li', { className: 'fv-score' + (s.teamId === live.floor ? ' floor' : ''), 'data-team-id': s.teamId }, [
        el('span', { className: 'cs-rank', text: String(s.rank) }),
        el('span', { className: 'fv-team', text: s.name }),
        el('span', { className: 'fv-points', text: String(s.points) }),
        el('span', { className: 'fv-change', 'data-sign': change === null ? '' : change >= 0 ? 'up' : 'down', text: change === null ? '' : (change > 0 ? '+' : change < 0 ? '−' : '') + Math.abs(change) })
      ]));
    });
    board.appendChild(rows);
    if (live.finalHash) board.appendChild(el('p', { className: 'cs-hash mono', text: t('sc.hash', { hash: live.finalHash.slice(0, 16) }) }));
  }

  I18n.onChange(render);

  w.ScreenContest = { show: show };
}(window));
