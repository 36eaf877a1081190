/*
 * Printable A4 sheet of personal member codes for one branch (codes.html?branch=ID).
 * Each card: name, member number, branch, the code, and a QR of the member's sign-in link.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var branchId = App.param('branch');
  var data = null;

  function absolute(link) {
    // The QR must work from a phone, so a relative link is anchored to this site.
    if (/^https?:\/\//i.test(link)) return link;
    return window.location.origin + (link.charAt(0) === '/' ? '' : '/') + link;
  }

  function message(text, isError) {
    var p = $('#codes-message');
    p.removeAttribute('data-i18n'); // from now on the text is ours, not the static "loading"
    p.textContent = text;
    p.hidden = !text;
    if (isError) App.showError(text);
  }

  function card(c, branchName) {
    var link = absolute(c.link || '');
    return el('div', { className: 'code-card', 'data-member-no': c.memberNo }, [
      el('div', { className: 'c-name', text: c.name }),
      el('div', { className: 'c-meta', text: t('col.memberNo') + '：' + c.memberNo }),
      el('div', { className: 'c-meta', text: branchName }),
      el('img', { className: 'c-qr', src: '/api/qr?text=' + encodeURIComponent(link), alt: 'QR ' + c.memberNo, width: 160, height: 160 }),
      el('div', { className: 'c-code', text: c.code }),
      el('div', { className: 'c-note', text: t('codes.note') }),
      el('div', { className: 'c-hint', text: t('codes.scanHint') }),
      el('div', { className: 'c-link', text: link })
    ]);
  }

  function render() {
    if (!data) return;
    var name = data.branch.name;
    $('#codes-title').removeAttribute('data-i18n');
    $('#codes-title').textContent = t('codes.heading', { branch: name });
    document.title = t('codes.heading', { branch: name }); // also the default PDF file name
    $('#codes-count').textContent = t('codes.count', { count: data.codes.length });
    var box = App.clear($('#codes-cards'));
    data.codes.forEach(function (c) { box.appendChild(card(c, name)); });
    message(data.codes.length ? '' : t('codes.empty'));
    $('#codes-print').disabled = !data.codes.length;
  }

  async function load() {
    if (!branchId) { message(t('codes.missingBranch'), true); return; }
    try {
      data = await App.get('/api/org/branches/' + encodeURIComponent(branchId) + '/codes');
      render();
    } catch (err) {
      message(err.status === 401 || err.status === 403 ? t('codes.loginNeeded') : App.errorMessage(err), true);
    }
  }

  // Print only once every QR has arrived; otherwise a fast click prints empty boxes.
  function imagesReady() {
    var imgs = Array.prototype.slice.call(document.querySelectorAll('#codes-cards img'));
    return Promise.all(imgs.map(function (img) {
      if (img.complete) return null;
      return new Promise(function (resolve) { img.onload = img.onerror = resolve; });
    }));
  }

  $('#codes-print').addEventListener('click', function () {
    var btn = this;
    btn.disabled = true;
    imagesReady().then(function () { btn.disabled = false; window.print(); });
  });
  $('#codes-columns').addEventListener('change', function () {
    $('#sheet').className = 'sheet' + (this.value === '2' ? ' cols-2' : '');
  });
  I18n.onChange(render);

  load();
  PublicAddressWarning.refresh();
}());
