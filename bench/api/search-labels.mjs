#!/usr/bin/env node
// What labelling the senders costs on an API search page (issue 17 part 1 labels, at scale).
// Run after `npm run build`:
//   node bench/api/search-labels.mjs [--case FILE.clew] [--rounds 5] [--limit 50] [--dist DIR]
// (--dist: another build, e.g. a copy of dist/ from before a change, to compare in one session).
// The case defaults to bench/out/case-1000000.clew (bench/store/pg-ingest.mjs --keep makes it).
// For each query it times, in the same run, the typed API page (search(), which labels the page's
// senders) and the labelling of that page's senders alone (withLabels); the baseline is the page
// minus the labels. Prints medians per query and overall.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_OUT, opt, ROOT } from '../common.mjs';

const CASE = opt('case', join(BENCH_OUT, 'case-1000000.clew'));
const ROUNDS = Number(opt('rounds', '5'));
const LIMIT = Number(opt('limit', '50'));
const DIST = opt('dist', join(ROOT, 'dist'));
if (!existsSync(CASE)) {
  console.error(`no case ${CASE} (make one with bench/store/pg-ingest.mjs --keep, or pass --case)`);
  process.exit(2);
}
const mod = (p) => import(pathToFileURL(join(DIST, p)).href);
const { openCase } = await mod('api/case.js');
const { search } = await mod('api/search.js');
const { withLabels } = await mod('api/thread.js');

const QUERIES = ['sutra', 'auto', 'paket', 'morgen', 'ok', 'kafu', 'birthday', '"over 10 min"', 'keys', 'pare*'];
const store = await openCase(CASE, { readonly: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
// warm-up: caches, statement preparation
for (const q of QUERIES) await search(store, { query: q, limit: LIMIT });
for (const q of QUERIES) {
  const page = [];
  const labels = [];
  let hits = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const res = await search(store, { query: q, limit: LIMIT });
    page.push(performance.now() - t);
    hits = res.hits.length;
    const senders = res.hits.map((h) => ({ ...h.sender, label: undefined }));
    t = performance.now();
    await withLabels(store, senders);
    labels.push(performance.now() - t);
  }
  rows.push({ q, hits, page: median(page), labels: median(labels) });
}
await store.close?.();
console.log(`build ${DIST}; case ${CASE}; ${ROUNDS} rounds, ${LIMIT} hits a page; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
console.log('query'.padEnd(18), 'hits'.padStart(5), 'page ms'.padStart(9), 'labels ms'.padStart(10), 'without ms'.padStart(11), 'labels share');
for (const r of rows) {
  console.log(r.q.padEnd(18), String(r.hits).padStart(5), r.page.toFixed(1).padStart(9), r.labels.toFixed(1).padStart(10), (r.page - r.labels).toFixed(1).padStart(11), `${((100 * r.labels) / r.page).toFixed(0)}%`.padStart(12));
}
const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
console.log(`total: page ${sum('page').toFixed(0)} ms, labels ${sum('labels').toFixed(0)} ms (${((100 * sum('labels')) / sum('page')).toFixed(0)}%), page without labels ${(sum('page') - sum('labels')).toFixed(0)} ms`);
