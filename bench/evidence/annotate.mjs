#!/usr/bin/env node
// Annotation benchmark (issue 20 part 1). Run after `npm run build:server`:
//   node bench/evidence/annotate.mjs [--messages 1000000] [--actions 2000]
// A case of N synthetic messages (2,000 accounts, one source, written through the store's
// SourcePort without analysis) is built once in bench/out. Timed, per action, on the SQLite case
// through the typed API (src/api/annotations.ts), as `clew tag add` and the workspace call it on
// an open case: tag add on a random message, note add, tag remove, undo of the last event, and a
// `tag:` search that returns the tagged messages. Also the workspace's whole path for one action
// (POST /api/annotations opens a short-lived writable case, tags, closes: withCase), since the
// server's own case handle is read-only. Baselines in the same run: the bare write an action needs
// at minimum (one INSERT into a small table and a commit, through better-sqlite3), so the ratio
// says what clew adds on top (existence check, fold, event log, change counter); and a plain word
// search of 50 hits for the `tag:` search.
// Goal (issue 20): ≤ 50 ms per action at 1M messages.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const nMessages = Number(opt('messages', '1000000'));
const nActions = Number(opt('actions', '2000'));
mkdirSync(OUT, { recursive: true });

const { openCase, withCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const api = await import(join(ROOT, 'dist', 'api', 'annotations.js'));
const { search } = await import(join(ROOT, 'dist', 'api', 'search.js'));
const Database = (await import('better-sqlite3')).default;

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const WORDS = ['kafa', 'brod', 'kontejner', 'sutra', 'zovi', 'novi', 'broj', 'luka', 'paket', 'gotovo', 'koliko', 'pare', 'danas', 'vidimo', 'se'];

// ---------------------------------------------------------------- the case
const dir = join(OUT, `annotate-${nMessages}`);
const casePath = join(dir, 'case.clew');
if (!existsSync(join(dir, 'done'))) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`writing ${nMessages} messages…`);
  const t = performance.now();
  const s = await openCase(casePath, { create: true, threadedWriter: false });
  const w = await s.beginSource({ path: '/bench/synth.jsonl', name: 'synth.jsonl', size: nMessages * 100, sha256: 'b'.repeat(64), format: 'canonical', options: {} }, { analyse: false });
  const T0 = Date.UTC(2021, 0, 1);
  const BATCH = 10_000;
  for (let i = 0; i < nMessages; i += BATCH) {
    const items = [];
    for (let j = i; j < Math.min(nMessages, i + BATCH); j++) {
      const a = Math.floor(rnd() * 2000);
      const b = (a + 1 + Math.floor(rnd() * 50)) % 2000;
      const body = Array.from({ length: 6 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
      items.push({ kind: 'record', record: { type: 'message', from: `sky:u${a}`, to: [`sky:u${b}`], channel: 'chat', ts: T0 + j * 30_000, tzOffset: 0, body: `${body} ${j}` }, locator: { line: j + 1 } });
    }
    await w.writeBatch(items, { offset: null, line: i + items.length + 1, itemsDone: i + items.length });
  }
  await w.finish();
  await s.close();
  writeFileSync(join(dir, 'done'), String((performance.now() - t) / 1000));
  console.log(`written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// every run starts from the case as written (no annotations from an earlier run)
const runPath = join(dir, 'run.clew');
for (const x of ['', '-wal', '-shm']) rmSync(runPath + x, { force: true });
copyFileSync(casePath, runPath);

// ---------------------------------------------------------------- the message ids
const ro = new Database(runPath, { readonly: true });
const ids = ro.prepare('SELECT id FROM messages').pluck().all();
ro.close();
const pickId = () => ids[Math.floor(rnd() * ids.length)];

// ---------------------------------------------------------------- baseline: the bare write
const base = new Database(join(dir, 'baseline.db'));
base.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER PRIMARY KEY, item TEXT, tag TEXT, at INTEGER)');
base.pragma('journal_mode = WAL');
const ins = base.prepare('INSERT INTO t (item, tag, at) VALUES (?, ?, ?)');
const timeIt = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const baseline = [];
for (let i = 0; i < nActions; i++) baseline.push(timeIt(() => base.transaction(() => ins.run(`message:${pickId()}`, 'suspect', Date.now())).immediate()));
base.close();

// ---------------------------------------------------------------- the actions
const store = await openCase(runPath, { threadedWriter: false });
const times = { 'tag add': [], 'note add': [], 'tag remove': [], undo: [], 'workspace tag add': [] };
const timeAsync = async (name, fn) => {
  const t = performance.now();
  const r = await fn();
  times[name].push(performance.now() - t);
  return r;
};
const tagged = [];
for (let i = 0; i < nActions; i++) {
  const ref = `message:${pickId()}`;
  await timeAsync('tag add', () => api.addTag(store, ref, i % 10 === 0 ? 'Suspect' : `t${i % 7}`, 'bench'));
  if (i % 10 === 0) tagged.push(ref);
  await timeAsync('note add', () => api.addNote(store, ref, `note ${i}: he calls the brother about the port`, 'bench'));
  const r = await timeAsync('tag remove', () => api.removeTag(store, ref, `t${i % 7}`, 'bench'));
  if (r.event) await timeAsync('undo', () => api.undoAnnotation(store, r.event.id, 'bench'));
}
// the search as the workspace asks it (a page of 50 with labels, snippets and annotations), and the
// store's query alone (the tag filter's own cost), each against a plain one-word search
const searchTimes = { 'api tag:suspect': [], 'api word': [], 'store tag:suspect': [], 'store word': [] };
const timeSearch = async (name, fn) => {
  const t = performance.now();
  const r = await fn();
  searchTimes[name].push(performance.now() - t);
  return r;
};
const tagQ = (await search(store, { query: 'tag:suspect', limit: 50 })).query;
const wordQ = (await search(store, { query: 'kontejner', limit: 50 })).query;
for (let i = 0; i < 10; i++) {
  const r = await timeSearch('api tag:suspect', () => search(store, { query: 'tag:suspect', limit: 50 }));
  if (i === 0) console.log(`tag:suspect → ${r.hits.length} hits (${tagged.length} tagged)`);
  await timeSearch('api word', () => search(store, { query: 'kontejner', limit: 50 }));
  await timeSearch('store tag:suspect', () => store.search(tagQ, { limit: 50 }));
  await timeSearch('store word', () => store.search(wordQ, { limit: 50 }));
}
await store.close();
// the workspace's path: a writable case opened for the one action (as the POST route does), while
// the server's read-only handle stays open (so closing the writer is not the last close)
const server = await openCase(runPath, { readonly: true });
await search(server, { query: 'tag:ws', limit: 50 });
for (let i = 0; i < Math.min(nActions, 200); i++) {
  const ref = `message:${pickId()}`;
  await timeAsync('workspace tag add', () => withCase(runPath, { threadedWriter: false }, (w) => api.addTag(w, ref, 'ws', 'bench')));
}
await server.close();

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const fmt = (x) => x.toFixed(2).padStart(7);
console.log(`\n${nMessages.toLocaleString('en')} messages, ${nActions} actions each; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${'action'.padEnd(26)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  ms   (median / baseline median)`);
const bm = q(baseline, 0.5);
console.log(`${'baseline (bare insert)'.padEnd(26)} ${fmt(bm)} ${fmt(q(baseline, 0.95))} ${fmt(Math.max(...baseline))}`);
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(26)} ${fmt(q(xs, 0.5))} ${fmt(q(xs, 0.95))} ${fmt(Math.max(...xs))}       ${(q(xs, 0.5) / bm).toFixed(1)}×`);
for (const [name, base] of [['api tag:suspect', 'api word'], ['store tag:suspect', 'store word']]) {
  const wm = q(searchTimes[base], 0.5);
  for (const n of [base, name]) {
    const xs = searchTimes[n];
    console.log(`${`search ${n} (50)`.padEnd(26)} ${fmt(q(xs, 0.5))} ${fmt(q(xs, 0.95))} ${fmt(Math.max(...xs))}       ${n === name ? `${(q(xs, 0.5) / wm).toFixed(2)}× word search` : 'baseline'}`);
  }
}
