/*
 * Landing page. The shared chrome (language toggle, banner) is wired by common.js;
 * this only keeps the document title in step with the language.
 */
(function () {
  'use strict';
  function title() { document.title = t('app.name'); }
  I18n.onChange(title);
  title();
}());
