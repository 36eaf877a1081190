/*
 * Tournament tab "setup": format and its parameters, the rule set (a preset fills every editable field),
 * the ordered standings criteria, and the teams (console-tournament-teams.js). Save → PUT /api/tournaments/{id};
 * start → POST …/start. Locked once the tournament runs.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var T = ConsoleTournament;

  var RULES = ['setsToWin', 'pointsPerSet', 'decidingSetPoints', 'leadNeeded', 'capsEnabled', 'setCap', 'decidingSetCap',
    'decidingSetSideSwitchAt', 'timeoutsPerSet', 'winPoints', 'lossPoints', 'decidingWinPoints', 'decidingLossPoints',
    'forfeitWinPoints', 'forfeitLossPoints'];
  var CRITERIA = ['MatchPoints', 'PointsQuotient', 'SetQuotient', 'HeadToHead', 'MatchesWon'];
  var FIVB = ['MatchesWon', 'MatchPoints', 'SetQuotient', 'PointsQuotient', 'HeadToHead'];
  var PRESETS = ['air-volleyball', 'air-volleyball-capped', 'fivb-indoor'];

  var criteria = [];   // [{id, on}] in order
  var dirty = false;
  var filledFor = null; // tournament id the form was last filled for

  function locked() { return !!T.view && T.view.status !== 'Setup'; }
  function num(id) { var v = parseInt($(id).value, 10); return isNaN(v) ? 0 : v; }
  function touch() { dirty = true; $('#tournament-dirty').hidden = false; summarise(); }

  // ---------- rules ----------

  function readRules() {
    var r = {};
    RULES.forEach(function (k) {
      var input = $('#rule-' + k);
      if (k === 'capsEnabled') r[k] = input.checked;
      else if (k === 'decidingSetSideSwitchAt') r[k] = input.value === '' ? null : parseInt(input.value, 10);
      else r[k] = parseInt(input.value, 10) || 0;
    });
    return r;
  }

  function writeRules(r) {
    RULES.forEach(function (k) {
      var input = $('#rule-' + k);
      if (k === 'capsEnabled') input.checked = !!r[k];
      else input.value = r[k] === null || r[k] === undefined ? '' : String(r[k]);
    });
    syncCaps();
  }

  function syncCaps() {
    var on = $('#rule-capsEnabled').checked;
    $('#rule-setCap').disabled = !on || locked();
    $('#rule-decidingSetCap').disabled = !on || locked();
  }

  function matchingPreset(r) {
    var presets = T.presets || {};
    for (var i = 0; i < PRESETS.length; i++) {
      var p = presets[PRESETS[i]];
      if (p && RULES.every(function (k) { return k === 'setCap' || k === 'decidingSetCap' ? (!r.capsEnabled || p[k] === r[k]) : p[k] === r[k]; })) return PRESETS[i];
    }
    return 'custom';
  }

  // ---------- format ----------

  function syncFormat() {
    var f = $('#tournament-format').value;
    var groups = f === 'GroupsThenKnockout';
    var show = { groups: groups, advance: groups, draw: groups, districts: groups, legs: groups || f === 'RoundRobin',
      third: groups || f === 'Knockout', reset: f === 'DoubleElimination', seed: groups && $('#tournament-draw').value === 'random' };
    Array.prototype.forEach.call(document.querySelectorAll('#tour-panel-setup [data-for]'), function (node) {
      node.hidden = !show[node.getAttribute('data-for')];
    });
    $('#tournament-format-help').textContent = t('tour.formatHelp.' + f);
    summarise();
  }

  function pow2(n) { var p = 1; while (p < n) p *= 2; return p; }

  /** What the chosen format makes of these teams: groups, matches, byes. */
  function shapeText() {
    var n = T.teams.list().length;
    var f = $('#tournament-format').value;
    var legs = num('#tournament-legs') || 1;
    var third = $('#tournament-third').checked ? 1 : 0;
    if (n < 2) return t('tour.shapeFew');
    if (f === 'RoundRobin') return t('tour.shapeRR', { n: n, matches: legs * n * (n - 1) / 2 });
    if (f === 'Knockout') return t('tour.shapeKO', { n: n, size: pow2(n), byes: pow2(n) - n, matches: n - 1 + (n >= 4 ? third : 0) });
    if (f === 'DoubleElimination') return t('tour.shapeDE', { n: n, matches: 2 * n - 2, reset: $('#tournament-reset').checked ? t('tour.shapeDEReset') : '' });
    var g = num('#tournament-groups');
    var adv = num('#tournament-advance');
    if (g < 1 || n < 2 * g) return t('tour.shapeBadGroups', { n: n, groups: g });
    var small = Math.floor(n / g);
    var big = n % g;
    var groupMatches = 0;
    for (var i = 0; i < g; i++) { var k = small + (i < big ? 1 : 0); groupMatches += legs * k * (k - 1) / 2; }
    var q = g * adv;
    var sizes = big ? t('tour.shapeSizes2', { big: small + 1, small: small }) : t('tour.shapeSizes1', { size: small });
    return t('tour.shapeGroups', { n: n, groups: g, sizes: sizes, gm: groupMatches, adv: adv, q: q, km: Math.max(0, q - 1) + (q >= 4 ? third : 0) });
  }

  function summarise() {
    $('#tournament-shape').textContent = shapeText();
    $('#tournament-rules-text').textContent = T.rulesText(readRules());
    $('#tournament-team-count').textContent = t('tour.teamCount', { n: T.teams.list().length });
  }

  // ---------- criteria ----------

  function renderCriteria() {
    var list = App.clear($('#tournament-criteria'));
    criteria.forEach(function (c, i) {
      var id = 'crit-' + c.id;
      var box = el('input', { type: 'checkbox', id: id, className: 'criterion-on', checked: c.on });
      box.addEventListener('change', function () { c.on = box.checked; touch(); renderCriteria(); });
      list.appendChild(el('li', { className: c.on ? '' : 'unpicked', 'data-criterion': c.id }, [
        box,
        el('label', { 'for': id }, [el('b', { text: t('tour.crit.' + c.id) }), ' ', el('span', { className: 'muted', text: t('tour.critHelp.' + c.id) })]),
        el('button', { type: 'button', className: 'btn btn-small btn-secondary', disabled: i === 0, 'aria-label': t('sel.moveUp'), text: '↑', onclick: function () { T.move(criteria, i, -1); touch(); renderCriteria(); } }),
        el('button', { type: 'button', className: 'btn btn-small btn-secondary', disabled: i === criteria.length - 1, 'aria-label': t('sel.moveDown'), text: '↓', onclick: function () { T.move(criteria, i, 1); touch(); renderCriteria(); } })
      ]));
    });
  }

  function setCriteria(on) {
    criteria = on.map(function (id) { return { id: id, on: true }; });
    CRITERIA.forEach(function (id) { if (on.indexOf(id) < 0) criteria.push({ id: id, on: false }); });
  }

  // ---------- fill from the server, read back, save, start ----------

  function fill() {
    var v = T.view;
    var s = v.setup;
    var presets = T.presets || {};
    $('#tournament-setup-title').value = s ? s.title : (T.title || '');
    $('#tournament-format').value = s ? s.format : 'GroupsThenKnockout';
    $('#tournament-groups').value = String(s ? s.groups : 4);
    $('#tournament-advance').value = String(s ? s.advancePerGroup : 2);
    $('#tournament-legs').value = String(s ? s.legs : 1);
    $('#tournament-third').checked = s ? s.thirdPlace : true;
    $('#tournament-reset').checked = s ? s.grandFinalReset : false;
    $('#tournament-districts').checked = s ? s.separateDistricts : true;
    $('#tournament-draw').value = s && s.drawSeed !== null && s.drawSeed !== undefined ? 'random' : 'serpentine';
    $('#tournament-draw-seed').value = s && s.drawSeed !== null && s.drawSeed !== undefined ? String(s.drawSeed) : '';
    var rules = s ? s.rules : presets['air-volleyball'];
    if (rules) writeRules(rules);
    $('#tournament-preset').value = rules ? matchingPreset(rules) : 'custom';
    setCriteria(s && s.criteria && s.criteria.length ? s.criteria : T.defaultCriteria);
    T.teams.fill(v.teams);
    dirty = false;
    filledFor = v.tournamentId;
    $('#tournament-dirty').hidden = true;
  }

  function render() {
    if (!T.view) return;
    if (!dirty || filledFor !== T.view.tournamentId || locked()) fill();
    var isLocked = locked();
    $('#tour-setup-fields').disabled = isLocked;
    $('#tour-locked').hidden = !isLocked;
    $('.tour-setup-actions').hidden = isLocked;
    syncCaps();
    syncFormat();
    renderCriteria();
    T.teams.render();
  }

  function body() {
    var random = $('#tournament-format').value === 'GroupsThenKnockout' && $('#tournament-draw').value === 'random';
    var seed = parseInt($('#tournament-draw-seed').value, 10);
    return {
      setup: {
        title: $('#tournament-setup-title').value.trim(),
        format: $('#tournament-format').value,
        groups: num('#tournament-groups'),
        legs: num('#tournament-legs') || 1,
        advancePerGroup: num('#tournament-advance'),
        // Only the formats that show the option have a third-place match; the server refuses it elsewhere.
        thirdPlace: ($('#tournament-format').value === 'GroupsThenKnockout' || $('#tournament-format').value === 'Knockout') && $('#tournament-third').checked,
        grandFinalReset: $('#tournament-format').value === 'DoubleElimination' && $('#tournament-reset').checked,
        separateDistricts: $('#tournament-districts').checked,
        drawSeed: random && !isNaN(seed) ? seed : null,
        rules: readRules(),
        criteria: criteria.filter(function (c) { return c.on; }).map(function (c) { return c.id; })
      },
      teams: T.teams.body()
    };
  }

  async function save() {
    var form = $('#tour-panel-setup');
    if (!$('#tournament-setup-title').value.trim()) $('#tournament-setup-title').value = '';
    if (!form.reportValidity()) return false;
    var b = body();
    if (!b.setup.criteria.length) { App.showError(t('tour.noCriteria')); return false; }
    if (b.teams.length < 2) { App.showError(t('tour.fewTeams')); return false; }
    var view = await App.busy($('#tournament-save'), 'common.saving', function () { return App.put(T.api(), b); });
    App.clearError();
    dirty = false;
    $('#tournament-dirty').hidden = true;
    T.take(view);
    return true;
  }

  $('#tour-panel-setup').addEventListener('submit', async function (e) {
    e.preventDefault();
    try { if (await save()) App.toast(t('tour.saved')); } catch (err) { C.handle(err); }
  });

  $('#tournament-start').addEventListener('click', async function () {
    var b = body();
    if (!w.confirm(t('tour.startConfirm', { n: b.teams.length, format: t('tour.format.' + b.setup.format) }))) return;
    try {
      if ((dirty || !T.view.setup) && !(await save())) return;
      var view = await App.busy($('#tournament-start'), 'tour.starting', function () { return App.post(T.api('/start')); });
      App.clearError();
      T.take(view);
      App.toast(t('tour.started'));
      w.location.hash = T.href('schedule');
    } catch (err) { C.handle(err); }
  });

  // Any edit marks the form dirty; a live update then leaves it alone until saved.
  $('#tour-setup-fields').addEventListener('input', function (e) {
    if (/^rule-/.test(e.target.id)) $('#tournament-preset').value = matchingPreset(readRules());
    if (!e.target.closest('#tournament-teams, #tournament-branch-picker')) touch();
  });
  $('#tour-setup-fields').addEventListener('change', function (e) {
    var id = e.target.id;
    if (id === 'tournament-preset') {
      var p = T.presets && T.presets[e.target.value];
      if (p) writeRules(p);
    } else if (/^rule-/.test(id)) {
      $('#tournament-preset').value = matchingPreset(readRules());
    }
    if (id === 'rule-capsEnabled') syncCaps();
    if (id === 'tournament-draw' && e.target.value === 'random' && !$('#tournament-draw-seed').value) newSeed();
    if (id === 'tournament-format' || id === 'tournament-draw') syncFormat();
    if (!e.target.closest('#tournament-branch-picker')) touch();
  });

  function newSeed() { $('#tournament-draw-seed').value = String(1 + Math.floor(Math.random() * 999999)); }
  $('#tournament-draw-new').addEventListener('click', function () { newSeed(); touch(); });
  $('#tournament-criteria-default').addEventListener('click', function () { setCriteria(T.defaultCriteria); touch(); renderCriteria(); });
  $('#tournament-criteria-fivb').addEventListener('click', function () { setCriteria(FIVB); touch(); renderCriteria(); });

  T.tab('setup', { show: render });
  T.onView(function () { if (T.active('setup')) render(); });
  T.onSwitch(function () { dirty = false; filledFor = null; criteria = []; });
  T.teams.changed = touch;
  T.teams.rendered = summarise;
}(window));
