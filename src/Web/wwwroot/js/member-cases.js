/*
 * Member page, card "提交本支部案例": a branch submits its own theme-day cases (主题党日活动案例) from a
 * member's phone. GET /api/member/events lists the events with the cases the member's branch already
 * has (and their review status); the form uploads each chosen file to POST /api/attachments, then posts
 * the case to /api/member/events/{eventId}/cases (the branch is set by the server from the sign-in).
 * member.js sends no sign-in event, so this script watches #member-profile: when it is shown (signed
 * in, or a different member's profile appears) the events load; when it is hidden everything is cleared.
 * Only a member who can submit sees the form (an event whose rounds have not opened yet, flag submissionsOpen
 * from the server, which refuses the others), and only after tapping "我要提交案例": it is long, and sits under the ballots.
 * ES2019 only (no optional chaining or nullish coalescing): this runs in the WeChat browser and old Android WebViews.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;

  var MAX_IMAGES = 4;
  var MAX_IMAGE_BYTES = 5 * 1048576;
  var MAX_PDF_BYTES = 10 * 1048576;
  var MAX_TITLE = 80;
  var MAX_SUMMARY = 2000;

  var card = $('#case-submit-card');
  var profileBox = $('#member-profile');
  if (!card || !profileBox) return;

  var events = null;     // last GET /api/member/events answer, or null when signed out / not loaded
  var loadedFor = null;  // member number the list was loaded for
  var loading = null;    // the GET in flight, shared by concurrent callers
  var chosen = [];       // [{file, attachmentId?, url?}] files picked for the case being written
  var sending = false;
  var note = null;       // {key|text, kind} shown under the submit button

  // ---------- building the card (once) ----------

  var list = el('ul', { id: 'member-case-list', className: 'mcase-list' });
  var eventSelect = el('select', { id: 'member-case-event', name: 'eventId' });
  var eventField = el('div', { className: 'field mcase-event-field' }, [
    el('label', { 'for': 'member-case-event', 'data-i18n': 'mcase.event' }), eventSelect
  ]);
  var titleInput = el('input', { id: 'member-case-title', name: 'title', type: 'text', maxlength: MAX_TITLE, required: true, autocomplete: 'off', enterkeyhint: 'next' });
  var summaryInput = el('textarea', { id: 'member-case-summary', name: 'summary', rows: 5, maxlength: MAX_SUMMARY });
  var summaryCount = el('span', { className: 'hint mcase-count', 'aria-live': 'polite' });
  var dateInput = el('input', { id: 'member-case-date', name: 'themeDayDate', type: 'date' });
  var fileInput = el('input', {
    id: 'member-case-files', name: 'files', type: 'file', multiple: true, className: 'mcase-file-input',
    accept: 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf'
  });
  var fileList = el('ul', { className: 'mcase-files' });
  var submitBtn = el('button', { id: 'member-case-submit', type: 'submit', className: 'btn btn-large btn-block', 'data-i18n': 'mcase.submit' });
  var status = el('p', { className: 'mcase-status', role: 'status', 'aria-live': 'polite', hidden: true });

  var form = el('form', { id: 'member-case-form', className: 'mcase-form', novalidate: true, hidden: true }, [
    el('h3', { 'data-i18n': 'mcase.formTitle' }),
    eventField,
    el('div', { className: 'field' }, [
      el('label', { 'for': 'member-case-title', 'data-i18n': 'mcase.titleLabel' }), titleInput
    ]),
    el('div', { className: 'field' }, [
      el('label', { 'for': 'member-case-summary', 'data-i18n': 'mcase.summaryLabel' }), summaryInput, summaryCount
    ]),
    el('div', { className: 'field' }, [
      el('label', { 'for': 'member-case-date', 'data-i18n': 'mcase.dateLabel' }), dateInput
    ]),
    el('div', { className: 'field' }, [
      el('span', { className: 'label', 'data-i18n': 'mcase.filesLabel' }),
      fileInput,
      el('label', { 'for': 'member-case-files', className: 'btn btn-secondary btn-block mcase-pick' }, [
        el('span', { 'aria-hidden': 'true', text: '＋ ' }), el('span', { 'data-i18n': 'mcase.pick' })
      ]),
      fileList,
      el('span', { className: 'hint', 'data-i18n': 'mcase.filesHint' })
    ]),
    submitBtn,
    status
  ]);

  card.appendChild(el('h2', { 'data-i18n': 'mcase.cardTitle' }));
  card.appendChild(el('p', { className: 'muted mcase-intro', 'data-i18n': 'mcase.intro' }));
  var expanded = false;
  var toggle = el('button', {
    id: 'member-case-toggle', type: 'button', className: 'btn btn-secondary btn-block mcase-toggle',
    'aria-expanded': 'false', 'aria-controls': 'member-case-form'
  });
  toggle.addEventListener('click', function () { expanded = !expanded; renderToggle(); if (expanded) titleInput.focus(); });
  card.appendChild(list);
  card.appendChild(toggle);
  card.appendChild(form);
  I18n.apply(card);

  // ---------- helpers ----------

  function isPdf(f) { return String(f.type || '').toLowerCase() === 'application/pdf' || /\.pdf$/i.test(f.name || ''); }
  function isImage(f) { return /^image\/(jpeg|png|webp)$/i.test(f.type || '') || /\.(jpe?g|png|webp)$/i.test(f.name || ''); }
  function sizeText(bytes) { return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB'; }
  function memberNo() { var n = $('#member-no'); return n ? n.textContent : ''; }
  function signedIn() { return !profileBox.hidden; }
  function enc(s) { return encodeURIComponent(String(s)); }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  function dateText(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    try {
      return d.toLocaleDateString(I18n.lang() === 'en' ? 'en' : 'zh-CN', { year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch (e) { return d.toDateString(); }
  }

  function setNote(n) {
    note = n;
    status.hidden = !n;
    status.setAttribute('data-kind', n ? n.kind : '');
    status.textContent = n ? (n.text || t(n.key)) : '';
  }

  function fail(err) {
    App.showError(err);
    setNote({ text: typeof err === 'string' ? err : App.errorMessage(err), kind: 'error' });
  }

  // ---------- the branch's cases ----------

  var STATUS_KEYS = { Submitted: 'mcase.statusSubmitted', Accepted: 'mcase.statusAccepted', Rejected: 'mcase.statusRejected' };

  function buildCase(c) {
    var key = STATUS_KEYS[c.status] || 'mcase.statusSubmitted';
    var files = c.attachments || [];
    var item = el('li', { className: 'mcase-item', 'data-case-id': c.caseId, 'data-status': c.status }, [
      el('div', { className: 'mcase-item-head' }, [
        el('span', { className: 'mcase-item-title', text: c.title }),
        el('span', { className: 'badge badge-case-' + String(c.status || 'Submitted').toLowerCase(), text: t(key) })
      ]),
      el('p', { className: 'mcase-item-meta muted', text: t('mcase.submittedAt', { date: dateText(c.submittedAt) }) + (files.length ? ' · ' + t('mcase.fileCount', { n: files.length }) : '') })
    ]);
    if (c.reviewNote) {
      item.appendChild(el('p', { className: 'mcase-item-note' }, [
        el('b', { text: t(c.status === 'Rejected' ? 'mcase.rejectNote' : 'mcase.reviewNote') }), c.reviewNote
      ]));
    } else if (c.status === 'Rejected') {
      item.appendChild(el('p', { className: 'mcase-item-note', text: t('mcase.rejectedNoNote') }));
    }
    return item;
  }

  /** Events taking cases now. */
  function openEvents() { return (events || []).filter(function (ev) { return ev.submissionsOpen; }); }
  /** Events worth a line on this card: those taking cases, and those holding a case of the member's branch. */
  function shownEvents() {
    return (events || []).filter(function (ev) { return ev.submissionsOpen || (ev.ownBranchCases || []).length; });
  }

  function renderToggle() {
    var canSubmit = openEvents().length > 0;
    if (!canSubmit) expanded = false;
    toggle.hidden = !canSubmit;
    toggle.setAttribute('aria-expanded', expanded ? 'true' : 'false');
    toggle.textContent = t(expanded ? 'mcase.collapse' : 'mcase.expand');
    form.hidden = !expanded;
  }

  function renderList() {
    App.clear(list);
    if (!events) return;
    var shown = shownEvents();
    var several = shown.length > 1;
    shown.forEach(function (ev) {
      var cases = ev.ownBranchCases || [];
      var group = el('li', { className: 'mcase-event', 'data-event-id': ev.eventId }, [
        several ? el('p', { className: 'mcase-event-title', text: ev.title }) : null
      ]);
      var inner = el('ul', { className: 'mcase-cases' });
      if (!cases.length) inner.appendChild(el('li', { className: 'mcase-empty muted', text: t('mcase.none') }));
      cases.slice().sort(function (a, b) { return String(b.submittedAt).localeCompare(String(a.submittedAt)); })
        .forEach(function (c) { inner.appendChild(buildCase(c)); });
      group.appendChild(inner);
      list.appendChild(group);
    });
  }

  function renderEvents() {
    var keep = eventSelect.value;
    var open = openEvents();
    App.clear(eventSelect);
    open.forEach(function (ev) {
      eventSelect.appendChild(el('option', { value: ev.eventId, selected: ev.eventId === keep, text: ev.title }));
    });
    eventField.hidden = open.length < 2;
    var intro = card.querySelector('.mcase-intro');
    // With one event its name goes into the intro; with several, the select names them.
    intro.textContent = !open.length ? t('mcase.introClosed')
      : open.length === 1 ? t('mcase.introOne', { title: open[0].title }) : t('mcase.intro');
  }

  function render() {
    card.hidden = !shownEvents().length;
    renderEvents();
    renderToggle();
    renderList();
    renderFiles();
    summaryCount.textContent = t('mcase.count', { n: summaryInput.value.length, max: MAX_SUMMARY });
    if (note) setNote(note);
  }

  function load() {
    if (!signedIn()) return Promise.resolve();
    if (loading) return loading;
    var who = memberNo();
    loading = App.get('/api/member/events').then(function (data) {
      if (!signedIn() || memberNo() !== who) return; // signed out or someone else signed in meanwhile
      events = Array.isArray(data) ? data : [];
      loadedFor = who;
      render();
    }, function (err) {
      if (err.status === 401 || err.status === 403) { reset(); return; }
      App.showError(err);
    }).then(function () { loading = null; });
    return loading;
  }

  // ---------- files ----------

  function renderFiles() {
    App.clear(fileList);
    chosen.forEach(function (entry) {
      var f = entry.file;
      if (isImage(f) && !entry.url && w.URL && URL.createObjectURL) entry.url = URL.createObjectURL(f);
      var thumb = entry.url
        ? el('img', { className: 'mcase-thumb', src: entry.url, alt: '' })
        : el('span', { className: 'mcase-thumb mcase-thumb-file', 'aria-hidden': 'true', text: 'PDF' });
      fileList.appendChild(el('li', { className: entry.attachmentId ? 'uploaded' : '' }, [
        thumb,
        el('span', { className: 'mcase-file-text' }, [
          el('span', { className: 'mcase-file-name', text: f.name }),
          el('span', { className: 'muted', text: sizeText(f.size) })
        ]),
        el('button', {
          type: 'button', className: 'btn btn-secondary mcase-file-remove', disabled: sending,
          'aria-label': t('mcase.removeFile', { name: f.name }), text: t('mcase.remove'),
          onclick: function () { removeFile(entry); }
        })
      ]));
    });
  }

  function removeFile(entry) {
    if (sending) return;
    if (entry.url && w.URL && URL.revokeObjectURL) URL.revokeObjectURL(entry.url);
    chosen = chosen.filter(function (x) { return x !== entry; });
    renderFiles();
  }

  /** The server's rules (AttachmentRules and the case's file limit), checked before anything is uploaded. */
  function checkFiles(files) {
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      if (!isPdf(f) && !isImage(f)) return t('mcase.badType', { name: f.name });
      if (f.size > (isPdf(f) ? MAX_PDF_BYTES : MAX_IMAGE_BYTES)) return t('mcase.tooLarge', { name: f.name, size: isPdf(f) ? '10 MB' : '5 MB' });
      if (f.size === 0) return t('mcase.badType', { name: f.name });
    }
    var all = chosen.map(function (e) { return e.file; }).concat(files);
    var pdfs = all.filter(isPdf).length;
    if ((pdfs && all.length > 1) || all.length > MAX_IMAGES) return t('mcase.tooMany');
    return null;
  }

  fileInput.addEventListener('change', function () {
    var picked = Array.prototype.slice.call(fileInput.files || []);
    fileInput.value = ''; // the same file can be picked again after removing it
    if (!picked.length) return;
    var problem = checkFiles(picked);
    if (problem) { fail(problem); return; }
    App.clearError();
    setNote(null);
    picked.forEach(function (f) { chosen.push({ file: f }); });
    renderFiles();
  });

  // ---------- submitting ----------

  summaryInput.addEventListener('input', function () {
    summaryCount.textContent = t('mcase.count', { n: summaryInput.value.length, max: MAX_SUMMARY });
  });

  function resetForm() {
    chosen.forEach(function (e) { if (e.url && w.URL && URL.revokeObjectURL) URL.revokeObjectURL(e.url); });
    chosen = [];
    titleInput.value = '';
    summaryInput.value = '';
    dateInput.value = '';
    titleInput.removeAttribute('aria-invalid');
    summaryCount.textContent = t('mcase.count', { n: 0, max: MAX_SUMMARY });
    renderFiles();
  }

  async function uploadAll() {
    // Uploaded one at a time (a hall's Wi-Fi is slow); a retry after a failure skips files already stored.
    for (var i = 0; i < chosen.length; i++) {
      var entry = chosen[i];
      if (entry.attachmentId) continue;
      setNote({ text: t('mcase.uploading', { n: i + 1, total: chosen.length }), kind: 'info' });
      var body = new FormData();
      body.append('file', entry.file, entry.file.name);
      var stored = await App.post('/api/attachments', body, { timeoutMs: 180000 });
      entry.attachmentId = stored.attachmentId;
    }
    return chosen.map(function (e) { return e.attachmentId; });
  }

  async function submit() {
    var open = openEvents();
    var eventId = eventSelect.value || (open.length ? open[0].eventId : '');
    var title = titleInput.value.trim();
    var summary = summaryInput.value.trim();
    if (!eventId) { fail(t('mcase.noEvent')); return; }
    if (!title || title.length > MAX_TITLE) {
      titleInput.setAttribute('aria-invalid', 'true');
      fail(t('mcase.titleRequired', { max: MAX_TITLE }));
      titleInput.focus();
      return;
    }
    titleInput.removeAttribute('aria-invalid');
    if (summary.length > MAX_SUMMARY) { fail(t('mcase.summaryTooLong', { max: MAX_SUMMARY })); summaryInput.focus(); return; }
    var date = dateInput.value;
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) { fail(t('mcase.badDate')); dateInput.focus(); return; }

    App.clearError();
    sending = true;
    renderFiles();
    try {
      await App.busy(submitBtn, 'mcase.submitting', async function () {
        var ids = await uploadAll();
        setNote({ key: 'mcase.submitting', kind: 'info' });
        return App.post('/api/member/events/' + enc(eventId) + '/cases', {
          title: title, summary: summary, themeDayDate: date || null, attachmentIds: ids
        });
      });
      sending = false;
      resetForm();
      setNote({ key: 'mcase.done', kind: 'ok' });
      App.toast(t('mcase.done'));
      await load();
    } catch (err) {
      sending = false;
      renderFiles();
      fail(err);
    }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!sending) submit();
  });

  // ---------- following sign-in ----------

  function reset() {
    events = null;
    loadedFor = null;
    sending = false;
    setNote(null);
    resetForm();
    App.clear(eventSelect);
    App.clear(list);
    expanded = false;
    renderToggle();
    card.hidden = true;
  }

  function sync() {
    if (!signedIn()) { if (events || loadedFor) reset(); return; }
    var who = memberNo();
    if (loadedFor !== null && loadedFor !== who) reset(); // another member's code was scanned
    load();
  }

  if (w.MutationObserver) {
    new MutationObserver(sync).observe(profileBox, { attributes: true, attributeFilter: ['hidden'] });
    var no = $('#member-no');
    if (no) new MutationObserver(sync).observe(no, { childList: true, characterData: true, subtree: true });
  }

  // Back from another app: the organiser may have reviewed a case meanwhile.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && signedIn() && !sending) load();
  });

  I18n.onChange(function () { if (events) render(); });

  dateInput.setAttribute('max', today());
  summaryCount.textContent = t('mcase.count', { n: 0, max: MAX_SUMMARY });
  card.hidden = true;
  sync();
}(window));
