/*
 * Case selection (优秀主题党日活动案例评选): the event list, one event's tabs, and its rubric.
 * Routes: #selection (events), #selection/EVENT/TAB[/ROUND] with TAB cases | rubric | rounds | stage.
 * The other tabs live in console-cases.js, console-rounds.js and console-stage.js and register with
 * ConsoleSelection.tab(name, {show(sub)}); ConsoleSelection.onEvent(fn(ev)) follows every reload.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;

  var S = {
    eventId: null,
    ev: null,        // SelectionEvent as last loaded
    tab: 'cases',
    sub: '',         // the part after the tab (a round id for the stage)
    tabs: {}
  };
  var eventListeners = [];
  var resetListeners = [];  // run when another event is opened: forms must not carry over
  var loadSeq = 0;

  S.tab = function (name, def) { S.tabs[name] = def; };
  S.onEvent = function (fn) { eventListeners.push(fn); };
  S.onSwitch = function (fn) { resetListeners.push(fn); };
  S.href = function (tab, sub) { return '#selection/' + C.enc(S.eventId) + '/' + tab + (sub ? '/' + C.enc(sub) : ''); };
  S.caseById = function (id) {
    var list = (S.ev && S.ev.cases) || [];
    for (var i = 0; i < list.length; i++) if (list[i].caseId === id) return list[i];
    return null;
  };
  S.active = function (tab) { return C.current === 'selection' && !!S.ev && S.tab === tab; };

  /** Scores are kept at full precision by the server; round half away from zero, only for display. */
  S.fmt2 = function (n) {
    if (n === null || n === undefined || n === '' || isNaN(Number(n))) return '—';
    var x = Number(n);
    var r = Number(Math.round(Number(Math.abs(x) + 'e2')) + 'e-2');
    return (x < 0 && r !== 0 ? '-' : '') + r.toFixed(2);
  };

  S.badge = function (kind, value) {
    return el('span', { className: 'badge badge-' + kind + '-' + String(value).toLowerCase(), text: t(kind + '.status.' + value) });
  };


  // ======================= events =======================

  async function loadEvents() {
    try {
      renderEvents(await App.get('/api/selection/events'));
    } catch (err) { C.handle(err); }
  }

  function renderEvents(list) {
    var tbody = App.clear($('#selection-event-table tbody'));
    if (!list || !list.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 2, text: t('sel.noEvents') })));
      return;
    }
    list.forEach(function (e) {
      var href = '#selection/' + C.enc(e.eventId) + '/cases';
      tbody.appendChild(el('tr', {
        className: 'clickable',
        'data-event-id': e.eventId,
        onclick: function (ev) { if (ev.target.tagName !== 'A') w.location.hash = href; }
      }, [
        el('td', null, el('a', { href: href, text: e.title })),
        el('td', { text: e.createdAt ? new Date(e.createdAt).toLocaleString(I18n.lang() === 'en' ? 'en' : 'zh-CN') : '' })
      ]));
    });
  }

  $('#sel-create-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var input = $('#selection-event-title');
    var title = input.value.trim();
    if (!title) { input.value = ''; e.target.reportValidity(); return; }
    try {
      var created = await App.busy($('#selection-event-create'), 'common.saving', function () {
        return App.post('/api/selection/events', { title: title });
      });
      App.clearError();
      input.value = '';
      App.toast(t('sel.created', { title: title }));
      w.location.hash = '#selection/' + C.enc(created.eventId) + '/cases';
    } catch (err) { C.handle(err); }
  });

  // ======================= one event =======================

  S.reload = async function () {
    var seq = ++loadSeq;
    var id = S.eventId;
    try {
      var ev = await App.get('/api/selection/events/' + C.enc(id));
      if (seq !== loadSeq || id !== S.eventId) return null;
      S.ev = ev;
      renderHead();
      eventListeners.slice().forEach(function (fn) { fn(ev); });
      return ev;
    } catch (err) {
      if (err.status === 404 && seq === loadSeq) { w.location.hash = '#selection'; }
      C.handle(err);
      return null;
    }
  };

  function renderHead() {
    $('#sel-event-name').textContent = S.ev ? S.ev.title : '';
    Array.prototype.forEach.call(document.querySelectorAll('.sel-tab'), function (a) {
      var tab = a.getAttribute('data-tab');
      a.href = S.href(tab);
      a.setAttribute('aria-selected', tab === S.tab ? 'true' : 'false');
    });
    Object.keys(S.tabs).forEach(function (tab) { $('#sel-panel-' + tab).hidden = tab !== S.tab; });
  }

  async function show(arg) {
    var parts = (arg || '').split('/');
    var id = parts[0];
    $('#sel-events-view').hidden = !!id;
    $('#sel-event-view').hidden = !id;
    if (!id) { S.eventId = null; S.ev = null; loadEvents(); return; }
    var tab = S.tabs[parts[1]] ? parts[1] : 'cases';
    var changed = id !== S.eventId;
    if (changed) {
      S.eventId = id;
      S.ev = null;
      rubricDirty = false;
      rubric = [];
      App.clear($('#rubric-table tbody'));
      $('#sel-event-name').textContent = '';
      resetListeners.slice().forEach(function (fn) { fn(); });
    }
    S.tab = tab;
    S.sub = parts.slice(2).join('/');
    renderHead();
    if (changed || !S.ev) await S.reload(); else S.reload();
    if (S.ev && S.eventId === id) S.tabs[tab].show(S.sub);
  }

  $('#sel-rename').addEventListener('click', async function () {
    if (!S.ev) return;
    var title = w.prompt(t('sel.renamePrompt'), S.ev.title);
    if (title === null || !title.trim() || title.trim() === S.ev.title) return;
    try {
      await App.busy(this, null, function () { return App.put('/api/selection/events/' + C.enc(S.eventId), { title: title.trim() }); });
      App.clearError();
      S.reload();
    } catch (err) { C.handle(err); }
  });

  // ======================= b) rubric =======================

  var DEFAULT_RUBRIC = [
    { id: 'theme', name: '主题突出', maxPoints: 30, weight: 1 },
    { id: 'form', name: '形式创新', maxPoints: 25, weight: 1 },
    { id: 'participation', name: '参与广泛', maxPoints: 20, weight: 1 },
    { id: 'results', name: '成效显著', maxPoints: 25, weight: 1 }
  ];
  var rubric = [];
  var rubricDirty = false;

  function copyRubric(list) {
    return (list || []).map(function (c) { return { id: c.id, name: c.name, maxPoints: c.maxPoints, weight: c.weight }; });
  }

  function numberInput(row, key, cls, step) {
    return el('input', {
      type: 'number', className: cls, min: step, step: step, value: row[key], required: true,
      'aria-label': t(key === 'maxPoints' ? 'rubric.max' : 'rubric.weight'),
      oninput: function () { row[key] = this.value === '' ? '' : Number(this.value); rubricDirty = true; renderRubricTotal(); }
    });
  }

  function move(list, i, delta) {
    var j = i + delta;
    if (j < 0 || j >= list.length) return;
    var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
  }

  function renderRubric() {
    var tbody = App.clear($('#rubric-table tbody'));
    rubric.forEach(function (row, i) {
      tbody.appendChild(el('tr', { 'data-criterion': i }, [
        el('td', null, el('input', { type: 'text', className: 'rubric-id mono', value: row.id, required: true, maxlength: 32, 'aria-label': t('rubric.id'), oninput: function () { row.id = this.value.trim(); rubricDirty = true; } })),
        el('td', null, el('input', { type: 'text', className: 'rubric-name', value: row.name, required: true, maxlength: 20, 'aria-label': t('rubric.name'), oninput: function () { row.name = this.value; rubricDirty = true; } })),
        el('td', { className: 'num' }, numberInput(row, 'maxPoints', 'rubric-max', '0.5')),
        el('td', { className: 'num' }, numberInput(row, 'weight', 'rubric-weight', '0.1')),
        el('td', { className: 'actions' }, [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', disabled: i === 0, 'aria-label': t('sel.moveUp'), text: '↑', onclick: function () { move(rubric, i, -1); rubricDirty = true; renderRubric(); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', disabled: i === rubric.length - 1, 'aria-label': t('sel.moveDown'), text: '↓', onclick: function () { move(rubric, i, 1); rubricDirty = true; renderRubric(); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger', disabled: rubric.length <= 1, text: t('common.delete'), onclick: function () { rubric.splice(i, 1); rubricDirty = true; renderRubric(); } })
        ])
      ]));
    });
    renderRubricTotal();
    renderTrimHint();
  }

  function renderRubricTotal() {
    var total = rubric.reduce(function (sum, c) { return sum + (Number(c.maxPoints) || 0) * (Number(c.weight) || 0); }, 0);
    $('#rubric-total').textContent = t('rubric.total', { total: Math.round(total * 100) / 100 });
  }

  function renderTrimHint() {
    var k = Number($('#rubric-trim').value) || 0;
    $('#rubric-trim-hint').textContent = k ? t('rubric.trimHint', { k: k, n: 2 * k + 3 }) : t('rubric.trimNone');
  }

  $('#rubric-trim').addEventListener('change', function () { rubricDirty = true; renderTrimHint(); });
  $('#rubric-too-few').addEventListener('change', function () { rubricDirty = true; });
  $('#rubric-add').addEventListener('click', function () {
    var n = rubric.length + 1;
    while (rubric.some(function (c) { return c.id === 'c' + n; })) n++;
    rubric.push({ id: 'c' + n, name: '', maxPoints: 10, weight: 1 });
    rubricDirty = true;
    renderRubric();
    var names = document.querySelectorAll('#rubric-table .rubric-name');
    if (names.length) names[names.length - 1].focus();
  });
  $('#rubric-default').addEventListener('click', function () {
    rubric = copyRubric(DEFAULT_RUBRIC);
    rubricDirty = true;
    renderRubric();
  });

  $('#sel-panel-rubric').addEventListener('submit', async function (e) {
    e.preventDefault();
    if (!e.target.reportValidity()) return;
    var body = {
      criteria: rubric.map(function (c) { return { id: c.id, name: c.name.trim(), maxPoints: Number(c.maxPoints), weight: Number(c.weight) }; }),
      trimK: Number($('#rubric-trim').value) || 0,
      whenTooFewToTrim: $('#rubric-too-few').value === 'ReplaceRecused' ? 'ReplaceRecused' : 'AverageAll'
    };
    try {
      await App.busy($('#rubric-save'), 'common.saving', function () {
        return App.put('/api/selection/events/' + C.enc(S.eventId) + '/rubric', body);
      });
      App.clearError();
      rubricDirty = false;
      App.toast(t('rubric.saved'));
      S.reload();
    } catch (err) { C.handle(err); }
  });

  function loadRubric(force) {
    if (rubricDirty && !force) return; // the organiser is editing: a reload must not undo it
    rubric = copyRubric(S.ev.rubric && S.ev.rubric.length ? S.ev.rubric : DEFAULT_RUBRIC);
    $('#rubric-trim').value = String(typeof S.ev.trimK === 'number' ? S.ev.trimK : 1);
    $('#rubric-too-few').value = S.ev.whenTooFewToTrim === 'ReplaceRecused' ? 'ReplaceRecused' : 'AverageAll';
    renderRubric();
  }

  S.tab('rubric', { show: function () { loadRubric(false); } });
  S.onEvent(function () { if (S.tab === 'rubric') loadRubric(false); });

  I18n.onChange(function () {
    if (C.current !== 'selection') return;
    if (!S.eventId) { loadEvents(); return; }
    if (S.tab === 'rubric') renderRubric();
  });

  w.ConsoleSelection = S;
  C.view('selection', { show: show });
}(window));
