/*
 * Sign-in shared by the judge and scorer pages. Judges and scorers never type anything: they arrive by
 * the personal link the organiser gave them (page.html#t=TOKEN). With a token we POST /api/auth/link and
 * take the token out of the address bar at once; without one we look for an existing session
 * (GET /api/auth/me). Anything else shows "open the link you were given".
 *
 * GrantAccess.start({ role: 'judge'|'scorer', render: function (me) {} }) — render fills the page's own
 * part of the profile; it is called again when the language changes.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var ROLES = { judge: 'judge.html', scorer: 'scorer.html', team: 'desk.html' };

  var opts = null;
  var me = null;            // {role, name, branchId} once signed in
  var pendingToken = null;  // kept in memory (not in the URL) so "Try again" works after a 429 or network failure
  var retryTimer = 0;

  function show(view) {
    $('#grant-loading').hidden = view !== 'loading';
    $('#grant-need-link').hidden = view !== 'need-link';
    $('#grant-profile').hidden = view !== 'profile';
  }

  function renderProfile() {
    var name = me.name || '';
    $('#grant-avatar').textContent = name.charAt(0);
    $('#grant-welcome').textContent = t('grant.welcome', { name: name });
    opts.render(me);
  }

  function enter(profile) {
    me = profile;
    pendingToken = null;
    $('#grant-signed-out').hidden = true;
    renderProfile();
    show('profile');
  }

  /** A scorer link opened on the judge page (or the reverse): the session is right, the page is not. */
  function otherPage(profile) {
    var role = profile && profile.role;
    return role && role !== opts.role && Object.prototype.hasOwnProperty.call(ROLES, role) ? ROLES[role] : null;
  }

  function needLink(canRetry, waitSeconds) {
    me = null;
    var retry = $('#grant-retry');
    retry.hidden = !canRetry;
    clearTimeout(retryTimer);
    retry.disabled = waitSeconds > 0;
    if (waitSeconds > 0) retryTimer = setTimeout(function () { retry.disabled = false; }, waitSeconds * 1000);
    show('need-link');
  }

  function tokenFromHash() {
    var m = /[#&]t=([^&]+)/.exec(w.location.hash);
    if (!m) return null;
    // The token is the person's key: do not leave it in the address bar, the history or a screenshot.
    if (w.history && history.replaceState) history.replaceState(null, '', w.location.pathname + w.location.search);
    try { return decodeURIComponent(m[1]); } catch (e) { return m[1]; }
  }

  async function session(retries) {
    try {
      var profile = await App.get('/api/auth/me', { retries: retries });
      if (profile && profile.role === opts.role) return profile;
      var page = otherPage(profile);
      if (page) { w.location.replace(page); return 'redirect'; }
    } catch (err) {
      if (err.status !== 401) App.showError(err);
    }
    return null;
  }

  async function signIn(token) {
    pendingToken = token;
    show('loading');
    App.clearError();
    try {
      // Signing in twice with the same link is harmless, so network failures are retried.
      var profile = await App.post('/api/auth/link', { token: token }, { retries: 5 });
      var page = otherPage(profile);
      if (page) { w.location.replace(page); return; }
      enter(profile);
    } catch (err) {
      App.showError(err);
      if (err.status === 429) { needLink(true, err.retryAfter || 30); return; }
      if (err.status === 401 || err.status === 400) {
        // A bad or revoked link: no point retrying it. Someone already signed in here may carry on.
        pendingToken = null;
        var existing = await session(2);
        if (existing === 'redirect') return;
        if (existing) { me = existing; renderProfile(); show('profile'); return; }
        needLink(false, 0);
        return;
      }
      needLink(true, 0); // network or server trouble: the same link may work in a moment
    }
  }

  async function boot() {
    var token = tokenFromHash();
    if (token) { await signIn(token); return; }
    show('loading');
    var profile = await session(Infinity);
    if (profile === 'redirect') return;
    if (profile) enter(profile);
    else needLink(false, 0);
  }

  function wire() {
    $('#grant-retry').addEventListener('click', function () {
      if (pendingToken) signIn(pendingToken);
      else boot();
    });

    $('#grant-logout').addEventListener('click', async function () {
      // On a shared tablet a stray tap would lock the scorer out until the organiser resends the link.
      if (!w.confirm(t('grant.logoutConfirm'))) return;
      var btn = this;
      try {
        await App.busy(btn, null, function () { return App.post('/api/auth/logout', null, { retries: 3 }); });
        App.clearError();
        needLink(false, 0);
        $('#grant-signed-out').hidden = false;
      } catch (err) {
        App.showError(err);
      }
    });

    // Opening another link while the page is open only changes the hash.
    w.addEventListener('hashchange', function () {
      var token = tokenFromHash();
      if (token) signIn(token);
    });

    I18n.onChange(function () { if (me) renderProfile(); });
  }

  w.GrantAccess = {
    start: function (options) {
      opts = options;
      wire();
      boot();
    },
    profile: function () { return me; }
  };
}(window));
