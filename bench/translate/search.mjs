#!/usr/bin/env node
// Search with translations (issue 23 part 2): p95 of a search page with the stored translations included
// (search(..., translated: true)) against plain search of the originals, same case, same queries, same run.
// Run after `npm run build:server`:
//   node bench/translate/search.mjs [--messages 100000] [--share 0.2] [--rounds 15]
// The case: a synthetic case (`clew synth`) ingested into SQLite, then a share of its messages given a stored
// English "translation" (the body's words through a small Serbian→English word list, others as they are:
// what the index sees of an Apertium translation; no Apertium needed). Interleaved rounds: each query plain,
// then translated. Prints p50/p95 per mode and the ratio (the issue's target: ≤ 1.3×).
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_OUT, opt, ROOT } from '../common.mjs';

const N = Number(opt('messages', '100000'));
const SHARE = Number(opt('share', '0.2'));
const ROUNDS = Number(opt('rounds', '15'));
const LIMIT = 50;
const dist = (p) => import(join(ROOT, 'dist', p));
const { writeCase } = await dist('api/synth.js');
const { openCase } = await dist('api/case.js');
const { ingestFile } = await dist('api/ingest.js');
const { search } = await dist('api/search.js');

const dir = join(BENCH_OUT, 'translate-search');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const t0 = performance.now();
const synth = await writeCase(join(dir, 'synth'), { messages: N, seed: 1 });
const store = await openCase(join(dir, 'case.clew'), { create: true });
await ingestFile(store, synth.recordsPath);
const tIngest = performance.now() - t0;

const WORDS = {
  kafa: 'coffee', kafu: 'coffee', kafe: 'coffee', sutra: 'tomorrow', danas: 'today', brate: 'brother', pare: 'money', para: 'money',
  novac: 'money', kontejner: 'container', kontejnera: 'container', luka: 'port', luku: 'port', petak: 'friday', broj: 'number', novi: 'new',
  auto: 'car', kola: 'car', paket: 'package', roba: 'goods', robu: 'goods', stize: 'arrives', stiže: 'arrives', zovi: 'call', javi: 'report',
  sastanak: 'meeting', sat: 'hour', dobro: 'good', ok: 'ok', gde: 'where', kad: 'when', ujutru: 'morning', brod: 'ship', brodom: 'ship',
};
const translate = (body) => body.split(/(\s+)/).map((w) => WORDS[w.toLowerCase().replace(/[^\p{L}]/gu, '')] ?? w).join('');
const ids = store.raw.prepare('SELECT id, body FROM messages WHERE dup_of IS NULL').all();
const every = Math.max(1, Math.round(1 / SHARE));
const rows = ids.filter((_, i) => i % every === 0).map((m) => ({
  messageId: m.id, target: 'en', engine: 'apertium', pair: 'hbs-eng', version: 'bench', engineVersion: 'bench', sourceLang: 'sr',
  text: translate(m.body), failure: null, failed: null, at: Date.now(), lexicon: [],
}));
for (let k = 0; k < rows.length; k += 5000) await store.saveTranslations(rows.slice(k, k + 5000));

const QUERIES = ['coffee', 'money', 'container', 'tomorrow', 'sutra', 'paket', 'ok', 'brother', 'friday', 'new number', 'pare*', '"good morning"'];
const times = { plain: [], translated: [] };
const hits = {};
for (const q of QUERIES) for (const translated of [false, true]) await search(store, { query: q, limit: LIMIT, translated }); // warm-up
for (let r = 0; r < ROUNDS; r++)
  for (const q of QUERIES)
    for (const translated of [false, true]) {
      const t = performance.now();
      const res = await search(store, { query: q, limit: LIMIT, translated, count: 1000 });
      times[translated ? 'translated' : 'plain'].push(performance.now() - t);
      hits[`${q}|${translated}`] = res.total?.count ?? res.hits.length;
    }
await store.close();
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
console.log(`${N} messages (${ids.length} first copies), ${rows.length} translated; ingest+setup ${(tIngest / 1000).toFixed(1)} s; ${ROUNDS} rounds × ${QUERIES.length} queries, ${LIMIT} hits a page, counted to 1000; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
for (const q of QUERIES) console.log(`  ${q.padEnd(16)} plain ${String(hits[`${q}|false`]).padStart(5)} hits, translated ${String(hits[`${q}|true`]).padStart(5)}`);
const [p50a, p95a, p50b, p95b] = [pct(times.plain, 50), pct(times.plain, 95), pct(times.translated, 50), pct(times.translated, 95)];
console.log(`plain      p50 ${p50a.toFixed(2)} ms  p95 ${p95a.toFixed(2)} ms`);
console.log(`translated p50 ${p50b.toFixed(2)} ms  p95 ${p95b.toFixed(2)} ms`);
console.log(`ratio translated/plain: p50 ${(p50b / p50a).toFixed(2)}×  p95 ${(p95b / p95a).toFixed(2)}×`);
