/*
 * Shared helpers for every page: DOM building, the error banner, the language toggle and the API client.
 * ES2019 only (no ?. or ??) because the member page must run in the WeChat browser and old Android WebViews.
 */
(function (w) {
  'use strict';

  var App = {};
  var LATER_GRACE_MS = 1500;

  // ---------- DOM ----------

  App.$ = function (selector, root) { return (root || document).querySelector(selector); };

  /**
   * el('td', {className: 'num', 'data-x': 1}, ['text', otherNode]) — text always goes in via text nodes,
   * so names and server messages can never inject markup.
   */
  App.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'className') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.indexOf('on') === 0 && typeof v === 'function') node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    if (children !== undefined && children !== null) {
      (Array.isArray(children) ? children : [children]).forEach(function (c) {
        if (c === null || c === undefined || c === false) return;
        node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
      });
    }
    return node;
  };

  App.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

  App.param = function (name) {
    var m = new RegExp('[?&]' + name + '=([^&#]*)').exec(w.location.search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : null;
  };

  App.fmtNumber = function (n) { return typeof n === 'number' ? n.toLocaleString() : (n === undefined || n === null ? '—' : String(n)); };

  // ---------- error banner (#error) and toast ----------

  App.showError = function (errOrMessage) {
    var box = App.$('#error');
    var msg = typeof errOrMessage === 'string' ? errOrMessage : App.errorMessage(errOrMessage);
    if (!box) { w.alert(msg); return; } // never fail silently, even on a page without a banner
    App.$('.error-text', box).textContent = msg;
    box.hidden = false;
    // The banner is sticky at the top; make sure it is actually seen after a long form.
    if (box.getBoundingClientRect().top < 0 && box.scrollIntoView) box.scrollIntoView({ block: 'nearest' });
  };

  App.clearError = function () {
    var box = App.$('#error');
    if (!box) return;
    App.$('.error-text', box).textContent = '';
    box.hidden = true;
  };

  var toastTimer = 0;
  /** Short-lived success message (role=status), separate from #error so successes never hide failures. */
  App.toast = function (msg) {
    var box = App.$('#toast');
    if (!box) { box = App.el('div', { id: 'toast', role: 'status', 'aria-live': 'polite' }); document.body.appendChild(box); }
    box.textContent = msg;
    // At the top of the viewport (css/app.css), away from the sticky action bars at the bottom; if the control
    // just used (still focused) is up there, just below it instead, so the toast never hides what was tapped.
    var used = document.activeElement;
    var r = used && used !== document.body && used.getBoundingClientRect ? used.getBoundingClientRect() : null;
    var below = r && r.height > 0 && r.top < 12 + box.offsetHeight + 8 && r.bottom > 0;
    box.style.top = below ? Math.round(r.bottom + 8) + 'px' : '';
    box.className = 'show';
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.className = ''; }, 3500);
  };

  /** Turns anything thrown by App.api (or elsewhere) into one user-facing sentence. */
  App.errorMessage = function (err) {
    if (!err) return t('error.network');
    if (err.status === 429) {
      return err.retryAfter > 0 ? t('error.tooMany', { seconds: err.retryAfter }) : t('error.tooManyLater');
    }
    if (err.isNetwork) return t('error.network');
    if (err.detail) return err.detail;
    if (err.title) return err.title;
    if (err.status) return t('error.http', { status: err.status });
    return err.message || String(err);
  };

  // ---------- network-problem strip (#net-status, optional per page) ----------

  var waiters = [];
  function sleep(ms) {
    return new Promise(function (resolve) {
      var entry = { resolve: resolve };
      entry.timer = setTimeout(function () { done(entry); }, ms);
      waiters.push(entry);
    });
  }
  function done(entry) {
    clearTimeout(entry.timer);
    var i = waiters.indexOf(entry);
    if (i >= 0) waiters.splice(i, 1);
    entry.resolve();
  }
  /** Cuts every pending back-off short ("Retry now" button, or the phone coming back online). */
  App.retryNow = function () { waiters.slice().forEach(done); };
  w.addEventListener('online', App.retryNow);

  function netStatus(attempt) {
    var box = App.$('#net-status');
    if (!box) return;
    if (!attempt) { box.hidden = true; return; }
    App.$('.net-text', box).textContent = t('error.retrying', { n: attempt });
    box.hidden = false;
  }

  // ---------- API client ----------

  function ApiError(status, problem, retryAfter) {
    problem = problem || {};
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = retryAfter;
    this.isNetwork = status === 0;
    this.message = this.detail || this.title || ('HTTP ' + status);
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;
  App.ApiError = ApiError;

  function parseRetryAfter(value) {
    if (!value) return 0;
    var s = parseInt(value, 10);
    if (!isNaN(s)) return Math.max(1, s);
    var date = Date.parse(value); // the header may also be an HTTP date
    return isNaN(date) ? 0 : Math.max(1, Math.ceil((date - Date.now()) / 1000));
  }

  function readBody(res) {
    if (res.status === 204) return Promise.resolve(null);
    var type = res.headers.get('Content-Type') || '';
    return res.text().then(function (text) {
      if (!text) return null;
      if (type.indexOf('json') >= 0) {
        try { return JSON.parse(text); } catch (e) { return { detail: text }; }
      }
      return { detail: text.length > 300 ? '' : text }; // a short plain-text error is still worth showing
    });
  }

  function once(method, url, body, timeoutMs) {
    // The server words its problem messages in the language asked for here, so they match the page.
    var headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': I18n.lang() === 'en' ? 'en' : 'zh-CN' };
    var init = { method: method, credentials: 'same-origin', headers: headers, cache: 'no-store' };
    if (method !== 'GET' && method !== 'HEAD') headers['X-Engagement-Csrf'] = '1'; // required by the server on state changes
    if (body !== undefined && body !== null) {
      if (typeof FormData !== 'undefined' && body instanceof FormData) {
        init.body = body; // the browser sets the multipart boundary itself
      } else {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = 0;
    if (controller && timeoutMs) {
      init.signal = controller.signal;
      timer = setTimeout(function () { controller.abort(); }, timeoutMs);
    }
    var sentAt = Date.now();
    return fetch(url, init).then(function (res) {
      clearTimeout(timer);
      noteServerClock(res.headers.get('Date'), sentAt, Date.now());
      return readBody(res).then(function (data) {
        if (res.ok) return data;
        throw new ApiError(res.status, data, parseRetryAfter(res.headers.get('Retry-After')));
      });
    }, function () {
      clearTimeout(timer);
      throw new ApiError(0, null, 0); // offline, DNS, reset, or our own timeout
    });
  }

  /**
   * The server's clock minus this device's, in ms, from the Date header of the latest answer (whole seconds,
   * so taken as the middle of its second, at the middle of the request): countdowns to a closing time run on
   * the server's time, not on a phone whose clock may be minutes off (js/countdown.js).
   */
  App.serverClockOffset = 0;
  function noteServerClock(header, sentAt, receivedAt) {
    var at = header ? Date.parse(header) : NaN;
    if (!isNaN(at)) App.serverClockOffset = at + 500 - (sentAt + receivedAt) / 2;
  }

  function retryable(err) {
    return err.isNetwork || err.status === 408 || err.status === 502 || err.status === 503 || err.status === 504;
  }

  /**
   * App.api(method, url, body?, opts?) → parsed JSON (null for 204); throws ApiError.
   * opts.retries: how many times to retry network failures and 502/503/504 (GET defaults to 4,
   * other methods to 0 because they are not idempotent); Infinity keeps trying.
   */
  App.api = async function (method, url, body, opts) {
    opts = opts || {};
    var retries = opts.retries !== undefined ? opts.retries : (method === 'GET' ? 4 : 0);
    var timeoutMs = opts.timeoutMs || (method === 'GET' ? 15000 : 60000);
    for (var attempt = 0; ; attempt++) {
      try {
        var data = await once(method, url, body, timeoutMs);
        if (attempt > 0) netStatus(0);
        return data;
      } catch (err) {
        if (!(err instanceof ApiError) || !retryable(err) || attempt >= retries) {
          if (attempt > 0) netStatus(0);
          throw err;
        }
        netStatus(attempt + 1);
        // Exponential back-off with jitter, capped, so a hall full of phones does not retry in lockstep.
        var delay = Math.min(15000, 1000 * Math.pow(2, attempt)) * (0.75 + Math.random() * 0.5);
        await sleep(delay);
      }
    }
  };

  App.get = function (url, opts) { return App.api('GET', url, null, opts); };
  App.post = function (url, body, opts) { return App.api('POST', url, body, opts); };
  App.put = function (url, body, opts) { return App.api('PUT', url, body, opts); };
  App.del = function (url, opts) { return App.api('DELETE', url, null, opts); };

  /** Disables a button while an async action runs, showing a busy label; returns the action's result. */
  App.busy = async function (button, busyKey, action) {
    var label = button.textContent;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    if (busyKey) button.textContent = t(busyKey);
    try {
      return await action();
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      // Re-read the label in case the language changed while we were busy.
      var key = button.getAttribute('data-i18n');
      button.textContent = key ? t(key) : label;
    }
  };

  // ---------- page start-up: language toggle + banner ----------

  function initChrome() {
    var toggle = App.$('#lang-toggle');
    if (toggle) {
      var sync = function () {
        toggle.setAttribute('data-lang', I18n.lang());
        toggle.setAttribute('aria-label', t('lang.label'));
      };
      toggle.addEventListener('click', function () { I18n.setLang(I18n.lang() === 'zh' ? 'en' : 'zh'); sync(); });
      sync();
    }
    var box = App.$('#error');
    if (box) {
      var close = App.$('.error-close', box);
      if (close) close.addEventListener('click', App.clearError);
    }
    var net = App.$('#net-status');
    if (net) {
      var retry = App.$('.net-retry', net);
      if (retry) retry.addEventListener('click', App.retryNow);
    }
    I18n.apply();
  }

  // ---- scripts a page needs, but not for its first view ----
  // A page lists them as <script type="text/x-later" src="…"> (the browser fetches no script of an unknown type),
  // so on a slow phone network the ballot's own scripts get all the bandwidth. App.later() loads them, in order,
  // once: the live connection asks for it when it first subscribes, and the page's load event at the latest.
  var later = null;
  App.later = function () {
    if (later) return later;
    var tags = Array.prototype.slice.call(document.querySelectorAll('script[type="text/x-later"][src]'));
    later = Promise.all(tags.map(function (tag) {
      return new Promise(function (resolve) {
        var s = document.createElement('script');
        s.src = tag.getAttribute('src');
        s.async = false; // run in the order listed, like ordinary script tags
        s.onload = function () {
          // signalr.min.js declares a global `var t`; every page script means i18n's t(). Runs before the next script.
          if (w.I18n && w.t !== I18n.t) w.t = I18n.t;
          resolve();
        };
        s.onerror = resolve; // whoever needed it reports what is missing (e.g. live.js: error.noSignalR)
        document.body.appendChild(s);
      });
    }));
    return later;
  };
  w.addEventListener('load', function () { setTimeout(App.later, LATER_GRACE_MS); });

  // Surface programming errors too: a blank page with nothing on screen is the worst outcome in a hall.
  w.addEventListener('unhandledrejection', function (e) { App.showError(e.reason); });

  initChrome();
  w.App = App;
}(window));
