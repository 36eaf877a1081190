/*
 * The console's status strip: what the person running the hall watches while working — live connections, ballots and
 * answers per second, how long ago this server last pushed a change, the database's write time (p95) and refusals.
 * Polls GET /api/operations/status every few seconds while an organiser is signed in and the page is visible. Levels
 * come from the server (thresholds in docs/operations/metrics.md) and show as a colour and a word together.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var INTERVAL_MS = 2500;
  var strip = $('#ops-status');
  var last = null;      // the last status read, re-rendered on a language switch
  var failed = false;
  var timer = null;

  function number(n) {
    if (typeof n !== 'number') return '—';
    return n >= 100 || n === Math.round(n) ? String(Math.round(n)) : n.toFixed(1);
  }

  /** One item: its text, its level (Ok, Warn, Bad, Unknown) as data-level plus a word for Warn/Bad, and a tooltip. */
  function item(id, text, level, title) {
    var span = App.el('span', { 'class': 'ops-item', id: id, 'data-level': level || 'Ok' }, [text]);
    if (level === 'Warn' || level === 'Bad') {
      span.appendChild(App.el('span', { 'class': 'ops-word' }, [t(level === 'Warn' ? 'status.warn' : 'status.bad')]));
    }
    if (title) span.title = title;
    return span;
  }

  function render() {
    App.clear(strip);
    if (failed) {
      strip.setAttribute('data-state', 'failed');
      strip.appendChild(App.el('span', { 'class': 'ops-failed', id: 'ops-failed' }, [t('status.failed')]));
      return;
    }
    strip.removeAttribute('data-state');
    if (!last) return;
    var s = last;
    strip.appendChild(item('ops-connections', t('status.connections', { n: number(s.connections.value) }), s.connections.level));
    strip.appendChild(item('ops-ballots', t('status.ballots', { n: number(s.ballotsPerSecond.value) }), s.ballotsPerSecond.level));
    strip.appendChild(item('ops-answers', t('status.answers', { n: number(s.answersPerSecond.value) }), s.answersPerSecond.level));
    var push = s.lastPushAgeSeconds;
    strip.appendChild(item('ops-push',
      push.value === null || push.value === undefined ? t('status.pushNone') : t('status.push', { n: number(push.value) }),
      push.level, t('status.pushTitle')));
    var db = s.databaseWriteMs;
    var dbTitle = db.level === 'Unknown' ? t('status.dbClusterHint')
      : db.count > 0 ? t('status.dbTitle', { p50: number(db.p50), p95: number(db.p95), max: number(db.max), count: db.count })
      : t('status.dbQuiet');
    strip.appendChild(item('ops-db', db.p95 === null || db.p95 === undefined ? t('status.dbNone') : t('status.db', { n: number(db.p95) }), db.level, dbTitle));
    var refusals = s.refusalsLastMinute;
    if (refusals.total > 0) {
      var reasons = Object.keys(refusals.byReason).map(function (k) { return k + ' × ' + refusals.byReason[k]; }).join('\n');
      strip.appendChild(item('ops-refusals', t('status.refusals', { n: refusals.total }), refusals.level, reasons));
    }
  }

  async function poll() {
    timer = null;
    var C = w.ConsoleApp;
    if (!C || !C.me) { strip.hidden = true; schedule(); return; }
    strip.hidden = false;
    if (document.visibilityState !== 'hidden') {
      try {
        last = await App.get('/api/operations/status', { retries: 0, timeoutMs: 5000 });
        failed = false;
      } catch (err) {
        failed = true;
      }
      render();
    }
    schedule();
  }

  function schedule() {
    if (timer === null) timer = w.setTimeout(poll, INTERVAL_MS);
  }

  I18n.onChange(render);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && timer !== null) { w.clearTimeout(timer); timer = null; poll(); }
  });
  document.addEventListener('DOMContentLoaded', function () { w.setTimeout(poll, 300); });
}(window));
