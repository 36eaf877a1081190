/*
 * Member page: sign in with a personal code (from the QR link's #c=CODE or typed), then show who you are.
 * Built for phones on a crowded hall Wi-Fi: GETs retry with back-off (common.js shows #net-status).
 */
(function () {
  'use strict';

  var $ = App.$;
  var form = $('#member-form');
  var input = $('#member-code');
  var submitBtn = $('#member-submit');
  var profile = null; // last profile shown, re-rendered when the language changes

  // Crockford base32: no I, L, O, U. Readers confuse them, so map the look-alikes as the spec says.
  function normalise(raw) {
    return String(raw || '').toUpperCase().replace(/[\s\-_.·—]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  }
  function isValid(code) { return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code); }
  function pretty(code) { return code.slice(0, 4) + '-' + code.slice(4, 8) + '-' + code.slice(8); }

  function show(view) {
    $('#member-loading').hidden = view !== 'loading';
    $('#member-login').hidden = view !== 'login';
    $('#member-profile').hidden = view !== 'profile';
  }

  function renderProfile(p) {
    profile = p;
    var name = p.name || '';
    $('#member-avatar').textContent = name.charAt(0);
    $('#member-welcome').textContent = t('member.welcome', { name: name });
    $('#member-no').textContent = p.memberNo || '—';
    $('#member-branch').textContent = p.branchName || '—';
    $('#member-district').textContent = p.district || '—';
    show('profile');
  }

  function codeFromHash() {
    var m = /[#&]c=([^&]+)/.exec(window.location.hash);
    if (!m) return null;
    // Drop the code from the address bar so it is not left in history or in a shared screenshot.
    if (window.history && history.replaceState) history.replaceState(null, '', window.location.pathname + window.location.search);
    return decodeURIComponent(m[1]);
  }

  var cooldownTimer = 0;
  function cooldown(seconds) {
    // After a 429 the button stays disabled until the server would accept another try.
    clearTimeout(cooldownTimer);
    submitBtn.disabled = true;
    cooldownTimer = setTimeout(function () { submitBtn.disabled = false; }, seconds * 1000);
  }

  async function signIn(raw) {
    var code = normalise(raw);
    show('login');
    if (!isValid(code)) {
      App.showError(t('member.codeInvalid'));
      input.focus();
      return;
    }
    input.value = pretty(code);
    App.clearError();
    try {
      // Signing in twice is harmless, so network failures are retried like a GET.
      var me = await App.busy(submitBtn, 'member.submitting', function () {
        return App.post('/api/auth/member', { code: pretty(code) }, { retries: 5 });
      });
      renderProfile(me);
    } catch (err) {
      App.showError(err);
      if (err.status === 429) cooldown(err.retryAfter || 30);
      input.focus();
      input.select();
    }
  }

  async function start() {
    var code = codeFromHash();
    if (code) { await signIn(code); return; }
    show('loading');
    try {
      var me = await App.get('/api/auth/me', { retries: Infinity });
      if (me && me.role === 'member') { renderProfile(me); return; }
    } catch (err) {
      if (err.status !== 401) App.showError(err);
    }
    show('login');
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!submitBtn.disabled) signIn(input.value);
  });

  input.addEventListener('blur', function () {
    // Tidy the code once typing is done; doing it on every keystroke would fight the caret.
    var code = normalise(input.value);
    if (isValid(code)) input.value = pretty(code);
  });

  $('#member-logout').addEventListener('click', async function () {
    var btn = this;
    try {
      await App.busy(btn, null, function () { return App.post('/api/auth/logout', null, { retries: 3 }); });
      profile = null;
      input.value = '';
      App.clearError();
      show('login');
      App.toast(t('member.loggedOut'));
    } catch (err) {
      App.showError(err);
    }
  });

  // Scanning a second code while the page is open only changes the hash.
  window.addEventListener('hashchange', function () {
    var code = codeFromHash();
    if (code) signIn(code);
  });

  I18n.onChange(function () { if (profile) renderProfile(profile); });

  start();
}());
