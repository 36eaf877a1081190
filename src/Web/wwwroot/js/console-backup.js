/*
 * The overview's backup card: "立即备份" makes an online backup of the embedded store on the server
 * (POST /api/operations/backups), shows what it holds and whether every hash chain verifies, and lists the
 * backups kept in the data directory with download links. A cluster answers 409 with pg_dump advice, shown in
 * the card instead of the button. See docs/operations/backup.md.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var loaded = false;

  function size(bytes) {
    return bytes < 1024 * 1024 ? (bytes / 1024).toFixed(1) + ' KB' : (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleString();
  }

  function link(name) {
    return el('a', { href: '/api/operations/backups/' + C.enc(name), download: name, text: t('backup.download') });
  }

  function renderList(items) {
    var tbody = App.clear($('#backup-table tbody'));
    if (!items.length) {
      tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 4, text: t('backup.none') })));
      return;
    }
    items.forEach(function (b) {
      tbody.appendChild(el('tr', {}, [
        el('td', { text: b.name }),
        el('td', { className: 'num', text: size(b.bytes) }),
        el('td', { text: when(b.createdAt) }),
        el('td', {}, link(b.name))
      ]));
    });
  }

  function renderMade(made) {
    var c = made.contents;
    var box = App.clear($('#backup-result'));
    box.appendChild(el('h3', { text: t('backup.done', { name: made.name, size: size(made.bytes) }) }));
    box.appendChild(el('p', { text: t('backup.counts', {
      events: c.events, rounds: c.votingRounds, ballots: c.ballots, scores: c.scores,
      tournaments: c.tournaments, matches: c.matches, rallies: c.rallies, contests: c.contests, answers: c.answers
    }) }));
    var broken = c.broken && c.broken[0];
    box.appendChild(el('p', {
      className: broken ? 'error-text' : '',
      text: broken ? t('backup.broken', { stream: broken.stream, seq: broken.firstBrokenSeq }) : t('backup.verified', { streams: c.ledgerStreams })
    }));
    box.appendChild(el('p', {}, link(made.name)));
    box.hidden = false;
  }

  // A cluster has no backups here: the card says to use pg_dump instead of offering a button that cannot work.
  function showUnavailable(err) {
    $('#backup-now').hidden = true;
    $('#backup-hint').textContent = App.errorMessage(err);
  }

  async function load() {
    try {
      renderList(await App.get('/api/operations/backups'));
    } catch (err) {
      if (err.status === 409) showUnavailable(err); else C.handle(err);
    }
  }

  $('#backup-now').addEventListener('click', async function () {
    try {
      var made = await App.busy($('#backup-now'), 'backup.working', function () {
        // A large store takes a while to copy and check: wait longer than an ordinary request.
        return App.post('/api/operations/backups', null, { timeoutMs: 300000 });
      });
      renderMade(made);
      await load();
    } catch (err) {
      if (err.status === 409) showUnavailable(err); else C.handle(err);
    }
  });

  // The first time the organiser's data arrives (signed in), list the backups.
  C.onOrg(function () {
    if (loaded) return;
    loaded = true;
    load();
  });
})();
