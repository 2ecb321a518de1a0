#!/usr/bin/env node
// The team server under a team's load (issue 21): U users of 3 agencies signed in to `clew server --db`
// on one PostgreSQL case, each a client sending its next request as soon as the last was answered,
// a mix of searches, dossiers and the network view. Two team servers on the same database and case,
// in child processes: one writes the audit log (every answered case request appended before the
// answer leaves, as `clew server` always does), the other has none (startTeamServer without `audit`,
// what tests and benchmarks may do; the product always audits). They are measured in alternating
// rounds in the same run, so the ratio audit on / audit off is not skewed by the machine's load.
// Target: p95 ≤ 150 ms with auditing on, and within 1.3× of auditing off.
//
// Run after `npm run build:server`:
//   node bench/api/team-load.mjs --db-dir DIR [--messages 200000] [--users 20] [--rounds 2] [--duration 15] [--dist DIR] [--before DIR [--before-db-dir DIR2]] [--write]
// (--dist: the servers from another build, e.g. a copy of dist/ made before a change; --before: also
// run the two servers of that build, in the same alternating rounds, for a before/after pair measured
// under the same load; --before-db-dir: the before build's own database, when the builds' schemas
// differ, e.g. a copy of DIR made before migrating it, stopped while it is copied)
// Besides the latencies, it prints the CPU each answered request cost: the server process's and its
// PostgreSQL's (every backend of the cluster; only the server measured runs queries during its round).
// DIR: a local PostgreSQL made by `clew db start --dir DIR` (started here when it is not running);
// the admin's and the team server role's passwords are read from DIR/password and DIR/server-password.
// The case `bench_N` is ingested (--no-analyse) from bench/out/synth-N/records.jsonl (clew synth seed 1)
// when the database does not hold it yet (bench/store/pg-ingest.mjs --keep makes the same one).
// Users bench.teamNN (password below) are made once and granted the case (analyst; every 5th a reader).
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { args, BENCH_OUT, BIN, cpuMsOf, opt, pct, postgresCpuMs, queriesFrom, ROOT } from '../common.mjs';

const N = Number(opt('messages', '200000'));
const USERS = Number(opt('users', '20'));
const ROUNDS = Number(opt('rounds', '2'));
const DURATION = Number(opt('duration', '15'));
const DB_DIR = opt('db-dir', null);
const write = args.includes('--write');
if (!DB_DIR) throw new Error('--db-dir DIR is required (a local PostgreSQL: clew db start --dir DIR)');
const DIST = opt('dist', join(ROOT, 'dist'));
const BEFORE = opt('before', null);
const BEFORE_DB_DIR = opt('before-db-dir', null);
const mod = (p) => import(pathToFileURL(join(DIST, p)).href);
const CASE = `bench_${N}`;
const PASSWORD = 'bench team password 2026';
const AGENCIES = ['NL-Politie', 'BE-FGP', 'RS-MUP'];

// ------------------------------------------------------------------ the database, the case, the users
const records = join(BENCH_OUT, `synth-${N}`, 'records.jsonl');
if (!existsSync(records)) {
  console.log(`synth ${N} messages…`);
  execFileSync(process.execPath, [BIN, 'synth', '--out', join(BENCH_OUT, `synth-${N}`), '--messages', String(N), '--seed', '1'], { stdio: 'inherit' });
}
const userNames = Array.from({ length: USERS }, (_, i) => `bench.team${String(i + 1).padStart(2, '0')}`);

