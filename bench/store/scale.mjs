#!/usr/bin/env node
// Issue 22 part 2: a very large case in PostgreSQL, measured. Run after `npm run build`:
//   node bench/store/scale.mjs [--messages 100000000] [--windows 10] [--analyse] [--queries 50] [--pg URI] [--write]
// 1. `clew synth --messages N --seed 1` writes the source file once (streamed; kept under bench/out and reused).
// 2. It is ingested into the PostgreSQL case scale_N (searchable: --no-analyse, unless --analyse) by the same
//    code as `clew ingest`, in this process, sampling its progress: the ingest rate over time, per tenth of the
//    records (--windows), and the decay from the first tenth to the last (the issue's bound: ≤ 20 %). A case
//    whose source is already complete is not ingested again (rerun the measurements only).
// 3. Disk per message: the case's partitions (tables, indexes, TOAST) and the database, over its messages.
// 4. Search p95 through the typed API (one word, two words, phrase; folded), as bench/store/pg-search.mjs.
// 5. As a user runs them, each a process of its own (startup included): `clew graph rank` (PageRank),
//    `clew graph communities` (Leiden), `clew dossier` of the most active account; and in this process the
//    network's build from the store (loadCaseNetwork + the CSR).
// Without --pg a local server is started with clew db start in bench/out/pg-scale (kept). The figures and the
// measured per-message costs are printed; --write appends them to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, statSync, statfsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pgServer } from './pg-server.mjs';
import { args, BENCH_OUT, BIN, opt, pct, queriesFrom, ROOT } from '../common.mjs';

const n = Number(opt('messages', '100000000'));
const windows = Number(opt('windows', '10'));
const nQueries = Number(opt('queries', '50'));
const analyse = args.includes('--analyse');
mkdirSync(BENCH_OUT, { recursive: true });

// a server of its own (bench/out/pg-scale): a run of hours must not be stopped by another bench's end
const server = pgServer(ROOT, opt('pg', null), join(BENCH_OUT, 'pg-scale'));
const caseName = `scale_${n}${analyse ? '_analysed' : ''}`;
const locator = (() => {
  const u = new URL(server.uri);
  u.searchParams.set('case', caseName);
  return u.toString();
})();
const dir = join(BENCH_OUT, `synth-${n}`);
const records = join(dir, 'records.jsonl');
const secs = (t0) => (performance.now() - t0) / 1000;
const gb = (b) => (b / 2 ** 30).toFixed(2);
const freeBytes = () => {
  const s = statfsSync(BENCH_OUT);
  return s.bavail * s.bsize;
};
const disk0 = freeBytes();
console.log(`${caseName}: ${n} messages; ${gb(disk0)} GB free under bench/out`);

let synthSeconds = null;
if (!existsSync(join(dir, 'truth.json'))) {
  console.log(`synth ${n} messages…`);
  const t = performance.now();
  execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(n), '--seed', '1'], { stdio: 'inherit' });
  synthSeconds = secs(t);
}
const sourceBytes = statSync(records).size;

const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { ingestFile } = await import(join(ROOT, 'dist', 'api', 'ingest.js'));
const { search } = await import(join(ROOT, 'dist', 'api', 'search.js'));
const { loadCaseNetwork } = await import(join(ROOT, 'dist', 'api', 'network.js'));
const { graphContext } = await import(join(ROOT, 'dist', 'api', 'graph.js'));
const { normalise } = await import(join(ROOT, 'dist', 'text', 'normalise', 'normalise.js'));
const { CASE_TABLES, partitionName } = await import(join(ROOT, 'dist', 'store', 'postgres', 'schema.js'));

