#!/usr/bin/env node
// What spreading a case over two PostgreSQL servers costs (issue 22 part 3; docs/scale.md):
// the same synthetic case on one server, and on two (its older half of messages placed on a
// second server with `clew case place`, read through postgres_fdw), in the same run. Run after
// `npm run build`:
//   node bench/store/pg-nodes.mjs [--messages 200000] [--queries 60] [--write]
// Two fresh servers (clew db start) in bench/out/nodes-a and bench/out/nodes-b on loopback; the
// synthetic case (clew synth --seed 1) is ingested (clew ingest --no-analyse) twice into server A
// (cases one_node and two_nodes), then two_nodes has its messages before the median time placed
// on server B. Measured on each, queries alternating between the two: search (one word, two words,
// phrase; folded; page of 20 counted up to 1,000, as the workspace asks) p50/p95, the network
// build (loadCaseNetwork), the dossier of the most active account, stats; then the ingest of a
// second synthetic source (seed 2, a tenth of the size, over the same period: about half its
// messages go to server B) into each. Finally the remote SQL postgres_fdw sends for a word search.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { args, BENCH_OUT, BIN, opt, pct, queriesFrom, ROOT } from '../common.mjs';

const n = Number(opt('messages', '200000'));
const nQueries = Number(opt('queries', '60'));
mkdirSync(BENCH_OUT, { recursive: true });
const clew = (argv) => execFileSync(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26 });

