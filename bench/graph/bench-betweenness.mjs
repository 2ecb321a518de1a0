// Exact unweighted betweenness, clew vs python-igraph, on one seeded random graph, 3 runs each.
//
//   npx tsc -p tsconfig.build.json && node bench/graph/bench-betweenness.mjs [n=5000] [m=25000]
//
// Graph: m edges, 70% to one of the next 50 ids (ring-lattice-like, long paths), 30% uniform;
// merged and undirected. Small enough to repeat, so the noise of a shared machine can be seen.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { betweenness, buildCSR, createRng, toEdgeList } from '../../dist/graph/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'out', 'graph-core');
mkdirSync(outDir, { recursive: true });
const n = Number(process.argv[2] ?? 5000);
const m = Number(process.argv[3] ?? 25000);
const rng = createRng(7);
const src = new Int32Array(m);
const dst = new Int32Array(m);
for (let i = 0; i < m; i++) {
  src[i] = rng.int(n);
  do dst[i] = rng.int(n); while (dst[i] === src[i]);
  if (rng.next() < 0.7) dst[i] = (src[i] + 1 + rng.int(50)) % n;
}
const g = buildCSR({ n, src, dst, weight: new Float64Array(m).fill(1) }, { directed: false });
const el = toEdgeList(g);
const file = join(outDir, `bc-${n}-${m}.txt`);
writeFileSync(file, Array.from(el.src, (s, i) => `${s} ${el.dst[i]}`).join('\n') + '\n');
console.log(`n=${n}, ${el.src.length} distinct undirected edges`);
const ours = [];
let bc;
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  bc = betweenness(g);
  ours.push((performance.now() - t) / 1000);
}
const py = `
import igraph as ig, json, sys, time
g = ig.Graph.Read_Edgelist(sys.argv[1], directed=False)
g.add_vertices(${n} - g.vcount())
ts = []
for r in range(3):
    t = time.perf_counter(); b = g.betweenness(directed=False); ts.append(time.perf_counter() - t)
print(json.dumps({'times': ts, 'bc': b}))
`;
const res = spawnSync(process.env.BENCH_PYTHON ?? '/usr/bin/python3', ['-c', py, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (res.status !== 0) throw new Error(res.stderr);
const ref = JSON.parse(res.stdout);
let diff = 0;
for (let v = 0; v < n; v++) diff = Math.max(diff, Math.abs(bc[v] - ref.bc[v]) / Math.max(1, Math.abs(ref.bc[v])));
const fmt = (xs) => xs.map((x) => x.toFixed(2)).join(' / ');
console.log(`clew   ${fmt(ours)} s`);
console.log(`igraph ${fmt(ref.times)} s`);
console.log(`median igraph / clew = ${([...ref.times].sort()[1] / [...ours].sort()[1]).toFixed(2)}; max relative difference ${diff.toExponential(2)}`);
