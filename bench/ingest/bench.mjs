#!/usr/bin/env node
// Ingest and search benchmark (issue: foundation). Run after `npm run build`:
//   node bench/ingest/bench.mjs [--sizes 1000000,5000000] [--analysed-sizes 1000000] [--queries 200] [--write]
// For each size: a synthetic case (clew synth, seed 1) is ingested by clew and, as the in-run
// baseline, by Python's built-in sqlite3 into a table with an FTS5 index (baseline.py). Then
// search latency (p50/p95) for one-word, two-word and phrase queries through the typed API.
// --write appends the figures to bench/RESULTS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { args, BENCH_OUT, BIN, opt, pct, queriesFrom, ROOT } from '../common.mjs';

const OUT = BENCH_OUT;
// the system's Python (as RESULTS.md's baselines), not whichever python3 comes first on the PATH (a pyenv shim)
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const sizes = opt('sizes', '1000000').split(',').map(Number);
const nQueries = Number(opt('queries', '200'));
// sizes at which the default (analysing) ingest is timed too; it is far slower, see RESULTS.md
const analysedSizes = opt('analysed-sizes', '1000000').split(',').map(Number);
const write = args.includes('--write');
// --compare-inline: also time the analysed ingest with its analysis in the main thread
// (`--analyse-workers 0`, how every ingest ran before the analyse pool), alternating with the pooled one
const compareInline = args.includes('--compare-inline');
mkdirSync(OUT, { recursive: true });

function timed(cmd, argv) {
  // GNU time gives the peak RSS of the whole process (worker threads included), and its CPU
  // seconds (user + system, all threads): on a loaded machine the CPU ratio moves less than the
  // wall-clock one, so both are reported
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop().split(' ');
  return { seconds: Number(last[0]), rssMb: Number(last[1]) / 1024, cpuSeconds: Number(last[2]) + Number(last[3]), stdout: r.stdout };
}

const { search } = await import(join(ROOT, 'dist', 'api', 'search.js'));
const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { normalise } = await import(join(ROOT, 'dist', 'text', 'normalise', 'normalise.js'));


