/*
 * Drawing the member's quiz page (quiz.html; the state, the loading and the answering are js/quiz.js, which makes
 * one view with QuizView.create(api) and calls render() whenever something the phone shows has changed).
 * api: phone() and me() (the PhoneView and the sign-in), sending, notes and picked (per question number, shared
 * with quiz.js), stored(no) and answerFor(no), submit(question, choice), resend(no), retryNow() and show(view).
 * It draws only what the server sent: the question once shown, the key and explanation once revealed. ES2019.
 */
(function (w) {
  'use strict';

  var $ = App.$;
  var el = App.el;
  var tickTimer = 0;

  function create(api) {

    function letters(q) {
      if (q.type === 'TrueFalse') return ['A', 'B'];
      return (q.options || []).map(function (_, i) { return String.fromCharCode(65 + i); });
    }
    function optionText(q, letter) {
      if (q.type === 'TrueFalse') return t(letter === 'A' ? 'quiz.true' : 'quiz.false');
      return q.options[letter.charCodeAt(0) - 65] || '';
    }
    /** "AC" as the member reads it: letters, or 正确/错误 on a true/false question. */
    function choiceText(q, choice) {
      if (!choice) return '';
      if (q && q.type === 'TrueFalse') return choice.split('').map(function (l) { return optionText(q, l); }).join('');
      return choice;
    }

    function render() {
      if (!api.phone()) return;
      var live = api.phone().live;
      api.show('contest');
      $('#quiz-title').textContent = live.title;
      var status = $('#quiz-status');
      status.textContent = t('quiz.status.' + live.status);
      status.setAttribute('data-status', live.status === 'Running' ? 'Open' : live.status === 'Finished' ? 'Published' : 'Draft');
      $('#quiz-who').textContent = api.me() ? t('quiz.who', { name: api.me().name || '', branch: api.me().branchName || '' }) : '';
      var q = live.question;
      $('#quiz-progress').textContent = q ? t('quiz.progress', { no: q.no, count: live.questionCount }) : '';
      drawBody(live, q);
      drawStanding(live);
    }

    function drawBody(live, q) {
      var body = $('#quiz-body');
      var phase = live.status === 'Running' && q ? live.phase : 'None';
      body.setAttribute('data-phase', phase);
      body.setAttribute('data-status', live.status);
      App.clear(body);
      if (live.status === 'Draft') { body.appendChild(el('p', { className: 'quiz-wait', text: t('quiz.waitStart') })); return; }
      if (live.status === 'Finished') { body.appendChild(el('p', { className: 'quiz-wait quiz-finished', text: t('quiz.finished') })); return; }
      if (!q || phase === 'None') { body.appendChild(el('p', { className: 'quiz-wait', text: t('quiz.waitQuestion') })); return; }

      body.setAttribute('data-question-no', String(q.no));
      body.appendChild(el('p', { className: 'quiz-meta' }, [
        el('span', { className: 'vote-tag', text: t('quiz.type.' + q.type) }),
        el('span', { className: 'vote-tag', text: t('quiz.points', { points: q.points }) })
      ]));
      body.appendChild(el('h2', { className: 'quiz-stem', text: q.stem }));
      if (q.image && /^\/[^/]/.test(q.image)) body.appendChild(el('img', { className: 'quiz-image', src: q.image, alt: '' }));
      if (phase === 'Open') {
        var cd = el('p', { className: 'quiz-countdown', role: 'timer', 'data-closes-at': live.closesAt || '' });
        body.appendChild(cd);
        paintCountdown(cd);
        startTicking();
      }

      var mine = api.answerFor(q.no);
      var reveal = phase === 'Revealed' && live.reveal && live.reveal.no === q.no ? live.reveal : null;
      // A kept answer not yet decided (on its way, or waiting for 重新提交) holds the buttons: one answer per question.
      var pending = mine ? null : api.stored(q.no);
      var canAnswer = phase === 'Open' && !mine && !pending && !api.sending[q.no] && q.type !== 'Oral';
      var multiple = q.type === 'Multiple';
      var ticks = api.picked[q.no] || [];
      var shownChoice = mine ? mine.choice : (pending ? pending.choice : ticks.join(''));

      var options = el('div', { className: 'quiz-options' + (q.type === 'TrueFalse' ? ' quiz-tf' : ''), role: 'group' });
      letters(q).forEach(function (letter) {
        var chosen = shownChoice.indexOf(letter) >= 0;
        var right = reveal ? reveal.answer.indexOf(letter) >= 0 : false;
        var button = el('button', {
          type: 'button', className: 'quiz-option' + (right ? ' correct' : ''), 'data-letter': letter,
          'aria-pressed': chosen ? 'true' : 'false', disabled: !canAnswer
        }, [
          q.type === 'TrueFalse' ? null : el('span', { className: 'quiz-letter', text: letter }),
          el('span', { className: 'quiz-option-text', text: optionText(q, letter) })
        ]);
        button.addEventListener('click', function () {
          if (!multiple) { api.submit(q, letter); return; }
          var list = api.picked[q.no] = (api.picked[q.no] || []).slice();
          var i = list.indexOf(letter);
          if (i >= 0) list.splice(i, 1); else list.push(letter);
          list.sort();
          button.setAttribute('aria-pressed', i >= 0 ? 'false' : 'true');
          var go = $('.quiz-submit', body);
          if (go) go.disabled = list.length === 0;
        });
        options.appendChild(button);
      });
      body.appendChild(options);

      if (canAnswer && multiple) {
        body.appendChild(el('p', { className: 'hint', text: t('quiz.multiHint') }));
        var go = el('button', { type: 'button', className: 'btn btn-large btn-block quiz-submit', text: t('quiz.submit'), disabled: ticks.length === 0 });
        go.addEventListener('click', function () { if ((api.picked[q.no] || []).length) api.submit(q, api.picked[q.no].join('')); });
        body.appendChild(go);
      }
      if (phase === 'Shown') body.appendChild(el('p', { className: 'quiz-wait', text: t('quiz.waitOpen') }));

      var note = el('p', { className: 'vote-status quiz-note', role: 'status', 'aria-live': 'polite' });
      fillNote(note, q.no);
      body.appendChild(note);

      if (mine && mine.receipt) {
        body.appendChild(el('div', { className: 'quiz-submitted' }, [
          el('p', { className: 'vote-done-title' }, [el('span', { className: 'vote-done-mark', 'aria-hidden': 'true', text: '✓' }), t('quiz.submitted')]),
          el('p', { className: 'quiz-your-choice', text: t('quiz.yourChoice', { choice: choiceText(q, mine.choice) }) }),
          el('p', { className: 'quiz-receipt mono', text: t('quiz.receipt', { receipt: mine.receipt }) })
        ]));
      }
      if (phase === 'Locked') {
        body.appendChild(el('p', { className: 'quiz-locked', text: t(mine ? 'quiz.locked' : 'quiz.lockedNoAnswer') }));
      }
      if (reveal) body.appendChild(buildReveal(q, reveal, mine));
    }

    function buildReveal(q, reveal, mine) {
      var verdict;
      if (!mine) verdict = el('p', { className: 'quiz-verdict', 'data-result': 'none', text: t('quiz.unanswered') });
      else if (mine.correct === true || mine.correct === false) {
        verdict = el('p', { className: 'quiz-verdict', 'data-result': mine.correct ? 'right' : 'wrong' }, [
          el('span', { className: 'quiz-verdict-text', text: t(mine.correct ? 'quiz.right' : 'quiz.wrong') }),
          el('span', { className: 'quiz-verdict-points', text: t('quiz.markPoints', { points: typeof mine.points === 'number' ? mine.points : '—' }) })
        ]);
      } else {
        verdict = el('p', { className: 'quiz-verdict', 'data-result': 'pending', text: t('quiz.marking') });
      }
      return el('div', { className: 'quiz-reveal' }, [
        verdict,
        el('p', { className: 'quiz-answer', text: t('quiz.answerIs', { answer: choiceText(q, reveal.answer) }) }),
        reveal.explanation ? el('div', { className: 'quiz-explanation' }, [
          el('h3', { text: t('quiz.explanation') }),
          el('p', { text: reveal.explanation })
        ]) : null
      ]);
    }

    function drawStanding(live) {
      var box = $('#quiz-standing');
      var standings = live.standings;
      var revealedAny = standings && standings.afterQuestion > 0;
      box.hidden = !revealedAny && !api.phone().me;
      App.clear(box);
      if (box.hidden) return;
      if (live.status === 'Finished') box.appendChild(el('h3', { text: t('quiz.finalRank') }));
      var m = api.phone().me;
      box.appendChild(el('p', { className: 'quiz-my-rank', text: m ? t('quiz.myRank', { rank: m.rank, ranked: api.phone().ranked, points: m.points }) : t('quiz.noRank') }));
      var branchId = (m && m.branchId) || (api.me() && api.me().branchId);
      var branches = (standings && standings.branches) || [];
      for (var i = 0; i < branches.length; i++) {
        if (String(branches[i].key) !== String(branchId)) continue;
        box.appendChild(el('p', { className: 'quiz-branch-place', text: t('quiz.branchPlace', { name: branches[i].name, rank: branches[i].rank, count: branches.length }) }));
        break;
      }
    }

    function fillNote(box, no) {
      App.clear(box);
      var note = api.notes[no];
      box.hidden = !note;
      box.setAttribute('data-kind', note ? note.kind : '');
      if (!note) return;
      box.appendChild(el('span', { className: 'vote-status-text', text: note.text ? note.text : t(note.key, note.params) }));
      if (note.retry) box.appendChild(el('button', { type: 'button', className: 'btn btn-small btn-secondary', text: t('error.retryNow'), onclick: api.retryNow }));
      if (note.resend) {
        box.appendChild(el('button', {
          type: 'button', className: 'btn btn-small', text: t('quiz.resend'),
          onclick: function () { api.resend(no); }
        }));
      }
    }
    function renderNote(no) {
      var body = $('#quiz-body');
      var box = $('.quiz-note', body);
      if (box && body.getAttribute('data-question-no') === String(no)) fillNote(box, no);
    }

    return { render: render, renderNote: renderNote };
  }

  // ---------- countdown (server clock: App.serverClockOffset), one timer for the page ----------

  function paintCountdown(node) {
    var at = Date.parse(node.getAttribute('data-closes-at'));
    if (isNaN(at)) { node.textContent = ''; return; }
    var ms = at - (Date.now() + (App.serverClockOffset || 0));
    node.setAttribute('data-ended', ms > 0 ? 'false' : 'true');
    node.setAttribute('data-urgent', ms > 0 && ms <= 5000 ? 'true' : 'false');
    node.textContent = ms > 0 ? t('quiz.secondsLeft', { s: Math.ceil(ms / 1000) }) : t('quiz.timeUp');
  }
  function startTicking() {
    if (tickTimer) return;
    tickTimer = setInterval(function () {
      var nodes = document.querySelectorAll('.quiz-countdown[data-closes-at]');
      Array.prototype.forEach.call(nodes, paintCountdown);
      if (!nodes.length) { clearInterval(tickTimer); tickTimer = 0; }
    }, 250);
  }

  w.QuizView = { create: create };
}(window));
