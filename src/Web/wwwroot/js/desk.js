/*
 * A team's desk in a contest's stage final (tablet, opened by the team's secret link; sign-in by grant-access.js).
 * GET /api/team/desk says which contest and team this is and gives the stage (StageLive); the page then follows
 * topic final:{contestId}. The 抢答 button posts {buzzId, questionNo} to /api/team/buzz: the server decides who
 * was first (and whether a buzz is early), so a tap is sent even before the host opens buzzing. A buzz keeps its
 * id until the server has answered it, so a retry after a lost answer is the same buzz; once answered, the next
 * tap is a new buzz. The winner shows at once from the answer, and on every desk from the push.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var BUZZ_TIMEOUT_MS = 5000;

  var started = false;
  var contestId = null;
  var teamId = null;
  var live = null;          // StageLive as last received
  var pending = null;       // {buzzId, questionNo}: a buzz sent whose answer has not come back
  var sending = false;
  var result = null;        // {questionNo, outcome, winner}: the server's answer to this desk's last buzz
  var riskSending = false;
  var riskChosen = {};      // questionNo -> value this desk chose (until the stage shows it)
  var followed = null;
  var tapping = false;      // a pointerdown has buzzed: the click that follows it is the same tap

  function teamName(id) {
    var list = (live && live.teams) || [];
    for (var i = 0; i < list.length; i++) if (list[i].teamId === id) return list[i].name;
    return id || '';
  }

  function newBuzzId() {
    var rnd = '';
    if (window.crypto && crypto.getRandomValues) {
      var a = new Uint32Array(2);
      crypto.getRandomValues(a);
      rnd = a[0].toString(36) + a[1].toString(36);
    } else {
      rnd = Math.random().toString(36).slice(2);
    }
    return 'b-' + Date.now().toString(36) + '-' + rnd;
  }

  // ---------- the stage ----------

  async function loadDesk() {
    try {
      var d = await App.get('/api/team/desk');
      contestId = d.contestId;
      teamId = d.teamId;
      take(d.live);
      if (followed !== contestId) {
        followed = contestId;
        Live.subscribe('final:' + contestId, function (p) { if (p && p.contestId === contestId) take(p); });
      }
    } catch (err) {
      if (err.status === 401 || err.status === 403) { App.showError(t('desk.sessionEnded')); return; }
      App.showError(err);
    }
  }

  function take(next) {
    if (!next) return;
    // A new question, or a new phase of it (buzzing opened, reopened, judged), ends what this desk's last answer said.
    if (result && (next.current !== result.questionNo || phaseKey(next) !== result.phase)) result = null;
    live = next;
    render();
  }

  function phaseKey(l) { return l ? l.phase + '|' + (l.phaseAt || '') : ''; }

  function isBuzzer() { return !!live && live.status === 'Running' && live.part === 'Buzzer' && !!live.current; }
  function excluded() { return !!live && (live.excluded || []).indexOf(teamId) >= 0; }

  /** 'open' (buzz now), 'waiting' (buzzer question shown, host has not said 开始: a tap is early), or 'off'. */
  function buzzState() {
    if (!isBuzzer() || excluded()) return 'off';
    if (live.phase === 'BuzzOpen') return 'open';
    if (live.phase === 'Presented') return 'waiting';
    return 'off';
  }

  // ---------- buzzing ----------

  async function buzz() {
    if (sending || !live || !live.current || buzzState() === 'off') return;
    var questionNo = live.current;
    if (!pending || pending.questionNo !== questionNo) pending = { buzzId: newBuzzId(), questionNo: questionNo };
    var sent = pending;
    sending = true;
    if (navigator.vibrate) { try { navigator.vibrate(40); } catch (e) { /* not allowed: fine */ } }
    render();
    try {
      // The same id on every retry: the grain answers a repeated buzz with its first answer.
      var r = await App.post('/api/team/buzz', { buzzId: sent.buzzId, questionNo: sent.questionNo }, { retries: 3, timeoutMs: BUZZ_TIMEOUT_MS });
      if (pending === sent) pending = null;
      App.clearError();
      result = { questionNo: sent.questionNo, outcome: r.outcome, winner: r.winner || null, phase: phaseKey(live) };
    } catch (err) {
      if (err.isNetwork || err.status === 408 || err.status >= 502) {
        App.showError(t('desk.buzzLost')); // pending stays: the next tap sends the same buzz again
      } else {
        if (pending === sent) pending = null;
        App.showError(err);
        if (err.status === 401 || err.status === 403) App.showError(t('desk.sessionEnded'));
      }
    } finally {
      sending = false;
      render();
    }
  }

  async function chooseRisk(questionNo, value, btn) {
    if (riskSending || !live) return;
    riskSending = true;
    try {
      // The same choice sent twice is one choice: network failures are retried.
      await App.busy(btn, null, function () { return App.post('/api/team/risk', { questionNo: questionNo, value: value }, { retries: 3 }); });
      riskChosen[questionNo] = value;
      App.clearError();
      App.toast(t('desk.riskSent', { value: value }));
    } catch (err) {
      App.showError(err);
    } finally {
      riskSending = false;
      render();
    }
  }

  // ---------- rendering ----------

  function earlyText() {
    var rules = (live && live.rules) || {};
    if (rules.earlyBuzz === 'Penalty') return t('desk.early.Penalty', { n: rules.earlyBuzzPenalty });
    return t(rules.earlyBuzz === 'LoseTurn' ? 'desk.early.LoseTurn' : 'desk.early.Refuse');
  }

  /** What the big line under the button says: the floor from the stage, else this desk's last answer. */
  function renderResult() {
    var box = $('#desk-result');
    var floor = isBuzzer() && (live.phase === 'Answering' || live.phase === 'Judged') ? live.floor : null;
    var text = '';
    var outcome = '';
    var winner = '';
    if (floor) {
      winner = floor;
      outcome = floor === teamId ? 'Won' : 'Late';
    } else if (result) {
      outcome = result.outcome;
      winner = result.winner || '';
    }
    if (outcome === 'Won') text = t('desk.won');
    else if (outcome === 'Late') text = winner ? t('desk.late', { team: teamName(winner) }) : t('desk.lateNoName');
    else if (outcome === 'Early') text = t('desk.early', { consequence: earlyText() });
    else if (outcome === 'Excluded') text = t('desk.excluded');
    else if (outcome === 'Closed') text = t('desk.closed');
    box.textContent = text;
    box.setAttribute('data-outcome', outcome);
    box.setAttribute('data-winner', winner);
    box.hidden = !text;
  }

  function renderButton() {
    var btn = $('#desk-buzz');
    var state = buzzState();
    btn.setAttribute('data-state', state);
    // 'waiting' stays pressable: a buzz before 开始 is for the server to refuse (and record), not for the page.
    // Not disabled while sending (buzz() ignores taps then): a disabled button would swallow the click of the tap
    // that is being sent. Once disabled, no click is coming, so no tap is waiting for one.
    btn.disabled = state === 'off';
    if (btn.disabled) tapping = false;
    btn.setAttribute('aria-busy', sending ? 'true' : 'false');
    var hint = '';
    if (sending) hint = t('desk.sending');
    else if (state === 'waiting') hint = t('desk.hintWaiting');
    else if (state === 'open') hint = t('desk.hintOpen');
    else if (isBuzzer() && excluded()) hint = t('desk.hintExcluded');
    $('#desk-buzz-hint').textContent = hint;
  }

  function renderQuestion() {
    var q = live.question;
    $('#desk-part').textContent = live.part ? t('desk.part.' + live.part) : '';
    $('#desk-part').hidden = !live.part;
    $('#desk-no').textContent = live.current ? t('desk.no', { no: live.current, total: live.questionCount }) : '';
    var mine = live.questionTeam && live.questionTeam === teamId;
    var phase = live.phase === 'Idle' ? t('desk.phase.Idle')
      : live.part !== 'Buzzer' && live.questionTeam ? t(mine ? 'desk.ourQuestion' : 'desk.theirQuestion', { team: teamName(live.questionTeam) })
        : t('desk.phase.' + live.phase);
    $('#desk-phase').textContent = phase;
    $('#desk-question').textContent = q ? q.stem : '';
    var opts = App.clear($('#desk-options'));
    ((q && q.options) || []).forEach(function (o, i) {
      opts.appendChild(el('li', { 'data-letter': String.fromCharCode(65 + i) }, String.fromCharCode(65 + i) + '. ' + o));
    });
    var answer = $('#desk-answer');
    answer.hidden = !live.answer;
    answer.textContent = live.answer ? t('desk.answerIs', { answer: live.answer }) + (live.explanation ? ' ' + live.explanation : '') : '';
  }

  /**
   * This team's risk question waiting for its value: StageLive.nextRisk ({questionNo, teamId}) when the stage
   * announces it; a risk question of ours on stage without its text yet is the same wait.
   */
  function riskWait() {
    if (!live || live.status !== 'Running') return null;
    var next = live.nextRisk;
    if (next && next.teamId === teamId) return { questionNo: next.questionNo, value: typeof next.value === 'number' ? next.value : null };
    if (live.part === 'Risk' && live.questionTeam === teamId && !live.question) return { questionNo: live.current, value: live.riskValue };
    return null;
  }

  function renderRisk() {
    var wait = riskWait();
    var box = $('#desk-risk');
    box.hidden = !wait;
    if (!wait) return;
    var chosen = wait.value !== null && wait.value !== undefined ? wait.value : riskChosen[wait.questionNo];
    var values = App.clear($('#desk-risk-values'));
    ((live.rules && live.rules.riskValues) || [10, 20, 30]).forEach(function (v) {
      values.appendChild(el('button', {
        type: 'button', className: 'btn btn-large desk-risk-value' + (chosen === v ? ' chosen' : ''), 'data-value': v,
        disabled: riskSending, onclick: function () { chooseRisk(wait.questionNo, v, this); }
      }, String(v)));
    });
    var note = $('#desk-risk-chosen');
    note.hidden = chosen === null || chosen === undefined;
    note.textContent = note.hidden ? '' : t('desk.riskChosen', { value: chosen });
  }

  function renderScores() {
    var list = App.clear($('#desk-scoreboard'));
    var mine = null;
    ((live && live.scores) || []).forEach(function (s) {
      if (s.teamId === teamId) mine = s;
      var change = typeof s.lastChange === 'number' && s.lastChange !== 0 ? (s.lastChange > 0 ? '+' : '−') + Math.abs(s.lastChange) : '';
      list.appendChild(el('li', { className: s.teamId === teamId ? 'me' : null, 'data-team-id': s.teamId }, [
        el('span', { className: 'desk-sb-rank', text: s.rank }),
        el('span', { className: 'desk-sb-name', text: s.name }),
        el('span', { className: 'desk-sb-points', text: s.points }),
        el('span', { className: 'desk-sb-change', text: change })
      ]));
    });
    $('#desk-score').textContent = mine ? String(mine.points) : '0';
    $('#desk-rank').textContent = mine ? t('desk.rank', { rank: mine.rank }) : '';
    var own = App.clear($('#desk-mine'));
    var changes = ((live && live.recent) || []).filter(function (c) { return c.teamId === teamId; });
    if (!changes.length) own.appendChild(el('li', { className: 'muted', text: t('desk.mineNone') }));
    changes.forEach(function (c) {
      var what = c.kind === 'judgement' ? t(c.correct ? 'desk.correct' : 'desk.wrong')
        : c.kind === 'early-buzz' ? t('desk.kind.early') : c.kind === 'correction' ? t('desk.kind.correction') : t('desk.kind.adjustment');
      own.appendChild(el('li', { 'data-kind': c.kind }, [
        c.questionNo ? t('desk.no', { no: c.questionNo, total: live.questionCount }) + ' ' : '',
        what,
        ' ',
        el('b', { text: (c.points > 0 ? '+' : c.points < 0 ? '−' : '') + Math.abs(c.points) }),
        c.reason ? el('span', { className: 'muted', text: ' ' + c.reason }) : null
      ]));
    });
  }

  function render() {
    var me = GrantAccess.profile() || {};
    $('#grant-role-line').textContent = t('desk.role') + (live ? ' · ' + teamName(teamId) : '');
    if (me.name) $('#grant-welcome').textContent = teamName(teamId) || me.name;
    var on = !!live && live.status !== 'Setup';
    $('#desk-waiting').hidden = on;
    $('#desk').hidden = !on;
    document.body.setAttribute('data-phase', live ? live.phase : '');
    if (!on) return;
    renderQuestion();
    renderRisk();
    renderButton();
    renderResult();
    renderScores();
  }

  function wire() {
    // pointerdown, not click: on a touch screen it fires as the finger lands, not when it lifts.
    // The click that follows a pointerdown is the same tap. It may never come (the button is disabled while the buzz
    // is sent), so the mark is dropped right after the pointer lifts: a click due to this tap is dispatched before that.
    var btn = $('#desk-buzz');
    var lifted = function () { setTimeout(function () { tapping = false; }, 0); };
    btn.addEventListener('pointerdown', function (e) { if (e.button === 0 || e.pointerType !== 'mouse') { tapping = true; buzz(); } });
    btn.addEventListener('pointerup', lifted);
    btn.addEventListener('pointercancel', lifted);
    btn.addEventListener('click', function () { if (tapping) { tapping = false; return; } buzz(); }); // keyboard, or a tap without pointer events
    Live.onState(function (state) { if (state === 'connected' && started) loadDesk(); });
  }

  GrantAccess.start({
    role: 'team',
    render: function () {
      if (!started) { started = true; wire(); loadDesk(); return; }
      render(); // language change, or signed in again
    }
  });
}());
