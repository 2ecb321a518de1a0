#!/usr/bin/env node
// Watchlist benchmark (issue 18 part 5). Run after `npm run build`:
//   node bench/watch/bench.mjs [--messages 200000] [--selectors 100000] [--pg [postgres://…]] [--write]
// --pg: also match the list on a PostgreSQL copy of the case (clew case copy, made once per server;
// without a URI a local server is started with clew db start in bench/out/pg and left running).
// A synthetic case (clew synth, seed 1) is ingested with analysis (entity mentions) once and kept
// in bench/out. A selector list is made from it: a third real values (phone numbers, IBANs,
// wallets, containers, vessels, IMO numbers, e-mails from the mentions; account handles and
// display names), in other spellings where a type has them, and two thirds values the case does
// not hold (valid phone numbers and IBANs nobody wrote, random PINs and names). Timed: reading
// the list (parse + classify + normalise) and matching it (accounts + messages). Baseline in the
// same run: the bare index probes the match needs (one `mentions (type, value)` lookup per
// selector through better-sqlite3), so the ratio says what the watchlist adds on top of them.
// Goal: 100k selectors against a 1M-message case in ≤ 60 s.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const nMessages = Number(opt('messages', '200000'));
const nSelectors = Number(opt('selectors', '100000'));
const write = args.includes('--write');
mkdirSync(OUT, { recursive: true });

const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { matchSelectors } = await import(join(ROOT, 'dist', 'api', 'watch.js'));
const { parseSelectorList } = await import(join(ROOT, 'dist', 'text', 'watch', 'selector-list.js'));
const Database = (await import('better-sqlite3')).default;

// ---------------------------------------------------------------- the case
const dir = join(OUT, `watch-synth-${nMessages}`);
const casePath = join(dir, 'case.clew');
if (!existsSync(join(dir, 'done'))) {
  console.log(`synth ${nMessages} messages…`);
  execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(nMessages), '--seed', '1'], { stdio: 'inherit' });
  console.log('ingest (analysed)…');
  const t = performance.now();
  execFileSync(process.execPath, [BIN, 'ingest', '--case', casePath, join(dir, 'records.jsonl')], { stdio: 'inherit' });
  writeFileSync(join(dir, 'done'), String((performance.now() - t) / 1000));
}

// ---------------------------------------------------------------- the selector list
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const db = new Database(casePath, { readonly: true });
const real = [];
for (const r of db.prepare(`SELECT type, raw, value FROM mentions WHERE type IN ('phone','iban','crypto','container','imo','vessel','email') GROUP BY type, value`).iterate()) real.push(r.raw);
for (const r of db.prepare('SELECT handle, display_name FROM accounts').iterate()) {
  real.push(r.handle);
  if (r.display_name) real.push(r.display_name);
}
const mentionProbes = db.prepare(`SELECT type, value FROM mentions GROUP BY type, value`).all();
const lines = [];
const nReal = Math.floor(nSelectors / 3);
for (let i = 0; i < nReal; i++) lines.push(pick(real).replace(/\s+/g, ' ').trim());
const ibanCountries = [['NL', 18], ['DE', 22], ['RS', 22], ['BE', 16]];
function fakeIban() {
  const [cc, len] = pick(ibanCountries);
  let bban = '';
  while (bban.length < len - 4) bban += Math.floor(rnd() * 10);
  const num = (bban + cc + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let m = 0;
  for (const d of num) m = (m * 10 + Number(d)) % 97;
  return `${cc}${String(98 - m).padStart(2, '0')}${bban}`;
}
while (lines.length < nSelectors) {
  const k = rnd();
  if (k < 0.35) lines.push(`+3816${Math.floor(rnd() * 10)} ${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`);
  else if (k < 0.55) lines.push(fakeIban());
  else if (k < 0.8) lines.push(`${Math.floor(rnd() * 36 ** 6).toString(36).toUpperCase().padStart(6, 'X')}`);
  else lines.push(`${pick(['Marko', 'Ana', 'Jovan', 'Ahmed', 'Pieter', 'Luc', 'José'])} ${pick(['Petrović', 'Jansen', 'Dubois', 'Haddad', 'García', 'Nikolić'])}${Math.floor(rnd() * 1000)}`);
}
// a few bad lines, as real lists have
for (let i = 0; i < 20; i++) lines.splice(Math.floor(rnd() * lines.length), 0, pick(['+3', 'a', '*', 'iban:XX00']));
const listText = `${lines.join('\n')}\n`;
const listBytes = Buffer.from(listText);
const stats = (await (async () => {
  const s = await openCase(casePath, { readonly: true });
  try {
    return await s.stats();
  } finally {
    await s.close();
  }
})());

// ---------------------------------------------------------------- runs
function best(n, fn) {
  let b = Infinity;
  let out;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    out = fn();
    b = Math.min(b, performance.now() - t);
  }
  return { ms: b, out };
}
async function bestAsync(n, fn) {
  let b = Infinity;
  let out;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    out = await fn();
    b = Math.min(b, performance.now() - t);
  }
  return { ms: b, out };
}

