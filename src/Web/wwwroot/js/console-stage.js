/*
 * Case selection, tab "stage": runs the live judging of a LiveFinal round. The organiser puts one case
 * on stage at a time and moves it Presenting → Scoring → Revealed (which locks its scores), and at the
 * end to the final ranking. Follows "stage:{roundId}" for the phase and the judges' progress, and reads
 * /scores for who has submitted and each case's locked judge score.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var S = ConsoleSelection;
  var R = ConsoleRounds;

  var roundId = null;
  var stage = null;       // StageView, from the live topic or the round details
  var scores = {};        // caseId -> CaseScores
  var followed = {};
  var scoresTimer = 0;

  function liveRounds() {
    return ((S.ev && S.ev.roundIds) || []).filter(function (id) {
      var d = R.details[id];
      return d && d.round.settings.kind === 'LiveFinal';
    });
  }

  /** HTTP replies, round details and pushes race: keep the newest stage by its ledger version. */
  function take(p) {
    if (!p || (p.roundId && p.roundId !== roundId)) return false;
    if (stage && typeof p.version === 'number' && typeof stage.version === 'number' && p.version < stage.version) return false;
    stage = p;
    return true;
  }

  function phaseName(p) { return t('stage.phase.' + (p || 'Idle')); }

  async function loadScores() {
    var id = roundId;
    if (!id) return;
    try {
      var list = await App.get(R.api(id, '/scores'));
      if (id !== roundId) return;
      scores = {};
      (list || []).forEach(function (s) { scores[s.caseId] = s; });
      render();
    } catch (err) { C.handle(err); }
  }

  function scheduleScores() {
    if (scoresTimer) return;
    scoresTimer = setTimeout(function () { scoresTimer = 0; if (S.active('stage')) loadScores(); }, 400);
  }

  function follow(id) {
    if (followed[id]) return;
    followed[id] = true;
    Live.subscribe('stage:' + id, function (p) {
      if (id !== roundId || !take(p)) return;
      render();
      scheduleScores();
    });
  }

  // ---------- rendering ----------

  function renderRoundSelect(ids) {
    var select = App.clear($('#stage-round'));
    ids.forEach(function (id) {
      select.appendChild(el('option', { value: id, selected: id === roundId }, R.details[id].round.settings.name));
    });
  }

  function renderNow() {
    var phase = stage ? stage.phase : 'Idle';
    var badge = $('#sc-phase');
    badge.textContent = phaseName(phase);
    badge.className = 'badge badge-stage-' + phase.toLowerCase();
    var c = stage && stage.case;
    $('#sc-case').textContent = c ? c.title + ' · ' + c.branchName : t('stage.nobody');

    var progress = $('#stage-progress');
    if (!c) progress.textContent = '';
    else if (!stage.expected) progress.textContent = t('stage.noJudges');
    else progress.textContent = t('stage.progress', { n: stage.submitted, m: stage.expected });

    var recused = $('#sc-recused');
    recused.hidden = !(stage && stage.recused && stage.recused.length);
    recused.textContent = recused.hidden ? '' : t('stage.recused', { names: stage.recused.join('、') });

    // Before the reveal the organiser sees who has submitted, never the values.
    var mine = c ? scores[c.caseId] : null;
    var who = $('#sc-submitters');
    var hidden = phase === 'Revealed' || phase === 'Final' || !mine || !mine.marks.length;
    who.hidden = hidden;
    who.textContent = hidden ? '' : t('stage.submitted', { names: mine.marks.map(function (m) { return m.judgeName; }).join('、') });

    var marks = App.clear($('#sc-marks'));
    var revealed = !!(stage && stage.marks);
    marks.hidden = !revealed;
    $('#sc-result').hidden = !revealed;
    if (revealed) {
      stage.marks.forEach(function (m) {
        var value = el(m.dropped ? 's' : 'span', { className: 'sc-mark-total', text: S.fmt2(m.total) });
        marks.appendChild(el('li', { className: (m.dropped ? 'sc-dropped' : '') + (m.replaced ? ' sc-replaced' : '') }, [
          el('span', { className: 'sc-mark-name', text: m.judgeName }),
          value,
          m.replaced ? el('span', { className: 'muted', text: t('stage.replaced') }) : null,
          m.dropped ? el('span', { className: 'muted', text: t('stage.dropped') }) : null
        ]));
      });
      // The result is the judge score on 0–100; on another rubric scale the mean it comes from is shown too.
      var k = typeof stage.trimK === 'number' ? stage.trimK : 0;
      var scaled = typeof stage.maxTotal === 'number' && stage.maxTotal !== 100 && stage.meanTotal !== null && stage.meanTotal !== undefined;
      $('#sc-result').textContent = (scaled
        ? t('stage.resultScaled', { mean: S.fmt2(stage.meanTotal), max: String(stage.maxTotal), score: S.fmt2(stage.result) })
        : t('stage.result', { score: S.fmt2(stage.result) }))
        + (stage.shortOfTrim && k ? '　' + t('stage.noDrop', { n: 2 * k + 3 }) : '');
    }

    $('#stage-scoring').disabled = phase !== 'Presenting';
    $('#stage-reveal').disabled = !(phase === 'Presenting' || phase === 'Scoring');
    $('#stage-final').disabled = phase === 'Final';
  }

  function caseState(c) {
    var s = scores[c.caseId];
    var onStage = stage && stage.case && stage.case.caseId === c.caseId && stage.phase !== 'Final' && stage.phase !== 'Idle';
    if (onStage) return t('stage.onStage', { phase: phaseName(stage.phase) });
    if (s && s.locked) return t('stage.locked');
    if (s && s.marks.length) return t('stage.partial', { n: s.marks.length });
    return t('stage.waiting');
  }

  function renderTable(d) {
    var tbody = App.clear($('#stage-table tbody'));
    d.round.cases.forEach(function (c, i) {
      var s = scores[c.caseId];
      var locked = !!(s && s.locked);
      var current = stage && stage.case && stage.case.caseId === c.caseId && (stage.phase === 'Presenting' || stage.phase === 'Scoring');
      tbody.appendChild(el('tr', { 'data-case-id': c.caseId, className: current ? 'on-stage' : '' }, [
        el('td', { className: 'num', text: String(i + 1) }),
        el('td', { text: c.title }),
        el('td', { text: c.branchName }),
        el('td', { text: caseState(c) }),
        el('td', { className: 'num', text: locked ? S.fmt2(s.judgeScore) : '—' }),
        el('td', { className: 'actions' }, el('button', {
          type: 'button', className: 'btn btn-small stage-present', 'data-case-id': c.caseId,
          disabled: locked || current, text: t('stage.present'),
          onclick: function () { present(c, this); }
        }))
      ]));
    });
  }

  function render() {
    if (!S.active('stage')) return;
    var ids = liveRounds();
    var waiting = ((S.ev && S.ev.roundIds) || []).some(function (id) { return !R.details[id]; });
    $('#stage-none').hidden = ids.length > 0 || waiting;
    $('#stage-body').hidden = !ids.length;
    if (!ids.length) return;
    var pending = roundId && !R.details[roundId]; // asked for by the address, details still on their way
    if (!roundId || (!pending && ids.indexOf(roundId) < 0)) { select(ids[ids.length - 1]); return; }
    if (pending) return;
    renderRoundSelect(ids);
    var d = R.details[roundId];
    take(d.stage);
    renderNow();
    renderTable(d);
  }

  function select(id) {
    if (id !== roundId) { roundId = id; stage = null; scores = {}; }
    var d = R.details[id];
    if (d) take(d.stage);
    follow(id);
    loadScores();
    render();
    if (w.ConsoleJudgePanel) w.ConsoleJudgePanel.show(id);
  }

  // ---------- commands ----------

  async function present(c, btn) {
    var busy = stage && stage.case && stage.case.caseId !== c.caseId && (stage.phase === 'Presenting' || stage.phase === 'Scoring');
    if (busy && !w.confirm(t('stage.switchConfirm', { title: stage.case.title }))) return;
    try {
      take(await App.busy(btn, null, function () { return App.post(R.api(roundId, '/stage'), { caseId: c.caseId }); }));
      App.clearError();
      render();
      loadScores();
    } catch (err) { C.handle(err); }
  }

  async function advance(phase, btn) {
    if (phase === 'Revealed') {
      var left = stage ? Math.max(0, stage.expected - stage.submitted) : 0;
      var msg = t('stage.revealConfirm', { title: stage && stage.case ? stage.case.title : '' });
      if (left) msg = t('stage.revealMissing', { n: left }) + '\n\n' + msg;
      if (!w.confirm(msg)) return;
    }
    if (phase === 'Final' && !w.confirm(t('stage.finalConfirm'))) return;
    try {
      take(await App.busy(btn, null, function () { return App.post(R.api(roundId, '/stage/phase'), { phase: phase }); }));
      App.clearError();
      render();
      loadScores();
    } catch (err) { C.handle(err); }
  }

  $('#stage-scoring').addEventListener('click', function () { advance('Scoring', this); });
  $('#stage-reveal').addEventListener('click', function () { advance('Revealed', this); });
  $('#stage-final').addEventListener('click', function () { advance('Final', this); });
  $('#stage-round').addEventListener('change', function () { w.location.hash = S.href('stage', this.value); });
  $('#stage-screen').addEventListener('click', function () {
    var d = R.details[roundId];
    if (d) R.toScreen(d.round, 'Judging', this);
  });

  S.tab('stage', {
    show: function (sub) {
      ((S.ev && S.ev.roundIds) || []).forEach(function (id) { if (!R.details[id]) R.loadRound(id); });
      if (sub && sub !== roundId) { roundId = null; select(sub); } else if (roundId) select(roundId); else render();
    }
  });
  // Round details arrive one by one (console-rounds.js re-renders the stage as they do).
  S.onEvent(function () { if (S.active('stage')) render(); });
  S.onSwitch(function () {
    roundId = null;
    stage = null;
    scores = {};
    $('#stage-body').hidden = true;
    App.clear($('#stage-table tbody'));
  });
  I18n.onChange(function () { render(); });

  w.ConsoleStage = { render: render };
}(window));
