#!/usr/bin/env node
// PostgreSQL search latency against SQLite's on the same case in the same run (issue 15, Speed:
// PostgreSQL search p95 ≤ 50 ms at 5M messages). Run after `npm run build`:
//   node bench/store/pg-search.mjs [--messages 5000000] [--queries 100] [--pg URI] [--write]
// A synthetic case (clew synth, seed 1) is ingested (clew ingest --no-analyse) into a case file
// and into the PostgreSQL case bench_N (both kept under bench/out and reused by later runs; a PG
// case is reused only when its source is complete). Then one-word, two-word and phrase queries
// sampled from the messages run through the typed API (api/search.js: parse, match, newest-first
// page of 20, counted up to 1,000 as the workspace asks), in folded and in exact mode, one at a
// time, on each backend; p50/p95 per kind, and the slowest query of each.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pgServer } from './pg-server.mjs';
import { args, BENCH_OUT, BIN, opt, pct, queriesFrom, ROOT } from '../common.mjs';

const OUT = BENCH_OUT;
const n = Number(opt('messages', '5000000'));
const nQueries = Number(opt('queries', '100'));
mkdirSync(OUT, { recursive: true });

const server = pgServer(ROOT, opt('pg', null));
const pgLocator = (() => {
  const u = new URL(server.uri);
  u.searchParams.set('case', `bench_${n}`);
  return u.toString();
})();
const dir = join(OUT, `synth-${n}`);
const records = join(dir, 'records.jsonl');
const casePath = join(OUT, `case-${n}.clew`);
const clew = (argv) => execFileSync(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26 });
if (!existsSync(records)) {
  console.log(`synth ${n} messages…`);
  clew(['synth', '--out', dir, '--messages', String(n), '--seed', '1']);
}

const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { search } = await import(join(ROOT, 'dist', 'api', 'search.js'));
const { normalise } = await import(join(ROOT, 'dist', 'text', 'normalise', 'normalise.js'));

async function complete(locator) {
  try {
    const s = await openCase(locator, { readonly: true });
    try {
      const st = await s.sources();
      return st.length > 0 && st.every((x) => x.status === 'complete');
    } finally {
      await s.close();
    }
  } catch {
    return false;
  }
}
const ingestSeconds = {};
for (const [label, locator] of [
  ['SQLite', casePath],
  ['PostgreSQL', pgLocator],
]) {
  if (await complete(locator)) continue;
  console.log(`clew ingest --no-analyse into ${label}, ${n} messages…`);
  const t = performance.now();
  clew(['ingest', '--no-analyse', '--case', locator, records]);
  ingestSeconds[label] = (performance.now() - t) / 1000;
  console.log(`  ${ingestSeconds[label].toFixed(1)} s`);
}


const qs = await queriesFrom(records, nQueries, normalise);
const results = [];
const slowest = {};
for (const [label, locator] of [
  ['SQLite', casePath],
  ['PostgreSQL', pgLocator],
]) {
  const store = await openCase(locator, { readonly: true });
  for (const mode of ['folded', 'exact']) {
    for (const [kind, list] of Object.entries(qs)) {
      for (const q of list.slice(0, 5)) await search(store, { query: q, mode, limit: 20, count: 1000 }); // warm the caches
      const ms = [];
      let worst = { ms: -1, q: '' };
      for (const q of list) {
        const t0 = performance.now();
        await search(store, { query: q, mode, limit: 20, count: 1000 });
        const t = performance.now() - t0;
        ms.push(t);
        if (t > worst.ms) worst = { ms: t, q };
      }
      results.push({ label, mode, kind, p50: pct(ms, 50), p95: pct(ms, 95), max: Math.max(...ms) });
      slowest[`${label} ${mode} ${kind}`] = worst;
      console.log(`${label} ${mode} ${kind}: p50 ${pct(ms, 50).toFixed(1)} ms, p95 ${pct(ms, 95).toFixed(1)} ms, slowest ${worst.ms.toFixed(0)} ms (${worst.q})`);
    }
  }
  await store.close();
}

console.log('slowest query of each kind:', slowest);

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), Node ${process.version}`;
let md = `\n## PostgreSQL search vs SQLite search (issue 15, Speed) — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n`;
md += `Machine: ${machine}; 1-minute load average at the end ${loadavg()[0].toFixed(1)}. Command: \`node bench/store/pg-search.mjs --messages ${n} --queries ${nQueries}\`.\n`;
md += `Synthetic case (\`clew synth --seed 1\`, ${n.toLocaleString('en-US')} messages, \`clew ingest --no-analyse\`) in a case file and in a PostgreSQL case (local \`clew db start\` server); ${nQueries} queries per kind sampled from the messages, through the typed API (page of 20 newest first, total counted up to 1,000), one at a time, same run.\n\n`;
md += '| mode | query | SQLite p50 ms | SQLite p95 ms | PostgreSQL p50 ms | PostgreSQL p95 ms (goal ≤ 50) |\n|---|---|---|---|---|---|\n';
for (const mode of ['folded', 'exact'])
  for (const kind of Object.keys(qs)) {
    const s = results.find((r) => r.label === 'SQLite' && r.mode === mode && r.kind === kind);
    const p = results.find((r) => r.label === 'PostgreSQL' && r.mode === mode && r.kind === kind);
    md += `| ${mode} | ${kind} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} |\n`;
  }
console.log(md);
if (args.includes('--write')) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
server.stop();