// baseline: the bare index probes (one per selector, hits and misses as in the list)
const probe = db.prepare('SELECT count(*) FROM mentions WHERE type = ? AND value = ?').pluck();
const probes = lines.map((_, i) => (i < nReal ? pick(mentionProbes) : { type: 'phone', value: `+38160${i}` }));
const baseline = best(2, () => db.transaction(() => probes.reduce((n, p) => n + probe.get(p.type, p.value), 0))());
db.close();

const parsed = best(2, () => parseSelectorList(listBytes));
const list = parsed.out;
const store = await openCase(casePath, { readonly: true });
let matched;
try {
  matched = await bestAsync(2, () => matchSelectors(store, list.selectors));
} finally {
  await store.close();
}
const r = matched.out;

// ---------------------------------------------------------------- PostgreSQL (--pg)
let pg = null;
if (args.includes('--pg')) {
  const clew = (argv) => execFileSync(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26 });
  let base = opt('pg', null);
  if (!base || base.startsWith('--')) base = clew(['db', 'start', '--dir', join(OUT, 'pg')]).split('\n')[1].trim();
  const u = new URL(base);
  u.searchParams.set('case', `bench_watch_${nMessages}`);
  const locator = u.toString();
  const copied = join(dir, 'pg-copied');
  let copySeconds = null;
  if (!existsSync(copied)) {
    console.log('copy the case into PostgreSQL…');
    const t = performance.now();
    clew(['case', 'copy', casePath, locator]);
    copySeconds = (performance.now() - t) / 1000;
    writeFileSync(copied, String(copySeconds));
  }
  const ps = await openCase(locator, { readonly: true });
  try {
    const m = await bestAsync(2, () => matchSelectors(ps, list.selectors));
    pg = { matchSeconds: +(m.ms / 1000).toFixed(2), matched: m.out.matched, sameAsSqlite: JSON.stringify(m.out.rows.map((x) => [x.messages, x.first, x.last, x.ids])) === JSON.stringify(r.rows.map((x) => [x.messages, x.first, x.last, x.ids])), copySeconds };
  } finally {
    await ps.close();
  }
}
const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
const date = new Date().toISOString().slice(0, 10);
const total = parsed.ms + matched.ms;
const perType = {};
for (const s of list.selectors) perType[s.type] = (perType[s.type] ?? 0) + 1;

const summary = {
  messages: stats.messages,
  accounts: stats.accounts,
  selectors: list.selectors.length,
  refused: list.problems.length,
  matched: r.matched,
  parseSeconds: +(parsed.ms / 1000).toFixed(2),
  matchSeconds: +(matched.ms / 1000).toFixed(2),
  totalSeconds: +(total / 1000).toFixed(2),
  baselineProbeSeconds: +(baseline.ms / 1000).toFixed(2),
  matchOverBaseline: +(matched.ms / baseline.ms).toFixed(1),
  perType,
  load,
  ...(pg ? { postgres: pg } : {}),
};
console.log(JSON.stringify(summary, null, 2));

if (write) {
  const cpu = cpus()[0]?.model ?? 'unknown';
  let md = `\n## Watchlists: ${num(list.selectors.length)} selectors against ${num(stats.messages)} messages (issue 18 part 5), ${date}\n\n`;
  md += `\`node bench/watch/bench.mjs --messages ${nMessages} --selectors ${nSelectors}\` (SQLite, synthetic case \`clew synth --seed 1\`, analysed ingest). ${cpu}, ${cpus().length} shared cores, Node ${process.version}; load average ${load} (the machine was shared: compare the ratio, not seconds). Best of two runs each.\n\n`;
  md += `| messages | accounts | selectors (refused) | matched | read list s | match s | total s | baseline: bare index probes s | match / baseline |\n|---|---|---|---|---|---|---|---|---|\n`;
  md += `| ${num(stats.messages)} | ${num(stats.accounts)} | ${num(list.selectors.length)} (${list.problems.length}) | ${num(r.matched)} | ${summary.parseSeconds} | ${summary.matchSeconds} | ${summary.totalSeconds} | ${summary.baselineProbeSeconds} | ${summary.matchOverBaseline}× |\n\n`;
  md += `Selectors by type: ${Object.entries(perType).map(([k, v]) => `${k} ${num(v)}`).join(', ')}. A third are values the case holds (some in other spellings), two thirds are not.\n`;
  appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
}

function num(n) {
  return n.toLocaleString('en-US').replace(/,/g, ' ');
}
