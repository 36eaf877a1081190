/*
 * A contest's stage final (现场团队赛) before it starts: teams (a branch or a district each, a few players), the
 * scoring rules (必答 / 抢答 / 风险, the early-buzz rule), and the stage's question list (part per question, the
 * team for 必答 and 风险), saved with PUT /api/contests/{id}/stage and started with …/stage/start. The edit is
 * kept on the page (K.stageDraft) until saved; the desk links are in console-contest-desks.js.
 */
(function () {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var K = ConsoleContest;
  var PARTS = ['Required', 'Buzzer', 'Risk'];
  var RULES = ['requiredCorrect', 'requiredWrong', 'buzzCorrect', 'buzzWrong', 'earlyBuzzPenalty', 'answerSeconds'];
  var DEFAULT_RULES = {
    requiredCorrect: 10, requiredWrong: 0, buzzCorrect: 10, buzzWrong: 10,
    earlyBuzz: 'Refuse', earlyBuzzPenalty: 10, reopenAfterWrong: true, riskValues: [10, 20, 30], answerSeconds: 30
  };

  var S = { stage: null, teams: [], questions: [], dirty: false, contestId: null };
  K.stage = S;

  function setDirty(on) { S.dirty = on; $('#kc-stage-dirty').hidden = !on; }
  function editable() { return !S.stage || S.stage.status === 'Setup'; }
  function byZh(a, b) { return String(a).localeCompare(String(b), 'zh-CN'); }

  S.teamName = function (id) {
    for (var i = 0; i < S.teams.length; i++) if (S.teams[i].teamId === id) return S.teams[i].name;
    return id || '—';
  };

  function nextTeamId() {
    var n = 1;
    var taken = {};
    S.teams.forEach(function (team) { taken[team.teamId] = true; });
    while (taken['T' + n]) n++;
    return 'T' + n;
  }

  // ---------- loading ----------

  function take(stage) {
    S.stage = stage;
    var setup = (stage && stage.setup) || {};
    S.teams = (setup.teams || []).map(function (x) {
      return { teamId: x.teamId, name: x.name, branchId: x.branchId || null, district: x.district || null, players: (x.players || []).slice() };
    });
    S.questions = (setup.questions || []).map(function (q) {
      return { part: q.part, questionId: q.question ? q.question.questionId : q.questionId, teamId: q.teamId || null };
    });
    fillRules(setup.rules || DEFAULT_RULES);
    setDirty(false);
    render();
  }

  S.load = async function () {
    var id = K.id;
    S.contestId = id;
    try {
      var stage = await App.get(K.api('/stage'));
      if (id === K.id) take(stage);
    } catch (err) {
      if (err.status === 404 && id === K.id) { take(null); return; } // nothing set up yet
      C.handle(err);
    }
  };

  // ---------- rules ----------

  function fillRules(r) {
    // Points taken are counted as their size whatever the sign stored (StageScoring takes −|x|): shown unsigned.
    RULES.forEach(function (k) { var v = r[k] === undefined ? DEFAULT_RULES[k] : r[k]; $('#kc-rule-' + k).value = typeof v === 'number' ? Math.abs(v) : v; });
    $('#kc-rule-earlyBuzz').value = r.earlyBuzz || DEFAULT_RULES.earlyBuzz;
    $('#kc-rule-reopenAfterWrong').checked = r.reopenAfterWrong !== undefined ? !!r.reopenAfterWrong : DEFAULT_RULES.reopenAfterWrong;
    $('#kc-rule-riskValues').value = (r.riskValues || DEFAULT_RULES.riskValues).join(', ');
    syncRulesText();
  }

  function readRules() {
    var r = {};
    RULES.forEach(function (k) { var n = parseInt($('#kc-rule-' + k).value, 10); r[k] = isNaN(n) ? 0 : n; });
    r.earlyBuzz = $('#kc-rule-earlyBuzz').value;
    r.reopenAfterWrong = $('#kc-rule-reopenAfterWrong').checked;
    r.riskValues = $('#kc-rule-riskValues').value.split(/[\s,，、;；]+/).filter(Boolean).map(function (x) { return parseInt(x, 10); });
    return r;
  }

  function syncRulesText() {
    var r = readRules();
    var early = r.earlyBuzz === 'Penalty' ? t('kc.early.text.Penalty', { n: r.earlyBuzzPenalty }) : t('kc.early.text.' + r.earlyBuzz);
    $('#kc-stage-rules-text').textContent = [
      t('kc.stageRule.required', { c: r.requiredCorrect, w: r.requiredWrong }),
      t('kc.stageRule.buzz', { c: r.buzzCorrect, w: r.buzzWrong }),
      early,
      r.reopenAfterWrong ? t('kc.stageRule.reopen') : t('kc.stageRule.noReopen'),
      t('kc.stageRule.risk', { values: r.riskValues.join('/') }),
      t('kc.stageRule.seconds', { n: r.answerSeconds })
    ].join(t('tour.sep'));
  }

  Array.prototype.forEach.call(document.querySelectorAll('#kc-stage-fields .form-grid input, #kc-stage-fields .form-grid select, #kc-rule-reopenAfterWrong'), function (input) {
    input.addEventListener('input', function () { syncRulesText(); setDirty(true); });
    input.addEventListener('change', function () { syncRulesText(); setDirty(true); });
  });

  // ---------- teams ----------

  function renderTeams() {
    var tbody = App.clear($('#kc-team-table tbody'));
    var can = editable();
    if (!S.teams.length) tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 4, text: t('kc.noTeams') })));
    S.teams.forEach(function (team, i) {
      var from = team.branchId ? ((C.branchById(team.branchId) || {}).name || team.branchId) : team.district ? t('kc.teamDistrict', { district: team.district }) : '—';
      tbody.appendChild(el('tr', { 'data-team-id': team.teamId }, [
        el('td', null, el('input', {
          type: 'text', className: 'kc-team-name', value: team.name, maxlength: 40, required: true, 'aria-label': t('tour.teamName'), disabled: !can,
          oninput: function () { team.name = this.value; setDirty(true); renderQuestionTeams(); }
        })),
        el('td', { text: from }),
        el('td', null, el('input', {
          type: 'text', className: 'kc-team-players', value: team.players.join('、'), maxlength: 200, 'aria-label': t('kc.players'), disabled: !can,
          oninput: function () { team.players = this.value.split(/[,，、;；]+/).map(function (s) { return s.trim(); }).filter(Boolean); setDirty(true); }
        })),
        el('td', { className: 'actions' }, can ? el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'), onclick: function () {
          S.teams.splice(i, 1);
          S.questions.forEach(function (q) { if (q.teamId === team.teamId) q.teamId = null; });
          setDirty(true);
          render();
        } }) : null)
      ]));
    });
  }

  function addTeam(team) {
    team.teamId = nextTeamId();
    S.teams.push(team);
    setDirty(true);
  }

  $('#kc-team-add').addEventListener('click', function () {
    addTeam({ name: t('kc.teamN', { n: S.teams.length + 1 }), branchId: null, district: null, players: [] });
    render();
    var inputs = document.querySelectorAll('#kc-team-table .kc-team-name');
    if (inputs.length) inputs[inputs.length - 1].focus();
  });

  $('#kc-team-branches').addEventListener('click', function () {
    var box = App.clear($('#kc-branch-list'));
    var used = {};
    S.teams.forEach(function (team) { if (team.branchId) used[team.branchId] = true; });
    ((C.org && C.org.branches) || []).slice().sort(function (a, b) { return byZh(a.district, b.district) || byZh(a.name, b.name); }).forEach(function (b) {
      box.appendChild(el('label', { className: 'check kc-pick' }, [
        el('input', { type: 'checkbox', value: b.branchId, disabled: !!used[b.branchId] }), ' ', b.district + ' · ' + b.name
      ]));
    });
    if (!box.firstChild) box.appendChild(el('p', { className: 'muted', text: t('kc.noBranches') }));
    $('#kc-branch-picker').hidden = false;
  });

  $('#kc-branch-cancel').addEventListener('click', function () { $('#kc-branch-picker').hidden = true; });

  $('#kc-branch-add').addEventListener('click', function () {
    Array.prototype.forEach.call(document.querySelectorAll('#kc-branch-list input:checked:not(:disabled)'), function (box) {
      var b = C.branchById(box.value);
      if (b) addTeam({ name: b.name, branchId: String(b.branchId), district: b.district || null, players: [] });
    });
    $('#kc-branch-picker').hidden = true;
    render();
  });

  $('#kc-team-districts').addEventListener('click', function () {
    var used = {};
    S.teams.forEach(function (team) { if (team.district && !team.branchId) used[team.district] = true; });
    var districts = ((C.org && C.org.districts) || []).map(function (d) { return d.name; }).sort(byZh);
    districts.forEach(function (d) { if (!used[d]) addTeam({ name: d, branchId: null, district: d, players: [] }); });
    if (!districts.length) App.showError(t('kc.noBranches'));
    render();
  });

  // ---------- the stage's questions ----------

  function questionOptions(select, chosen) {
    App.clear(select);
    select.appendChild(el('option', { value: '' }, t('kc.chooseQuestion')));
    ((K.bank && K.bank.questions) || []).forEach(function (q) {
      select.appendChild(el('option', { value: q.questionId, selected: q.questionId === chosen },
        q.questionId + ' · ' + K.typeLabel(q.type) + ' · ' + K.short(q.stem, 40)));
    });
    // A question no longer in the bank is still the stage's copy: keep it selectable.
    if (chosen && !K.bankQuestion(chosen)) select.appendChild(el('option', { value: chosen, selected: true }, chosen));
  }

  function teamOptions(select, q) {
    App.clear(select);
    if (q.part === 'Buzzer') { select.appendChild(el('option', { value: '' }, t('kc.anyTeam'))); select.disabled = true; return; }
    select.disabled = !editable();
    select.appendChild(el('option', { value: '' }, t('kc.chooseTeam')));
    S.teams.forEach(function (team) { select.appendChild(el('option', { value: team.teamId, selected: team.teamId === q.teamId }, team.name)); });
  }

  function renderQuestions() {
    var tbody = App.clear($('#kc-stage-table tbody'));
    var can = editable();
    if (!S.questions.length) tbody.appendChild(el('tr', { className: 'empty-row' }, el('td', { colspan: 5, text: t('kc.noStageQuestions') })));
    S.questions.forEach(function (q, i) {
      var part = el('select', { className: 'kc-stage-part', 'aria-label': t('kc.part'), disabled: !can, onchange: function () {
        q.part = this.value;
        if (q.part === 'Buzzer') q.teamId = null;
        setDirty(true);
        teamOptions(team, q);
      } }, PARTS.map(function (p) { return el('option', { value: p, selected: p === q.part }, K.partLabel(p)); }));
      var question = el('select', { className: 'kc-stage-question', 'aria-label': t('kc.question'), disabled: !can, onchange: function () { q.questionId = this.value || null; setDirty(true); } });
      questionOptions(question, q.questionId);
      var team = el('select', { className: 'kc-stage-team', 'aria-label': t('kc.team'), onchange: function () { q.teamId = this.value || null; setDirty(true); } });
      teamOptions(team, q);
      tbody.appendChild(el('tr', { 'data-no': i + 1 }, [
        el('td', { className: 'num', text: i + 1 }),
        el('td', null, part),
        el('td', null, question),
        el('td', null, team),
        el('td', { className: 'actions' }, can ? [
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: '↑', 'aria-label': t('kc.up'), disabled: i === 0, onclick: function () { swap(i, -1); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: '↓', 'aria-label': t('kc.down'), disabled: i === S.questions.length - 1, onclick: function () { swap(i, 1); } }),
          el('button', { type: 'button', className: 'btn btn-small btn-danger', text: t('common.delete'), onclick: function () { S.questions.splice(i, 1); setDirty(true); renderQuestions(); } })
        ] : null)
      ]));
    });
  }

  function renderQuestionTeams() {
    Array.prototype.forEach.call(document.querySelectorAll('#kc-stage-table .kc-stage-team'), function (select, i) { teamOptions(select, S.questions[i]); });
  }

  function swap(i, delta) {
    var j = i + delta;
    if (j < 0 || j >= S.questions.length) return;
    var x = S.questions[i]; S.questions[i] = S.questions[j]; S.questions[j] = x;
    setDirty(true);
    renderQuestions();
  }

  $('#kc-stage-add').addEventListener('click', function () {
    var last = S.questions[S.questions.length - 1];
    // 必答 rounds go team by team: a new 必答 row goes to the team after the last one's.
    var part = last ? last.part : 'Required';
    var teamId = null;
    if (part !== 'Buzzer' && S.teams.length) {
      var at = last ? S.teams.map(function (x) { return x.teamId; }).indexOf(last.teamId) : -1;
      teamId = S.teams[(at + 1) % S.teams.length].teamId;
    }
    S.questions.push({ part: part, questionId: null, teamId: teamId });
    setDirty(true);
    renderQuestions();
  });

  // ---------- save and start ----------

  function body() {
    return {
      rules: readRules(),
      teams: S.teams.map(function (x) { return { teamId: x.teamId, name: x.name.trim(), branchId: x.branchId, district: x.district, players: x.players }; }),
      questions: S.questions.map(function (q, i) { return { no: i + 1, part: q.part, questionId: q.questionId || '', teamId: q.part === 'Buzzer' ? null : q.teamId }; })
    };
  }

  async function save(btn) {
    var b = body();
    if (b.teams.some(function (x) { return !x.name; })) { App.showError(t('kc.teamNeedsName')); return false; }
    if (b.questions.some(function (q) { return !q.questionId; })) { App.showError(t('kc.stageNeedsQuestion')); return false; }
    try {
      var stage = await App.busy(btn, 'common.saving', function () { return App.put(K.api('/stage'), b); });
      App.clearError();
      if (stage) take(stage); else await S.load();
      return true;
    } catch (err) { C.handle(err); return false; }
  }

  $('#kc-stage-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    if (await save($('#kc-stage-save'))) App.toast(t('kc.stageSaved'));
  });

  $('#kc-stage-start').addEventListener('click', async function () {
    if (S.dirty && !(await save($('#kc-stage-save')))) return;
    if (!window.confirm(t('kc.stageStartConfirm', { teams: S.teams.length, n: S.questions.length }))) return;
    var btn = this;
    try {
      var stage = await App.busy(btn, null, function () { return App.post(K.api('/stage/start')); });
      App.clearError();
      if (stage) take(stage); else await S.load();
      App.toast(t('kc.stageStarted'));
    } catch (err) { C.handle(err); }
  });

  function render() {
    var can = editable();
    $('#kc-stage-locked').hidden = can;
    $('#kc-stage-fields').disabled = !can;
    $('#kc-stage-save').disabled = !can;
    $('#kc-stage-start').disabled = !can;
    renderTeams();
    renderQuestions();
    syncRulesText();
    if (S.onRender) S.onRender();
  }
  S.render = render;

  K.tab('stage', {
    show: function () {
      if (S.contestId !== K.id || !S.dirty) S.load(); else render();
      if (!K.bank) K.loadBank();
    }
  });

  K.onBank(function () { if (C.current === 'contest' && K.id && K.tabName === 'stage') renderQuestions(); });
  C.onOrg(function () { if (C.current === 'contest' && K.id && K.tabName === 'stage') renderTeams(); });
}());