// 2. ingest, its progress sampled
const store = await openCase(locator, { create: true });
let ingest = null;
const done = (await store.sources()).some((s) => s.status === 'complete');
if (!done) {
  console.log(`ingest into PostgreSQL (${analyse ? 'analysed' : '--no-analyse'})…`);
  const samples = [{ t: 0, records: 0 }];
  let hashSeconds = 0;
  let peakRss = 0;
  const cpu0 = process.cpuUsage();
  const server0 = server.serverCpuSeconds();
  const t0 = performance.now();
  const summary = await ingestFile(store, records, {
    analyse,
    progressIntervalMs: 1000,
    onProgress: (p) => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      if (p.phase === 'hashing') hashSeconds = secs(t0);
      else samples.push({ t: secs(t0), records: p.records });
      if (samples.length % 30 === 0) console.log(`  ${p.records} records, ${Math.round(p.rate)} records/s, ETA ${Math.round(p.etaSeconds ?? 0)} s`);
    },
  });
  const seconds = secs(t0);
  const cpu = process.cpuUsage(cpu0);
  const serverCpu = server0 == null ? null : server.serverCpuSeconds() - server0;
  samples.push({ t: seconds, records: summary.added.records });
  ingest = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, serverCpu, hashSeconds, peakRss, summary, rates: windowRates(samples, windows) };
}

/** Records per second over each of k equal shares of the records ingested, from the progress samples. */
function windowRates(samples, k) {
  const total = samples.at(-1).records;
  const at = (r) => {
    // the time at which r records were done, interpolated between the samples around it
    const i = samples.findIndex((s) => s.records >= r);
    if (i <= 0) return samples[Math.max(0, i)].t;
    const a = samples[i - 1];
    const b = samples[i];
    return a.t + ((b.t - a.t) * (r - a.records)) / Math.max(1, b.records - a.records);
  };
  const out = [];
  for (let w = 0; w < k; w++) {
    const r0 = (total * w) / k;
    const r1 = (total * (w + 1)) / k;
    out.push(Math.round((r1 - r0) / Math.max(1e-9, at(r1) - at(r0))));
  }
  return out;
}

