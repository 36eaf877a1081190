/*
 * BracketSvg.render(svg, fixtures, opts) draws a knockout (or double-elimination) bracket into an <svg>:
 * rounds as columns, each match a box with both teams and their set scores, winners highlighted, running
 * matches marked, lines from each match to the one its winner goes on to; the third-place match sits
 * apart under the final. The drawing is in its own units (viewBox) and scales to whatever box the svg has.
 *
 * fixtures: the tournament's non-group Fixtures (stage Main | ThirdPlace | Winners | Losers | GrandFinal |
 * GrandFinalReset). BYE matches are not fixtures: their place in the tree simply stays empty.
 * opts: { teamName(teamId) → text, live(matchId) → MatchView|null (for running matches),
 *         seedOf(teamId) → number|null (optional), pathTeam: teamId to highlight until someone picks another }.
 * Every match is a g.bracket-match[data-match-id][data-status] whose team names are <text class="bm-name">;
 * its match number (BracketSvg.matchNumbers: the order of play, round by round) is <text class="bm-no">, and each
 * known team's seed (or, from a group, its place such as "A1") is <text class="bm-seed">.
 * Tapping or hovering a team marks its path: every match it plays gets class on-path, its rows path-team, and the
 * lines between those matches on-path; the svg carries data-path-team. Tapping it again (or empty space) clears it.
 */
