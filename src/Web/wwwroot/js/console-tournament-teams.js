/*
 * Tournament setup, the teams: from the roster's branches (one team each, district from the branch), one
 * team per district, or by hand; optional players; the order of the table is the seeding (↑/↓).
 * ConsoleTournament.teams: list(), fill(teamEntries), body() for the PUT, render(); the setup hooks changed and rendered.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var T = ConsoleTournament;

  var teams = [];      // [{teamId, name, branchId, district, players: []}] in seed order
  var Teams = { changed: null, rendered: null };

  function byZh(a, b) { return String(a).localeCompare(String(b), 'zh-CN'); }
  function touch() { if (Teams.changed) Teams.changed(); }

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
          el('button', { type: 'button', className: 'btn btn-small btn-secondary team-up', disabled: i === 0, 'aria-label': t('sel.moveUp'), text: '↑', onclick: function () { T.move(teams, i, -1); touch(); renderTeams(); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary team-down', disabled: i === teams.length - 1, 'aria-label': t('sel.moveDown'), text: '↓', onclick: function () { T.move(teams, i, 1); touch(); renderTeams(); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger team-remove', text: t('common.delete'), onclick: function () { teams.splice(i, 1); touch(); renderTeams(); } })
        ])
      ]));
    });
    if (Teams.rendered) Teams.rendered(); // the setup's counts and shape follow
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

  Teams.list = function () { return teams; };
  Teams.render = renderTeams;
  Teams.fill = function (entries) {
    teams = entries.slice().sort(function (a, b) { return a.seed - b.seed; }).map(function (x) {
      return { teamId: x.teamId, name: x.name, branchId: x.branchId, district: x.district || '', players: (x.players || []).slice() };
    });
  };
  Teams.body = function () {
    return teams.map(function (x, i) {
      return { teamId: x.teamId, name: x.name.trim(), branchId: x.branchId || null, district: x.district.trim() || null, seed: i + 1, players: x.players };
    });
  };

  T.teams = Teams;
  T.onSwitch(function () { teams = []; $('#tournament-branch-picker').hidden = true; });
  C.onOrg(function () {
    if (!T.active('setup')) return;
    renderTeams(); // branch names in the table
    if (!$('#tournament-branch-picker').hidden && !document.querySelector('#tournament-branch-list .branch-pick')) renderBranchPicker();
  });
}(window));
