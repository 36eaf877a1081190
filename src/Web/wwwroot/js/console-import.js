/*
 * Roster import: upload .xlsx/.csv as multipart field "file". Success shows the summary counts in
 * #import-result; a 400 lists every problem (line, column, reason) in #import-errors so the organiser
 * can fix the whole file in one pass.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var MAX_BYTES = 10 * 1024 * 1024; // RosterFile.MaxBytes on the server
  var lastResult = null; // {summary, fileName} or {errors, detail}, re-rendered on language change

  var SUMMARY_KEYS = ['rows', 'membersAdded', 'membersUpdated', 'membersMoved', 'membersUnchanged', 'branchesCreated'];

  function renderSummary(summary, fileName) {
    var box = App.clear($('#import-result'));
    box.appendChild(el('h3', { text: t('import.success', { file: fileName }) }));
    box.appendChild(el('div', { className: 'summary-grid' }, SUMMARY_KEYS.map(function (k) {
      return el('div', { className: 'stat', 'data-key': k }, [
        el('div', { className: 'stat-value', text: App.fmtNumber(summary[k]) }),
        el('div', { className: 'stat-label', text: t('import.' + k) })
      ]);
    })));
    box.hidden = false;
  }

  function field(obj, name) {
    var v = obj[name];
    return v === undefined || v === null || v === '' ? '—' : v;
  }

  function renderErrors(errors) {
    var tbody = App.clear($('#import-errors tbody'));
    errors.forEach(function (e) {
      tbody.appendChild(el('tr', null, [
        el('td', { className: 'num', text: field(e, 'line') }),
        el('td', { text: field(e, 'column') }),
        el('td', { text: field(e, 'reason') })
      ]));
    });
    $('#import-failure-text').textContent = t('import.failed', { count: errors.length });
    $('#import-failure').hidden = false;
  }

  function reset() {
    $('#import-result').hidden = true;
    $('#import-failure').hidden = true;
    lastResult = null;
  }

  $('#import-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var input = $('#import-file');
    var file = input.files && input.files[0];
    if (!file) { App.showError(t('import.noFile')); return; }
    if (!/\.(xlsx|csv)$/i.test(file.name)) { App.showError(t('import.badType')); return; }
    // The server refuses files over 10 MB; a much larger upload is cut off mid-way, which a browser
    // reports only as a network error, so say it here before sending anything.
    if (file.size > MAX_BYTES) { App.showError(t('import.tooLarge', { size: '10 MB' })); return; }
    reset();
    App.clearError();
    var data = new FormData();
    data.append('file', file, file.name);
    try {
      var summary = await App.busy($('#import-submit'), 'import.uploading', function () {
        return App.post('/api/org/import', data, { timeoutMs: 180000 }); // big rosters on slow uplinks
      });
      lastResult = { summary: summary || {}, fileName: file.name };
      renderSummary(lastResult.summary, file.name);
      C.refreshOrg();
    } catch (err) {
      if (err.status === 400 && err.errors.length) {
        lastResult = { errors: err.errors };
        renderErrors(err.errors);
      }
      C.handle(err); // the banner always carries the server's own detail too
    }
  });

  // A small CSV the organiser can fill in; the BOM makes Excel open the Chinese headers as UTF-8.
  $('#import-template').addEventListener('click', function () {
    var csv = '\uFEFF片区,党支部,姓名,党员编号,手机号\r\n第一片区,示例小学党支部,张三,DY0001,13800000000\r\n';
    var blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
    var a = el('a', { href: URL.createObjectURL(blob), download: 'roster-template.csv' });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 1000);
  });

  I18n.onChange(function () {
    if (!lastResult) return;
    if (lastResult.summary) renderSummary(lastResult.summary, lastResult.fileName);
    else renderErrors(lastResult.errors);
  });

  C.view('import', { show: function () {} });
}());
