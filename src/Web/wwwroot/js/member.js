/*
 * Member page: sign in with a personal code (from the QR link's #c=CODE or typed), then show who you are
 * and the rounds you can vote in (GET /api/member/rounds), each as a .vote-round[data-round-id] card.
 * Built for phones on a crowded hall Wi-Fi: GETs retry with back-off (common.js shows #net-status), and a
 * ballot is saved on the phone before it is sent and re-sent with the same ballot id until the server has
 * answered, so a dropped connection can neither lose a vote nor count it twice.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var form = $('#member-form');
  var input = $('#member-code');
  var submitBtn = $('#member-submit');
  var profile = null; // last profile shown, re-rendered when the language changes

  // Crockford base32: no I, L, O, U. Readers confuse them, so map the look-alikes as the spec says.
  function normalise(raw) {
    return String(raw || '').toUpperCase().replace(/[\s\-_.·—]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  }
  function isValid(code) { return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code); }
  function pretty(code) { return code.slice(0, 4) + '-' + code.slice(4, 8) + '-' + code.slice(8); }

  function show(view) {
    $('#member-loading').hidden = view !== 'loading';
    $('#member-login').hidden = view !== 'login';
    $('#member-profile').hidden = view !== 'profile';
  }

  function renderProfile(p) {
    profile = p;
    var name = p.name || '';
    $('#member-avatar').textContent = name.charAt(0);
    $('#member-welcome').textContent = t('member.welcome', { name: name });
    $('#member-no').textContent = p.memberNo || '—';
    $('#member-branch').textContent = p.branchName || '—';
    $('#member-district').textContent = p.district || '—';
    show('profile');
  }

  /** Signed in (by code or existing session): show the profile, then the rounds. */
  function enter(p) {
    // Sent here to sign in by another member page (quiz.html): back there now.
    var next = nextPage();
    if (next) { window.location.replace(next); return; }
    var changed = !profile || profile.memberNo !== p.memberNo;
    renderProfile(p);
    loadContests();
    if (changed) resetRounds();
    // The sign-in answer carries the rounds: one round trip fewer on a slow network before the ballot shows.
    if (Array.isArray(p.rounds)) applyRounds(p.rounds);
    else loadRounds();
  }

  /** ?next=quiz.html?id=… — only a page of this site, never an address elsewhere. */
  function nextPage() {
    var next = App.param('next');
    return next && /^[a-z][a-z-]*\.html(\?[\w=&%.-]*)?$/.test(next) ? next : null;
  }

  // ---- a knowledge contest running now: a link to its answer page (quiz.html) ----

  function loadContests() {
    App.get('/api/member/contests', { retries: 2 }).then(function (list) {
      var box = App.clear($('#contest-links'));
      var running = (Array.isArray(list) ? list : []).filter(function (v) { return v && v.live && v.live.status === 'Running'; });
      box.hidden = running.length === 0;
      running.forEach(function (v) {
        box.appendChild(el('a', { className: 'card contest-link', href: 'quiz.html?id=' + encodeURIComponent(v.live.contestId) }, [
          el('span', { className: 'contest-link-title', text: v.live.title }),
          el('span', { className: 'contest-link-go', text: t('member.contestGo') })
        ]));
      });
    }, function () { /* the voting page works without it; the link shows on the next visit */ });
  }

  function codeFromHash() {
    var m = /[#&]c=([^&]+)/.exec(window.location.hash);
    if (!m) return null;
    // Drop the code from the address bar so it is not left in history or in a shared screenshot.
    if (window.history && history.replaceState) history.replaceState(null, '', window.location.pathname + window.location.search);
    return decodeURIComponent(m[1]);
  }

  var cooldownTimer = 0;
  function cooldown(seconds) {
    // After a 429 the button stays disabled until the server would accept another try.
    clearTimeout(cooldownTimer);
    submitBtn.disabled = true;
    cooldownTimer = setTimeout(function () { submitBtn.disabled = false; }, seconds * 1000);
  }

  async function signIn(raw) {
    var code = normalise(raw);
    show('login');
    if (!isValid(code)) {
      App.showError(t('member.codeInvalid'));
      input.focus();
      return;
    }
    input.value = pretty(code);
    App.clearError();
    try {
      // Signing in twice is harmless, so network failures are retried like a GET.
      var me = await App.busy(submitBtn, 'member.submitting', function () {
        return App.post('/api/auth/member', { code: pretty(code) }, { retries: 5 });
      });
      enter(me);
    } catch (err) {
      App.showError(err);
      if (err.status === 429) cooldown(err.retryAfter || 30);
      input.focus();
      input.select();
    }
  }

  async function start() {
    var code = codeFromHash();
    if (code) { await signIn(code); return; }
    show('loading');
    try {
      var me = await App.get('/api/auth/me', { retries: Infinity });
      if (me && me.role === 'member') { enter(me); return; }
    } catch (err) {
      if (err.status !== 401) App.showError(err);
    }
    show('login');
  }

  // ======================= voting =======================

  var roundsBox = $('#vote-rounds');
  var rounds = {};      // roundId -> state (see stateFor)
  var order = [];       // round ids in the order the server listed them
  var followed = {};    // round ids whose live topic this page follows (Live has no unsubscribe)
  var loading = null;   // the GET /api/member/rounds in flight, shared by concurrent callers

  function stateFor(roundId) {
    if (!rounds[roundId]) {
      rounds[roundId] = {
        id: roundId,
        data: null,        // MemberRound {round, settings, mine, ownBranchId}
        selected: [],      // case ids ticked on this phone, kept across re-renders
        editing: false,    // changing an earlier ballot (rounds where the last ballot counts)
        sending: false,    // a ballot for this round is on its way (or being retried)
        note: null,        // {key, params, kind} or {text, kind}: the .vote-status line
        checkInput: null,  // what was typed in the receipt check
        check: null        // {key, kind}: the receipt check's answer
      };
    }
    return rounds[roundId];
  }

  function resetRounds() {
    rounds = {};
    order = [];
    App.clear(roundsBox);
    $('#vote-area').hidden = false;
  }

  // ---- what this phone keeps: the ballot being sent, and receipts (a secret round cannot tell them again) ----

  function storeKey(kind, roundId) {
    // Per member: two members sharing a phone must never send each other's ballot.
    return 'engagement.' + kind + '.' + (profile ? profile.memberNo : '') + '.' + roundId;
  }
  function readStore(kind, roundId) {
    try {
      var raw = window.localStorage.getItem(storeKey(kind, roundId));
      return raw ? JSON.parse(raw) : null;
    } catch (e) { return null; } // private mode, a full disk or a garbled entry: behave as if nothing was kept
  }
  function writeStore(kind, roundId, value) {
    try {
      if (value === null) window.localStorage.removeItem(storeKey(kind, roundId));
      else window.localStorage.setItem(storeKey(kind, roundId), JSON.stringify(value));
    } catch (e) { /* not persisted: the ballot is still sent, only a reload could not resend it */ }
  }
  function pendingBallot(roundId) {
    var p = readStore('pendingBallot', roundId);
    return p && p.roundId === roundId && typeof p.ballotId === 'string' && Array.isArray(p.choices) ? p : null;
  }
  function savedReceipt(roundId) {
    var r = readStore('receipt', roundId);
    return r && typeof r.receipt === 'string' ? r.receipt : null;
  }

  /** 32 hex characters from the platform's CSPRNG, made once per ballot and reused for every retry. */
  function newBallotId() {
    var bytes = new Uint8Array(16);
    var c = window.crypto || window.msCrypto;
    if (c && c.getRandomValues) c.getRandomValues(bytes);
    else for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256); // very old WebView only
    var hex = '';
    for (var j = 0; j < bytes.length; j++) hex += (bytes[j] < 16 ? '0' : '') + bytes[j].toString(16);
    return hex;
  }

  // ---- loading and following rounds ----

  function loadRounds() {
    if (loading) return loading;
    loading = (async function () {
      try {
        var list = await App.get('/api/member/rounds', { retries: Infinity });
        applyRounds(Array.isArray(list) ? list : []);
      } catch (err) {
        if (err.status === 401) { signedOut(); return; }
        App.showError(err);
      } finally {
        loading = null;
      }
    }());
    return loading;
  }

  function applyRounds(list) {
    var seen = {};
    order = [];
    // Rounds to vote in come first; closed and published ones (receipt, choices, results) after them, in the server's order.
    list = list.filter(function (item) { return item && item.round; });
    list = list.filter(function (item) { return item.round.status === 'Open'; })
      .concat(list.filter(function (item) { return item.round.status !== 'Open'; }));
    list.forEach(function (item) {
      if (!item || !item.round) return;
      var id = item.round.roundId;
      var rs = stateFor(id);
      rs.data = item;
      seen[id] = true;
      order.push(id);
      follow(id);
    });
    // A round that left the list (deleted, or older than the ended rounds the server lists) keeps its card only while a ballot is in flight.
    Object.keys(rounds).forEach(function (id) {
      if (!seen[id] && !rounds[id].sending) delete rounds[id];
      else if (!seen[id]) order.push(id);
    });
    renderAll();
    resendPending();
  }

  function follow(roundId) {
    if (followed[roundId]) return;
    followed[roundId] = true;
    // The pulse (status and counts, once a second) rather than the big screen's full round: a hall of
    // phones on one Wi-Fi should not each download every branch's turnout ten times a second.
    Live.subscribe('pulse:' + roundId, function (pulse) {
      var rs = rounds[roundId];
      if (!rs || !rs.data || !pulse) return;
      var before = rs.data.round.status;
      var closesBefore = rs.data.round.closesAt || null;
      rs.data.round = Object.assign({}, rs.data.round, pulse);
      var live = rs.data.round;
      if (before === live.status && closesBefore !== (live.closesAt || null)) {
        // The organiser set, moved or removed the closing time.
        renderRound(rs);
      } else if (before !== live.status) {
        if (before === 'Open' && live.status !== 'Open') {
          rs.editing = false;
          if (!rs.sending) rs.note = { key: 'vote.closedNow', kind: 'warn' };
        }
        // Once results are out, "voting has ended" is old news: the published card says it all.
        if (live.status === 'Published' && rs.note && rs.note.key === 'vote.closedNow') rs.note = null;
        renderRound(rs);
        // Published: the member may now check a receipt; the list also refreshes what they see.
        if (live.status === 'Published') loadRounds();
      } else {
        updateTurnout(rs);
      }
    });
  }

  /** Ballots saved but never answered (page closed, phone off, lost connection) go out again, same id. */
  function resendPending() {
    order.forEach(function (id) {
      var rs = rounds[id];
      var p = pendingBallot(id);
      if (!p || rs.sending || !rs.data) return;
      // An open round takes it (or answers "already counted"); a published one tells whether it was counted.
      if (rs.data.round.status === 'Open' || rs.data.round.status === 'Published') {
        rs.note = { key: 'vote.resending', kind: 'warn' };
        sendBallot(rs, p);
      }
    });
  }

  // ---- sending a ballot ----

  var wakers = [];
  function pause(ms) {
    return new Promise(function (resolve) {
      var entry = {};
      entry.done = function () {
        clearTimeout(entry.timer);
        var i = wakers.indexOf(entry);
        if (i >= 0) wakers.splice(i, 1);
        resolve();
      };
      entry.timer = setTimeout(entry.done, ms);
      wakers.push(entry);
    });
  }
  function retryBallotsNow() { wakers.slice().forEach(function (w) { w.done(); }); }
  window.addEventListener('online', retryBallotsNow);

  function transient(err) {
    // Nothing was decided: the ballot id makes sending it again safe, however often.
    return err.isNetwork || err.status === 408 || err.status === 429 || err.status === 502 || err.status === 503 || err.status === 504;
  }

  function submit(rs) {
    var round = rs.data.round;
    var allowed = {};
    round.cases.forEach(function (c) { allowed[c.caseId] = true; });
    // Send in the order the cases are listed, whatever order they were tapped in.
    var choices = round.cases.map(function (c) { return c.caseId; }).filter(function (id) { return rs.selected.indexOf(id) >= 0 && allowed[id]; });
    var entry = { roundId: rs.id, ballotId: newBallotId(), choices: choices, savedAt: new Date().toISOString() };
    writeStore('pendingBallot', rs.id, entry); // before sending: a reload or a crash must find it
    App.clearError();
    rs.note = { key: 'vote.submitting', kind: 'info' };
    sendBallot(rs, entry);
  }

  async function sendBallot(rs, entry) {
    if (rs.sending) return;
    rs.sending = true;
    rs.selected = entry.choices.slice(); // what is being sent is what the locked cards show
    renderRound(rs);
    var url = '/api/member/rounds/' + encodeURIComponent(entry.roundId) + '/ballots';
    var body = { ballotId: entry.ballotId, choices: entry.choices };
    for (var attempt = 1; ; attempt++) {
      try {
        var receipt = await App.post(url, body, { retries: 0, timeoutMs: 20000 });
        accepted(rs, entry, receipt || {});
        break;
      } catch (err) {
        if (transient(err)) {
          var backoff = Math.min(10000, 1000 * Math.pow(2, attempt - 1)) * (0.85 + Math.random() * 0.3);
          var wait = err.retryAfter > 0 ? Math.max(err.retryAfter * 1000, Math.min(backoff, 10000)) : backoff;
          rs.note = { key: 'vote.retrying', params: { n: attempt }, kind: 'warn', retry: true };
          renderNote(rs);
          await pause(wait);
          continue;
        }
        rs.sending = false;
        if (err.status === 401) {
          // The session is gone, not the ballot: it stays saved and goes out once the member signs in again.
          rs.note = null;
          signedOut();
          App.showError(t('vote.sessionExpired'));
          return;
        }
        if (err.status >= 400 && err.status < 500) {
          // Decided by the server (too many, own branch, already voted, round closed): this ballot is finished.
          writeStore('pendingBallot', entry.roundId, null);
          rs.note = { text: App.errorMessage(err), kind: 'error' };
          App.showError(err);
          renderRound(rs);
          loadRounds(); // what the server holds now (e.g. the receipt of an earlier ballot)
          return;
        }
        // An unexpected server error: keep the ballot and offer to send it again (same id).
        rs.note = { text: App.errorMessage(err), kind: 'error', resend: true };
        App.showError(err);
        renderRound(rs);
        return;
      }
    }
  }

  function accepted(rs, entry, receipt) {
    writeStore('receipt', entry.roundId, { receipt: receipt.receipt, at: new Date().toISOString() });
    writeStore('pendingBallot', entry.roundId, null);
    rs.sending = false;
    rs.editing = false;
    rs.selected = [];
    if (rs.data) {
      var secret = rs.data.settings && rs.data.settings.secret;
      rs.data.mine = { hasVoted: true, receipt: receipt.receipt || null, choices: secret ? null : (receipt.choices || entry.choices) };
    }
    rs.note = { key: receipt.replaced ? 'vote.replaced' : 'vote.thanks', kind: 'ok' };
    App.clearError();
    renderRound(rs);
    App.toast(t(receipt.replaced ? 'vote.replaced' : 'vote.thanks'));
    var box = roundsBox.querySelector('.vote-round[data-round-id="' + cssId(rs.id) + '"] .vote-receipt-box');
    if (box && box.scrollIntoView) box.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function signedOut() {
    profile = null;
    resetRounds();
    show('login');
  }

  // ---- receipt check (published rounds) ----

  async function checkReceipt(rs, button) {
    var raw = rs.checkInput || '';
    var compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (compact.length !== 12) {
      rs.check = { key: 'vote.receiptInvalid', kind: 'error' };
      renderCheckAnswer(rs);
      return;
    }
    var receipt = compact.slice(0, 4) + '-' + compact.slice(4, 8) + '-' + compact.slice(8);
    rs.checkInput = receipt;
    try {
      var answer = await App.busy(button, 'vote.checking', function () {
        return App.get('/api/rounds/' + encodeURIComponent(rs.id) + '/receipts/' + encodeURIComponent(receipt));
      });
      rs.check = answer && answer.counted ? { key: 'vote.counted', kind: 'ok' } : { key: 'vote.notFound', kind: 'error' };
      App.clearError();
    } catch (err) {
      rs.check = null;
      App.showError(err);
    }
    renderCheckAnswer(rs);
  }

  // ---- rendering ----

  function cssId(id) { return String(id).replace(/["\\]/g, '\\$&'); }

  function caseById(round, caseId) {
    for (var i = 0; i < round.cases.length; i++) if (round.cases[i].caseId === caseId) return round.cases[i];
    return null;
  }

  function ruleText(s) {
    return s.minChoices === s.maxChoices ? t('vote.pickExact', { n: s.minChoices }) : t('vote.pick', { min: s.minChoices, max: s.maxChoices });
  }

  function renderAll() {
    App.clear(roundsBox);
    order.forEach(function (id) { if (rounds[id] && rounds[id].data) roundsBox.appendChild(buildRound(rounds[id])); });
    $('#vote-area').hidden = order.length > 0;
    assignSubmitId();
  }

  function renderRound(rs) {
    if (!rs.data) return;
    var old = roundsBox.querySelector('.vote-round[data-round-id="' + cssId(rs.id) + '"]');
    var fresh = buildRound(rs);
    if (old) roundsBox.replaceChild(fresh, old);
    else { roundsBox.appendChild(fresh); $('#vote-area').hidden = true; }
    assignSubmitId();
  }

  /** #vote-submit names the submit button of the first round that shows one; the others keep .vote-submit. */
  function assignSubmitId() {
    var current = document.getElementById('vote-submit');
    if (current) current.removeAttribute('id');
    var first = roundsBox.querySelector('.vote-submit');
    if (first) first.id = 'vote-submit';
  }

  function noteText(note) { return note.text ? note.text : t(note.key, note.params); }

  function renderNote(rs) {
    var box = roundsBox.querySelector('.vote-round[data-round-id="' + cssId(rs.id) + '"] .vote-status');
    if (!box) return;
    fillNote(box, rs);
  }

  function fillNote(box, rs) {
    App.clear(box);
    var note = rs.note;
    box.hidden = !note;
    box.setAttribute('data-kind', note ? note.kind : '');
    if (!note) return;
    box.appendChild(el('span', { className: 'vote-status-text', text: noteText(note) }));
    if (note.retry) {
      box.appendChild(el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: t('error.retryNow'), onclick: retryBallotsNow }));
    }
    if (note.resend) {
      box.appendChild(el('button', {
        type: 'button', className: 'btn btn-small', text: t('vote.resend'),
        onclick: function () {
          var p = pendingBallot(rs.id);
          if (p) { rs.note = { key: 'vote.submitting', kind: 'info' }; sendBallot(rs, p); }
        }
      }));
    }
  }

  function statusBadge(status) {
    var key = { Open: 'vote.stateOpen', Closed: 'vote.stateClosed', Published: 'vote.statePublished' }[status] || 'vote.stateDraft';
    return el('span', { className: 'badge vote-state', 'data-status': status, text: t(key) });
  }

  function updateTurnout(rs) {
    var node = roundsBox.querySelector('.vote-round[data-round-id="' + cssId(rs.id) + '"] .vote-turnout');
    if (node) node.textContent = turnoutText(rs.data.round);
  }
  function turnoutText(round) { return t('vote.turnout', { ballots: App.fmtNumber(round.ballots), eligible: App.fmtNumber(round.eligible) }); }

  function buildRound(rs) {
    var d = rs.data;
    var round = d.round;
    var s = d.settings || {};
    var mine = d.mine || { hasVoted: false };
    var status = round.status;
    var receipt = mine.receipt || savedReceipt(rs.id);
    var canRevote = s.revote === 'LastBallotCounts' && !s.secret;

    var section = el('section', { className: 'card vote-round', 'data-round-id': rs.id, 'data-status': status }, [
      el('div', { className: 'vote-head' }, [el('h2', { className: 'vote-name', text: round.name || s.name || '' }), statusBadge(status)]),
      el('p', { className: 'vote-turnout muted', text: turnoutText(round) })
    ]);
    var tags = [];
    if (s.secret) tags.push(el('span', { className: 'vote-tag', text: t('vote.secret') }));
    tags.push(el('span', { className: 'vote-tag', text: t(canRevote ? 'vote.lastCounts' : 'vote.firstFinal') }));
    section.appendChild(el('p', { className: 'vote-tags' }, tags));

    // The closing time, counted down on the server's clock (js/countdown.js); only while the round is open.
    var countdown = Countdown.node(round);
    if (countdown) section.appendChild(countdown);

    var note = el('p', { className: 'vote-status', role: 'status', 'aria-live': 'polite' });
    fillNote(note, rs);
    section.appendChild(note);

    // While a ballot is on its way its choices show, locked; an earlier ballot shows again once it is answered.
    var voting = status === 'Open' && (rs.sending || !mine.hasVoted || rs.editing);
    if (mine.hasVoted && !voting) section.appendChild(buildVoted(rs, round, mine, receipt));

    if (voting) {
      section.appendChild(buildBallot(rs, round, s, d.ownBranchId));
    } else if (status === 'Open' && canRevote) {
      section.appendChild(el('button', {
        type: 'button', className: 'btn btn-secondary btn-block vote-change', text: t('vote.change'),
        onclick: function () {
          rs.editing = true;
          rs.selected = (mine.choices || []).slice();
          rs.note = null;
          renderRound(rs);
        }
      }));
    } else if (status !== 'Open' && !mine.hasVoted && !rs.sending) {
      section.appendChild(el('p', { className: 'vote-ended', text: t('vote.closedNoBallot') }));
    }

    if (status === 'Published' && round.results) section.appendChild(buildResults(round, mine));
    if (status === 'Published') section.appendChild(buildCheck(rs, receipt));
    return section;
  }

  /** The published ranking, as the results page shows it; the member's own choices are marked (never in a secret round: mine.choices is null). */
  function buildResults(round, mine) {
    var chosen = mine && mine.choices ? mine.choices : [];
    var rows = (round.results.ranking || []).slice().sort(function (a, b) { return a.rank - b.rank; });
    return el('div', { className: 'vote-results' }, [
      el('h3', { text: t('vote.resultsTitle') }),
      el('ol', { className: 'vote-results-list' }, rows.map(function (r) {
        var c = caseById(round, r.caseId);
        var mineToo = chosen.indexOf(r.caseId) >= 0;
        return el('li', { className: 'vote-result' + (mineToo ? ' mine' : ''), 'data-case-id': r.caseId }, [
          el('span', { className: 'vote-result-rank', text: t(r.sharedRank ? 'vote.rankShared' : 'vote.rank', { rank: r.rank }) }),
          el('span', { className: 'vote-result-text' }, [
            el('b', { className: 'vote-result-title', text: c ? c.title : r.caseId }),
            el('span', { className: 'muted', text: (c ? c.branchName + ' · ' : '') + t('vote.resultVotes', { votes: App.fmtNumber(r.votes), score: typeof r.finalScore === 'number' ? r.finalScore.toFixed(2) : '—' }) }),
            mineToo ? el('span', { className: 'vote-tag', text: t('vote.resultMine') }) : null
          ])
        ]);
      }))
    ]);
  }

  function buildReceipt(receipt, secret) {
    return el('div', { className: 'vote-receipt-box' }, [
      el('p', { className: 'vote-receipt-label', text: t('vote.receiptTitle') }),
      el('p', { className: 'vote-receipt mono', text: receipt }),
      el('p', { className: 'hint', text: t(secret ? 'vote.receiptHintSecret' : 'vote.receiptHint') })
    ]);
  }

  function buildVoted(rs, round, mine, receipt) {
    var box = el('div', { className: 'vote-done' }, [
      el('p', { className: 'vote-done-title' }, [el('span', { className: 'vote-done-mark', 'aria-hidden': 'true', text: '✓' }), t('vote.voted')])
    ]);
    if (receipt) box.appendChild(buildReceipt(receipt, rs.data.settings && rs.data.settings.secret));
    else box.appendChild(el('p', { className: 'hint', text: t('vote.noReceiptHere') }));
    if (mine.choices && mine.choices.length) {
      box.appendChild(el('p', { className: 'vote-choices-label', text: t('vote.yourChoices') }));
      box.appendChild(el('ul', { className: 'vote-choices' }, mine.choices.map(function (id) {
        var c = caseById(round, id);
        return el('li', null, [el('b', { text: c ? c.title : id }), c ? el('span', { className: 'muted', text: ' · ' + c.branchName }) : null]);
      })));
    }
    return box;
  }

  function buildBallot(rs, round, s, ownBranchId) {
    var locked = rs.sending;
    var min = s.minChoices || 1;
    var max = s.maxChoices || 1;
    var box = el('div', { className: 'vote-ballot' });
    box.appendChild(el('p', { className: 'vote-rule', text: ruleText(s) }));
    if (rs.editing) box.appendChild(el('p', { className: 'hint vote-editing', text: t('vote.editingHint') }));

    var count = el('span', { className: 'vote-count', 'aria-live': 'polite' });
    var send = el('button', { type: 'button', className: 'btn btn-large vote-submit', text: t(locked ? 'vote.submitting' : 'vote.submit') });

    function sync() {
      var n = rs.selected.length;
      count.textContent = t('vote.selected', { n: n, max: max });
      count.setAttribute('data-valid', n >= min && n <= max ? 'true' : 'false');
      send.disabled = locked || n < min || n > max;
    }

    function ownCase(c) { return !s.allowOwnBranch && !!ownBranchId && c.branchId === ownBranchId; }
    // Cases no longer in the round, or of the member's own branch, cannot stay selected.
    rs.selected = rs.selected.filter(function (id) {
      var c = caseById(round, id);
      return c && !ownCase(c);
    });

    var list = el('div', { className: 'vote-cases', role: 'group', 'aria-label': ruleText(s) });
    round.cases.forEach(function (c) {
      var own = ownCase(c);
      var on = rs.selected.indexOf(c.caseId) >= 0 && !own;
      var card = el('button', {
        type: 'button', className: 'vote-case' + (own ? ' own-branch' : ''), 'data-case-id': c.caseId,
        'aria-pressed': on ? 'true' : 'false', disabled: own || locked
      }, [
        el('span', { className: 'vote-tick', 'aria-hidden': 'true' }),
        el('span', { className: 'vote-case-text' }, [
          el('span', { className: 'vote-case-title', text: c.title }),
          el('span', { className: 'vote-case-branch', text: c.branchName }),
          own ? el('span', { className: 'vote-case-note', text: t('vote.ownBranch') }) : null
        ])
      ]);
      card.addEventListener('click', function () {
        var i = rs.selected.indexOf(c.caseId);
        if (i >= 0) {
          rs.selected.splice(i, 1);
        } else {
          if (max === 1) {
            // One choice: tapping another case moves the tick, as a radio button would.
            rs.selected = [];
            Array.prototype.forEach.call(list.querySelectorAll('.vote-case[aria-pressed="true"]'), function (b) { b.setAttribute('aria-pressed', 'false'); });
          } else if (rs.selected.length >= max) {
            App.toast(t('vote.maxReached', { max: max }));
            return;
          }
          rs.selected.push(c.caseId);
        }
        card.setAttribute('aria-pressed', rs.selected.indexOf(c.caseId) >= 0 ? 'true' : 'false');
        sync();
      });
      list.appendChild(card);
    });
    box.appendChild(list);

    send.addEventListener('click', function () { if (!send.disabled && !rs.sending) submit(rs); });
    var bar = el('div', { className: 'vote-bar' }, [count, send]);
    box.appendChild(bar);
    box.appendChild(el('p', { className: 'hint vote-policy', text: t(s.revote === 'LastBallotCounts' && !s.secret ? 'vote.policyLast' : 'vote.policyFirst') }));
    if (rs.editing && !locked) {
      box.appendChild(el('button', {
        type: 'button', className: 'btn btn-secondary btn-block', text: t('vote.cancelChange'),
        onclick: function () { rs.editing = false; rs.selected = []; renderRound(rs); }
      }));
    }
    sync();
    return box;
  }

  function buildCheck(rs, receipt) {
    if (!rs.checkInput) rs.checkInput = receipt || '';
    var inputId = 'vote-check-' + rs.id;
    var field = el('input', {
      id: inputId, type: 'text', className: 'vote-check-input mono', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxlength: '20', placeholder: t('vote.checkPlaceholder')
    });
    field.value = rs.checkInput;
    field.addEventListener('input', function () { rs.checkInput = field.value; });
    var button = el('button', { type: 'submit', className: 'btn vote-check-submit', text: t('vote.checkSubmit') });
    var formEl = el('form', { className: 'vote-check', novalidate: true }, [
      el('h3', { text: t('vote.checkTitle') }),
      el('label', { 'for': inputId, className: 'label', text: t('vote.checkLabel') }),
      el('div', { className: 'vote-check-row' }, [field, button]),
      el('p', { className: 'vote-check-answer', role: 'status', 'aria-live': 'polite' })
    ]);
    formEl.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!button.disabled) checkReceipt(rs, button);
    });
    fillCheckAnswer(formEl.querySelector('.vote-check-answer'), rs);
    return formEl;
  }

  function renderCheckAnswer(rs) {
    var node = roundsBox.querySelector('.vote-round[data-round-id="' + cssId(rs.id) + '"] .vote-check-answer');
    if (node) fillCheckAnswer(node, rs);
  }
  function fillCheckAnswer(node, rs) {
    node.textContent = rs.check ? t(rs.check.key) : '';
    node.setAttribute('data-kind', rs.check ? rs.check.kind : '');
    node.hidden = !rs.check;
  }

  // ======================= page wiring =======================

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!submitBtn.disabled) signIn(input.value);
  });

  input.addEventListener('blur', function () {
    // Tidy the code once typing is done; doing it on every keystroke would fight the caret.
    var code = normalise(input.value);
    if (isValid(code)) input.value = pretty(code);
  });

  $('#member-logout').addEventListener('click', async function () {
    var btn = this;
    try {
      await App.busy(btn, null, function () { return App.post('/api/auth/logout', null, { retries: 3 }); });
      profile = null;
      resetRounds();
      input.value = '';
      App.clearError();
      show('login');
      App.toast(t('member.loggedOut'));
    } catch (err) {
      App.showError(err);
    }
  });

  // Scanning a second code while the page is open only changes the hash.
  window.addEventListener('hashchange', function () {
    var code = codeFromHash();
    if (code) signIn(code);
  });

  // Back from another app (WeChat chat, the lock screen): pick up rounds opened in the meantime.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && profile) { loadRounds(); loadContests(); }
  });

  Live.onError(function (err, kind) {
    // A phone's live feed is a convenience: the list reloads on return anyway, so only real faults are shown.
    if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
  });

  I18n.onChange(function () {
    if (profile) renderProfile(profile);
    renderAll();
  });

  start();
}());
