#!/usr/bin/env node
// PostgreSQL ingest against SQLite ingest of the same file in the same run (issue 15, Speed: PG
// within 2× of SQLite at 1M messages). Run after `npm run build`:
//   node bench/store/pg-ingest.mjs [--messages 1000000] [--pg postgres://USER:PW@HOST:PORT/DB] [--cpu-prof DIR] [--keep] [--write]
// A synthetic case (clew synth, seed 1) is ingested with `clew ingest --no-analyse` (the fastest
// ingest: the strictest reference) into a case file, then into a fresh PostgreSQL case. Wall time,
// clew's CPU seconds (all threads) and, for a local server, the server's CPU seconds are printed.
// Without --pg a local server is started in bench/out/pg (clew db start) and stopped at the end.
// --keep keeps both cases (bench/out/case-N.clew and the PostgreSQL case bench_N, as
// bench/store/pg-search.mjs and bench/web/search-load.mjs --pg reuse them); else they are dropped.
// --cpu-prof DIR profiles the PostgreSQL ingest's clew process. --write appends the figures to bench/RESULTS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pgServer } from './pg-server.mjs';
import { args, BENCH_OUT, BIN, opt, ROOT } from '../common.mjs';

const OUT = BENCH_OUT;
const n = Number(opt('messages', '1000000'));
const prof = opt('cpu-prof', null);
mkdirSync(OUT, { recursive: true });

const server = pgServer(ROOT, opt('pg', null));
const keep = args.includes('--keep');
const caseName = keep ? `bench_${n}` : `bench_ingest_${process.pid}`;
const u = new URL(server.uri);
u.searchParams.set('case', caseName);
const pgCase = u.toString();

const dir = join(OUT, `synth-${n}`);
const records = join(dir, 'records.jsonl');
if (!existsSync(records)) {
  console.log(`synth ${n} messages…`);
  execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(n), '--seed', '1'], { stdio: 'inherit' });
}

function timed(argv, node = []) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...node, BIN, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`clew ${argv.join(' ')} failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop().split(' ');
  return { seconds: Number(last[0]), cpu: Number(last[1]) + Number(last[2]), out: r.stdout };
}

const loads = [loadavg()[0]];
const { parseLocator } = await import(join(ROOT, 'dist', 'store', 'locator.js'));
const { createPool } = await import(join(ROOT, 'dist', 'store', 'postgres', 'db.js'));
const { dropCase } = await import(join(ROOT, 'dist', 'store', 'postgres', 'cases.js'));
const pool = createPool(parseLocator(pgCase));
// a new server has no clew schema yet (42P01): nothing to drop
await dropCase(pool, caseName).catch((e) => {
  if (e.code !== '42P01') throw e;
});
const casePath = join(OUT, keep ? `case-${n}.clew` : 'pg-ingest-sqlite.clew');
for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`, `${casePath}.writer`]) rmSync(f, { force: true });
console.log(`clew ingest --no-analyse into a case file, ${n} messages…`);
const sqlite = timed(['--json', 'ingest', '--no-analyse', '--case', casePath, records]);
const sqliteRecords = JSON.parse(sqlite.out).ingested[0].added.records;
console.log(`  ${sqlite.seconds.toFixed(1)} s wall, ${sqlite.cpu.toFixed(1)} s CPU`);
loads.push(loadavg()[0]);
console.log(`clew ingest --no-analyse into a PostgreSQL case…`);
const cpu0 = server.serverCpuSeconds();
const pgRun = timed(['--json', 'ingest', '--no-analyse', '--case', pgCase, records], prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []);
const cpu1 = server.serverCpuSeconds();
const pgRecords = JSON.parse(pgRun.out).ingested[0].added.records;
const serverCpu = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
loads.push(loadavg()[0]);
console.log(`  ${pgRun.seconds.toFixed(1)} s wall, ${pgRun.cpu.toFixed(1)} s clew CPU${serverCpu !== null ? `, ${serverCpu.toFixed(1)} s server CPU` : ''}`);
if (pgRecords !== sqliteRecords) throw new Error(`records differ: SQLite ${sqliteRecords}, PostgreSQL ${pgRecords}`);

const ratio = pgRun.seconds / sqlite.seconds;
const cpuRatio = serverCpu !== null ? (pgRun.cpu + serverCpu) / sqlite.cpu : null;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), Node ${process.version}`;
let md = `\n## PostgreSQL ingest vs SQLite ingest (issue 15, Speed) — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n`;
md += `Machine: ${machine}; 1-minute load average ${loads.map((x) => x.toFixed(1)).join(' / ')} (start / between / end). Command: \`node bench/store/pg-ingest.mjs --messages ${n}\`.\n`;
md += `Synthetic case (\`clew synth --seed 1\`, ${n.toLocaleString('en-US')} messages, ${sqliteRecords.toLocaleString('en-US')} records), \`clew ingest --no-analyse\` into a new case of each backend, same file, same run; the local server of \`clew db start\`.\n\n`;
md += '| backend | wall s | clew CPU s | server CPU s | records/s (wall) |\n|---|---|---|---|---|\n';
md += `| SQLite | ${sqlite.seconds.toFixed(1)} | ${sqlite.cpu.toFixed(1)} | — | ${Math.round(sqliteRecords / sqlite.seconds).toLocaleString('en-US')} |\n`;
md += `| PostgreSQL | ${pgRun.seconds.toFixed(1)} | ${pgRun.cpu.toFixed(1)} | ${serverCpu !== null ? serverCpu.toFixed(1) : '—'} | ${Math.round(pgRecords / pgRun.seconds).toLocaleString('en-US')} |\n\n`;
md += `PostgreSQL / SQLite: **${ratio.toFixed(2)}× wall** (goal ≤ 2×)${cpuRatio !== null ? `, ${cpuRatio.toFixed(2)}× CPU (clew + server against clew)` : ''}.\n`;
console.log(md);
if (args.includes('--write')) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);

if (!keep) {
  await dropCase(pool, caseName);
  for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(f, { force: true });
}
await pool.end();
server.stop();
