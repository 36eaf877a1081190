/*
 * Screen control: edit the headline and notice of a big screen (default "main") and send them.
 * The preview follows the live topic screen:<id>, so it shows what the hall actually sees.
 */
(function () {
  'use strict';

  var $ = App.$;
  var C = ConsoleApp;
  var idInput = $('#screen-id-input');
  var headlineInput = $('#screen-headline-input');
  var noticeInput = $('#screen-notice-input');

  var screenId = null;     // screen currently edited
  var shown = null;        // payload in the preview
  var dirty = false;       // the organiser has typed since the last load/send: do not overwrite the inputs
  var subscribed = {};

  // Lower-case, as the server files screens, so the live topic and the HTTP screen are the same one.
  function currentId() { return idInput.value.trim().toLowerCase() || 'main'; }

  function renderPreview(p) {
    if (!p || p.screenId !== undefined && String(p.screenId) !== String(screenId)) return;
    if (shown && typeof p.revision === 'number' && typeof shown.revision === 'number' && p.revision < shown.revision) return;
    shown = p;
    $('#pv-headline').textContent = p.headline || t('screenCtl.empty');
    $('#pv-notice').textContent = p.notice || '';
  }

  function fillInputs(p) {
    if (dirty) return;
    headlineInput.value = p.headline || '';
    noticeInput.value = p.notice || '';
  }

  async function load() {
    var id = currentId();
    if (id !== screenId) { screenId = id; shown = null; dirty = false; renderPreview({ headline: '', notice: '' }); }
    $('#screen-open').href = 'screen.html?id=' + C.enc(id);
    if (!subscribed[id]) {
      subscribed[id] = true;
      Live.subscribe('screen:' + id, function (p) { renderPreview(p); });
    }
    try {
      var p = await App.get('/api/screens/' + C.enc(id));
      if (id !== screenId) return;
      fillInputs(p);
      renderPreview(p);
    } catch (err) {
      if (err.status !== 404) C.handle(err); // a screen nobody has written to yet may not exist
    }
  }

  headlineInput.addEventListener('input', function () { dirty = true; });
  noticeInput.addEventListener('input', function () { dirty = true; });
  idInput.addEventListener('change', load);

  $('#screen-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    if (currentId() !== screenId) await load();
    var body = { headline: headlineInput.value.trim(), notice: noticeInput.value.trim() };
    $('#screen-status').textContent = '';
    try {
      var p = await App.busy($('#screen-send'), 'screenCtl.sending', function () {
        return App.put('/api/screens/' + C.enc(screenId), body);
      });
      dirty = false;
      App.clearError();
      if (p) renderPreview(p);
      $('#screen-status').textContent = t('screenCtl.sent', { revision: p && p.revision !== undefined ? p.revision : '—' });
    } catch (err) { C.handle(err); }
  });

  I18n.onChange(function () { if (shown) { var p = shown; shown = null; renderPreview(p); } });

  C.view('screen', { show: load });
}());
