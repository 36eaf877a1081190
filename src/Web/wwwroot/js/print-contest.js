/*
 * The knowledge contest on paper (print.html?c=ID): A4 pages with the rules as applied, each question's key,
 * answer distribution and correct count, the individual standings (top 50), branch and district standings with
 * participation, the stage final's scoreboard with every score change, and the ledgers' final hashes.
 * It reads GET /api/contests/{id}/print once: no live connection.
 */
(function (w) {
  'use strict';

  var id = App.param('c');
  if (!id) return; // print.html without ?c= is the tournament's (print.js)

  var $ = App.$;
  var el = App.el;
  var TOP = 50;
  var data = null;

  function locale() { return I18n.lang() === 'en' ? 'en' : 'zh-CN'; }
  function two(n) { return typeof n === 'number' ? n.toFixed(2) : '—'; }
  function pct(n) { return typeof n === 'number' ? (n * 100).toFixed(1) + '%' : '—'; }
  function secs(ms) { return typeof ms === 'number' ? (ms / 1000).toFixed(1) : '—'; }
  function cell(text, cls) { return el('td', { className: cls || null, text: text === undefined || text === null ? '' : String(text) }); }

  function table(cls, keys, numeric, rows) {
    return el('table', { className: 'print-table ' + cls }, [
      el('thead', null, el('tr', null, keys.map(function (k, i) {
        return el('th', { scope: 'col', className: numeric.indexOf(i) >= 0 ? 'num' : null, text: t(k) });
      }))),
      el('tbody', null, rows.map(function (cells) {
        return el('tr', null, cells.map(function (c, i) { return cell(c, numeric.indexOf(i) >= 0 ? 'num' : null); }));
      }))
    ]);
  }

  function page(docKey, children) {
    return el('section', { className: 'print-page', 'data-doc': docKey }, [
      el('header', { className: 'print-head' }, [
        el('h1', { text: t('print.heading', { title: data.title, doc: t('print.contest.doc.' + docKey) }) }),
        el('span', { className: 'print-stamp', text: t('print.printedAt', { time: new Date(data.printedAt).toLocaleString(locale(), { hour12: false }) }) })
      ])
    ].concat(children));
  }

  function branchName(branchId) {
    var b = (data.hall.branches || []).filter(function (x) { return x.branchId === branchId; })[0];
    return b ? b.name : branchId;
  }

  // ---------- rules and questions ----------

  function rules() {
    var s = data.hall.contest.settings;
    var sc = s.scoring || {};
    var standings = data.hall.standings || {};
    return el('div', { className: 'print-block', id: 'pc-rules' }, [
      el('h2', { text: t('print.contest.rules') }),
      el('ul', null, [
        el('li', { text: t('print.contest.status.' + data.hall.contest.status) }),
        el('li', { text: t('print.contest.scoring', { seconds: sc.answerSeconds, penalty: sc.wrongPenalty || 0 }) }),
        el('li', { text: t(sc.speedBonus ? 'print.contest.speedOn' : 'print.contest.speedOff') }),
        el('li', { text: t('print.contest.partial.' + sc.partial) }),
        el('li', { text: t('print.contest.ranking', { rule: t('print.contest.ranking.' + s.ranking) }) }),
        el('li', { text: t('print.contest.after', { n: standings.afterQuestion || 0, total: (data.hall.contest.questions || []).length }) })
      ])
    ]);
  }

  function questions() {
    var reveals = {};
    (data.hall.reveals || []).forEach(function (r) { reveals[r.no] = r; });
    var rows = (data.hall.contest.questions || []).map(function (q, i) {
      var r = reveals[i + 1];
      var spread = r ? Object.keys(r.distribution || {}).sort().map(function (k) { return k + ':' + r.distribution[k]; }).join('  ') : t('print.contest.notRevealed');
      return [i + 1, q.stem, q.answer, q.points, r ? r.answered : '', r ? r.correct : '', r && r.answered ? pct(r.correct / r.answered) : '', spread];
    });
    return el('div', { className: 'print-block', id: 'pc-questions' }, [
      el('h2', { text: t('print.contest.questions') }),
      table('pc-questions', ['print.contest.col.no', 'print.contest.col.stem', 'print.contest.col.key', 'print.contest.col.points',
        'print.contest.col.answered', 'print.contest.col.correct', 'print.contest.col.rate', 'print.contest.col.distribution'], [0, 3, 4, 5, 6], rows)
    ]);
  }

  // ---------- standings ----------

  function members() {
    var list = (data.hall.standings && data.hall.standings.members) || [];
    var shown = list.slice(0, TOP);
    return page('members', [
      list.length > TOP ? el('p', { className: 'print-note', text: t('print.contest.topOf', { n: TOP, total: list.length }) }) : null,
      list.length ? table('pc-members', ['print.contest.col.rank', 'print.contest.col.name', 'print.contest.col.memberNo', 'print.contest.col.branch',
        'print.contest.col.points', 'print.contest.col.correct', 'print.contest.col.time'], [0, 4, 5, 6],
        shown.map(function (m) { return [m.rank, m.name, m.memberNo, branchName(m.branchId), m.points, m.correct + ' / ' + m.answered, secs(m.timeMs)]; }))
        : el('p', { className: 'muted', text: t('print.contest.none') })
    ]);
  }

  function groups(list, cls, withDistrict) {
    var keys = ['print.contest.col.rank', 'print.contest.col.group'].concat(withDistrict ? ['print.contest.col.district'] : [],
      ['print.contest.col.taking', 'print.contest.col.participation', 'print.contest.col.average', 'print.contest.col.score', 'print.contest.col.correctEach']);
    var numeric = withDistrict ? [0, 3, 4, 5, 6, 7] : [0, 2, 3, 4, 5, 6];
    return table(cls, keys, numeric, (list || []).map(function (g) {
      return [g.rank, g.name || g.key].concat(withDistrict ? [g.district || ''] : [],
        [g.participants + ' / ' + g.eligible, pct(g.participationRate), two(g.average), two(g.score), two(g.averageCorrect)]);
    }));
  }

  function groupsPage() {
    var s = data.hall.standings || {};
    return page('groups', [
      el('p', { className: 'print-note', text: t('print.contest.ranking', { rule: t('print.contest.ranking.' + data.hall.contest.settings.ranking) }) }),
      el('div', { className: 'print-block' }, [el('h2', { text: t('print.contest.branches') }), groups(s.branches, 'pc-branches', true)]),
      el('div', { className: 'print-block' }, [el('h2', { text: t('print.contest.districts') }), groups(s.districts, 'pc-districts', false)])
    ]);
  }

  // ---------- stage final ----------

  function stagePage() {
    var st = data.stage;
    var names = {};
    (st.setup.teams || []).forEach(function (x) { names[x.teamId] = x.name; });
    var r = st.setup.rules || {};
    return page('stage', [
      el('p', { className: 'print-note', id: 'pc-stage-rules', text: t('print.contest.stageRules', {
        rc: r.requiredCorrect, rw: r.requiredWrong, bc: r.buzzCorrect, bw: r.buzzWrong, risk: (r.riskValues || []).join('/') }) }),
      el('div', { className: 'print-block' }, [
        el('h2', { text: t('print.contest.scoreboard') }),
        table('pc-stage-scores', ['print.contest.col.rank', 'print.contest.col.team', 'print.contest.col.points'], [0, 2],
          ((st.live && st.live.scores) || []).map(function (x) { return [x.rank, x.name, x.points]; }))
      ]),
      el('div', { className: 'print-block' }, [
        el('h2', { text: t('print.contest.changes') }),
        table('pc-stage-changes', ['print.contest.col.seq', 'print.contest.col.at', 'print.contest.col.team', 'print.contest.col.kind',
          'print.contest.col.no', 'print.contest.col.change', 'print.contest.col.reason'], [0, 4, 5],
          (st.changes || []).map(function (c) {
            var kind = t('print.contest.kind.' + c.kind);
            if (c.correct === true || c.correct === false) kind += ' · ' + t(c.correct ? 'print.contest.right' : 'print.contest.wrong');
            return [c.seq, new Date(c.at).toLocaleTimeString(locale(), { hour12: false }), names[c.teamId] || c.teamId, kind,
              c.questionNo || '', (c.points > 0 ? '+' : '') + c.points, c.reason || ''];
          }))
      ])
    ]);
  }

  function ledger() {
    var hall = data.hall.contest.live && data.hall.contest.live.finalHash;
    var stage = data.stage && data.stage.live && data.stage.live.finalHash;
    return el('div', { className: 'print-block', id: 'pc-ledger' }, [
      el('h2', { text: t('print.contest.ledger') }),
      el('p', { className: 'mono', 'data-hash': 'hall', text: t('print.contest.hallHash', { hash: hall || t('print.contest.notFinished') }) }),
      data.stage ? el('p', { className: 'mono', 'data-hash': 'stage', text: t('print.contest.stageHash', { hash: stage || t('print.contest.notFinished') }) }) : null,
      el('p', { className: 'print-note', text: t('print.contest.ledgerHelp') })
    ]);
  }

  function render() {
    if (!data) return;
    App.clear($('#print-docs'));
    var main = App.clear($('#print-doc'));
    var pages = [page('hall', [rules(), questions()]), members(), groupsPage()];
    if (data.stage) pages.push(stagePage());
    pages[pages.length - 1].appendChild(ledger());
    pages.forEach(function (n) { main.appendChild(n); });
    document.title = t('print.heading', { title: data.title, doc: t('print.contest.title') });
    $('#print-now').disabled = false;
  }

  function message(text) {
    var p = $('#print-message');
    if (!p) return;
    p.removeAttribute('data-i18n');
    p.textContent = text;
    App.showError(text);
  }

  async function load() {
    $('#print-back').setAttribute('href', 'console.html#contest/' + encodeURIComponent(id) + '/results');
    try {
      data = await App.get('/api/contests/' + encodeURIComponent(id) + '/print');
      render();
    } catch (err) {
      message(err && (err.status === 401 || err.status === 403) ? t('print.loginNeeded') : App.errorMessage(err));
    }
  }

  $('#print-now').addEventListener('click', function () { w.print(); });
  I18n.onChange(render);
  load();
}(window));
