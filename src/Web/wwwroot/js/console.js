/*
 * Organiser console shell: sign-in, hash routing between views, the shared org snapshot and its live feed.
 * Views live in console-*.js and register with ConsoleApp.view(name, {show(arg)}).
 * Routes: #overview, #branch/ID, #import, #new-branch, #screen, #grants.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var C = {
    me: null,
    org: null,       // latest /api/org shape, from HTTP or the live "org" topic
    views: {},
    current: null    // name of the visible view
  };
  var orgListeners = [];
  var liveStarted = false;

  C.view = function (name, def) { C.views[name] = def; };
  C.onOrg = function (fn) { orgListeners.push(fn); };
  C.enc = encodeURIComponent;

  /** Every view reports failures here: a 401 means the session ended, so ask to sign in again. */
  C.handle = function (err) {
    if (err && err.status === 401) { showLogin(t('login.expired')); return; }
    App.showError(err);
  };

  C.setOrg = function (org) {
    if (!org) return;
    // HTTP replies and live pushes race; never let an older revision overwrite a newer one.
    if (C.org && typeof org.revision === 'number' && typeof C.org.revision === 'number' && org.revision < C.org.revision) return;
    C.org = org;
    fillDistrictList(org);
    orgListeners.slice().forEach(function (fn) { fn(org); });
  };

  C.refreshOrg = async function () {
    try { C.setOrg(await App.get('/api/org')); } catch (err) { C.handle(err); }
  };

  C.branchById = function (id) {
    var list = (C.org && C.org.branches) || [];
    for (var i = 0; i < list.length; i++) if (String(list[i].branchId) === String(id)) return list[i];
    return null;
  };

  function fillDistrictList(org) {
    var list = App.clear($('#district-list'));
    (org.districts || []).forEach(function (d) { list.appendChild(App.el('option', { value: d.name })); });
  }

  // ---------- routing ----------

  function route() {
    if (!C.me) return;
    var hash = w.location.hash.replace(/^#/, '') || 'overview';
    var slash = hash.indexOf('/');
    var name = slash >= 0 ? hash.slice(0, slash) : hash;
    var arg = slash >= 0 ? decodeURIComponent(hash.slice(slash + 1)) : '';
    if (!C.views[name]) name = 'overview';
    Object.keys(C.views).forEach(function (v) { $('#view-' + v).hidden = v !== name; });
    Array.prototype.forEach.call(document.querySelectorAll('[data-nav]'), function (a) {
      if (a.getAttribute('data-nav') === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    if (C.current !== name) App.clearError(); // an old error from another view would only confuse
    C.current = name;
    C.views[name].show(arg);
  }
  w.addEventListener('hashchange', route);

  // ---------- sign-in ----------

  function showLogin(message) {
    C.me = null;
    $('#console-loading').hidden = true;
    $('#console-nav').hidden = true;
    $('#logout').hidden = true;
    $('#console-live').hidden = true;
    $('#console-user').textContent = '';
    Object.keys(C.views).forEach(function (v) { $('#view-' + v).hidden = true; });
    $('#login-view').hidden = false;
    if (message) App.showError(message);
    $('#login-user').focus();
  }

  function enter(me) {
    C.me = me;
    $('#console-loading').hidden = true;
    $('#login-view').hidden = true;
    $('#console-nav').hidden = false;
    $('#logout').hidden = false;
    $('#console-live').hidden = false;
    $('#console-user').textContent = me.name || me.userName || '';
    App.clearError();
    C.refreshOrg();
    if (!liveStarted) {
      // Subscribe only once signed in: the hub checks the cookie when the connection is made.
      liveStarted = true;
      Live.onError(function (err, kind) {
        if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
      });
      Live.subscribe('org', C.setOrg);
    }
    route();
  }

  $('#login-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var user = $('#login-user').value.trim();
    var password = $('#login-password').value;
    if (!user || !password) { e.target.reportValidity(); return; }
    try {
      var me = await App.busy($('#login-submit'), 'login.submitting', function () {
        return App.post('/api/auth/login', { userName: user, password: password });
      });
      $('#login-password').value = '';
      if (!me || me.role !== 'organiser') { App.showError(t('login.wrongRole')); return; }
      enter(me);
    } catch (err) {
      App.showError(err);
      $('#login-password').select();
    }
  });

  $('#logout').addEventListener('click', async function () {
    try {
      await App.post('/api/auth/logout');
      // A full reload drops the live connection and every cached roster detail with the session.
      w.location.href = 'console.html';
    } catch (err) {
      App.showError(err);
    }
  });

  async function boot() {
    var me = null;
    try {
      me = await App.get('/api/auth/me');
    } catch (err) {
      if (err.status !== 401) App.showError(err);
    }
    if (me && me.role === 'organiser') enter(me);
    else showLogin(me ? t('login.wrongRole') : null);
  }

  w.ConsoleApp = C;
  // Scripts sit at the end of <body>: this runs after every console-*.js has registered its view.
  document.addEventListener('DOMContentLoaded', boot);
}(window));
