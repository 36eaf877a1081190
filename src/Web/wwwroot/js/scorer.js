/*
 * Scorer page (tablet first, one per court). Sign-in by the court's link is done by grant-access.js;
 * the grant's name is the court's name (e.g. 1号场地). Until a match starts it shows a "waiting" card.
 */
(function () {
  'use strict';

  var $ = App.$;

  GrantAccess.start({
    role: 'scorer',
    render: function (me) {
      $('#grant-role-line').textContent = t('grant.roleScorer') + ' · ' + (me.name || '');
      $('#grant-waiting-title').textContent = t('scorer.waiting', { court: me.name || '' });
    }
  });
}());
