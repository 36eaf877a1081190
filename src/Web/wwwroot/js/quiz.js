/*
 * The member's phone in a knowledge contest's hall round (quiz.html?id=CONTEST). Signed-in members only: without a
 * member session the page goes to the member page's sign-in, which comes back here (member.html?next=…).
 * It follows the public topic contest:{id} (ContestLive) and reads the member's own PhoneView over HTTP: on load,
 * after a reveal (their marks) and when the page comes back into view. It shows only what the server sent: the
 * question once shown, the key and explanation once revealed.
 * An answer gets an id once per question, kept in localStorage with the choice before it is sent, and is re-sent
 * with that same id until the server has decided (poor hall Wi-Fi, a reload, the phone locking): it can neither be
 * lost nor counted twice. Drawing is js/quiz-view.js. ES2019 (WeChat's browser).
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var PHASES = ['None', 'Shown', 'Open', 'Locked', 'Revealed'];
  var STATUSES = ['Draft', 'Running', 'Finished'];
  var REVEAL_JITTER_MS = 400; // a hall of phones asks for its marks spread over this, not all in the same millisecond

  var me = null;           // /api/auth/me (role member)
  var contestId = App.param('id');
  var phone = null;        // PhoneView {live, answers, me, ranked}
  var followed = null;     // the topic followed
  var sending = {};        // questionNo -> true while its answer is on its way
  var notes = {};          // questionNo -> {key|text, params, kind, resend}
  var picked = {};         // questionNo -> letters ticked on a multiple-choice question, not sent yet
  var refreshing = null;
  var again = false;       // another read is wanted once the one out comes back

  function show(view) {
    $('#quiz-loading').hidden = view !== 'loading';
    $('#quiz-pick').hidden = view !== 'pick';
    $('#quiz-none').hidden = view !== 'none';
    $('#quiz-contest').hidden = view !== 'contest';
  }

  function toSignIn() {
    // The member page signs in (code from the QR link or typed) and sends the member back here.
    $('#quiz-loading').textContent = t('quiz.toSignIn');
    show('loading');
    var back = 'quiz.html' + window.location.search;
    window.location.replace('member.html?next=' + encodeURIComponent(back));
  }

  // ---------- what this phone keeps: each question's answer id and choice, and its receipt ----------

  function storeKey(no) { return 'engagement.quiz.' + (me ? me.memberNo : '') + '.' + contestId + '.' + no; }
  function stored(no) {
    try {
      var raw = window.localStorage.getItem(storeKey(no));
      var v = raw ? JSON.parse(raw) : null;
      return v && typeof v.answerId === 'string' && typeof v.choice === 'string' && v.questionNo === no ? v : null;
    } catch (e) { return null; } // private mode or a garbled entry: as if nothing was kept
  }
  function store(no, value) {
    try {
      if (value) window.localStorage.setItem(storeKey(no), JSON.stringify(value));
      else window.localStorage.removeItem(storeKey(no));
    } catch (e) { /* not kept: the answer still goes out, only a reload could not resend it */ }
  }

  /** 32 hex characters from the platform's CSPRNG, made once per question and reused for every retry. */
  function newAnswerId() {
    var bytes = new Uint8Array(16);
    var c = window.crypto || window.msCrypto;
    if (c && c.getRandomValues) c.getRandomValues(bytes);
    else for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    var hex = '';
    for (var j = 0; j < bytes.length; j++) hex += (bytes[j] < 16 ? '0' : '') + bytes[j].toString(16);
    return hex;
  }

  // ---------- loading ----------

  async function start() {
    show('loading');
    try {
      me = await App.get('/api/auth/me', { retries: Infinity });
    } catch (err) {
      if (err.status !== 401) { App.showError(err); return; }
    }
    if (!me || me.role !== 'member') { toSignIn(); return; }
    if (contestId) { await refresh(); return; }
    try {
      var list = await App.get('/api/member/contests', { retries: Infinity });
      choose(Array.isArray(list) ? list.filter(function (p) { return p && p.live; }) : []);
    } catch (err) {
      if (err.status === 401) toSignIn();
      else App.showError(err);
    }
  }

  /** One running contest opens by itself; several (or only finished ones) are listed. */
  function choose(list) {
    var running = list.filter(function (p) { return p.live.status === 'Running'; });
    if (running.length === 1) { open(running[0]); return; }
    if (!list.length) { show('none'); return; }
    var box = App.clear($('#quiz-list'));
    running.concat(list.filter(function (p) { return p.live.status !== 'Running'; })).forEach(function (p) {
      box.appendChild(el('li', null, el('a', { className: 'quiz-list-item', href: 'quiz.html?id=' + encodeURIComponent(p.live.contestId) }, [
        el('span', { className: 'quiz-list-title', text: p.live.title }),
        el('span', { className: 'badge vote-state', 'data-status': p.live.status, text: t('quiz.status.' + p.live.status) })
      ])));
    });
    show('pick');
  }

  function open(view) {
    contestId = view.live.contestId;
    if (window.history && history.replaceState) history.replaceState(null, '', 'quiz.html?id=' + encodeURIComponent(contestId));
    accept(view);
  }

  function refresh() {
    // A read already out may have left before the change that asks for this one: read once more after it.
    if (refreshing) { again = true; return refreshing; }
    refreshing = (async function () {
      try {
        accept(await App.get('/api/member/contests/' + encodeURIComponent(contestId), { retries: Infinity }));
      } catch (err) {
        if (err.status === 401) toSignIn();
        else if (err.status === 404) { $('#quiz-none-title').textContent = t('quiz.notFound'); show('none'); }
        else App.showError(err);
      } finally {
        refreshing = null;
        if (again) { again = false; refresh(); }
      }
    }());
    return refreshing;
  }

  /** How far a view is: a reply read before a push must not take the page back. */
  function progress(live) {
    return STATUSES.indexOf(live.status) * 1e7 + (live.question ? live.question.no : 0) * 10 + PHASES.indexOf(live.phase);
  }

  function accept(view) {
    if (!view || !view.live) return;
    if (phone && phone.live && progress(phone.live) > progress(view.live)) view.live = phone.live;
    phone = view;
    follow();
    render();
    resendPending();
  }

  function follow() {
    var topic = 'contest:' + contestId;
    if (followed === topic) return;
    followed = topic;
    Live.subscribe(topic, onLive);
  }

  function liveKey(live) {
    return [live.status, live.question ? live.question.no : 0, live.phase, live.closesAt || '', live.reveal ? live.reveal.no : 0,
      live.standings ? live.standings.afterQuestion : -1, live.finalHash || ''].join('|');
  }

  function onLive(live) {
    if (!phone || !live || live.contestId !== contestId) return;
    var before = phone.live;
    if (progress(before) > progress(live)) return;
    phone.live = live;
    // The answered count changes many times a second while answering; redrawing then would swap the
    // buttons under a finger, so only a change the phone shows is drawn.
    if (liveKey(before) === liveKey(live)) return;
    var newReveal = live.phase === 'Revealed' && (before.phase !== 'Revealed' || !before.question || !live.question || before.question.no !== live.question.no);
    var ended = live.status === 'Finished' && before.status !== 'Finished';
    render();
    // The marks (and the member's rank) are the member's own: read them once the reveal is out.
    if (newReveal || ended) setTimeout(refresh, Math.random() * REVEAL_JITTER_MS);
    if (live.phase === 'Open') resendPending();
  }

  // ---------- answering ----------

  function answerFor(no) {
    var list = (phone && phone.answers) || [];
    for (var i = 0; i < list.length; i++) if (list[i].questionNo === no) return list[i];
    var kept = stored(no);
    return kept && kept.receipt ? { questionNo: no, choice: kept.choice, receipt: kept.receipt, correct: null, points: null } : null;
  }

  function submit(q, choice) {
    if (sending[q.no] || answerFor(q.no)) return;
    var entry = stored(q.no);
    // A kept, unanswered entry goes out again as it was: one id per question, whatever is tapped later.
    if (!entry) {
      entry = { answerId: newAnswerId(), questionNo: q.no, choice: choice, savedAt: new Date().toISOString() };
      store(q.no, entry); // before sending: a reload or a crash must find it
    }
    App.clearError();
    send(entry);
  }

  function resendPending() {
    if (!phone) return;
    for (var no = 1; no <= (phone.live.questionCount || 0); no++) {
      var entry = stored(no);
      if (!entry || sending[no]) continue;
      if (entry.receipt || answerFor(no)) continue;
      notes[no] = { key: 'quiz.submitting', kind: 'warn' };
      send(entry);
    }
  }

  var wakers = [];
  function pause(ms) {
    return new Promise(function (resolve) {
      var w = {
        done: function () {
          clearTimeout(w.timer);
          var i = wakers.indexOf(w);
          if (i >= 0) wakers.splice(i, 1);
          resolve();
        }
      };
      w.timer = setTimeout(w.done, ms);
      wakers.push(w);
    });
  }
  function retryNow() { wakers.slice().forEach(function (w) { w.done(); }); }
  window.addEventListener('online', retryNow);

  function transient(err) {
    // Nothing was decided: the answer id makes sending it again safe, however often.
    return err.isNetwork || err.status === 408 || err.status === 429 || err.status === 502 || err.status === 503 || err.status === 504;
  }

  async function send(entry) {
    var no = entry.questionNo;
    if (sending[no]) return;
    sending[no] = true;
    notes[no] = notes[no] || { key: 'quiz.submitting', kind: 'info' };
    render();
    var url = '/api/member/contests/' + encodeURIComponent(contestId) + '/answers';
    var body = { answerId: entry.answerId, questionNo: no, choice: entry.choice };
    for (var attempt = 1; ; attempt++) {
      try {
        var receipt = await App.post(url, body, { retries: 0, timeoutMs: 20000 });
        sending[no] = false;
        accepted(entry, receipt || {});
        return;
      } catch (err) {
        if (transient(err)) {
          var backoff = Math.min(10000, 1000 * Math.pow(2, attempt - 1)) * (0.85 + Math.random() * 0.3);
          notes[no] = { key: 'quiz.retrying', params: { n: attempt }, kind: 'warn', retry: true };
          renderNote(no);
          await pause(err.retryAfter > 0 ? Math.max(err.retryAfter * 1000, backoff) : backoff);
          continue;
        }
        sending[no] = false;
        if (err.status === 401) {
          // The session is gone, not the answer: it stays kept and goes out once the member is back.
          App.showError(t('quiz.sessionExpired'));
          toSignIn();
          return;
        }
        if (err.status >= 400 && err.status < 500) {
          // Decided by the server (too late, already answered, not a valid choice): this answer is finished.
          store(no, null);
          notes[no] = { text: App.errorMessage(err), kind: 'error' };
          render();
          refresh(); // what the server holds now (an earlier answer's receipt, say)
          return;
        }
        notes[no] = { text: App.errorMessage(err), kind: 'error', resend: true };
        render();
        return;
      }
    }
  }

  function accepted(entry, receipt) {
    var no = entry.questionNo;
    var answer = {
      questionNo: no, choice: receipt.choice || entry.choice, receipt: receipt.receipt || '',
      elapsedMs: receipt.elapsedMs, correct: null, points: null
    };
    store(no, { answerId: entry.answerId, questionNo: no, choice: answer.choice, receipt: answer.receipt });
    phone.answers = (phone.answers || []).filter(function (a) { return a.questionNo !== no; }).concat([answer]);
    notes[no] = null;
    delete picked[no];
    App.clearError();
    render();
  }

  // ---------- drawing (js/quiz-view.js) ----------

  var view = QuizView.create({
    phone: function () { return phone; },
    me: function () { return me; },
    sending: sending,
    notes: notes,
    picked: picked,
    stored: stored,
    answerFor: answerFor,
    submit: submit,
    retryNow: retryNow,
    resend: function (no) { var e = stored(no); if (e) { notes[no] = null; send(e); } },
    show: show
  });
  function render() { view.render(); }
  function renderNote(no) { view.renderNote(no); }

  // ---------- page wiring ----------

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && phone) refresh();
  });
  Live.onError(function (err, kind) {
    if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
  });
  I18n.onChange(render);

  start();
}());
