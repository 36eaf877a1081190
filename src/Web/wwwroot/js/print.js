/*
 * The tournament on paper (print.html?t=ID&doc=schedule|groups|bracket|standings|sheets[&match=MATCH]): A4
 * documents for the day — schedule by court and time (赛程表), group tables, the bracket, the final standings
 * (名次表) and one score sheet (记分表) per match with set scores, timeouts, the running score and lines for the
 * referee's and both captains' signatures. It reads GET /api/tournaments/{id}/print once: no live connection.
 */
(function (w) {
  'use strict';

  if (App.param('c')) return; // print.html?c=ID is the contest's (print-contest.js)

  var $ = App.$;
  var el = App.el;
  var DOCS = ['schedule', 'groups', 'bracket', 'standings', 'sheets'];
  var id = App.param('t');
  var doc = DOCS.indexOf(App.param('doc')) >= 0 ? App.param('doc') : 'schedule';
  var onlyMatch = App.param('match');
  var data = null;

  function locale() { return I18n.lang() === 'en' ? 'en' : 'zh-CN'; }

  function time(iso) {
    if (!iso) return t('print.noTime');
    var d = new Date(iso);
    return d.toLocaleString(locale(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  }

  function team(teamId) {
    var found = (data.tournament.teams || []).filter(function (x) { return x.teamId === teamId; })[0];
    return found ? found.name : (teamId || '');
  }

  function side(m, which) {
    var teamId = which === 'A' ? m.teamA : m.teamB;
    return teamId ? team(teamId) : BracketSvg.sourceText(which === 'A' ? m.sourceA : m.sourceB, data.tournament.matches);
  }

  function setsText(sets) { return (sets || []).map(function (s) { return s.a + ':' + s.b; }).join('  '); }

  function setsWon(sets) {
    var a = 0, b = 0;
    (sets || []).forEach(function (s) { if (s.a > s.b) a++; else if (s.b > s.a) b++; });
    return { a: a, b: b };
  }

  function cell(text, cls) { return el('td', { className: cls || null, text: text === undefined || text === null ? '' : String(text) }); }

  function head(keys, numeric) {
    return el('thead', null, el('tr', null, keys.map(function (k, i) {
      return el('th', { scope: 'col', className: numeric && numeric.indexOf(i) >= 0 ? 'num' : null, text: t(k) });
    })));
  }

  /** One A4 page: the tournament's title, the document's name and when it was printed. */
  function page(docKey, children, extraClass) {
    return el('section', { className: 'print-page' + (extraClass ? ' ' + extraClass : ''), 'data-doc': docKey }, [
      el('header', { className: 'print-head' }, [
        el('h1', { text: t('print.heading', { title: data.title, doc: t('print.doc.' + docKey) }) }),
        el('span', { className: 'print-stamp', text: t('print.printedAt', { time: new Date(data.printedAt).toLocaleString(locale(), { hour12: false }) }) })
      ])
    ].concat(children));
  }

  // ---------- 赛程表: by court, then by time ----------

  function schedule() {
    var matches = data.tournament.matches || [];
    if (!matches.length) return page('schedule', el('p', { className: 'muted', text: t('print.noMatches') }));
    var courts = {};
    matches.forEach(function (m) { var c = m.court || ''; (courts[c] = courts[c] || []).push(m); });
    var names = Object.keys(courts).sort(function (x, y) { return x === '' ? 1 : y === '' ? -1 : x.localeCompare(y, 'zh-CN', { numeric: true }); });
    return page('schedule', names.map(function (court) {
      var list = courts[court].slice().sort(function (x, y) {
        var tx = x.startsAt ? Date.parse(x.startsAt) : Infinity, ty = y.startsAt ? Date.parse(y.startsAt) : Infinity;
        return tx !== ty ? tx - ty : x.matchId.localeCompare(y.matchId);
      });
      return el('div', { className: 'print-block', 'data-court': court }, [
        el('h2', { text: court || t('print.noCourt') }),
        el('table', { className: 'print-table' }, [
          head(['print.col.time', 'print.col.match', 'print.col.no', 'print.col.teamA', 'print.col.teamB', 'print.col.score', 'print.col.winner']),
          el('tbody', null, list.map(function (m) {
            var won = setsWon(m.sets);
            return el('tr', { 'data-match-id': m.matchId }, [
              cell(time(m.startsAt), 'nowrap'), cell(m.label), cell(m.matchId, 'mono'),
              cell(side(m, 'A')), cell(side(m, 'B')),
              cell(m.sets && m.sets.length ? won.a + ':' + won.b + '（' + setsText(m.sets) + '）' : ''),
              cell(m.winner ? team(m.winner) : '')
            ]);
          }))
        ])
      ]);
    }));
  }

  // ---------- 小组积分表 ----------

  function groups() {
    var list = data.tournament.groups || [];
    if (!list.length) return page('groups', el('p', { className: 'muted', text: t('print.noGroups') }));
    return page('groups', list.map(function (g) {
      var note = g.problem ? t('print.unranked') : (g.complete ? null : t('print.groupUnfinished'));
      return el('div', { className: 'print-block', 'data-group': g.name }, [
        el('h2', { text: t('print.group', { name: g.name }) }),
        note ? el('p', { className: 'print-note', text: note }) : null,
        el('table', { className: 'print-table' }, [
          head(['print.col.pos', 'print.col.team', 'print.col.played', 'print.col.won', 'print.col.lost', 'print.col.points', 'print.col.sets', 'print.col.c', 'print.col.rallies', 'print.col.z'], [0, 2, 3, 4, 5, 6, 7, 8, 9]),
          el('tbody', null, (g.standings || []).map(function (s) {
            return el('tr', { 'data-team-id': s.teamId }, [
              cell(s.position + (g.complete ? '' : ' ' + t('print.provisional')), 'num'), cell(team(s.teamId)),
              cell(s.played, 'num'), cell(s.won, 'num'), cell(s.lost, 'num'), cell(s.matchPoints, 'num'),
              cell(s.setsWon + ':' + s.setsLost, 'num'), cell(s.setQuotient, 'num'),
              cell(s.pointsWon + ':' + s.pointsLost, 'num'), cell(s.pointsQuotient, 'num')
            ]);
          }))
        ])
      ]);
    }));
  }

  // ---------- 对阵图: the screen's drawing, in print colours ----------

  function bracket() {
    var knockout = (data.tournament.matches || []).filter(function (m) { return m.stage !== 'group'; });
    if (!knockout.length) return page('bracket', el('p', { className: 'muted', text: t('print.noBracket') }));
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'print-bracket');
    BracketSvg.render(svg, knockout, { teamName: team, live: function () { return null; } });
    return page('bracket', el('div', { className: 'print-bracket-wrap' }, svg), 'print-landscape');
  }

  // ---------- 名次表 ----------

  function standings() {
    var champion = data.tournament.champion;
    return page('standings', [
      champion ? el('p', { className: 'print-champion', text: t('print.champion', { team: team(champion) }) }) : null,
      el('table', { className: 'print-table print-places' }, [
        head(['print.col.place', 'print.col.team', 'print.col.how'], [0]),
        el('tbody', null, (data.places || []).map(function (p) {
          var place = p.place === null || p.place === undefined ? t('print.stillIn') : String(p.place);
          return el('tr', { 'data-team-id': p.teamId }, [
            cell(place + (p.provisional && p.place ? ' ' + t('print.provisional') : ''), 'num'), cell(team(p.teamId)), cell(p.how)
          ]);
        }))
      ])
    ]);
  }

  // ---------- 记分表: one page per match ----------

  function sheetOf(matchId) {
    return (data.sheets || []).filter(function (s) { return s.matchId === matchId; })[0] || { sets: [] };
  }

  function running(rallies) {
    var a = 0, b = 0;
    return rallies.split('').map(function (r) {
      if (r === 'A') a++; else b++;
      return el('span', { className: 'rs rs-' + r.toLowerCase(), text: a + ':' + b });
    });
  }

  function signature(key) {
    return el('div', { className: 'print-sign' }, [el('span', { text: t(key) }), el('span', { className: 'print-sign-line' })]);
  }

  function scoreSheet(m) {
    var rules = (data.tournament.setup && data.tournament.setup.rules) || {};
    var maxSets = rules.setsToWin ? rules.setsToWin * 2 - 1 : 3;
    var sheet = sheetOf(m.matchId);
    var played = sheet.sets || [];
    // A finished result (a forfeit too) has its sets; a match under way has the sheet's running sets.
    var sets = m.sets && m.sets.length ? m.sets : played.map(function (s) {
      return { a: s.rallies.split('A').length - 1, b: s.rallies.split('B').length - 1 };
    });
    var rows = [];
    for (var n = 1; n <= Math.max(maxSets, sets.length); n++) {
      var s = sets[n - 1], p = played.filter(function (x) { return x.number === n; })[0];
      rows.push(el('tr', { 'data-set': n }, [
        cell(t('print.sheet.setN', { n: n })),
        cell(s ? s.a : '', 'num score-cell'), cell(s ? s.b : '', 'num score-cell'),
        cell(p ? p.timeoutsA : '', 'num'), cell(p ? p.timeoutsB : '', 'num'),
        cell(p ? (p.firstServer === 'A' ? t('print.col.teamA') : t('print.col.teamB')) : '')
      ]));
    }
    var won = setsWon(m.sets);
    var ending = m.ending === 'Forfeited' || m.ending === 'Retired' ? ' · ' + t('print.sheet.ending.' + m.ending) : '';
    var withRallies = played.filter(function (p) { return p.rallies.length; });
    return el('section', { className: 'print-page score-sheet', 'data-doc': 'sheets', 'data-match-id': m.matchId }, [
      el('header', { className: 'print-head' }, [
        el('h1', { text: data.title }),
        el('span', { className: 'print-stamp', text: t('print.sheet.title') })
      ]),
      el('table', { className: 'print-meta' }, el('tbody', null, [
        el('tr', null, [el('th', { text: t('print.col.match') }), cell(m.label), el('th', { text: t('print.col.no') }), cell(m.matchId, 'mono')]),
        el('tr', null, [el('th', { text: t('print.sheet.court') }), cell(m.court || ''), el('th', { text: t('print.col.time') }), cell(m.startsAt ? time(m.startsAt) : '')]),
        el('tr', null, [el('th', { text: t('print.col.teamA') }), el('td', { className: 'sheet-team', 'data-team': 'A', text: side(m, 'A') }),
          el('th', { text: t('print.col.teamB') }), el('td', { className: 'sheet-team', 'data-team': 'B', text: side(m, 'B') })])
      ])),
      rules.setsToWin ? el('p', { className: 'print-note', text: t('print.sheet.rules', { rules: t('print.sheet.rulesText', {
        sets: maxSets, wins: rules.setsToWin, points: rules.pointsPerSet, deciding: rules.decidingSetPoints, timeouts: rules.timeoutsPerSet }) }) }) : null,
      el('table', { className: 'print-table sheet-sets' }, [
        head(['print.sheet.set', 'print.sheet.pointsA', 'print.sheet.pointsB', 'print.sheet.timeoutsA', 'print.sheet.timeoutsB', 'print.sheet.firstServe'], [1, 2, 3, 4]),
        el('tbody', null, rows)
      ]),
      withRallies.length ? el('div', { className: 'sheet-running' }, [el('h2', { text: t('print.sheet.running') })].concat(withRallies.map(function (p) {
        return el('div', { className: 'rs-set', 'data-set': p.number }, [el('strong', { text: t('print.sheet.setN', { n: p.number }) })].concat(running(p.rallies)));
      }))) : null,
      el('div', { className: 'sheet-result' }, [
        el('strong', { text: t('print.sheet.result') + '：' }),
        el('span', { className: 'sheet-result-line', text: m.sets && m.sets.length ? t('print.sheet.resultLine', { a: won.a, b: won.b }) + ending : t('print.sheet.resultLine', { a: '　', b: '　' }) }),
        el('span', { className: 'sheet-winner', text: t('print.sheet.winner') + '：' + (m.winner ? team(m.winner) : '') })
      ]),
      el('div', { className: 'print-signs' }, [
        signature('print.sheet.referee'), signature('print.sheet.scorer'),
        signature('print.sheet.captainA'), signature('print.sheet.captainB')
      ])
    ]);
  }

  function sheets() {
    var list = (data.tournament.matches || []).filter(function (m) {
      return onlyMatch ? m.matchId === onlyMatch : !!(m.teamA && m.teamB);
    });
    if (!list.length) return [page('sheets', el('p', { className: 'muted', text: t('print.sheet.none') }))];
    return list.map(scoreSheet);
  }

  // ---------- page ----------

  function docLinks() {
    var nav = App.clear($('#print-docs'));
    DOCS.forEach(function (d) {
      nav.appendChild(el('a', {
        className: 'btn btn-small ' + (d === doc ? '' : 'btn-secondary'), 'data-doc': d, 'aria-current': d === doc ? 'page' : null,
        href: 'print.html?t=' + encodeURIComponent(id) + '&doc=' + d, text: t('print.doc.' + d)
      }));
    });
  }

  function render() {
    if (!data) return;
    docLinks();
    var main = App.clear($('#print-doc'));
    var built = { schedule: schedule, groups: groups, bracket: bracket, standings: standings, sheets: sheets }[doc]();
    (Array.isArray(built) ? built : [built]).forEach(function (n) { main.appendChild(n); });
    document.title = t('print.heading', { title: data.title, doc: t('print.doc.' + doc) });
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
    if (!id) { message(t('print.missing')); return; }
    $('#print-back').setAttribute('href', 'console.html#tournament/' + encodeURIComponent(id) + '/tables');
    try {
      data = await App.get('/api/tournaments/' + encodeURIComponent(id) + '/print');
      render();
    } catch (err) {
      message(err && (err.status === 401 || err.status === 403) ? t('print.loginNeeded') : App.errorMessage(err));
    }
  }

  $('#print-now').addEventListener('click', function () { w.print(); });
  I18n.onChange(render);
  load();
}(window));