(function (w) {
  'use strict';

  var NS = 'http://www.w3.org/2000/svg';
  var BOX_W = 520;
  var ROW_H = 54;
  var BOX_H = ROW_H * 2;
  var META_H = 30;        // court and time above the box
  var GAP_Y = 26;
  var SLOT_H = META_H + BOX_H + GAP_Y;
  var GAP_X = 96;
  var HEAD_H = 56;        // column titles
  var NAME_FONT = 33;
  var SET_W = 40;         // one set's points
  var SETS_W = 50;        // sets won
  var SEED_W = 46;        // the seed before a name
  var PART_ORDER = ['Main', 'Winners', 'Losers', 'ThirdPlace', 'GrandFinal', 'GrandFinalReset'];

  function node(tag, attrs, text) {
    var n = document.createElementNS(NS, tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) n.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  /** Width of text in ems, near enough: CJK glyphs are square, Latin ones about half. */
  function ems(text) {
    var width = 0;
    for (var i = 0; i < text.length; i++) width += text.charCodeAt(i) > 0x2e80 ? 1 : 0.58;
    return width;
  }

  function fit(text, maxEms) {
    text = String(text || '');
    if (ems(text) <= maxEms) return text;
    while (text.length > 1 && ems(text) + 1 > maxEms) text = text.slice(0, -1);
    return text + '…';
  }

  function number(matchId) {
    var m = /M(\d+)$/.exec(matchId);
    return m ? Number(m[1]) : 1;
  }

  /** Round title from the end of a single-elimination tree: 决赛, 半决赛, 1/4 决赛 … */
  function roundTitle(part, round, rounds) {
    var fromEnd = rounds - round;
    if (part === 'Losers') return t('bracket.losersRound', { n: round });
    var name = fromEnd === 0 ? t('bracket.final') : fromEnd === 1 ? t('bracket.semi') : fromEnd === 2 ? t('bracket.quarter')
      : fromEnd === 3 ? t('bracket.eighth') : t('bracket.round', { n: round });
    return part === 'Winners' ? t('bracket.winnersPrefix', { name: name }) : name;
  }

  /** What goes on a line whose team is not known yet: "A组第1名", "半决赛第1场胜者", "3号种子". */
  function sourceText(source, byId, rounds) {
    if (!source) return t('bracket.tbd');
    var m = /^([A-Z])(\d+)$/.exec(source);
    if (m) return t('bracket.groupPlace', { group: m[1], place: m[2] });
    if (/^\d+$/.test(source)) return t('bracket.seed', { n: source });
    m = /^([WL]):(.+)$/.exec(source);
    if (m) {
      var f = byId[m[2]];
      var name = f ? shortName(f, rounds) : m[2];
      return t(m[1] === 'W' ? 'bracket.winnerOf' : 'bracket.loserOf', { match: name });
    }
    return source;
  }

  function shortName(f, rounds) {
    if (f.stage === 'GrandFinal' || f.stage === 'GrandFinalReset' || f.stage === 'ThirdPlace') return f.label;
    var title = roundTitle(f.stage, f.round, f.stage === 'Losers' ? rounds.Losers : rounds[f.stage]);
    var sameRound = rounds.count[f.stage + f.round] || 1;
    return sameRound > 1 ? t('bracket.matchNo', { round: title, n: number(f.matchId) }) : title;
  }

  function fmtTime(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString(I18n.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  /** Rounds per part, and the highest match number per round (to say "第2场" only where a round has several). */
  function roundsOf(fixtures) {
    var rounds = { Main: 0, Winners: 0, Losers: 0, count: {} };
    fixtures.forEach(function (f) {
      if (rounds[f.stage] !== undefined && f.stage !== 'count') rounds[f.stage] = Math.max(rounds[f.stage], f.round);
      rounds.count[f.stage + f.round] = Math.max(rounds.count[f.stage + f.round] || 0, number(f.matchId));
    });
    return rounds;
  }

  /** Positions of every box: {matchId: {x, y (box top), f}} and the drawing's size. */
  function layout(fixtures) {
    var parts = {};
    fixtures.forEach(function (f) { (parts[f.stage] = parts[f.stage] || []).push(f); });
    var rounds = roundsOf(fixtures);
    var pos = {};
    var columns = [];
    var width = 0;
    var height = 0;
    var colX = function (c) { return c * (BOX_W + GAP_X); };
    var centre = function (top, n, count, slots) { return top + HEAD_H + ((n - 0.5) * (slots / count)) * SLOT_H - SLOT_H / 2 + META_H; };

    /** One tree (Main or Winners): round r has 2^(R−r) places, each centred between the two that feed it. */
    function tree(part, top) {
      var R = rounds[part];
      var slots = Math.pow(2, R - 1);
      for (var r = 1; r <= R; r++) columns.push({ x: colX(r - 1), y: top, text: roundTitle(part, r, R) });
      (parts[part] || []).forEach(function (f) {
        pos[f.matchId] = { x: colX(f.round - 1), y: centre(top, number(f.matchId), Math.pow(2, R - f.round), slots), f: f };
      });
      return { slots: slots, cols: R };
    }

    if (parts.Winners || parts.Losers || parts.GrandFinal) {
      var upper = tree('Winners', 0);
      var upperH = HEAD_H + upper.slots * SLOT_H;
      // Losers' round r has 2^(R−2−⌊(r−1)/2⌋) places: pairs of rounds, halving after each pair.
      var RL = rounds.Losers;
      var lslots = Math.max(1, Math.pow(2, rounds.Winners - 2));
      for (var r = 1; r <= RL; r++) columns.push({ x: colX(r - 1), y: upperH, text: roundTitle('Losers', r, RL) });
      (parts.Losers || []).forEach(function (f) {
        var count = Math.max(1, Math.pow(2, rounds.Winners - 2 - Math.floor((f.round - 1) / 2)));
        pos[f.matchId] = { x: colX(f.round - 1), y: centre(upperH, number(f.matchId), count, lslots), f: f };
      });
      var lowerH = RL ? HEAD_H + lslots * SLOT_H : 0;
      height = upperH + lowerH;
      var gfCol = Math.max(upper.cols, RL);
      ['GrandFinal', 'GrandFinalReset'].forEach(function (part, i) {
        (parts[part] || []).forEach(function (f) {
          columns.push({ x: colX(gfCol + i), y: 0, text: f.label });
          pos[f.matchId] = { x: colX(gfCol + i), y: height / 2 - BOX_H / 2, f: f };
        });
      });
      width = colX(gfCol + (parts.GrandFinalReset ? 2 : 1)) - GAP_X;
    } else {
      var main = tree('Main', 0);
      var slots = main.slots;
      width = colX(Math.max(1, main.cols)) - GAP_X;
      (parts.ThirdPlace || []).forEach(function (f) {
        // Apart from the tree, under the final, with its own title.
        var at = Math.max(slots - 0.5, slots / 2 + 1.6);
        slots = Math.max(slots, at + 0.5);
        var y = HEAD_H + at * SLOT_H - SLOT_H / 2 + META_H;
        pos[f.matchId] = { x: colX(Math.max(0, main.cols - 1)), y: y, f: f, apart: true };
      });
      height = HEAD_H + slots * SLOT_H;
    }
    return { pos: pos, columns: columns, width: Math.max(width, BOX_W), height: Math.max(height, HEAD_H + SLOT_H), rounds: rounds };
  }

  /** Set points per set and sets won for one side, from the result or (while running) the live score. */
  function scoreOf(f, live) {
    var sets = (live && live.sets) || f.sets || [];
    var setsA = 0;
    var setsB = 0;
    sets.forEach(function (s) { if (s.a > s.b) setsA++; else if (s.b > s.a) setsB++; });
    return { sets: sets, setsA: setsA, setsB: setsB, current: live && live.current ? live.current : null, serving: live ? live.serving : null };
  }

  /** Match numbers in order of play, 1, 2, 3 … as the bracket boxes and the phone page show them. */
  function matchNumbers(fixtures) {
    var list = (fixtures || []).filter(function (f) { return f.stage !== 'group'; }).slice();
    // The trees round by round (winners' before losers' in a round); the third-place match just before the
    // final; the grand final and its reset last.
    var phase = function (f) { return f.stage === 'GrandFinal' ? 1 : f.stage === 'GrandFinalReset' ? 2 : 0; };
    var round = function (f) { return f.stage === 'ThirdPlace' ? rounds.Main : f.round; };
    var part = function (f) { var i = PART_ORDER.indexOf(f.stage); return i < 0 ? PART_ORDER.length : i; };
    var rounds = roundsOf(list);
    list.sort(function (a, b) {
      return phase(a) - phase(b) || round(a) - round(b) || (b.stage === 'ThirdPlace') - (a.stage === 'ThirdPlace') || part(a) - part(b)
        || number(a.matchId) - number(b.matchId) || (a.matchId < b.matchId ? -1 : a.matchId > b.matchId ? 1 : 0);
    });
    var numbers = {};
    list.forEach(function (f, i) { numbers[f.matchId] = i + 1; });
    return numbers;
  }

  /** A row's seed label: the group place it came from ("A1"), else the team's seed; '' when neither is known. */
  function seedLabel(f, side, teamId, opts) {
    var source = side === 'A' ? f.sourceA : f.sourceB;
    if (/^[A-Z]\d+$/.test(source || '')) return source;
    var seed = teamId && opts.seedOf ? opts.seedOf(teamId) : null;
    return seed ? String(seed) : '';
  }

  function drawMatch(g, p, opts, byId, rounds, numbers) {
    var f = p.f;
    var live = f.status === 'Running' && opts.live ? opts.live(f.matchId) : null;
    var sc = scoreOf(f, live);
    var done = f.status === 'Completed';
    var box = node('g', {
      'class': 'bracket-match status-' + f.status.toLowerCase() + (p.apart ? ' apart' : ''),
      'data-match-id': f.matchId, 'data-status': f.status, transform: 'translate(' + p.x + ',' + p.y + ')'
    });
    if (p.apart) box.appendChild(node('text', { 'class': 'bm-apart-title', x: 0, y: -META_H - 16 }, f.label));
    var meta = [];
    if (f.status === 'Running') meta.push(t('bracket.live'));
    if (f.court) meta.push(f.court);
    if (f.startsAt && !done && f.status !== 'Running') meta.push(fmtTime(f.startsAt));
    if (done && f.ending && f.ending !== 'Finished') meta.push(t('bracket.ending.' + f.ending));
    box.appendChild(node('text', { 'class': 'bm-meta', x: 4, y: -9 }, meta.join(' · ')));
    box.appendChild(node('text', { 'class': 'bm-no', x: BOX_W - 4, y: -9, 'text-anchor': 'end' }, t('bracket.matchNumber', { n: numbers[f.matchId] })));
    box.appendChild(node('rect', { 'class': 'bm-box', x: 0, y: 0, width: BOX_W, height: BOX_H, rx: 10 }));
    box.appendChild(node('line', { 'class': 'bm-divider', x1: 0, y1: ROW_H, x2: BOX_W, y2: ROW_H }));

    var seeds = { A: seedLabel(f, 'A', f.teamA, opts), B: seedLabel(f, 'B', f.teamB, opts) };
    var nameX = seeds.A || seeds.B ? 28 + SEED_W : 26;
    var setCount = sc.sets.length + (sc.current ? 1 : 0);
    var scoresW = SETS_W + setCount * SET_W + 12;
    ['A', 'B'].forEach(function (side, i) {
      var teamId = side === 'A' ? f.teamA : f.teamB;
      var y = i * ROW_H;
      var won = done && f.winner && f.winner === teamId;
      var lost = done && f.winner && teamId && f.winner !== teamId;
      var row = node('g', { 'class': 'bm-row' + (won ? ' win' : '') + (lost ? ' lose' : '') + (teamId ? '' : ' tbd'), 'data-team': side, 'data-team-id': teamId || '' });
      if (won) row.appendChild(node('rect', { 'class': 'bm-win-bg', x: 1, y: y + 1, width: BOX_W - 2, height: ROW_H - 2, rx: 9 }));
      if (live && sc.serving === side) row.appendChild(node('circle', { 'class': 'bm-serve', cx: 14, cy: y + ROW_H / 2, r: 6 }));
      var name = teamId ? opts.teamName(teamId) : sourceText(side === 'A' ? f.sourceA : f.sourceB, byId, rounds);
      var nameSize = teamId ? NAME_FONT : NAME_FONT * 0.8;
      var room = (BOX_W - nameX - 2 - scoresW) / nameSize;
      if (seeds[side]) row.appendChild(node('text', { 'class': 'bm-seed', x: 28, y: y + ROW_H / 2, 'dominant-baseline': 'central' }, seeds[side]));
      var label = node('text', { 'class': 'bm-name', x: nameX, y: y + ROW_H / 2, 'font-size': nameSize, 'dominant-baseline': 'central' }, fit(name, room));
      if (fit(name, room) !== name) label.appendChild(node('title', null, name));
      row.appendChild(label);
      var x = BOX_W - SETS_W - 8;
      if (sc.sets.length || sc.current) {
        row.appendChild(node('text', { 'class': 'bm-sets-won', x: BOX_W - 12, y: y + ROW_H / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' },
          side === 'A' ? sc.setsA : sc.setsB));
      }
      if (sc.current) {
        row.appendChild(node('rect', { 'class': 'bm-current-bg', x: x - SET_W + 2, y: y + 9, width: SET_W - 4, height: ROW_H - 18, rx: 5 }));
        row.appendChild(node('text', { 'class': 'bm-current', x: x - 6, y: y + ROW_H / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' },
          side === 'A' ? sc.current.a : sc.current.b));
        x -= SET_W;
      }
      for (var s = sc.sets.length - 1; s >= 0; s--) {
        var mine = side === 'A' ? sc.sets[s].a : sc.sets[s].b;
        var theirs = side === 'A' ? sc.sets[s].b : sc.sets[s].a;
        row.appendChild(node('text', { 'class': 'bm-set' + (mine > theirs ? ' set-won' : ''), x: x - 6, y: y + ROW_H / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' }, mine));
        x -= SET_W;
      }
      box.appendChild(row);
    });
    g.appendChild(box);
  }

  /** Elbow lines from a match to the slot its winner takes next ("W:" sources only; losers drop out of the tree). */
  function drawLines(g, pos) {
    Object.keys(pos).forEach(function (id) {
      var target = pos[id];
      ['sourceA', 'sourceB'].forEach(function (key, i) {
        var m = /^W:(.+)$/.exec(target.f[key] || '');
        var from = m ? pos[m[1]] : null;
        if (!from) return;
        var x1 = from.x + BOX_W;
        var y1 = from.y + BOX_H / 2;
        var x2 = target.x;
        var y2 = target.y + ROW_H / 2 + i * ROW_H;
        var xm = x2 - GAP_X / 2;
        var decided = from.f.status === 'Completed' && !!from.f.winner;
        g.appendChild(node('path', {
          'class': 'bm-line' + (decided ? ' decided' : ''), 'data-from': m[1], 'data-to': id, d: 'M' + x1 + ' ' + y1 + 'H' + xm + 'V' + y2 + 'H' + x2
        }));
      });
    });
  }

  function render(svg, fixtures, opts) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var list = (fixtures || []).filter(function (f) { return f.stage !== 'group'; });
    var byId = {};
    list.forEach(function (f) { byId[f.matchId] = f; });
    if (!list.length) { svg.setAttribute('viewBox', '0 0 100 10'); return; }
    var lay = layout(list);
    var pad = 12;
    svg.setAttribute('viewBox', [-pad, -pad, lay.width + 2 * pad, lay.height + 2 * pad].join(' '));
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.setAttribute('role', 'img');
    var heads = node('g', { 'class': 'bm-heads' });
    var seen = {};
    lay.columns.forEach(function (c) {
      var key = c.x + '|' + c.y;
      if (seen[key]) return;
      seen[key] = true;
      heads.appendChild(node('text', { 'class': 'bm-col-title', x: c.x + BOX_W / 2, y: c.y + HEAD_H / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, c.text));
    });
    svg.appendChild(heads);
    var lines = node('g', { 'class': 'bm-lines' });
    drawLines(lines, lay.pos);
    svg.appendChild(lines);
    var boxes = node('g', { 'class': 'bm-matches' });
    var numbers = matchNumbers(list);
    Object.keys(lay.pos).forEach(function (id) { drawMatch(boxes, lay.pos[id], opts, byId, lay.rounds, numbers); });
    svg.appendChild(boxes);
    wire(svg);
    // A live redraw keeps whatever path someone picked; until then, the page's own team (the phone's "my team").
    svg.setAttribute('data-default-path', opts.pathTeam || '');
    markPath(svg, chosen(svg));
  }

  // ---------- a team's path through the bracket ----------

  function each(root, selector, fn) { Array.prototype.forEach.call(root.querySelectorAll(selector), fn); }

  function markPath(svg, teamId) {
    teamId = teamId || '';
    svg.setAttribute('data-path-team', teamId);
    svg.classList.toggle('has-path', !!teamId);
    var on = {};
    each(svg, 'g.bracket-match', function (box) {
      var plays = !!teamId && !!box.querySelector('.bm-row[data-team-id="' + teamId.replace(/["\\]/g, '') + '"]');
      box.classList.toggle('on-path', plays);
      if (plays) on[box.getAttribute('data-match-id')] = true;
    });
    each(svg, '.bm-row', function (row) { row.classList.toggle('path-team', !!teamId && row.getAttribute('data-team-id') === teamId); });
    each(svg, '.bm-line', function (line) { line.classList.toggle('on-path', !!on[line.getAttribute('data-from')] && !!on[line.getAttribute('data-to')]); });
  }

  /** The team row under an event target, walking up by hand (SVG elements in older WebViews lack closest()). */
  function rowOf(target, svg) {
    for (var n = target; n && n !== svg; n = n.parentNode) {
      if (n.getAttribute && /(^|\s)bm-row(\s|$)/.test(n.getAttribute('class') || '')) return n.getAttribute('data-team-id') ? n : null;
    }
    return null;
  }

  /** The path someone picked by tapping (possibly none), else the page's default. */
  function chosen(svg) {
    var picked = svg.getAttribute('data-picked');
    return picked !== null ? picked : svg.getAttribute('data-default-path') || '';
  }

  /** Listeners once per svg: they survive every redraw, which only replaces the svg's children. */
  function wire(svg) {
    if (svg.getAttribute('data-path-wired')) return;
    svg.setAttribute('data-path-wired', '1');
    svg.addEventListener('click', function (e) {
      var row = rowOf(e.target, svg);
      var teamId = row ? row.getAttribute('data-team-id') : '';
      var next = teamId && teamId !== chosen(svg) ? teamId : '';
      svg.setAttribute('data-picked', next);
      markPath(svg, next);
    });
    // Hovering shows a path for a moment; leaving the team shows the chosen one again.
    svg.addEventListener('mouseover', function (e) {
      var row = rowOf(e.target, svg);
      markPath(svg, row ? row.getAttribute('data-team-id') : chosen(svg));
    });
    svg.addEventListener('mouseleave', function () { markPath(svg, chosen(svg)); });
  }

  w.BracketSvg = {
    render: render,
    matchNumbers: matchNumbers,
    /** A knockout match's round as the bracket titles it ("半决赛", "三四名决赛"), given the tournament's fixtures. */
    roundName: function (f, fixtures) {
      if (f.stage === 'GrandFinal' || f.stage === 'GrandFinalReset' || f.stage === 'ThirdPlace') return f.label;
      var rounds = roundsOf((fixtures || []).filter(function (x) { return x.stage !== 'group'; }));
      return roundTitle(f.stage, f.round, f.stage === 'Losers' ? rounds.Losers : rounds[f.stage]);
    },
    /** The words for a line whose team is not known yet (e.g. "A组第1名"), given the tournament's fixtures. */
    sourceText: function (source, fixtures) {
      var list = (fixtures || []).filter(function (f) { return f.stage !== 'group'; });
      var byId = {};
      list.forEach(function (f) { byId[f.matchId] = f; });
      return sourceText(source, byId, roundsOf(list));
    }
  };
}(window));