// 3. disk per message
const stats = await store.stats();
const db = new pg.Client({ connectionString: server.uri });
await db.connect();
const caseId = (await db.query('SELECT id FROM clew_cases WHERE name = $1', [caseName])).rows[0].id;
const parts = CASE_TABLES.map((t) => partitionName(t.name, caseId));
const caseBytes = Number((await db.query('SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS b FROM pg_class c WHERE c.relname = ANY($1)', [parts])).rows[0].b);
const dbBytes = Number((await db.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
const top = (await db.query(`SELECT a.ref, count(*)::bigint AS n FROM ${partitionName('messages', caseId)} m JOIN ${partitionName('accounts', caseId)} a ON a.case_id = m.case_id AND a.id = m.sender GROUP BY a.ref ORDER BY n DESC LIMIT 1`)).rows[0];
await db.end();

// 4. search p95
const qs = await queriesFrom(records, nQueries, normalise);
const searchRows = [];
for (const [kind, list] of Object.entries(qs)) {
  for (const q of list.slice(0, 5)) await search(store, { query: q, mode: 'folded', limit: 20, count: 1000 });
  const ms = [];
  for (const q of list) {
    const t = performance.now();
    await search(store, { query: q, mode: 'folded', limit: 20, count: 1000 });
    ms.push(performance.now() - t);
  }
  searchRows.push({ kind, p50: pct(ms, 50), p95: pct(ms, 95) });
}

// 5. the network, in this process and as a user runs it
let t = performance.now();
const net = await loadCaseNetwork(store);
await graphContext(net, store);
const networkSeconds = secs(t);
const nodes = net.edges.n;
const pairs = net.edges.src.length;
await store.close();
const timed = (argv) => {
  const t1 = performance.now();
  execFileSync(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
  return secs(t1);
};
const rankSeconds = timed(['graph', 'rank', '--case', locator, '--by', 'pagerank', '--top', '20']);
const communitiesSeconds = timed(['graph', 'communities', '--case', locator]);
const dossierSeconds = timed(['dossier', '--case', locator, top.ref]);

// figures
const messages = stats.messages;
const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
let md = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — issue 22 part 2: ${messages.toLocaleString('en')} messages in one PostgreSQL case\n\n`;
md += `\`node bench/store/scale.mjs --messages ${n}${analyse ? ' --analyse' : ''}\`; ${cpus().length} cores (${cpus()[0]?.model}), ${gb(totalmem())} GB, Node ${process.version}, load average at the end ${load}. `;
md += `Source: \`clew synth --seed 1\`, ${gb(sourceBytes)} GB of JSON Lines${synthSeconds ? ` written in ${synthSeconds.toFixed(0)} s` : ''}; ${gb(disk0)} GB free before the run.\n\n`;
if (ingest) {
  const r = ingest.rates;
  const decay = 1 - r.at(-1) / r[0];
  md += `Ingest (${analyse ? 'analysed' : 'searchable, --no-analyse'}): **${ingest.seconds.toFixed(0)} s** for ${ingest.summary.added.records.toLocaleString('en')} records (${Math.round(messages / ingest.seconds)} messages/s; hashing the file first: ${ingest.hashSeconds.toFixed(0)} s), peak RSS of the ingest process ${(ingest.peakRss / 2 ** 20).toFixed(0)} MB.\n`;
  md += `CPU: ${ingest.cpuSeconds.toFixed(0)} s in the ingest process${ingest.serverCpu == null ? '' : `, ${ingest.serverCpu.toFixed(0)} s in PostgreSQL`} = ${((1e6 * (ingest.cpuSeconds + (ingest.serverCpu ?? 0))) / messages).toFixed(0)} µs per message.\n`;
  md += `Records/s per tenth of the file, first to last: ${r.join(', ')}. **Decay first → last tenth: ${(decay * 100).toFixed(1)} %** (bound: ≤ 20 %).\n\n`;
}
md += `| figure | value |\n|---|---:|\n`;
md += `| messages / accounts in the case | ${messages.toLocaleString('en')} / ${stats.accounts.toLocaleString('en')} |\n`;
md += `| case partitions on disk (tables, indexes, TOAST) | ${gb(caseBytes)} GB = ${Math.round(caseBytes / messages)} bytes per message |\n`;
md += `| whole database | ${gb(dbBytes)} GB |\n`;
for (const s of searchRows) md += `| search p50 / p95, ${s.kind} (folded, page of 20, count to 1,000) | ${s.p50.toFixed(1)} / **${s.p95.toFixed(1)} ms** |\n`;
md += `| network from the store (loadCaseNetwork + CSR, in process): ${nodes.toLocaleString('en')} nodes, ${pairs.toLocaleString('en')} directed pairs | ${networkSeconds.toFixed(1)} s |\n`;
md += `| \`clew graph rank --by pagerank\` (process: open, build, measure, print) | ${rankSeconds.toFixed(1)} s |\n`;
md += `| \`clew graph communities\` (Leiden) | ${communitiesSeconds.toFixed(1)} s |\n`;
md += `| \`clew dossier\` of the most active account (${Number(top.n).toLocaleString('en')} messages sent) | ${dossierSeconds.toFixed(1)} s |\n`;
if (ingest) {
  // what a billion messages needs at these per-message costs, on paper
  const perMsgCpu = (ingest.cpuSeconds + (ingest.serverCpu ?? 0)) / messages;
  md += `\nAt these per-message costs a billion messages takes ${gb((caseBytes / messages) * 1e9 * 1.0)} GB of case partitions (plus the source files), `;
  md += `${((perMsgCpu * 1e9) / 3600).toFixed(0)} core-hours of ingest CPU (${((perMsgCpu * 1e9) / 3600 / 16).toFixed(1)} hours on 16 cores if the work spreads), `;
  md += `and ${((1e9 / messages) * ingest.seconds / 3600).toFixed(1)} hours at this run's rate on this machine.\n`;
}
console.log(md);
if (args.includes('--write')) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
server.stop();
