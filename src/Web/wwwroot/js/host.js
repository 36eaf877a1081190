/*
 * The host's laptop beside the stage (host.html?id=CONTEST), organisers only. The hall round: the current question
 * with its key and explanation (host view GET /api/contests/{id}), one big button for the next legal step
 * (显示题目 → 开始作答 → 锁定 → 揭晓答案 → 下一题), the countdown, the answered count (topic contest:{id}), the
 * distribution and standings after the reveal, and 结束全员答题. The stage final is js/host-stage.js.
 * The server decides every step: a step it refuses shows its message; a double click asks for the state the
 * contest is already in, which the server answers unchanged.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var PHASES = ['None', 'Shown', 'Open', 'Locked', 'Revealed'];
  var STATUSES = ['Draft', 'Running', 'Finished'];

  var H = { id: null, view: null };
  var followed = {};
  var tickTimer = 0;

  H.enc = encodeURIComponent;

  /** Every failure goes here: a 401 means the session ended. */
  H.handle = function (err) {
    if (err && err.status === 401) { showLogin(t('host.expired')); return; }
    App.showError(err);
  };

  // ---------- the in-page dialog: ask(title, fields, check) → Promise of the form, or null when cancelled ----------

  var dialogDone = null;
  H.ask = function (title, body, check) {
    $('#host-dialog-title').textContent = title;
    var box = App.clear($('#host-dialog-body'));
    (Array.isArray(body) ? body : [body]).forEach(function (n) { if (n) box.appendChild(typeof n === 'string' ? el('p', { text: n }) : n); });
    $('#host-dialog-error').hidden = true;
    $('#host-dialog').hidden = false;
    var first = box.querySelector('input, select, textarea');
    (first || $('#host-dialog-ok')).focus();
    return new Promise(function (resolve) {
      dialogDone = function (ok) {
        if (ok && check) {
          var problem = check($('#host-dialog-form'));
          if (problem) { $('#host-dialog-error').textContent = problem; $('#host-dialog-error').hidden = false; return; }
        }
        $('#host-dialog').hidden = true;
        dialogDone = null;
        resolve(ok ? $('#host-dialog-form') : null);
      };
    });
  };
  $('#host-dialog-form').addEventListener('submit', function (e) { e.preventDefault(); if (dialogDone) dialogDone(true); });
  $('#host-dialog-cancel').addEventListener('click', function () { if (dialogDone) dialogDone(false); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && dialogDone) dialogDone(false); });

  /** Runs one host action on a button: busy while it runs, the server's refusal shown plainly. */
  H.act = async function (button, action) {
    App.clearError();
    try {
      return await App.busy(button, null, action);
    } catch (err) {
      H.handle(err);
      return null;
    }
  };

  H.follow = function (topic, fn) {
    if (followed[topic]) return;
    followed[topic] = true;
    Live.subscribe(topic, fn);
  };

  // ---------- countdown on the server's clock ----------

  H.paintCountdown = function (node, closesAt, leftKey, upKey) {
    var ms = Date.parse(closesAt) - (Date.now() + (App.serverClockOffset || 0));
    node.setAttribute('data-ended', ms > 0 ? 'false' : 'true');
    node.textContent = ms > 0 ? t(leftKey, { s: Math.ceil(ms / 1000) }) : t(upKey);
  };
  function tick() {
    var v = H.view;
    var node = $('#host-countdown');
    var on = !!(v && v.phase === 'Open' && v.closesAt);
    node.hidden = !on;
    if (on) H.paintCountdown(node, v.closesAt, 'host.secondsLeft', 'host.timeUp');
    if (w.HostStage) HostStage.tick();
  }

  // ---------- sign-in ----------

  function showLogin(message) {
    $('#host-loading').hidden = true;
    $('#host-main').hidden = true;
    $('#host-login').hidden = false;
    if (message) App.showError(message);
    $('#host-user').focus();
  }

  $('#host-login-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var user = $('#host-user').value.trim();
    var password = $('#host-password').value;
    if (!user || !password) { e.target.reportValidity(); return; }
    try {
      var me = await App.busy($('#host-login-submit'), 'host.loggingIn', function () {
        return App.post('/api/auth/login', { userName: user, password: password });
      });
      $('#host-password').value = '';
      if (!me || me.role !== 'organiser') { App.showError(t('host.wrongRole')); return; }
      App.clearError();
      enter();
    } catch (err) {
      App.showError(err);
    }
  });

  async function boot() {
    var me = null;
    try { me = await App.get('/api/auth/me'); } catch (err) { if (err.status !== 401) App.showError(err); }
    if (me && me.role === 'organiser') enter();
    else showLogin(me ? t('host.wrongRole') : null);
  }

  // ---------- choosing a contest ----------

  async function enter() {
    $('#host-loading').hidden = true;
    $('#host-login').hidden = true;
    $('#host-main').hidden = false;
    var list;
    try { list = await App.get('/api/contests'); } catch (err) { H.handle(err); return; }
    list = Array.isArray(list) ? list : [];
    var select = App.clear($('#host-contest'));
    list.forEach(function (c) { select.appendChild(el('option', { value: c.contestId, text: c.title })); });
    $('#host-empty').hidden = list.length > 0;
    if (!list.length) return;
    var wanted = App.param('id') || App.param('contest'); // the console links with ?contest=
    var id = list.some(function (c) { return c.contestId === wanted; }) ? wanted : list[0].contestId;
    select.value = id;
    load(id);
  }

  $('#host-contest').addEventListener('change', function () { load(this.value); });

  async function load(id) {
    H.id = id;
    H.view = null;
    if (w.history && history.replaceState) history.replaceState(null, '', 'host.html?id=' + H.enc(id));
    App.clearError();
    H.follow('contest:' + id, onLive);
    try { setView(await App.get('/api/contests/' + H.enc(id))); } catch (err) { H.handle(err); }
    if (w.HostStage) HostStage.show(id);
  }

  // ---------- the hall round ----------

  function progress(live) {
    return STATUSES.indexOf(live.status) * 1e7 + (live.question ? live.question.no : 0) * 10 + PHASES.indexOf(live.phase);
  }

  function setView(view) {
    if (!view || view.contestId !== H.id) return;
    if (H.view && typeof view.revision === 'number' && view.revision < H.view.revision) return;
    H.view = view;
    render();
  }

  /** The public push: where the round stands and the answered count, between the host view's own reads. */
  function onLive(live) {
    var v = H.view;
    if (!v || !live || live.contestId !== H.id || progress(live) < progress(v.live)) return;
    v.live = live;
    v.status = live.status;
    v.phase = live.phase;
    v.answered = live.answered;
    v.openedAt = live.openedAt;
    v.closesAt = live.closesAt;
    if (live.question) v.current = live.question.no;
    render();
  }

  function nextStep(v) {
    var count = v.questions.length;
    if (v.status === 'Draft') return count ? { start: true, label: t('host.step.start') } : null;
    if (v.status !== 'Running') return null;
    if (!v.current || v.phase === 'None') return count ? { no: 1, phase: 'Shown', label: t('host.step.first', { no: 1 }) } : null;
    var i = PHASES.indexOf(v.phase);
    if (v.phase !== 'Revealed') return { no: v.current, phase: PHASES[i + 1], label: t('host.step.' + PHASES[i + 1]) };
    return v.current < count ? { no: v.current + 1, phase: 'Shown', label: t('host.step.next', { no: v.current + 1 }) } : null;
  }

  function render() {
    var v = H.view;
    var box = $('#host-hall');
    box.hidden = !v;
    if (!v) return;
    var live = v.live || {};
    box.setAttribute('data-phase', v.phase);
    box.setAttribute('data-status', v.status);
    $('#host-title').textContent = v.settings ? v.settings.title : '';
    $('#host-status').textContent = t('host.status.' + v.status);
    $('#host-status').setAttribute('data-status', v.status);
    $('#host-phase').textContent = t('host.phase.' + v.phase);
    $('#host-phase').hidden = v.status !== 'Running';
    $('#host-progress').textContent = v.current ? t('host.progress', { no: v.current, count: v.questions.length })
      : (v.questions.length ? '' : t('host.noQuestions'));

    drawQuestion(v);
    $('#host-answered').textContent = v.status === 'Draft' ? '' :
      t('host.answered', { n: App.fmtNumber(v.answered) }) + ' · ' + t('host.participants', { n: App.fmtNumber(live.participants) });

    var step = nextStep(v);
    var button = $('#host-step');
    button.hidden = !step;
    if (step) {
      button.textContent = step.label;
      button.setAttribute('data-phase', step.start ? 'start' : step.phase);
      button.setAttribute('data-question-no', step.start ? '' : String(step.no));
    }
    var note = $('#host-step-note');
    note.hidden = !(v.status === 'Running' && !step);
    note.textContent = t('host.lastDone');
    $('#host-finish').hidden = v.status !== 'Running';
    var fin = $('#host-final');
    fin.hidden = v.status !== 'Finished';
    fin.textContent = v.status === 'Finished' ? t('host.finished') + (live.finalHash ? ' ' + t('host.hash', { hash: live.finalHash.slice(0, 16) }) : '') : '';

    drawReveal(v, live);
    tick();
    if (!tickTimer) tickTimer = setInterval(tick, 250);
  }

  H.letters = function (q) {
    if (q.type === 'TrueFalse') return ['A', 'B'];
    return (q.options || []).map(function (_, i) { return String.fromCharCode(65 + i); });
  };
  H.optionText = function (q, l) {
    if (q.type === 'TrueFalse') return t(l === 'A' ? 'host.true' : 'host.false');
    return q.options[l.charCodeAt(0) - 65] || '';
  };
  H.answerText = function (q, answer) {
    if (q.type === 'TrueFalse') return answer.split('').map(function (l) { return H.optionText(q, l); }).join('');
    return answer;
  };

  /** A question as the host reads it: stem, options with the key marked, answer and explanation. */
  H.questionCard = function (q) {
    var box = el('div', { className: 'hq', 'data-question-id': q.questionId });
    box.appendChild(el('p', { className: 'hq-meta', text: q.questionId + ' · ' + q.category + ' · ' + t('host.points', { n: q.points }) }));
    box.appendChild(el('h2', { className: 'hq-stem', text: q.stem }));
    if (q.type !== 'Oral') {
      box.appendChild(el('ol', { className: 'hq-options' }, H.letters(q).map(function (l) {
        return el('li', { className: q.answer.indexOf(l) >= 0 ? 'key' : '' }, [el('b', { text: q.type === 'TrueFalse' ? '' : l + '. ' }), H.optionText(q, l)]);
      })));
    }
    box.appendChild(el('p', { className: 'hq-key', text: t('host.key', { answer: H.answerText(q, q.answer) }) }));
    if (q.explanation) box.appendChild(el('p', { className: 'hq-explanation', text: t('host.explanation', { text: q.explanation }) }));
    return box;
  };

  function drawQuestion(v) {
    var box = App.clear($('#host-question'));
    var no = v.current || (v.questions.length ? 1 : 0);
    if (!no) return;
    var q = v.questions[no - 1];
    if (!q) return;
    if (!v.current || v.phase === 'None') box.appendChild(el('p', { className: 'hq-upcoming', text: t('host.upcoming', { no: no }) }));
    box.appendChild(H.questionCard(q));
  }

  function drawReveal(v, live) {
    var box = App.clear($('#host-reveal'));
    var r = live.reveal;
    var s = live.standings;
    box.hidden = !(r && v.phase === 'Revealed') && !(s && s.afterQuestion > 0);
    if (r && v.phase === 'Revealed') {
      var q = v.questions[r.no - 1];
      var dist = r.distribution || {};
      var max = 0;
      Object.keys(dist).forEach(function (k) { max = Math.max(max, dist[k]); });
      box.appendChild(el('h3', { text: t('host.distribution', { correct: r.correct, answered: r.answered }) }));
      box.appendChild(el('ol', { className: 'hd-bars' }, (q ? H.letters(q) : Object.keys(dist).sort()).map(function (l) {
        var fill = el('span', { className: 'hd-fill' });
        fill.style.width = (max ? 100 * (dist[l] || 0) / max : 0) + '%';
        return el('li', { className: 'hd-bar' + (r.answer.indexOf(l) >= 0 ? ' key' : ''), 'data-letter': l }, [
          el('span', { className: 'hd-label', text: q ? (q.type === 'TrueFalse' ? H.optionText(q, l) : l) : l }),
          el('span', { className: 'hd-track' }, fill),
          el('span', { className: 'hd-count', text: t('host.people', { n: dist[l] || 0 }) })
        ]);
      })));
    }
    if (s && s.afterQuestion > 0) {
      box.appendChild(el('h3', { text: t('host.standings', { n: s.afterQuestion }) }));
      box.appendChild(el('div', { className: 'hs-tables' }, [
        table(t('host.members'), (s.members || []).slice(0, 10).map(function (m) { return [m.rank, m.name, t('host.points', { n: m.points })]; })),
        table(t('host.branches'), (s.branches || []).slice(0, 10).map(function (b) { return [b.rank, b.name, typeof b.score === 'number' ? b.score.toFixed(2) : '—']; }))
      ]));
    }
  }

  function table(title, rows) {
    return el('div', { className: 'hs-table' }, [
      el('h4', { text: title }),
      el('table', { className: 'data' }, el('tbody', null, rows.map(function (r) {
        return el('tr', null, [el('td', { className: 'num', text: String(r[0]) }), el('td', { text: r[1] }), el('td', { className: 'num', text: r[2] })]);
      })))
    ]);
  }

  $('#host-step').addEventListener('click', async function () {
    var v = H.view;
    var step = v && nextStep(v);
    if (!step) return;
    var url = '/api/contests/' + H.enc(H.id) + (step.start ? '/start' : '/step');
    var view = await H.act(this, function () { return App.post(url, step.start ? null : { questionNo: step.no, phase: step.phase }); });
    if (view) setView(view);
    else render(); // App.busy restored the label of a refused step; draw the true one
  });

  $('#host-finish').addEventListener('click', async function () {
    var button = this;
    if (!(await H.ask(t('host.finish'), t('host.finishConfirm')))) return;
    var view = await H.act(button, function () { return App.post('/api/contests/' + H.enc(H.id) + '/finish'); });
    if (view) setView(view);
  });

  Live.onError(function (err, kind) {
    if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
  });
  I18n.onChange(function () { render(); if (w.HostStage) HostStage.render(); });

  w.Host = H;
  document.addEventListener('DOMContentLoaded', boot);
}(window));
