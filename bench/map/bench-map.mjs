#!/usr/bin/env node
// Map API benchmark: the requests the Map view makes, on a case (default: a 1M-message synthetic
// case). Run after a build of the server code (`npm run build:server`, or CLEW_DIST=<tsc outDir>):
//   node bench/map/bench-map.mjs <case.clew> [--runs 5]
// Baseline, measured in the same run: the Entities list of places (store.entities, type 'place'),
// the existing aggregate over the same mention rows. Prints median and max of each request.
import { join, resolve } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = resolve(process.env.CLEW_DIST ?? join(ROOT, 'dist'));
const args = process.argv.slice(2);
const casePath = args[0];
if (!casePath) throw new Error('usage: bench-map.mjs <case.clew> [--runs N]');
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;

const { openCase } = await import(join(DIST, 'api', 'case.js'));
const { listPlaces, placeRoutes } = await import(join(DIST, 'api', 'places.js'));

const store = await openCase(casePath, { readonly: true });
const stats = await store.stats({ top: 1 });
const top = stats.topTalkers[0]?.account.ref;

async function time(name, fn) {
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, median: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1], out };
}

const rows = [
  await time('baseline: store.entities(place, 2000)', async () => (await store.entities({ type: 'place', limit: 2000, accounts: 0 })).length),
  await time('GET /api/places (all kinds, 2000, no evidence)', async () => (await listPlaces(store, { limit: 2000, evidence: 0 })).points.length),
  await time('GET /api/places (evidence 10 per point)', async () => (await listPlaces(store, { limit: 2000, evidence: 10 })).points.length),
  await time('GET /api/places?key=place:be-antwerp&evidence=200', async () => (await listPlaces(store, { key: 'place:be-antwerp', evidence: 200 })).points[0]?.evidence.length),
  await time(`GET /api/places?account=<top talker>`, async () => (await listPlaces(store, { account: top, limit: 2000, evidence: 0 })).points.length),
  await time('GET /api/routes (60 routes, stated twice or more)', async () => (await placeRoutes(store, { limit: 60 })).statements),
  await time('GET /api/routes?account=<top talker>', async () => (await placeRoutes(store, { account: top, limit: 60 })).statements),
];
console.log(`case: ${casePath} — ${stats.messages.toLocaleString('en-US')} messages, ${stats.locations.toLocaleString('en-US')} location records`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${runs} runs each`);
console.log('| request | median ms | max ms | result |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.median.toFixed(0)} | ${r.max.toFixed(0)} | ${r.out} |`);
await store.close();
