/*
 * Tournament tab "schedule": the day by court (a grid of time slots × courts), the editable list of every
 * match (court + start time, PUT …/matches/{id}/schedule), an automatic assignment of unscheduled matches to
 * courts round by round, and a scorer link per court (POST /api/grants, scoped to the tournament).
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var T = ConsoleTournament;

  var edits = {};      // matchId -> {court, time}: typed but not saved, kept across live re-renders
  var scorers = null;  // [{grant, link}] scorer grants, null until loaded
  var STAGE_ORDER = { group: 0, Winners: 1, Main: 1, Losers: 2, ThirdPlace: 3, GrandFinal: 4, GrandFinalReset: 5 };

  function byCourt(a, b) { return String(a).localeCompare(String(b), 'zh-CN', { numeric: true }); }
  function courtsUsed() {
    var seen = {};
    T.view.matches.forEach(function (m) { if (m.court) seen[m.court] = true; });
    return Object.keys(seen).sort(byCourt);
  }
  function order(a, b) {
    var sa = a.stage === 'group' ? 0 : 1;
    var sb = b.stage === 'group' ? 0 : 1;
    return sa - sb || a.round - b.round || (STAGE_ORDER[a.stage] || 0) - (STAGE_ORDER[b.stage] || 0)
      || String(a.group || '').localeCompare(String(b.group || '')) || (a.matchId < b.matchId ? -1 : 1);
  }
  function byTime(a, b) {
    var ta = a.startsAt ? Date.parse(a.startsAt) : Infinity;
    var tb = b.startsAt ? Date.parse(b.startsAt) : Infinity;
    return (ta === tb ? 0 : ta < tb ? -1 : 1) || byCourt(a.court || '~', b.court || '~') || order(a, b);
  }

  // ---------- the day by court ----------

  function renderGrid() {
    var box = App.clear($('#schedule-grid'));
    var scheduled = T.view.matches.filter(function (m) { return m.court && m.startsAt; });
    if (!scheduled.length) { box.appendChild(el('p', { className: 'muted', text: t('tour.gridEmpty') })); return; }
    var courts = courtsUsed();
    var slots = {};
    scheduled.forEach(function (m) {
      var key = Date.parse(m.startsAt);
      var slot = slots[key] = slots[key] || {};
      (slot[m.court] = slot[m.court] || []).push(m);
    });
    var times = Object.keys(slots).map(Number).sort(function (a, b) { return a - b; });
    var lastDay = '';
    var rows = times.map(function (ms) {
      var iso = new Date(ms).toISOString();
      var day = T.day(iso);
      var head = el('th', { scope: 'row', className: 'grid-time' }, [T.time(iso), day !== lastDay ? el('small', { text: day }) : null]);
      lastDay = day;
      return el('tr', null, [head].concat(courts.map(function (c) {
        var list = slots[ms][c];
        if (!list) return el('td', { className: 'grid-free' });
        // Two matches on one court at one time is a clash the organiser must see, not one hidden under the other.
        return el('td', { className: list.length > 1 ? 'grid-clash' : null }, list.map(function (m) {
          return el('div', { className: 'grid-match', 'data-match-id': m.matchId, 'data-status': m.status }, [
            el('div', { className: 'grid-label' }, [T.label(m), ' ', T.badge(m.status)]),
            el('div', { className: 'grid-teams' + (m.winner === m.teamA ? ' win-a' : m.winner === m.teamB ? ' win-b' : '') }, [
              el('span', { text: T.side(m, 'A') }), el('span', { className: 'muted', text: ' ' + t('tour.vs') + ' ' }), el('span', { text: T.side(m, 'B') })]),
            el('div', { className: 'grid-score', text: T.scoreText(m) })
          ]);
        }));
      })));
    });
    box.appendChild(el('table', { className: 'data schedule-grid' }, [
      el('thead', null, el('tr', null, [el('th', { scope: 'col', text: t('tour.time') })].concat(courts.map(function (c) { return el('th', { scope: 'col', text: c }); })))),
      el('tbody', null, rows)
    ]));
  }

  // ---------- the list of matches ----------

  function edit(m, key, value) {
    var e = edits[m.matchId] || (edits[m.matchId] = { court: m.court || '', time: T.toInput(m.startsAt) });
    e[key] = value;
    var row = document.querySelector('#schedule-table tr[data-match-id="' + m.matchId + '"]');
    if (row) row.classList.add('edited');
  }

  function renderTable() {
    var filter = $('#schedule-filter').value;
    var tbody = App.clear($('#schedule-table tbody'));
    var list = T.view.matches.filter(function (m) {
      if (filter === 'open') return m.status !== 'Completed';
      if (filter === 'unscheduled') return !m.court || !m.startsAt;
      if (filter === 'done') return m.status === 'Completed';
      return true;
    }).sort(byTime);
    if (!list.length) tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 6, text: t('tour.noMatches') })));
    list.forEach(function (m) {
      var e = edits[m.matchId];
      var court = el('input', { type: 'text', className: 'schedule-court', list: 'tour-court-list', maxlength: 20, value: e ? e.court : (m.court || ''), 'aria-label': t('tour.court'), oninput: function () { edit(m, 'court', this.value); } });
      var time = el('input', { type: 'datetime-local', className: 'schedule-time', value: e ? e.time : T.toInput(m.startsAt), 'aria-label': t('tour.time'), oninput: function () { edit(m, 'time', this.value); } });
      tbody.appendChild(el('tr', { 'data-match-id': m.matchId, 'data-status': m.status, className: e ? 'edited' : null }, [
        el('td', { className: 'schedule-when' }, [time]),
        el('td', null, court),
        el('td', { className: 'schedule-match' }, [
          el('div', { className: 'tour-label', text: T.label(m) }),
          el('div', { className: 'schedule-teams' }, [
            el('span', { className: m.winner && m.winner === m.teamA ? 'tour-winner' : (m.teamA ? '' : 'muted'), text: T.side(m, 'A') }),
            el('span', { className: 'muted', text: ' ' + t('tour.vs') + ' ' }),
            el('span', { className: m.winner && m.winner === m.teamB ? 'tour-winner' : (m.teamB ? '' : 'muted'), text: T.side(m, 'B') })
          ])
        ]),
        el('td', { className: 'schedule-score num', text: T.scoreText(m) }),
        el('td', null, T.badge(m.status)),
        el('td', { className: 'actions' }, [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary schedule-save', text: t('common.save'), onclick: function () { saveRow(m, this); } }),
          m.status === 'Completed' ? T.correctButton(m) : null,
          m.status === 'Running' ? el('button', { type: 'button', className: 'btn btn-small btn-secondary match-reopen', text: t('tour.reopen'), onclick: function () { reopen(m, this); } }) : null,
          // Issue 10 §4: this match's printable score sheet (记分表), blank or filled in as far as it was played.
          m.teamA && m.teamB ? el('a', { className: 'btn btn-small btn-secondary match-sheet', target: '_blank', rel: 'noopener', text: t('tour.sheetLink'),
            href: 'print.html?t=' + C.enc(T.id) + '&doc=sheets&match=' + C.enc(m.matchId) }) : null
        ])
      ]));
    });
  }

  async function saveRow(m, btn) {
    var row = btn.closest('tr');
    var body = { court: $('.schedule-court', row).value.trim() || null, startsAt: T.fromInput($('.schedule-time', row).value) };
    try {
      var view = await App.busy(btn, null, function () { return App.put(T.api('/matches/' + C.enc(m.matchId) + '/schedule'), body); });
      App.clearError();
      delete edits[m.matchId];
      App.toast(t('tour.scheduled', { match: T.label(m) }));
      T.take(view);
    } catch (err) { C.handle(err); }
  }

  async function reopen(m, btn) {
    if (!w.confirm(t('tour.reopenConfirm', { match: T.label(m) }))) return;
    try {
      var mv = await App.busy(btn, null, function () { return App.post(T.api('/matches/' + C.enc(m.matchId) + '/reopen')); });
      App.clearError();
      if (mv) T.live[m.matchId] = mv;
      App.toast(t('tour.reopened', { match: T.label(m) }));
      render();
    } catch (err) { C.handle(err); }
  }

  // ---------- automatic assignment, round by round ----------

  /** Matches a match waits for: those feeding its open slots (winner/loser of, a whole group, the grand final). */
  function deps(m) {
    var out = [];
    if (m.stage === 'GrandFinalReset') T.view.matches.forEach(function (x) { if (x.stage === 'GrandFinal') out.push(x.matchId); });
    [[m.teamA, m.sourceA], [m.teamB, m.sourceB]].forEach(function (p) {
      var wl = /^[WL]:(.+)$/.exec(p[1] || '');
      var g = /^([A-Z])\d+$/.exec(p[1] || '');
      if (p[0]) return;
      if (wl && T.match(wl[1])) out.push(wl[1]);
      if (g) T.view.matches.forEach(function (x) { if (x.stage === 'group' && x.group === g[1]) out.push(x.matchId); });
    });
    return out;
  }

  /**
   * Courts and times, greedily: each match in round order takes the earliest slot after what it waits for
   * and after its teams' previous match, on a free court. A match that will turn out a BYE takes no slot.
   */
  function plan(courts, start, step, includeLocked, onlyNew) {
    var slots = {};   // ms -> {courts: {}, teams: {}}
    var known = {};   // matchId -> ms from which its result can be known
    var last = {};    // teamId -> ms of its latest match
    var out = [];
    function slot(ms) { return slots[ms] || (slots[ms] = { courts: {}, teams: {} }); }
    function take(m, ms, court) {
      if (court) slot(ms).courts[court] = true;
      [m.teamA, m.teamB].forEach(function (id) { if (id) { slot(ms).teams[id] = true; last[id] = Math.max(last[id] || 0, ms); } });
      known[m.matchId] = ms + step;
    }
    var todo = T.view.matches.filter(function (m) {
      return m.status !== 'Completed' && m.status !== 'Running' && (includeLocked || m.status === 'Ready') && (!onlyNew || !m.court || !m.startsAt);
    }).sort(order);
    T.view.matches.forEach(function (m) {
      if (todo.indexOf(m) < 0 && m.startsAt) take(m, Date.parse(m.startsAt), m.court);
      if (m.status === 'Completed') known[m.matchId] = start; // its result is in already
    });
    for (var progress = true; progress && todo.length;) {
      progress = false;
      todo = todo.filter(function (m) {
        var lb = start;
        if (deps(m).some(function (id) { if (known[id] === undefined) return true; lb = Math.max(lb, known[id]); return false; })) return true;
        progress = true;
        if (T.willBeBye(m)) { known[m.matchId] = lb; return false; }
        [m.teamA, m.teamB].forEach(function (id) { if (id && last[id] !== undefined) lb = Math.max(lb, last[id] + step); });
        for (var ms = start + Math.ceil((lb - start) / step) * step; ; ms += step) {
          var s = slot(ms);
          var court = courts.filter(function (c) { return !s.courts[c]; })[0];
          if (!court || (m.teamA && s.teams[m.teamA]) || (m.teamB && s.teams[m.teamB])) continue;
          take(m, ms, court);
          out.push({ match: m, court: court, ms: ms });
          return false;
        }
      });
    }
    return out;
  }

  $('#schedule-bulk').addEventListener('submit', async function (e) {
    e.preventDefault();
    if (!e.target.reportValidity()) return;
    var courts = $('#schedule-courts').value.split(/[,，、;；\n]+/).map(function (c) { return c.trim(); }).filter(function (c) { return c; });
    var start = Date.parse(T.fromInput($('#schedule-start').value) || '');
    var step = (parseInt($('#schedule-interval').value, 10) || 0) * 60000;
    if (!courts.length || isNaN(start) || step <= 0) { App.showError(t('tour.bulkInvalid')); return; }
    if (courts.some(function (c) { return c.length > 20; })) { App.showError(t('tour.courtTooLong')); return; }
    var todo = plan(courts, start, step, $('#schedule-locked').checked, $('#schedule-only-new').checked);
    if (!todo.length) { App.showError(t('tour.bulkNothing')); return; }
    var from = todo.reduce(function (a, x) { return Math.min(a, x.ms); }, Infinity);
    var to = todo.reduce(function (a, x) { return Math.max(a, x.ms); }, start);
    if (!w.confirm(t('tour.bulkConfirm', { n: todo.length, courts: courts.length, from: T.time(new Date(from).toISOString()), to: T.time(new Date(to).toISOString()) }))) return;
    var btn = $('#schedule-auto');
    btn.disabled = true;
    try {
      for (var i = 0; i < todo.length; i++) {
        btn.textContent = t('tour.bulkProgress', { i: i + 1, n: todo.length });
        var x = todo[i];
        var view = await App.put(T.api('/matches/' + C.enc(x.match.matchId) + '/schedule'), { court: x.court, startsAt: new Date(x.ms).toISOString() });
        delete edits[x.match.matchId];
        T.take(view);
      }
      App.clearError();
      App.toast(t('tour.bulkDone', { n: todo.length }));
    } catch (err) {
      C.handle(err);
    } finally {
      btn.disabled = false;
      btn.textContent = t('tour.bulkSubmit');
    }
  });

  function fillBulkDefaults() {
    var courts = courtsUsed();
    if (!$('#schedule-courts').value) $('#schedule-courts').value = (courts.length ? courts : ['1号场地', '2号场地', '3号场地', '4号场地']).join('、');
    if (!$('#schedule-start').value) {
      var d = new Date();
      d.setHours(8, 30, 0, 0);
      $('#schedule-start').value = T.toInput(d.toISOString());
    }
  }

  // ---------- a scorer link per court ----------

  function scorerFor(court) {
    // Only links scoped to this tournament: an unscoped scorer link follows whichever tournament the server lists first.
    return (scorers || []).filter(function (g) { return g.grant.name === court && g.grant.scope === T.id; })[0] || null;
  }

  function renderCourts() {
    var box = App.clear($('#schedule-courts-list'));
    var datalist = App.clear($('#tour-court-list'));
    var courts = courtsUsed();
    courts.forEach(function (c) { datalist.appendChild(el('option', { value: c })); });
    if (!courts.length) { box.appendChild(el('p', { className: 'muted', text: t('tour.noCourts') })); return; }
    courts.forEach(function (c) {
      var g = scorerFor(c);
      var now = T.view.matches.filter(function (m) { return m.court === c && m.status === 'Running'; })[0];
      var code = g ? el('code', { className: 'grant-link', text: g.link }) : null;
      box.appendChild(el('article', { className: 'tour-court', 'data-court': c }, [
        el('h3', { text: c }),
        el('p', { className: 'muted', text: now ? t('tour.courtNow', { match: T.label(now) }) : t('tour.courtIdle') }),
        g ? el('a', { href: '/api/qr?text=' + C.enc(g.link), target: '_blank', rel: 'noopener', title: t('grants.qrOpen') },
          el('img', { className: 'tour-court-qr', src: '/api/qr?text=' + C.enc(g.link), alt: t('grants.qrAlt', { name: c }), width: 96, height: 96 })) : null,
        code,
        g ? el('button', { type: 'button', className: 'btn btn-small court-link-copy', text: t('grants.copy'), onclick: function () { copy(g.link, code); } })
          : el('button', { type: 'button', className: 'btn btn-small court-link-create', 'data-court': c, text: t('tour.courtLink'), onclick: function () { createLinks([c], this); } })
      ]));
    });
  }

  function copy(text, node) {
    var done = function () { App.toast(t('grants.copied')); };
    var fail = function () {
      var range = document.createRange();
      range.selectNodeContents(node);
      w.getSelection().removeAllRanges();
      w.getSelection().addRange(range);
      App.toast(t('grants.copyFailed'));
    };
    if (navigator.clipboard && w.isSecureContext) navigator.clipboard.writeText(text).then(done, fail); else fail();
  }

  async function loadScorers() {
    try {
      var list = await App.get('/api/grants');
      scorers = (list || []).filter(function (g) { return String(g.grant.role) === 'Scorer'; });
      if (T.active('schedule')) renderCourts();
    } catch (err) { C.handle(err); }
  }

  async function createLinks(courts, btn) {
    try {
      await App.busy(btn, 'grants.creating', async function () {
        for (var i = 0; i < courts.length; i++) {
          var made = await App.post('/api/grants', { role: 'Scorer', name: courts[i], branchId: null, scope: T.id });
          if (made && made.grant) scorers.push(made);
        }
      });
      App.clearError();
      App.toast(t('tour.courtLinksMade', { n: courts.length }));
    } catch (err) { C.handle(err); }
    renderCourts();
  }

  $('#schedule-scorer-links').addEventListener('click', function () {
    if (scorers === null) return;
    var missing = courtsUsed().filter(function (c) { return !scorerFor(c); });
    if (!missing.length) { App.toast(t('tour.courtLinksAll')); return; }
    createLinks(missing, this);
  });

  function render() {
    if (!T.view) return;
    var started = T.view.status !== 'Setup';
    $('#schedule-body').hidden = !started;
    $('#schedule-none').hidden = started;
    if (!started) return;
    fillBulkDefaults();
    renderGrid();
    renderTable();
    renderCourts();
  }

  $('#schedule-filter').addEventListener('change', renderTable);

  T.tab('schedule', {
    show: function () {
      render();
      loadScorers();
      T.pollLive();
    }
  });
  T.onView(function () { if (T.active('schedule')) render(); });
  T.onSwitch(function () { edits = {}; scorers = null; $('#schedule-courts').value = ''; });
}(window));
