// Dossier latency on a big case through the typed API (the path `clew dossier` and
// GET /api/dossier/:ref take), against a baseline measured in the same run: the first page of
// `from:REF` search for the same account (what the dossier's "Messages" link opens).
//
//   npx tsc -p tsconfig.build.json
//   node dist/cli/bin.js synth --out /tmp/c1m --messages 1000000 --seed 1
//   node dist/cli/bin.js ingest --case /tmp/c1m/case.clew /tmp/c1m/records.jsonl
//   node bench/dossier/bench.mjs /tmp/c1m/case.clew [random=20]
//
// Accounts: the 10 most active and `random` others (fixed seed). Each account is timed 3 times
// (median kept). Prints a table and a JSON summary on the last line.
import { openCase } from '../../dist/api/case.js';
import { dossier } from '../../dist/api/dossier.js';
import { search } from '../../dist/api/search.js';

const casePath = process.argv[2];
if (!casePath) {
  console.error('usage: node bench/dossier/bench.mjs CASE.clew [random]');
  process.exit(2);
}
const randomN = Number(process.argv[3] ?? 20);
const store = await openCase(casePath, { readonly: true });
const stats = await store.stats({ top: 10 });
const all = [];
for await (const chunk of store.accounts()) all.push(...chunk);
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const picked = new Map(stats.topTalkers.map((t) => [t.account.ref, 'top']));
while (picked.size < 10 + randomN && picked.size < all.length) {
  const a = all[Math.floor(rnd() * all.length)];
  if (!picked.has(a.ref)) picked.set(a.ref, 'random');
}

async function time(fn) {
  const runs = [];
  let out;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    out = await fn();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[1], out };
}

const rows = [];
for (const [ref, group] of picked) {
  const base = await time(() => search(store, { query: `from:"${ref.replace(/[\\"]/g, (c) => `\\${c}`)}"`, limit: 50 }));
  const d = await time(() => dossier(store, { account: ref }));
  rows.push({ ref, group, sent: d.out.activity.sent, received: d.out.activity.received, contacts: d.out.contactsTotal, baselineMs: base.ms, dossierMs: d.ms });
}
await store.close();

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f = (x) => x.toFixed(1);
console.log(`case: ${casePath} (${stats.messages.toLocaleString('en-US')} messages, ${stats.accounts.toLocaleString('en-US')} accounts)`);
console.log('group   | accounts | sent (max) | baseline p50 / p95 ms | dossier p50 / p95 / max ms');
const summary = {};
for (const g of ['top', 'random']) {
  const r = rows.filter((x) => x.group === g);
  if (!r.length) continue;
  const b = r.map((x) => x.baselineMs);
  const d = r.map((x) => x.dossierMs);
  summary[g] = { accounts: r.length, maxSent: Math.max(...r.map((x) => x.sent)), baselineP50: pct(b, 50), baselineP95: pct(b, 95), dossierP50: pct(d, 50), dossierP95: pct(d, 95), dossierMax: Math.max(...d) };
  const s = summary[g];
  console.log(`${g.padEnd(7)} | ${String(r.length).padStart(8)} | ${String(s.maxSent).padStart(10)} | ${f(s.baselineP50)} / ${f(s.baselineP95)} | ${f(s.dossierP50)} / ${f(s.dossierP95)} / ${f(s.dossierMax)}`);
}
console.log(JSON.stringify({ case: casePath, messages: stats.messages, summary }));
