/*
 * Case selection, tab "cases": the branches' theme-day cases of an event, their review (accept / return
 * with a note), and the add/edit form. Files are uploaded to /api/attachments as soon as they are
 * chosen; the case then refers to them by id.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var S = ConsoleSelection;

  function byZh(a, b) { return String(a).localeCompare(String(b), 'zh-CN'); }

  var editingCaseId = null;
  var files = [];        // [{attachmentId?, fileName, contentType, length, pending}]
  var uploading = [];    // promises of uploads in flight

  function isPdf(f) { return String(f.contentType || f.type).toLowerCase() === 'application/pdf' || /\.pdf$/i.test(f.fileName || f.name || ''); }
  function isImage(f) { return /^image\/(jpeg|png|webp)$/i.test(f.contentType || f.type || '') || /\.(jpe?g|png|webp)$/i.test(f.fileName || f.name || ''); }
  function sizeText(bytes) { return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB'; }

  function statusCell(c) {
    var cell = el('td', null, S.badge('case', c.status));
    if (c.reviewNote) cell.appendChild(el('div', { className: 'case-note', text: c.reviewNote }));
    return cell;
  }

  function renderCases() {
    var cases = (S.ev && S.ev.cases) || [];
    var accepted = cases.filter(function (c) { return c.status === 'Accepted'; }).length;
    $('#case-counts').textContent = t('case.counts', { total: cases.length, accepted: accepted });
    var tbody = App.clear($('#case-table tbody'));
    if (!cases.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 6, text: t('case.empty') })));
      return;
    }
    cases.forEach(function (c) {
      var links = (c.attachments || []).map(function (a) {
        return el('a', { href: '/api/attachments/' + C.enc(a.attachmentId), target: '_blank', rel: 'noopener', text: a.fileName });
      });
      tbody.appendChild(el('tr', { 'data-case-id': c.caseId, 'data-status': c.status }, [
        el('td', { className: 'case-title-cell' }, [
          el('div', { className: 'case-title', text: c.title }),
          c.summary ? el('div', { className: 'case-summary', text: c.summary }) : null,
          links.length ? el('div', { className: 'case-links' }, links) : null
        ]),
        el('td', { text: c.branchName }),
        el('td', { text: c.themeDayDate || '—' }),
        el('td', { className: 'num', text: String((c.attachments || []).length) }),
        statusCell(c),
        el('td', { className: 'actions' }, [
          el('button', { type: 'button', className: 'btn btn-small case-accept', disabled: c.status === 'Accepted', text: t('case.accept'), onclick: function () { review(c, 'Accepted', this); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary case-reject', disabled: c.status === 'Rejected', text: t('case.reject'), onclick: function () { review(c, 'Rejected', this); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary case-edit', text: t('common.edit'), onclick: function () { editCase(c); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger case-delete', text: t('common.delete'), onclick: function () { removeCase(c, this); } })
        ])
      ]));
    });
  }

  async function review(c, status, btn) {
    var note = null;
    if (status === 'Rejected') {
      note = w.prompt(t('case.rejectPrompt', { title: c.title }), c.reviewNote || '');
      if (note === null) return;
    }
    try {
      await App.busy(btn, null, function () {
        return App.post('/api/selection/events/' + C.enc(S.eventId) + '/cases/' + C.enc(c.caseId) + '/review', { status: status, note: note });
      });
      App.clearError();
      App.toast(t(status === 'Accepted' ? 'case.accepted' : 'case.rejected', { title: c.title }));
      S.reload();
    } catch (err) { C.handle(err); }
  }

  async function removeCase(c, btn) {
    if (!w.confirm(t('case.deleteConfirm', { title: c.title }))) return;
    try {
      await App.busy(btn, null, function () { return App.del('/api/selection/events/' + C.enc(S.eventId) + '/cases/' + C.enc(c.caseId)); });
      App.toast(t('case.deleted', { title: c.title }));
      if (editingCaseId === c.caseId) resetCaseForm();
      S.reload();
    } catch (err) { C.handle(err); }
  }

  function fillBranchSelect(selectedId) {
    var select = $('#case-branch');
    var keep = selectedId !== undefined ? selectedId : select.value;
    App.clear(select);
    select.appendChild(el('option', { value: '', text: t('case.branchPick') }));
    ((C.org && C.org.branches) || []).slice().sort(function (a, b) {
      return byZh(a.district, b.district) || byZh(a.name, b.name);
    }).forEach(function (b) {
      select.appendChild(el('option', { value: b.branchId, selected: String(b.branchId) === String(keep) }, b.district + ' · ' + b.name));
    });
  }

  function renderFiles() {
    var list = App.clear($('#case-file-list'));
    files.forEach(function (f) {
      var thumb = f.attachmentId && isImage(f)
        ? el('img', { className: 'case-thumb', src: '/api/attachments/' + C.enc(f.attachmentId), alt: f.fileName })
        : el('span', { className: 'case-thumb case-thumb-file', 'aria-hidden': 'true', text: isPdf(f) ? 'PDF' : '…' });
      list.appendChild(el('li', { className: f.pending ? 'pending' : '' }, [
        thumb,
        el('span', { className: 'case-file-name', text: f.fileName }),
        el('span', { className: 'muted', text: f.pending ? t('case.uploading') : sizeText(f.length || 0) }),
        f.pending ? null : el('button', {
          type: 'button', className: 'btn btn-small btn-secondary case-file-remove', text: t('case.fileRemove'),
          onclick: function () { files = files.filter(function (x) { return x !== f; }); renderFiles(); }
        })
      ]));
    });
  }

  /** The server's rule (AttachmentRules, SelectionEventGrain.Check), checked before anything is uploaded. */
  function checkChosen(chosen) {
    var all = files.concat(chosen.map(function (f) { return { fileName: f.name, contentType: f.type, length: f.size }; }));
    for (var i = 0; i < chosen.length; i++) {
      var f = chosen[i];
      if (!isPdf(f) && !isImage(f)) return t('case.fileBadType', { name: f.name });
      if (f.size > (isPdf(f) ? 10 : 5) * 1048576) return t('case.fileTooLarge', { name: f.name, size: isPdf(f) ? '10 MB' : '5 MB' });
    }
    var pdfs = all.filter(isPdf).length;
    if ((pdfs && pdfs !== all.length) || pdfs > 1 || all.length > 4) return t('case.fileTooMany');
    return null;
  }

  $('#case-files').addEventListener('change', function (e) {
    var input = e.target;
    var chosen = Array.prototype.slice.call(input.files || []);
    input.value = ''; // the same file can be chosen again after removing it
    if (!chosen.length) return;
    var problem = checkChosen(chosen);
    if (problem) { App.showError(problem); return; }
    chosen.forEach(function (file) {
      var entry = { fileName: file.name, contentType: file.type, length: file.size, pending: true };
      files.push(entry);
      var body = new FormData();
      body.append('file', file, file.name);
      var job = App.post('/api/attachments', body).then(function (stored) {
        entry.attachmentId = stored.attachmentId;
        entry.fileName = stored.fileName;
        entry.contentType = stored.contentType;
        entry.length = stored.length;
        entry.pending = false;
      }, function (err) {
        files = files.filter(function (x) { return x !== entry; });
        C.handle(err);
      }).then(function () {
        uploading = uploading.filter(function (p) { return p !== job; });
        renderFiles();
      });
      uploading.push(job);
    });
    renderFiles();
  });

  function resetCaseForm() {
    editingCaseId = null;
    files = [];
    $('#case-form').reset();
    fillBranchSelect('');
    var title = $('#case-form-title');
    title.setAttribute('data-i18n', 'case.addTitle');
    title.textContent = t('case.addTitle');
    $('#case-submit').setAttribute('data-i18n', 'case.submit');
    $('#case-submit').textContent = t('case.submit');
    $('#case-cancel').hidden = true;
    renderFiles();
  }

  function editCase(c) {
    editingCaseId = c.caseId;
    fillBranchSelect(c.branchId);
    $('#case-title').value = c.title;
    $('#case-summary').value = c.summary || '';
    $('#case-date').value = c.themeDayDate || '';
    files = (c.attachments || []).map(function (a) {
      return { attachmentId: a.attachmentId, fileName: a.fileName, contentType: a.contentType, length: a.length, pending: false };
    });
    var title = $('#case-form-title');
    title.removeAttribute('data-i18n');
    title.textContent = t('case.editTitle', { title: c.title });
    $('#case-submit').setAttribute('data-i18n', 'common.save');
    $('#case-submit').textContent = t('common.save');
    $('#case-cancel').hidden = false;
    renderFiles();
    $('#case-form').scrollIntoView({ block: 'start' });
    $('#case-title').focus();
  }

  $('#case-cancel').addEventListener('click', resetCaseForm);

  $('#case-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    if (!e.target.reportValidity()) return;
    var branch = C.branchById($('#case-branch').value);
    var editing = editingCaseId;
    try {
      await App.busy($('#case-submit'), 'common.saving', async function () {
        await Promise.all(uploading); // a file still uploading belongs to this case too
        var body = {
          branchId: branch ? String(branch.branchId) : $('#case-branch').value,
          title: $('#case-title').value.trim(),
          summary: $('#case-summary').value.trim(),
          themeDayDate: $('#case-date').value || null,
          attachmentIds: files.filter(function (f) { return f.attachmentId; }).map(function (f) { return f.attachmentId; })
        };
        var base = '/api/selection/events/' + C.enc(S.eventId) + '/cases';
        return editing ? App.put(base + '/' + C.enc(editing), body) : App.post(base, body);
      });
      App.clearError();
      App.toast(t(editing ? 'case.saved' : 'case.added', { title: $('#case-title').value.trim() }));
      resetCaseForm();
      S.reload();
    } catch (err) { C.handle(err); }
  });

  S.tab('cases', { show: function () { fillBranchSelect(); renderCases(); } });
  S.onEvent(function () { if (S.tab === 'cases') renderCases(); });
  C.onOrg(function () { fillBranchSelect(); });

  // Another event opened: nothing of this one may stay on screen while that one loads.
  S.onSwitch(function () {
    resetCaseForm();
    App.clear($('#case-table tbody'));
    $('#case-counts').textContent = '';
  });
  I18n.onChange(function () {
    if (S.active('cases')) { fillBranchSelect(); renderCases(); renderFiles(); }
  });
}(window));