/** DIR's PostgreSQL started, the case ingested and the users granted, by the build in `dist` (which migrates it to its own schema); the team server role's URI. */
async function prepare(dir, dist) {
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  const bin = join(dist, 'cli', 'bin.js');
  const started = JSON.parse(execFileSync(process.execPath, [bin, '--json', 'db', 'start', '--dir', dir], { encoding: 'utf8' }).trim().split('\n').pop());
  const uriWith = (user, passwordFile) => {
    const u = new URL(`postgres://127.0.0.1:${started.port}/clew`);
    u.username = user;
    u.password = readFileSync(passwordFile, 'utf8').trim();
    return u.toString();
  };
  const adminUri = uriWith('clew', started.passwordFile);
  const { openCase } = await load('api/case.js');
  const st = await openCase(`${adminUri}?case=${CASE}`, { create: true });
  const ready = (await st.sources()).some((x) => x.status === 'complete');
  await st.close();
  if (!ready) {
    console.log(`ingest ${N} messages into ${CASE} (${dir})…`);
    execFileSync(process.execPath, [bin, 'ingest', '--case', `${adminUri}?case=${CASE}`, '--no-analyse', records], { stdio: 'inherit' });
  }
  const { openTeamDirectory } = await load('api/team.js');
  const admin = await openTeamDirectory(adminUri);
  const have = new Set((await admin.users()).map((u) => u.name));
  for (const [i, name] of userNames.entries()) {
    if (!have.has(name)) await admin.addUser(name, PASSWORD, AGENCIES[i % AGENCIES.length]);
    await admin.grant(name, CASE, i % 5 === 4 ? 'reader' : 'analyst');
  }
  await admin.close();
  return { serverUri: uriWith('clew_server', started.serverPasswordFile), pgData: join(dir, 'data') };
}
const db = await prepare(DB_DIR, DIST);
// a build of another schema cannot read this one's database: it gets its own copy (--before-db-dir)
const beforeDb = BEFORE && BEFORE_DB_DIR ? await prepare(BEFORE_DB_DIR, BEFORE) : db;

// ------------------------------------------------------------------ the requests
const { normalise } = await mod('text/normalise/normalise.js');
const q = await queriesFrom(records, 100, normalise);
const senders = [];
{
  const head = readFileSync(records, { encoding: 'utf8', flag: 'r' }).slice(0, 16 * 2 ** 20).split('\n');
  for (let i = 0; i < head.length - 1 && senders.length < 200; i += 97) if (head[i].includes('"type":"message"')) senders.push(JSON.parse(head[i]).from);
}
const enc = encodeURIComponent;
const base = `/api/cases/${enc(CASE)}`;
// of every 10 requests: 6 searches (one word, two words, a phrase), 3 dossiers, 1 network view
const mix = [];
for (let i = 0; i < 100; i++) {
  const k = i % 10;
  if (k < 6) {
    const kind = ['one word', 'two words', 'phrase'][k % 3];
    mix.push({ kind: 'search', path: `${base}/search?q=${enc(q[kind][i])}&mode=folded&limit=50` });
  } else if (k < 9) mix.push({ kind: 'dossier', path: `${base}/dossier/${enc(senders[(i * 7) % senders.length])}` });
  else mix.push({ kind: 'network', path: `${base}/network` });
}

