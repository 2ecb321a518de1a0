// Identity resolution quality and speed against a synthetic case's truth.json.
//
//   npx tsc -p tsconfig.build.json --outDir bench/out/identity-dist   (or use dist/)
//   node dist/cli/bin.js synth --out /tmp/s50k --messages 50000 --seed 7
//   node dist/cli/bin.js ingest --case /tmp/s50k.clew /tmp/s50k/records.jsonl
//   node bench/identity/bench.mjs /tmp/s50k.clew /tmp/s50k/truth.json [distDir]
//
// Prints: time to suggest (and the time to read the handle table as the same-run baseline),
// pairs scored, pairwise precision/recall over all handles and over the truth's rotations, B-cubed
// F1 at the default threshold, and a precision–recall curve over thresholds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [casePath, truthPath, distArg] = process.argv.slice(2);
if (!casePath || !truthPath) {
  console.error('usage: node bench/identity/bench.mjs CASE.clew truth.json [distDir]');
  process.exit(2);
}
const dist = resolve(distArg ?? 'dist');
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { openCase } = await imp('api/case.js');
const { identitySuggest } = await imp('api/identity.js');
const { pairwise, bcubed } = await imp('identity/metrics.js');
const { UnionFind } = await imp('identity/union-find.js');

const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
const store = await openCase(casePath, { readonly: true });
let t = performance.now();
let nAcc = 0;
for await (const chunk of store.accounts()) nAcc += chunk.length;
const baseline = (performance.now() - t) / 1000;
t = performance.now();
const r = await identitySuggest(store, { limit: 1e9, floor: 0.01 });
const seconds = (performance.now() - t) / 1000;
const refOf = new Map();
for await (const chunk of store.accounts()) for (const a of chunk) refOf.set(a.id, a.ref);
await store.close();

const truthLabels = new Map();
for (const [ref, person] of Object.entries(truth.handles)) truthLabels.set(ref, person);
const rotations = truth.rotations.map((x) => [x.old, x.new]);

function at(threshold) {
  const uf = new UnionFind();
  for (const s of r.suggestions) if (s.score >= threshold) uf.union(s.a.id, s.b.id);
  const pred = new Map();
  for (const [id, ref] of refOf) if (truthLabels.has(ref)) pred.set(ref, uf.find(id));
  const pw = pairwise(truthLabels, pred);
  const bc = bcubed(truthLabels, pred);
  const found = rotations.filter(([a, b]) => pred.get(a) !== undefined && pred.get(a) === pred.get(b)).length;
  return { threshold, pairwise: pw, bcubed: bc, rotationRecall: rotations.length ? found / rotations.length : 1 };
}

const fmt = (x) => x.toFixed(3);
console.log(`case ${casePath}: ${nAcc} handles, ${truth.persons.length} persons, ${rotations.length} rotations, ${truth.decoys.length} decoys`);
console.log(`suggest: ${seconds.toFixed(2)} s (baseline: reading the account table ${baseline.toFixed(3)} s); pairs scored ${r.pairsScored} of ${r.allPairs} (${((100 * r.pairsScored) / Math.max(1, r.allPairs)).toFixed(4)} %); blocking ${JSON.stringify(r.blocking)}`);
const d = at(r.threshold);
console.log(`default threshold ${r.threshold}: pairwise P ${fmt(d.pairwise.precision)} R ${fmt(d.pairwise.recall)} (${d.pairwise.correctPairs}/${d.pairwise.predictedPairs} predicted, ${d.pairwise.truePairs} true); rotations recall ${fmt(d.rotationRecall)}; B-cubed P ${fmt(d.bcubed.precision)} R ${fmt(d.bcubed.recall)} F1 ${fmt(d.bcubed.f1)}`);
console.log('threshold  pairwiseP  pairwiseR  rotationR  bcubedF1');
for (const th of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]) {
  const x = at(th);
  console.log(`${th.toFixed(2).padStart(9)}  ${fmt(x.pairwise.precision).padStart(9)}  ${fmt(x.pairwise.recall).padStart(9)}  ${fmt(x.rotationRecall).padStart(9)}  ${fmt(x.bcubed.f1).padStart(8)}`);
}
// decoys: are any suggested at the default threshold?
const personHandles = new Map(truth.persons.map((p) => [p.id, p.handles.map((h) => h.ref)]));
const idOf = new Map([...refOf].map(([id, ref]) => [ref, id]));
for (const dcy of truth.decoys) {
  const ha = new Set((personHandles.get(dcy.a) ?? []).map((x) => idOf.get(x)));
  const hb = new Set((personHandles.get(dcy.b) ?? []).map((x) => idOf.get(x)));
  const hits = r.suggestions.filter((s) => (ha.has(s.a.id) && hb.has(s.b.id)) || (hb.has(s.a.id) && ha.has(s.b.id)));
  const best = hits.reduce((m, s) => Math.max(m, s.score), 0);
  console.log(`decoy ${dcy.reason} ${dcy.a}/${dcy.b}: best score ${best.toFixed(3)} ${best >= r.threshold ? 'SUGGESTED (wrong)' : 'not suggested'}`);
}
if (process.env.DUMP) for (const s of r.suggestions.slice(0, Number(process.env.DUMP))) {
  const ok = truthLabels.get(s.a.ref) === truthLabels.get(s.b.ref);
  console.log(ok ? 'OK ' : 'BAD', s.score.toFixed(3), s.a.ref, s.b.ref, s.evidence.map((e) => `${e.signal}:${e.contribution.toFixed(1)}`).join(' '));
}
