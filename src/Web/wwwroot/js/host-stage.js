/*
 * The stage final on the host's laptop (host.html, under the hall round; js/host.js hands over with
 * HostStage.show(contestId)). From GET /api/contests/{id}/stage (StageView, keys included) and topic final:{id}
 * (StageLive): start, present question n, 开始抢答 on a buzzer question, who has the floor, 判对/判错, the risk
 * value of a risk question's team, the scoreboard, every score change with 更正 for a judgement (reason required),
 * 调整积分 (reason required) and finish. Each action is one POST; a refusal shows the server's message.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var H = w.Host;

  var id = null;
  var sv = null;       // StageView
  var missing = false; // no stage set up for this contest

  function url(path) { return '/api/contests/' + H.enc(id) + '/stage' + (path || ''); }

  async function show(contestId) {
    id = contestId;
    sv = null;
    missing = false;
    H.follow('final:' + contestId, onLive);
    try {
      accept(await App.get(url()));
    } catch (err) {
      if (err.status === 404 || err.status === 409) { missing = true; render(); } else H.handle(err);
    }
  }

  function accept(view) {
    if (!view || view.contestId !== id) return;
    if (sv && typeof view.revision === 'number' && view.revision < sv.revision) return;
    sv = view;
    missing = false;
    render();
  }

  function onLive(live) {
    if (!sv || !live || live.contestId !== id) return;
    sv.live = live;
    sv.status = live.status;
    render();
    // The host view's own parts (every score change, the risk choices) are read again after a change made elsewhere.
    var newest = live.recent && live.recent.length ? live.recent[0] : null; // newest first
    if (newest && !sv.changes.some(function (c) { return c.seq === newest.seq; })) refresh();
  }

  var refreshing = false;
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try { accept(await App.get(url())); } catch (err) { H.handle(err); } finally { refreshing = false; }
  }

  function team(teamId) {
    var teams = sv ? sv.setup.teams : [];
    for (var i = 0; i < teams.length; i++) if (teams[i].teamId === teamId) return teams[i].name;
    return teamId || '';
  }
  function question(no) {
    var list = sv ? sv.setup.questions : [];
    for (var i = 0; i < list.length; i++) if (list[i].no === no) return list[i];
    return null;
  }

  /** One action: busy button, POST, the answer (StageView) drawn. */
  async function post(button, path, body) {
    var view = await H.act(button, function () { return App.post(url(path), body || null); });
    if (view) accept(view);
    else render();
  }

  function button(text, cls, onclick, attrs) {
    var a = { type: 'button', className: 'btn ' + (cls || ''), text: text };
    Object.keys(attrs || {}).forEach(function (k) { a[k] = attrs[k]; });
    var b = el('button', a);
    b.addEventListener('click', function () { onclick(b); });
    return b;
  }

  function render() {
    var box = $('#host-stage');
    if (!id) { box.hidden = true; return; }
    box.hidden = false;
    App.clear(box);
    box.appendChild(el('h2', { text: t('hs.title') }));
    // A stage never set up reads as an empty one: nothing to run until the console gives it teams and questions.
    if (sv && sv.status === 'Setup' && !(sv.setup && sv.setup.questions.length)) missing = true;
    if (missing || !sv) { box.appendChild(el('p', { className: 'muted', text: missing ? t('hs.notSet') : t('common.loading') })); return; }
    var live = sv.live;
    box.setAttribute('data-status', sv.status);
    box.setAttribute('data-phase', live.phase);
    box.appendChild(el('p', { className: 'hs-state' }, [
      el('span', { className: 'badge', 'data-status': sv.status, text: t('hs.status.' + sv.status) }), ' ',
      sv.status === 'Running' ? el('span', { className: 'badge host-phase', id: 'hs-phase', text: t('hs.phase.' + live.phase) }) : null, ' ',
      live.current ? el('span', { text: t('host.progress', { no: live.current, count: live.questionCount }) }) : null
    ]));
    var actions = el('div', { className: 'toolbar hs-actions' });
    if (sv.status === 'Setup') actions.appendChild(button(t('hs.start'), 'btn-large', function (b) { post(b, '/start'); }, { id: 'hs-start' }));
    box.appendChild(actions);

    var grid = el('div', { className: 'hs-grid' });
    grid.appendChild(currentPanel(live));
    grid.appendChild(scorePanel(live));
    box.appendChild(grid);
    box.appendChild(questionList(live));
    box.appendChild(changesPanel());
    if (sv.status === 'Running') {
      box.appendChild(button(t('hs.finish'), 'btn-danger hs-finish', async function (b) {
        if (await H.ask(t('hs.finish'), t('hs.finishConfirm'))) post(b, '/finish');
      }, { id: 'hs-finish' }));
    }
    tick();
  }

  function currentPanel(live) {
    var panel = el('div', { className: 'hs-current' });
    var sq = live.current ? question(live.current) : null;
    if (!sq || live.phase === 'Idle') return panel;
    panel.appendChild(el('p', { className: 'hs-part', text: t('hs.part.' + sq.part) + (sq.teamId ? ' · ' + team(sq.teamId) : '') + (typeof live.riskValue === 'number' ? ' · ' + live.riskValue : '') }));
    panel.appendChild(H.questionCard(sq.question));
    panel.appendChild(el('p', { id: 'hs-countdown', className: 'host-countdown', role: 'timer', hidden: true }));
    if (live.floor) {
      panel.appendChild(el('p', { id: 'hs-floor', className: 'hs-floor', 'data-team-id': live.floor, text: t(sq.part === 'Buzzer' ? 'hs.buzzWinner' : 'hs.floor', { team: team(live.floor) }) }));
    }
    if ((live.excluded || []).length) panel.appendChild(el('p', { className: 'muted', text: t('hs.excluded', { teams: live.excluded.map(team).join('、') }) }));
    var row = el('div', { className: 'toolbar hs-judge' });
    if (sq.part === 'Buzzer' && (live.phase === 'Presented' || live.phase === 'Judged')) {
      row.appendChild(button(t('hs.openBuzz'), 'btn-large', function (b) { post(b, '/open-buzzing', { questionNo: sq.no }); }, { id: 'hs-open-buzz' }));
    }
    if (live.phase === 'Answering' && live.floor) {
      var judge = function (correct) {
        return function (b) { post(b, '/judge', { questionNo: sq.no, teamId: live.floor, correct: correct }); };
      };
      row.appendChild(button(t('hs.right'), 'btn-large hs-right', judge(true), { id: 'hs-right' }));
      row.appendChild(button(t('hs.wrong'), 'btn-large btn-danger hs-wrong', judge(false), { id: 'hs-wrong' }));
    }
    panel.appendChild(row);
    return panel;
  }

  function scorePanel(live) {
    var rows = (live.scores || []).slice().sort(function (a, b) { return a.rank - b.rank; });
    var panel = el('div', { className: 'hs-scores' }, [el('h3', { text: t('hs.scores') })]);
    panel.appendChild(el('table', { className: 'data' }, el('tbody', null, rows.map(function (s) {
      var c = typeof s.lastChange === 'number' ? (s.lastChange > 0 ? '+' : '') + s.lastChange : '';
      return el('tr', { 'data-team-id': s.teamId }, [
        el('td', { className: 'num', text: String(s.rank) }), el('td', { text: s.name }),
        el('td', { className: 'num hs-points', text: String(s.points) }), el('td', { className: 'num muted', text: c })
      ]);
    }))));
    if (sv.status === 'Running') panel.appendChild(button(t('hs.adjust'), 'btn-secondary btn-small', adjust, { id: 'hs-adjust' }));
    return panel;
  }

  function questionList(live) {
    var running = sv.status === 'Running';
    var values = (live.rules && live.rules.riskValues) || [];
    var rows = sv.setup.questions.map(function (sq) {
      var chosen = sv.riskChoices ? sv.riskChoices[String(sq.no)] : undefined;
      var risk = null;
      if (sq.part === 'Risk') {
        risk = typeof chosen === 'number' ? el('b', { text: String(chosen) }) : el('span', { className: 'toolbar' }, running ? values.map(function (v) {
          return button(String(v), 'btn-secondary btn-small', function (b) { post(b, '/risk', { teamId: sq.teamId, questionNo: sq.no, value: v }); }, { 'data-risk': v, title: t('hs.riskFor', { team: team(sq.teamId) }) });
        }) : null);
      }
      var current = sq.no === live.current;
      return el('tr', { className: current ? 'current' : '', 'data-no': sq.no }, [
        el('td', { className: 'num', text: String(sq.no) }),
        el('td', { text: t('hs.part.' + sq.part) }),
        el('td', { text: sq.teamId ? team(sq.teamId) : '' }),
        el('td', { className: 'hs-stem', text: sq.question.stem }),
        el('td', { text: H.answerText(sq.question, sq.question.answer) }),
        el('td', null, risk),
        el('td', { className: 'actions' }, running ? button(t('hs.present'), 'btn-small' + (sq.no === live.current + 1 ? '' : ' btn-secondary'), function (b) {
          post(b, '/present', { questionNo: sq.no });
        }, { 'data-present': sq.no, 'aria-label': t('hs.presentNo', { no: sq.no }) }) : null)
      ]);
    });
    return el('div', { className: 'hs-questions' }, [
      el('h3', { text: t('hs.questions') }),
      el('div', { className: 'table-wrap' }, el('table', { className: 'data' }, [
        el('thead', null, el('tr', null, ['hs.colNo', 'hs.colPart', 'hs.colTeam', 'hs.colStem', 'hs.colKey', 'hs.colRisk', ''].map(function (k) { return el('th', { text: k ? t(k) : '' }); }))),
        el('tbody', null, rows)
      ]))
    ]);
  }

  function changesPanel() {
    var list = (sv.changes || []).slice().reverse();
    var panel = el('div', { className: 'hs-changes' }, [el('h3', { text: t('hs.changes') })]);
    if (!list.length) { panel.appendChild(el('p', { className: 'muted', text: t('hs.noChanges') })); return panel; }
    panel.appendChild(el('div', { className: 'table-wrap' }, el('table', { className: 'data' }, el('tbody', null, list.map(function (c) {
      var what = c.kind === 'judgement' && typeof c.questionNo === 'number' ? t(c.correct ? 'hs.judgedRight' : 'hs.judgedWrong', { no: c.questionNo }) : (I18n.has('hs.kind.' + c.kind) ? t('hs.kind.' + c.kind) : c.kind);
      return el('tr', { 'data-seq': c.seq }, [
        el('td', { className: 'num', text: String(c.seq) }), el('td', { text: team(c.teamId) }), el('td', { text: what }),
        el('td', { className: 'num', text: (c.points > 0 ? '+' : '') + c.points }), el('td', { text: c.reason || '' }),
        el('td', { className: 'actions' }, c.kind === 'judgement' && sv.status === 'Running' ? button(t('hs.correct'), 'btn-secondary btn-small', function (b) { correct(b, c); }) : null)
      ]);
    })))));
    return panel;
  }

  function reasonField() {
    return el('div', { className: 'field' }, [el('label', { 'for': 'hs-reason', text: t('hs.reason') }), el('input', { id: 'hs-reason', name: 'reason', type: 'text', maxlength: '200', autocomplete: 'off' })]);
  }
  function needReason(form) { return form.elements.reason.value.trim() ? null : t('hs.reasonRequired'); }

  async function correct(b, change) {
    var select = el('select', { id: 'hs-correct-as', name: 'correct' }, [
      el('option', { value: 'true', text: t('hs.right') }), el('option', { value: 'false', text: t('hs.wrong') })
    ]);
    select.value = change.correct ? 'false' : 'true';
    var form = await H.ask(t('hs.correctTitle', { seq: change.seq }), [
      el('div', { className: 'field' }, [el('label', { 'for': 'hs-correct-as', text: t('hs.correctAs') }), select]), reasonField()
    ], needReason);
    if (!form) return;
    post(b, '/corrections', { judgementSeq: change.seq, correct: form.elements.correct.value === 'true', reason: form.elements.reason.value.trim() });
  }

  async function adjust(b) {
    var teams = el('select', { id: 'hs-adjust-team', name: 'team' }, sv.setup.teams.map(function (x) { return el('option', { value: x.teamId, text: x.name }); }));
    var form = await H.ask(t('hs.adjust'), [
      el('div', { className: 'field' }, [el('label', { 'for': 'hs-adjust-team', text: t('hs.colTeam') }), teams]),
      el('div', { className: 'field' }, [el('label', { 'for': 'hs-adjust-points', text: t('hs.adjustPoints') }), el('input', { id: 'hs-adjust-points', name: 'points', type: 'text', inputmode: 'numeric', autocomplete: 'off' })]),
      reasonField()
    ], function (f) {
      return /^[+-]?\d{1,4}$/.test(f.elements.points.value.trim()) && parseInt(f.elements.points.value, 10) !== 0 ? needReason(f) : t('hs.adjustBad');
    });
    if (!form) return;
    post(b, '/adjustments', { teamId: form.elements.team.value, points: parseInt(form.elements.points.value, 10), reason: form.elements.reason.value.trim() });
  }

  /** The answer time of the team with the floor, on the server's clock (host.js ticks it). */
  function tick() {
    var node = document.getElementById('hs-countdown');
    if (!node || !sv) return;
    var live = sv.live;
    var on = live.phase === 'Answering' && live.phaseAt && live.rules && live.rules.answerSeconds > 0;
    node.hidden = !on;
    if (on) H.paintCountdown(node, new Date(Date.parse(live.phaseAt) + live.rules.answerSeconds * 1000).toISOString(), 'host.secondsLeft', 'host.timeUp');
  }

  w.HostStage = { show: show, render: render, tick: tick };
}(window));
