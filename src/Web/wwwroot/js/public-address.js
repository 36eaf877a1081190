/*
 * The warning before anything is printed: member-code sheets, QR codes and judge/scorer links start with the
 * address the server reports (GET /api/public-address). When that is this computer only (localhost,
 * 127.0.0.1), phones cannot open them: every .public-address-warning box on the page says so and offers the
 * LAN addresses the server sees, or how to set Engagement:PublicUrl. Pages call refresh() when they show one.
 */
(function (w) {
  'use strict';

  var el = App.el;
  var status = null; // {origin, configured, loopback, lanOrigins}

  /** The same page (path and hash) on another origin: the organiser signs in there again. */
  function samePageOn(origin) {
    return origin + w.location.pathname + w.location.search + w.location.hash;
  }

  function fill(box) {
    App.clear(box);
    var show = !!(status && status.loopback);
    box.hidden = !show;
    if (!show) return;
    var lan = status.lanOrigins || [];
    var example = lan.length ? lan[0] : 'http://192.168.1.20:5000';
    box.appendChild(el('p', { className: 'public-address-title', text: t('address.title', { origin: status.origin }) }));
    box.appendChild(el('p', { text: t(status.configured ? 'address.whyConfigured' : 'address.why') }));
    var steps = el('ol', { className: 'public-address-steps' });
    if (lan.length && !status.configured) {
      steps.appendChild(el('li', null, [
        el('span', { text: t('address.useLan') + ' ' }),
        el('span', { className: 'public-address-lan' }, lan.map(function (origin) {
          return el('a', { href: samePageOn(origin), text: origin });
        })),
        el('span', { className: 'muted', text: ' ' + t('address.signInAgain') })
      ]));
    }
    steps.appendChild(el('li', null, [
      el('span', { text: t('address.setPublicUrl') + ' ' }),
      el('code', { className: 'public-address-setting', text: 'Engagement__PublicUrl=' + example }),
      el('span', { className: 'muted', text: ' ' + t('address.setPublicUrlHint', { example: example }) })
    ]));
    box.appendChild(steps);
  }

  function render() {
    Array.prototype.forEach.call(document.querySelectorAll('.public-address-warning'), fill);
  }

  async function refresh() {
    try {
      status = await App.get('/api/public-address');
    } catch (err) {
      status = null; // not signed in, or an older server: no warning rather than a wrong one
    }
    render();
  }

  I18n.onChange(render);
  w.PublicAddressWarning = { refresh: refresh };
}(window));
