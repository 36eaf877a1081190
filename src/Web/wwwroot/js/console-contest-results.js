/*
 * A contest's results: the hall round's standings (members, branches, districts, by the contest's ranking rule)
 * from GET /api/contests/{id}/record, the stage final's scoreboard, the workbook (…/export.xlsx) and the printed
 * results (print.html?c=ID); the prize-giving on the big screen "main" (the top places revealed from the last one
 * up, PUT /api/screens/main/ranking); and the audit of both ledger streams (GET …/audit) against the final hashes.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var K = ConsoleContest;

  var record = null;
  var stage = null;
  var audit = null;
  var screen = null; // the main screen's state: its mode, contest and ceremony step

  function two(n) { return typeof n === 'number' ? n.toFixed(2) : '—'; }
  function pct(n) { return typeof n === 'number' ? (n * 100).toFixed(1) + '%' : '—'; }
  function secs(ms) { return typeof ms === 'number' ? (ms / 1000).toFixed(1) : '—'; }

  function branchName(id) {
    var b = C.branchById(id);
    if (b) return b.name;
    var fromRecord = ((record && record.branches) || []).filter(function (x) { return String(x.branchId) === String(id); })[0];
    return fromRecord ? fromRecord.name : (id || '—');
  }

  function table(id, titleKey, heads, rows, empty) {
    var thead = el('thead', null, el('tr', null, heads.map(function (h) {
      return el('th', { scope: 'col', className: h.num ? 'num' : null, text: t(h.key) });
    })));
    var tbody = el('tbody');
    if (!rows.length) tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: heads.length, text: t(empty) })));
    rows.forEach(function (cells) {
      tbody.appendChild(el('tr', null, cells.map(function (c, i) { return el('td', { className: heads[i].num ? 'num' : null, text: c }); })));
    });
    return el('div', { className: 'card' }, [
      el('h2', { text: t(titleKey) }),
      el('div', { className: 'table-wrap' }, el('table', { className: 'data', id: id }, [thead, tbody]))
    ]);
  }

  function groupRows(list, withDistrict) {
    return (list || []).map(function (g) {
      var cells = [g.rank, g.name || g.key];
      if (withDistrict) cells.push(g.district || '');
      return cells.concat([g.participants + ' / ' + g.eligible, pct(g.participationRate), two(g.average), two(g.score), two(g.averageCorrect)]);
    });
  }

  function render() {
    var box = App.clear($('#kc-results-tables'));
    var v = K.view;
    var state = $('#kc-results-state');
    var hash = $('#kc-results-hash');
    hash.hidden = true;
    if (!v) return;
    $('#kc-print').href = 'print.html?c=' + C.enc(K.id);
    var s = record && record.standings;
    state.textContent = !s || !s.afterQuestion ? t('kc.resultsNone')
      : t(v.status === 'Finished' ? 'kc.resultsFinal' : 'kc.resultsAfter', { n: s.afterQuestion, total: (v.questions || []).length, rule: t('kc.ranking.' + v.settings.ranking) });
    var finalHash = v.live && v.live.finalHash;
    if (finalHash) { hash.textContent = t('kc.finalHash', { hash: finalHash }); hash.hidden = false; }
    if (s) {
      var groupHeads = [{ key: 'kc.col.rank', num: true }, { key: 'kc.col.name' }, { key: 'kc.col.taking', num: true }, { key: 'kc.col.rate', num: true },
        { key: 'kc.col.average', num: true }, { key: 'kc.col.score', num: true }, { key: 'kc.col.correctAvg', num: true }];
      box.appendChild(table('kc-branch-standings', 'kc.branchStandings',
        groupHeads.slice(0, 2).concat([{ key: 'table.district' }], groupHeads.slice(2)), groupRows(s.branches, true), 'kc.resultsEmpty'));
      box.appendChild(table('kc-district-standings', 'kc.districtStandings', groupHeads, groupRows(s.districts, false), 'kc.resultsEmpty'));
      box.appendChild(table('kc-member-standings', 'kc.memberStandings',
        [{ key: 'kc.col.rank', num: true }, { key: 'col.name' }, { key: 'col.memberNo' }, { key: 'kc.col.branch' }, { key: 'kc.col.points', num: true },
          { key: 'kc.col.correct', num: true }, { key: 'kc.col.time', num: true }],
        (s.members || []).map(function (m) { return [m.rank, m.name, m.memberNo, branchName(m.branchId), m.points, m.correct + ' / ' + m.answered, secs(m.timeMs)]; }),
        'kc.resultsEmpty'));
    }
    renderCeremony();
    renderAudit();
    var scores = stage && stage.live && stage.live.scores;
    if (scores && scores.length) {
      box.appendChild(table('kc-stage-standings', 'kc.stageStandings',
        [{ key: 'kc.col.rank', num: true }, { key: 'tour.teamName' }, { key: 'kc.col.points', num: true }],
        scores.map(function (x) { return [x.rank, x.name, x.points]; }), 'kc.resultsEmpty'));
    }
  }

  // ---------- prize-giving on the big screen ----------

  function places() {
    var live = K.view && K.view.live;
    return (live && live.standings && live.standings.members) || [];
  }

  function renderCeremony() {
    var v = K.view;
    var card = $('#kc-ceremony');
    card.hidden = !v || v.status !== 'Finished' || !places().length;
    if (card.hidden) return;
    var total = places().length;
    var onScreen = !!screen && screen.mode === 'Contest' && screen.roundId === K.id;
    var step = screen && screen.ranking;
    var revealed = step && typeof step.revealed === 'number' && step.revealed < total ? step.revealed : null;
    $('#kc-ceremony-state').textContent = !onScreen ? t('kc.ceremonyOffScreen')
      : revealed === null ? t('kc.ceremonyAllShown', { total: total }) : t('kc.ceremonyAt', { revealed: revealed, total: total });
    card.setAttribute('data-revealed', revealed === null ? 'all' : String(revealed));
    $('#kc-ceremony-next').disabled = !onScreen || revealed === null;
    $('#kc-ceremony-all').disabled = !onScreen || revealed === null;
    $('#kc-ceremony-start').disabled = !onScreen;
  }

  function ceremony(action) {
    return async function (e) {
      var total = places().length;
      var step = screen && screen.ranking;
      var revealed = step && typeof step.revealed === 'number' && step.revealed < total ? step.revealed : null;
      var next = action === 'start' ? 0 : action === 'all' || revealed === null || revealed + 1 >= total ? null : revealed + 1;
      try {
        screen = await App.busy(e.currentTarget, null, function () { return App.put('/api/screens/main/ranking', { revealed: next, page: 0 }); });
        App.clearError();
        renderCeremony();
      } catch (err) { C.handle(err); }
    };
  }

  // ---------- audit ----------

  function renderAudit() {
    var card = $('#kc-audit');
    var box = App.clear($('#kc-audit-streams'));
    card.hidden = !audit;
    if (!audit) return;
    var published = [K.view && K.view.live && K.view.live.finalHash, stage && stage.live && stage.live.finalHash];
    audit.forEach(function (trail, i) {
      var stageStream = /:stage$/.test(trail.stream);
      if (stageStream && !trail.count) return; // no stage final: nothing recorded
      var finalHash = published[stageStream ? 1 : 0];
      var intact = trail.firstBroken === null || trail.firstBroken === undefined;
      box.appendChild(el('div', { className: 'kc-audit-stream', 'data-stream': stageStream ? 'stage' : 'hall', 'data-intact': String(intact) }, [
        el('h3', { text: t(stageStream ? 'kc.auditStage' : 'kc.auditHall') }),
        el('p', { className: 'mono', text: trail.stream + ' · ' + t('kc.auditCount', { n: trail.count }) }),
        el('p', { className: 'mono kc-audit-head', text: t('kc.auditHead', { hash: trail.head || '—' }) }),
        el('p', { className: intact ? 'kc-audit-ok' : 'notice-warn', 'data-check': 'chain',
          text: intact ? t('kc.auditIntact') : t('kc.auditBroken', { n: trail.firstBroken }) }),
        el('p', { className: !finalHash ? 'muted' : finalHash === trail.head ? 'kc-audit-ok' : 'notice-warn', 'data-check': 'final',
          text: !finalHash ? t('kc.auditNoFinal') : finalHash === trail.head ? t('kc.auditFinalMatches') : t('kc.auditFinalDiffers', { hash: finalHash }) })
      ]));
    });
  }

  async function load() {
    var id = K.id;
    var got = await Promise.all([
      App.get(K.api('/record')).catch(function (err) { if (err.status !== 404 && err.status !== 409) C.handle(err); return null; }),
      App.get(K.api('/stage')).catch(function () { return null; }),
      App.get(K.api('/audit?limit=1')).catch(function (err) { if (err.status !== 404) C.handle(err); return null; }),
      App.get('/api/screens/main').catch(function () { return null; })
    ]);
    if (id !== K.id) return;
    record = got[0];
    stage = got[1];
    audit = got[2];
    screen = got[3];
    render();
  }

  $('#kc-ceremony-next').addEventListener('click', ceremony('next'));
  $('#kc-ceremony-all').addEventListener('click', ceremony('all'));
  $('#kc-ceremony-start').addEventListener('click', ceremony('start'));

  K.tab('results', { show: function () { render(); load(); } });
  C.onOrg(function () { if (C.current === 'contest' && K.tabName === 'results' && record) render(); });
}());
