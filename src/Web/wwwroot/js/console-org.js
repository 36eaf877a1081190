/*
 * Console views over the roster: overview (districts + branch table), branch detail (members, edits),
 * and the add-branch form. All writes refresh the org snapshot over HTTP too, so the page stays right
 * even when the live connection is down.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;

  function byZh(a, b) { return String(a).localeCompare(String(b), 'zh-CN'); }
  function sortedBranches(org) {
    return (org.branches || []).slice().sort(function (a, b) {
      return byZh(a.district, b.district) || byZh(a.name, b.name);
    });
  }

  // ======================= overview =======================

  var districtFilter = null;

  function renderOverview() {
    var org = C.org;
    if (!org) return;
    var districts = (org.districts || []).slice().sort(function (a, b) { return byZh(a.name, b.name); });
    $('#stat-members').textContent = App.fmtNumber(org.memberCount);
    $('#stat-branches').textContent = App.fmtNumber((org.branches || []).length);
    $('#stat-districts').textContent = App.fmtNumber(districts.length);

    var grid = App.clear($('#district-grid'));
    districts.forEach(function (d) {
      grid.appendChild(el('button', {
        type: 'button',
        className: 'district-card',
        'aria-pressed': districtFilter === d.name ? 'true' : 'false',
        onclick: function () { districtFilter = districtFilter === d.name ? null : d.name; renderOverview(); }
      }, [
        el('div', { className: 'district-name', text: d.name }),
        el('div', { className: 'district-stats', text: t('overview.districtStats', { branches: d.branchCount, members: d.memberCount }) })
      ]));
    });
    renderBranchTable();
  }

  function renderBranchTable() {
    var tbody = App.clear($('#branch-table tbody'));
    var all = sortedBranches(C.org);
    var q = $('#branch-filter').value.trim().toLowerCase();
    var rows = all.filter(function (b) {
      if (districtFilter && b.district !== districtFilter) return false;
      return !q || String(b.name).toLowerCase().indexOf(q) >= 0 || String(b.district).toLowerCase().indexOf(q) >= 0;
    });
    if (!rows.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 3, text: t(all.length ? 'overview.noMatch' : 'overview.empty') })));
      return;
    }
    rows.forEach(function (b) {
      var href = '#branch/' + C.enc(b.branchId);
      tbody.appendChild(el('tr', {
        className: 'clickable',
        'data-branch-id': b.branchId,
        onclick: function (e) { if (e.target.tagName !== 'A') window.location.hash = href; }
      }, [
        el('td', null, el('a', { href: href, text: b.name })), // the link keeps rows reachable by keyboard
        el('td', { text: b.district }),
        el('td', { className: 'num', text: App.fmtNumber(b.memberCount) })
      ]));
    });
  }

  $('#branch-filter').addEventListener('input', renderBranchTable);
  C.onOrg(function () { if (C.current === 'overview') renderOverview(); });
  C.view('overview', {
    show: function () {
      renderOverview();
      PublicAddressWarning.refresh(); // before any code sheet is printed: do links point somewhere a phone can reach?
    }
  });

  // ======================= branch detail =======================

  var branch = null;      // {branch, members} as last loaded
  var branchId = null;
  var editingNo = null;   // memberNo being edited, null when adding

  function formsOpen() { return !$('#mem-form').hidden || !$('#branch-edit-form').hidden; }

  async function loadBranch(id) {
    try {
      var data = await App.get('/api/org/branches/' + C.enc(id));
      if (String(id) !== String(branchId)) return; // the user moved on while we were loading
      branch = data;
      renderBranch();
    } catch (err) {
      if (err.status === 404) { branch = null; branchId = null; renderBranch(); }
      C.handle(err);
    }
  }

  function renderBranch() {
    $('#branch-none').hidden = !!branch;
    $('#branch-detail').hidden = !branch;
    if (!branch) return;
    var b = branch.branch;
    $('#branch-name').textContent = b.name;
    $('#branch-summary').textContent = t('branch.summary', { district: b.district, count: branch.members.length });
    $('#branch-print').href = 'codes.html?branch=' + C.enc(b.branchId);

    var tbody = App.clear($('#member-table tbody'));
    if (!branch.members.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 4, text: t('branch.noMembers') })));
      return;
    }
    branch.members.forEach(function (m) {
      tbody.appendChild(el('tr', { 'data-member-no': m.memberNo }, [
        el('td', { className: 'mono', text: m.memberNo }),
        el('td', { text: m.name }),
        el('td', { text: m.phone || '—' }),
        el('td', { className: 'actions' }, [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: t('common.edit'), onclick: function () { openMemberForm(m); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: t('mem.revoke'), onclick: function () { revokeCode(m, this); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'), onclick: function () { removeMember(m, this); } })
        ])
      ]));
    });
  }

  function showBranch(arg) {
    var id = arg || branchId; // the plain "支部详情" tab reopens the last branch
    if (!id) { branch = null; renderBranch(); return; }
    if (String(id) !== String(branchId)) {
      branchId = id;
      branch = null;
      $('#mem-form').hidden = true;
      $('#branch-edit-form').hidden = true;
      $('#branch-detail').hidden = true;
      $('#branch-none').hidden = true;
    }
    loadBranch(id);
  }

  // Someone else (or an import) changed the roster: reload the open branch unless the user is typing in it.
  C.onOrg(function () { if (C.current === 'branch' && branchId && !formsOpen()) loadBranch(branchId); });

  // ---- member add/edit ----

  function fillBranchSelect(selectedId) {
    var select = App.clear($('#mf-branch'));
    sortedBranches(C.org || {}).forEach(function (b) {
      select.appendChild(el('option', { value: b.branchId, selected: String(b.branchId) === String(selectedId) }, b.district + ' · ' + b.name));
    });
    if (!select.options.length && branch) { // org not loaded yet: at least offer this branch
      select.appendChild(el('option', { value: branch.branch.branchId, selected: true }, branch.branch.name));
    }
  }

  function openMemberForm(m) {
    editingNo = m ? m.memberNo : null;
    $('#mem-form-title').textContent = m ? t('mem.editTitle', { name: m.name }) : t('mem.addTitle');
    $('#mf-memberNo').value = m ? m.memberNo : '';
    $('#mf-memberNo').readOnly = !!m; // the member number is the identity; the server refuses to change it
    $('#mf-name').value = m ? m.name : '';
    $('#mf-phone').value = m && m.phone ? m.phone : '';
    fillBranchSelect(m ? m.branchId : branch.branch.branchId);
    $('#mem-form').hidden = false;
    $(m ? '#mf-name' : '#mf-memberNo').focus();
  }

  $('#mem-add-btn').addEventListener('click', function () { openMemberForm(null); });

  $('#mem-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var form = e.target;
    if (!form.reportValidity()) return;
    var chosen = C.branchById($('#mf-branch').value);
    var body = {
      memberNo: $('#mf-memberNo').value.trim(),
      name: $('#mf-name').value.trim(),
      phone: $('#mf-phone').value.trim() || null,
      branchId: chosen ? chosen.branchId : branch.branch.branchId // keep the id's JSON type (number or string)
    };
    var btn = form.querySelector('button[type=submit]');
    try {
      await App.busy(btn, 'common.saving', function () {
        return editingNo === null
          ? App.post('/api/org/members', body)
          : App.put('/api/org/members/' + C.enc(editingNo), body);
      });
      App.clearError();
      App.toast(t(editingNo === null ? 'mem.added' : 'mem.updated', { name: body.name }));
      form.hidden = true;
      loadBranch(branchId);
      C.refreshOrg();
    } catch (err) { C.handle(err); }
  });

  async function removeMember(m, btn) {
    if (!window.confirm(t('mem.removeConfirm', { name: m.name, memberNo: m.memberNo }))) return;
    try {
      await App.busy(btn, null, function () { return App.del('/api/org/members/' + C.enc(m.memberNo)); });
      App.toast(t('mem.removed', { name: m.name }));
      loadBranch(branchId);
      C.refreshOrg();
    } catch (err) { C.handle(err); }
  }

  async function revokeCode(m, btn) {
    if (!window.confirm(t('mem.revokeConfirm', { name: m.name }))) return;
    try {
      await App.busy(btn, null, function () { return App.post('/api/org/members/' + C.enc(m.memberNo) + '/revoke-code'); });
      App.toast(t('mem.revoked', { name: m.name }));
      loadBranch(branchId);
    } catch (err) { C.handle(err); }
  }

  // ---- branch edit/remove ----

  $('#branch-edit-btn').addEventListener('click', function () {
    $('#be-name').value = branch.branch.name;
    $('#be-district').value = branch.branch.district;
    $('#branch-edit-form').hidden = false;
    $('#be-name').focus();
  });

  $('#branch-edit-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var form = e.target;
    if (!form.reportValidity()) return;
    var body = { name: $('#be-name').value.trim(), district: $('#be-district').value.trim() };
    try {
      await App.busy(form.querySelector('button[type=submit]'), 'common.saving', function () {
        return App.put('/api/org/branches/' + C.enc(branchId), body);
      });
      App.clearError();
      App.toast(t('branch.saved'));
      form.hidden = true;
      loadBranch(branchId);
      C.refreshOrg();
    } catch (err) { C.handle(err); }
  });

  $('#branch-delete-btn').addEventListener('click', async function () {
    var name = branch.branch.name;
    if (!window.confirm(t('branch.deleteConfirm', { name: name }))) return;
    try {
      await App.busy(this, null, function () { return App.del('/api/org/branches/' + C.enc(branchId)); });
      App.toast(t('branch.deleted', { name: name }));
      branch = null;
      branchId = null;
      C.refreshOrg();
      window.location.hash = '#overview';
    } catch (err) { C.handle(err); } // 409 "still has members" arrives here with the server's detail
  });

  // Cancel buttons close their own inline form.
  Array.prototype.forEach.call(document.querySelectorAll('.js-cancel'), function (btn) {
    btn.addEventListener('click', function () { btn.form.hidden = true; });
  });

  I18n.onChange(function () {
    if (C.current === 'overview') renderOverview();
    if (C.current === 'branch') renderBranch();
  });

  C.view('branch', { show: showBranch });

  // ======================= add branch =======================

  $('#new-branch-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var form = e.target;
    if (!form.reportValidity()) return;
    var body = { name: $('#nb-name').value.trim(), district: $('#nb-district').value.trim() };
    try {
      var created = await App.busy($('#nb-submit'), 'common.saving', function () { return App.post('/api/org/branches', body); });
      App.toast(t('newBranch.created', { name: body.name }));
      form.reset();
      C.refreshOrg();
      if (created && created.branchId !== undefined) window.location.hash = '#branch/' + C.enc(created.branchId);
    } catch (err) { C.handle(err); }
  });

  C.view('new-branch', { show: function () { $('#nb-name').focus(); } });
}());
