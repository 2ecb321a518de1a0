#!/usr/bin/env node
// Stemmed folded search vs the un-stemmed search (issue 18 part 1), in the same run. Run after `npm run build`:
//   node bench/text/stem-search-bench.mjs [--messages 200000] [--queries 150]
// A synthetic case (clew synth --seed 1) is ingested with analysis (languages detected): its full-text
// index holds stem tokens for the messages of a stemmed language. A copy gets the index as it was before
// (the folded words of every message, no stems: schema 2). Then the same queries (words, pairs, phrases,
// prefixes sampled from the messages, plus inflected lemmas) run on both: stemmed = parseQuery with the
// case's languages on the stemmed index; un-stemmed = parseQuery without stems on the old index. Reports
// p50/p95 per kind, their ratio, the hit counts, and the index size of each (FTS5 shadow tables). Also each
// run's CPU time (process.cpuUsage: what a query cost, without the waits a shared machine adds to the wall
// clock) and a first-time pass: the query parsed with nothing remembered (parse.ts) and cold look-ups.
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BENCH_OUT, BIN, opt, ROOT } from '../common.mjs';

const OUT = join(BENCH_OUT, 'stem');
const N = Number(opt('messages', '200000'));
const Q = Number(opt('queries', '150'));
mkdirSync(OUT, { recursive: true });

const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { search } = await import(join(ROOT, 'dist', 'api', 'search.js'));
const { parseQuery, indexTokens, forgetQueryExpansions } = await import(join(ROOT, 'dist', 'text', 'query', 'parse.js'));
const { normalise } = await import(join(ROOT, 'dist', 'text', 'normalise', 'normalise.js'));

const dir = join(OUT, String(N));
const recs = join(dir, 'records.jsonl');
const stemmed = join(dir, 'stemmed.clew');
const plain = join(dir, 'plain.clew');
if (!existsSync(stemmed)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(N), '--seed', '1'], { stdio: 'ignore' });
  const t0 = performance.now();
  execFileSync(process.execPath, [BIN, 'ingest', '--case', stemmed, join(dir, 'records.jsonl')], { stdio: 'ignore' });
  console.error(`ingested ${N} (analysed) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
// the old index (schema 2: folded words, no stem tokens) on a copy, made once per case
const plainDone = join(dir, 'plain.done');
if (!existsSync(plainDone)) {
  rmSync(plain, { force: true });
  copyFileSync(stemmed, plain);
  const db = new Database(plain);
  const ids = db.prepare('SELECT id FROM messages_fts_docsize').pluck().all();
  db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')`);
  const get = db.prepare('SELECT subject, body FROM messages WHERE id = ?');
  const put = db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)');
  db.transaction(() => {
    for (const id of ids) {
      const r = get.get(id);
      put.run(id, normalise(r.subject ? `${r.subject}\n${r.body}` : r.body));
    }
  })();
  db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('optimize')`);
  db.close();
  const st = new Database(stemmed);
  st.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('optimize')`);
  st.close();
  writeFileSync(plainDone, new Date().toISOString());
}
const ftsBytes = (path) => {
  const db = new Database(path, { readonly: true });
  try {
    let n = 0;
    for (const t of ['messages_fts_data', 'messages_fts_idx', 'messages_fts_docsize'])
      n += db.prepare(`SELECT coalesce(sum(length(${t === 'messages_fts_data' ? 'block' : t === 'messages_fts_idx' ? 'term' : 'sz'})), 0) FROM ${t}`).pluck().get();
    return n;
  } finally {
    db.close();
  }
};

// queries: words, pairs, phrases and prefixes from the bodies, deterministic
const fd = openSync(recs, 'r');
const head = Buffer.alloc(32 * 2 ** 20);
const got = readSync(fd, head, 0, head.length, 0);
closeSync(fd);
const words = [];
const pairs = [];
const lines = head.subarray(0, got).toString('utf8').split('\n').slice(0, -1);
for (let i = 0; i < lines.length && words.length < 5000; i += 41) {
  if (!lines[i].includes('"type":"message"')) continue;
  const toks = indexTokens(JSON.parse(lines[i]).body).filter((t) => t.length >= 4 && !/\d/.test(t));
  for (let k = 0; k < toks.length; k++) {
    words.push(toks[k]);
    if (k + 1 < toks.length) pairs.push([toks[k], toks[k + 1]]);
  }
}
const pick = (a, n, step) => Array.from({ length: n }, (_, i) => a[(i * step) % a.length]);
const kinds = {
  'one word': pick(words, Q, 97),
  'two words': pick(pairs, Q, 89).map((p) => p.join(' ')),
  phrase: pick(pairs, Q, 83).map((p) => `"${p.join(' ')}"`),
  prefix: pick(words, Q, 79).map((w) => `${w.slice(0, Math.max(3, w.length - 2))}*`),
  lemma: pick(['kafa', 'paket', 'kontejner', 'novac', 'brod', 'pakket', 'haven', 'livraison', 'paquete', 'package', 'شحنة', 'broj', 'luka', 'sutra'], Q, 1),
};

