/*
 * The stage final's desk links: one secret link per team (the grants API with role "Team", scope = the contest id,
 * branchId = the team id), shown with its QR code for the team's tablet (desk.html). Links are made for the teams
 * as saved; "new link" revokes the old one. Never opened here: that would sign the organiser out.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var K = ConsoleContest;
  var S = K.stage;

  var grants = null; // [{grant, link}] of this contest's team desks
  var loadedFor = null;

  function savedTeams() { return (S.stage && S.stage.setup && S.stage.setup.teams) || []; }

  function linkOf(teamId) {
    var found = (grants || []).filter(function (e) { return e.grant.branchId === teamId; });
    return found.length ? found[found.length - 1] : null;
  }

  async function load() {
    var id = K.id;
    try {
      var list = await App.get('/api/grants');
      if (id !== K.id) return;
      grants = (list || []).filter(function (e) {
        return e.grant && String(e.grant.role).toLowerCase() === 'team' && e.grant.scope === id;
      });
      loadedFor = id;
      render();
    } catch (err) { C.handle(err); }
  }

  function copy(text, node) {
    var done = function () { App.toast(t('grants.copied')); };
    var manual = function () {
      var range = document.createRange();
      range.selectNodeContents($('.grant-link', node));
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      App.toast(t('grants.copyFailed'));
    };
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) navigator.clipboard.writeText(text).then(done, manual);
    else manual();
  }

  function card(team, entry) {
    var node = el('article', { className: 'grant-card kc-desk', 'data-team-id': team.teamId }, [
      el('div', { className: 'grant-head' }, [
        el('h3', { className: 'grant-name', text: team.name }),
        el('span', { className: 'badge badge-scorer', text: t('kc.deskBadge') })
      ])
    ]);
    if (!entry) {
      node.appendChild(el('p', { className: 'muted', text: t('kc.deskNone') }));
      return node;
    }
    var qr = '/api/qr?text=' + encodeURIComponent(entry.link);
    node.appendChild(el('a', { className: 'grant-qr-link', href: qr, target: '_blank', rel: 'noopener', title: t('grants.qrOpen') },
      el('img', { className: 'grant-qr', src: qr, alt: t('grants.qrAlt', { name: team.name }), width: 160, height: 160 })));
    node.appendChild(el('code', { className: 'grant-link', text: entry.link }));
    node.appendChild(el('div', { className: 'toolbar grant-actions' }, [
      el('button', { type: 'button', className: 'btn btn-small grant-copy', text: t('grants.copy'), onclick: function () { copy(entry.link, node); } }),
      el('button', { type: 'button', className: 'btn btn-small btn-secondary grant-regenerate', text: t('grants.regenerate'), onclick: function () { regenerate(entry, this); } })
    ]));
    return node;
  }

  function render() {
    var box = App.clear($('#kc-desk-list'));
    var teams = savedTeams();
    $('#kc-desk-links').disabled = !teams.length;
    if (!teams.length) { box.appendChild(el('p', { className: 'muted', text: t('kc.deskSaveFirst') })); return; }
    if (grants === null) return;
    teams.forEach(function (team) { box.appendChild(card(team, linkOf(team.teamId))); });
  }

  async function regenerate(entry, btn) {
    if (!window.confirm(t('grants.regenerateConfirm', { name: entry.grant.name }))) return;
    try {
      await App.busy(btn, null, function () { return App.post('/api/grants/' + C.enc(entry.grant.grantId) + '/revoke'); });
      App.clearError();
      await load();
    } catch (err) { C.handle(err); load(); }
  }

  $('#kc-desk-links').addEventListener('click', async function () {
    var btn = this;
    var missing = savedTeams().filter(function (team) { return !linkOf(team.teamId); });
    if (!missing.length) { App.toast(t('kc.deskAllMade')); return; }
    try {
      await App.busy(btn, null, async function () {
        for (var i = 0; i < missing.length; i++) {
          await App.post('/api/grants', { role: 'Team', name: missing[i].name, branchId: missing[i].teamId, scope: K.id });
        }
      });
      App.clearError();
      App.toast(t('kc.deskMade', { n: missing.length }));
    } catch (err) { C.handle(err); }
    await load();
  });

  // The stage tab renders after every load or edit; the links follow the saved teams.
  S.onRender = function () {
    if (loadedFor !== K.id) { grants = null; load(); }
    render();
  };

  I18n.onChange(function () { if (C.current === 'contest' && K.tabName === 'stage') render(); });
}());
