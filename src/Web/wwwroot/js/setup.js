/*
 * First organiser setup (setup.html?token=...): creates the account, then opens the console signed in.
 * Password rules are checked here for quick feedback; the server checks them again.
 */
(function () {
  'use strict';

  var $ = App.$;
  var token = App.param('token');
  var MIN_PASSWORD = 10;

  if (!token) {
    App.showError(t('setup.noToken'));
    $('#setup-submit').disabled = true;
  }

  $('#setup-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var user = $('#setup-user').value.trim();
    var display = $('#setup-display').value.trim();
    var password = $('#setup-password').value;
    if (!token) { App.showError(t('setup.noToken')); return; }
    if (!user) { $('#setup-user').focus(); $('#setup-user').reportValidity(); return; }
    if (!display) { $('#setup-display').focus(); $('#setup-display').reportValidity(); return; }
    if (password.length < MIN_PASSWORD) { App.showError(t('setup.tooShort')); $('#setup-password').focus(); return; }
    if (password !== $('#setup-confirm').value) { App.showError(t('setup.mismatch')); $('#setup-confirm').focus(); return; }
    App.clearError();
    try {
      await App.busy($('#setup-submit'), null, function () {
        return App.post('/api/auth/setup', { token: token, userName: user, displayName: display, password: password });
      });
      App.toast(t('setup.done'));
      // replace(): the token link should not stay in the back-button history.
      window.location.replace('console.html');
    } catch (err) {
      App.showError(err);
    }
  });
}());
