#!/usr/bin/env node
// API search under load (issue 7; issue 15 for PostgreSQL): p95 ≤ 100 ms on a 1M-message case,
// 20 concurrent clients. Run after `npm run build`:
//   node bench/web/search-load.mjs [--messages 1000000] [--duration 20] [--connections 20] [--dist DIR]
//        [--pg postgres://USER:PW@HOST:PORT/DB?case=NAME] [--mixed] [--write]
// The case (clew synth seed 1 + clew ingest --no-analyse) is cached under /tmp/clew-bench-web.
// --pg also measures a PostgreSQL case served by `clew serve --case postgres://…` (ingested from
// the same file when it holds no complete source; bench/store/pg-ingest.mjs --keep makes one),
// same queries, same run: both backends are reported. --mixed puts stats, dossier and network
// requests in the rotation (70% searches, 10% each /api/stats, /api/dossier/REF, /api/network).
// `clew serve` runs in a child process with a rate limit configured for the bench (the product
// default stays); autocannon drives it on loopback with a mix of realistic queries (words,
// phrases, prefixes, filters, exact mode). Baseline, in the same run: the same queries through
// the typed API in-process, one at a time (the cost of search itself, without HTTP or load).
// --write appends the figures to bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const N = Number(opt('messages', '1000000'));
const DURATION = Number(opt('duration', '20'));
const CONNECTIONS = Number(opt('connections', '20'));
const DIST = opt('dist', join(ROOT, 'dist'));
const write = args.includes('--write');
const PG = opt('pg', null);
const MIXED = args.includes('--mixed');
const CACHE = '/tmp/clew-bench-web';
mkdirSync(CACHE, { recursive: true });
const BIN = join(DIST, 'cli', 'bin.js');
const mod = (p) => import(pathToFileURL(join(DIST, p)).href);

// ------------------------------------------------------------------ the case
// the case of bench/store/pg-ingest.mjs --keep when there is one, else the cached one
const kept = join(ROOT, 'bench', 'out', `case-${N}.clew`);
const casePath = existsSync(kept) ? kept : join(CACHE, `case-${N}.clew`);
const shared = join(ROOT, 'bench', 'out', `synth-${N}`, 'records.jsonl');
const records = existsSync(shared) ? shared : join(CACHE, `records-${N}.jsonl`);
if (!existsSync(records)) {
  console.log(`synth ${N} messages…`);
  execFileSync(process.execPath, [BIN, 'synth', '--out', join(CACHE, `synth-${N}`), '--messages', String(N), '--seed', '1'], { stdio: 'inherit' });
  renameSync(join(CACHE, `synth-${N}`, 'records.jsonl'), records);
}
if (!existsSync(casePath)) {
  console.log(`ingest ${N} messages…`);
  const partial = `${casePath}.partial`;
  execFileSync(process.execPath, [BIN, 'ingest', '--case', partial, '--no-analyse', records], { stdio: 'inherit' });
  renameSync(partial, casePath);
}

// ------------------------------------------------------------------ queries
const { normalise } = await mod('text/normalise/normalise.js');
function queryMix(n) {
  const fd = openSync(records, 'r');
  const head = Buffer.alloc(48 * 2 ** 20);
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const lines = head.subarray(0, got).toString('utf8').split('\n', 300_000).slice(0, -1);
  const words = [];
  const raw = [];
  const pairs = [];
  const senders = [];
  for (let i = 0; i < lines.length && words.length < 20_000; i += 31) {
    if (!lines[i].includes('"type":"message"')) continue;
    const m = JSON.parse(lines[i]);
    if (senders.length < 500) senders.push(m.from);
    const toks = normalise(m.body).match(/[\p{L}\p{N}]{4,}/gu) ?? [];
    for (let k = 0; k < toks.length; k++) {
      words.push(toks[k]);
      if (k + 1 < toks.length) pairs.push(`${toks[k]} ${toks[k + 1]}`);
    }
    for (const w of m.body.match(/[\p{L}\p{N}]{4,}/gu) ?? []) raw.push(w);
  }
  const at = (arr, i) => arr[(i * 7919) % arr.length];
  const out = [];
  for (let i = 0; out.length < n; i++) {
    const k = i % 10;
    if (k < 3) out.push({ kind: 'word', q: at(words, i), mode: 'folded' });
    else if (k === 3) out.push({ kind: 'two words', q: at(pairs, i), mode: 'folded' });
    else if (k === 4) out.push({ kind: 'phrase', q: `"${at(pairs, i)}"`, mode: 'folded' });
    else if (k === 5) out.push({ kind: 'prefix', q: `${at(words, i).slice(0, 4)}*`, mode: 'folded' });
    else if (k === 6) out.push({ kind: 'sender filter', q: `${at(words, i)} from:${at(senders, i)}`, mode: 'folded' });
    else if (k === 7) out.push({ kind: 'time filter', q: `${at(words, i)} after:2020-06-01 before:2021-01-01`, mode: 'folded' });
    else if (k === 8) out.push({ kind: 'OR / NOT', q: `${at(words, i)} OR ${at(words, i + 1)} -${at(words, i + 2)}`, mode: 'folded' });
    else out.push({ kind: 'exact', q: at(raw, i), mode: 'exact' });
  }
  return out;
}
const searches = queryMix(400);
const senderRefs = searches.filter((q) => q.kind === 'sender filter').map((q) => q.q.split(' from:')[1]);
// --mixed: of every 10 requests 7 searches, then stats, a dossier, the network (cached by the server after the first)
const queries = MIXED
  ? searches.flatMap((q, i) => (i % 7 === 6 ? [q, { kind: 'stats' }, { kind: 'dossier', ref: senderRefs[i % senderRefs.length] }, { kind: 'network' }] : [q]))
  : searches;
