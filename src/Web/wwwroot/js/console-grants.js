/*
 * Judges & scorers: the personal sign-in links (/api/grants). A judge gets one link each, with an optional
 * affiliated branch (used later for recusal); a scorer link is per court, its "name" being the court's.
 * Each link is shown with its QR code; "new link" revokes the old one (POST …/revoke returns the new link),
 * "remove" deletes the grant. Links are never opened from here: that would sign the organiser out.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var form = $('#grant-form');
  var roleSelect = $('#grant-role');
  var nameInput = $('#grant-name');
  var branchSelect = $('#grant-branch');
  var eventSelect = $('#grant-event');
  var events = null;     // [{eventId, title}] for the judge form's event choice and the cards
  var eventPicked = false; // the organiser chose an event (or "any") in this form: keep it across reloads

  var grants = null;     // [{grant, link}] as last loaded, null until the first load
  var highlightId = null; // grant just created or re-issued: scrolled to and marked once
  var loadSeq = 0;

  function isJudge(g) { return String(g.role).toLowerCase() === 'judge'; }
  function byZh(a, b) { return String(a).localeCompare(String(b), 'zh-CN'); }
  function sortGrants(list) {
    // Judges first, then by name; the same order after a create as after a reload.
    return list.sort(function (a, b) {
      return (isJudge(a.grant) ? 0 : 1) - (isJudge(b.grant) ? 0 : 1) || byZh(a.grant.name, b.grant.name);
    });
  }

  function branchName(id) {
    if (id === null || id === undefined || id === '') return t('grants.branchUnset');
    var b = C.branchById(id);
    if (b) return b.name;
    return C.org ? t('grants.branchUnknown') : '…';
  }

  function eventName(scope) {
    if (!scope) return t('grants.eventAny');
    var found = (events || []).filter(function (e) { return e.eventId === scope; })[0];
    if (found) return found.title;
    return events ? t('grants.eventUnknown') : '…';
  }

  // ---------- the list ----------

  function fact(labelKey, value) {
    return el('div', null, [el('dt', { text: t(labelKey) }), el('dd', { text: value })]);
  }

  function card(entry) {
    var g = entry.grant;
    var judge = isJudge(g);
    var qrUrl = '/api/qr?text=' + encodeURIComponent(entry.link);
    var facts = [];
    if (judge || g.branchId) facts.push(fact('grants.branchLabel', branchName(g.branchId)));
    if (judge) facts.push(fact('grants.eventLabel', eventName(g.scope)));
    facts.push(fact('grants.version', String((Number(g.generation) || 0) + 1)));
    var node = el('article', {
      className: 'grant-card' + (g.grantId === highlightId ? ' grant-new' : ''),
      'data-grant-id': g.grantId,
      'data-role': judge ? 'Judge' : 'Scorer'
    }, [
      el('div', { className: 'grant-head' }, [
        el('h3', { className: 'grant-name', text: g.name }),
        el('span', { className: 'badge ' + (judge ? 'badge-judge' : 'badge-scorer'), text: t(judge ? 'grants.roleJudge' : 'grants.roleScorer') })
      ]),
      el('dl', { className: 'facts grant-facts' }, facts),
      el('a', { className: 'grant-qr-link', href: qrUrl, target: '_blank', rel: 'noopener', title: t('grants.qrOpen') },
        el('img', { className: 'grant-qr', src: qrUrl, alt: t('grants.qrAlt', { name: g.name }), width: 160, height: 160 })),
      // Plain text, not an anchor: a click here must not sign this browser in as the judge.
      el('code', { className: 'grant-link', text: entry.link }),
      el('div', { className: 'toolbar grant-actions' }, [
        el('button', { type: 'button', className: 'btn btn-small grant-copy', text: t('grants.copy'), onclick: function () { copyLink(entry.link, node); } }),
        el('button', { type: 'button', className: 'btn btn-small btn-secondary grant-regenerate', text: t('grants.regenerate'), onclick: function () { regenerate(entry, this); } }),
        el('button', { type: 'button', className: 'btn btn-small btn-danger grant-delete', text: t('common.delete'), onclick: function () { remove(entry, this); } })
      ])
    ]);
    return node;
  }

  function render() {
    var box = App.clear($('#grant-list'));
    if (!grants) return;
    if (!grants.length) {
      box.appendChild(el('p', { className: 'card muted grant-empty', text: t('grants.empty') }));
      return;
    }
    var judges = grants.filter(function (e) { return isJudge(e.grant); });
    var scorers = grants.filter(function (e) { return !isJudge(e.grant); });
    if (judges.length) {
      box.appendChild(el('h2', { className: 'grant-group-title', text: t('grants.judges', { count: judges.length }) }));
      box.appendChild(el('div', { className: 'grant-grid' }, judges.map(card)));
    }
    if (scorers.length) {
      box.appendChild(el('h2', { className: 'grant-group-title', text: t('grants.scorers', { count: scorers.length }) }));
      box.appendChild(el('div', { className: 'grant-grid' }, scorers.map(card)));
    }
    if (highlightId) {
      var fresh = box.querySelector('.grant-new');
      if (fresh && fresh.scrollIntoView) fresh.scrollIntoView({ block: 'nearest' });
      highlightId = null; // marked once; a later re-render (language, roster) does not flash it again
    }
  }

  function upsert(entry) {
    grants = (grants || []).filter(function (e) { return e.grant.grantId !== entry.grant.grantId; });
    grants.push(entry);
    sortGrants(grants);
  }

  async function load() {
    var seq = ++loadSeq;
    $('#grant-loading').hidden = grants !== null; // only the first load shows "loading"; later ones refresh in place
    try {
      var list = await App.get('/api/grants');
      if (seq !== loadSeq) return;
      grants = sortGrants(Array.isArray(list) ? list.slice() : []);
      render();
    } catch (err) {
      C.handle(err);
    } finally {
      if (seq === loadSeq) $('#grant-loading').hidden = true;
    }
  }

  // ---------- copy ----------

  function legacyCopy(text) {
    // navigator.clipboard needs a secure context; a console opened as http://192.168.x.x is not one.
    return new Promise(function (resolve, reject) {
      var area = el('textarea', { className: 'offscreen', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error('copy failed'));
    });
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function selectText(node) {
    if (!node || !window.getSelection || !document.createRange) return;
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copyLink(link, node) {
    copyText(link).then(function () {
      App.toast(t('grants.copied'));
    }, function () {
      selectText($('.grant-link', node)); // at least make a manual Ctrl+C one keystroke away
      App.toast(t('grants.copyFailed'));
    });
  }

  // ---------- re-issue and remove ----------

  async function regenerate(entry, btn) {
    var name = entry.grant.name;
    if (!window.confirm(t('grants.regenerateConfirm', { name: name }))) return;
    try {
      var fresh = await App.busy(btn, null, function () {
        return App.post('/api/grants/' + C.enc(entry.grant.grantId) + '/revoke');
      });
      App.clearError();
      if (fresh && fresh.grant) {
        highlightId = fresh.grant.grantId;
        upsert(fresh);
        render();
      } else {
        load();
      }
      App.toast(t('grants.regenerated', { name: name }));
    } catch (err) {
      if (err.status === 404) load(); // someone else removed it meanwhile
      C.handle(err);
    }
  }

  async function remove(entry, btn) {
    var name = entry.grant.name;
    if (!window.confirm(t('grants.deleteConfirm', { name: name }))) return;
    try {
      await App.busy(btn, null, function () { return App.del('/api/grants/' + C.enc(entry.grant.grantId)); });
      App.clearError();
      grants = (grants || []).filter(function (e) { return e.grant.grantId !== entry.grant.grantId; });
      render();
      App.toast(t('grants.deleted', { name: name }));
    } catch (err) {
      if (err.status === 404) load();
      C.handle(err);
    }
  }

  // ---------- the form ----------

  function fillBranches() {
    var keep = branchSelect.value;
    App.clear(branchSelect);
    branchSelect.appendChild(el('option', { value: '', 'data-i18n': 'grants.branchNone' }, t('grants.branchNone')));
    ((C.org && C.org.branches) || []).slice().sort(function (a, b) {
      return byZh(a.district, b.district) || byZh(a.name, b.name);
    }).forEach(function (b) {
      branchSelect.appendChild(el('option', { value: b.branchId, selected: String(b.branchId) === String(keep) }, b.district + ' · ' + b.name));
    });
  }

  /** Judge links are made for one event: the newest is chosen unless the organiser picks another (or any). */
  function fillEvents() {
    var keep = eventPicked ? eventSelect.value : null; // null: not chosen by the organiser yet
    App.clear(eventSelect);
    var list = (events || []).slice().sort(function (a, b) { return String(b.createdAt).localeCompare(String(a.createdAt)); });
    if (keep && !list.some(function (e) { return e.eventId === keep; })) keep = null; // removed meanwhile
    list.forEach(function (e, i) {
      eventSelect.appendChild(el('option', { value: e.eventId, selected: keep === null ? i === 0 : e.eventId === keep }, e.title));
    });
    eventSelect.appendChild(el('option', { value: '', selected: keep === '' || !list.length, 'data-i18n': 'grants.eventAny' }, t('grants.eventAny')));
  }

  eventSelect.addEventListener('change', function () { eventPicked = true; });

  async function loadEvents() {
    try {
      events = await App.get('/api/selection/events') || [];
      fillEvents();
      if (grants) render();
    } catch (err) { C.handle(err); }
  }

  function syncRole() {
    var judge = roleSelect.value === 'Judge';
    var label = $('#grant-name-label');
    label.setAttribute('data-i18n', judge ? 'grants.judgeName' : 'grants.courtName');
    label.textContent = t(label.getAttribute('data-i18n'));
    nameInput.setAttribute('data-i18n-placeholder', judge ? 'grants.judgeNamePh' : 'grants.courtNamePh');
    nameInput.setAttribute('placeholder', t(nameInput.getAttribute('data-i18n-placeholder')));
    // A court has no branch; only a judge's affiliation matters (for recusal).
    $('#grant-branch-field').hidden = !judge;
    $('#grant-event-field').hidden = !judge;
  }

  roleSelect.addEventListener('change', syncRole);

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    var name = nameInput.value.trim();
    if (!name) { nameInput.value = ''; form.reportValidity(); nameInput.focus(); return; }
    var role = roleSelect.value === 'Scorer' ? 'Scorer' : 'Judge';
    var branch = role === 'Judge' && branchSelect.value ? C.branchById(branchSelect.value) : null;
    var body = {
      role: role,
      name: name,
      branchId: branch ? branch.branchId : (role === 'Judge' && branchSelect.value ? branchSelect.value : null),
      scope: role === 'Judge' && eventSelect.value ? eventSelect.value : null
    };
    try {
      var created = await App.busy($('#grant-submit'), 'grants.creating', function () { return App.post('/api/grants', body); });
      App.clearError();
      App.toast(t('grants.created', { name: name }));
      nameInput.value = '';
      branchSelect.value = '';
      if (created && created.grant) {
        highlightId = created.grant.grantId;
        upsert(created);
        render();
      } else {
        load();
      }
      nameInput.focus(); // ready for the next judge or court
    } catch (err) {
      C.handle(err);
      nameInput.focus();
    }
  });

  C.onOrg(function () {
    fillBranches();
    if (C.current === 'grants' && grants && grants.some(function (e) { return e.grant.branchId; })) render();
  });

  I18n.onChange(function () {
    if (C.current === 'grants') render();
  });

  fillBranches();
  syncRole();

  C.view('grants', {
    show: function () {
      fillBranches();
      syncRole();
      loadEvents();
      PublicAddressWarning.refresh();
      load();
    }
  });
}());
