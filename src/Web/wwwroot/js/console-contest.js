/*
 * Knowledge contest (知识竞赛): the list of contests, one contest's header and tabs, and what the tabs share (the
 * question bank, labels, the contest's view). Routes: #contest, #contest/bank, #contest/ID/TAB with TAB settings |
 * questions | stage | results. The bank lives in console-contest-bank.js; the tabs in console-contest-setup.js
 * (settings, questions), console-contest-stage.js (+ -desks.js) and console-contest-results.js, registered with
 * ConsoleContest.tab(name, {show()}). ConsoleContest.onView(fn(view)) follows every ContestView the page receives.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;

  var K = {
    id: null,
    view: null,       // ContestView (GET /api/contests/{id}), newest revision wins
    title: '',        // from the list, until the view has one
    tabName: 'settings',
    tabs: {},
    bank: null,       // QuestionBankView, loaded on demand and after every change
    bankView: null    // the bank page's {show()} (console-contest-bank.js)
  };
  var viewListeners = [];
  var bankListeners = [];
  var loadSeq = 0;

  K.tab = function (name, def) { K.tabs[name] = def; };
  K.onView = function (fn) { viewListeners.push(fn); };
  K.onBank = function (fn) { bankListeners.push(fn); };
  K.api = function (tail) { return '/api/contests/' + C.enc(K.id) + (tail || ''); };
  K.locale = function () { return I18n.lang() === 'en' ? 'en' : 'zh-CN'; };
  K.draft = function () { return !!K.view && K.view.status === 'Draft'; };

  // ---------- labels shared by the tabs ----------

  K.typeLabel = function (type) { return I18n.has('kc.type.' + type) ? t('kc.type.' + type) : String(type || '—'); };
  K.partLabel = function (part) { return I18n.has('kc.part.' + part) ? t('kc.part.' + part) : String(part || '—'); };

  /** The answer as a person reads it: 判断 A/B as 正确/错误, option letters as they are. */
  K.answerText = function (q) {
    if (q.type === 'TrueFalse') return q.answer === 'A' ? t('kc.true') : q.answer === 'B' ? t('kc.false') : q.answer;
    return q.answer;
  };

  /** One line for a question in a list: "题干（A. … / B. …）" shortened. */
  K.short = function (text, max) {
    var s = String(text || '');
    max = max || 60;
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  };

  K.questionCell = function (q) {
    var cell = el('td', { className: 'kc-stem' }, [el('span', { text: q.stem })]);
    if (q.options && q.options.length) {
      cell.appendChild(el('ol', { className: 'kc-opts' }, q.options.map(function (o, i) {
        return el('li', { 'data-letter': String.fromCharCode(65 + i), text: String.fromCharCode(65 + i) + '. ' + o });
      })));
    }
    return cell;
  };

  K.categories = function () {
    var seen = {};
    ((K.bank && K.bank.questions) || []).forEach(function (q) { if (q.category) seen[q.category] = true; });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, 'zh-CN'); });
  };
  K.difficulties = function () {
    var seen = {};
    ((K.bank && K.bank.questions) || []).forEach(function (q) { if (q.difficulty) seen[q.difficulty] = true; });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, 'zh-CN'); });
  };

  /** Fills a <select> with "all" and the given values, keeping the choice if it is still there. */
  K.fillSelect = function (select, values, allKey) {
    var keep = select.value;
    App.clear(select);
    select.appendChild(el('option', { value: '' }, t(allKey || 'bank.all')));
    values.forEach(function (v) { select.appendChild(el('option', { value: v, selected: v === keep }, v)); });
  };

  K.bankQuestion = function (id) {
    var list = (K.bank && K.bank.questions) || [];
    for (var i = 0; i < list.length; i++) if (list[i].questionId === id) return list[i];
    return null;
  };

  K.loadBank = async function () {
    try {
      K.setBank(await App.get('/api/contest-bank'));
    } catch (err) { C.handle(err); }
    return K.bank;
  };

  K.setBank = function (bank) {
    if (!bank) return;
    if (K.bank && typeof bank.revision === 'number' && bank.revision < K.bank.revision) return;
    K.bank = bank;
    bankListeners.slice().forEach(function (fn) { fn(bank); });
  };

  // ======================= the list =======================

  async function loadList() {
    try {
      var list = await App.get('/api/contests');
      if (K.id) return;
      var tbody = App.clear($('#contest-table tbody'));
      if (!list || !list.length) {
        tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 2, text: t('kc.none') })));
        return;
      }
      list.forEach(function (x) {
        var href = '#contest/' + C.enc(x.contestId) + '/settings';
        tbody.appendChild(el('tr', {
          className: 'clickable',
          'data-contest-id': x.contestId,
          onclick: function (e) { if (e.target.tagName !== 'A') w.location.hash = href; }
        }, [
          el('td', null, el('a', { href: href, text: x.title })),
          el('td', { text: x.createdAt ? new Date(x.createdAt).toLocaleString(K.locale()) : '' })
        ]));
      });
    } catch (err) { C.handle(err); }
  }

  $('#contest-create-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var input = $('#contest-title');
    var title = input.value.trim();
    if (!title) { input.value = ''; e.target.reportValidity(); return; }
    try {
      var created = await App.busy($('#contest-create'), 'common.saving', function () {
        return App.post('/api/contests', { title: title });
      });
      App.clearError();
      input.value = '';
      App.toast(t('kc.created', { title: title }));
      w.location.hash = '#contest/' + C.enc(created.contestId) + '/settings';
    } catch (err) { C.handle(err); }
  });

  // ======================= one contest =======================

  /** HTTP replies race each other: an older view than the one shown is dropped. */
  K.take = function (view) {
    if (!view || view.contestId !== K.id) return;
    if (K.view && typeof view.revision === 'number' && view.revision < K.view.revision) return;
    K.view = view;
    renderHead();
    viewListeners.slice().forEach(function (fn) { fn(view); });
  };

  K.reload = async function () {
    var seq = ++loadSeq;
    var id = K.id;
    try {
      var view = await App.get(K.api());
      if (seq === loadSeq && id === K.id) K.take(view);
    } catch (err) {
      if (err.status === 404 && id === K.id) w.location.hash = '#contest';
      C.handle(err);
    }
  };

  function renderHead() {
    var v = K.view;
    $('#kc-name').textContent = (v && v.settings && v.settings.title) || K.title || '';
    var summary = App.clear($('#kc-summary'));
    if (v) {
      summary.appendChild(el('span', { className: 'badge badge-tour-' + String(v.status).toLowerCase(), 'data-status': v.status, text: t('kc.status.' + v.status) }));
      summary.appendChild(document.createTextNode(' ' + t('kc.summary', { n: (v.questions || []).length })));
    }
    $('#kc-host').href = 'host.html?contest=' + C.enc(K.id || '');
    $('#kc-export').href = K.api('/export.xlsx');
    Array.prototype.forEach.call(document.querySelectorAll('.kc-tab'), function (a) {
      var tab = a.getAttribute('data-tab');
      a.href = '#contest/' + C.enc(K.id || '') + '/' + tab;
      a.setAttribute('aria-selected', tab === K.tabName ? 'true' : 'false');
    });
    Object.keys(K.tabs).forEach(function (tab) { $('#kc-panel-' + tab).hidden = tab !== K.tabName; });
    // Settings and questions are fixed once the hall round starts.
    var locked = !!v && v.status !== 'Draft';
    Array.prototype.forEach.call(document.querySelectorAll('#view-contest .kc-locked'), function (p) { p.hidden = !locked; });
  }

  async function loadTitle(id) {
    try {
      var list = await App.get('/api/contests');
      (list || []).forEach(function (x) { if (x.contestId === id && id === K.id) K.title = x.title; });
    } catch (err) { C.handle(err); }
  }

  async function show(arg) {
    var parts = (arg || '').split('/');
    var id = parts[0];
    var bank = id === 'bank';
    $('#kc-list-view').hidden = !!id;
    $('#kc-bank-view').hidden = !bank;
    $('#kc-detail-view').hidden = !id || bank;
    if (!id || bank) {
      K.id = null;
      K.view = null;
      if (bank) { if (K.bankView) K.bankView.show(); } else loadList();
      return;
    }
    var changed = id !== K.id;
    if (changed) {
      K.id = id;
      K.view = null;
      K.title = '';
      $('#kc-name').textContent = '';
      App.clear($('#kc-summary'));
    }
    K.tabName = K.tabs[parts[1]] ? parts[1] : 'settings';
    renderHead();
    var loads = [K.reload(), K.bank ? null : K.loadBank()];
    if (changed) loads.push(loadTitle(id));
    await Promise.all(loads);
    renderHead();
    if (K.id === id && K.tabs[K.tabName]) K.tabs[K.tabName].show();
  }

  /** The contest on the main screen: the hall round (Contest) or the stage final (ContestFinal). */
  async function toScreen(btn, mode) {
    if (!K.id) return;
    var title = (K.view && K.view.settings && K.view.settings.title) || K.title || '';
    try {
      await App.busy(btn, null, function () {
        return App.put('/api/screens/main', { headline: String(title).slice(0, 40), mode: mode, roundId: K.id }); // ScreenText.MaxHeadline
      });
      App.clearError();
      App.toast(t('kc.screenSent'));
    } catch (err) { C.handle(err); }
  }

  $('#kc-screen-hall').addEventListener('click', function () { toScreen(this, 'Contest'); });
  $('#kc-screen-final').addEventListener('click', function () { toScreen(this, 'ContestFinal'); });

  I18n.onChange(function () {
    if (C.current !== 'contest') return;
    if (!K.id) { if ($('#kc-bank-view').hidden) loadList(); else if (K.bankView) K.bankView.show(); return; }
    renderHead();
    if (K.view && K.tabs[K.tabName]) K.tabs[K.tabName].show();
  });

  w.ConsoleContest = K;
  C.view('contest', { show: show });
}(window));