const pathOf = (q) =>
  q.kind === 'stats'
    ? '/api/stats'
    : q.kind === 'dossier'
      ? `/api/dossier/${encodeURIComponent(q.ref)}`
      : q.kind === 'network'
        ? '/api/network'
        : `/api/search?q=${encodeURIComponent(q.q)}&mode=${q.mode}&limit=50`;

function pct(xs, p) {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const f = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

// ------------------------------------------------------------------ one backend: baseline, then the server under load
const { openCase } = await mod('api/case.js');
const { search } = await mod('api/search.js');
const rows = [];
async function measure(label, locator) {
  console.log(`\n${label}: ${locator.replace(/:[^:@/]*@/, ':***@')}`);
  // ------------------------------------------------------------------ baseline: typed API in-process
  {
    const store = await openCase(locator, { readonly: true });
    for (const q of searches.slice(0, 50)) await search(store, { query: q.q, mode: q.mode, limit: 50 }); // warm the page cache
    await store.close();
  }
  const store = await openCase(locator, { readonly: true });
  const base = [];
  const baseByKind = new Map();
  const b0 = performance.now();
  for (let r = 0; r < 2; r++)
    for (const q of searches) {
      const t = performance.now();
      await search(store, { query: q.q, mode: q.mode, limit: 50 });
      const ms = performance.now() - t;
      base.push(ms);
      if (!baseByKind.has(q.kind)) baseByKind.set(q.kind, []);
      baseByKind.get(q.kind).push(ms);
    }
  const baseSecs = (performance.now() - b0) / 1000;
  await store.close();

  // ------------------------------------------------------------------ the server under load
  const serverScript = `
  import { startServer } from ${JSON.stringify(pathToFileURL(join(DIST, 'server', 'server.js')).href)};
  const s = await startServer({ casePath: ${JSON.stringify(locator)}, log: () => {}, rateLimit: { capacity: 1e6, perSecond: 1e6 } });
  process.stdout.write(JSON.stringify({ port: s.port, token: s.token }) + '\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', serverScript], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((ok, fail) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      if (buf.includes('\n')) ok(JSON.parse(buf.split('\n')[0]));
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  const headers = { Host: `127.0.0.1:${info.port}`, Cookie: `clew_token_${info.port}=${info.token}`, Accept: 'application/json' };

  let next = 0;
  const times = [];
  const run = (duration) =>
    new Promise((ok, fail) => {
      const inst = autocannon(
        {
          url: `http://127.0.0.1:${info.port}`,
          connections: CONNECTIONS,
          duration,
          headers,
          requests: [
            {
              setupRequest: (req) => {
                const q = queries[next++ % queries.length];
                return { ...req, method: 'GET', path: pathOf(q) };
              },
            },
          ],
        },
        (err, res) => (err ? fail(err) : ok(res)),
      );
      inst.on('response', (client, status, bytes, ms) => {
        if (duration === DURATION) times.push(ms);
      });
    });
  // warm-up: the network and stats caches are filled once, as a workspace's first view does
  for (const p of MIXED ? ['/api/network', '/api/stats'] : []) await fetch(`http://127.0.0.1:${info.port}${p}`, { headers });
  await run(3);
  const res = await run(DURATION);
  child.kill('SIGTERM');

  const p50 = pct(times, 50);
  const p95 = pct(times, 95);
  const p99 = pct(times, 99);
  const non2xx = res.non2xx;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end`;
  console.log(`\n${label}: ${MIXED ? 'mixed requests' : 'search'} under load: ${N.toLocaleString('en')} messages, ${CONNECTIONS} clients, ${DURATION} s, ${queries.length} queries in rotation`);
  console.log(`  HTTP:     ${times.length} requests, ${res.requests.average.toFixed(0)} req/s, p50 ${f(p50)} ms, p95 ${f(p95)} ms, p99 ${f(p99)} ms, non-2xx ${non2xx}, errors ${res.errors}, timeouts ${res.timeouts}`);
  console.log(`  baseline (typed API in-process, one at a time): ${base.length} queries, ${(base.length / baseSecs).toFixed(0)} q/s, p50 ${f(pct(base, 50))} ms, p95 ${f(pct(base, 95))} ms, p99 ${f(pct(base, 99))} ms`);
  for (const [k, xs] of baseByKind) console.log(`    ${k.padEnd(14)} in-process p50 ${f(pct(xs, 50))} ms p95 ${f(pct(xs, 95))} ms`);
  const mean = base.reduce((x, y) => x + y, 0) / base.length;
  // one server thread answers one search at a time: with C clients always waiting, a request
  // waits for about C searches (Little's law), so p50 ≈ C × mean service time
  console.log(`  one server thread, ${CONNECTIONS} clients: expected p50 ≈ ${CONNECTIONS} × ${f(mean)} ms mean in-process = ${f(CONNECTIONS * mean)} ms, ceiling ≈ ${(1000 / mean).toFixed(0)} req/s with a whole core`);
  console.log(`  target p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : 'NOT met'}   (${machine})`);
  if (non2xx > 0) console.log('  WARNING: non-2xx answers (rate limit or errors): check the server');

  const row = { label, times, res, base, baseSecs, baseByKind, p50, p95, p99, mean };
  rows.push(row);
}

await measure('SQLite', casePath);
if (PG) {
  const st = await openCase(PG, { create: true }).catch((e) => {
    throw new Error(`cannot open ${PG.replace(/:[^:@/]*@/, ':***@')}: ${e.message}`);
  });
  const ready = (await st.sources()).some((x) => x.status === 'complete');
  await st.close();
  if (!ready) {
    console.log(`ingest ${N} messages into the PostgreSQL case…`);
    execFileSync(process.execPath, [BIN, 'ingest', '--case', PG, '--no-analyse', records], { stdio: 'inherit' });
  }
  await measure('PostgreSQL', PG);
}

if (write) {
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end`;
  let md =
    `\n### Web: API ${MIXED ? 'mixed requests' : 'search'} under load (bench/web/search-load.mjs${PG ? ' --pg' : ''}${MIXED ? ' --mixed' : ''}), ${date}\n\n` +
    `${machine}. Case: clew synth seed 1, ${N.toLocaleString('en')} messages, ingested --no-analyse${PG ? ', in a case file and in a PostgreSQL case (local `clew db start` server), same run' : ''}. ` +
    `${CONNECTIONS} concurrent autocannon clients on loopback for ${DURATION} s over ${queries.length} requests (searches: 30% one word, 10% two words, 10% phrase, 10% prefix, 10% sender filter, 10% time filter, 10% OR/NOT, 10% exact mode, limit 50${MIXED ? '; of every 10 requests 7 searches, 1 /api/stats, 1 /api/dossier/REF, 1 /api/network' : ''}); server in a child process, rate limit raised for the bench.\n\n` +
    `| backend | | requests | req/s | p50 ms | p95 ms | p99 ms | non-2xx |\n|---|---|---|---|---|---|---|---|\n`;
  for (const r of rows)
    md +=
      `| ${r.label} | HTTP, ${CONNECTIONS} clients | ${r.times.length} | ${r.res.requests.average.toFixed(0)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.res.non2xx} |\n` +
      `| ${r.label} | baseline: typed API search in-process, 1 at a time | ${r.base.length} | ${(r.base.length / r.baseSecs).toFixed(0)} | ${f(pct(r.base, 50))} | ${f(pct(r.base, 95))} | ${f(pct(r.base, 99))} | – |\n`;
  md += '\n';
  for (const r of rows)
    md += `${r.label}, in-process by kind (p50 / p95 ms): ${[...r.baseByKind].map(([k, xs]) => `${k} ${f(pct(xs, 50))} / ${f(pct(xs, 95))}`).join('; ')}. Target p95 ≤ 100 ms: ${r.p95 <= 100 ? 'met' : 'not met'} (p50 ≈ ${CONNECTIONS} × ${f(r.mean)} ms mean in-process = ${f(CONNECTIONS * r.mean)} ms on a whole core).\n\n`;
  appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
}
