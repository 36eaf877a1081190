/*
 * Tournament tab "setup": format and its parameters, the rule set (a preset fills every editable field),
 * the ordered standings criteria, and the teams (from branches, one per district, or by hand; their order
 * is the seeding). Save → PUT /api/tournaments/{id}; start → POST …/start. Locked once the tournament runs.
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
  var teams = [];      // [{teamId, name, branchId, district, players: []}] in seed order
  var dirty = false;
  var filledFor = null; // tournament id the form was last filled for

  function locked() { return !!T.view && T.view.status !== 'Setup'; }
  function num(id) { var v = parseInt($(id).value, 10); return isNaN(v) ? 0 : v; }
  function touch() { dirty = true; $('#tournament-dirty').hidden = false; summarise(); }
  function byZh(a, b) { return String(a).localeCompare(String(b), 'zh-CN'); }

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

  function rulesText(r) {
    var bits = [t('tour.rulesBest', { sets: 2 * r.setsToWin - 1, win: r.setsToWin }),
      t('tour.rulesPoints', { points: r.pointsPerSet, deciding: r.decidingSetPoints, lead: r.leadNeeded }),
      r.capsEnabled ? t('tour.rulesCap', { cap: r.setCap, deciding: r.decidingSetCap }) : t('tour.rulesNoCap')];
    if (r.decidingSetSideSwitchAt) bits.push(t('tour.rulesSwitch', { at: r.decidingSetSideSwitchAt }));
    bits.push(t('tour.rulesTimeouts', { n: r.timeoutsPerSet }));
    bits.push(t('tour.rulesTable', { w: r.winPoints, l: r.lossPoints, dw: r.decidingWinPoints, dl: r.decidingLossPoints, fw: r.forfeitWinPoints, fl: r.forfeitLossPoints }));
    return bits.join(t('tour.sep'));
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
    var n = teams.length;
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
    $('#tournament-rules-text').textContent = rulesText(readRules());
    $('#tournament-team-count').textContent = t('tour.teamCount', { n: teams.length });
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
        el('button', { type: 'button', className: 'btn btn-small btn-secondary', disabled: i === 0, 'aria-label': t('sel.moveUp'), text: '↑', onclick: function () { move(criteria, i, -1); touch(); renderCriteria(); } }),
        el('button', { type: 'button', className: 'btn btn-small btn-secondary', disabled: i === criteria.length - 1, 'aria-label': t('sel.moveDown'), text: '↓', onclick: function () { move(criteria, i, 1); touch(); renderCriteria(); } })
      ]));
    });
  }

  function setCriteria(on) {
    criteria = on.map(function (id) { return { id: id, on: true }; });
    CRITERIA.forEach(function (id) { if (on.indexOf(id) < 0) criteria.push({ id: id, on: false }); });
  }

  function move(list, i, delta) {
    var j = i + delta;
    if (j < 0 || j >= list.length) return;
    var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
  }

  // ---------- teams ----------

  function nextTeamId() {
    var n = 0;
    teams.forEach(function (x) { var m = /^t(\d+)$/.exec(x.teamId); if (m) n = Math.max(n, Number(m[1])); });
    return 't' + (n + 1);
  }

  function teamInput(team, key, cls, label, max) {
    var value = key === 'players' ? team.players.join('、') : (team[key] || '');
    return el('input', { type: 'text', className: cls, value: value, maxlength: max, 'aria-label': t(label), required: key === 'name',
      placeholder: key === 'players' ? t('tour.playersPh') : null,
      oninput: function () {
        if (key === 'players') team.players = this.value.split(/[,，、;；\s]+/).filter(function (p) { return p; });
        else team[key] = this.value;
        touch();
      } });
  }

  function renderTeams() {
    var tbody = App.clear($('#tournament-teams tbody'));
    if (!teams.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 6, text: t('tour.noTeams') })));
    }
    teams.forEach(function (team, i) {
      var branch = team.branchId ? C.branchById(team.branchId) : null;
      tbody.appendChild(el('tr', { 'data-team-id': team.teamId }, [
        el('td', { className: 'num tour-seed', text: String(i + 1) }),
        el('td', null, teamInput(team, 'name', 'team-name', 'tour.teamName', 30)),
        el('td', null, teamInput(team, 'district', 'team-district', 'tour.district', 30)),
        el('td', { className: 'muted', text: branch ? branch.name : (team.branchId ? '…' : '—') }),
        el('td', null, teamInput(team, 'players', 'team-players', 'tour.players', 400)),
        el('td', { className: 'actions' }, [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary team-up', disabled: i === 0, 'aria-label': t('sel.moveUp'), text: '↑', onclick: function () { move(teams, i, -1); touch(); renderTeams(); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary team-down', disabled: i === teams.length - 1, 'aria-label': t('sel.moveDown'), text: '↓', onclick: function () { move(teams, i, 1); touch(); renderTeams(); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger team-remove', text: t('common.delete'), onclick: function () { teams.splice(i, 1); touch(); renderTeams(); } })
        ])
      ]));
    });
    summarise();
  }

  function teamName(branchName) {
    var base = String(branchName).replace(/(党总支|党支部|支部)$/, '');
    return base + '队';
  }

  function renderBranchPicker() {
    var box = App.clear($('#tournament-branch-list'));
    var taken = {};
    teams.forEach(function (x) { if (x.branchId) taken[x.branchId] = true; });
    var branches = ((C.org && C.org.branches) || []).slice().sort(function (a, b) { return byZh(a.district, b.district) || byZh(a.name, b.name); });
    if (!branches.length) { box.appendChild(el('p', { className: 'muted', text: t('tour.noBranches') })); return; }
    var district = null;
    var list = null;
    branches.forEach(function (b) {
      if (b.district !== district) {
        district = b.district;
        list = el('div', { className: 'tour-branch-group' });
        box.appendChild(el('fieldset', { className: 'tour-branch-district' }, [el('legend', { text: district }), list]));
      }
      var id = 'pick-branch-' + b.branchId;
      list.appendChild(el('label', { className: 'check', 'for': id }, [
        el('input', { type: 'checkbox', id: id, className: 'branch-pick', value: b.branchId, checked: !taken[b.branchId], disabled: !!taken[b.branchId] }),
        ' ' + b.name + (taken[b.branchId] ? ' ' + t('tour.alreadyIn') : '')
      ]));
    });
  }

  function pickAll(on) {
    Array.prototype.forEach.call(document.querySelectorAll('#tournament-branch-list .branch-pick:not(:disabled)'), function (b) { b.checked = on; });
  }

  $('#tournament-from-branches').addEventListener('click', function () {
    if (!C.org) C.refreshOrg();
    renderBranchPicker();
    $('#tournament-branch-picker').hidden = false;
  });
  $('#tournament-branch-all').addEventListener('click', function () { pickAll(true); });
  $('#tournament-branch-none').addEventListener('click', function () { pickAll(false); });
  $('#tournament-branch-cancel').addEventListener('click', function () { $('#tournament-branch-picker').hidden = true; });
  $('#tournament-branch-add').addEventListener('click', function () {
    Array.prototype.forEach.call(document.querySelectorAll('#tournament-branch-list .branch-pick:checked:not(:disabled)'), function (box) {
      var b = C.branchById(box.value);
      if (b) teams.push({ teamId: nextTeamId(), name: teamName(b.name), branchId: b.branchId, district: b.district, players: [] });
    });
    $('#tournament-branch-picker').hidden = true;
    touch();
    renderTeams();
  });

  $('#tournament-by-district').addEventListener('click', function () {
    var districts = ((C.org && C.org.districts) || []).map(function (d) { return d.name; }).sort(byZh);
    if (!districts.length) { App.showError(t('tour.noBranches')); return; }
    if (teams.length && !w.confirm(t('tour.byDistrictConfirm', { n: teams.length, d: districts.length }))) return;
    teams = [];
    districts.forEach(function (d) { teams.push({ teamId: nextTeamId(), name: d + '队', branchId: null, district: d, players: [] }); });
    touch();
    renderTeams();
  });

  $('#tournament-team-add').addEventListener('click', function () {
    teams.push({ teamId: nextTeamId(), name: '', branchId: null, district: '', players: [] });
    touch();
    renderTeams();
    var names = document.querySelectorAll('#tournament-teams .team-name');
    if (names.length) names[names.length - 1].focus();
  });

  $('#tournament-teams-clear').addEventListener('click', function () {
    if (!teams.length || !w.confirm(t('tour.clearConfirm', { n: teams.length }))) return;
    teams = [];
    touch();
    renderTeams();
  });

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
    teams = v.teams.slice().sort(function (a, b) { return a.seed - b.seed; }).map(function (x) {
      return { teamId: x.teamId, name: x.name, branchId: x.branchId, district: x.district || '', players: (x.players || []).slice() };
    });
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
    $('#tournament-save').hidden = isLocked;
    $('#tournament-start').hidden = isLocked;
    syncCaps();
    syncFormat();
    renderCriteria();
    renderTeams();
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
        thirdPlace: $('#tournament-third').checked,
        grandFinalReset: $('#tournament-reset').checked,
        separateDistricts: $('#tournament-districts').checked,
        drawSeed: random && !isNaN(seed) ? seed : null,
        rules: readRules(),
        criteria: criteria.filter(function (c) { return c.on; }).map(function (c) { return c.id; })
      },
      teams: teams.map(function (x, i) {
        return { teamId: x.teamId, name: x.name.trim(), branchId: x.branchId || null, district: x.district.trim() || null, seed: i + 1, players: x.players };
      })
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
  $('#tour-setup-fields').addEventListener('input', function (e) { if (!e.target.closest('#tournament-teams, #tournament-branch-picker')) touch(); });
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
  T.onSwitch(function () { dirty = false; filledFor = null; teams = []; criteria = []; $('#tournament-branch-picker').hidden = true; });
  C.onOrg(function () { if (T.active('setup')) renderTeams(); }); // branch names in the teams table
}(window));