// ------------------------------------------------------------------ the two servers
const keyDir = join(BENCH_OUT, 'team-load');
mkdirSync(keyDir, { recursive: true, mode: 0o700 });
function startServer(audit, dist, tag, on) {
  const script = `
  import { startTeamServer } from ${JSON.stringify(pathToFileURL(join(dist, 'server', 'server.js')).href)};
  import { openTeamDirectory } from ${JSON.stringify(pathToFileURL(join(dist, 'api', 'team.js')).href)};
  import { openAuditLog } from ${JSON.stringify(pathToFileURL(join(dist, 'api', 'audit.js')).href)};
  const uri = process.env.CLEW_BENCH_DB;
  const directory = await openTeamDirectory(uri);
  const audit = ${audit} ? await openAuditLog(uri, { keyFile: ${JSON.stringify(join(keyDir, 'audit-key.pem'))} }) : undefined;
  audit?.startSigning();
  const big = { capacity: 1e6, perSecond: 1e6 };
  const s = await startTeamServer({ directory, audit, log: (l) => process.stderr.write(l + '\\n'), rateLimit: big, signInRateLimit: big, loginRate: { perAddress: big, perUser: big } });
  process.stdout.write(JSON.stringify({ port: s.port }) + '\\n');
  process.on('SIGTERM', async () => { await s.close(); await audit?.close(); await directory.close(); process.exit(0); });
  `;
  const prof = process.env.CLEW_BENCH_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.CLEW_BENCH_PROF}/${tag}${audit ? 'on' : 'off'}`] : [];
  const child = spawn(process.execPath, [...prof, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CLEW_BENCH_DB: on.serverUri } });
  return new Promise((ok, fail) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      if (buf.includes('\n')) ok({ child, port: JSON.parse(buf.split('\n')[0]).port });
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
}

async function signIn(port, user) {
  const origin = `http://127.0.0.1:${port}`;
  const r = await fetch(`${origin}/api/session`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ user, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`sign-in of ${user}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith(`clew_sid_${port}=`));
  return cookie.split(';')[0];
}

const servers = {};
const builds = [
  ['', DIST, db],
  ...(BEFORE ? [['before, ', BEFORE, beforeDb]] : []),
];
const LABELS = builds.flatMap(([tag]) => [`${tag}audit on`, `${tag}audit off`]);
for (const [tag, dist, on] of builds)
for (const [label, audit] of [
  [`${tag}audit on`, true],
  [`${tag}audit off`, false],
]) {
  const s = await startServer(audit, dist, tag.replace(/\W/g, ''), on);
  s.db = on;
  s.cookies = [];
  for (const u of userNames) s.cookies.push(await signIn(s.port, u));
  // the network is computed once per case state (the workspace's first view does it): warm it, and the page cache
  const t0 = performance.now();
  for (let i = 0; i < 600; i++) {
    // a request silent for 30 s (the network computed on a loaded machine) has its socket closed by the server: asked again
    const r = await fetch(`http://127.0.0.1:${s.port}${base}/network`, { headers: { cookie: s.cookies[0] } }).catch((e) => {
      if (e?.cause?.code === 'UND_ERR_SOCKET') return null;
      throw e;
    });
    await r?.arrayBuffer();
    if (r?.status === 200) break;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  console.log(`${label}: server on port ${s.port}, ${USERS} users signed in, network ready after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  servers[label] = s;
}

/** One round: every user a closed loop for `secs`, each starting at its own place in the mix; with the CPU the server and PostgreSQL used meanwhile. */
async function round(s, secs) {
  const times = { search: [], dossier: [], network: [], all: [] };
  let errors = 0;
  const cpu0 = { node: cpuMsOf(s.child.pid), pg: postgresCpuMs(s.db.pgData) };
  const end = performance.now() + secs * 1000;
  await Promise.all(
    s.cookies.map(async (cookie, u) => {
      for (let i = u * 13; performance.now() < end; i++) {
        const m = mix[i % mix.length];
        const t = performance.now();
        const get = () => fetch(`http://127.0.0.1:${s.port}${m.path}`, { headers: { cookie, accept: 'application/json' } });
        // a kept-alive socket the server closed as it went idle (5 s: while the other servers were measured) is tried again
        const r = await get().catch((e) => (e?.cause?.code === 'UND_ERR_SOCKET' ? get() : Promise.reject(e)));
        await r.arrayBuffer();
        const ms = performance.now() - t;
        if (r.status !== 200) {
          errors++;
          if (errors < 5) console.log(`  ${m.kind} ${r.status}`);
          continue;
        }
        times[m.kind].push(ms);
        times.all.push(ms);
      }
    }),
  );
  return { times, errors, cpu: { node: cpuMsOf(s.child.pid) - cpu0.node, pg: postgresCpuMs(s.db.pgData) - cpu0.pg } };
}

const results = Object.fromEntries(LABELS.map((l) => [l, { search: [], dossier: [], network: [], all: [], errors: 0, secs: 0, nodeMs: 0, pgMs: 0 }]));
const loads = [];
for (const label of LABELS) await round(servers[label], 3); // warm-up
for (let r = 0; r < ROUNDS; r++)
  for (const label of r % 2 === 0 ? LABELS : [...LABELS].reverse()) {
    const { times, errors, cpu } = await round(servers[label], DURATION);
    for (const k of Object.keys(times)) results[label][k].push(...times[k]);
    results[label].errors += errors;
    results[label].secs += DURATION;
    results[label].nodeMs += cpu.node;
    results[label].pgMs += cpu.pg;
    loads.push(loadavg()[0]);
    const n = Math.max(1, times.all.length);
    console.log(
      `  round ${r + 1} ${label}: ${times.all.length} requests, p50 ${pct(times.all, 50).toFixed(1)} ms, p95 ${pct(times.all, 95).toFixed(1)} ms, ` +
        `CPU per request ${(cpu.node / n).toFixed(1)} ms server + ${(cpu.pg / n).toFixed(1)} ms PostgreSQL, load ${loadavg()[0].toFixed(1)}`,
    );
  }
