/*
 * Judge page (tablet first). Sign-in by the judge's personal link is done by grant-access.js; this page
 * shows who is signed in and, until a judging session opens, a "waiting" card.
 */
(function () {
  'use strict';

  var $ = App.$;

  GrantAccess.start({
    role: 'judge',
    render: function (me) {
      $('#grant-role-line').textContent = t('grant.roleJudge');
      $('#grant-waiting-title').textContent = t('judge.waiting');
    }
  });
}());
