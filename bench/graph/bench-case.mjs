// Graph analytics from a case file, timed step by step through the typed API (the path
// `clew graph` takes): load the network from the store, PageRank, Louvain, sampled betweenness,
// k-core, components. The target: a 1M-message case in under 10 s in total.
//
//   npx tsc -p tsconfig.build.json
//   node dist/cli/bin.js synth --out /tmp/g1m --messages 1000000 --seed 1
//   node dist/cli/bin.js ingest --no-analyse --case /tmp/g1m/case.clew /tmp/g1m/records.jsonl
//   node bench/graph/bench-case.mjs /tmp/g1m/case.clew [samples=512]
//
// Prints one line per step and a JSON summary on the last line.
import { cpus } from 'node:os';
import { openCase } from '../../dist/api/case.js';
import { graphContext } from '../../dist/api/graph.js';
import { loadCaseNetwork } from '../../dist/api/network.js';
import { betweenness, coreness, louvain, pagerank, sampledBetweenness, weakComponents } from '../../dist/graph/index.js';

const casePath = process.argv[2];
if (!casePath) {
  console.error('usage: node bench/graph/bench-case.mjs CASE.clew [samples]');
  process.exit(2);
}
const samples = Number(process.argv[3] ?? 512);

const steps = [];
const cpu0 = process.cpuUsage();
async function step(name, fn) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await fn();
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  steps.push({ name, ms: Math.round(ms), cpuMs: Math.round((c.user + c.system) / 1000) });
  console.log(`${name.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s wall  ${((c.user + c.system) / 1e6).toFixed(2).padStart(7)} s CPU`);
  return r;
}

const store = await step('open case', () => openCase(casePath, { readonly: true }));
const net = await step('load network (store.edges)', () => loadCaseNetwork(store));
const ctx = await step('build CSR (directed + undirected)', () => graphContext(net, store));
const g = ctx.undirected;
console.log(`  ${net.edges.n} nodes, ${net.edges.src.length} sender→recipient pairs, ${g.out.targets.length / 2} undirected edges`);
const pr = await step('pagerank (directed, weighted)', () => pagerank(ctx.directed));
const lv = await step('louvain (undirected, weighted)', () => louvain(g, { seed: 1 }));
const bc = await step(`sampled betweenness (k=${samples})`, () => sampledBetweenness(g, { samples, seed: 1 }));
const core = await step('k-core (coreness)', () => coreness(g));
const wc = await step('weak components', () => weakComponents(g));
await store.close();

const total = steps.reduce((s, x) => s + x.ms, 0);
const cpu = process.cpuUsage(cpu0);
let maxCore = 0;
for (const k of core) if (k > maxCore) maxCore = k;
console.log(`total ${(total / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
// Not in the total: exact betweenness, which `clew graph` uses up to 20 000 nodes.
let exactMs = null;
if (g.n <= 20_000 && process.env.BENCH_EXACT !== '0') {
  const t0 = performance.now();
  betweenness(g);
  exactMs = Math.round(performance.now() - t0);
  console.log(`(extra) exact betweenness        ${(exactMs / 1000).toFixed(2).padStart(7)} s wall`);
}
console.log(
  JSON.stringify({
    exactBetweennessMs: exactMs,
    case: casePath,
    nodes: net.edges.n,
    pairs: net.edges.src.length,
    pagerankIterations: pr.iterations,
    communities: lv.count,
    modularity: lv.modularity,
    betweennessErrorBound: bc.errorBound,
    maxCore,
    components: wc.count,
    steps,
    totalMs: total,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    cpu: cpus()[0]?.model,
    node: process.version,
  }),
);
