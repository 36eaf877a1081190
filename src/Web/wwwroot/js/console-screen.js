/*
 * Screen control: the words on a big screen (default "main"), the ranking ceremony, and a presenter preview.
 * Editing the words sends no mode, so the server keeps whatever view the hall is showing; views are switched
 * from the selection and volleyball pages (and back to the headline here). The notice belongs to the view on
 * screen. The preview is the real screen page in a frame, scaled down: it shows exactly what the hall sees.
 * The ceremony's step is held by the server (PUT /api/screens/<id>/ranking), so every screen shows the same one.
 */
(function () {
  'use strict';

  var $ = App.$;
  var C = ConsoleApp;
  var idInput = $('#screen-id-input');
  var headlineInput = $('#screen-headline-input');
  var noticeInput = $('#screen-notice-input');
  var frame = $('#screen-frame');
  var previewBox = $('#screen-preview');

  // Must match screen.js: the ceremony's pages are the same on every screen.
  var RANKING_PAGE = 8;

  var screenId = null;     // screen currently edited
  var shown = null;        // the screen's latest state
  var dirty = false;       // the organiser has typed since the last load/send: do not overwrite the inputs
  var subscribed = {};
  var places = {};         // roundId -> number of ranked places once published
  var followedRounds = {};

  // Lower-case, as the server files screens, so the live topic and the HTTP screen are the same one.
  function currentId() { return idInput.value.trim().toLowerCase() || 'main'; }

  function onScreen(p) {
    if (!p || p.screenId !== undefined && String(p.screenId) !== String(screenId)) return;
    if (shown && typeof p.revision === 'number' && typeof shown.revision === 'number' && p.revision < shown.revision) return;
    var viewChanged = !shown || shown.mode !== p.mode || shown.roundId !== p.roundId;
    shown = p;
    // A new view brings its own notice: show it in the field unless the organiser is typing.
    if (viewChanged) fillInputs(p);
    renderNow();
    renderCeremony();
  }

  function viewLabel(p) { return t('screenCtl.view.' + (p && p.mode ? p.mode : 'Headline')); }

  function renderNow() {
    $('#screen-now').textContent = shown ? t('screenCtl.now', { view: viewLabel(shown) }) : '';
    $('#screen-now').setAttribute('data-mode', shown ? shown.mode : '');
    $('#screen-notice-label').textContent = t('screenCtl.noticeFor', { view: viewLabel(shown) });
    $('#screen-headline-only').disabled = !shown || shown.mode === 'Headline';
  }

  function fillInputs(p) {
    if (dirty) return;
    headlineInput.value = p.headline || '';
    noticeInput.value = p.notice || '';
  }

  // ---------- preview ----------

  function framePreview(id) {
    var src = 'screen.html?id=' + C.enc(id) + '&preview=1';
    if (frame.getAttribute('src') !== src) frame.setAttribute('src', src);
    scalePreview();
  }

  function scalePreview() {
    var width = previewBox.clientWidth;
    if (!width) return; // hidden: scaled when shown
    var scale = width / 1920;
    frame.style.transform = 'scale(' + scale + ')';
    previewBox.style.height = Math.round(1080 * scale) + 'px';
  }

  // ---------- ranking ceremony ----------

  function ceremonyRound() {
    return shown && (shown.mode === 'Ranking' || shown.mode === 'Judging') ? shown.roundId : null;
  }

  function followRound(roundId) {
    if (followedRounds[roundId]) return;
    followedRounds[roundId] = true;
    var take = function (live) {
      if (!live || live.roundId !== roundId) return;
      if (live.results && live.results.ranking) { places[roundId] = live.results.ranking.length; renderCeremony(); }
    };
    Live.subscribe('round:' + roundId, take);
    App.get('/api/rounds/' + C.enc(roundId) + '/live').then(take, function () { /* the topic brings it */ });
  }

  function step() { return (shown && shown.ranking) || { revealed: null, page: 0 }; }

  function renderCeremony() {
    var roundId = ceremonyRound();
    var box = $('#ceremony');
    box.hidden = !roundId;
    if (!roundId) return;
    followRound(roundId);
    var total = places[roundId];
    var s = step();
    var known = typeof total === 'number' && total > 0;
    var pages = known ? Math.ceil(total / RANKING_PAGE) : 1;
    var all = s.revealed === null || s.revealed === undefined || (known && s.revealed >= total);
    var page = Math.min(s.page || 0, pages - 1);
    $('#ceremony-status').textContent = !known ? t('screenCtl.ceremonyWaiting')
      : all ? t('screenCtl.ceremonyAllShown', { page: page + 1, pages: pages })
        : t('screenCtl.ceremonyAt', { revealed: s.revealed, total: total });
    box.setAttribute('data-revealed', all ? 'all' : String(s.revealed));
    $('#ceremony-start').disabled = !known;
    $('#ceremony-next').disabled = !known || all;
    $('#ceremony-back').disabled = !known || s.revealed === 0;
    $('#ceremony-all').disabled = !known || all;
    $('#ceremony-page-prev').disabled = !known || !all || page <= 0;
    $('#ceremony-page-next').disabled = !known || !all || page >= pages - 1;
  }

  async function sendStep(btn, next) {
    try {
      var p = await App.busy(btn, null, function () {
        return App.put('/api/screens/' + C.enc(screenId) + '/ranking', next);
      });
      App.clearError();
      if (p) onScreen(p);
    } catch (err) { C.handle(err); }
  }

  function ceremony(action) {
    return function () {
      var total = places[ceremonyRound()];
      if (!(total > 0)) return;
      var s = step();
      var all = s.revealed === null || s.revealed === undefined || s.revealed >= total;
      var pages = Math.ceil(total / RANKING_PAGE);
      var next;
      if (action === 'start') next = { revealed: 0, page: 0 };
      else if (action === 'next') next = s.revealed + 1 >= total ? { revealed: null, page: 0 } : { revealed: s.revealed + 1, page: 0 };
      else if (action === 'back') next = { revealed: all ? total - 1 : Math.max(0, s.revealed - 1), page: 0 };
      else if (action === 'all') next = { revealed: null, page: 0 };
      else next = { revealed: null, page: Math.max(0, Math.min(pages - 1, (s.page || 0) + (action === 'page-next' ? 1 : -1))) };
      sendStep(this, next);
    };
  }

  ['start', 'next', 'back', 'all', 'page-prev', 'page-next'].forEach(function (action) {
    $('#ceremony-' + action).addEventListener('click', ceremony(action));
  });

  // ---------- loading and sending ----------

  async function load() {
    var id = currentId();
    if (id !== screenId) { screenId = id; shown = null; dirty = false; renderNow(); renderCeremony(); }
    $('#screen-open').href = 'screen.html?id=' + C.enc(id);
    framePreview(id);
    if (!subscribed[id]) {
      subscribed[id] = true;
      Live.subscribe('screen:' + id, onScreen);
    }
    try {
      var p = await App.get('/api/screens/' + C.enc(id));
      if (id !== screenId) return;
      fillInputs(p);
      onScreen(p);
    } catch (err) {
      if (err.status !== 404) C.handle(err); // a screen nobody has written to yet may not exist
    }
  }

  async function send(btn, body, statusKey) {
    if (currentId() !== screenId) await load();
    $('#screen-status').textContent = '';
    try {
      var p = await App.busy(btn, 'screenCtl.sending', function () {
        return App.put('/api/screens/' + C.enc(screenId), body);
      });
      dirty = false;
      App.clearError();
      if (p) { fillInputs(p); onScreen(p); }
      $('#screen-status').textContent = t(statusKey, { revision: p && p.revision !== undefined ? p.revision : '—' });
    } catch (err) { C.handle(err); }
  }

  headlineInput.addEventListener('input', function () { dirty = true; });
  noticeInput.addEventListener('input', function () { dirty = true; });
  idInput.addEventListener('change', load);

  // The words only: no mode, so the hall keeps showing what it shows.
  $('#screen-form').addEventListener('submit', function (e) {
    e.preventDefault();
    send($('#screen-send'), { headline: headlineInput.value.trim(), notice: noticeInput.value.trim() }, 'screenCtl.textSent');
  });

  // Back to the headline view: a view change with the headline typed here, and the headline view's own notice.
  $('#screen-headline-only').addEventListener('click', function () {
    dirty = false;
    send(this, { headline: headlineInput.value.trim() || (shown && shown.headline) || '', mode: 'Headline' }, 'screenCtl.textSent');
  });

  window.addEventListener('resize', scalePreview);
  if (window.ResizeObserver) new ResizeObserver(scalePreview).observe(previewBox); // also when the view first shows
  I18n.onChange(function () {
    renderNow();
    renderCeremony();
    // The framed screen reads the language when it loads.
    if (frame.getAttribute('src') && frame.contentWindow) frame.contentWindow.location.reload();
  });

  C.view('screen', { show: load });
}());
