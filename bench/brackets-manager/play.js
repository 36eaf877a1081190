// The bench scenario 'bracket' done by brackets-manager.js with its in-memory storage: for each size, a
// single-elimination stage (with a third-place match) and a double-elimination stage (grand final with a
// possible reset), every match played by the better seed (the lower participant id) winning 2-0.
// Prints one JSON line: per run the matches played and ms to create, to play, in all, per match, and per match
// in the first and last quarter of the matches, mean and median (a cost that grew with the matches played would show there).
// Usage: node play.js 64 256 1024
'use strict';

const { BracketsManager } = require('brackets-manager');
const { InMemoryDatabase } = require('brackets-memory-db');
const { Status } = require('brackets-model');

const formats = [
  { format: 'single', type: 'single_elimination', settings: { consolationFinal: true } },
  { format: 'double', type: 'double_elimination', settings: { grandFinal: 'double' } },
];

async function run(format, teams) {
  const manager = new BracketsManager(new InMemoryDatabase());
  const started = process.hrtime.bigint();
  const stage = await manager.create.stage({
    tournamentId: 0,
    name: `${format.format} ${teams}`,
    type: format.type,
    seeding: Array.from({ length: teams }, (_, i) => `team ${i + 1}`),
    settings: { ...format.settings, seedOrdering: ['inner_outer'] },
  });
  const created = process.hrtime.bigint();

  const ids = (await manager.storage.select('match', { stage_id: stage.id })).map((m) => m.id).sort((a, b) => a - b);
  // A double grand final's second match is ready as soon as the first is played, but it decides something only
  // when the losers' bracket winner took the first: otherwise it is not played (as the bench's reset match).
  const finalGroup = format.type === 'double_elimination'
    ? (await manager.storage.select('group', { stage_id: stage.id })).find((g) => g.number === 3)
    : undefined;
  const grandFinals = finalGroup
    ? (await manager.storage.select('match', { group_id: finalGroup.id })).sort((a, b) => a.id - b.id).map((m) => m.id)
    : [];
  const perMatch = [];
  // Matches are stored sources first, so one pass plays nearly all; passes repeat until none is ready.
  for (let played = true; played;) {
    played = false;
    for (const id of ids) {
      const match = await manager.storage.select('match', id);
      if (match.status !== Status.Ready || match.opponent1?.id == null || match.opponent2?.id == null) {
        continue;
      }

      if (id === grandFinals[1] && (await manager.storage.select('match', grandFinals[0])).opponent1?.result === 'win') {
        continue;
      }

      const firstWins = match.opponent1.id < match.opponent2.id;
      const one = process.hrtime.bigint();
      await manager.update.match({
        id,
        opponent1: { score: firstWins ? 2 : 0, result: firstWins ? 'win' : 'loss' },
        opponent2: { score: firstWins ? 0 : 2, result: firstWins ? 'loss' : 'win' },
      });
      perMatch.push(Number(process.hrtime.bigint() - one) / 1e6);
      played = true;
    }
  }

  const finished = process.hrtime.bigint();
  const quarter = Math.max(1, Math.floor(perMatch.length / 4));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    format: format.format,
    teams,
    matches: perMatch.length,
    create_ms: Number(created - started) / 1e6,
    play_ms: Number(finished - created) / 1e6,
    total_ms: Number(finished - started) / 1e6,
    updates_ms: perMatch.reduce((a, b) => a + b, 0),
    ms_per_match: mean(perMatch),
    first_quarter_ms_per_match: mean(perMatch.slice(0, quarter)),
    last_quarter_ms_per_match: mean(perMatch.slice(-quarter)),
    first_quarter_median_ms: median(perMatch.slice(0, quarter)),
    last_quarter_median_ms: median(perMatch.slice(-quarter)),
  };
}

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n >= 2);
  // One small run of each format first, untimed, so the figures are not the JIT's warm-up.
  for (const format of formats) {
    await run(format, 16);
  }

  const runs = [];
  for (const teams of sizes.length > 0 ? sizes : [64, 256, 1024]) {
    for (const format of formats) {
      runs.push(await run(format, teams));
    }
  }

  const version = require('brackets-manager/package.json').version;
  process.stdout.write(JSON.stringify({ node: process.version, brackets_manager: version, runs }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
