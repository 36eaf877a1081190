/*
 * Tournament tab "tables": the group tables (with the criterion that separated each place), each group's
 * matches, and the knockout as lists by stage; and the correction of a finished result: winner and set
 * scores → the plan (which later matches would be reset) → confirm. POST …/matches/{id}/correction.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var T = ConsoleTournament;

  var correcting = null; // the Fixture being corrected
  var planned = false;   // the plan shown matches the form; editing the form asks for a new one

  // ======================= tab "tables": group tables, bracket, results =======================

  function cell(text, cls) { return el('td', { className: cls || null, text: text }); }

  function groupTable(g) {
    var advance = T.view.setup && T.view.setup.format === 'GroupsThenKnockout' ? T.view.setup.advancePerGroup : 0;
    var rows = g.standings.map(function (s) {
      var note = s.tied ? t('tour.tied') : (s.decidedBy ? t('tour.decidedBy', { criterion: t('tour.crit.' + s.decidedBy) }) : '');
      // Through only once decided (the server's Qualification rule); a top place that could still change is 暂列.
      var q = advance > 0 ? s.qualification : null;
      if (q === 'qualified') note = t('tour.qualified') + (note ? ' · ' + note : '');
      else if (q === 'provisional' && s.played > 0 && s.position <= advance) note = t('tour.provisional') + (note ? ' · ' + note : '');
      return el('tr', { 'data-team-id': s.teamId, 'data-qualification': q || null, className: q === 'qualified' ? 'tour-advances' : null }, [
        cell(String(s.position), 'num'),
        el('td', { className: 'tour-team' }, T.teamName(s.teamId)),
        cell(String(s.played), 'num'), cell(String(s.won), 'num'), cell(String(s.lost), 'num'),
        el('td', { className: 'num tour-points' }, String(s.matchPoints)),
        cell(s.setsWon + ':' + s.setsLost, 'num'), cell(s.setQuotient, 'num'),
        cell(s.pointsWon + ':' + s.pointsLost, 'num'), cell(s.pointsQuotient, 'num'),
        cell(note, 'muted tour-note')
      ]);
    });
    var head = ['#', 'tour.colTeam', 'tour.colPlayed', 'tour.colWon', 'tour.colLost', 'tour.colPoints', 'tour.colSets', 'tour.colC', 'tour.colRallies', 'tour.colZ', 'tour.colNote'];
    return el('table', { className: 'data tour-standings', 'data-group': g.name }, [
      el('thead', null, el('tr', null, head.map(function (k, i) {
        return el('th', { scope: 'col', className: i === 1 || i === 10 ? null : 'num', text: k === '#' ? '#' : t(k) });
      }))),
      el('tbody', null, rows)
    ]);
  }

  /** One line per match: teams, score, state and, once played, the correction button. */
  function matchTable(list) {
    return el('table', { className: 'data tour-results' }, el('tbody', null, list.map(function (m) {
      var winA = m.winner && m.winner === m.teamA;
      var winB = m.winner && m.winner === m.teamB;
      return el('tr', { 'data-match-id': m.matchId, 'data-status': m.status }, [
        el('td', { className: 'tour-label', text: T.label(m) }),
        el('td', { className: 'tour-side' + (winA ? ' tour-winner' : '') + (m.teamA ? '' : ' muted'), text: T.side(m, 'A') }),
        el('td', { className: 'tour-score num', text: T.scoreText(m) || t('tour.vs') }),
        el('td', { className: 'tour-side' + (winB ? ' tour-winner' : '') + (m.teamB ? '' : ' muted'), text: T.side(m, 'B') }),
        el('td', null, m.problem ? [T.badge(m.status), ' ', el('span', { className: 'badge badge-invalid-result', title: m.problem, text: t('tour.invalidResult') })] : T.badge(m.status)),
        el('td', { className: 'actions' }, m.status === 'Completed' ? T.correctButton(m) : null)
      ]);
    })));
  }

  T.correctButton = function (m) {
    return el('button', {
      type: 'button', className: 'btn btn-small btn-secondary match-correct', 'data-match-id': m.matchId, text: t('tour.correct'),
      onclick: function () { openCorrection(m.matchId); }
    });
  };

  var STAGES = ['Main', 'ThirdPlace', 'Winners', 'Losers', 'GrandFinal', 'GrandFinalReset'];

  function renderTables() {
    var box = App.clear($('#tour-tables'));
    var v = T.view;
    if (!v || v.status === 'Setup') { box.appendChild(el('p', { className: 'card muted', text: t('tour.notStarted') })); return; }
    v.groups.forEach(function (g) {
      var matches = v.matches.filter(function (m) { return m.stage === 'group' && m.group === g.name; });
      box.appendChild(el('section', { className: 'card tour-group', 'data-group': g.name }, [
        el('div', { className: 'row-between' }, [
          el('h2', { text: v.groups.length > 1 ? t('tour.group', { group: g.name }) : t('tour.table') }),
          el('span', { className: 'muted', text: g.problem ? t('tour.groupUnranked') : g.complete ? t('tour.groupDone') : t('tour.groupPlaying') })
        ]),
        el('div', { className: 'table-wrap' }, groupTable(g)),
        el('details', { className: 'tour-group-matches' }, [
          el('summary', { text: t('tour.groupMatches', { n: matches.length }) }),
          el('div', { className: 'table-wrap' }, matchTable(matches))
        ])
      ]));
    });
    if (v.groups.length) box.appendChild(el('p', { className: 'muted tour-criteria-note', text: t('tour.criteriaNote', { list: criteriaText(v.setup) }) }));
    if (v.setup) box.appendChild(el('p', { className: 'muted tour-criteria-note', text: T.rulesText(v.setup.rules) }));
    STAGES.forEach(function (stage) {
      var list = v.matches.filter(function (m) { return m.stage === stage; });
      if (!list.length) return;
      list.sort(function (a, b) { return a.round - b.round || (a.matchId < b.matchId ? -1 : 1); });
      box.appendChild(el('section', { className: 'card tour-bracket', 'data-stage': stage }, [
        el('h2', { text: t('tour.stage.' + stage) }),
        el('div', { className: 'table-wrap' }, matchTable(list))
      ]));
    });
  }

  function criteriaText(setup) {
    var list = setup && setup.criteria && setup.criteria.length ? setup.criteria : T.defaultCriteria;
    return list.map(function (c) { return t('tour.crit.' + c); }).join(' → ');
  }

  // ======================= correction =======================

  var dialog = $('#correction-dialog');

  function readSets() {
    return Array.prototype.map.call(document.querySelectorAll('#correction-sets tbody tr'), function (row) {
      return { a: parseInt($('.set-a', row).value, 10), b: parseInt($('.set-b', row).value, 10) };
    });
  }

  function winner() {
    var picked = document.querySelector('#correction-winner input:checked');
    return picked ? picked.value : null;
  }

  function unplan() {
    planned = false;
    $('#correction-confirm').disabled = true;
    $('#correction-plan').hidden = true;
    $('#correction-error').hidden = true;
  }

  function setRow(set, i) {
    var forfeit = $('#correction-ending').value === 'Forfeited';
    var input = function (cls, side, value) {
      return el('input', { type: 'number', className: cls, min: 0, max: 99, step: 1, required: true, disabled: forfeit, value: value,
        'aria-label': t('tour.setSide', { n: i + 1, team: side }), oninput: function () { unplan(); suggestWinner(); } });
    };
    return el('tr', null, [
      el('th', { scope: 'row', text: t('tour.setNo', { n: i + 1 }) }),
      el('td', null, input('set-a', T.side(correcting, 'A'), set.a)),
      el('td', null, input('set-b', T.side(correcting, 'B'), set.b)),
      el('td', { className: 'actions' }, forfeit ? null : el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'),
        onclick: function () { var sets = readSets(); sets.splice(i, 1); renderSets(sets); unplan(); suggestWinner(); } }))
    ]);
  }

  function renderSets(sets) {
    var tbody = App.clear($('#correction-sets tbody'));
    sets.forEach(function (s, i) { tbody.appendChild(setRow(s, i)); });
    $('#correction-add-set').disabled = $('#correction-ending').value === 'Forfeited';
  }

  /** The team that won more sets is the winner; the organiser can still pick another, and the server checks. */
  function suggestWinner() {
    var a = 0;
    var b = 0;
    readSets().forEach(function (s) { if (s.a > s.b) a++; else if (s.b > s.a) b++; });
    if (a === b) return;
    var id = a > b ? correcting.teamA : correcting.teamB;
    var box = document.querySelector('#correction-winner input[value="' + id + '"]');
    if (box) box.checked = true;
  }

  /**
   * A forfeit counts as every set the winner needs lost 0 to that set's target, as the server's rules define it
   * (SetRules.ForfeitSets): the deciding set (the last possible one, 2 × setsToWin − 1) is played to its own
   * target, so a best of 1 forfeits 15:0, not 21:0.
   */
  function forfeitSets() {
    var r = T.view.setup.rules;
    var aWins = winner() === correcting.teamA;
    var deciding = 2 * r.setsToWin - 1;
    var sets = [];
    for (var n = 1; n <= r.setsToWin; n++) {
      var target = n === deciding ? r.decidingSetPoints : r.pointsPerSet;
      sets.push(aWins ? { a: target, b: 0 } : { a: 0, b: target });
    }
    return sets;
  }

  function openCorrection(matchId) {
    var m = T.match(matchId);
    if (!m || !m.teamA || !m.teamB) return;
    correcting = m;
    $('#correction-match').textContent = T.label(m) + ' · ' + T.side(m, 'A') + ' ' + t('tour.vs') + ' ' + T.side(m, 'B') + (m.sets.length ? ' · ' + T.score(m) : '');
    var box = App.clear($('#correction-winner'));
    [m.teamA, m.teamB].forEach(function (id) {
      box.appendChild(el('label', { className: 'check' }, [
        el('input', { type: 'radio', name: 'correction-winner', value: id, checked: m.winner === id, onchange: function () {
          unplan();
          if ($('#correction-ending').value === 'Forfeited') renderSets(forfeitSets());
        } }), ' ' + T.teamName(id)]));
    });
    $('#correction-ending').value = m.ending === 'Forfeited' || m.ending === 'Retired' ? m.ending : 'Finished';
    $('#correction-team-a').textContent = T.side(m, 'A');
    $('#correction-team-b').textContent = T.side(m, 'B');
    renderSets(m.sets.length ? m.sets : [{ a: 0, b: 0 }, { a: 0, b: 0 }]);
    unplan();
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute('open', '');
  }

  function closeCorrection() {
    correcting = null;
    if (!$('#correction-error').hidden) App.clearError(); // the banner only repeated the dialog's own error
    if (dialog.close) dialog.close(); else dialog.removeAttribute('open');
  }

  function failed(err) {
    C.handle(err);
    var box = $('#correction-error');
    box.textContent = App.errorMessage(err);
    box.hidden = false; // #error sits behind the modal dialog
  }

  function correctionBody(confirm) {
    return { winner: winner(), sets: readSets(), ending: $('#correction-ending').value, confirm: confirm };
  }

  function showPlan(plan) {
    var box = App.clear($('#correction-plan'));
    box.appendChild(el('p', { className: 'correction-winner-change', text: t(plan.winnerChanges ? 'tour.planWinnerChanges' : 'tour.planWinnerSame') }));
    if (plan.resetMatches.length) {
      box.appendChild(el('p', { className: 'correction-warn', text: t('tour.planReset', { n: plan.resetMatches.length }) }));
      box.appendChild(el('ul', { className: 'correction-reset' }, plan.resetMatches.map(function (id) {
        var r = T.match(id);
        return el('li', { 'data-match-id': id, text: r ? T.label(r) + ' · ' + T.side(r, 'A') + ' ' + t('tour.vs') + ' ' + T.side(r, 'B') : id });
      })));
    } else {
      box.appendChild(el('p', { text: t('tour.planNoReset') }));
    }
    box.hidden = false;
  }

  $('#correction-check').addEventListener('click', async function () {
    if (!correcting) return;
    if (!$('#correction-form').reportValidity()) return;
    if (!winner()) { failed(t('tour.pickWinner')); return; }
    var id = correcting.matchId;
    try {
      var plan = await App.busy(this, null, function () { return App.post(T.api('/matches/' + C.enc(id) + '/correction'), correctionBody(false)); });
      if (!correcting || correcting.matchId !== id) return;
      App.clearError();
      $('#correction-error').hidden = true;
      showPlan(plan);
      planned = true;
      $('#correction-confirm').disabled = false;
    } catch (err) { failed(err); }
  });

  $('#correction-confirm').addEventListener('click', async function () {
    if (!correcting || !planned) return;
    var m = correcting;
    try {
      var view = await App.busy(this, null, function () { return App.post(T.api('/matches/' + C.enc(m.matchId) + '/correction'), correctionBody(true)); });
      App.clearError();
      closeCorrection();
      T.take(view);
      App.toast(t('tour.corrected', { match: T.label(m) }));
    } catch (err) { failed(err); }
  });

  $('#correction-ending').addEventListener('change', function () {
    unplan();
    renderSets(this.value === 'Forfeited' ? forfeitSets() : (correcting.sets.length ? correcting.sets : [{ a: 0, b: 0 }, { a: 0, b: 0 }]));
  });
  $('#correction-add-set').addEventListener('click', function () { var sets = readSets(); sets.push({ a: 0, b: 0 }); renderSets(sets); unplan(); });
  $('#correction-cancel').addEventListener('click', closeCorrection);
  // Enter in a score field would submit the method="dialog" form and close it: check the plan instead.
  $('#correction-form').addEventListener('submit', function (e) { e.preventDefault(); $('#correction-check').click(); });
  dialog.addEventListener('close', function () { correcting = null; });

  // ---- issue 10 §4: print and export links, once the tournament has matches ----
  function paperLinks(view) {
    var box = $('#tour-paper');
    box.hidden = !view || view.status === 'Setup';
    if (box.hidden) return;
    Array.prototype.forEach.call(box.querySelectorAll('a[data-paper]'), function (a) {
      a.setAttribute('href', 'print.html?t=' + C.enc(T.id) + '&doc=' + a.getAttribute('data-paper'));
    });
    $('#tour-export').setAttribute('href', T.api('/export.xlsx'));
  }
  T.onView(paperLinks);
  T.onSwitch(function () { $('#tour-paper').hidden = true; });

  T.tab('tables', { show: function () { renderTables(); T.pollLive(); } });
  T.onView(function () { if (T.active('tables')) renderTables(); });
  T.onSwitch(function () { if (correcting) closeCorrection(); });
}(window));
