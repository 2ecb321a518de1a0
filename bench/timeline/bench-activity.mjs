// Timeline queries on a big case, through the typed API (the path GET /api/activity takes).
// Baseline in the same run: a plain COUNT(*) over the messages table (one full scan of the
// rows), the cheapest thing that touches every message.
//
//   npx tsc -p tsconfig.build.json
//   node dist/cli/bin.js synth --out /tmp/g1m --messages 1000000 --seed 1
//   node dist/cli/bin.js ingest --no-analyse --case /tmp/g1m/case.clew /tmp/g1m/records.jsonl
//   node bench/timeline/bench-activity.mjs /tmp/g1m/case.clew [dist dir]
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

const casePath = process.argv[2];
if (!casePath) {
  console.error('usage: node bench/timeline/bench-activity.mjs CASE.clew [dist]');
  process.exit(2);
}
const dist = resolve(process.argv[3] ?? new URL('../../dist', import.meta.url).pathname);
const { openCase } = await import(`${dist}/api/case.js`);
const { activity, activityHeat } = await import(`${dist}/api/activity.js`);

const store = await openCase(casePath, { readonly: true });
const raw = new Database(casePath, { readonly: true });
const runs = 5;
async function time(name, fn) {
  await fn(); // warm the page cache
  const ms = [];
  let r;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    r = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(44)} median ${ms[runs >> 1].toFixed(0).padStart(6)} ms  min ${ms[0].toFixed(0).padStart(6)} ms`);
  return { name, median: Math.round(ms[runs >> 1]), r };
}
const n = raw.prepare('SELECT count(*) n FROM messages').get().n;
console.log(`${casePath}: ${n} messages`);
const out = [];
out.push(await time('baseline: SELECT count(*) FROM messages', () => raw.prepare('SELECT count(*) n FROM messages').get()));
out.push(await time('baseline: count(*) GROUP BY ts/day (row scan)', () => raw.prepare('SELECT ts / 86400000 b, count(*) n FROM messages GROUP BY b').all()));
for (const unit of ['day', 'week', 'month']) out.push(await time(`activity whole case per ${unit}`, () => activity(store, { unit })));
out.push(await time('activity heat whole case (UTC)', () => activityHeat(store, {})));
out.push(await time('activity heat whole case (Europe/Belgrade)', () => activityHeat(store, { timeZone: 'Europe/Belgrade' })));
const top = (await store.stats({ top: 1 })).topTalkers[0].account;
out.push(await time(`activity of the busiest account (${top.ref})`, () => activity(store, { unit: 'day', resolved: [top] })));
const first = raw.prepare('SELECT min(ts) t FROM messages').get().t;
out.push(await time('activity whole case, one month range', () => activity(store, { unit: 'day', after: first, before: first + 30 * 86400000 })));
console.log(JSON.stringify({ messages: n, results: out.map(({ name, median }) => ({ name, median })) }));
