#!/usr/bin/env node
// Communities and investigation benchmark: our Louvain/Leiden (compiled, dist/) against
// python-igraph on a seeded planted-partition graph, a disruption run (blocks of 5 by
// betweenness, Cavallaro et al. 2020) on a 5k-node graph, and a networkx round-trip of the
// GEXF/GraphML writers. Build first: npx tsc -p tsconfig.build.json
// Usage: node bench/graph/bench-communities.mjs [nodes=170000] [edges=2000000] [disruptNodes=5000] [disruptSteps=20]
// Each algorithm runs in its own child process so peak RSS (maxRSS) is per algorithm.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const dist = (p) => join(root, 'dist', 'graph', p);

/** Planted partition: community sizes 20..180 (mean 100), each edge inside the source's
 *  community with probability 1 - mu, else to a uniform node. Undirected, deduplicated. */
function generate(n, m, seed, mu = 0.2) {
  const rng = mulberry32(seed);
  const comm = new Int32Array(n);
  const starts = [];
  let v = 0;
  while (v < n) {
    const size = Math.min(n - v, 20 + Math.floor(rng() * 161));
    starts.push([v, size]);
    comm.fill(starts.length - 1, v, v + size);
    v += size;
  }
  const seen = new Set();
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  let k = 0;
  while (k < m) {
    const a = Math.floor(rng() * n);
    let b;
    if (rng() < 1 - mu) {
      const [s, size] = starts[comm[a]];
      b = s + Math.floor(rng() * size);
    } else b = Math.floor(rng() * n);
    if (a === b) continue;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * n + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    src[k] = lo;
    dst[k] = hi;
    k++;
  }
  return { n, src, dst, communities: starts.length };
}

function writeBin(path, e) {
  const buf = new Int32Array(e.src.length * 2);
  for (let i = 0; i < e.src.length; i++) {
    buf[2 * i] = e.src[i];
    buf[2 * i + 1] = e.dst[i];
  }
  writeFileSync(path, Buffer.from(buf.buffer));
}

function readBin(path, n) {
  const b = readFileSync(path);
  const a = new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const m = a.length / 2;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    src[i] = a[2 * i];
    dst[i] = a[2 * i + 1];
  }
  return { n, src, dst, weight: new Float64Array(m).fill(1) };
}

function child(args) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=6000', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function python(args) {
  const r = spawnSync('/usr/bin/python3', [join(here, 'bench-communities.py'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function runChild(mode, path, n, extra) {
  const { buildCSR } = await import(dist('build.js'));
  const t0 = performance.now();
  const g = buildCSR(readBin(path, n), { directed: false });
  const buildS = (performance.now() - t0) / 1000;
  if (mode === 'louvain' || mode === 'leiden') {
    const mod = await import(dist(`communities/${mode}.js`));
    const t = performance.now();
    const r = mod[mode](g, { seed: 1 });
    const s = (performance.now() - t) / 1000;
    return { buildS, s, q: r.modularity, k: r.count, levels: r.levels, maxrss_mb: maxRssMb() };
  }
  if (mode === 'disrupt') {
    const { cavallaro2020 } = await import(dist('investigate/strategies.js'));
    let t = performance.now();
    const r = cavallaro2020(g, Number(extra), { efficiency: false });
    const s = (performance.now() - t) / 1000;
    t = performance.now();
    const withEff = cavallaro2020(g, Number(extra));
    const sEff = (performance.now() - t) / 1000;
    return { s, sWithEfficiency: sEff, lcc: r.slice(1).map((x) => x.lccSize), last_efficiency: withEff[withEff.length - 1].efficiency, maxrss_mb: maxRssMb() };
  }
  throw new Error(mode);
}

async function roundtrip() {
  const { toGexf } = await import(dist('export/gexf.js'));
  const { toGraphml } = await import(dist('export/graphml.js'));
  const hostile = 'Tony "<The Knife>" & \'Co\'\u0001\u0000\ud800 =cmd|\' /C calc\'!A0\n\t\uffff😀';
  const x = {
    labels: [hostile, 'bob', '+31 6 1234 5678'],
    directed: true,
    edges: { n: 3, src: Int32Array.from([0, 1, 2]), dst: Int32Array.from([1, 2, 0]), weight: Float64Array.from([3, 1.5, 2]) },
    nodeAttributes: { pagerank: Float64Array.from([0.5, 0.25, NaN]), community: Int32Array.from([0, 0, 1]), role: [hostile, 'broker', 'leaf'] },
  };
  const gexf = join(out, 'hostile.gexf');
  const graphml = join(out, 'hostile.graphml');
  writeFileSync(gexf, toGexf(x));
  writeFileSync(graphml, toGraphml(x));
  return python(['roundtrip', gexf, graphml]);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const r = await runChild(argv[1], argv[2], Number(argv[3]), argv[4]);
  console.log(JSON.stringify(r));
} else {
  const [N = 170000, M = 2000000, DN = 5000, DS = 20] = argv.map(Number);
  const t = performance.now();
  const big = generate(N, M, 42);
  const bigPath = join(out, `communities-${N}-${M}.bin`);
  writeBin(bigPath, big);
  console.error(`generated ${N} nodes, ${M} edges, ${big.communities} planted communities in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const ours = {};
  for (const mode of ['louvain', 'leiden']) {
    ours[mode] = child(['--child', mode, bigPath, String(N)]);
    console.error(mode, JSON.stringify(ours[mode]));
  }
  const ig = python(['communities', bigPath, String(N)]);
  console.error('igraph', JSON.stringify(ig));
  const small = generate(DN, DN * 5, 7);
  const smallPath = join(out, `disrupt-${DN}.bin`);
  writeBin(smallPath, small);
  const dis = child(['--child', 'disrupt', smallPath, String(DN), String(DS)]);
  console.error('disrupt', JSON.stringify({ ...dis, lcc: undefined }));
  const disIg = python(['disrupt', smallPath, String(DN), String(DS)]);
  console.error('disrupt igraph', JSON.stringify({ ...disIg, lcc: undefined }));
  const rt = await roundtrip();
  console.log(
    JSON.stringify(
      {
        graph: { nodes: N, edges: M, planted: big.communities, mu: 0.2, seed: 42 },
        louvain: { ours: ours.louvain, igraph: { s: ig.louvain_s, q: ig.louvain_q, k: ig.louvain_k }, ratio: ours.louvain.s / ig.louvain_s },
        leiden: { ours: ours.leiden, igraph: { s: ig.leiden_s, q: ig.leiden_q, k: ig.leiden_k }, ratio: ours.leiden.s / ig.leiden_s },
        igraph: { version: ig.igraph, load_s: ig.load_s, maxrss_mb: ig.maxrss_mb },
        disrupt: { nodes: DN, edges: DN * 5, steps: DS, block: 5, ours: { s: dis.s, sWithEfficiency: dis.sWithEfficiency, maxrss_mb: dis.maxrss_mb, last_efficiency: dis.last_efficiency }, igraph: { s: disIg.disrupt_s, last_efficiency: disIg.last_efficiency }, sameLcc: JSON.stringify(dis.lcc) === JSON.stringify(disIg.lcc) },
        roundtrip: rt,
      },
      null,
      1,
    ),
  );
}
