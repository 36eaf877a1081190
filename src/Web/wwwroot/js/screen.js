/*
 * Big screen (screen.html?id=main): pushed live over topic screen:<id>, never reloading. The screen's mode
 * picks what shows under the headline:
 *   Headline — the headline and notice, large;
 *   Voting   — votes per case (when the round shows them), turnout and the QR to join (topic round:<id>);
 *   Judging  — the staged reveal of the case on stage (topic stage:<id>), then the ranking once final;
 *   Ranking  — the published results (GET /api/rounds/<id>/results, refreshed by round:<id>);
 *   Tournament (screen-tournament.js), Contest and ContestFinal (screen-contest.js) — their id in roundId.
 * Sized in vw/vh for 1920×1080 projectors; long headlines shrink until they fit, and break between words.
 * The notice in the payload is the notice of the view on screen (the server keeps one per view); the
 * members' sign-in footer shows only where members act (headline and voting). ?preview=1 is the console's
 * presenter preview: the same page in a frame, without the language button or the wake lock.
 * The ranking is paged (RANKING_PAGE places a page, the top three larger) and can be revealed from the last
 * place up, one step at a time, by the organiser; the step is held by the server (payload.ranking).
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  // Lower-case, as the server files screens: "Main" and "main" must be one screen for HTTP and live alike.
  var screenId = (App.param('id') || 'main').trim().toLowerCase();
  var MODES = { Headline: true, Voting: true, Judging: true, Ranking: true, Tournament: true, Contest: true, ContestFinal: true };
  // Branches on the voting screen: as many as fit at the hall's minimum type beside the tally (or without it).
  var TOP_BRANCHES = { many: 4, tally: 8, alone: 10 };
  var RANKING_PAGE = 8; // console-screen.js pages the same way
  var preview = App.param('preview') === '1';
  if (preview) document.body.classList.add('preview');

  var shown = null;
  var headline = $('#screen-headline');
  var notice = $('#screen-notice');
  var modeBox = $('#screen-mode');

  var current = { mode: 'Headline', roundId: null };
  var rounds = {};        // roundId -> RoundLive (latest)
  var stages = {};        // roundId -> StageView (latest)
  var results = {};       // roundId -> RoundResults once published
  var resultsAsked = {};  // roundId -> true while a results request is out or came back "not yet"
  var followed = {};      // live topics followed (Live has no unsubscribe; handlers ignore rounds not on screen)
  var drawn = {};         // what was last drawn per part, so a push only redraws (and re-animates) what changed

  function fitHeadline() {
    if (current.mode !== 'Headline') {
      // A data view owns the screen: the headline is a one-line title whose size the stylesheet sets.
      headline.style.fontSize = '';
      headline.style.maxHeight = '';
      return;
    }
    // Start big and step down: a one-line slogan stays huge, a long sentence still fits in its box.
    // Measure the line boxes (offsetHeight) without the CSS cap, not scrollHeight: CJK glyphs poke out
    // of the line box a little and would make every headline look too tall.
    var limit = window.innerHeight * 0.52;
    var size = 6.5;
    headline.style.maxHeight = 'none';
    headline.style.fontSize = size + 'vw';
    while ((headline.offsetHeight > limit || headline.scrollWidth > headline.clientWidth + 1) && size > 2.5) {
      size -= 0.25;
      headline.style.fontSize = size + 'vw';
    }
    headline.style.maxHeight = '';
  }

  /**
   * Chinese has no spaces, so a browser breaks a line between any two characters ("案" / "例"). Where the
   * browser can segment words (Intl.Segmenter), the text is set with break opportunities between words
   * only (word-break: keep-all in the stylesheet); elsewhere it stays plain text.
   */
  var segmenter = null;
  try { if (window.Intl && Intl.Segmenter) segmenter = new Intl.Segmenter('zh', { granularity: 'word' }); } catch (e) { segmenter = null; }
  function setWords(node, text) {
    if (node.getAttribute('data-text') === text && node.firstChild) return;
    node.setAttribute('data-text', text);
    App.clear(node);
    if (!segmenter || !text) { node.textContent = text; return; }
    var it = segmenter.segment(text)[Symbol.iterator]();
    var first = true;
    for (var step = it.next(); !step.done; step = it.next()) {
      if (!first) node.appendChild(el('wbr'));
      node.appendChild(document.createTextNode(step.value.segment));
      first = false;
    }
  }

  function flash(node) {
    node.classList.remove('flash');
    void node.offsetWidth; // restart the CSS animation
    node.classList.add('flash');
  }

  function headlineText() {
    if (!shown) return '';
    return shown.headline || (current.mode === 'Headline' ? t('screen.defaultHeadline') : '');
  }

  function render(p) {
    if (!p) return;
    // The HTTP snapshot and the live feed race at start-up; the higher revision wins.
    if (shown && typeof p.revision === 'number' && typeof shown.revision === 'number' && p.revision < shown.revision) return;
    var changed = !shown || shown.headline !== p.headline || shown.notice !== p.notice;
    var first = !shown;
    shown = p;
    if (window.ScreenContest) ScreenContest.step(p.ranking); // a finished contest's prize-giving follows the same step
    setMode(p.mode, p.roundId);
    setWords(headline, headlineText());
    headline.hidden = !headline.textContent;
    setWords(notice, p.notice || '');
    notice.hidden = !p.notice;
    fitHeadline();
    if (changed && !first) { flash(headline); if (p.notice) flash(notice); }
    App.clearError(); // content arrived, so any earlier failure is over
  }

  // ---------- modes and topics ----------

  function setMode(mode, roundId) {
    mode = MODES[mode] ? mode : 'Headline';
    roundId = roundId || null;
    if (mode !== 'Headline' && !roundId) mode = 'Headline'; // nothing to show without a round
    if (mode === current.mode && roundId === current.roundId) { renderView(); return; }
    current = { mode: mode, roundId: roundId };
    drawn = {};
    modeBox.setAttribute('data-mode', mode);
    if (mode === 'Voting') followRound(roundId);
    if (mode === 'Judging') { followStage(roundId); followRound(roundId); }
    if (mode === 'Ranking') { followRound(roundId); loadResults(roundId); }
    // A tournament (its id in roundId) is drawn by screen-tournament.js; any other mode hides it.
    if (window.ScreenTournament) ScreenTournament.show(mode === 'Tournament' ? roundId : null);
    // A knowledge contest (its id in roundId), hall round or stage final, is drawn by screen-contest.js.
    if (window.ScreenContest) ScreenContest.show(mode === 'Contest' || mode === 'ContestFinal' ? mode : null, roundId);
    renderView();
  }

  function onScreen(roundId) { return current.mode !== 'Headline' && current.roundId === roundId; }

  function followRound(roundId) {
    var topic = 'round:' + roundId;
    if (followed[topic]) return;
    followed[topic] = true;
    Live.subscribe(topic, onRound);
    // Also over HTTP, in case the live connection is slow to come up; a pushed snapshot replaces it.
    App.get('/api/rounds/' + encodeURIComponent(roundId) + '/live').then(function (live) {
      if (live && !rounds[roundId]) onRound(live);
    }, function (err) { if (onScreen(roundId) && !err.isNetwork) App.showError(err); });
  }

  function followStage(roundId) {
    var topic = 'stage:' + roundId;
    if (followed[topic]) return;
    followed[topic] = true;
    Live.subscribe(topic, onStage);
    App.get('/api/rounds/' + encodeURIComponent(roundId) + '/stage').then(function (stage) {
      if (stage && !stages[roundId]) onStage(stage);
    }, function (err) { if (onScreen(roundId) && !err.isNetwork) App.showError(err); });
  }

  function onRound(live) {
    if (!live || !live.roundId) return;
    rounds[live.roundId] = live;
    if (live.results) results[live.roundId] = live.results;
    else if (live.status === 'Published') { resultsAsked[live.roundId] = false; if (onScreen(live.roundId)) loadResults(live.roundId); }
    if (onScreen(live.roundId)) renderView();
  }

  function onStage(stage) {
    if (!stage || !stage.roundId) return;
    stages[stage.roundId] = stage;
    if (stage.phase === 'Final' && onScreen(stage.roundId)) loadResults(stage.roundId);
    if (onScreen(stage.roundId)) renderView();
  }

  function loadResults(roundId) {
    if (results[roundId] || resultsAsked[roundId]) return;
    resultsAsked[roundId] = true;
    App.get('/api/rounds/' + encodeURIComponent(roundId) + '/results').then(function (res) {
      if (res) results[roundId] = res;
      if (onScreen(roundId)) renderView();
    }, function (err) {
      // 409: not published yet. The round's topic says when it is (and carries the results).
      if (err.status !== 409) { resultsAsked[roundId] = false; if (!err.isNetwork) App.showError(err); }
    });
  }

  /** Which view the mode (and, when judging, the phase) calls for. */
  function viewName() {
    if (current.mode === 'Voting') return 'voting';
    if (current.mode === 'Ranking') return 'ranking';
    if (current.mode === 'Judging') {
      var stage = stages[current.roundId];
      return stage && stage.phase === 'Final' ? 'ranking' : 'judging';
    }
    return 'headline';
  }

  function renderView() {
    var view = viewName();
    $('#view-voting').hidden = view !== 'voting';
    $('#view-judging').hidden = view !== 'judging';
    $('#view-ranking').hidden = view !== 'ranking';
    modeBox.setAttribute('data-view', view);
    // Members sign in on the headline and voting screens; the reveal, ranking and tournament are not theirs.
    var foot = $('#screen-foot');
    foot.hidden = !(view === 'voting' || (view === 'headline' && current.mode === 'Headline'));
    if (view === 'voting') renderVoting(current.roundId);
    else if (view === 'judging') renderJudging(current.roundId);
    else if (view === 'ranking') renderRanking(current.roundId);
  }

  // ---------- shared bits ----------

  function two(n) { return typeof n === 'number' && isFinite(n) ? n.toFixed(2) : '—'; }
  function num(n) { return App.fmtNumber(typeof n === 'number' ? n : 0); }

  /** A localised sentence with some of its values in bold, without markup in the dictionary. */
  function sentence(key, values) {
    var marks = {};
    var names = Object.keys(values);
    names.forEach(function (name, i) { marks[name] = '\u0001' + i + '\u0001'; });
    var parts = t(key, marks).split('\u0001');
    var nodes = [];
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 0) { if (parts[i]) nodes.push(parts[i]); } else nodes.push(el('b', { text: values[names[Number(parts[i])]] }));
    }
    return nodes;
  }

  function caseMap(roundId) {
    var map = {};
    var live = rounds[roundId];
    if (live && live.cases) live.cases.forEach(function (c) { map[c.caseId] = c; });
    return map;
  }

  // ---------- voting ----------

  function renderVoting(roundId) {
    var live = rounds[roundId];
    var view = $('#view-voting');
    Countdown.after($('#vote-state'), live); // the round's closing time, if any (js/countdown.js)
    if (!live) {
      // Another round was on screen a moment ago: show nothing of it while this one loads.
      $('#vote-round-name').textContent = t('common.loading');
      ['#vote-state', '#turnout-total', '#turnout-pct'].forEach(function (id) { App.clear($(id)); });
      App.clear($('#vote-chart'));
      App.clear($('#branch-turnout'));
      $('#vote-hidden-note').hidden = true;
      $('#join-box').hidden = true;
      return;
    }
    view.setAttribute('data-status', live.status);
    view.classList.toggle('has-tally', !!live.tally);
    // Many cases need the width: the branch list then shares the side column with the totals.
    view.classList.toggle('many', !!live.tally && (live.cases || []).length > 10);
    // More than six cases: one line a case (title, count, a thin bar under it), so the type stays large.
    view.classList.toggle('compact', !!live.tally && (live.cases || []).length > 6);
    $('#vote-round-name').textContent = live.name || '';
    $('#vote-state').textContent = t('screen.vote.' + live.status);
    $('#vote-state').setAttribute('data-status', live.status);

    var total = $('#turnout-total');
    App.clear(total);
    sentence('screen.turnout', { ballots: num(live.ballots), eligible: num(live.eligible) }).forEach(function (n) {
      total.appendChild(typeof n === 'string' ? document.createTextNode(n) : n);
    });
    $('#turnout-pct').textContent = live.eligible > 0 ? t('screen.turnoutPct', { pct: (100 * live.ballots / live.eligible).toFixed(1) }) : '';

    var chart = $('#vote-chart');
    var note = $('#vote-hidden-note');
    if (live.tally) {
      chart.hidden = false;
      note.hidden = true;
      drawChart(chart, live);
    } else {
      chart.hidden = true;
      note.hidden = false;
      // A secret round shows turnout only until close; otherwise the tally waits for publication.
      note.textContent = t(live.secret && live.status === 'Open' ? 'screen.secretNote' : 'screen.tallyLater');
    }
    drawBranches(live);

    var join = $('#join-box');
    join.hidden = live.status !== 'Open';
    var qr = $('#join-qr');
    var src = '/api/qr?text=' + encodeURIComponent(window.location.origin + '/member.html');
    if (!join.hidden && qr.getAttribute('src') !== src) qr.setAttribute('src', src);
    qr.setAttribute('alt', t('screen.scanToVote'));
  }

  function drawChart(chart, live) {
    var cases = live.cases || [];
    var key = cases.map(function (c) { return c.caseId; }).join('|') + '|' + I18n.lang();
    if (drawn.chart !== key) {
      drawn.chart = key;
      App.clear(chart);
      var columns = cases.length > 10 ? 2 : 1;
      var rows = Math.max(1, Math.ceil(cases.length / columns));
      chart.setAttribute('data-columns', String(columns));
      chart.style.gridTemplateRows = 'repeat(' + rows + ', minmax(0, 1fr))';
      // The row height decides the type size: few cases are huge, two dozen still readable from the back
      // (never under the hall's minimum, 1.5vw: one-line rows make the room for it).
      chart.style.fontSize = 'max(1.6vw, ' + Math.min(3.2, (columns === 1 ? 58 : 62) / rows * 0.36) + 'vh)';
      cases.forEach(function (c) {
        chart.appendChild(el('div', { className: 'bar', 'data-case-id': c.caseId }, [
          el('div', { className: 'bar-label' }, [
            el('span', { className: 'bar-title', text: c.title }),
            el('span', { className: 'bar-branch', text: c.branchName })
          ]),
          el('div', { className: 'bar-line' }, [
            el('div', { className: 'bar-track' }, el('div', { className: 'bar-fill' })),
            el('span', { className: 'bar-value' }, [el('span', { className: 'bar-count', text: '0' }), el('span', { className: 'bar-unit', text: t('screen.votesUnit') })])
          ])
        ]));
      });
    }
    var max = 0;
    cases.forEach(function (c) { max = Math.max(max, live.tally[c.caseId] || 0); });
    // Bars stay in the round's case order: a leaderboard that reshuffles during voting invites bandwagon votes.
    Array.prototype.forEach.call(chart.querySelectorAll('.bar'), function (bar) {
      var count = live.tally[bar.getAttribute('data-case-id')] || 0;
      var countEl = $('.bar-count', bar);
      if (countEl.textContent !== String(count) && drawn.chartCounts) flash(countEl);
      countEl.textContent = String(count);
      $('.bar-fill', bar).style.width = (max > 0 ? (100 * count / max) : 0) + '%';
      bar.classList.toggle('leading', max > 0 && count === max);
    });
    drawn.chartCounts = true;
  }

  function drawBranches(live) {
    var box = $('#branch-turnout');
    var list = (live.turnout || []).filter(function (b) { return b.eligible > 0; }).map(function (b) {
      return { b: b, pct: b.voted / b.eligible };
    });
    list.sort(function (x, y) { return y.pct - x.pct || y.b.voted - x.b.voted || (x.b.branchName < y.b.branchName ? -1 : 1); });
    var view = $('#view-voting');
    list = list.slice(0, view.classList.contains('many') ? TOP_BRANCHES.many : live.tally ? TOP_BRANCHES.tally : TOP_BRANCHES.alone);
    App.clear(box);
    box.style.gridTemplateRows = 'repeat(' + Math.max(1, list.length) + ', auto)';
    list.forEach(function (item, i) {
      var pct = Math.round(item.pct * 1000) / 10;
      var fill = el('span', { className: 'turnout-fill' });
      fill.style.width = pct + '%';
      box.appendChild(el('div', { className: 'turnout-row', 'data-branch-id': item.b.branchId }, [
        el('span', { className: 'turnout-rank', text: String(i + 1) }),
        el('span', { className: 'turnout-name', text: item.b.branchName }),
        el('span', { className: 'turnout-track' }, fill),
        el('span', { className: 'turnout-value', text: pct + '%' }),
        el('span', { className: 'turnout-count', text: item.b.voted + '/' + item.b.eligible })
      ]));
    });
    // Only whole rows at full size: the lowest ranked give way when the column is short (a QR above, say).
    while (box.clientHeight > 0 && box.scrollHeight > box.clientHeight + 1 && box.children.length > 1) {
      box.removeChild(box.lastChild);
      box.style.gridTemplateRows = 'repeat(' + box.children.length + ', auto)';
    }
  }

  // ---------- judging (the staged reveal) ----------

  function renderJudging(roundId) {
    var stage = stages[roundId];
    var phaseEl = $('#stage-phase');
    if (!stage) {
      phaseEl.textContent = t('common.loading');
      ['#stage-case-title', '#stage-case-branch'].forEach(function (id) { App.clear($(id)); });
      ['#stage-progress', '#stage-marks', '#stage-trim-note', '#stage-short-note', '#stage-result', '#stage-recused'].forEach(function (id) { $(id).hidden = true; });
      return;
    }
    var phase = stage.phase;
    var view = $('#view-judging');
    view.setAttribute('data-phase', phase);
    phaseEl.setAttribute('data-phase', phase);
    phaseEl.textContent = t('screen.phase.' + phase);

    var c = stage.case;
    $('#stage-case-title').textContent = c && phase !== 'Idle' ? c.title : t('screen.stageIdle');
    $('#stage-case-branch').textContent = c && phase !== 'Idle' ? c.branchName : '';

    // Scoring: how many judges are done, never what they gave.
    var progress = $('#stage-progress');
    progress.hidden = phase !== 'Scoring';
    if (phase === 'Scoring') {
      $('#stage-submitted').textContent = t('screen.submitted', { submitted: stage.submitted, expected: stage.expected });
      var dots = App.clear($('#stage-dots'));
      for (var i = 0; i < stage.expected; i++) dots.appendChild(el('span', { className: 'stage-dot' + (i < stage.submitted ? ' done' : '') }));
    }

    var revealed = phase === 'Revealed' && Array.isArray(stage.marks);
    var marks = $('#stage-marks');
    marks.hidden = !revealed;
    $('#stage-trim-note').hidden = !(revealed && stage.marks.some(function (m) { return m.dropped; }));
    $('#stage-short-note').hidden = !(revealed && stage.shortOfTrim);
    var result = $('#stage-result');
    result.hidden = !revealed;
    if (revealed) {
      var key = (c ? c.caseId : '') + '|' + JSON.stringify(stage.marks) + '|' + stage.result + '|' + stage.meanTotal + '|' + I18n.lang();
      if (drawn.marks !== key) {
        var again = drawn.marksCase === (c ? c.caseId : '');
        drawn.marks = key;
        drawn.marksCase = c ? c.caseId : '';
        App.clear(marks);
        // Highest first, so the struck-out scores sit at both ends and the counted ones in the middle.
        var sorted = stage.marks.map(function (m, i) { return { m: m, i: i }; });
        sorted.sort(function (x, y) { return y.m.total - x.m.total || x.i - y.i; });
        sorted.forEach(function (item, i) {
          // A recused judge's place filled with the others' mean (the event's rule) says so.
          var li = el('li', { className: 'stage-mark' + (item.m.dropped ? ' dropped' : '') + (item.m.replaced ? ' replaced' : '') }, [
            el('span', { className: 'stage-mark-total', text: item.m.replaced ? two(item.m.total) : String(item.m.total) }),
            el('span', { className: 'stage-mark-name', text: item.m.judgeName + (item.m.replaced ? '（' + t('screen.replaced') + '）' : '') })
          ]);
          if (!again) li.style.animationDelay = (i * 0.35) + 's'; // the first reveal lands one judge at a time
          else li.classList.add('no-anim');
          marks.appendChild(li);
        });
        App.clear(result);
        if (typeof stage.result === 'number') {
          // The judge score is on 0–100; on a rubric out of 30 (say) the mean it comes from is shown beside it.
          var scaled = typeof stage.maxTotal === 'number' && stage.maxTotal !== 100 && typeof stage.meanTotal === 'number';
          (scaled
            ? sentence('screen.resultScaled', { mean: two(stage.meanTotal), max: String(stage.maxTotal), result: two(stage.result) })
            : sentence('screen.result', { result: two(stage.result) })).forEach(function (n) {
            result.appendChild(typeof n === 'string' ? document.createTextNode(n) : n);
          });
        } else {
          result.textContent = t('screen.noResult');
        }
        result.style.animationDelay = again ? '0s' : (sorted.length * 0.35 + 0.3) + 's';
        result.classList.toggle('no-anim', again);
      }
    } else {
      drawn.marks = null;
    }

    // A judge on the panel who gave no score is said plainly, not left to be guessed from the count of marks.
    var missing = revealed ? Math.max(0, (stage.expected || 0) - (stage.submitted || 0)) : 0;
    var unscored = $('#stage-unscored');
    unscored.hidden = missing === 0;
    unscored.textContent = missing ? t('screen.unscoredJudges', { n: missing }) : '';

    var recused = $('#stage-recused');
    App.clear(recused);
    var names = phase === 'Idle' ? [] : (stage.recused || []);
    recused.hidden = names.length === 0;
    names.forEach(function (name) {
      recused.appendChild(el('li', null, [el('span', { className: 'stage-recused-name', text: name }), el('span', { className: 'badge badge-recused', text: t('screen.recused') })]));
    });
  }

  // ---------- ranking ----------

  /**
   * Which page shows and which places on it are still hidden. The ceremony reveals from the last place up:
   * the page is the one holding the place revealed last, and the places above it on that page wait.
   * With everything revealed, the organiser pages through (page 0: the top, in larger type).
   */
  function rankingStep(count) {
    var pages = Math.max(1, Math.ceil(count / RANKING_PAGE));
    var step = (shown && shown.ranking) || {};
    var revealed = typeof step.revealed === 'number' ? step.revealed : null;
    if (revealed === null || revealed >= count) {
      return { pages: pages, page: Math.min(Math.max(0, step.page || 0), pages - 1), hiddenBelow: 0, latest: -1 };
    }
    var latest = count - revealed; // index of the place revealed last (count when none is)
    return { pages: pages, page: Math.floor(Math.min(latest, count - 1) / RANKING_PAGE), hiddenBelow: latest, latest: revealed > 0 ? latest : -1 };
  }

  function renderRanking(roundId) {
    var res = results[roundId];
    var live = rounds[roundId];
    $('#ranking-round-name').textContent = live ? live.name : '';
    var pending = $('#ranking-pending');
    var box = $('#ranking-table');
    if (!res) {
      pending.hidden = false;
      pending.textContent = t('screen.resultsPending');
      App.clear(box);
      $('#ranking-formula').textContent = '';
      $('#ranking-hash').textContent = '';
      $('#ranking-page').textContent = '';
      drawn.ranking = null;
      loadResults(roundId);
      return;
    }
    var rows = res.ranking || [];
    var at = rankingStep(rows.length);
    var ceremonyStart = at.hiddenBelow === rows.length && rows.length > 0;
    pending.hidden = !ceremonyStart;
    pending.textContent = ceremonyStart ? t('screen.rankingToCome') : '';
    var key = res.finalHash + '|' + (live ? live.cases.length : 0) + '|' + I18n.lang() + '|' + at.page + '|' + at.hiddenBelow;
    if (drawn.ranking !== key) {
      drawn.ranking = key;
      drawRanking(box, res, caseMap(roundId), at);
    }
    box.setAttribute('data-page', String(at.page));
    box.setAttribute('data-hidden-below', String(at.hiddenBelow));
    $('#ranking-formula').textContent = I18n.lang() === 'en' ? (res.formulaEn || res.formula) : res.formula;
    $('#ranking-hash').textContent = res.finalHash ? t('screen.hash', { hash: res.finalHash.slice(0, 16) }) : '';
    $('#ranking-page').textContent = at.pages > 1 ? t('screen.rankingPage', { page: at.page + 1, pages: at.pages }) : '';
  }

  function drawRanking(box, res, cases, at) {
    App.clear(box);
    var rows = res.ranking || [];
    var hasJudge = rows.some(function (r) { return typeof r.judgeScore === 'number' || r.unscored; });
    var first = at.page * RANKING_PAGE;
    var slice = rows.slice(first, first + RANKING_PAGE);
    var head = el('tr', null, [
      el('th', { className: 'rk', text: t('screen.colRank') }),
      el('th', { className: 'rc', text: t('screen.colCase') }),
      el('th', { className: 'rb', text: t('screen.colBranch') }),
      hasJudge ? el('th', { className: 'num nj', text: t('screen.colJudge') }) : null,
      el('th', { className: 'num nv', text: t('screen.colVotes') }),
      el('th', { className: 'num nf', text: t('screen.colFinal') })
    ]);
    var body = el('tbody');
    slice.forEach(function (r, i) {
      var index = first + i;
      var top = r.rank <= 3 ? 'top top-' + r.rank : '';
      if (index < at.hiddenBelow) {
        // Still to come: its place in the table, nothing of what is in it (not even which case).
        body.appendChild(el('tr', { className: 'waiting ' + top, 'data-rank': r.rank }, [
          el('td', { className: 'rk' }, el('span', { className: 'rank-no', text: String(r.rank) })),
          el('td', { className: 'rc' }, el('span', { className: 'rc-title', text: t('screen.rankingHidden') })),
          el('td', { className: 'rb' }),
          hasJudge ? el('td', { className: 'num' }) : null,
          el('td', { className: 'num' }),
          el('td', { className: 'num final' })
        ]));
        return;
      }
      var c = cases[r.caseId];
      var decided = r.decidedBy === 'judge' ? t('screen.decidedJudge')
        : (r.decidedBy && r.decidedBy.indexOf('criterion:') === 0 ? t('screen.decidedCriterion', { n: Number(r.decidedBy.slice(10)) + 1 }) : '');
      body.appendChild(el('tr', { 'data-case-id': r.caseId, 'data-rank': r.rank, className: top + (index === at.latest ? ' just-revealed' : '') }, [
        el('td', { className: 'rk' }, [
          el('span', { className: 'rank-no', text: String(r.rank) }),
          r.sharedRank ? el('span', { className: 'badge badge-shared', text: t('screen.shared') }) : null
        ]),
        el('td', { className: 'rc' }, [
          el('span', { className: 'rc-title', text: c ? c.title : r.caseId }),
          decided ? el('span', { className: 'rc-decided', text: decided }) : null
        ]),
        el('td', { className: 'rb', text: c ? c.branchName : '' }),
        hasJudge ? el('td', { className: 'num' + (r.unscored ? ' unscored' : ''), text: r.unscored ? t('screen.unscored') : two(r.judgeScore) }) : null,
        el('td', { className: 'num', text: num(r.votes) }),
        el('td', { className: 'num final', text: two(r.finalScore) })
      ]));
    });
    box.setAttribute('data-columns', '1');
    box.appendChild(el('table', { className: 'ranking' + (hasJudge ? ' has-judge' : '') }, [el('thead', null, head), body]));
  }

  // ---------- chrome ----------

  function renderFooter() {
    // Bold the address inside the localised sentence without putting markup in the dictionary.
    var url = window.location.origin + '/member.html';
    var parts = t('screen.joinHint', { url: '\u0001' }).split('\u0001');
    App.clear($('#screen-foot')).appendChild(el('span', null, [parts[0], el('b', { text: url }), parts[1] || '']));
  }

  function tick() {
    var now = new Date();
    var locale = I18n.lang() === 'en' ? 'en-GB' : 'zh-CN';
    $('#screen-clock').textContent = now.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    $('#screen-date').textContent = now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  }

  // Hide the pointer on the projector once the mouse rests.
  var idleTimer = 0;
  function wake() {
    document.body.classList.remove('idle');
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { document.body.classList.add('idle'); }, 3000);
  }

  // Keep a laptop driving the projector from sleeping (where the Wake Lock API exists; ignored otherwise).
  function keepAwake() {
    if (!navigator.wakeLock || document.visibilityState !== 'visible') return;
    navigator.wakeLock.request('screen').catch(function () { /* not allowed here: the OS setting decides */ });
  }

  async function loadOnce() {
    try {
      render(await App.get('/api/screens/' + encodeURIComponent(screenId)));
    } catch (err) {
      // Network trouble shows on the dot; a missing screen simply waits for its first update.
      if (!err.isNetwork && err.status !== 404) App.showError(err);
      if (!shown) render({ headline: '', notice: '' });
    }
  }

  Live.onError(function (err, kind) {
    if (kind !== 'start') App.showError(t('error.liveFailed', { message: Live.errorText(err) }));
  });
  Live.subscribe('screen:' + screenId, render);

  I18n.onChange(function () {
    renderFooter();
    tick();
    if (shown) setWords(headline, headlineText());
    drawn = {};
    renderView();
    fitHeadline();
  });
  window.addEventListener('resize', fitHeadline);
  document.addEventListener('mousemove', wake);
  if (!preview) document.addEventListener('visibilitychange', keepAwake);

  renderFooter();
  tick();
  setInterval(tick, 1000);
  wake();
  if (!preview) keepAwake();
  loadOnce();
}());
