/*
 * Live.subscribe(topic, fn) — one shared SignalR connection to /hubs/live for the page;
 * Live.unsubscribe(topic) stops following it.
 * fn(payload, update) gets the snapshot returned by Subscribe and every pushed 'update' for that topic,
 * only ever moving forward in version (an older or repeated version is dropped, because a push and the
 * resync snapshot after a reconnect can arrive in either order).
 * Live.onError(fn(err, kind)) reports failures (see reportError).
 * Live.onState(fn) reports 'connected' | 'reconnecting' | 'disconnected' and mirrors it on #live-status.
 */
(function (w) {
  'use strict';

  var RETRY_DELAYS = [0, 1000, 2000, 5000, 10000]; // then every 10 s, for ever: a hall screen must come back by itself
  var START_RETRY_MS = 3000;

  var topics = {}; // topic -> { version: number|null, last: update|null, handlers: [] }
  var stateListeners = [];
  var errorListeners = [];
  var state = 'disconnected';
  var connection = null;
  var startTimer = 0;

  function setState(next) {
    state = next;
    var dot = document.getElementById('live-status');
    if (dot) {
      dot.setAttribute('data-state', next);
      var label = t('live.' + next);
      dot.setAttribute('title', label);
      dot.setAttribute('aria-label', label);
    }
    stateListeners.slice().forEach(function (fn) { fn(next); });
  }

  // kind: 'start' (connecting failed; the dot already shows it and we retry), 'subscribe' or 'handler'.
  function reportError(err, kind) {
    errorListeners.slice().forEach(function (fn) { fn(err, kind); });
  }

  function deliver(update) {
    if (!update || typeof update.topic !== 'string') return;
    var entry = topics[update.topic];
    if (!entry) return;
    var v = Number(update.version);
    // A missing version (NaN) cannot be ordered, so it is always applied rather than blocking the topic.
    if (!isNaN(v) && entry.version !== null && !(v > entry.version)) return;
    if (!isNaN(v)) entry.version = v;
    entry.last = update;
    entry.handlers.slice().forEach(function (fn) {
      try { fn(update.payload, update); } catch (e) { reportError(e, 'handler'); }
    });
  }

  function subscribeOnServer(topic) {
    if (!connection || connection.state !== signalR.HubConnectionState.Connected) return;
    connection.invoke('Subscribe', topic).then(deliver, function (err) { reportError(err, 'subscribe'); });
  }

  function resubscribeAll() { Object.keys(topics).forEach(subscribeOnServer); }

  function build() {
    connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: function (ctx) {
          var i = ctx.previousRetryCount;
          return i < RETRY_DELAYS.length ? RETRY_DELAYS[i] : 10000;
        }
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    connection.on('update', deliver);
    connection.onreconnecting(function () { setState('reconnecting'); });
    connection.onreconnected(function () {
      setState('connected');
      resubscribeAll(); // the snapshot of each topic resyncs whatever was missed while away
    });
    // Only reached if the automatic reconnect gives up (or the server closes us): start over.
    connection.onclose(function () { setState('reconnecting'); scheduleStart(); });
  }

  function scheduleStart() {
    clearTimeout(startTimer);
    startTimer = setTimeout(start, START_RETRY_MS);
  }

  function start() {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    connection.start().then(function () {
      setState('connected');
      resubscribeAll();
    }, function (err) {
      setState('reconnecting');
      reportError(err, 'start');
      scheduleStart(); // the first start is not covered by withAutomaticReconnect
    });
  }

  var waitingForClient = false;

  function ensureStarted() {
    if (connection) return true;
    if (typeof w.signalR === 'undefined') {
      // A page may load the SignalR client later (App.later, see common.js): connect once it is there.
      if (!waitingForClient && w.App && App.later && document.querySelector('script[type="text/x-later"][src*="signalr"]')) {
        waitingForClient = true;
        App.later().then(function () {
          waitingForClient = false;
          if (typeof w.signalR !== 'undefined' && !connection) { build(); start(); return; }
          if (!connection) { setState('disconnected'); reportError(new Error(t('error.noSignalR')), 'subscribe'); }
        });
        return false;
      }
      if (waitingForClient) return false;
      setState('disconnected');
      reportError(new Error(t('error.noSignalR')), 'subscribe');
      return false;
    }
    build();
    start();
    return true;
  }

  w.Live = {
    subscribe: function (topic, fn) {
      var entry = topics[topic];
      if (entry) {
        entry.handlers.push(fn);
        // Already subscribed: hand the newcomer what we have; the server would send nothing newer.
        if (entry.last) fn(entry.last.payload, entry.last);
        return;
      }
      topics[topic] = { version: null, last: null, handlers: [fn] };
      if (ensureStarted()) subscribeOnServer(topic); // no-op until connected; start() subscribes then
    },
    /** Stops following a topic on this page and on the server (the hub caps topics per connection). */
    unsubscribe: function (topic) {
      if (!topics[topic]) return;
      delete topics[topic];
      if (connection && connection.state === signalR.HubConnectionState.Connected) {
        connection.invoke('Unsubscribe', topic).catch(function (err) { reportError(err, 'subscribe'); });
      }
    },
    /** A readable sentence for a hub failure: the hub's HubException carries a code such as topic.unknown. */
    errorText: function (err) {
      var text = err && err.message ? err.message : String(err);
      var m = /HubException: ([\w.-]+)/.exec(text);
      return m && I18n.has('live.' + m[1]) ? t('live.' + m[1]) : text;
    },
    onState: function (fn) { stateListeners.push(fn); fn(state); },
    onError: function (fn) { errorListeners.push(fn); },
    state: function () { return state; }
  };

  // Keep the dot's tooltip in the chosen language.
  if (w.I18n) I18n.onChange(function () { setState(state); });
}(window));
