/*
 * Scorer page (tablet first, one per court). Sign-in by the court's link is done by grant-access.js; the
 * grant's name is the court's name (e.g. 1号场地). GET /api/scorer/court says which match is on the court
 * now and which is next; every tap is POST /api/scorer/matches/{matchId} and the MatchView it answers is
 * what the page shows. A second device on the same match follows it live (topic match:{tid}/{mid}).
 *
 * Taps are queued and sent one at a time, in order. The big numbers only ever show the server's score: a
 * tap shows at once as a "+1" beside it until the server has taken it. A rally is not idempotent, so a tap
 * whose answer was lost is never simply sent again: the page reads the match back (once the network is
 * there) and sends the tap again only if the match has not moved; if it moved as that tap would have, the
 * tap counts as taken; anything else stops the queue and asks the scorer to check the score.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var IDLE_POLL_MS = 15000;
  var OFFLINE_POLL_MS = 5000; // while the live connection is down, a second device still follows the score
  var POST_TIMEOUT_MS = 10000;
  var SETTLE_MS = 1500;      // after a lost answer: let a request still on its way land before reading back
  var BOUNCE_MS = 300;       // a glove bouncing on a button is one tap, not two rallies
  var FINAL = { Finished: true, Forfeited: true, Retired: true };
  var PLAYABLE = { NotStarted: true, InProgress: true };

  var started = false;
  var desk = null;           // last GET /api/scorer/court {tournamentId, court, current, next}
  var view = null;           // the MatchView on the page (server truth only)
  var teams = {};            // teamId -> name, from the tournament topic (for the next match)
  var fixtures = {};         // matchId -> Fixture, from the same topic (for the next match's time)
  var followed = {};         // live topics followed (Live may lack unsubscribe: handlers ignore other matches)
  var queue = [];            // taps not yet taken by the server: {action, team, matchId}
  var sending = false;
  var waitingForNetwork = false;
  var swapped = false;       // B shown on the left (the teams changed ends)
  var lastTap = { id: '', at: 0 };
  var deskLoading = null;
  var deskAgain = false;
  var idleTimer = 0;
  var refreshTimer = 0;
  var liveState = 'disconnected';

  function matchUrl(m) { return '/api/public/tournaments/' + encodeURIComponent(m.tournamentId) + '/matches/' + encodeURIComponent(m.matchId); }
  function teamLabel(team) { return t(team === 'A' ? 'scorer.teamA' : 'scorer.teamB'); }
  function teamName(team) { return view ? (team === 'A' ? view.teamAName : view.teamBName) || teamLabel(team) : ''; }
  function pts(v, team) { return v && v.current ? (team === 'A' ? v.current.a : v.current.b) : 0; }
  function setsText(v) { return (v.sets || []).map(function (s) { return s.a + ':' + s.b; }).join('  '); }

  // ---------- the court's desk ----------

  function loadDesk() {
    if (deskLoading) { deskAgain = true; return deskLoading; }
    deskLoading = (async function () {
      try {
        do {
          deskAgain = false;
          applyDesk(await App.get('/api/scorer/court'));
        } while (deskAgain);
      } catch (err) {
        if (err.status === 401 || err.status === 403) { ended(); return; }
        App.showError(err);
      } finally {
        deskLoading = null;
        scheduleIdlePoll();
      }
    }());
    return deskLoading;
  }

  function applyDesk(d) {
    desk = d;
    follow('tournament:' + d.tournamentId, onTournament);
    var cur = d.current && d.current.status !== 'Unprepared' ? d.current : null;
    // A finished match stays on the page, with its result, until the scorer asks for the next one.
    var holding = view && FINAL[view.status];
    if (cur && (!view || view.matchId === cur.matchId || !holding)) {
      if (view && view.matchId !== cur.matchId) { queue = []; App.toast(t('scorer.matchChanged', { label: cur.label })); }
      setMatch(cur);
    } else if (!cur && view && !holding) {
      queue = []; // the organiser took the match off this court
      view = null;
    }
    render();
  }

  function scheduleIdlePoll() {
    clearTimeout(idleTimer);
    // Live pushes cover a running match; with nothing to score, look again now and then in case they are down.
    if (view && !FINAL[view.status]) return;
    idleTimer = setTimeout(loadDesk, IDLE_POLL_MS);
  }

  function follow(topic, fn) {
    if (followed[topic]) return;
    followed[topic] = true;
    Live.subscribe(topic, fn);
  }

  function onTournament(tv) {
    if (!tv || !desk || tv.tournamentId !== desk.tournamentId) return;
    teams = {};
    (tv.teams || []).forEach(function (team) { teams[team.teamId] = team.name; });
    fixtures = {};
    (tv.matches || []).forEach(function (f) { fixtures[f.matchId] = f; });
    // Schedules and results change what is current and next on this court: ask again, at most twice a second.
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(loadDesk, 500);
    renderNext();
  }

  function setMatch(m) {
    follow('match:' + m.tournamentId + '/' + m.matchId, onMatchPush);
    applyView(m);
  }

  function onMatchPush(m) {
    if (m && view && m.matchId === view.matchId) { applyView(m); render(); }
  }

  /** The newest version wins, whichever way it came (our POST's answer, a push, or a read-back). */
  function applyView(m) {
    if (!m) return;
    if (view && view.matchId === m.matchId && typeof m.version === 'number' && m.version < view.version) return;
    view = m;
  }

  function ended() {
    desk = null;
    view = null;
    queue = [];
    clearTimeout(idleTimer);
    $('#scorer-desk').hidden = true;
    document.body.classList.remove('scoring');
    App.showError(t('scorer.sessionEnded'));
  }

  // ---------- taps: queued, sent in order, never blindly resent ----------

  function tap(action, team) {
    if (!view) return;
    if (action === 'Rally') {
      var id = action + team;
      var now = Date.now();
      if (lastTap.id === id && now - lastTap.at < BOUNCE_MS) return;
      lastTap = { id: id, at: now };
      if (navigator.vibrate) { try { navigator.vibrate(25); } catch (e) { /* not allowed: fine */ } }
    }
    queue.push({ action: action, team: team || null, matchId: view.matchId, tournamentId: view.tournamentId });
    renderPending();
    pump();
  }

  async function pump() {
    if (sending) return;
    sending = true;
    try {
      while (queue.length) {
        var item = queue[0];
        if (!view || view.matchId !== item.matchId) { queue = []; break; }
        var before = view;
        try {
          var answer = await App.post('/api/scorer/matches/' + encodeURIComponent(item.matchId),
            { action: item.action, team: item.team }, { retries: 0, timeoutMs: POST_TIMEOUT_MS });
          queue.shift();
          applyView(answer);
          App.clearError();
        } catch (err) {
          if (err.isNetwork || err.status === 408 || err.status >= 502) {
            var outcome = 'unknown';
            try { outcome = await readBack(item, before); } catch (again) { waitingForNetwork = false; }
            if (outcome === 'not-taken') continue;      // the server never saw it: the same tap goes again
            if (outcome === 'taken') { queue.shift(); App.toast(t('scorer.recovered')); continue; }
            queue = [];
            App.showError(t('scorer.uncertain'));
          } else {
            // Refused by the rules (or the match moved): later taps assumed this one, so they go too.
            queue = [];
            App.showError(err);
            if (err.status === 401 || err.status === 403) { ended(); return; }
            if (err.status === 404 || err.status === 409) refresh(item);
          }
        }
        render();
      }
    } finally {
      sending = false;
      waitingForNetwork = false;
      render();
    }
  }

  /** After a lost answer: 'taken', 'not-taken' or 'unknown', from the match as the server has it. */
  async function readBack(item, before) {
    waitingForNetwork = true;
    renderPending();
    var fresh = await App.get(matchUrl(item), { retries: Infinity });
    if (fresh.version === before.version) {
      await new Promise(function (resolve) { setTimeout(resolve, SETTLE_MS); });
      fresh = await App.get(matchUrl(item), { retries: Infinity });
    }
    waitingForNetwork = false;
    applyView(fresh);
    if (fresh.version === before.version) return 'not-taken';
    return fresh.version === before.version + 1 && movedAsTapWould(item, before, fresh) ? 'taken' : 'unknown';
  }

  function movedAsTapWould(item, a, b) {
    switch (item.action) {
      case 'Rally': return !!(a.current && b.current) && pts(b, item.team) === pts(a, item.team) + 1 && pts(b, other(item.team)) === pts(a, other(item.team));
      case 'Undo': return !!(a.current && b.current) && b.current.a + b.current.b === a.current.a + a.current.b - 1;
      case 'Timeout': return timeoutsLeft(b, item.team) === timeoutsLeft(a, item.team) - 1;
      case 'FirstServer': return b.serving === item.team;
      case 'ConfirmSet': return (b.sets || []).length === (a.sets || []).length + 1;
      case 'ConfirmMatch': return b.status === 'Finished';
      case 'Forfeit': return b.status === 'Forfeited';
      case 'Retire': return b.status === 'Retired';
      default: return false;
    }
  }

  function other(team) { return team === 'A' ? 'B' : 'A'; }
  function timeoutsLeft(v, team) { return team === 'A' ? v.timeoutsLeftA : v.timeoutsLeftB; }

  /** A refusal may mean our picture is stale (another device, the organiser): read the match and the desk again. */
  function refresh(item) {
    App.get(matchUrl(item)).then(function (m) { applyView(m); render(); }, function () { /* the banner already says what failed */ });
    loadDesk();
  }

  // ---------- rendering ----------

  function render() {
    var has = !!view;
    $('#grant-waiting').hidden = has;
    $('#scorer-desk').hidden = !has;
    document.body.classList.toggle('scoring', has);
    var court = (desk && desk.court) || (GrantAccess.profile() || {}).name || '';
    $('#grant-waiting-title').textContent = t('scorer.waiting', { court: court });
    if (!has) { closeMenu(); return; }

    var v = view;
    var status = v.status;
    var playable = PLAYABLE[status] === true;
    var final = FINAL[status] === true;
    $('#scorer-court').textContent = court;
    $('#scorer-match-label').textContent = v.label || '';
    var st = $('#scorer-status');
    st.setAttribute('data-status', status);
    st.textContent = t('scorer.status.' + status, { set: v.setNumber });
    $('#scorer-board').classList.toggle('swapped', swapped);
    $('#scorer-desk').classList.toggle('is-final', final);

    ['A', 'B'].forEach(function (team) {
      var k = team.toLowerCase();
      $('#team-name-' + k).textContent = teamName(team);
      $('#sets-' + k).textContent = String(team === 'A' ? v.setsA : v.setsB);
      $('#score-' + k).textContent = v.current ? String(pts(v, team)) : '–';
      $('#rally-' + k).disabled = !playable;
      var to = $('#timeout-' + k);
      var left = timeoutsLeft(v, team);
      // Between sets the server reports 0 timeouts left (none can be taken now), not that they are used up.
      to.textContent = playable ? t('scorer.timeout', { left: left }) : t('scorer.timeoutIdle');
      to.disabled = !playable || left <= 0;
      $('.team-panel[data-team="' + team + '"]').classList.toggle('is-serving', v.serving === team);
      $('.team-panel[data-team="' + team + '"]').classList.toggle('is-winner', !!v.winner && v.winner === (team === 'A' ? v.teamA : v.teamB));
    });

    var serving = $('#serving');
    serving.setAttribute('data-team', v.serving || '');
    serving.hidden = !v.serving;
    $('.serving-text', serving).textContent = v.serving ? t('scorer.servingTeam', { team: teamName(v.serving) }) : '';
    var fresh = playable && v.current && v.current.a + v.current.b === 0;
    var first = $('#first-server');
    first.hidden = !(fresh && v.serving);
    if (fresh && v.serving) first.textContent = t('scorer.firstServer', { team: teamName(other(v.serving)) });

    $('#side-switch').hidden = !v.sideSwitchDue;
    renderSets(v);
    renderUndo(v);
    $('#confirm-set').hidden = status !== 'SetOver';
    $('#confirm-match').hidden = status !== 'MatchOver';
    $('#undo').hidden = final;
    renderResult(v);
    renderNext();
    renderPending();
    renderMenu();
  }

  function renderSets(v) {
    var list = App.clear($('#set-history'));
    (v.sets || []).forEach(function (s, i) {
      list.appendChild(el('li', { 'data-winner': s.a > s.b ? 'A' : 'B' }, [
        el('span', { className: 'set-no', text: t('scorer.setNo', { n: i + 1 }) }),
        el('span', { className: 'set-score' }, [el('b', { className: 'set-a', text: String(s.a) }), ':', el('b', { className: 'set-b', text: String(s.b) })])
      ]));
    });
    list.hidden = !(v.sets || []).length;
  }

  /** Under rally-point scoring the team serving won the last rally; once a set is over, its leader did. */
  function lastRally(v) {
    if (!v.current || v.current.a + v.current.b === 0) return null;
    var team = v.status === 'SetOver' ? (v.current.a > v.current.b ? 'A' : 'B') : v.serving;
    return team ? { team: team, a: v.current.a, b: v.current.b } : null;
  }

  function renderUndo(v) {
    var last = lastRally(v);
    var canUndo = (v.status === 'InProgress' || v.status === 'SetOver') && !!last;
    $('#undo').disabled = !canUndo;
    $('#undo-detail').textContent = last ? t('scorer.undoDetail', { team: teamName(last.team), a: last.a, b: last.b }) : t('scorer.undoNothing');
  }

  function renderResult(v) {
    var box = $('#scorer-result');
    box.hidden = !FINAL[v.status];
    if (box.hidden) return;
    var winner = v.winner === v.teamA ? 'A' : v.winner === v.teamB ? 'B' : null;
    $('#result-title').textContent = winner ? t('scorer.resultWinner', { team: teamName(winner) }) : t('scorer.status.' + v.status);
    $('#result-detail').textContent = t('scorer.resultDetail.' + v.status, { a: v.setsA, b: v.setsB, sets: setsText(v) });
  }

  function hhmm(iso) {
    return iso ? new Date(iso).toLocaleTimeString(I18n.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false }) : '';
  }

  /** The desk's next is a Fixture (team ids, time); once a match is over its "current" is a MatchView (names). */
  function upcomingText(u) {
    var f = fixtures[u.matchId] || u;
    if (u.teamAName !== undefined) return { label: u.label, teams: (u.teamAName || '') + ' vs ' + (u.teamBName || ''), when: hhmm(f.startsAt) };
    // Only ready matches (both teams known) come to a court, so the sources are a last resort.
    var a = f.teamA ? (teams[f.teamA] || f.teamA) : f.sourceA;
    var b = f.teamB ? (teams[f.teamB] || f.teamB) : f.sourceB;
    return { label: f.label, teams: a + ' vs ' + b, when: hhmm(f.startsAt) };
  }

  function renderNext() {
    var box = $('#next-match');
    App.clear(box);
    if (!desk || !view) return;
    // Once this match is over, the desk's "current" is the one that comes next.
    var upcoming = FINAL[view.status] ? (desk.current && desk.current.matchId !== view.matchId ? desk.current : desk.next) : desk.next;
    box.setAttribute('data-match-id', upcoming ? upcoming.matchId : '');
    var loadNext = $('#load-next');
    if (loadNext) loadNext.hidden = !upcoming;
    if (!upcoming) { box.appendChild(el('span', { className: 'next-none', text: t('scorer.nextNone') })); return; }
    var f = upcomingText(upcoming);
    box.appendChild(el('span', { className: 'next-title', text: t('scorer.next') }));
    box.appendChild(el('span', { className: 'next-label', text: f.label + (f.when ? ' · ' + f.when : '') }));
    box.appendChild(el('span', { className: 'next-teams', text: f.teams }));
  }

  function renderPending() {
    ['A', 'B'].forEach(function (team) {
      var n = queue.filter(function (q) { return q.action === 'Rally' && q.team === team; }).length;
      var chip = $('#pending-' + team.toLowerCase());
      chip.hidden = n === 0;
      chip.textContent = '+' + n;
    });
    var note = $('#scorer-queue');
    note.hidden = queue.length === 0;
    note.setAttribute('data-kind', waitingForNetwork ? 'offline' : 'sending');
    note.textContent = queue.length ? t(waitingForNetwork ? 'scorer.queueOffline' : 'scorer.queueSending', { n: queue.length }) : '';
  }

  // ---------- dialogs and the "more" menu ----------

  var dialogDone = null;
  var dialogTimer = 0;

  /** A modal question with big buttons; resolves true when confirmed. delay (s) holds the OK button back. */
  function ask(opts) {
    if (dialogDone) dialogDone(false);
    closeMenu();
    var box = $('#scorer-dialog');
    $('#dialog-title').textContent = opts.title;
    var body = App.clear($('#dialog-body'));
    (opts.lines || []).forEach(function (line, i) { body.appendChild(el('p', { className: i === 0 ? 'dialog-lead' : '', text: line })); });
    var ok = $('#dialog-ok');
    ok.className = 'btn' + (opts.danger ? ' btn-danger-solid' : '');
    box.hidden = false;
    var wait = opts.delay || 0;
    function label() {
      ok.disabled = wait > 0;
      ok.textContent = wait > 0 ? t('scorer.waitSeconds', { label: opts.ok, n: wait }) : opts.ok;
    }
    label();
    clearInterval(dialogTimer);
    if (wait > 0) dialogTimer = setInterval(function () { wait--; label(); if (wait <= 0) clearInterval(dialogTimer); }, 1000);
    $('#dialog-cancel').focus();
    return new Promise(function (resolve) {
      dialogDone = function (yes) {
        dialogDone = null;
        clearInterval(dialogTimer);
        box.hidden = true;
        resolve(yes);
      };
    });
  }

  function closeMenu() {
    $('#scorer-menu').hidden = true;
    $('#scorer-more').setAttribute('aria-expanded', 'false');
  }

  function renderMenu() {
    var menu = App.clear($('#scorer-menu'));
    if (!view) return;
    var s = view.status;
    var canForfeit = s === 'NotStarted' || s === 'InProgress' || s === 'SetOver';
    var items = [
      ['swap', t('scorer.menuSwap'), true],
      ['forfeit-A', t('scorer.menuForfeit', { team: teamName('A') }), canForfeit],
      ['forfeit-B', t('scorer.menuForfeit', { team: teamName('B') }), canForfeit],
      ['retire-A', t('scorer.menuRetire', { team: teamName('A') }), s === 'InProgress'],
      ['retire-B', t('scorer.menuRetire', { team: teamName('B') }), s === 'InProgress'],
      ['reload', t('scorer.menuReload'), true]
    ];
    items.forEach(function (it) {
      menu.appendChild(el('button', {
        type: 'button', role: 'menuitem', className: 'menu-item' + (it[0].indexOf('-') > 0 ? ' menu-danger' : ''),
        'data-menu': it[0], disabled: !it[2], text: it[1]
      }));
    });
  }

  async function onMenu(kind) {
    closeMenu();
    if (kind === 'swap') { swapped = !swapped; render(); return; }
    if (kind === 'reload') { loadDesk(); return; }
    var parts = kind.split('-');
    var action = parts[0] === 'forfeit' ? 'Forfeit' : 'Retire';
    var team = parts[1];
    var yes = await ask({
      title: t(action === 'Forfeit' ? 'scorer.forfeitTitle' : 'scorer.retireTitle', { team: teamName(team) }),
      lines: [
        t(action === 'Forfeit' ? 'scorer.forfeitText' : 'scorer.retireText', { team: teamName(team), winner: teamName(other(team)) }),
        t('scorer.cannotUndo')
      ],
      ok: t(action === 'Forfeit' ? 'scorer.forfeitOk' : 'scorer.retireOk'),
      danger: true,
      delay: 3
    });
    if (yes) tap(action, team);
  }

  async function confirmSet() {
    var v = view;
    if (!v || !v.current) return;
    var winner = v.current.a > v.current.b ? 'A' : 'B';
    var yes = await ask({
      title: t('scorer.confirmSetTitle', { n: v.setNumber }),
      lines: [t('scorer.confirmSetScore', { a: v.current.a, b: v.current.b, nameA: teamName('A'), nameB: teamName('B') }),
        t('scorer.confirmSetWinner', { team: teamName(winner) }), t('scorer.confirmSetHint')],
      ok: t('scorer.confirmSet')
    });
    if (yes) tap('ConfirmSet', null);
  }

  async function confirmMatch() {
    var v = view;
    if (!v) return;
    var winner = v.winner === v.teamA ? 'A' : 'B';
    var yes = await ask({
      title: t('scorer.confirmMatchTitle'),
      lines: [t('scorer.confirmMatchScore', { a: v.setsA, b: v.setsB, nameA: teamName('A'), nameB: teamName('B') }),
        t('scorer.confirmMatchSets', { sets: setsText(v) }), t('scorer.confirmSetWinner', { team: teamName(winner) }), t('scorer.cannotUndo')],
      ok: t('scorer.confirmMatch')
    });
    if (yes) tap('ConfirmMatch', null);
  }

  async function timeout(team) {
    // A timeout cannot be undone, and a stray tap would cost the team one: ask first.
    var yes = await ask({
      title: t('scorer.timeoutTitle', { team: teamName(team) }),
      lines: [t('scorer.timeoutText', { left: timeoutsLeft(view, team) - 1 })],
      ok: t('scorer.timeoutOk')
    });
    if (yes) tap('Timeout', team);
  }

  function wire() {
    $('#rally-a').addEventListener('click', function () { tap('Rally', 'A'); });
    $('#rally-b').addEventListener('click', function () { tap('Rally', 'B'); });
    $('#undo').addEventListener('click', function () { tap('Undo', null); });
    $('#timeout-a').addEventListener('click', function () { timeout('A'); });
    $('#timeout-b').addEventListener('click', function () { timeout('B'); });
    $('#first-server').addEventListener('click', function () { if (view && view.serving) tap('FirstServer', other(view.serving)); });
    $('#confirm-set').addEventListener('click', confirmSet);
    $('#confirm-match').addEventListener('click', confirmMatch);
    $('#load-next').addEventListener('click', function () {
      if (queue.length) return;
      view = null;
      render();
      loadDesk();
    });
    $('#dialog-ok').addEventListener('click', function () { if (dialogDone) dialogDone(true); });
    $('#dialog-cancel').addEventListener('click', function () { if (dialogDone) dialogDone(false); });
    $('#scorer-dialog').addEventListener('click', function (e) { if (e.target === this && dialogDone) dialogDone(false); });
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { if (dialogDone) dialogDone(false); closeMenu(); } });
    $('#scorer-more').addEventListener('click', function (e) {
      e.stopPropagation();
      var menu = $('#scorer-menu');
      menu.hidden = !menu.hidden;
      this.setAttribute('aria-expanded', menu.hidden ? 'false' : 'true');
    });
    $('#scorer-menu').addEventListener('click', function (e) {
      var item = e.target.closest('[data-menu]');
      if (item && !item.disabled) onMenu(item.getAttribute('data-menu'));
    });
    document.addEventListener('click', function (e) { if (!e.target.closest('.scorer-more-wrap')) closeMenu(); });
    // A long press on a big button must not open the browser's menu or select text.
    $('#scorer-desk').addEventListener('contextmenu', function (e) { e.preventDefault(); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && GrantAccess.profile() && !sending) loadDesk();
    });
    Live.onState(function (state) { liveState = state; });
    setInterval(function () {
      if (liveState === 'connected' || !view || FINAL[view.status] || sending || document.visibilityState !== 'visible') return;
      var at = view;
      App.get(matchUrl(at), { retries: 0 }).then(function (m) {
        if (view && view.matchId === m.matchId && !sending) { applyView(m); render(); }
      }, function () { /* the strip and the dot already say the network is down */ });
    }, OFFLINE_POLL_MS);
    Live.onError(function (err, kind) {
      if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
    });
  }

  GrantAccess.start({
    role: 'scorer',
    render: function (me) {
      $('#grant-role-line').textContent = t('grant.roleScorer') + ' · ' + (me.name || '');
      $('#grant-waiting-title').textContent = t('scorer.waiting', { court: me.name || '' });
      if (!started) { started = true; wire(); loadDesk(); return; }
      render();      // language change: labels
      if (!sending) loadDesk(); // or signed in again, perhaps for another court
    }
  });
}());