const { isStemToken } = await import(join(ROOT, 'dist', 'text', 'stem', 'stem.js'));
const stemsOnly = (n) => {
  if (n.kind === 'term') {
    const alternatives = (n.alternatives ?? []).filter(isStemToken);
    return alternatives.length ? { ...n, alternatives } : { kind: 'term', raw: n.raw, tokens: n.tokens, prefix: n.prefix };
  }
  if (n.kind === 'and' || n.kind === 'or') return { ...n, children: n.children.map(stemsOnly) };
  if (n.kind === 'not') return { kind: 'not', child: stemsOnly(n.child) };
  return n;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const storeS = await openCase(stemmed, { readonly: true });
const storeP = await openCase(plain, { readonly: true });
// the same store without the vocabulary look-ups (every alternative the parser gives, as before they were
// pruned), and one whose look-ups start cold for every query (no answers kept from earlier queries)
const storeA = await openCase(stemmed, { readonly: true });
storeA.vocabulary = { prune: (n) => n };
const storeC = await openCase(stemmed, { readonly: true });
const coldVocab = storeC.ftsVocabulary();
storeC.vocabulary = {
  prune: (n) => {
    coldVocab.forget();
    return coldVocab.prune(n);
  },
};
// today's search through the API: the same code on the old index with no case languages (no stems
// in the parse, no stem highlighting in the snippets): what /api/search answered before inflection
const storeU = await openCase(plain, { readonly: true });
storeU.languages = async () => [];
const caseLangs = (await storeS.languages()).flatMap((l) => (l.lang ? [l.lang] : []));
const langs = (await storeS.languages()).flatMap((l) => (l.lang ? [l.lang] : []));
const runs = {
  // parse with the case's languages + the store's search: what /api/search does before the snippets
  stemmed: async (q) => (await storeS.search(parseQuery(q, 'folded', { langs: caseLangs }), { limit: 20 })).hits.length,
  // the stem tokens only (no other-script spellings: parse.ts crossScriptFor, a separate feature)
  'stems only': async (q) => {
    const parsed = parseQuery(q, 'folded', { langs: caseLangs });
    return (await storeS.search({ ...parsed, text: parsed.text && stemsOnly(parsed.text) }, { limit: 20 })).hits.length;
  },
  unstemmed: async (q) => (await storeP.search(parseQuery(q, 'folded', { langs: [] }), { limit: 20 })).hits.length,
  'all alternatives': async (q) => (await storeA.search(parseQuery(q, 'folded', { langs: caseLangs }), { limit: 20 })).hits.length,
  // the store alone: the query parsed beforehand (parsing a stemmed query stems the word and its
  // other-script spellings in every stemmer the case holds: ~1 ms under load, more than the index work)
  'store only, un-stemmed': async (q) => (await storeP.search(parsedU.get(q), { limit: 20 })).hits.length,
  'store only, stemmed': async (q) => (await storeS.search(parsedS.get(q), { limit: 20 })).hits.length,
  'stemmed, full API': async (q) => (await search(storeS, { query: q, limit: 20 })).hits.length,
  'un-stemmed, full API': async (q) => (await search(storeU, { query: q, limit: 20 })).hits.length,
};
// a query never run before: no remembered expansions (parse.ts) nor index look-ups (storeC). Forgetting
// the expansions would make the next run of another kind parse afresh, so it runs in a pass of its own,
// interleaved with the un-stemmed run (its own baseline), after which every query is parsed again (untimed)
const firstTime = {
  'un-stemmed, first-time pass': runs.unstemmed,
  'cold look-ups': async (q) => {
    forgetQueryExpansions();
    return (await storeC.search(parseQuery(q, 'folded', { langs: caseLangs }), { limit: 20 })).hits.length;
  },
};
const parsedU = new Map();
const parsedS = new Map();
for (const qs of Object.values(kinds))
  for (const q of qs) {
    parsedU.set(q, parseQuery(q, 'folded', { langs: [] }));
    parsedS.set(q, parseQuery(q, 'folded', { langs: caseLangs }));
  }
const rows = [];
const load0 = loadavg().map((x) => x.toFixed(1)).join(' ');
/** `group`'s runs over `qs`, interleaved so load changes hit all alike: p50, p95 and hits of each into `res`. */
async function pass(group, qs, res) {
  for (const q of qs.slice(0, 10)) for (const f of Object.values(group)) await f(q); // warm
  const ms = Object.fromEntries(Object.keys(group).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(group).map((k) => [k, []]));
  const hits = Object.fromEntries(Object.keys(group).map((k) => [k, 0]));
  // each query's runs in a rotating order (a run must not always follow the same one: the full API
  // run allocates most, and its garbage is collected during whichever run comes next)
  const entries = Object.entries(group);
  for (const [i, q] of qs.entries())
    for (let k = 0; k < entries.length; k++) {
      const [name, f] = entries[(i + k) % entries.length];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      hits[name] += await f(q);
      ms[name].push(performance.now() - t0);
      // CPU time of the process (user + system): what the query cost, without the time the scheduler
      // gave other processes (on a shared machine the wall p95 is mostly that)
      const c = process.cpuUsage(c0);
      cpu[name].push((c.user + c.system) / 1000);
    }
  for (const name of Object.keys(group)) res[name] = { p50: pct(ms[name], 50), p95: pct(ms[name], 95), cpu50: pct(cpu[name], 50), cpu95: pct(cpu[name], 95), hits: hits[name] };
}
for (const [kind, qs] of Object.entries(kinds)) {
  const res = {};
  await pass(runs, qs, res);
  await pass(firstTime, qs, res);
  for (const q of parsedS.keys()) parseQuery(q, 'folded', { langs: caseLangs }); // remembered again
  rows.push({ kind, res });
}
await storeS.close();
await storeP.close();
await storeA.close();
await storeC.close();
await storeU.close();
const sizeS = ftsBytes(stemmed);
const sizeP = ftsBytes(plain);
const f = (x) => x.toFixed(2);
const cell = (res, k, base = 'unstemmed') => `${f(res[k].p50)} / ${f(res[k].p95)} (${f(res[k].p95 / res[base].p95)})`;
let md = `\n| query (${Q} each) | un-stemmed p50 / p95 ms | stemmed, all alternatives p50 / p95 ms (p95 ratio) | stemmed, pruned, first time (nothing remembered; ratio to the un-stemmed run of its own pass) | stems only, pruned | stemmed, pruned (what the store runs) | full API p50 / p95 ms, un-stemmed → stemmed (p95 ratio) | hits in first pages un-stemmed → stemmed (all → pruned) |\n|---|---|---|---|---|---|---|---|\n`;
for (const { kind, res } of rows)
  md += `| ${kind} | ${f(res.unstemmed.p50)} / ${f(res.unstemmed.p95)} | ${cell(res, 'all alternatives')} | ${cell(res, 'cold look-ups', 'un-stemmed, first-time pass')} | ${cell(res, 'stems only')} | ${cell(res, 'stemmed')} | ${f(res['un-stemmed, full API'].p50)} / ${f(res['un-stemmed, full API'].p95)} → ${cell(res, 'stemmed, full API', 'un-stemmed, full API')} | ${res.unstemmed.hits} → ${res['all alternatives'].hits} → ${res.stemmed.hits} |\n`;
md += `\nThe store alone (each query parsed before the clock starts), p50 / p95 ms:\n\n| query | un-stemmed | stemmed, pruned (p95 ratio) |\n|---|---|---|\n`;
for (const { kind, res } of rows)
  md += `| ${kind} | ${f(res['store only, un-stemmed'].p50)} / ${f(res['store only, un-stemmed'].p95)} | ${f(res['store only, stemmed'].p50)} / ${f(res['store only, stemmed'].p95)} (${f(res['store only, stemmed'].p95 / res['store only, un-stemmed'].p95)}) |\n`;
md += `\np95 ratios to the un-stemmed search, wall clock and CPU time of the process (p50 / p95 CPU ms in brackets):\n\n| query | stemmed, wall | stemmed, CPU | first time, wall | first time, CPU | store only, wall | store only, CPU | full API, wall | full API, CPU |\n|---|---|---|---|---|---|---|---|---|\n`;
const cpuCell = (res, k, base) => `${f(res[k].cpu95 / res[base].cpu95)} (${f(res[k].cpu50)} / ${f(res[k].cpu95)} vs ${f(res[base].cpu50)} / ${f(res[base].cpu95)})`;
for (const { kind, res } of rows)
  md += `| ${kind} | ${f(res.stemmed.p95 / res.unstemmed.p95)} | ${cpuCell(res, 'stemmed', 'unstemmed')} | ${f(res['cold look-ups'].p95 / res['un-stemmed, first-time pass'].p95)} | ${cpuCell(res, 'cold look-ups', 'un-stemmed, first-time pass')} | ${f(res['store only, stemmed'].p95 / res['store only, un-stemmed'].p95)} | ${cpuCell(res, 'store only, stemmed', 'store only, un-stemmed')} | ${f(res['stemmed, full API'].p95 / res['un-stemmed, full API'].p95)} | ${cpuCell(res, 'stemmed, full API', 'un-stemmed, full API')} |\n`;
md += `\nFull-text index (FTS5 shadow tables after optimize): un-stemmed ${(sizeP / 2 ** 20).toFixed(1)} MB, stemmed ${(sizeS / 2 ** 20).toFixed(1)} MB (${(((sizeS - sizeP) / sizeP) * 100).toFixed(1)} %).\n`;
md += `Case languages: ${langs.join(', ')}.\n`;
md += `Machine: ${cpus()[0]?.model ?? '?'} (${cpus().length} cores, shared); load average at the start ${load0}, at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${N.toLocaleString('en')} messages.\n`;
console.log(md);
