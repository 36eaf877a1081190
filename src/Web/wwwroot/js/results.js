/*
 * Printable results of a published round (results.html?round=ID): the formula, the ranking, the chain
 * heads and final hash that back it, and — for a signed-in organiser — every judge's total per case.
 * Public data: /api/rounds/{id}/results and /live. Organiser only: /api/selection/rounds/{id}[/scores].
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var roundId = App.param('round');
  var data = { results: null, live: null, event: null, scores: null };

  function fmt2(n) {
    if (n === null || n === undefined || isNaN(Number(n))) return '—';
    var x = Number(n);
    var r = Number(Math.round(Number(Math.abs(x) + 'e2')) + 'e-2'); // half away from zero, as the export
    return (x < 0 && r !== 0 ? '-' : '') + r.toFixed(2);
  }

  function message(text, isError) {
    var p = $('#results-message');
    p.removeAttribute('data-i18n');
    p.textContent = text;
    p.hidden = !text;
    if (isError) App.showError(text);
  }

  function caseById(id) {
    var list = (data.live && data.live.cases) || [];
    for (var i = 0; i < list.length; i++) if (list[i].caseId === id) return list[i];
    return { caseId: id, title: id, branchName: '' };
  }

  function decidedText(by) {
    if (!by) return '';
    if (by === 'judge') return t('results.decidedJudge');
    var i = Number(String(by).split(':')[1]);
    var rubric = (data.event && data.event.rubric) || [];
    return t('results.decidedCriterion', { name: rubric[i] ? rubric[i].name : t('results.criterionN', { n: i + 1 }) });
  }

  function renderHead() {
    var r = data.results;
    $('#results-event').textContent = data.event ? data.event.title : '';
    var h1 = $('#results-round');
    if (data.live) { h1.removeAttribute('data-i18n'); h1.textContent = data.live.name; }
    document.title = (data.live ? data.live.name + ' · ' : '') + t('results.pageTitle');
    $('#results-published').textContent = r && r.publishedAt
      ? t('results.publishedAt', { at: new Date(r.publishedAt).toLocaleString(I18n.lang() === 'en' ? 'en' : 'zh-CN') })
      : '';
  }

  /** The formula as it was published with the round, in the page's language (the header's 中文/English switch). */
  function renderFormula() {
    var en = I18n.lang() === 'en';
    $('#results-formula').textContent = en ? data.results.formulaEn : data.results.formula;
    $('#results-formula').setAttribute('lang', en ? 'en' : 'zh-CN');
  }

  function renderRanking() {
    var rows = data.results.ranking || [];
    var judged = rows.some(function (r) { return (r.judgeScore !== null && r.judgeScore !== undefined) || r.unscored; });
    Array.prototype.forEach.call(document.querySelectorAll('#results-table .col-judge'), function (th) { th.hidden = !judged; });
    var tbody = App.clear($('#results-table tbody'));
    var notes = [];
    rows.forEach(function (r) {
      var c = caseById(r.caseId);
      var rank = el('td', { className: 'num rank-cell' }, [String(r.rank)]);
      if (r.sharedRank) rank.appendChild(el('span', { className: 'badge results-shared', text: t('results.shared') }));
      if (r.decidedBy) notes.push(t('results.note', { title: c.title, text: decidedText(r.decidedBy) }));
      if (r.unscored) notes.push(t('results.note', { title: c.title, text: t('results.noteUnscored') }));
      if (r.replacedJudges) notes.push(t('results.note', { title: c.title, text: t('results.noteReplaced', { n: r.replacedJudges }) }));
      if (r.shortOfTrim) notes.push(t('results.note', { title: c.title, text: t('results.noteShort') }));
      tbody.appendChild(el('tr', { 'data-case-id': r.caseId, className: r.rank <= 3 ? 'top-' + r.rank : '' }, [
        rank,
        el('td', { text: c.title }),
        el('td', { text: c.branchName }),
        // 未评分, never 0: the case was published without a judge score on the organiser's confirmation.
        judged ? el('td', { className: 'num' + (r.unscored ? ' unscored' : ''), text: r.unscored ? t('results.unscored') : fmt2(r.judgeScore) }) : null,
        el('td', { className: 'num', text: String(r.votes) }),
        el('td', { className: 'num', text: fmt2(r.voteScore) }),
        el('td', { className: 'num final-cell', text: fmt2(r.finalScore) })
      ]));
    });
    $('#results-notes').textContent = notes.join('；');
    $('#results-notes').hidden = !notes.length;
  }

  /** One row per case (presenting order), one column per judge: total, struck through when dropped, or 回避. */
  function renderSheet() {
    var list = data.scores || [];
    var block = $('#results-sheet-block');
    block.hidden = !list.length;
    if (!list.length) return;
    var columns = [];  // {key, name}
    var seen = {};
    function column(key, name) { if (!seen[key]) { seen[key] = true; columns.push({ key: key, name: name }); } }
    list.forEach(function (s) {
      s.marks.forEach(function (m) { column(m.judgeId, m.judgeName); });
    });
    list.forEach(function (s) {
      (s.recusedJudges || []).forEach(function (name) {
        var known = columns.some(function (c) { return c.name === name; });
        if (!known) column('name:' + name, name);
      });
    });
    var byCase = {};
    list.forEach(function (s) { byCase[s.caseId] = s; });
    var table = App.clear($('#results-sheet'));
    table.appendChild(el('thead', null, el('tr', null, [el('th', { scope: 'col', text: t('case.colTitle') })]
      .concat(columns.map(function (c) { return el('th', { scope: 'col', className: 'num', text: c.name }); }))
      .concat([el('th', { scope: 'col', className: 'num', text: t('results.judgeScore') })]))));
    var body = el('tbody');
    ((data.live && data.live.cases) || []).forEach(function (c) {
      var s = byCase[c.caseId];
      var cells = [el('td', { text: c.title })];
      columns.forEach(function (col) {
        var mark = null;
        if (s) s.marks.forEach(function (m) { if (m.judgeId === col.key) mark = m; });
        var recused = s && (s.recusedJudges || []).indexOf(col.name) >= 0 && !mark;
        var stand = !mark && s ? (s.replacements || []).filter(function (m) { return m.judgeName === col.name; })[0] : null;
        if (mark) cells.push(el('td', { className: 'num' + (mark.dropped ? ' dropped' : '') }, mark.dropped ? el('s', { text: fmt2(mark.total) }) : fmt2(mark.total)));
        else if (stand) cells.push(el('td', { className: 'num recused replaced', title: t('stage.replaced') }, [t('results.recused') + ' → ', stand.dropped ? el('s', { text: fmt2(stand.total) }) : fmt2(stand.total)]));
        else cells.push(el('td', { className: 'num' + (recused ? ' recused' : ''), text: recused ? t('results.recused') : '—' }));
      });
      cells.push(el('td', { className: 'num final-cell', text: s && s.locked && s.judgeScore !== null ? fmt2(s.judgeScore) : t('results.unscored') }));
      body.appendChild(el('tr', { 'data-case-id': c.caseId }, cells));
    });
    table.appendChild(body);
  }

  function renderHash() {
    var r = data.results;
    var box = App.clear($('#results-hash'));
    box.appendChild(el('h2', { text: t('results.hashTitle') }));
    box.appendChild(el('p', null, [el('span', { text: t('results.finalHash') + ' ' }), el('code', { className: 'hash', text: r.finalHash })]));
    box.appendChild(el('ul', { className: 'chain-list' }, (r.chains || []).map(function (c) {
      return el('li', null, [el('span', { className: 'mono', text: c.stream }), ' · #' + c.seq + ' · ', el('code', { className: 'hash', text: c.hash })]);
    })));
    box.appendChild(el('p', { className: 'hint', text: t('results.hashHint') }));
  }

  function render() {
    renderHead();
    if (!data.results) return;
    renderFormula();
    renderRanking();
    renderSheet();
    renderHash();
  }

  /** Organiser extras; anyone else simply gets the public page (401/403 are expected, not errors). */
  async function loadOrganiserView() {
    try {
      var details = await App.get('/api/selection/rounds/' + encodeURIComponent(roundId), { retries: 0 });
      $('#results-back').hidden = false; // only an organiser has a console to go back to
      data.event = await App.get('/api/selection/events/' + encodeURIComponent(details.round.eventId));
      if (details.round.settings.kind === 'LiveFinal') data.scores = await App.get('/api/selection/rounds/' + encodeURIComponent(roundId) + '/scores');
    } catch (err) {
      if (err.status !== 401 && err.status !== 403) App.showError(err);
    }
  }

  async function load() {
    if (!roundId) { message(t('results.noRound'), true); return; }
    try {
      data.live = await App.get('/api/rounds/' + encodeURIComponent(roundId) + '/live');
      renderHead();
      data.results = await App.get('/api/rounds/' + encodeURIComponent(roundId) + '/results');
    } catch (err) {
      message(err.status === 409 ? t('results.notPublished') : App.errorMessage(err), true);
      return;
    }
    await loadOrganiserView();
    message('');
    $('#results-body').hidden = false;
    $('#results-print').disabled = false;
    render();
  }

  $('#results-print').addEventListener('click', function () { w.print(); });
  I18n.onChange(function () { render(); });

  load();
}(window));