for (const s of Object.values(servers)) s.child.kill('SIGTERM');

const f = (x) => (x === undefined ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const row = (label, k) => {
  const xs = results[label][k];
  return `| ${label} | ${k} | ${xs.length} | ${f(pct(xs, 50))} | ${f(pct(xs, 95))} | ${f(pct(xs, 99))} |`;
};
// the CPU each answered request cost: the server process (all its threads) and PostgreSQL (every backend of the cluster: only the server measured runs queries during its round)
const cpuRow = (label) => {
  const r = results[label];
  const n = Math.max(1, r.all.length);
  return `| ${label} | ${(r.all.length / r.secs).toFixed(1)} | ${(r.nodeMs / n).toFixed(1)} | ${(r.pgMs / n).toFixed(1)} | ${((r.nodeMs + r.pgMs) / n).toFixed(1)} |`;
};
const on = pct(results['audit on'].all, 95);
const off = pct(results['audit off'].all, 95);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} while measuring`;
let md =
  `| server | requests | n | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|\n` +
  LABELS.flatMap((l) => ['all', 'search', 'dossier', 'network'].map((k) => row(l, k))).join('\n') +
  '\n\n| server | req/s | server CPU ms / request | PostgreSQL CPU ms / request | total CPU ms / request |\n|---|---:|---:|---:|---:|\n' +
  LABELS.map(cpuRow).join('\n') +
  '\n';
const verdict =
  `p95 with auditing on ${f(on)} ms (target ≤ 150 ms: ${on <= 150 ? 'met' : 'NOT met'}); ` +
  `audit on / off p95 ${(on / off).toFixed(2)}× (target ≤ 1.3×: ${on / off <= 1.3 ? 'met' : 'NOT met'}); ` +
  `throughput ${(results['audit on'].all.length / results['audit on'].secs).toFixed(0)} vs ${(results['audit off'].all.length / results['audit off'].secs).toFixed(0)} req/s; ` +
  `errors ${results['audit on'].errors} / ${results['audit off'].errors}` +
  (BEFORE
    ? `; before: p95 audit on ${f(pct(results['before, audit on'].all, 95))} ms, off ${f(pct(results['before, audit off'].all, 95))} ms, ` +
      `after / before p95 audit on ${(on / pct(results['before, audit on'].all, 95)).toFixed(2)}×, throughput before ${(results['before, audit on'].all.length / results['before, audit on'].secs).toFixed(0)} vs ${(results['before, audit off'].all.length / results['before, audit off'].secs).toFixed(0)} req/s`
    : '');
console.log(`\nteam server, ${USERS} users of ${AGENCIES.length} agencies, ${N.toLocaleString('en')} messages, ${ROUNDS} × ${DURATION} s per server (${machine})\n${md}\n${verdict}`);
if (write) {
  appendFileSync(
    join(ROOT, 'bench', 'RESULTS.md'),
    `\n#### Team server, ${USERS} users of 3 agencies (bench/api/team-load.mjs --messages ${N}), ${new Date().toISOString().slice(0, 16)} UTC\n\n` +
      `${machine}. Build ${DIST === join(ROOT, 'dist') ? 'dist/' : DIST}${BEFORE ? ` (before: ${BEFORE})` : ''}. ${ROUNDS} alternating rounds of ${DURATION} s per server; requests: 6 searches (one word, two words, phrase; limit 50), 3 dossiers, 1 network view of every 10.\n\n${md}\n${verdict}.\n`,
  );
}
