/*
 * Countdown to a round's closing time, for the member page and the big screen. The round's views carry
 * closesAt; the countdown runs on the server's time (App.serverClockOffset, from the Date header of the
 * page's requests, common.js), so a phone whose clock is minutes off still shows what the server will do.
 * One timer repaints every .countdown[data-closes-at] on the page. ES2019.
 */
(function (w) {
  'use strict';

  var timer = 0;

  function two(n) { return (n < 10 ? '0' : '') + n; }

  function remainingMs(closesAt) { return Date.parse(closesAt) - (Date.now() + (App.serverClockOffset || 0)); }

  /** 1:05:09, 4:59, 0:07 */
  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return (h ? h + ':' + two(m) : String(m)) + ':' + two(s % 60);
  }

  function paint(node) {
    var ms = remainingMs(node.getAttribute('data-closes-at'));
    var ended = !(ms > 0);
    node.setAttribute('data-ended', ended ? 'true' : 'false');
    node.setAttribute('data-urgent', !ended && ms <= 60000 ? 'true' : 'false');
    node.textContent = ended ? t('countdown.ended') : t('countdown.left', { time: clock(ms) });
  }

  function tick() {
    var nodes = document.querySelectorAll('.countdown[data-closes-at]');
    Array.prototype.forEach.call(nodes, paint);
    if (!nodes.length) { clearInterval(timer); timer = 0; }
  }

  /** A countdown element for a view of an open round with a closing time ({status, closesAt}), or null. */
  function node(view) {
    if (!view || view.status !== 'Open' || !view.closesAt) return null;
    var n = App.el('p', { className: 'countdown', role: 'timer', 'data-closes-at': view.closesAt });
    paint(n);
    if (!timer) timer = setInterval(tick, 250);
    return n;
  }

  /** Puts the view's countdown right after anchor, replacing the one there (or removing it when the view has none). */
  function after(anchor, view) {
    if (!anchor || !anchor.parentNode) return;
    var old = anchor.nextElementSibling && anchor.nextElementSibling.classList.contains('countdown') ? anchor.nextElementSibling : null;
    var fresh = node(view);
    if (old && fresh) anchor.parentNode.replaceChild(fresh, old);
    else if (old) anchor.parentNode.removeChild(old);
    else if (fresh) anchor.parentNode.insertBefore(fresh, anchor.nextSibling);
  }

  I18n.onChange(tick);

  w.Countdown = { node: node, after: after, remainingMs: remainingMs, clock: clock };
}(window));
