/*
 * A contest's hall round before it starts: the settings tab (title, countdown, speed bonus, negative marking,
 * partial credit, the branch ranking rule, top N on screen, and the start) and the questions tab (the list by
 * hand from the bank, or a random draw by rules whose seed is recorded and shown).
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var K = ConsoleContest;
  var DEFAULTS = { speedBonus: false, wrongPenalty: 0, partial: 'None', answerSeconds: 20 };

  // ======================= settings =======================

  function scoringOf(v) { return (v && v.settings && v.settings.scoring) || DEFAULTS; }

  function fillSettings(v) {
    var s = v.settings || {};
    var sc = scoringOf(v);
    $('#kc-set-title').value = s.title || K.title || '';
    $('#kc-set-seconds').value = sc.answerSeconds || DEFAULTS.answerSeconds;
    $('#kc-set-penalty').value = sc.wrongPenalty || 0;
    $('#kc-set-partial').value = sc.partial || 'None';
    $('#kc-set-speed').checked = !!sc.speedBonus;
    $('#kc-set-ranking').value = s.ranking || 'Average';
    $('#kc-set-top').value = s.topMembers || 10;
    syncSettingsText();
  }

  function readSettings() {
    var n = function (id) { var x = parseInt($(id).value, 10); return isNaN(x) ? 0 : x; };
    return {
      title: $('#kc-set-title').value.trim(),
      scoring: {
        speedBonus: $('#kc-set-speed').checked,
        wrongPenalty: n('#kc-set-penalty'),
        partial: $('#kc-set-partial').value,
        answerSeconds: n('#kc-set-seconds')
      },
      ranking: $('#kc-set-ranking').value,
      topMembers: n('#kc-set-top')
    };
  }

  /** The scoring in one sentence, as the screen will state it. */
  function syncSettingsText() {
    var s = readSettings();
    $('#kc-set-ranking-help').textContent = t('kc.rankingHelp.' + s.ranking);
    var bits = [t('kc.rule.seconds', { n: s.scoring.answerSeconds }),
      s.scoring.speedBonus ? t('kc.rule.speedOn') : t('kc.rule.speedOff'),
      s.scoring.wrongPenalty > 0 ? t('kc.rule.penaltyOn', { n: s.scoring.wrongPenalty }) : t('kc.rule.penaltyOff'),
      t('kc.rule.partial.' + s.scoring.partial)];
    $('#kc-scoring-text').textContent = bits.join(t('tour.sep'));
  }

  Array.prototype.forEach.call(document.querySelectorAll('#kc-panel-settings input, #kc-panel-settings select'), function (input) {
    input.addEventListener('input', syncSettingsText);
    input.addEventListener('change', syncSettingsText);
  });

  function lockSettings() {
    var locked = !K.draft();
    Array.prototype.forEach.call(document.querySelectorAll('#kc-panel-settings .kc-fields'), function (f) { f.disabled = locked; });
    $('#kc-settings-save').disabled = locked;
    $('#kc-start').disabled = locked;
  }

  $('#kc-panel-settings').addEventListener('submit', async function (e) {
    e.preventDefault();
    var body = readSettings();
    if (!body.title) { App.showError(t('kc.needTitle')); $('#kc-set-title').focus(); return; }
    try {
      var view = await App.busy($('#kc-settings-save'), 'common.saving', function () { return App.put(K.api('/settings'), body); });
      App.clearError();
      K.take(view);
      App.toast(t('kc.settingsSaved'));
    } catch (err) { C.handle(err); }
  });

  $('#kc-start').addEventListener('click', async function () {
    if (!K.view) return;
    if (!(K.view.questions || []).length) { App.showError(t('kc.noQuestions')); return; }
    if (!window.confirm(t('kc.startConfirm', { n: K.view.questions.length }))) return;
    var btn = this;
    try {
      var view = await App.busy(btn, null, function () { return App.post(K.api('/start')); });
      App.clearError();
      K.take(view);
      App.toast(t('kc.started'));
    } catch (err) { C.handle(err); }
  });

  K.tab('settings', {
    show: function () {
      if (!K.view) return;
      fillSettings(K.view);
      lockSettings();
    }
  });

  // ======================= questions =======================

  var picked = {}; // bank question ids ticked in the picker

  function renderQuestions() {
    var v = K.view;
    var list = (v && v.questions) || [];
    var draft = K.draft();
    $('#kc-question-count').textContent = t('kc.questionCount', { n: list.length, points: list.reduce(function (s, q) { return s + (q.points || 0); }, 0) });
    var tbody = App.clear($('#kc-question-table tbody'));
    if (!list.length) tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 7, text: t('kc.noQuestionsYet') })));
    list.forEach(function (q, i) {
      tbody.appendChild(el('tr', { 'data-question-id': q.questionId }, [
        el('td', { className: 'num', text: i + 1 }),
        el('td', { text: K.typeLabel(q.type) }),
        K.questionCell(q),
        el('td', { className: 'kc-answer', text: K.answerText(q) }),
        el('td', { className: 'num', text: q.points }),
        el('td', { text: q.category || '' }),
        el('td', { className: 'actions' }, draft ? [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: '↑', 'aria-label': t('kc.up'), disabled: i === 0, onclick: function () { move(i, -1); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: '↓', 'aria-label': t('kc.down'), disabled: i === list.length - 1, onclick: function () { move(i, 1); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'), onclick: function () { removeAt(i); } })
        ] : null)
      ]));
    });
    var d = v && v.draw;
    var record = $('#kc-draw-record');
    record.hidden = !d;
    if (d) {
      record.textContent = t('kc.drawRecord', {
        seed: d.seed,
        n: (d.questionIds || []).length,
        rules: (d.rules || []).map(ruleText).join('；'),
        revision: d.bankRevision
      });
      record.setAttribute('data-seed', String(d.seed));
    }
    Array.prototype.forEach.call(document.querySelectorAll('#kc-panel-questions .kc-editable'), function (card) { card.hidden = !draft; });
  }

  function ruleText(r) {
    return t('kc.drawRuleText', { category: r.category || t('bank.all'), difficulty: r.difficulty || t('bank.all'), n: r.count });
  }

  async function putIds(ids, btn) {
    try {
      var send = function () { return App.put(K.api('/questions'), { questionIds: ids }); };
      var view = btn ? await App.busy(btn, null, send) : await send();
      App.clearError();
      K.take(view);
    } catch (err) { C.handle(err); K.reload(); }
  }

  function ids() { return ((K.view && K.view.questions) || []).map(function (q) { return q.questionId; }); }

  function move(i, delta) {
    var list = ids();
    var j = i + delta;
    if (j < 0 || j >= list.length) return;
    var x = list[i]; list[i] = list[j]; list[j] = x;
    putIds(list);
  }

  function removeAt(i) {
    var list = ids();
    list.splice(i, 1);
    putIds(list);
  }

  function renderPicker() {
    K.fillSelect($('#kc-pick-category'), K.categories());
    var category = $('#kc-pick-category').value;
    var chosen = {};
    ids().forEach(function (id) { chosen[id] = true; });
    var box = App.clear($('#kc-pick-list'));
    var list = ((K.bank && K.bank.questions) || []).filter(function (q) { return !category || q.category === category; });
    if (!list.length) { box.appendChild(el('p', { className: 'muted', text: t('kc.bankEmpty') })); return; }
    list.forEach(function (q) {
      var inList = !!chosen[q.questionId];
      box.appendChild(el('label', { className: 'check kc-pick' + (inList ? ' kc-in-list' : ''), 'data-question-id': q.questionId }, [
        el('input', {
          type: 'checkbox', value: q.questionId, checked: inList || !!picked[q.questionId], disabled: inList,
          onchange: function () { if (this.checked) picked[q.questionId] = true; else delete picked[q.questionId]; }
        }),
        ' ',
        el('span', { className: 'mono', text: q.questionId }),
        ' ',
        el('span', { className: 'badge', text: K.typeLabel(q.type) }),
        ' ',
        el('span', { text: K.short(q.stem, 80) })
      ]));
    });
  }

  $('#kc-pick-category').addEventListener('change', renderPicker);

  $('#kc-pick-add').addEventListener('click', function () {
    var list = ids();
    // In the bank's order, so a category picked at once stays together.
    ((K.bank && K.bank.questions) || []).forEach(function (q) {
      if (picked[q.questionId] && list.indexOf(q.questionId) < 0) list.push(q.questionId);
    });
    picked = {};
    putIds(list, this);
  });

  // ---------- draw by rules ----------

  function ruleRow(rule) {
    var category = el('select', { className: 'kc-draw-category', 'aria-label': t('bank.category') });
    K.fillSelect(category, K.categories());
    category.value = rule.category || '';
    var difficulty = el('select', { className: 'kc-draw-difficulty', 'aria-label': t('bank.difficulty') });
    K.fillSelect(difficulty, K.difficulties());
    difficulty.value = rule.difficulty || '';
    var row = el('div', { className: 'row-inline kc-draw-rule' }, [
      el('label', { className: 'field' }, [el('span', { text: t('bank.category') }), category]),
      el('label', { className: 'field' }, [el('span', { text: t('bank.difficulty') }), difficulty]),
      el('label', { className: 'field' }, [el('span', { text: t('kc.drawCount') }),
        el('input', { className: 'kc-draw-count', type: 'number', min: 1, max: 500, step: 1, value: rule.count || 10, required: true })]),
      el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'), onclick: function () { row.parentNode.removeChild(row); } })
    ]);
    return row;
  }

  function readRules() {
    return Array.prototype.map.call(document.querySelectorAll('#kc-draw-rules .kc-draw-rule'), function (row) {
      var n = parseInt($('.kc-draw-count', row).value, 10);
      return {
        category: $('.kc-draw-category', row).value || null,
        difficulty: $('.kc-draw-difficulty', row).value || null,
        count: isNaN(n) ? 0 : n
      };
    });
  }

  function renderRules(rules) {
    var box = App.clear($('#kc-draw-rules'));
    (rules.length ? rules : [{ category: null, difficulty: null, count: 10 }]).forEach(function (r) { box.appendChild(ruleRow(r)); });
  }

  $('#kc-draw-add-rule').addEventListener('click', function () { $('#kc-draw-rules').appendChild(ruleRow({ count: 5 })); });

  $('#kc-draw-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var rules = readRules();
    if (!rules.length) { App.showError(t('kc.drawNoRule')); return; }
    var seedText = $('#kc-draw-seed').value.trim();
    var seed = seedText === '' ? null : parseInt(seedText, 10);
    if (seedText !== '' && (isNaN(seed) || seed < 0)) { App.showError(t('kc.drawBadSeed')); return; }
    if ((K.view.questions || []).length && !window.confirm(t('kc.drawReplace'))) return;
    try {
      var view = await App.busy($('#kc-draw-submit'), null, function () { return App.post(K.api('/draw'), { rules: rules, seed: seed }); });
      App.clearError();
      K.take(view);
      if (view && view.draw) App.toast(t('kc.drawn', { n: (view.questions || []).length, seed: view.draw.seed }));
    } catch (err) { C.handle(err); }
  });

  function showQuestions() {
    if (!K.view) return;
    renderQuestions();
    renderPicker();
    var d = K.view.draw;
    renderRules(d && d.rules ? d.rules : readRules());
    if (!K.bank) K.loadBank();
  }

  K.tab('questions', { show: showQuestions });

  K.onView(function () {
    if (K.tabName === 'questions') { renderQuestions(); renderPicker(); }
    if (K.tabName === 'settings') lockSettings();
  });
  K.onBank(function () {
    if (C.current === 'contest' && K.view && K.tabName === 'questions') { renderPicker(); renderRules(readRules()); }
  });
}());
