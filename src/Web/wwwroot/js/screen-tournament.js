/*
 * Big screen, mode "Tournament" (screen.js hands over with ScreenTournament.show(tournamentId), and
 * show(null) when another mode takes the screen). Three views in rotation, every ROTATE_MS:
 *   bracket — the knockout drawn by bracket-svg.js;
 *   groups  — the group tables side by side (position, team, W/L, 积分, C值, Z值);
 *   courts  — a scoreboard per running match;
 * and under them, always, what is playing now and what is next on each court. Everything comes by push:
 * topic tournament:{id} (the TournamentView) and match:{id}/{matchId} for each running match.
 * ?tview=bracket|groups|courts pins one view (for a second screen, or a rehearsal).
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var ROTATE_MS = 15000;
  var VIEWS = ['bracket', 'groups', 'courts'];
  // The hub allows 32 topics per connection and live.js may not be able to let go of one: past this many
  // match topics, further running matches are read over HTTP every few seconds instead.
  var MATCH_TOPIC_BUDGET = 20;
  var POLL_MS = 3000;

  var pinned = VIEWS.indexOf(App.param('tview')) >= 0 ? App.param('tview') : null;
  var tid = null;          // the tournament on screen, null when the screen shows something else
  var tv = null;           // its TournamentView
  var lives = {};          // matchId -> latest MatchView of a running match
  var followed = {};       // topic -> true
  var matchTopics = 0;
  var tracked = {};        // matchId -> 'topic' | 'poll', for the running matches
  var shownView = null;
  var rotateTimer = 0;
  var pollTimer = 0;
  var fitTimer = 0;

  function teamName(id) {
    if (!tv || !id) return '';
    for (var i = 0; i < tv.teams.length; i++) if (tv.teams[i].teamId === id) return tv.teams[i].name;
    return id;
  }
  function team(id) {
    for (var i = 0; tv && i < tv.teams.length; i++) if (tv.teams[i].teamId === id) return tv.teams[i];
    return null;
  }
  function running() { return tv ? tv.matches.filter(function (f) { return f.status === 'Running'; }) : []; }
  function byCourt(a, b) { return String(a).localeCompare(String(b), 'zh-CN', { numeric: true }); }
  function hhmm(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString(I18n.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  // ---------- following the tournament and its running matches ----------

  function show(id) {
    var box = $('#view-tournament');
    id = id || null;
    if (!id) {
      tid = null;
      box.hidden = true;
      clearTimeout(rotateTimer);
      rotateTimer = 0;
      clearInterval(pollTimer);
      return;
    }
    box.hidden = false;
    if (id === tid) return;
    tid = id;
    tv = null;
    lives = {};
    tracked = {};
    shownView = null;
    follow('tournament:' + id, onTournament);
    showPhoneLink(id);
    App.get('/api/public/tournaments/' + encodeURIComponent(id)).then(onTournament, function (err) {
      if (tid === id && !err.isNetwork) App.showError(err);
    });
    render();
  }

  /** A QR code and the address of the phone page (tournament.html) for players and spectators, in the view's head. */
  function showPhoneLink(id) {
    var url = w.location.origin + '/tournament.html?id=' + encodeURIComponent(id);
    var box = $('#tv-phone');
    if (!box) {
      box = el('div', { id: 'tv-phone', className: 'tv-phone' }, [
        el('img', { id: 'tv-phone-qr', alt: '', width: '160', height: '160' }),
        el('p', { className: 'tv-phone-text' }, [el('span', { id: 'tv-phone-hint' }), el('span', { id: 'tv-phone-url', className: 'tv-phone-url' })])
      ]);
      $('#tournament-view .tv-head').appendChild(box);
    }
    $('#tv-phone-qr').src = '/api/qr?text=' + encodeURIComponent(url);
    $('#tv-phone-qr').setAttribute('data-url', url);
    $('#tv-phone-hint').textContent = t('tv.phoneHint');
    $('#tv-phone-url').textContent = url.replace(/^https?:\/\//, '');
  }

  function follow(topic, fn) {
    if (followed[topic]) return true;
    followed[topic] = true;
    Live.subscribe(topic, fn);
    return true;
  }

  function unfollow(topic) {
    if (!followed[topic] || typeof Live.unsubscribe !== 'function') return;
    Live.unsubscribe(topic);
    delete followed[topic];
    matchTopics--;
  }

  function onTournament(view) {
    if (!view || view.tournamentId !== tid) return;
    if (tv && typeof view.revision === 'number' && view.revision < tv.revision) return;
    tv = view;
    followRunning();
    render();
  }

  function followRunning() {
    var now = {};
    running().forEach(function (f) {
      now[f.matchId] = true;
      if (tracked[f.matchId]) return;
      var topic = 'match:' + tid + '/' + f.matchId;
      if (followed[topic]) {
        tracked[f.matchId] = 'topic';
      } else if (matchTopics < MATCH_TOPIC_BUDGET) {
        matchTopics++;
        tracked[f.matchId] = 'topic';
        follow(topic, onMatch);
      } else {
        tracked[f.matchId] = 'poll';
      }
      readMatch(f.matchId); // the live snapshot usually wins, but the board should not wait for the socket
    });
    // Finished matches: let go of their topics where live.js can; their pushes are ignored either way.
    Object.keys(tracked).forEach(function (id) {
      if (now[id]) return;
      if (tracked[id] === 'topic') unfollow('match:' + tid + '/' + id);
      delete tracked[id];
      delete lives[id];
    });
    var polled = Object.keys(tracked).filter(function (id) { return tracked[id] === 'poll'; });
    clearInterval(pollTimer);
    if (polled.length) pollTimer = setInterval(function () { polled.forEach(readMatch); }, POLL_MS);
  }

  function readMatch(matchId) {
    var at = tid;
    App.get('/api/public/tournaments/' + encodeURIComponent(at) + '/matches/' + encodeURIComponent(matchId), { retries: 1 })
      .then(onMatch, function () { /* the push or the next poll brings it */ });
  }

  function onMatch(m) {
    if (!m || !tv || m.tournamentId !== tid) return;
    var f = fixture(m.matchId);
    if (!f || f.status !== 'Running') return;
    var had = lives[m.matchId];
    if (had && m.version < had.version) return;
    lives[m.matchId] = m;
    renderLive(m.matchId);
  }

  function fixture(id) {
    for (var i = 0; tv && i < tv.matches.length; i++) if (tv.matches[i].matchId === id) return tv.matches[i];
    return null;
  }

  // ---------- which view, and the rotation ----------

  function available() {
    if (!tv) return [];
    var list = [];
    if (tv.matches.some(function (f) { return f.stage !== 'group'; })) list.push('bracket');
    if (tv.groups.length && (tv.setup && tv.setup.format !== 'Knockout' && tv.setup.format !== 'DoubleElimination')) list.push('groups');
    if (running().length) list.push('courts');
    // Groups first while the group stage is on: that is where the action is.
    if (list[0] === 'bracket' && list.indexOf('groups') > 0 && tv.groups.some(function (g) { return !g.complete; })) {
      list.splice(list.indexOf('groups'), 1);
      list.unshift('groups');
    }
    return list;
  }

  function choose(step) {
    var list = available();
    if (pinned) return pinned;
    if (!list.length) return null;
    var i = list.indexOf(shownView);
    if (i < 0) return list[0];
    return list[(i + step) % list.length];
  }

  function rotate() {
    rotateTimer = 0;
    if (tid) setView(choose(1));
  }

  function rotates() { return !pinned && available().length > 1; }

  function setView(name) {
    clearTimeout(rotateTimer);
    rotateTimer = 0;
    shownView = name;
    $('#tournament-view').setAttribute('data-view', name || 'none');
    VIEWS.forEach(function (v) { $('#tv-pane-' + v).hidden = v !== name; });
    $('#tv-empty').hidden = !!name;
    var bar = $('#tv-progress');
    bar.classList.remove('run');
    void bar.offsetWidth; // restart the CSS animation
    renderTabs();
    drawView();
    keepRotating();
  }

  function keepRotating() {
    if (rotateTimer || !rotates()) return;
    $('#tv-progress').classList.add('run');
    rotateTimer = setTimeout(rotate, ROTATE_MS);
  }

  function renderTabs() {
    var tabs = App.clear($('#tv-tabs'));
    (pinned ? [pinned] : available()).forEach(function (v) {
      tabs.appendChild(el('li', { className: v === shownView ? 'active' : '', 'data-view': v, text: t('tv.view.' + v) }));
    });
  }

  // ---------- rendering ----------

  function render() {
    if (!tid) return;
    // The screen's own headline usually is the tournament's title: don't say it twice.
    var title = tv && tv.setup ? tv.setup.title : t('common.loading');
    var headline = $('#screen-headline');
    $('#tv-title').textContent = title;
    $('#tv-title').hidden = !!(headline && headline.textContent === title);
    var champ = $('#tv-champion');
    champ.hidden = !(tv && tv.champion);
    if (tv && tv.champion) champ.textContent = t('tv.champion', { team: teamName(tv.champion) });
    $('#tv-empty').textContent = tv ? t('tv.empty') : t('common.loading');
    var list = available();
    var next = shownView && (pinned || list.indexOf(shownView) >= 0) ? shownView : choose(0);
    if (next !== shownView) setView(next);
    else { renderTabs(); drawView(); keepRotating(); }
    renderNowPlaying();
  }

  function drawView() {
    if (!tv) return;
    if (shownView === 'bracket') drawBracket();
    else if (shownView === 'groups') drawGroups();
    else if (shownView === 'courts') drawCourts();
  }

  /** A running match's score changed: redraw only what shows it. */
  function renderLive(matchId) {
    if (!tid) return;
    if (shownView === 'courts') drawCourts();
    else if (shownView === 'bracket') {
      var f = fixture(matchId);
      if (f && f.stage !== 'group') drawBracket();
    }
    renderNowPlaying();
  }

  function drawBracket() {
    BracketSvg.render($('#bracket-svg'), tv.matches, {
      teamName: teamName, live: function (id) { return lives[id] || null; }, seedOf: function (id) { var tm = team(id); return tm ? tm.seed : null; }
    });
  }

  // groups

  function drawGroups() {
    var box = $('#group-tables');
    App.clear(box);
    var groups = tv.groups || [];
    var cols = groups.length <= 1 ? 1 : groups.length <= 4 ? 2 : groups.length <= 9 ? 3 : 4;
    box.style.gridTemplateColumns = 'repeat(' + cols + ', minmax(0, 1fr))';
    var advance = tv.setup && tv.setup.format === 'GroupsThenKnockout' ? tv.setup.advancePerGroup : 0;
    groups.forEach(function (g) {
      var anyPlayed = g.standings.some(function (s) { return s.played > 0; });
      var rows = anyPlayed ? g.standings : g.teamIds.map(function (id) { return { teamId: id, position: 0, won: 0, lost: 0, matchPoints: 0, setQuotient: '–', pointsQuotient: '–' }; });
      var body = el('tbody');
      rows.forEach(function (s) {
        var tm = team(s.teamId);
        // Through (green) only once decided; a team in the top places that could still drop is 暂列.
        var q = advance > 0 ? s.qualification : null;
        var provisional = anyPlayed && q === 'provisional' && s.position <= advance;
        var cls = q === 'qualified' ? 'adv' : provisional ? 'prov' : q === 'eliminated' ? 'out' : '';
        body.appendChild(el('tr', { 'data-team-id': s.teamId, 'data-qualification': q || null, className: cls }, [
          el('td', { className: 'gt-pos' }, anyPlayed ? [String(s.position),
            q === 'qualified' ? el('span', { className: 'gt-q gt-q-in', text: t('tv.qualified') })
              : provisional ? el('span', { className: 'gt-q gt-q-prov', text: t('tv.provisional') })
                : s.tied && s.played > 0 ? el('span', { className: 'gt-tied', text: t('tv.tied') }) : null] : '–'),
          el('td', { className: 'gt-team' }, [el('span', { className: 'gt-name', text: tm ? tm.name : s.teamId }), tm && tm.district ? el('span', { className: 'gt-district', text: tm.district }) : null]),
          el('td', { className: 'num gt-wl', text: s.won + '/' + s.lost }),
          el('td', { className: 'num gt-pts', text: String(s.matchPoints) }),
          el('td', { className: 'num', text: s.setQuotient }),
          el('td', { className: 'num', text: s.pointsQuotient })
        ]));
      });
      var head = el('tr', null, [
        el('th', { className: 'gt-pos', text: t('tv.colPos') }),
        el('th', { text: t('tv.colTeam') }),
        el('th', { className: 'num', text: t('tv.colWL') }),
        el('th', { className: 'num', text: t('tv.colPoints') }),
        el('th', { className: 'num', text: t('tv.colC') }),
        el('th', { className: 'num', text: t('tv.colZ') })
      ]);
      box.appendChild(el('section', { className: 'group-card' + (g.complete ? ' complete' : '') }, [
        el('h3', { className: 'group-title' }, [t('tv.groupName', { name: g.name }), g.complete ? el('span', { className: 'group-done', text: t('tv.groupDone') }) : null]),
        el('table', { className: 'group-table', 'data-group': g.name }, [el('thead', null, head), body])
      ]));
    });
    var legend = $('#group-legend');
    legend.textContent = advance > 0 ? t('tv.legend', { n: advance }) + ' · ' + t('tv.legendDecided') : t('tv.legendPlain');
    fitLater(box, 4.4);
  }

  // courts

  function drawCourts() {
    var box = $('#court-boards');
    var list = running().slice().sort(function (a, b) { return byCourt(a.court || '~', b.court || '~') || byCourt(a.matchId, b.matchId); });
    var cols = list.length <= 1 ? 1 : list.length <= 4 ? 2 : 3;
    var rows = Math.max(1, Math.ceil(list.length / cols));
    box.style.gridTemplateColumns = 'repeat(' + cols + ', minmax(0, 1fr))';
    box.style.gridTemplateRows = 'repeat(' + rows + ', minmax(0, 1fr))';
    box.setAttribute('data-count', String(list.length));
    box.style.fontSize = Math.min(3.2, 7.4 / rows) + 'vh';
    var keep = {};
    list.forEach(function (f) {
      keep[f.matchId] = true;
      var board = box.querySelector('.court-board[data-match-id="' + f.matchId + '"]');
      if (!board) { board = buildBoard(f.matchId); box.appendChild(board); }
      fillBoard(board, f, lives[f.matchId] || null);
    });
    Array.prototype.slice.call(box.querySelectorAll('.court-board')).forEach(function (b) { if (!keep[b.getAttribute('data-match-id')]) box.removeChild(b); });
    list.forEach(function (f) { box.appendChild(box.querySelector('.court-board[data-match-id="' + f.matchId + '"]')); }); // keep court order
  }

  function buildBoard(matchId) {
    var side = function (k) {
      return el('div', { className: 'cb-team', 'data-team': k.toUpperCase() }, [
        el('span', { className: 'cb-serve', 'aria-hidden': 'true' }),
        el('span', { className: 'cb-name' }),
        el('span', { className: 'cb-sets' }),
        el('span', { className: 'cb-points court-points-' + k })
      ]);
    };
    return el('article', { className: 'court-board', 'data-match-id': matchId }, [
      el('header', { className: 'cb-head' }, [el('span', { className: 'cb-court' }), el('span', { className: 'cb-label' }), el('span', { className: 'cb-setno' })]),
      side('a'),
      side('b'),
      el('footer', { className: 'cb-foot' }, [el('span', { className: 'cb-history' }), el('span', { className: 'cb-alert' })])
    ]);
  }

  function setText(node, text, flash) {
    text = String(text);
    if (node.textContent === text) return;
    var first = node.textContent === '';
    node.textContent = text;
    if (flash && !first) { node.classList.remove('flash'); void node.offsetWidth; node.classList.add('flash'); }
  }

  function fillBoard(board, f, m) {
    board.setAttribute('data-status', m ? m.status : 'Loading');
    setText($('.cb-court', board), f.court || t('tv.noCourt'));
    setText($('.cb-label', board), f.label);
    setText($('.cb-setno', board), m && m.current ? t('tv.setNo', { n: m.setNumber }) : '');
    ['A', 'B'].forEach(function (k) {
      var row = $('.cb-team[data-team="' + k + '"]', board);
      row.classList.toggle('serving', !!m && m.serving === k);
      setText($('.cb-name', row), teamName(k === 'A' ? f.teamA : f.teamB));
      setText($('.cb-sets', row), m ? (k === 'A' ? m.setsA : m.setsB) : 0);
      setText($('.cb-points', row), m && m.current ? (k === 'A' ? m.current.a : m.current.b) : '–', true);
    });
    setText($('.cb-history', board), m && m.sets.length
      ? m.sets.map(function (s, i) { return t('tv.setShort', { n: i + 1 }) + ' ' + s.a + ':' + s.b; }).join('   ') : '');
    var alert = m ? (m.sideSwitchDue ? t('tv.sideSwitch') : m.status === 'SetOver' ? t('tv.setOver') : m.status === 'MatchOver' ? t('tv.matchOver') : '') : '';
    var al = $('.cb-alert', board);
    setText(al, alert);
    al.hidden = !alert;
  }

  // now playing / up next, by court

  function renderNowPlaying() {
    var strip = $('#now-playing');
    if (!tv) { strip.hidden = true; return; }
    var courts = {};
    tv.matches.forEach(function (f) {
      if (!f.court || f.status === 'Completed') return;
      var c = courts[f.court] = courts[f.court] || { now: null, next: null };
      if (f.status === 'Running') { if (!c.now || earlier(f, c.now)) c.now = f; }
      else if (!c.next || earlier(f, c.next)) c.next = f;
    });
    var names = Object.keys(courts).sort(byCourt);
    strip.hidden = names.length === 0;
    App.clear(strip);
    strip.style.gridTemplateColumns = 'repeat(' + Math.max(1, Math.min(names.length, 6)) + ', minmax(0, 1fr))';
    names.slice(0, 6).forEach(function (name) {
      var c = courts[name];
      var m = c.now ? lives[c.now.matchId] : null;
      var score = m ? m.setsA + ':' + m.setsB + (m.current ? ' (' + m.current.a + ':' + m.current.b + ')' : '') : '';
      strip.appendChild(el('div', { className: 'np-court', 'data-court': name }, [
        el('p', { className: 'np-top' }, [
          el('span', { className: 'np-name', text: name }),
          c.now ? el('span', { className: 'np-tag np-now-tag', text: t('tv.now') }) : null,
          score ? el('b', { className: 'np-score', text: score }) : null
        ]),
        c.now
          ? el('p', { className: 'np-now', 'data-match-id': c.now.matchId, text: side(c.now, 'A') + ' vs ' + side(c.now, 'B') })
          : el('p', { className: 'np-now np-none', text: t('tv.idle') }),
        c.next
          ? el('p', { className: 'np-next', 'data-match-id': c.next.matchId }, [
            el('span', { className: 'np-tag', text: c.next.startsAt ? t('tv.nextAt', { time: hhmm(c.next.startsAt) }) : t('tv.next') }),
            el('span', { className: 'np-teams', text: side(c.next, 'A') + ' vs ' + side(c.next, 'B') })
          ])
          : el('p', { className: 'np-next np-none', text: t('tv.nothingNext') })
      ]));
    });
  }

  function earlier(a, b) {
    var ta = a.startsAt ? Date.parse(a.startsAt) : Infinity;
    var tb = b.startsAt ? Date.parse(b.startsAt) : Infinity;
    return ta < tb || (ta === tb && byCourt(a.matchId, b.matchId) < 0);
  }

  function side(f, k) {
    var id = k === 'A' ? f.teamA : f.teamB;
    return id ? teamName(id) : BracketSvg.sourceText(k === 'A' ? f.sourceA : f.sourceB, tv.matches);
  }

  /** Step the type down until the box's content fits (only possible while it is on screen). */
  function fitLater(box, start) {
    clearTimeout(fitTimer);
    fitTimer = setTimeout(function () {
      if (!box.offsetParent) return;
      var size = start;
      box.style.fontSize = size + 'vh';
      while (box.scrollHeight > box.clientHeight + 1 && size > 1.2) {
        size -= 0.1;
        box.style.fontSize = size + 'vh';
      }
    }, 0);
  }

  I18n.onChange(function () { if (tid) { setView(shownView); renderNowPlaying(); showPhoneLink(tid); } });
  w.addEventListener('resize', function () { if (tid && shownView === 'groups') drawGroups(); });

  w.ScreenTournament = { show: show };
}(window));
