/*
 * Judge page (tablet first). Sign-in by the judge's personal link is done by grant-access.js; this page
 * then shows the case on stage and the judge's score sheet from GET /api/judge/desk, reloaded whenever the
 * stage changes (live topic stage:<roundId>). No polling once a round is known; before that, the screen's
 * topic and a slow timer find it.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var SCORABLE = { Presenting: true, Scoring: true };
  var IDLE_POLL_MS = 15000;

  var started = false;
  var desk = null;          // last desk answer {roundId, roundName, view}, null when nothing is on stage
  var followed = {};        // live topics this page follows (Live has no unsubscribe)
  var inFlight = null;      // the desk request under way
  var again = false;        // a stage update arrived while it was under way: ask once more
  var idleTimer = 0;
  var sheet = { key: null, lang: null, dirty: false, criteria: [] }; // the score sheet on the page
  var submitting = false;

  // ---------- loading ----------

  function loadDesk() {
    if (inFlight) { again = true; return inFlight; }
    inFlight = (async function () {
      try {
        do {
          again = false;
          applyDesk(await App.get('/api/judge/desk'));
        } while (again);
      } catch (err) {
        if (err.status === 401 || err.status === 403) { ended(); return; }
        App.showError(err);
        scheduleIdlePoll();
      } finally {
        inFlight = null;
      }
    }());
    return inFlight;
  }

  function applyDesk(answer) {
    desk = answer && answer.view ? answer : null;
    if (desk) follow('stage:' + desk.roundId);
    scheduleIdlePoll();
    render();
  }

  /** Until a round is on stage there is no stage topic to follow, so look again now and then. */
  function scheduleIdlePoll() {
    clearTimeout(idleTimer);
    if (desk && desk.view.phase !== 'Idle' && desk.view.phase !== 'Final') return;
    idleTimer = setTimeout(loadDesk, IDLE_POLL_MS);
  }

  function follow(topic) {
    if (followed[topic]) return;
    followed[topic] = true;
    // The stage view carries no marks of this judge: it only says "something changed", the desk says what.
    Live.subscribe(topic, function () { loadDesk(); });
  }

  function ended() {
    // The link was revoked or the session expired; grant-access.js shows the sign-in state on reload.
    desk = null;
    clearTimeout(idleTimer);
    $('#judge-desk').hidden = true;
    App.showError(t('judge.sessionEnded'));
  }

  // ---------- rendering ----------

  function fmt(n) {
    if (typeof n !== 'number' || !isFinite(n)) return '—';
    return String(Math.round(n * 100) / 100);
  }

  /** Where this judge sits for the case on stage: 'on' (may score), 'recused' (回避) or 'off' (not on its panel). */
  function seatOf(view) {
    if (view.recused) return 'recused';
    return view.onPanel ? 'on' : 'off';
  }

  function phaseText(view) {
    // "You may score" is said only to a judge who may.
    if (view.phase === 'Presenting' && seatOf(view) !== 'on') return t('judge.phase.PresentingOnly');
    return t('judge.phase.' + view.phase);
  }

  function render() {
    var v = desk ? desk.view : null;
    var showDesk = !!(v && v.phase !== 'Idle' && v.case);
    $('#grant-waiting').hidden = showDesk;
    $('#judge-desk').hidden = !showDesk;
    if (!showDesk) { sheet.key = null; return; }

    $('#judge-round').textContent = desk.roundName || '';
    var status = $('#judge-status');
    status.setAttribute('data-phase', v.phase);
    status.textContent = phaseText(v);
    $('#judge-case-title').textContent = v.case.title;
    $('#judge-case-branch').textContent = v.case.branchName || '';

    // The server decides the seat when the case comes on stage; the sheet is shown only to a judge who may score.
    var seat = seatOf(v);
    var recused = seat === 'recused';
    var seatLine = $('#judge-seat');
    seatLine.setAttribute('data-seat', seat);
    seatLine.textContent = t('judge.seat.' + seat);
    var scorable = seat === 'on' && !v.locked && SCORABLE[v.phase] === true;
    $('#judge-recused').hidden = !recused;
    if (recused) $('#judge-recused-text').textContent = t('judge.recusedText', { branch: v.case.branchName || '' });
    // Once the final ranking is up, "not on this case's panel" no longer matters: only "judging is over" does.
    var over = v.phase === 'Final';
    $('#judge-not-panel').hidden = seat !== 'off' || over;
    $('#judge-form').hidden = !scorable;
    $('#judge-readonly').hidden = scorable || recused || (seat === 'off' && !over);
    if (scorable) renderForm(v);
    else { sheet.key = null; if (!$('#judge-readonly').hidden) renderReadonly(v); }
  }

  function sheetKey(v) {
    return desk.roundId + '|' + v.case.caseId + '|' + v.rubric.map(function (c) { return c.id + ':' + c.maxPoints + ':' + c.weight; }).join(',');
  }

  function renderForm(v) {
    var key = sheetKey(v);
    var box = $('#judge-criteria');
    var mine = v.myMarks || null;
    if (key !== sheet.key || sheet.lang !== I18n.lang()) {
      // Rebuilt only for a new case, rubric or language, so other judges' submissions never disturb typing.
      var keep = {};
      if (key === sheet.key) sheet.criteria.forEach(function (c) { keep[c.id] = inputFor(c.id).value; });
      else sheet.dirty = false;
      App.clear(box);
      sheet.criteria = v.rubric.slice();
      v.rubric.forEach(function (c) { box.appendChild(buildCriterion(c)); });
      sheet.key = key;
      sheet.lang = I18n.lang();
      sheet.criteria.forEach(function (c) {
        var input = inputFor(c.id);
        if (Object.prototype.hasOwnProperty.call(keep, c.id)) input.value = keep[c.id];
        else if (mine && mine[c.id] !== undefined) input.value = String(mine[c.id]);
      });
    } else if (!sheet.dirty && mine) {
      // Marks sent from another tablet of the same judge: show them unless this one is being edited.
      sheet.criteria.forEach(function (c) { if (mine[c.id] !== undefined) inputFor(c.id).value = String(mine[c.id]); });
    }
    var button = $('#judge-submit');
    button.setAttribute('data-i18n', mine ? 'judge.amend' : 'judge.submit');
    if (!submitting) button.textContent = t(mine ? 'judge.amend' : 'judge.submit');
    recompute();
  }

  function inputFor(id) {
    var inputs = document.querySelectorAll('#judge-criteria .judge-mark');
    for (var i = 0; i < inputs.length; i++) if (inputs[i].getAttribute('data-criterion-id') === id) return inputs[i];
    return null;
  }

  function buildCriterion(c) {
    var id = 'judge-mark-' + c.id.replace(/[^\w-]/g, '_');
    var input = el('input', {
      id: id, className: 'judge-mark', 'data-criterion-id': c.id, type: 'number', inputmode: 'decimal',
      step: '0.5', min: '0', max: String(c.maxPoints), autocomplete: 'off', enterkeyhint: 'next'
    });
    input.addEventListener('input', function () { sheet.dirty = true; recompute(); });
    var label = el('label', { 'for': id, className: 'judge-criterion-label' }, [
      el('span', { className: 'judge-criterion-name', text: c.name }),
      el('span', { className: 'judge-criterion-max', text: t('judge.maxPoints', { max: c.maxPoints }) + (c.weight !== 1 ? ' · ' + t('judge.weight', { weight: c.weight }) : '') })
    ]);
    return el('div', { className: 'judge-criterion', 'data-criterion-id': c.id }, [label, input]);
  }

  /** A mark the server will take: a number from 0 to the maximum with at most one decimal. */
  function parseMark(raw, max) {
    if (raw === '' || raw === null || raw === undefined) return { empty: true };
    var value = Number(raw);
    var ok = isFinite(value) && value >= 0 && value <= max && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
    return { value: value, ok: ok };
  }

  /** Live total, validity of each mark, and whether the sheet may be sent. */
  function recompute() {
    var total = 0;
    var max = 0;
    var complete = true;
    var firstBad = null;
    sheet.criteria.forEach(function (c) {
      var input = inputFor(c.id);
      var mark = parseMark(input.value, c.maxPoints);
      // type=number reports text it cannot parse as '' with badInput set: that is a bad mark, not a missing one.
      var bad = (input.validity && input.validity.badInput) || (!mark.empty && !mark.ok);
      input.setAttribute('aria-invalid', bad ? 'true' : 'false');
      if (bad && !firstBad) firstBad = c;
      if (mark.empty || bad) complete = false;
      else total += c.weight * mark.value;
      max += c.weight * c.maxPoints;
    });
    $('#judge-total').textContent = fmt(total);
    $('#judge-total-max').textContent = '/ ' + fmt(max);
    var v = desk && desk.view;
    var note = $('#judge-form-note');
    note.setAttribute('data-kind', firstBad ? 'error' : '');
    if (firstBad) note.textContent = t('judge.markInvalid', { name: firstBad.name, max: firstBad.maxPoints });
    else if (!complete) note.textContent = t('judge.fillAll');
    else if (v && v.myMarks && !sheet.dirty) note.textContent = t('judge.submittedNote');
    else note.textContent = t('judge.readyNote');
    $('#judge-submit').disabled = submitting || !complete;
  }

  function renderReadonly(v) {
    var mine = v.myMarks || null;
    $('#judge-readonly-title').textContent = t('judge.yourMarks');
    var table = App.clear($('#judge-marks-table'));
    table.hidden = !mine;
    if (mine) {
      var total = 0;
      var body = el('tbody');
      v.rubric.forEach(function (c) {
        var mark = mine[c.id];
        if (typeof mark === 'number') total += c.weight * mark;
        body.appendChild(el('tr', { 'data-criterion-id': c.id }, [
          el('td', { text: c.name }),
          el('td', { className: 'num' }, [el('b', { text: fmt(mark) }), el('span', { className: 'muted', text: ' / ' + c.maxPoints })])
        ]));
      });
      table.appendChild(body);
      table.appendChild(el('tfoot', null, el('tr', null, [
        el('th', { text: t('judge.totalLabel') }),
        el('th', { className: 'num', text: fmt(total) })
      ])));
    }
    var note = [];
    if (!mine) note.push(t('judge.noMarks'));
    if (v.phase === 'Final') note.push(t('judge.finalNote'));
    else if (v.locked || v.phase === 'Revealed') note.push(t('judge.lockedNote'));
    $('#judge-readonly-note').textContent = note.join(' ');
  }

  // ---------- submitting ----------

  $('#judge-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var button = $('#judge-submit');
    if (button.disabled || !desk || submitting) return;
    var v = desk.view;
    var roundId = desk.roundId;
    var marks = {};
    sheet.criteria.forEach(function (c) { marks[c.id] = Number(inputFor(c.id).value); });
    var amending = !!v.myMarks;
    submitting = true;
    try {
      // Sending the same marks twice is harmless (it is recorded as an unchanged amendment), so retry a lost answer.
      var view = await App.busy(button, 'judge.submitting', function () {
        return App.post('/api/judge/rounds/' + encodeURIComponent(roundId) + '/scores', { caseId: v.case.caseId, marks: marks }, { retries: 2 });
      });
      submitting = false;
      App.clearError();
      sheet.dirty = false;
      if (desk && desk.roundId === roundId && view) desk.view = view;
      App.toast(t(amending ? 'judge.amended' : 'judge.saved'));
      render();
    } catch (err) {
      submitting = false;
      App.showError(err);
      if (err.status === 401 || err.status === 403) { ended(); return; }
      // Recused, locked or moved on: the desk says what the stage is now.
      if (err.status === 409 || err.status === 404) loadDesk();
      else recompute();
    }
  });

  // ---------- start ----------

  function startDesk() {
    Live.onError(function (err, kind) {
      if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
    });
    // The big screen names the round it shows: follow that round's stage even before this desk has a case.
    Live.subscribe('screen:main', function (screen) {
      if (screen && screen.roundId && !followed['stage:' + screen.roundId]) follow('stage:' + screen.roundId);
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && GrantAccess.profile()) loadDesk();
    });
    loadDesk();
  }

  GrantAccess.start({
    role: 'judge',
    render: function (me) {
      $('#grant-role-line').textContent = t('grant.roleJudge');
      $('#grant-waiting-title').textContent = t('judge.waiting');
      if (!started) { started = true; startDesk(); return; }
      render();      // language change: labels
      loadDesk();    // or signed in again, perhaps as someone else
    }
  });
}());
