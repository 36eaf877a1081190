/*
 * Air-volleyball tournament (气排球比赛): the list, one tournament's header and tabs, its live view, the names
 * and labels the tabs share, and the live scores of running matches. Routes: #tournament, #tournament/ID/TAB
 * with TAB setup | schedule | tables. The tabs live in console-tournament-setup.js (+ -teams.js),
 * console-tournament-schedule.js and console-tournament-results.js and register with ConsoleTournament.tab(name,
 * {show()}); ConsoleTournament.onView(fn(view)) follows every change (HTTP replies and the live topic
 * "tournament:{id}", newest revision wins).
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;

  var T = {
    id: null,
    view: null,      // TournamentView as last received
    title: '',       // from the list, until the setup has one
    tabName: 'setup', // the visible tab
    tabs: {},
    presets: null    // GET /api/tournaments/presets, loaded once
  };
  var viewListeners = [];
  var switchListeners = [];
  var followed = {};
  var loadSeq = 0;

  T.tab = function (name, def) { T.tabs[name] = def; };
  T.onView = function (fn) { viewListeners.push(fn); };
  T.onSwitch = function (fn) { switchListeners.push(fn); };
  T.active = function (tab) { return C.current === 'tournament' && !!T.view && T.tabName === tab; };
  T.api = function (tail) { return '/api/tournaments/' + C.enc(T.id) + (tail || ''); };
  T.href = function (tab) { return '#tournament/' + C.enc(T.id) + '/' + tab; };
  T.locale = function () { return I18n.lang() === 'en' ? 'en' : 'zh-CN'; };
  /** What an empty criteria list means on the server (StandingCriteria.ChineseRegulation): 积分, Z值, C值, 胜负关系. */
  T.defaultCriteria = ['MatchPoints', 'PointsQuotient', 'SetQuotient', 'HeadToHead'];

  // ---------- names and labels shared by the tabs ----------

  T.team = function (id) {
    var list = (T.view && T.view.teams) || [];
    for (var i = 0; i < list.length; i++) if (list[i].teamId === id) return list[i];
    return null;
  };
  T.teamName = function (id) { var team = T.team(id); return team ? team.name : (id || '—'); };
  T.match = function (id) {
    var list = (T.view && T.view.matches) || [];
    for (var i = 0; i < list.length; i++) if (list[i].matchId === id) return list[i];
    return null;
  };

  /** The server's labels are Chinese only; build them from stage, group and round in the page's language. */
  T.label = function (m) {
    if (!m) return '';
    var number = /-M(\d+)$/.exec(m.matchId);
    var nth = number ? t('tour.matchNo', { n: number[1] }) : '';
    if (m.stage === 'group') return t('tour.labelGroup', { group: m.group, round: m.round });
    if (m.stage === 'ThirdPlace') return t('tour.labelThird');
    if (m.stage === 'GrandFinal') return t('tour.labelGrandFinal');
    if (m.stage === 'GrandFinalReset') return t('tour.labelReset');
    if (m.stage === 'Winners') return t('tour.labelWinners', { round: m.round }) + nth;
    if (m.stage === 'Losers') return t('tour.labelLosers', { round: m.round }) + nth;
    if (m.stage === 'Main') {
      var last = 0;
      T.view.matches.forEach(function (x) { if (x.stage === 'Main' && x.round > last) last = x.round; });
      var fromEnd = last - m.round;
      if (fromEnd === 0) return t('tour.labelFinal');
      if (fromEnd === 1) return t('tour.labelSemi') + nth;
      if (fromEnd === 2) return t('tour.labelQuarter') + nth;
      return t('tour.labelRound', { round: m.round }) + nth;
    }
    return m.label || m.matchId;
  };

  /** Where a team will come from while it is not known: "A1", "W:R1-M2", "L:…", a seed number, "BYE". */
  T.source = function (src) {
    var s = String(src || '');
    var g = /^([A-Z])(\d+)$/.exec(s);
    if (g) return t('tour.srcPlace', { group: g[1], place: g[2] });
    var wl = /^([WL]):(.+)$/.exec(s);
    if (wl && !T.match(wl[2])) return t('tour.bye'); // fed by a BYE that has already passed
    if (wl) return t(wl[1] === 'W' ? 'tour.srcWinner' : 'tour.srcLoser', { match: T.label(T.match(wl[2])) });
    if (/^\d+$/.test(s)) return t('tour.srcSeed', { seed: s });
    if (s === 'BYE') return t('tour.bye');
    return s || '—';
  };

  T.side = function (m, side) {
    var id = side === 'A' ? m.teamA : m.teamB;
    if (id) return T.teamName(id);
    // The server names no source for the grand-final rematch: it is played only if the final asks for it.
    return m.stage === 'GrandFinalReset' ? t('tour.ifNeeded') : T.source(side === 'A' ? m.sourceA : m.sourceB);
  };

  /** The loser of a BYE (a match no longer listed) never comes: such a match will pass as a BYE, unplayed. */
  T.willBeBye = function (m) {
    return [[m.teamA, m.sourceA], [m.teamB, m.sourceB]].some(function (p) {
      var l = /^L:(.+)$/.exec(p[1] || '');
      return !p[0] && l && !T.match(l[1]);
    });
  };

  T.score = function (m) {
    if (!m.sets || !m.sets.length) return '';
    var a = 0;
    var b = 0;
    m.sets.forEach(function (s) { if (s.a > s.b) a++; else if (s.b > s.a) b++; });
    return a + ':' + b + ' (' + m.sets.map(function (s) { return s.a + '-' + s.b; }).join(', ') + ')';
  };

  T.badge = function (status) {
    return el('span', { className: 'badge badge-match-' + String(status).toLowerCase(), text: t('tour.status.' + status) });
  };

  T.time = function (iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString(T.locale(), { hour: '2-digit', minute: '2-digit' });
  };
  T.day = function (iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleDateString(T.locale(), { month: 'long', day: 'numeric', weekday: 'short' });
  };

  /** One sentence for a rule set, as the organiser set it up. */
  T.rulesText = function (r) {
    var bits = [t('tour.rulesBest', { sets: 2 * r.setsToWin - 1, win: r.setsToWin }),
      t('tour.rulesPoints', { points: r.pointsPerSet, deciding: r.decidingSetPoints, lead: r.leadNeeded }),
      r.capsEnabled ? t('tour.rulesCap', { cap: r.setCap, deciding: r.decidingSetCap }) : t('tour.rulesNoCap')];
    if (r.decidingSetSideSwitchAt) bits.push(t('tour.rulesSwitch', { at: r.decidingSetSideSwitchAt }));
    bits.push(t('tour.rulesTimeouts', { n: r.timeoutsPerSet }));
    bits.push(t('tour.rulesTable', { w: r.winPoints, l: r.lossPoints, dw: r.decidingWinPoints, dl: r.decidingLossPoints, fw: r.forfeitWinPoints, fl: r.forfeitLossPoints }));
    return bits.join(t('tour.sep'));
  };

  /** Swaps list[i] with its neighbour (delta -1 or +1); the ↑/↓ buttons. */
  T.move = function (list, i, delta) {
    var j = i + delta;
    if (j < 0 || j >= list.length) return;
    var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
  };

  /** ISO ↔ the value of an <input type="datetime-local"> (the browser's local time). */
  T.toInput = function (iso) {
    var d = iso ? new Date(iso) : null;
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    if (!d || isNaN(d.getTime())) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  };
  T.fromInput = function (v) { var d = v ? new Date(v) : null; return d && !isNaN(d.getTime()) ? d.toISOString() : null; };

  // ---------- live scores: the tournament topic carries results, so running matches are polled ----------

  T.live = {};         // matchId -> MatchView of a running match
  var pollTimer = 0;

  /** "2:0 (21-18, 21-15)" for a result; sets and the current set for a running match. */
  T.scoreText = function (m) {
    var lv = T.live[m.matchId];
    if (m.status !== 'Running' || !lv) return T.score(m);
    return t('tour.liveScore', { sets: lv.setsA + ':' + lv.setsB, set: lv.setNumber, current: lv.current ? lv.current.a + ':' + lv.current.b : '' });
  };

  async function poll() {
    if (!T.active('schedule') && !T.active('tables')) { clearInterval(pollTimer); pollTimer = 0; return; }
    var id = T.id;
    var changed = false;
    var running = T.view.matches.filter(function (m) { return m.status === 'Running'; });
    for (var i = 0; i < running.length; i++) {
      try {
        var mv = await App.get('/api/public/tournaments/' + C.enc(id) + '/matches/' + C.enc(running[i].matchId), { retries: 0 });
        var before = T.live[mv.matchId];
        if (!before || before.version !== mv.version) changed = true;
        T.live[mv.matchId] = mv;
      } catch (err) { /* the next tick tries again; the badge still says "playing" */ }
    }
    if (changed && id === T.id) viewListeners.slice().forEach(function (fn) { fn(T.view); });
  }

  /** Every 5 s while the schedule or the tables are on screen. */
  T.pollLive = function () { if (!pollTimer) { pollTimer = setInterval(poll, 5000); poll(); } };

  // ======================= the list =======================

  async function loadList() {
    try {
      var list = await App.get('/api/tournaments');
      if (T.id) return;
      var tbody = App.clear($('#tournament-table tbody'));
      if (!list || !list.length) {
        tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 2, text: t('tour.none') })));
        return;
      }
      list.forEach(function (x) {
        var href = '#tournament/' + C.enc(x.tournamentId) + '/setup';
        tbody.appendChild(el('tr', {
          className: 'clickable',
          'data-tournament-id': x.tournamentId,
          onclick: function (e) { if (e.target.tagName !== 'A') w.location.hash = href; }
        }, [
          el('td', null, el('a', { href: href, text: x.title })),
          el('td', { text: x.createdAt ? new Date(x.createdAt).toLocaleString(T.locale()) : '' })
        ]));
      });
    } catch (err) { C.handle(err); }
  }

  $('#tournament-create-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var input = $('#tournament-title');
    var title = input.value.trim();
    if (!title) { input.value = ''; e.target.reportValidity(); return; }
    try {
      var created = await App.busy($('#tournament-create'), 'common.saving', function () {
        return App.post('/api/tournaments', { title: title });
      });
      App.clearError();
      input.value = '';
      App.toast(t('tour.created', { title: title }));
      w.location.hash = '#tournament/' + C.enc(created.tournamentId) + '/setup';
    } catch (err) { C.handle(err); }
  });

  // ======================= one tournament =======================

  /** HTTP replies and pushes race: a view older than the one shown is dropped; `same` also drops an equal one. */
  T.take = function (view, same) {
    if (!view || view.tournamentId !== T.id) return;
    if (T.view && (view.revision < T.view.revision || (same && view.revision === T.view.revision))) return;
    T.view = view;
    renderHead();
    viewListeners.slice().forEach(function (fn) { fn(view); });
  };

  T.reload = async function () {
    var seq = ++loadSeq;
    var id = T.id;
    try {
      var view = await App.get('/api/public/tournaments/' + C.enc(id));
      if (seq === loadSeq && id === T.id) T.take(view);
    } catch (err) {
      if (err.status === 404 && id === T.id) w.location.hash = '#tournament';
      C.handle(err);
    }
  };

  function follow(id) {
    if (followed[id]) return; // the hub has no unsubscribe; a handler ignores other tournaments
    followed[id] = true;
    Live.subscribe('tournament:' + id, function (p) { if (id === T.id) T.take(p, true); });
  }

  /** A new tournament has no setup yet, so its title is only in the list. */
  async function loadTitle(id) {
    try {
      var list = await App.get('/api/tournaments');
      (list || []).forEach(function (x) { if (x.tournamentId === id && id === T.id) T.title = x.title; });
    } catch (err) { C.handle(err); }
  }

  async function loadPresets() {
    if (T.presets) return T.presets;
    try { T.presets = await App.get('/api/tournaments/presets'); } catch (err) { C.handle(err); }
    return T.presets;
  }

  function renderHead() {
    var v = T.view;
    var title = v && v.setup && v.setup.title ? v.setup.title : T.title;
    $('#tour-name').textContent = title || '';
    var summary = $('#tour-summary');
    App.clear(summary);
    if (v) {
      summary.appendChild(el('span', { className: 'badge badge-tour-' + v.status.toLowerCase(), text: t('tour.state.' + v.status) }));
      var done = v.matches.filter(function (m) { return m.status === 'Completed'; }).length;
      summary.appendChild(document.createTextNode(' ' + t('tour.summary', { teams: v.teams.length, played: done, matches: v.matches.length })));
    }
    var champ = $('#tour-champion');
    champ.hidden = !(v && v.champion);
    if (v && v.champion) champ.textContent = t('tour.champion', { team: T.teamName(v.champion) });
    Array.prototype.forEach.call(document.querySelectorAll('.tour-tab'), function (a) {
      var tab = a.getAttribute('data-tab');
      a.href = T.href(tab);
      a.setAttribute('aria-selected', tab === T.tabName ? 'true' : 'false');
    });
    Object.keys(T.tabs).forEach(function (tab) { $('#tour-panel-' + tab).hidden = tab !== T.tabName; });
  }

  async function show(arg) {
    var parts = (arg || '').split('/');
    var id = parts[0];
    $('#tour-list-view').hidden = !!id;
    $('#tour-detail-view').hidden = !id;
    if (!id) { T.id = null; T.view = null; loadList(); return; }
    var changed = id !== T.id;
    if (changed) {
      T.id = id;
      T.view = null;
      T.title = '';
      T.live = {};
      $('#tour-name').textContent = '';
      App.clear($('#tour-summary'));
      switchListeners.slice().forEach(function (fn) { fn(); });
      follow(id);
    }
    T.tabName = T.tabs[parts[1]] ? parts[1] : 'setup';
    renderHead();
    await Promise.all([loadPresets(), changed ? loadTitle(id) : null]);
    if (changed || !T.view) await T.reload(); else T.reload();
    if (T.view && T.id === id) T.tabs[T.tabName].show();
  }

  $('#tournament-screen').addEventListener('click', async function () {
    if (!T.view) return;
    var btn = this;
    try {
      // A view change carries no notice: each view keeps its own (the screen grain restores it).
      await App.busy(btn, null, function () {
        return App.put('/api/screens/main', {
          headline: String((T.view.setup && T.view.setup.title) || T.title).slice(0, 40), // ScreenText.MaxHeadline
          mode: 'Tournament',
          roundId: T.id // the screen carries the tournament id in roundId
        });
      });
      App.clearError();
      App.toast(t('tour.screenSent'));
    } catch (err) { C.handle(err); }
  });

  I18n.onChange(function () {
    if (C.current !== 'tournament') return;
    if (!T.id) { loadList(); return; }
    renderHead();
    if (T.view && T.tabs[T.tabName]) T.tabs[T.tabName].show();
  });

  w.ConsoleTournament = T;
  C.view('tournament', { show: show });
}(window));
