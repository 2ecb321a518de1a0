#!/usr/bin/env node
// clew case copy against ingest (issue 15, part 7: a copy in ≤ 2× the ingest time). Run after `npm run build`:
//   node bench/store/copy.mjs [--messages 200000] [--pg postgres://USER:PW@HOST:PORT/DB] [--write]
// A synthetic case (clew synth, seed 1) is ingested (clew ingest --no-analyse, the fastest ingest:
// the strictest reference) into a case file and into a PostgreSQL case, then copied with clew case
// copy SQLite → PostgreSQL, PostgreSQL → SQLite and SQLite → SQLite; each copy's time is printed as a
// ratio to the ingest into the same backend in the same run. Without --pg a local server is started
// with clew db start in bench/out/pg and stopped at the end (bench/store/pg-server.mjs).
// --write appends the figures to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgServer } from './pg-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const n = Number(opt('messages', '200000'));
mkdirSync(OUT, { recursive: true });

const clew = (argv, stdio = ['ignore', 'pipe', 'inherit']) => execFileSync(process.execPath, [BIN, ...argv], { stdio, encoding: 'utf8', maxBuffer: 1 << 26 });
function timed(argv) {
  const t = process.hrtime.bigint();
  const out = clew(argv);
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, out };
}

const server = pgServer(ROOT, opt('pg', null));
const pgBase = server.uri;
const run = `${process.pid}`;
function pgCase(name) {
  const u = new URL(pgBase);
  u.searchParams.set('case', `bench_copy_${name}_${run}`);
  return u.toString();
}

const dir = join(OUT, `synth-${n}`);
const records = join(dir, 'records.jsonl');
if (!existsSync(records)) {
  console.log(`synth ${n} messages…`);
  clew(['synth', '--out', dir, '--messages', String(n), '--seed', '1'], 'inherit');
}
const file = (name) => {
  const p = join(OUT, `copy-${name}.clew`);
  for (const f of [p, `${p}-wal`, `${p}-shm`, `${p}.writer`]) rmSync(f, { force: true });
  return p;
};

const sqliteCase = file('ingested');
const pgIngested = pgCase('ingested');
console.log(`clew ingest --no-analyse into a case file, ${n} messages…`);
const ingestSqlite = timed(['ingest', '--no-analyse', '--case', sqliteCase, records]).seconds;
console.log(`  ${ingestSqlite.toFixed(1)} s`);
console.log(`clew ingest --no-analyse into a PostgreSQL case…`);
const ingestPg = timed(['ingest', '--no-analyse', '--case', pgIngested, records]).seconds;
console.log(`  ${ingestPg.toFixed(1)} s`);

const copies = [];
for (const [label, from, to, ref, refLabel] of [
  ['SQLite → PostgreSQL', sqliteCase, pgCase('from_sqlite'), ingestPg, 'PostgreSQL ingest'],
  ['PostgreSQL → SQLite', pgIngested, file('from_pg'), ingestSqlite, 'SQLite ingest'],
  ['SQLite → SQLite', sqliteCase, file('from_sqlite'), ingestSqlite, 'SQLite ingest'],
]) {
  console.log(`clew case copy ${label}…`);
  const r = timed(['--json', 'case', 'copy', from, to]);
  const res = JSON.parse(r.out);
  copies.push({ label, seconds: r.seconds, rows: res.rows, ratio: r.seconds / ref, refLabel });
  console.log(`  ${r.seconds.toFixed(1)} s, ${res.rows} rows (${Math.round(res.rows / r.seconds)} rows/s): ${(r.seconds / ref).toFixed(2)}× the ${refLabel} (goal ≤ 2×)`);
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), Node ${process.version}`;
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
let md = `\n## clew case copy vs ingest (issue 15, part 7) — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${machine}; load average at the end ${load}. Command: \`node bench/store/copy.mjs --messages ${n}\`.\n`;
md += `Synthetic case (\`clew synth --seed 1\`, ${n.toLocaleString('en-US')} messages); reference: \`clew ingest --no-analyse\` of the same file into the destination's backend in the same run (SQLite ${ingestSqlite.toFixed(1)} s, PostgreSQL ${ingestPg.toFixed(1)} s). A copy moves every stored row and rebuilds the full-text index, read indexes and statistics.\n\n`;
md += '| copy | s | rows | rows/s | × ingest into the destination (goal ≤ 2) |\n|---|---|---|---|---|\n';
for (const c of copies) md += `| ${c.label} | ${c.seconds.toFixed(1)} | ${c.rows.toLocaleString('en-US')} | ${Math.round(c.rows / c.seconds).toLocaleString('en-US')} | ${c.ratio.toFixed(2)} (${c.refLabel}) |\n`;
console.log(md);
if (args.includes('--write')) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
// the PostgreSQL cases this run made
const { parseLocator } = await import(join(ROOT, 'dist', 'store', 'locator.js'));
const { createPool } = await import(join(ROOT, 'dist', 'store', 'postgres', 'db.js'));
const { dropCase } = await import(join(ROOT, 'dist', 'store', 'postgres', 'cases.js'));
const pool = createPool(parseLocator(pgCase('x')));
for (const c of ['ingested', 'from_sqlite']) await dropCase(pool, `bench_copy_${c}_${run}`);
await pool.end();
server.stop();
