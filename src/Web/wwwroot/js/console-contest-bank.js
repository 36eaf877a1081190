/*
 * The question bank (题库, route #contest/bank): import a .xlsx/.csv as multipart field "file" (refused whole with
 * every bad row listed by line, like the roster), the table of questions filtered by category and type, and one
 * question added, edited or removed from a form.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var K = ConsoleContest;
  var MAX_BYTES = 10 * 1024 * 1024; // the roster reader's limit, which the bank import shares
  var LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
  var SUMMARY_KEYS = ['rows', 'added', 'updated', 'unchanged'];

  var lastImport = null;  // {summary, fileName} or {errors}, re-rendered on language change
  var editing = null;     // the question being edited, null when adding

  // ---------- import ----------

  function renderSummary(summary, fileName) {
    var box = App.clear($('#bank-import-result'));
    box.appendChild(el('h3', { text: t('bank.imported', { file: fileName }) }));
    box.appendChild(el('div', { className: 'summary-grid' }, SUMMARY_KEYS.map(function (k) {
      return el('div', { className: 'stat', 'data-key': k }, [
        el('div', { className: 'stat-value', text: App.fmtNumber(summary[k]) }),
        el('div', { className: 'stat-label', text: t('bank.sum.' + k) })
      ]);
    })));
    box.hidden = false;
  }

  function cell(obj, name) {
    var v = obj[name];
    return v === undefined || v === null || v === '' ? '—' : v;
  }

  function renderErrors(errors) {
    var tbody = App.clear($('#bank-import-errors tbody'));
    errors.forEach(function (e) {
      tbody.appendChild(el('tr', null, [
        el('td', { className: 'num', text: cell(e, 'line') }),
        el('td', { text: cell(e, 'column') }),
        el('td', { text: cell(e, 'reason') })
      ]));
    });
    $('#bank-import-failure-text').textContent = t('import.failed', { count: errors.length });
    $('#bank-import-failure').hidden = false;
  }

  function resetImport() {
    $('#bank-import-result').hidden = true;
    $('#bank-import-failure').hidden = true;
    lastImport = null;
  }

  $('#bank-import-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var input = $('#bank-file');
    var file = input.files && input.files[0];
    if (!file) { App.showError(t('import.noFile')); return; }
    if (!/\.(xlsx|csv)$/i.test(file.name)) { App.showError(t('import.badType')); return; }
    if (file.size > MAX_BYTES) { App.showError(t('import.tooLarge', { size: '10 MB' })); return; }
    resetImport();
    App.clearError();
    var data = new FormData();
    data.append('file', file, file.name);
    try {
      var summary = await App.busy($('#bank-import-submit'), 'import.uploading', function () {
        return App.post('/api/contest-bank/import', data, { timeoutMs: 180000 });
      });
      lastImport = { summary: summary || {}, fileName: file.name };
      renderSummary(lastImport.summary, file.name);
      await K.loadBank();
    } catch (err) {
      if (err.status === 400 && err.errors.length) {
        lastImport = { errors: err.errors };
        renderErrors(err.errors);
      }
      C.handle(err); // the banner carries the server's own sentence too
    }
  });

  // ---------- the table ----------

  function filtered() {
    var category = $('#bank-filter-category').value;
    var type = $('#bank-filter-type').value;
    return ((K.bank && K.bank.questions) || []).filter(function (q) {
      return (!category || q.category === category) && (!type || q.type === type);
    });
  }

  function renderTable() {
    K.fillSelect($('#bank-filter-category'), K.categories());
    fillDatalist($('#bank-categories'), K.categories());
    fillDatalist($('#bank-difficulties'), K.difficulties());
    var all = (K.bank && K.bank.questions) || [];
    var list = filtered();
    $('#bank-count').textContent = K.bank ? t('bank.count', { shown: list.length, total: all.length }) : '';
    var tbody = App.clear($('#bank-table tbody'));
    if (!K.bank) return;
    if (!list.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 8, text: t(all.length ? 'bank.noneFiltered' : 'bank.none') })));
      return;
    }
    list.forEach(function (q) {
      tbody.appendChild(el('tr', { 'data-question-id': q.questionId }, [
        el('td', { className: 'mono', text: q.questionId }),
        el('td', { text: K.typeLabel(q.type) }),
        K.questionCell(q),
        el('td', { className: 'kc-answer', text: K.answerText(q) }),
        el('td', { className: 'num', text: q.points }),
        el('td', { text: q.category || '' }),
        el('td', { text: q.difficulty || '' }),
        el('td', { className: 'actions' }, [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: t('common.edit'), onclick: function () { openForm(q); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'), onclick: function () { remove(q, this); } })
        ])
      ]));
    });
  }

  function fillDatalist(list, values) {
    App.clear(list);
    values.forEach(function (v) { list.appendChild(el('option', { value: v })); });
  }

  $('#bank-filter-category').addEventListener('change', renderTable);
  $('#bank-filter-type').addEventListener('change', renderTable);

  async function remove(q, btn) {
    if (!window.confirm(t('bank.deleteConfirm', { id: q.questionId }))) return;
    try {
      await App.busy(btn, null, function () { return App.del('/api/contest-bank/' + C.enc(q.questionId)); });
      App.clearError();
      App.toast(t('bank.deleted', { id: q.questionId }));
      if (editing && editing.questionId === q.questionId) closeForm();
      await K.loadBank();
    } catch (err) {
      if (err.status === 404) K.loadBank();
      C.handle(err);
    }
  }

  // ---------- one question: the form ----------

  function optionInputs(values) {
    var box = App.clear($('#bq-options'));
    LETTERS.forEach(function (letter, i) {
      box.appendChild(el('div', { className: 'field' }, [
        el('label', { 'for': 'bq-opt-' + letter, text: t('bank.option', { letter: letter }) }),
        el('input', { id: 'bq-opt-' + letter, type: 'text', maxlength: 200, autocomplete: 'off', value: values[i] || '' })
      ]));
    });
  }

  function syncType() {
    var type = $('#bq-type').value;
    var choice = type === 'Single' || type === 'Multiple';
    $('#bq-options').hidden = !choice;
    $('#bq-answer-hint').textContent = t('bank.answerHint.' + type);
  }

  function openForm(q) {
    editing = q || null;
    $('#bank-form-title').textContent = q ? t('bank.editTitle', { id: q.questionId }) : t('bank.addTitle');
    $('#bq-id').value = q ? q.questionId : '';
    $('#bq-id').readOnly = !!q; // the id is how a re-import finds the question: it does not change
    $('#bq-type').value = q ? q.type : 'Single';
    $('#bq-stem').value = q ? q.stem : '';
    optionInputs(q ? q.options || [] : []);
    $('#bq-answer').value = q ? (q.type === 'TrueFalse' ? K.answerText(q) : q.answer) : '';
    $('#bq-explanation').value = q ? q.explanation || '' : '';
    $('#bq-points').value = q ? q.points : 10;
    $('#bq-category').value = q ? q.category || '' : $('#bank-filter-category').value;
    $('#bq-difficulty').value = q ? q.difficulty || '' : '';
    syncType();
    $('#bank-form').hidden = false;
    $('#bq-stem').focus();
  }

  function closeForm() {
    editing = null;
    $('#bank-form').hidden = true;
  }

  /** The answer as the server keeps it: letters in order without separators; 正确/错误 as A/B. */
  function normaliseAnswer(type, raw) {
    var s = String(raw || '').trim();
    if (type === 'Oral') return s;
    if (type === 'TrueFalse') {
      if (/^(正确|对|√|true|t|yes|y|a)$/i.test(s)) return 'A';
      if (/^(错误|错|×|false|f|no|n|b)$/i.test(s)) return 'B';
      return s;
    }
    var letters = s.toUpperCase().replace(/[\s,，、;；]/g, '').split('');
    return letters.filter(function (c, i) { return letters.indexOf(c) === i; }).sort().join('');
  }

  function newId() {
    // Short and unique enough for one organisation's bank; the organiser may type their own instead.
    return 'Q' + Date.now().toString(36).toUpperCase() + Math.floor(Math.random() * 1296).toString(36).toUpperCase();
  }

  $('#bq-type').addEventListener('change', syncType);
  $('#bq-cancel').addEventListener('click', closeForm);
  $('#bank-add').addEventListener('click', function () { openForm(null); });

  $('#bank-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var type = $('#bq-type').value;
    var stem = $('#bq-stem').value.trim();
    if (!stem) { App.showError(t('bank.needStem')); $('#bq-stem').focus(); return; }
    var options = [];
    if (type === 'Single' || type === 'Multiple') {
      var texts = LETTERS.map(function (l) { return $('#bq-opt-' + l).value.trim(); });
      var last = -1;
      texts.forEach(function (x, i) { if (x) last = i; });
      options = texts.slice(0, last + 1); // a gap (A, C without B) is kept so the server names it
    }
    var points = parseInt($('#bq-points').value, 10);
    var body = {
      questionId: editing ? editing.questionId : ($('#bq-id').value.trim() || newId()),
      type: type,
      stem: stem,
      options: options,
      answer: normaliseAnswer(type, $('#bq-answer').value),
      explanation: $('#bq-explanation').value.trim(),
      points: isNaN(points) ? 0 : points,
      category: $('#bq-category').value.trim(),
      difficulty: $('#bq-difficulty').value.trim(),
      image: editing ? editing.image || null : null
    };
    try {
      await App.busy($('#bq-save'), 'common.saving', function () {
        return editing
          ? App.put('/api/contest-bank/' + C.enc(editing.questionId), body)
          : App.post('/api/contest-bank', body);
      });
      App.clearError();
      App.toast(t('bank.saved', { id: body.questionId }));
      closeForm();
      await K.loadBank();
    } catch (err) { C.handle(err); }
  });

  K.onBank(function () { if (C.current === 'contest' && !$('#kc-bank-view').hidden) renderTable(); });

  I18n.onChange(function () {
    if (!lastImport) return;
    if (lastImport.summary) renderSummary(lastImport.summary, lastImport.fileName);
    else renderErrors(lastImport.errors);
  });

  K.bankView = {
    show: function () {
      renderTable();
      if (!$('#bank-form').hidden) { $('#bank-form-title').textContent = editing ? t('bank.editTitle', { id: editing.questionId }) : t('bank.addTitle'); syncType(); }
      K.loadBank();
    }
  };
}());
