/*
 * Big screen (screen.html?id=main): headline + notice pushed live over topic screen:<id>, never reloading.
 * Sized in vw/vh for 1920×1080 projectors; long headlines shrink until they fit.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  // Lower-case, as the server files screens: "Main" and "main" must be one screen for HTTP and live alike.
  var screenId = (App.param('id') || 'main').trim().toLowerCase();
  var shown = null;
  var headline = $('#screen-headline');
  var notice = $('#screen-notice');

  function fitHeadline() {
    // Start big and step down: a one-line slogan stays huge, a long sentence still fits in its box.
    // Measure the line boxes (offsetHeight) without the CSS cap, not scrollHeight: CJK glyphs poke out
    // of the line box a little and would make every headline look too tall.
    var limit = window.innerHeight * 0.52;
    var size = 6.5;
    headline.style.maxHeight = 'none';
    headline.style.fontSize = size + 'vw';
    while (headline.offsetHeight > limit && size > 2.5) {
      size -= 0.25;
      headline.style.fontSize = size + 'vw';
    }
    headline.style.maxHeight = '';
  }

  function flash(node) {
    node.classList.remove('flash');
    void node.offsetWidth; // restart the CSS animation
    node.classList.add('flash');
  }

  function render(p) {
    if (!p) return;
    // The HTTP snapshot and the live feed race at start-up; the higher revision wins.
    if (shown && typeof p.revision === 'number' && typeof shown.revision === 'number' && p.revision < shown.revision) return;
    var changed = !shown || shown.headline !== p.headline || shown.notice !== p.notice;
    var first = !shown;
    shown = p;
    headline.textContent = p.headline || t('screen.defaultHeadline');
    notice.textContent = p.notice || '';
    notice.hidden = !p.notice;
    fitHeadline();
    if (changed && !first) { flash(headline); if (p.notice) flash(notice); }
    App.clearError(); // content arrived, so any earlier failure is over
  }

  function renderFooter() {
    // Bold the address inside the localised sentence without putting markup in the dictionary.
    var url = window.location.origin + '/member.html';
    var parts = t('screen.joinHint', { url: '\u0001' }).split('\u0001');
    App.clear($('#screen-foot')).appendChild(el('span', null, [parts[0], el('b', { text: url }), parts[1] || '']));
  }

  function tick() {
    var now = new Date();
    var locale = I18n.lang() === 'en' ? 'en-GB' : 'zh-CN';
    $('#screen-clock').textContent = now.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    $('#screen-date').textContent = now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  }

  // Hide the pointer on the projector once the mouse rests.
  var idleTimer = 0;
  function wake() {
    document.body.classList.remove('idle');
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { document.body.classList.add('idle'); }, 3000);
  }

  // Keep a laptop driving the projector from sleeping (where the Wake Lock API exists; ignored otherwise).
  function keepAwake() {
    if (!navigator.wakeLock || document.visibilityState !== 'visible') return;
    navigator.wakeLock.request('screen').catch(function () { /* not allowed here: the OS setting decides */ });
  }

  async function loadOnce() {
    try {
      render(await App.get('/api/screens/' + encodeURIComponent(screenId)));
    } catch (err) {
      // Network trouble shows on the dot; a missing screen simply waits for its first update.
      if (!err.isNetwork && err.status !== 404) App.showError(err);
      if (!shown) render({ headline: '', notice: '' });
    }
  }

  Live.onError(function (err, kind) {
    if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
  });
  Live.subscribe('screen:' + screenId, render);

  I18n.onChange(function () {
    renderFooter();
    tick();
    if (shown) headline.textContent = shown.headline || t('screen.defaultHeadline');
    fitHeadline();
  });
  window.addEventListener('resize', fitHeadline);
  document.addEventListener('mousemove', wake);
  document.addEventListener('visibilitychange', keepAwake);

  renderFooter();
  tick();
  setInterval(tick, 1000);
  wake();
  keepAwake();
  loadOnce();
}());