const dirs = { a: join(BENCH_OUT, 'nodes-a'), b: join(BENCH_OUT, 'nodes-b') };
const servers = {};
for (const [k, dir] of Object.entries(dirs)) {
  try {
    clew(['db', 'stop', '--dir', dir]);
  } catch {
    // not running
  }
  rmSync(dir, { recursive: true, force: true });
  servers[k] = clew(['db', 'start', '--dir', dir]).split('\n')[1].trim();
}
process.on('exit', () => {
  for (const dir of Object.values(dirs))
    try {
      execFileSync(process.execPath, [BIN, 'db', 'stop', '--dir', dir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
});
const loc = (name) => {
  const u = new URL(servers.a);
  u.searchParams.set('case', name);
  return u.toString();
};

const synth = (messages, seed) => {
  const dir = join(BENCH_OUT, `synth-${messages}${seed === 1 ? '' : `-seed${seed}`}`);
  const records = join(dir, 'records.jsonl');
  if (!existsSync(records)) {
    console.log(`synth ${messages} messages (seed ${seed})…`);
    clew(['synth', '--out', dir, '--messages', String(messages), '--seed', String(seed)]);
  }
  return records;
};
const records = synth(n, 1);
const more = synth(Math.max(1000, Math.round(n / 10)), 2);

const timed = (f) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};
const ingest = {};
for (const name of ['one_node', 'two_nodes']) {
  console.log(`clew ingest --no-analyse into ${name}, ${n} messages…`);
  ingest[name] = timed(() => clew(['ingest', '--no-analyse', '--case', loc(name), records]));
  console.log(`  ${ingest[name].toFixed(1)} s`);
}

const a = new pg.Client(servers.a);
await a.connect();
const mid = Number((await a.query(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ts) AS ts FROM messages m JOIN clew_cases c ON c.id = m.case_id WHERE c.name = 'two_nodes'`)).rows[0].ts);
console.log(`clew case place two_nodes --before ${new Date(mid).toISOString()}…`);
const placed = JSON.parse(clew(['--json', 'case', 'place', '--case', loc('two_nodes'), '--node', servers.b, '--before', new Date(mid).toISOString()]));
console.log(`  ${placed.moved} moved, ${placed.kept} kept, ${placed.seconds.toFixed(1)} s`);
const size = async (c, sql) => Number((await c.query(sql)).rows[0].s);
const b = new pg.Client(servers.b);
await b.connect();
const bytesB = await size(b, `SELECT sum(pg_total_relation_size(oid)) AS s FROM pg_class WHERE relname LIKE 'clew_%_messages_c%' AND relkind = 'r'`);
const caseIds = Object.fromEntries((await a.query('SELECT name, id FROM clew_cases')).rows.map((r) => [r.name, r.id]));
const bytesOne = await size(a, `SELECT sum(pg_total_relation_size(c.oid)) AS s FROM pg_class c WHERE c.relname ~ '_c${caseIds.one_node}$' AND c.relkind = 'r'`);
const bytesMessagesOne = await size(a, `SELECT pg_total_relation_size('messages_c${caseIds.one_node}') AS s`);

const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { search } = await import(join(ROOT, 'dist', 'api', 'search.js'));
const { loadCaseNetwork } = await import(join(ROOT, 'dist', 'api', 'network.js'));
const { dossier } = await import(join(ROOT, 'dist', 'api', 'dossier.js'));
const { normalise } = await import(join(ROOT, 'dist', 'text', 'normalise', 'normalise.js'));

const ms = async (f) => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};

const stores = { one: await openCase(loc('one_node'), { readonly: true }), split: await openCase(loc('two_nodes'), { readonly: true }) };
const qs = await queriesFrom(records, nQueries, normalise);
const rows = [];
const strip = (x) => JSON.stringify(x, (k, v) => (k === 'elapsedMs' ? undefined : v));
let differ = 0;
for (const [kind, list] of Object.entries(qs)) {
  for (const q of list.slice(0, 5)) for (const s of Object.values(stores)) await search(s, { query: q, limit: 20, count: 1000 }); // warm
  const t = { one: [], split: [] };
  for (const q of list) {
    const got = {};
    for (const k of ['one', 'split']) {
      const [d, r] = await ms(() => search(stores[k], { query: q, limit: 20, count: 1000 }));
      t[k].push(d);
      got[k] = r;
    }
    if (strip(got.one) !== strip(got.split)) differ++;
  }
  rows.push({ what: `search, ${kind}: p50`, one: pct(t.one, 50), split: pct(t.split, 50) });
  rows.push({ what: `search, ${kind}: p95`, one: pct(t.one, 95), split: pct(t.split, 95) });
  console.log(rows.at(-2), rows.at(-1));
}
const median3 = async (f) => {
  const xs = [];
  let r;
  for (let i = 0; i < 3; i++) {
    const [d, x] = await ms(f);
    xs.push(d);
    r = x;
  }
  return [pct(xs, 50), r];
};
for (const [what, f] of [
  ['network build (loadCaseNetwork)', (s) => loadCaseNetwork(s)],
  ['stats (counts, top talkers)', (s) => s.stats({ top: 20 })],
]) {
  const [one, x] = await median3(() => f(stores.one));
  const [split, y] = await median3(() => f(stores.split));
  if (strip(x) !== strip(y)) differ++;
  rows.push({ what, one, split });
  console.log(rows.at(-1));
}
const top = (await stores.one.stats({ top: 1 })).topTalkers[0].account.ref;
{
  const [one, x] = await median3(() => dossier(stores.one, { account: top }));
  const [split, y] = await median3(() => dossier(stores.split, { account: top }));
  if (strip(x) !== strip(y)) differ++;
  rows.push({ what: 'dossier of the most active account', one, split });
  console.log(rows.at(-1));
}

// what postgres_fdw sends to server B for a word search (the GIN index is B's)
const word = qs['one word'][0];
const plan = (
  await a.query(
    `EXPLAIN (ANALYZE, VERBOSE, COSTS OFF) SELECT m.id FROM messages m WHERE m.case_id = $1 AND m.fts @@ $2::tsquery ORDER BY (m.id + 0) DESC LIMIT 21`,
    [caseIds.two_nodes, `'${word.replaceAll("'", "''")}'`],
  )
).rows.map((r) => r['QUERY PLAN']);
const remote = plan.filter((l) => /Remote SQL|Foreign Scan|Execution Time/.test(l)).map((l) => l.trim());
console.log(plan.join('\n'));
for (const s of Object.values(stores)) await s.close();

console.log(`ingest of a second source (${more}) into each…`);
const ingestMore = {};
for (const name of ['one_node', 'two_nodes']) ingestMore[name] = timed(() => clew(['ingest', '--no-analyse', '--case', loc(name), more]));
const onB = Number((await b.query(`SELECT sum(n_live_tup) AS n FROM pg_stat_user_tables WHERE relname LIKE 'clew_%_messages_c%'`)).rows[0].n);
rows.push({ what: `ingest of ${Math.round(n / 10).toLocaleString('en-US')} more messages (about half to server B)`, one: ingestMore.one_node * 1000, split: ingestMore.two_nodes * 1000 });
await a.end();
await b.end();

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
let md = `\n## A case over two PostgreSQL servers (issue 22 part 3) — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n`;
md += `Machine: ${machine}; 1-minute load average at the end ${loadavg()[0].toFixed(1)} (other agents' work: compare the ratios). Command: \`node bench/store/pg-nodes.mjs --messages ${n} --queries ${nQueries}\`.\n`;
md += `Two PostgreSQL 18 servers (\`clew db start\`) on loopback. The synthetic case (\`clew synth --seed 1\`, ${n.toLocaleString('en-US')} messages, \`clew ingest --no-analyse\`: ${ingest.one_node.toFixed(1)} s and ${ingest.two_nodes.toFixed(1)} s) twice on server A; one copy then had its messages before the median time placed on server B (\`clew case place\`: ${placed.moved.toLocaleString('en-US')} messages moved, ${placed.kept.toLocaleString('en-US')} kept, ${placed.seconds.toFixed(1)} s; ${(bytesB / 2 ** 20).toFixed(0)} MB on B; the case on one server: ${(bytesOne / 2 ** 20).toFixed(0)} MB, of which messages ${(bytesMessagesOne / 2 ** 20).toFixed(0)} MB). ${nQueries} queries per kind sampled from the messages, through the typed API, one at a time, alternating between the two cases; network, stats and dossier: median of 3. Answers that differed between the two: ${differ}.\n\n`;
md += '| measure | one server, ms | two servers, ms | ratio |\n|---|---|---|---|\n';
for (const r of rows) md += `| ${r.what} | ${r.one.toFixed(1)} | ${r.split.toFixed(1)} | ${(r.split / r.one).toFixed(2)}× |\n`;
md += `\nAfter the second ingest server B holds ${onB.toLocaleString('en-US')} messages of the case. What postgres_fdw sends to B for a word search (\`${word}\`; \`EXPLAIN ANALYZE VERBOSE\` on A):\n\n\`\`\`\n${remote.join('\n')}\n\`\`\`\n`;
console.log(md);
if (args.includes('--write')) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
