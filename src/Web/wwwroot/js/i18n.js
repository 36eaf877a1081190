/*
 * The front-end's strings, keyed, in Simplified Chinese (default) and English. This file holds the engine and the
 * strings several pages share; each page's own strings are in js/strings/<page>.js, loaded right after this file,
 * so a phone downloads only what its page shows.
 * Markup uses data-i18n="key" (text), data-i18n-placeholder, data-i18n-title and data-i18n-aria-label;
 * scripts use t('key', {param: value}) where the text contains {param}.
 * Server messages (problem "detail") are already localised by the server and are shown as they are.
 */
(function (w) {
  'use strict';

  var STRINGS = {
    // ---- shared by several pages ----
    'app.name': { zh: 'Engagement 党建活动互动平台', en: 'Engagement — Party Activity Platform' },
    'app.short': { zh: 'Engagement 党建互动', en: 'Engagement' },
    'lang.label': { zh: '切换语言 / Switch language', en: 'Switch language / 切换语言' },
    'error.network': { zh: '网络连接异常，请检查网络后重试', en: 'Network problem. Please check your connection and try again.' },
    'error.retrying': { zh: '网络异常，正在重试…（第 {n} 次）', en: 'Network problem, retrying… (attempt {n})' },
    'error.retryNow': { zh: '立即重试', en: 'Retry now' },
    'error.tooMany': { zh: '尝试过于频繁，请 {seconds} 秒后再试', en: 'Too many attempts. Please try again in {seconds} seconds.' },
    'error.tooManyLater': { zh: '尝试过于频繁，请稍后再试', en: 'Too many attempts. Please try again later.' },
    'error.http': { zh: '请求失败（{status}）', en: 'Request failed ({status})' },
    'error.close': { zh: '关闭', en: 'Dismiss' },
    'error.liveFailed': { zh: '实时连接失败：{message}', en: 'Live connection failed: {message}' },
    'error.noSignalR': { zh: '实时组件未能加载，请刷新页面', en: 'The live component failed to load. Please reload the page.' },
    'common.loading': { zh: '加载中…', en: 'Loading…' },
    'common.cancel': { zh: '取消', en: 'Cancel' },
    'live.connected': { zh: '实时连接正常', en: 'Live: connected' },
    'live.reconnecting': { zh: '正在重新连接…', en: 'Live: reconnecting…' },
    'live.disconnected': { zh: '未连接', en: 'Live: not connected' },
    'live.topic.unknown': { zh: '无法订阅实时内容：主题不存在或无权访问', en: 'Cannot follow live updates: unknown topic or not allowed' },
    'live.topic.too-many': { zh: '本页面订阅的实时内容过多，请刷新页面', en: 'This page follows too many live topics. Please reload it.' },

    // ---- console: branch detail ----
    'col.memberNo': { zh: '党员编号', en: 'Member No.' },

    // --- console: selection ---
    'case.colTitle': { zh: '案例名称', en: 'Case' },
    'case.colBranch': { zh: '党支部', en: 'Branch' },
    'stage.replaced': { zh: '（回避，以其余评委平均分代替）', en: '(recused: mean of the others)' },

    // ---- codes sheet ----
    'codes.back': { zh: '返回控制台', en: 'Back to console' }
  };

  var STORAGE_KEY = 'engagement.lang';
  var listeners = [];

  function readStored() {
    // localStorage throws in some private modes and sandboxed WebViews; fall back to the default.
    try { return w.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function initialLang() {
    var m = /[?&]lang=(zh|en)\b/.exec(w.location.search);
    if (m) return m[1];
    return readStored() === 'en' ? 'en' : 'zh';
  }

  var current = initialLang();

  function t(key, params) {
    var entry = STRINGS[key];
    var text = entry ? (entry[current] || entry.zh) : key; // a missing key shows itself, so it is noticed
    if (params) {
      text = text.replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all;
      });
    }
    return text;
  }

  function eachEl(root, selector, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  /** Fills every data-i18n* element under root (default: the whole document). */
  function apply(root) {
    eachEl(root, '[data-i18n]', function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    eachEl(root, '[data-i18n-placeholder]', function (el) { el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder'))); });
    eachEl(root, '[data-i18n-title]', function (el) { el.setAttribute('title', t(el.getAttribute('data-i18n-title'))); });
    eachEl(root, '[data-i18n-aria-label]', function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria-label'))); });
    document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  }

  function setLang(lang) {
    current = lang === 'en' ? 'en' : 'zh';
    try { w.localStorage.setItem(STORAGE_KEY, current); } catch (e) { /* not persisted; still switch */ }
    apply();
    listeners.slice().forEach(function (fn) { fn(current); });
  }

  /** Adds a page's strings (js/strings/*.js); a key defined twice is a mistake, so it is reported. */
  function add(strings) {
    Object.keys(strings).forEach(function (key) {
      if (Object.prototype.hasOwnProperty.call(STRINGS, key) && w.console) w.console.warn('i18n: key defined twice: ' + key);
      STRINGS[key] = strings[key];
    });
  }

  w.I18n = {
    t: t,
    add: add,
    apply: apply,
    lang: function () { return current; },
    setLang: setLang,
    /** Pages re-render their script-built text here. */
    onChange: function (fn) { listeners.push(fn); },
    has: function (key) { return Object.prototype.hasOwnProperty.call(STRINGS, key); },
    keys: function () { return Object.keys(STRINGS); }
  };
  w.t = t;
}(window));
