/*
 * The tournament on a phone, for players and spectators, without signing in: /tournament.html?id={tournamentId}
 * (without an id: the newest tournament). Pick my team (kept in localStorage) → its
 * next match, court and time (live while it plays); every running match's live score; the group tables with who
 * is through (only once decided; 暂列 otherwise); the bracket (bracket-svg.js, scrolled sideways, my team's path
 * marked); the results. Everything comes by push like the big screen: topic tournament:{id} and
 * match:{id}/{matchId} for each running match, both public.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var MATCH_TOPIC_BUDGET = 12; // the hub allows 32 topics per connection; a phone follows far fewer
  var BRACKET_SCALE = 0.78;    // drawing units → px: the bracket's smallest text (21 units) stays ≥ 16 px

  var tid = null;
  var tv = null;
  var lives = {};     // matchId -> MatchView of a running match
  var followed = {};  // topic -> true
  var myTeam = null;

  function storeKey() { return 'engagement.tournament.' + tid + '.team'; }
  function loadTeam() { try { return w.localStorage.getItem(storeKey()); } catch (e) { return null; } }
  function saveTeam(id) {
    try { if (id) w.localStorage.setItem(storeKey(), id); else w.localStorage.removeItem(storeKey()); } catch (e) { /* not remembered; still shown */ }
  }

  function team(id) {
    for (var i = 0; tv && i < tv.teams.length; i++) if (tv.teams[i].teamId === id) return tv.teams[i];
    return null;
  }
  function teamName(id) { var tm = team(id); return tm ? tm.name : (id || ''); }
  function side(f, k) {
    var id = k === 'A' ? f.teamA : f.teamB;
    return id ? teamName(id) : BracketSvg.sourceText(k === 'A' ? f.sourceA : f.sourceB, tv.matches);
  }
  function hhmm(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString(I18n.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  }
  function byTime(a, b) {
    var ta = a.startsAt ? Date.parse(a.startsAt) : Infinity;
    var tb = b.startsAt ? Date.parse(b.startsAt) : Infinity;
    return ta < tb ? -1 : ta > tb ? 1 : a.matchId < b.matchId ? -1 : a.matchId > b.matchId ? 1 : 0;
  }
  /** A match's name: the group's label, or for the knockout its number and round as the bracket shows them (第3场 · 半决赛). */
  function label(f) {
    if (f.stage === 'group') return f.label;
    var n = BracketSvg.matchNumbers(tv.matches)[f.matchId];
    var round = BracketSvg.roundName(f, tv.matches);
    return n ? t('bracket.matchNumber', { n: n }) + ' · ' + round : round;
  }

  // ---------- which tournament, and following it ----------

  function start() {
    var wanted = App.param('id');
    App.get('/api/public/tournaments/').then(function (list) {
      list = list || [];
      var pick = null;
      list.forEach(function (s) { if (s.tournamentId === wanted) pick = s; });
      if (!pick && !wanted) {
        list.forEach(function (s) { if (!pick || Date.parse(s.createdAt) > Date.parse(pick.createdAt)) pick = s; });
      }
      if (!pick) { message(t(wanted ? 'tp.notFound' : 'tp.none')); $('#tp-title').textContent = t('tp.pageTitle'); return; }
      open(pick.tournamentId);
    }, App.showError);
  }

  function open(id) {
    tid = id;
    myTeam = loadTeam();
    Live.onError(function (err, kind) { if (kind !== 'start') App.showError(Live.errorText(err)); });
    follow('tournament:' + id, onTournament);
    App.get('/api/public/tournaments/' + encodeURIComponent(id)).then(onTournament, App.showError);
  }

  function follow(topic, fn) {
    if (followed[topic]) return;
    followed[topic] = true;
    Live.subscribe(topic, fn);
  }

  function onTournament(view) {
    if (!view || view.tournamentId !== tid) return;
    if (tv && typeof view.revision === 'number' && view.revision < tv.revision) return;
    tv = view;
    if (myTeam && !team(myTeam)) myTeam = null;
    followRunning();
    render();
  }

  function running() { return tv ? tv.matches.filter(function (f) { return f.status === 'Running'; }) : []; }

  function followRunning() {
    var now = {};
    running().forEach(function (f) {
      now[f.matchId] = true;
      var topic = 'match:' + tid + '/' + f.matchId;
      if (!followed[topic] && Object.keys(followed).length <= MATCH_TOPIC_BUDGET) follow(topic, onMatch);
      if (!lives[f.matchId]) readMatch(f.matchId); // the board should not wait for the socket
    });
    Object.keys(followed).forEach(function (topic) {
      var m = /^match:[^/]+\/(.+)$/.exec(topic);
      if (m && !now[m[1]]) { Live.unsubscribe(topic); delete followed[topic]; delete lives[m[1]]; }
    });
  }

  function readMatch(matchId) {
    App.get('/api/public/tournaments/' + encodeURIComponent(tid) + '/matches/' + encodeURIComponent(matchId), { retries: 1 })
      .then(onMatch, function () { /* the push brings it */ });
  }

  function onMatch(m) {
    if (!m || !tv || m.tournamentId !== tid) return;
    var had = lives[m.matchId];
    if (had && m.version < had.version) return;
    lives[m.matchId] = m;
    renderNext();
    renderLive();
    if (!$('#tp-bracket-block').hidden) drawBracket();
  }

  // ---------- rendering ----------

  function message(text) {
    var p = $('#tp-message');
    p.textContent = text || '';
    p.hidden = !text;
  }

  function render() {
    if (!tv) return;
    $('#tp-title').textContent = tv.setup ? tv.setup.title : t('tp.pageTitle');
    document.title = (tv.setup ? tv.setup.title + ' · ' : '') + t('tp.pageTitle');
    var champ = $('#tp-champion');
    champ.hidden = !tv.champion;
    if (tv.champion) champ.textContent = t('tp.champion', { team: teamName(tv.champion) });
    message(tv.status === 'Setup' ? t('tp.notStarted') : '');
    renderPicker();
    renderNext();
    renderLive();
    renderGroups();
    renderBracket();
    renderResults();
  }

  function renderPicker() {
    $('#tp-mine').hidden = !tv.teams.length;
    var select = App.clear($('#tp-team'));
    select.appendChild(el('option', { value: '', text: t('tp.pickTeam') }));
    tv.teams.slice().sort(function (a, b) { return a.name.localeCompare(b.name, 'zh-CN'); }).forEach(function (tm) {
      select.appendChild(el('option', { value: tm.teamId, text: tm.name, selected: tm.teamId === myTeam }));
    });
    select.value = myTeam || '';
  }

  function score(f) {
    var m = lives[f.matchId];
    if (f.status === 'Running' && m) {
      return { sets: m.setsA + ':' + m.setsB, current: m.current ? m.current.a + ':' + m.current.b : '' };
    }
    if (f.status === 'Completed') {
      var a = 0;
      var b = 0;
      (f.sets || []).forEach(function (s) { if (s.a > s.b) a++; else if (s.b > s.a) b++; });
      return { sets: a + ':' + b, current: (f.sets || []).map(function (s) { return s.a + ':' + s.b; }).join(' ') };
    }
    return null;
  }

  function renderNext() {
    var box = App.clear($('#tp-next'));
    if (!tv || !myTeam) { box.appendChild(el('p', { className: 'tp-hint', text: t('tp.pickHint') })); return; }
    var mine = tv.matches.filter(function (f) { return f.teamA === myTeam || f.teamB === myTeam; });
    var next = mine.filter(function (f) { return f.status === 'Running'; })[0]
      || mine.filter(function (f) { return f.status === 'Ready'; }).sort(byTime)[0];
    if (!next) {
      box.appendChild(el('p', { className: 'tp-next-none', text: tv.champion === myTeam ? t('tp.champion', { team: teamName(myTeam) }) : t('tp.noNext') }));
      return;
    }
    var opponent = next.teamA === myTeam ? side(next, 'B') : side(next, 'A');
    var sc = score(next);
    box.setAttribute('data-match-id', next.matchId);
    box.appendChild(el('p', { className: 'tp-next-head' }, [
      el('span', { className: 'tp-tag' + (next.status === 'Running' ? ' tp-tag-live' : ''), text: next.status === 'Running' ? t('tp.playingNow') : t('tp.nextMatch') }),
      el('span', { className: 'tp-next-label', text: label(next) })
    ]));
    box.appendChild(el('p', { className: 'tp-next-vs' }, [t('tp.against'), ' ', el('b', { className: 'tp-opponent', text: opponent })]));
    box.appendChild(el('p', { className: 'tp-next-where' }, [
      el('span', { className: 'tp-court', text: next.court || t('tp.courtTbd') }),
      el('span', { className: 'tp-time', text: next.startsAt ? hhmm(next.startsAt) : t('tp.timeTbd') })
    ]));
    if (sc) box.appendChild(matchScore(next, sc));
  }

  /** "2:1 (15:12)" from my side of the net is easy to misread: show both names with their numbers. */
  function matchScore(f, sc) {
    var m = lives[f.matchId];
    var row = function (k) {
      var current = m && m.current ? (k === 'A' ? m.current.a : m.current.b) : '';
      return el('div', { className: 'tp-score-row', 'data-team': k }, [
        el('span', { className: 'tp-score-name', text: side(f, k) }),
        el('span', { className: 'tp-score-sets', text: m ? String(k === 'A' ? m.setsA : m.setsB) : sc.sets.split(':')[k === 'A' ? 0 : 1] }),
        el('span', { className: 'tp-score-points live-points-' + k.toLowerCase(), text: String(current) })
      ]);
    };
    return el('div', { className: 'tp-score', 'data-match-id': f.matchId }, [row('A'), row('B')]);
  }

  function renderLive() {
    var box = App.clear($('#tp-live'));
    var list = running().sort(function (a, b) { return String(a.court || '~').localeCompare(String(b.court || '~'), 'zh-CN', { numeric: true }); });
    if (!list.length) { box.appendChild(el('p', { className: 'tp-hint', text: t('tp.noneLive') })); return; }
    list.forEach(function (f) {
      var m = lives[f.matchId];
      box.appendChild(el('article', { className: 'tp-card tp-live-card', 'data-match-id': f.matchId }, [
        el('p', { className: 'tp-live-head' }, [el('span', { className: 'tp-court', text: f.court || t('tp.courtTbd') }), el('span', { text: label(f) }),
          m && m.current ? el('span', { className: 'tp-setno', text: t('tp.setNo', { n: m.setNumber }) }) : null]),
        matchScore(f, score(f) || { sets: '0:0', current: '' })
      ]));
    });
  }

  function renderGroups() {
    var show = tv.groups.length > 0 && tv.setup && tv.setup.format !== 'Knockout' && tv.setup.format !== 'DoubleElimination';
    $('#tp-groups-block').hidden = !show;
    $('#tp-groups-link').hidden = !show;
    var box = App.clear($('#tp-groups'));
    if (!show) return;
    var advance = tv.setup.format === 'GroupsThenKnockout' ? tv.setup.advancePerGroup : 0;
    tv.groups.forEach(function (g) {
      var played = g.standings.some(function (s) { return s.played > 0; });
      var rows = g.standings.length ? g.standings : g.teamIds.map(function (id) { return { teamId: id, position: 0, played: 0, won: 0, lost: 0, matchPoints: 0 }; });
      var body = el('tbody');
      rows.forEach(function (s) {
        var q = advance > 0 ? s.qualification : null;
        var provisional = played && q === 'provisional' && s.position <= advance;
        body.appendChild(el('tr', {
          'data-team-id': s.teamId, 'data-qualification': q || null,
          className: (q === 'qualified' ? 'tp-in' : provisional ? 'tp-prov' : q === 'eliminated' ? 'tp-out' : '') + (s.teamId === myTeam ? ' tp-mine' : '')
        }, [
          el('td', { className: 'num', text: played ? String(s.position) : '–' }),
          el('td', { className: 'tp-gt-team' }, [teamName(s.teamId),
            q === 'qualified' ? el('span', { className: 'tp-q tp-q-in', text: t('tp.qualified') }) : provisional ? el('span', { className: 'tp-q tp-q-prov', text: t('tp.provisional') }) : null]),
          el('td', { className: 'num', text: s.won + '/' + s.lost }),
          el('td', { className: 'num tp-pts', text: String(s.matchPoints) })
        ]));
      });
      box.appendChild(el('section', { className: 'tp-card tp-group' }, [
        el('h3', { text: t('tp.groupName', { name: g.name }) + (g.complete ? ' · ' + t('tp.groupDone') : '') }),
        el('table', { className: 'tp-table', 'data-group': g.name }, [
          el('thead', null, el('tr', null, [
            el('th', { className: 'num', text: '#' }), el('th', { text: t('tp.colTeam') }),
            el('th', { className: 'num', text: t('tp.colWL') }), el('th', { className: 'num', text: t('tp.colPoints') })
          ])),
          body
        ])
      ]));
    });
    $('#tp-groups-legend').textContent = advance > 0 ? t('tp.legend', { n: advance }) : '';
  }

  function renderBracket() {
    var show = tv.matches.some(function (f) { return f.stage !== 'group'; });
    $('#tp-bracket-block').hidden = !show;
    $('#tp-bracket-link').hidden = !show;
    if (show) drawBracket();
  }

  function drawBracket() {
    var svg = $('#tp-bracket');
    BracketSvg.render(svg, tv.matches, {
      teamName: teamName,
      live: function (id) { return lives[id] || null; },
      seedOf: function (id) { var tm = team(id); return tm ? tm.seed : null; },
      pathTeam: myTeam || ''
    });
    // Drawn at a fixed scale (not shrunk to the phone's width) so names stay readable; the box scrolls sideways.
    var vb = (svg.getAttribute('viewBox') || '0 0 0 0').split(' ').map(Number);
    svg.style.width = Math.round(vb[2] * BRACKET_SCALE) + 'px';
    svg.style.height = Math.round(vb[3] * BRACKET_SCALE) + 'px';
  }

  function renderResults() {
    var box = App.clear($('#tp-results'));
    var done = tv.matches.filter(function (f) { return f.status === 'Completed'; }).sort(byTime).reverse();
    if (!done.length) { box.appendChild(el('li', { className: 'tp-hint', text: t('tp.noResults') })); return; }
    done.forEach(function (f) {
      var sc = score(f);
      box.appendChild(el('li', { className: 'tp-result' + (f.teamA === myTeam || f.teamB === myTeam ? ' tp-mine' : ''), 'data-match-id': f.matchId }, [
        el('span', { className: 'tp-result-label', text: label(f) }),
        el('span', { className: 'tp-result-line' }, [
          el('span', { className: f.winner === f.teamA ? 'tp-winner' : null, text: side(f, 'A') }),
          el('b', { className: 'tp-result-sets', text: ' ' + sc.sets + ' ' }),
          el('span', { className: f.winner === f.teamB ? 'tp-winner' : null, text: side(f, 'B') })
        ]),
        el('span', { className: 'tp-result-points', text: sc.current + (f.ending && f.ending !== 'Finished' ? ' · ' + t('bracket.ending.' + f.ending) : '') })
      ]));
    });
  }

  $('#tp-team').addEventListener('change', function () {
    myTeam = this.value || null;
    saveTeam(myTeam);
    var svg = $('#tp-bracket');
    svg.removeAttribute('data-picked'); // my new team's path replaces whatever was tapped before
    render();
  });

  I18n.onChange(function () { if (tv) render(); });
  start();
}(window));
