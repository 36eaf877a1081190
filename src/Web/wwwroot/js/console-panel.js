/*
 * Case selection, tab "stage": the round's panel (本轮评委). Lists every judge whose link is valid for the
 * round's event and lets the organiser choose who scores this round (PUT …/panel). The choice applies from
 * the next case put on stage; the server fixes the panel of a case when it comes on stage and enforces it.
 * console-stage.js calls show(roundId) whenever it shows a round.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var C = ConsoleApp;
  var R = ConsoleRounds;

  var roundId = null;
  var panel = null;   // {chosen: [grantId]|null, judges: [{grantId, name, branchId, onPanel}]}
  var seq = 0;

  function branchText(id) {
    if (!id) return t('panel.noBranch');
    var b = C.branchById(id);
    return b ? b.name : '…';
  }

  function render() {
    var box = App.clear($('#panel-judges'));
    var judges = panel ? panel.judges : [];
    $('#panel-none').hidden = !panel || judges.length > 0;
    $('#panel-actions').hidden = !judges.length;
    $('#panel-state').textContent = !panel ? '' : panel.chosen
      ? t('panel.stateChosen', { n: judges.filter(function (j) { return j.onPanel; }).length, m: judges.length })
      : t('panel.stateAll', { m: judges.length });
    judges.forEach(function (j) {
      var id = 'panel-judge-' + j.grantId.replace(/[^\w-]/g, '_');
      box.appendChild(el('label', { className: 'panel-judge', 'for': id, 'data-grant-id': j.grantId }, [
        el('input', { type: 'checkbox', id: id, value: j.grantId, checked: !!j.onPanel }),
        el('span', { className: 'panel-judge-name', text: j.name }),
        el('span', { className: 'muted', text: branchText(j.branchId) })
      ]));
    });
  }

  async function load() {
    var mine = ++seq;
    var id = roundId;
    if (!id) return;
    try {
      var answer = await App.get(R.api(id, '/panel'));
      if (mine !== seq || id !== roundId) return;
      panel = answer;
      render();
    } catch (err) { C.handle(err); }
  }

  async function save(judgeIds, btn) {
    if (judgeIds && !judgeIds.length) { App.showError(t('panel.pickOne')); return; }
    var id = roundId;
    try {
      var answer = await App.busy(btn, null, function () { return App.put(R.api(id, '/panel'), { judgeIds: judgeIds }); });
      App.clearError();
      if (id !== roundId) return;
      panel = answer;
      render();
      App.toast(t('panel.saved'));
    } catch (err) { C.handle(err); }
  }

  $('#panel-save').addEventListener('click', function () {
    var ids = Array.prototype.map.call(document.querySelectorAll('#panel-judges input:checked'), function (i) { return i.value; });
    save(ids, this);
  });
  $('#panel-all').addEventListener('click', function () { save(null, this); });
  I18n.onChange(function () { if (panel) render(); });
  C.onOrg(function () { if (panel) render(); });

  w.ConsoleJudgePanel = {
    show: function (id) {
      if (id !== roundId) { roundId = id; panel = null; render(); }
      load();
    }
  };
}(window));
