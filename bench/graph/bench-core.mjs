// Graph engine core benchmark: clew (TypeScript, compiled) against python-igraph on the same graph.
//
//   npx tsc -p tsconfig.build.json        # compiles src/ to dist/
//   node bench/graph/bench-core.mjs        # ~5 min on 2 cores; run sparingly
//   node bench/graph/bench-core.mjs --only pagerank   # build + PageRank only, both sides (~1 min)
//
// BENCH_PAGERANK_BASELINE=/path/to/old/pagerank.js also times that module's `pagerank` on the same
// graph in the same run (before/after comparisons of the kernel).
//
// Env: BENCH_N (170000), BENCH_M (2780000 generated edges, which merge into ~2.0M distinct directed edges), BENCH_EXACT_N (20000), BENCH_EXACT_M (100000),
// BENCH_PYTHON (/usr/bin/python3, must see the Debian python3-igraph package).
// Graphs are planted-partition, degree-corrected (LFR-like): heavy-tailed activity, power-law
// community sizes, 80% of edges inside the sender's community, integer message-count weights.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plantedPartition as planted } from './planted.mjs';
import {
  buildCSR,
  coreness,
  createRng,
  pagerank,
  sampledBetweenness,
  betweenness,
  strongComponents,
  toUndirected,
  weakComponents,
} from '../../dist/graph/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'out', 'graph-core');
mkdirSync(outDir, { recursive: true });
const N = Number(process.env.BENCH_N ?? 170_000);
const M = Number(process.env.BENCH_M ?? 2_780_000);
const EXACT_N = Number(process.env.BENCH_EXACT_N ?? 20_000);
const EXACT_M = Number(process.env.BENCH_EXACT_M ?? 100_000);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SAMPLES = 100;
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (ONLY !== undefined && ONLY !== 'pagerank') throw new Error(`--only supports: pagerank (got ${ONLY})`);


function writeEdges(file, el) {
  const header = Buffer.alloc(8);
  header.writeInt32LE(el.n, 0);
  header.writeInt32LE(el.src.length, 4);
  writeFileSync(file, Buffer.concat([
    header,
    Buffer.from(el.src.buffer, el.src.byteOffset, el.src.byteLength),
    Buffer.from(el.dst.buffer, el.dst.byteOffset, el.dst.byteLength),
    Buffer.from(el.weight.buffer, el.weight.byteOffset, el.weight.byteLength),
  ]));
}

function time(label, fn, results) {
  const t0 = process.hrtime.bigint();
  const value = fn();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  results[label] = s;
  console.log(`  clew   ${label.padEnd(22)} ${s.toFixed(3)} s`);
  return value;
}

const ours = {};
console.log(`generating planted partition n=${N} m=${M} ...`);
const big = planted(createRng, N, M, 20260101);
const bigFile = join(outDir, 'big.bin');
writeEdges(bigFile, big);
const exact = planted(createRng, EXACT_N, EXACT_M, 7);
const exactFile = join(outDir, 'exact.bin');
writeEdges(exactFile, exact);
console.log(`  ${big.communities} planted communities; edge files in ${outDir}`);

const g = time('build (directed)', () => buildCSR(big, { directed: true }), ours);
if (process.env.BENCH_PAGERANK_BASELINE) {
  const base = await import(process.env.BENCH_PAGERANK_BASELINE);
  const b = time('pagerank (baseline)', () => base.pagerank(g, { tolerance: 1e-10 }), ours);
  console.log(`  baseline pagerank iterations=${b.iterations}`);
}
const pr = time('pagerank (weighted)', () => pagerank(g, { tolerance: 1e-10 }), ours);
console.log(`  pagerank iterations=${pr.iterations} converged=${pr.converged} residual=${pr.residual.toExponential(2)}`);
let u, sb, core, weak, strong, bc;
if (ONLY === undefined) {
  u = time('toUndirected', () => toUndirected(g), ours);
  sb = time(`betweenness k=${SAMPLES}`, () => sampledBetweenness(u, { samples: SAMPLES, seed: 1 }), ours);
  core = time('coreness (undirected)', () => coreness(u), ours);
  weak = time('weak components', () => weakComponents(g), ours);
  strong = time('strong components', () => strongComponents(g), ours);
  const ge = buildCSR(exact, { directed: false });
  bc = time(`exact betweenness ${EXACT_N / 1000}k`, () => betweenness(ge), ours);
}
const ourRss = process.resourceUsage().maxRSS / 1024;
console.log(`  clew peak RSS ${ourRss.toFixed(0)} MB; arcs out=${g.out.targets.length}`);
if (sb) console.log(`  undirected edges=${u.out.targets.length / 2}; sampled betweenness bound ε=${sb.errorBound.toFixed(3)} (normalized, 95%)`);

// Reference run, after ours (sequential: the machine is shared).
const sourcesFile = join(outDir, 'sources.json');
writeFileSync(sourcesFile, JSON.stringify(sb ? [...sb.sources] : []));
const pyArgs = [join(here, 'bench-igraph.py'), bigFile, exactFile, sourcesFile, join(outDir, 'igraph.json')];
if (ONLY) pyArgs.push(ONLY);
const py = spawnSync(PYTHON, pyArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
if (py.status !== 0) throw new Error(`reference run failed (${py.status})`);
const ref = JSON.parse(readFileSync(join(outDir, 'igraph.json'), 'utf8'));

// Agreement at scale.
let prDiff = 0;
for (let v = 0; v < N; v++) prDiff = Math.max(prDiff, Math.abs(pr.scores[v] - ref.pagerank[v]));
if (ONLY) {
  console.log(`agreement: pagerank max |Δ| = ${prDiff.toExponential(2)}`);
} else {
  let coreSame = true;
  for (let v = 0; v < N; v++) if (core[v] !== ref.coreness[v]) coreSame = false;
  let bcDiff = 0;
  for (let v = 0; v < EXACT_N; v++) bcDiff = Math.max(bcDiff, Math.abs(bc[v] - ref.betweenness[v]) / Math.max(1, Math.abs(ref.betweenness[v])));
  console.log(`agreement: pagerank max |Δ| = ${prDiff.toExponential(2)}; coreness identical: ${coreSame}; weak ${weak.count} vs ${ref.weak}; strong ${strong.count} vs ${ref.strong}; exact betweenness max rel Δ = ${bcDiff.toExponential(2)}`);
}

const rows = [
  ['build (directed)', 'build (directed)'],
  ['toUndirected', 'toUndirected'],
  ['pagerank (baseline)', 'pagerank (weighted)'],
  ['pagerank (weighted)', 'pagerank (weighted)'],
  [`betweenness k=${SAMPLES}`, `betweenness k=${SAMPLES}`],
  ['coreness (undirected)', 'coreness (undirected)'],
  ['weak components', 'weak components'],
  ['strong components', 'strong components'],
  [`exact betweenness ${EXACT_N / 1000}k`, `exact betweenness ${EXACT_N / 1000}k`],
];
console.log('\n| step | clew (s) | igraph (s) | igraph / clew |');
console.log('|---|---:|---:|---:|');
for (const [a, b] of rows) {
  const x = ours[a];
  if (x === undefined) continue;
  const y = ref.times[b];
  console.log(`| ${a} | ${x.toFixed(3)} | ${y === undefined ? 'n/a' : y.toFixed(3)} | ${y === undefined ? 'n/a' : (y / x).toFixed(2)} |`);
}
console.log(`| peak RSS (MB) | ${ourRss.toFixed(0)} | ${ref.rss_mb.toFixed(0)} | |`);
