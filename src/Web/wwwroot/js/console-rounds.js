/*
 * Case selection, continued: the rounds of an event (create/edit a draft, open, close, publish, live
 * turnout and tally, big-screen modes) and the live stage of a LiveFinal round (who is on stage, the
 * reveal phases, judges' progress and marks). Live topics: "round:{id}" and "stage:{id}".
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var S = ConsoleSelection;

  var details = {};      // roundId -> {round, tally, stage} from GET /api/selection/rounds/{id}
  var live = {};         // roundId -> RoundLive from the "round:" topic
  var subscribed = {};
  var refreshTimers = {};
  var editingRoundId = null;
  var pickOrder = [];    // case ids in the order shown in the picker (= presenting order)
  var picked = {};
  var closingDrafts = {}; // roundId -> the closing time being typed (cards are rebuilt on every live refresh)
  var closingFocus = null; // roundId whose closing-time field has focus, given back after a rebuild

  function roundIds() { return (S.ev && S.ev.roundIds) || []; }
  function api(roundId, tail) { return '/api/selection/rounds/' + C.enc(roundId) + (tail || ''); }
  function fmtWeight(x) { return String(Math.round(Number(x) * 1e6) / 1e6); }

  // ---------- loading and live updates ----------

  async function loadRound(roundId) {
    try {
      var d = await App.get(api(roundId));
      details[roundId] = d;
      // A published round never changes again: no need to hold one of the connection's live topics for it.
      if (d.round.status !== 'Published') follow(roundId);
      if (S.active('rounds')) renderRounds();
      if (S.active('stage') && w.ConsoleStage) w.ConsoleStage.render();
    } catch (err) { C.handle(err); }
  }

  /** Pushes can come many per second while members vote: refetch the full tally at most once a second. */
  function scheduleRefresh(roundId) {
    if (refreshTimers[roundId]) return;
    refreshTimers[roundId] = setTimeout(function () {
      refreshTimers[roundId] = 0;
      if (roundIds().indexOf(roundId) >= 0 && (S.active('rounds') || S.active('stage'))) loadRound(roundId);
    }, 1000);
  }

  function follow(roundId) {
    if (subscribed[roundId]) return;
    subscribed[roundId] = true;
    Live.subscribe('round:' + roundId, function (p) {
      live[roundId] = p;
      var card = document.querySelector('.round-card[data-round-id="' + roundId + '"] .round-turnout');
      if (card) card.textContent = turnoutText(roundId);
      scheduleRefresh(roundId);
    });
  }

  function loadAll() { roundIds().forEach(loadRound); }

  // ---------- formula (the same words the server publishes, Rules/Formula.cs) ----------

  /** The event's rubric maximum, trimming and too-few rule, as the published formula states them. */
  function judgingTerms() {
    var ev = S.ev || {};
    var max = (ev.rubric || []).reduce(function (sum, c) { return sum + Number(c.maxPoints) * Number(c.weight); }, 0);
    return {
      max: max > 0 ? fmtWeight(max) : '100',
      k: typeof ev.trimK === 'number' ? ev.trimK : 1,
      replace: ev.whenTooFewToTrim === 'ReplaceRecused'
    };
  }

  function formula(kind, method, jw, vw, english) {
    var judged = kind === 'LiveFinal' && Number(jw) !== 0;
    var a = fmtWeight(jw);
    var b = fmtWeight(kind === 'LiveFinal' ? vw : 1);
    var pts = [12, 10, 8, 7, 6, 5, 4, 3, 2, 1].join(english ? ', ' : '、');
    var vote = method === 'RankPoints'
      ? (english
        ? 'vote score = place points × 100 ÷ 12; ranked by votes, places 1–10 earn ' + pts + ' points, cases with equal votes share a place and its points, later places and cases without votes earn 0'
        : '投票得分 = 名次积分 × 100 ÷ 12；按得票数排名，第 1–10 名依次得 ' + pts + ' 分，得票相同者名次并列、积分相同，第 10 名以后及零票得 0 分')
      : (english ? 'vote score = 100 × votes ÷ most votes' : '投票得分 = 100 × 得票数 ÷ 最高得票数');
    if (!judged) return english ? 'Final score = ' + b + ' × vote score (' + vote + ')' : '最终得分 = ' + b + ' × 投票得分（' + vote + '）';
    var j = judgingTerms();
    var judge = english
      ? 'judge score = 100 × judges\' mean total ÷ the rubric\'s maximum ' + j.max
      : '评委得分 = 100 × 评委平均分 ÷ 评分标准满分 ' + j.max;
    if (j.k <= 0) {
      judge += english ? ', the mean of all judges\' totals' : '，平均分取全部评委总分的平均';
    } else {
      var full = 2 * j.k + 3;
      judge += english
        ? ', the mean dropping the ' + j.k + ' highest and ' + j.k + ' lowest totals'
          + (j.replace ? '; when recusal leaves fewer than ' + full + ' judges, each recused judge\'s total is the mean of the others\''
            : '; with fewer than ' + full + ' judges fewer or none are dropped')
        : '，平均分去掉 ' + j.k + ' 个最高分和 ' + j.k + ' 个最低分'
          + (j.replace ? '；回避后评委不足 ' + full + ' 位时，回避评委的分数以其余评委的平均分代替' : '；评委不足 ' + full + ' 位时少去或不去');
    }
    return english
      ? 'Final score = ' + a + ' × judge score + ' + b + ' × vote score (' + judge + '; ' + vote + ')'
      : '最终得分 = ' + a + ' × 评委得分 + ' + b + ' × 投票得分（' + judge + '；' + vote + '）';
  }

  // ---------- the round list ----------

  function turnoutText(roundId) {
    var p = live[roundId];
    var d = details[roundId];
    var ballots = p ? p.ballots : (d ? d.round.ballots : 0);
    var eligible = p ? p.eligible : 0;
    if (!eligible) return t('round.turnoutNoEligible', { ballots: ballots });
    return t('round.turnout', { ballots: ballots, eligible: eligible, pct: (100 * ballots / eligible).toFixed(1) });
  }

  function settingsText(s) {
    var bits = [t('round.choose', { min: s.minChoices, max: s.maxChoices }), t(s.revote === 'LastBallotCounts' ? 'round.revoteLast' : 'round.revoteFirst')];
    if (!s.allowOwnBranch) bits.push(t('round.noOwn'));
    if (s.secret) bits.push(t('round.secretShort'));
    if (s.showLiveTallies) bits.push(t('round.talliesShort'));
    return bits.join(' · ');
  }

  function tallyTable(d) {
    // A secret round's counts stay on the server until it closes (d.tally is null): turnout only.
    if (!d.tally) return el('p', { className: 'muted round-tally-secret', text: t('round.secretTally') });
    var max = 0;
    d.round.cases.forEach(function (c) { max = Math.max(max, d.tally[c.caseId] || 0); });
    return el('table', { className: 'data round-tally' }, [
      el('thead', null, el('tr', null, [
        el('th', { scope: 'col', text: t('case.colTitle') }),
        el('th', { scope: 'col', text: t('case.colBranch') }),
        el('th', { scope: 'col', className: 'num', text: t('round.votes') })
      ])),
      el('tbody', null, d.round.cases.map(function (c) {
        var n = d.tally[c.caseId] || 0;
        return el('tr', { 'data-case-id': c.caseId }, [
          el('td', { text: c.title }),
          el('td', { text: c.branchName }),
          el('td', { className: 'num tally-cell' }, [
            tallyBar(max ? Math.round(60 * n / max) : 0),
            el('span', { className: 'tally-n', text: String(n) })
          ])
        ]);
      }))
    ]);
  }

  /** The bar's width goes through the style object: a style attribute would be refused by the page's CSP. */
  function tallyBar(px) {
    var bar = el('span', { className: 'tally-bar' });
    bar.style.width = px + 'px';
    return bar;
  }

  function button(cls, key, enabled, handler, extra) {
    return el('button', { type: 'button', className: 'btn btn-small ' + (extra || '') + ' ' + cls, disabled: !enabled, text: t(key), onclick: handler });
  }

  function roundCard(roundId) {
    var d = details[roundId];
    if (!d) return el('article', { className: 'card round-card', 'data-round-id': roundId }, el('p', { className: 'muted', text: t('common.loading') }));
    var r = d.round;
    var s = r.settings;
    var isLive = s.kind === 'LiveFinal';
    var st = r.status;
    var published = st === 'Published';
    return el('article', { className: 'card round-card', 'data-round-id': roundId, 'data-status': st }, [
      el('div', { className: 'round-head' }, [
        el('h3', { text: s.name }),
        el('span', { className: 'badge badge-kind', text: t(isLive ? 'round.kindLive' : 'round.kindVote') }),
        S.badge('round', st)
      ]),
      el('p', { className: 'muted round-settings', text: t('round.caseCount', { n: r.cases.length }) + ' · ' + settingsText(s) }),
      el('p', { className: 'round-formula', text: t('round.formula') + formula(s.kind, s.voteMethod, s.judgeWeight, s.voteWeight, I18n.lang() === 'en') }),
      el('p', { className: 'round-turnout', 'aria-live': 'polite', text: turnoutText(roundId) }),
      st === 'Draft' || st === 'Open' ? closingControl(r) : null,
      el('div', { className: 'table-wrap' }, tallyTable(d)),
      el('div', { className: 'toolbar round-actions' }, [
        button('round-open', 'round.open', st === 'Draft', function () { transition(r, 'open', this); }),
        button('round-close', 'round.close', st === 'Open', function () { transition(r, 'close', this); }),
        button('round-publish', 'round.publish', st === 'Closed', function () { publish(r, this); }),
        st === 'Draft' ? button('round-edit', 'common.edit', true, function () { editRound(r); }, 'btn-secondary') : null
      ]),
      el('div', { className: 'toolbar round-actions' }, [
        button('round-screen-voting', 'round.screenVoting', st !== 'Draft', function () { toScreen(r, 'Voting', this); }, 'btn-secondary'),
        isLive ? button('round-screen-judging', 'round.screenJudging', true, function () { toScreen(r, 'Judging', this); }, 'btn-secondary') : null,
        button('round-screen-ranking', 'round.screenRanking', published, function () { toScreen(r, 'Ranking', this); }, 'btn-secondary'),
        isLive ? el('a', { className: 'btn btn-small btn-secondary round-stage', href: S.href('stage', roundId), text: t('round.toStage') }) : null,
        published ? el('a', { className: 'btn btn-small btn-secondary round-results', href: 'results.html?round=' + C.enc(roundId), target: '_blank', rel: 'noopener', text: t('round.results') }) : null,
        published ? el('a', { className: 'btn btn-small btn-secondary round-export', href: api(roundId, '/export.xlsx'), download: '', text: t('round.export') }) : null
      ])
    ]);
  }

  function renderRounds() {
    var box = App.clear($('#round-list'));
    var ids = roundIds();
    if (!ids.length) { box.appendChild(el('p', { className: 'card muted', text: t('round.none') })); return; }
    ids.slice().reverse().forEach(function (id) { box.appendChild(roundCard(id)); });
    var typing = closingFocus && box.querySelector('.round-card[data-round-id="' + closingFocus + '"] .round-closes-input');
    if (typing) typing.focus();
  }

  // ---------- closing time (the round closes itself then; phones and the big screen count down) ----------

  function two(n) { return (n < 10 ? '0' : '') + n; }
  /** An instant as a datetime-local value in this computer's time zone. */
  function localValue(iso) {
    var d = new Date(iso);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + 'T' + two(d.getHours()) + ':' + two(d.getMinutes());
  }
  function localText(iso) { return localValue(iso).replace('T', ' '); }

  function closingControl(r) {
    var id = r.roundId;
    var input = el('input', { type: 'datetime-local', className: 'round-closes-input', 'aria-label': t('round.closingLabel') });
    input.value = closingDrafts[id] !== undefined ? closingDrafts[id] : (r.closesAt ? localValue(r.closesAt) : '');
    input.addEventListener('input', function () { closingDrafts[id] = input.value; });
    input.addEventListener('focus', function () { closingFocus = id; });
    input.addEventListener('blur', function () { if (closingFocus === id) closingFocus = null; });
    return el('div', { className: 'toolbar round-deadline' }, [
      el('span', { className: 'round-closes-text', text: r.closesAt ? t('round.closesAt', { time: localText(r.closesAt) }) : t('round.noClosing') }),
      input,
      button('round-closes-set', 'round.setClosing', true, function () { setClosing(r, input.value, this); }),
      r.closesAt ? button('round-closes-clear', 'round.clearClosing', true, function () { setClosing(r, null, this); }, 'btn-secondary') : null
    ]);
  }

  async function setClosing(r, value, btn) {
    if (value !== null && !value) { App.showError(t('round.closingMissing')); return; }
    var at = value === null ? null : new Date(value);
    if (at && isNaN(at.getTime())) { App.showError(t('round.closingMissing')); return; }
    try {
      await App.busy(btn, null, function () { return App.put(api(r.roundId, '/closing-time'), { closesAt: at ? at.toISOString() : null }); });
      delete closingDrafts[r.roundId];
      App.clearError();
      App.toast(at ? t('round.closingSet', { name: r.settings.name, time: localText(at.toISOString()) }) : t('round.closingCleared', { name: r.settings.name }));
      loadRound(r.roundId);
    } catch (err) { C.handle(err); }
  }

  async function transition(r, action, btn) {
    var key = action === 'open' ? 'round.openConfirm' : 'round.closeConfirm';
    if (!w.confirm(t(key, { name: r.settings.name }))) return;
    try {
      await App.busy(btn, null, function () { return App.post(api(r.roundId, '/' + action)); });
      App.clearError();
      App.toast(t(action === 'open' ? 'round.opened' : 'round.closed', { name: r.settings.name }));
      loadRound(r.roundId);
    } catch (err) { C.handle(err); }
  }

  /** Cases of a live final with no revealed judge score (the server's RoundResultsBuilder.Unscored). */
  async function unscoredCases(r) {
    if (r.settings.kind !== 'LiveFinal') return [];
    var scores = await App.get(api(r.roundId, '/scores'));
    var scored = {};
    (scores || []).forEach(function (s) { if (s.locked && s.judgeScore !== null && s.judgeScore !== undefined) scored[s.caseId] = true; });
    return r.cases.filter(function (c) { return !scored[c.caseId]; });
  }

  async function publish(r, btn) {
    var message = t('round.publishConfirm', { name: r.settings.name });
    var missing;
    try { missing = await unscoredCases(r); } catch (err) { C.handle(err); return; }
    if (missing.length) {
      message = t('round.publishUnscored', { n: missing.length, names: missing.map(function (c) { return '“' + c.title + '”'; }).join('、') }) + '\n\n' + message;
    }
    if (!w.confirm(message)) return;
    // Only the cases just named are confirmed: if another went unscored meanwhile, the server refuses (409) and names it.
    var body = missing.length ? { confirmUnscored: true } : null;
    try {
      await App.busy(btn, null, function () { return App.post(api(r.roundId, '/publish'), body); });
      App.clearError();
      App.toast(t('round.published', { name: r.settings.name }));
      loadRound(r.roundId);
    } catch (err) { C.handle(err); }
  }

  async function toScreen(r, mode, btn) {
    try {
      // A view change carries no notice: each view keeps its own (the screen grain restores it).
      await App.busy(btn, null, function () {
        return App.put('/api/screens/main', {
          headline: String(S.ev.title).slice(0, 40), // the screen's limit (ScreenText.MaxHeadline)
          mode: mode,
          roundId: r.roundId
        });
      });
      App.clearError();
      App.toast(t('round.screenSent', { mode: t('round.mode' + mode) }));
    } catch (err) { C.handle(err); }
  }

  // ---------- the create / edit form ----------

  function accepted() { return ((S.ev && S.ev.cases) || []).filter(function (c) { return c.status === 'Accepted'; }); }

  function syncPicker(order) {
    var ids = accepted().map(function (c) { return c.caseId; });
    var next = (order || pickOrder).filter(function (id) { return ids.indexOf(id) >= 0; });
    ids.forEach(function (id) {
      if (next.indexOf(id) < 0) { next.push(id); if (!order && !(id in picked)) picked[id] = true; }
    });
    pickOrder = next;
  }

  function renderPicker() {
    var list = App.clear($('#round-cases'));
    if (!pickOrder.length) { list.appendChild(el('li', { className: 'muted', text: t('round.noAccepted') })); return; }
    pickOrder.forEach(function (id, i) {
      var c = S.caseById(id);
      if (!c) return;
      var box = el('input', { type: 'checkbox', className: 'round-case-pick', 'data-case-id': id, id: 'pick-' + id, checked: !!picked[id] });
      box.addEventListener('change', function () { picked[id] = box.checked; syncRange(); });
      list.appendChild(el('li', { className: picked[id] ? '' : 'unpicked' }, [
        box,
        el('label', { 'for': 'pick-' + id }, [el('b', { text: c.title }), ' · ' + c.branchName]),
        el('button', { type: 'button', className: 'btn btn-small btn-secondary round-case-up', disabled: i === 0, 'aria-label': t('sel.moveUp'), text: '↑', onclick: function () { swap(i, -1); } }),
        el('button', { type: 'button', className: 'btn btn-small btn-secondary round-case-down', disabled: i === pickOrder.length - 1, 'aria-label': t('sel.moveDown'), text: '↓', onclick: function () { swap(i, 1); } })
      ]));
    });
  }

  function swap(i, delta) {
    var j = i + delta;
    var tmp = pickOrder[i]; pickOrder[i] = pickOrder[j]; pickOrder[j] = tmp;
    renderPicker();
  }

  function chosenIds() { return pickOrder.filter(function (id) { return picked[id]; }); }

  function syncRange() {
    Array.prototype.forEach.call(document.querySelectorAll('#round-cases li'), function (li) {
      var box = li.querySelector('.round-case-pick');
      if (box) li.className = box.checked ? '' : 'unpicked';
    });
    var n = chosenIds().length;
    $('#round-max').max = String(Math.max(1, n));
    $('#round-min').max = String(Math.max(1, n));
    // Keep the range possible as cases are ticked off: at most as many choices as cases.
    if (n && Number($('#round-max').value) > n) $('#round-max').value = String(n);
    if (n && Number($('#round-min').value) > n) $('#round-min').value = String(n);
  }

  /** The judge share in whole percent, or NaN; the vote share is the rest, so the weights add up to 1. */
  function judgeShare() {
    var raw = String($('#round-judge-weight').value).trim();
    var pct = Number(raw);
    return raw !== '' && pct >= 0 && pct <= 100 && Math.floor(pct) === pct ? pct : NaN;
  }

  function syncForm() {
    var isLive = $('#round-kind').value === 'LiveFinal';
    $('#round-judge-weight').disabled = !isLive;
    $('#round-vote-weight').disabled = !isLive;
    var share = judgeShare();
    $('#round-vote-weight').value = isNaN(share) ? '' : String(100 - share);
    var secret = $('#round-secret').checked;
    var last = $('#round-revote').querySelector('option[value="LastBallotCounts"]');
    last.disabled = secret; // a secret round keeps no voter-to-ballot link, so it cannot replace a ballot
    if (secret) $('#round-revote').value = 'FirstBallotFinal';
    $('#round-formula').textContent = isNaN(share) ? t('round.badShare') : formula($('#round-kind').value, $('#round-method').value,
      share / 100, (100 - share) / 100, I18n.lang() === 'en');
  }

  ['#round-kind', '#round-secret', '#round-method', '#round-revote'].forEach(function (sel) { $(sel).addEventListener('change', syncForm); });
  $('#round-judge-weight').addEventListener('input', syncForm);

  function setFormTitle(key, params) {
    var title = $('#round-form-title');
    if (params) title.removeAttribute('data-i18n'); else title.setAttribute('data-i18n', key);
    title.textContent = t(key, params);
  }

  function resetRoundForm() {
    editingRoundId = null;
    $('#round-form').reset();
    picked = {};
    pickOrder = [];
    syncPicker();
    setFormTitle('round.newTitle');
    $('#round-create').setAttribute('data-i18n', 'round.create');
    $('#round-create').textContent = t('round.create');
    $('#round-cancel').hidden = true;
    renderPicker();
    syncRange();
    syncForm();
  }

  function editRound(r) {
    var s = r.settings;
    editingRoundId = r.roundId;
    $('#round-name').value = s.name;
    $('#round-kind').value = s.kind;
    $('#round-min').value = s.minChoices;
    $('#round-max').value = s.maxChoices;
    $('#round-own').checked = !!s.allowOwnBranch;
    $('#round-secret').checked = !!s.secret;
    $('#round-tallies').checked = !!s.showLiveTallies;
    $('#round-revote').value = s.revote;
    $('#round-method').value = s.voteMethod;
    // Shown in percent; a draft saved before weights had to add up to 1 (70 and 30) shows 7000 and must be corrected.
    $('#round-judge-weight').value = s.kind === 'LiveFinal' ? String(Math.round(Number(s.judgeWeight) * 10000) / 100) : '70';
    picked = {};
    s.caseIds.forEach(function (id) { picked[id] = true; });
    syncPicker(s.caseIds.slice());
    setFormTitle('round.editTitle', { name: s.name });
    $('#round-create').setAttribute('data-i18n', 'common.save');
    $('#round-create').textContent = t('common.save');
    $('#round-cancel').hidden = false;
    renderPicker();
    syncRange();
    syncForm();
    $('#round-form').scrollIntoView({ block: 'start' });
  }

  $('#round-cancel').addEventListener('click', resetRoundForm);

  $('#round-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var form = e.target;
    if (!$('#round-name').value.trim()) $('#round-name').value = '';
    if (!form.reportValidity()) return;
    var ids = chosenIds();
    var min = parseInt($('#round-min').value, 10);
    var max = parseInt($('#round-max').value, 10);
    if (!ids.length) { App.showError(t('round.pickCases')); return; }
    if (!(min >= 1 && max >= min && max <= ids.length)) { App.showError(t('round.badRange', { n: ids.length })); return; }
    var isLive = $('#round-kind').value === 'LiveFinal';
    var share = judgeShare();
    if (isLive && isNaN(share)) { App.showError(t('round.badShare')); return; }
    var settings = {
      name: $('#round-name').value.trim(),
      kind: isLive ? 'LiveFinal' : 'Vote',
      caseIds: ids,
      minChoices: min,
      maxChoices: max,
      allowOwnBranch: $('#round-own').checked,
      revote: $('#round-revote').value,
      secret: $('#round-secret').checked,
      showLiveTallies: $('#round-tallies').checked,
      // Whole percentages divided by 100 print as exact decimals (70 → 0.7, 7 → 0.07) and add up to 1 on the server.
      judgeWeight: isLive ? share / 100 : 0,
      voteWeight: isLive ? (100 - share) / 100 : 1,
      voteMethod: $('#round-method').value
    };
    var editing = editingRoundId;
    try {
      var round = await App.busy($('#round-create'), 'common.saving', function () {
        return editing ? App.put(api(editing), settings) : App.post('/api/selection/events/' + C.enc(S.eventId) + '/rounds', settings);
      });
      App.clearError();
      App.toast(t(editing ? 'round.saved' : 'round.created', { name: settings.name }));
      resetRoundForm();
      if (round && round.roundId) loadRound(round.roundId);
      S.reload();
    } catch (err) { C.handle(err); }
  });

  S.tab('rounds', {
    show: function () {
      if (!editingRoundId) { syncPicker(); renderPicker(); syncRange(); }
      syncForm();
      renderRounds();
      loadAll();
    }
  });

  S.onEvent(function (ev) {
    if (editingRoundId && ev.roundIds.indexOf(editingRoundId) < 0) editingRoundId = null;
    if (S.tab === 'rounds') {
      if (!editingRoundId) { syncPicker(); renderPicker(); syncRange(); }
      renderRounds();
      roundIds().forEach(function (id) { if (!details[id]) loadRound(id); });
    }
  });

  S.onSwitch(function () { resetRoundForm(); App.clear($('#round-list')); });
  I18n.onChange(function () {
    if (S.active('rounds')) { renderPicker(); syncForm(); renderRounds(); }
  });

  w.ConsoleRounds = { details: details, loadRound: loadRound, toScreen: toScreen, api: api };
}(window));
