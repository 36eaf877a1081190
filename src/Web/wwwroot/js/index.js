/*
 * Landing page. Everything it needs (language toggle, translated text, error banner) is done by
 * i18n.js and common.js; this file is the page's own hook for anything landing-specific later.
 */
(function () {
  'use strict';
  // The screen link opens the default hall screen; other screens are reached as screen.html?id=NAME.
}());