const rows = [];
for (const n of sizes) {
  const dir = join(OUT, `synth-${n}`);
  const records = join(dir, 'records.jsonl');
  if (!existsSync(records)) {
    console.log(`synth ${n} messages…`);
    execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(n), '--seed', '1'], { stdio: 'inherit' });
  }
  const bytes = statSync(records).size;
  const baseDb = join(dir, 'baseline.db');
  console.log(`baseline (python sqlite3 + FTS5), ${n} messages…`);
  const base = timed(PYTHON, [join(ROOT, 'bench', 'ingest', 'baseline.py'), records, baseDb]);
  rmSync(baseDb, { force: true });
  rmSync(`${baseDb}-wal`, { force: true });
  const casePath = join(dir, 'case.clew');
  for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(f, { force: true });
  const fresh = () => {
    for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(f, { force: true });
  };
  console.log(`clew ingest --no-analyse, ${n} messages…`);
  const clew = timed(process.execPath, [BIN, '--json', 'ingest', '--no-analyse', '--case', casePath, records]);
  const summary = JSON.parse(clew.stdout).ingested[0];
  let full = null;
  let inline = null;
  if (analysedSizes.includes(n)) {
    if (compareInline) {
      fresh();
      console.log(`clew ingest --analyse-workers 0 (analysis in the main thread), ${n} messages…`);
      inline = timed(process.execPath, [BIN, '--json', 'ingest', '--analyse-workers', '0', '--case', casePath, records]);
    }
    fresh();
    console.log(`clew ingest (with language detection and entity extraction), ${n} messages…`);
    full = timed(process.execPath, [BIN, '--json', 'ingest', '--case', casePath, records]);
  }
  const store = await openCase(casePath, { readonly: true });
  const qs = await queriesFrom(records, nQueries, normalise);
  const lat = {};
  for (const [kind, list] of Object.entries(qs)) {
    for (const q of list.slice(0, 10)) await search(store, { query: q }); // warm the page cache
    const ms = [];
    for (const q of list) {
      const t0 = performance.now();
      await search(store, { query: q, limit: 20 });
      ms.push(performance.now() - t0);
    }
    lat[kind] = { p50: pct(ms, 50), p95: pct(ms, 95) };
  }
  await store.close();
  const caseMb = statSync(casePath).size / 2 ** 20;
  rows.push({ n, bytes, records: summary.added.records, base, clew, full, inline, lat, caseMb });
  console.log(JSON.stringify(rows[rows.length - 1], null, 1));
}

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
let md = `\n## Ingest and search (foundation) — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${machine}; load average at the end ${load}. Command: \`node bench/ingest/bench.mjs ${args.join(' ')}\`.\n`;
md += `Synthetic case (\`clew synth --seed 1\`); clew ingests every record (messages, calls, accounts, attachments, …) into a searchable case; the baseline (bench/ingest/baseline.py, Python's sqlite3) loads only the messages into a table with an FTS5 index.\n\n`;
md += '"searchable" = `clew ingest --no-analyse` (full-text index, edges, provenance); "analysed" = the default `clew ingest`, which also detects each message\'s language and extracts entities.\n\n';
md += '| messages | file MB | baseline s (msg/s) | clew searchable s (msg/s) | clew / baseline time | CPU s baseline / clew (ratio) | peak RSS MB | clew analysed s (msg/s) | peak RSS MB | case MB |\n|---|---|---|---|---|---|---|---|---|---|\n';
for (const r of rows)
  md += `| ${fmt(r.n)} | ${fmt(r.bytes / 2 ** 20)} | ${fmt(r.base.seconds, 1)} (${fmt(r.n / r.base.seconds)}) | ${fmt(r.clew.seconds, 1)} (${fmt(r.n / r.clew.seconds)}) | ${fmt(r.clew.seconds / r.base.seconds, 2)} | ${fmt(r.base.cpuSeconds, 1)} / ${fmt(r.clew.cpuSeconds, 1)} (${fmt(r.clew.cpuSeconds / r.base.cpuSeconds, 2)}) | ${fmt(r.clew.rssMb)} | ${r.full ? `${fmt(r.full.seconds, 1)} (${fmt(r.n / r.full.seconds)})` : '—'} | ${r.full ? fmt(r.full.rssMb) : '—'} | ${fmt(r.caseMb)} |\n`;
if (rows.some((r) => r.inline)) {
  md += '\nAnalysed ingest, analysis in the main thread (`--analyse-workers 0`) and in the analyse pool (default: one thread per core), same run:\n\n| messages | baseline s | main thread s (× baseline) | peak RSS MB | pool s (× baseline) | peak RSS MB |\n|---|---|---|---|---|---|\n';
  for (const r of rows.filter((x) => x.inline && x.full))
    md += `| ${fmt(r.n)} | ${fmt(r.base.seconds, 1)} | ${fmt(r.inline.seconds, 1)} (${fmt(r.inline.seconds / r.base.seconds, 2)}) | ${fmt(r.inline.rssMb)} | ${fmt(r.full.seconds, 1)} (${fmt(r.full.seconds / r.base.seconds, 2)}) | ${fmt(r.full.rssMb)} |\n`;
}
md += `\nSearch latency through the typed API (parse, full-text match, newest-first page of 20, snippets), ${nQueries} queries per kind sampled from the messages:\n\n| messages | query | p50 ms | p95 ms |\n|---|---|---|---|\n`;
for (const r of rows) for (const [k, v] of Object.entries(r.lat)) md += `| ${fmt(r.n)} | ${k} | ${fmt(v.p50, 2)} | ${fmt(v.p95, 2)} |\n`;
console.log(md);
if (write) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
