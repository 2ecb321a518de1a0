// The graph at 170k accounts and ≥ 10M contact pairs (issue 22 part 4): clew against python-igraph
// on the same edge-list file, in the same run, one process at a time (the machine is shared).
//
//   npx tsc -p tsconfig.build.json                     # clew from dist/
//   node bench/graph/scale.mjs                          # 170 000 nodes, 12.5M generated edges (repeats merge them into ~5.9M contact pairs: pass a larger --m for ≥ 10M)
//   node bench/graph/scale.mjs --n 100000 --m 1000000   # the issue's 1M-edge / 100k-node file
//   options: --only engine|cli (default both), --csv-parse (also time the csv-parse reader in the engine run),
//            --skip-composite (engine and cli: leave out the composite ranking, which samples betweenness)
//   BENCH_BEFORE=DIR (a compiled dist/ of an earlier clew): the engine run also times that clew's composite
//            ranking on the same network ("composite ranking (before)"), for a before/after in one run.
//
// The composite ranking estimates betweenness from pivots (at most 512, fewer on large networks: see
// DEFAULT_PIVOT_WORK in src/api/graph.ts). igraph's side does the same number of pivots as clew used.
//
// The edge list is written once under bench/out/graph-scale/ (same generator as bench-core.mjs: seeded
// degree-corrected planted partition, heavy-tailed activity, power-law community sizes, 80 % of
// contacts inside the sender's community, integer message counts). Two copies of the same rows:
// `.csv` (`u1,u2,3`, what `clew graph --edges` reads) and `.ncol` (`u1 u2 3`, what igraph's Read_Ncol reads).
//
// engine: one child process per side reads the file, builds the graph (clew: the directed CSR and the
//   undirected contact graph, as `clew graph` does; igraph: Read_Ncol + simplify(sum) + as_undirected(sum)),
//   then PageRank, Leiden (modularity, 2 iterations) and the composite ranking; peak RSS of that process.
// cli: the whole process as a user runs it, timed with /usr/bin/time: `clew graph rank --by pagerank`,
//   `clew graph communities`, `clew graph rank` (composite) against bench/graph/scale.py doing the same.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plantedPartition } from './planted.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(here, '..', 'out', 'graph-scale');
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flag = (name) => process.argv.includes(`--${name}`);

if (process.argv[2] === '--engine-child') {
  await engineChild(process.argv[3], process.argv[4], process.argv.includes('--csv-parse'), process.argv.includes('--skip-composite'));
  process.exit(0);
}

const N = Number(arg('n', 170_000));
const M = Number(arg('m', 12_500_000));
const ONLY = arg('only', undefined);
let pivots = 512;
mkdirSync(outDir, { recursive: true });
const stem = join(outDir, `pp-n${N}-m${M}`);
await ensureFiles(stem, N, M);
const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`${new Date().toISOString()} ${cpus()[0]?.model} ×${cpus().length}, load ${la()}; file ${stem}.csv`);

if (ONLY !== 'cli') {
  const extra = [flag('csv-parse') ? '--csv-parse' : '', flag('skip-composite') ? '--skip-composite' : ''].filter(Boolean);
  const clew = child(process.execPath, [fileURLToPath(import.meta.url), '--engine-child', `${stem}.csv`, `${stem}.clew-pr.bin`, ...extra]);
  console.log(`load ${la()}`);
  pivots = clew.composite?.samples ?? pivots;
  const ig = child(PYTHON, [join(here, 'scale.py'), 'engine', `${stem}.ncol`, `${stem}.clew-pr.bin`, '--pivots', String(pivots), ...extra]);
  console.log(`load ${la()}`);
  console.log(`\nengine, ${clew.nodes} nodes, ${clew.directedEdges} distinct sender→recipient pairs, ${clew.undirectedEdges} contact pairs (undirected)`);
  console.log('| step | clew s | igraph s | clew / igraph | clew CPU s | igraph CPU s | CPU clew / igraph |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const f2 = (x) => x?.toFixed(2) ?? 'n/a';
  const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : (a / b).toFixed(2));
  for (const step of Object.keys(ig.times)) {
    const [a, b, ca, cb] = [clew.times[step], ig.times[step], clew.cpu[step], ig.cpu?.[step]];
    console.log(`| ${step} | ${f2(a)} | ${f2(b)} | ${ratio(a, b)} | ${f2(ca)} | ${f2(cb)} | ${ratio(ca, cb)} |`);
  }
  for (const step of Object.keys(clew.times)) if (!(step in ig.times)) console.log(`| ${step} | ${f2(clew.times[step])} | n/a | | ${f2(clew.cpu[step])} | n/a | |`);
  console.log(`| peak RSS MB | ${clew.rssMb.toFixed(0)} | ${ig.rssMb.toFixed(0)} | ${(clew.rssMb / ig.rssMb).toFixed(2)} |`);
  console.log(`agreement: igraph nodes ${ig.nodes}, pairs ${ig.directedEdges}, contact pairs ${ig.undirectedEdges}; PageRank max |Δ| ${ig.pagerankMaxDiff.toExponential(2)}; ` +
    `Leiden modularity clew ${clew.modularity.toFixed(5)} (${clew.communities} communities) vs igraph ${ig.modularity.toFixed(5)} (${ig.communities})`);
  if (clew.composite) {
    const c = clew.composite;
    console.log(`composite betweenness: ${c.sampled ? `${c.samples} pivots of ${c.requested} asked (work budget ${c.pivotWork.toExponential(2)} arc reads), ε = ${c.errorBound.toPrecision(3)} at ${c.confidence}` : 'exact'}; igraph: BFS from ${pivots} pivots`);
  }
}

if (ONLY !== 'engine') {
  const cmds = [
    ['rank --by pagerank', ['graph', 'rank', '--by', 'pagerank'], 'rank'],
    ['communities (leiden)', ['graph', 'communities'], 'communities'],
  ];
  if (!flag('skip-composite')) cmds.push(['rank (composite)', ['graph', 'rank'], 'composite']);
  console.log(`\nwhole process (${stem}.csv / .ncol), load ${la()}`);
  console.log('| command | clew s | clew MB | igraph s | igraph MB | clew / igraph |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [label, args, pyCmd] of cmds) {
    const a = timed(process.execPath, [join(root, 'dist', 'cli', 'bin.js'), ...args, '--edges', `${stem}.csv`]);
    const b = timed(PYTHON, [join(here, 'scale.py'), pyCmd, `${stem}.ncol`, '--pivots', String(pivots)]);
    console.log(`| ${label} | ${a.s.toFixed(2)} | ${a.mb.toFixed(0)} | ${b.s.toFixed(2)} | ${b.mb.toFixed(0)} | ${(a.s / b.s).toFixed(2)} |`);
  }
  console.log(`load ${la()}`);
}

/** Run a child that prints one JSON line last; stderr passes through. */
function child(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}`);
  const lines = r.stdout.trim().split('\n');
  for (const l of lines.slice(0, -1)) console.log(l);
  return JSON.parse(lines.at(-1));
}

/** Wall seconds and peak RSS (MB) of a whole process, from /usr/bin/time. */
function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24 });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { s: Number(m[1]), mb: Number(m[2]) / 1024 };
}

async function ensureFiles(stem, n, m) {
  if (existsSync(`${stem}.csv`) && existsSync(`${stem}.ncol`)) return;
  const { createRng } = await import('../../dist/graph/index.js');
  console.log(`generating planted partition n=${n} m=${m} ...`);
  const g = plantedPartition(createRng, n, m, 20261207);
  for (const [ext, sep] of [['csv', ','], ['ncol', ' ']]) {
    const tmp = `${stem}.${ext}.tmp`;
    const out = createWriteStream(tmp);
    let chunk = '';
    for (let e = 0; e < m; e++) {
      chunk += `u${g.src[e]}${sep}u${g.dst[e]}${sep}${g.weight[e]}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
        chunk = '';
      }
    }
    out.write(chunk);
    await new Promise((r, j) => out.end((err) => (err ? j(err) : r())));
    renameSync(tmp, `${stem}.${ext}`);
  }
  console.log(`  ${g.communities} planted communities`);
}

/** The clew side of the engine run: one process, steps timed one by one. */
async function engineChild(file, prOut, csvParse, skipComposite) {
  const { parseEdgeCsv, pagerank, leiden } = await import('../../dist/graph/index.js');
  const { graphContext, rank } = await import('../../dist/api/graph.js');
  const { writeFileSync } = await import('node:fs');
  const times = {};
  const cpu = {};
  const t = (label, fn) => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const v = fn();
    times[label] = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    cpu[label] = (c.user + c.system) / 1e6;
    console.log(`  clew   ${label.padEnd(28)} ${times[label].toFixed(2)} s (CPU ${cpu[label].toFixed(2)} s)`);
    return v;
  };
  const bytes = t('read file', () => readFileSync(file));
  if (csvParse) t('parse (csv-parse reader)', () => parseEdgeCsv(bytes, { csvParse: true }));
  const parsed = t('parse (byte scanner)', () => parseEdgeCsv(bytes));
  const net = { labels: parsed.labels, keys: parsed.labels, accounts: parsed.labels.map(() => null), edges: parsed.edges, first: new Float64Array(0), last: new Float64Array(0) };
  const ctx = t('build (directed + undirected)', () => graphContext(net));
  times['load + build'] = times['read file'] + times['parse (byte scanner)'] + times['build (directed + undirected)'];
  cpu['load + build'] = cpu['read file'] + cpu['parse (byte scanner)'] + cpu['build (directed + undirected)'];
  const pr = t('pagerank', () => pagerank(ctx.directed));
  const comm = t('leiden', () => leiden(ctx.undirected, { resolution: 1, seed: 1 }));
  let composite = null;
  if (!skipComposite) {
    const r = t('composite ranking', () => rank(ctx, { by: 'composite', top: 20, contacts: 3 }));
    composite = { ...r.betweenness, requested: ctx.samples, pivotWork: ctx.pivotWork, top: r.rows.map((row) => row.key) };
    if (process.env.BENCH_BEFORE) {
      const before = await import(join(process.env.BENCH_BEFORE, 'api', 'graph.js'));
      const old = before.graphContext(net);
      const r0 = t('composite ranking (before)', () => before.rank(old, { by: 'composite', top: 20, contacts: 3 }));
      const same = r0.rows.filter((row) => composite.top.includes(row.key)).length;
      console.log(`  before: ${r0.betweenness.samples} pivots, ε = ${r0.betweenness.errorBound.toPrecision(3)}; top 20 in common with after: ${same}`);
    }
  }
  // PageRank in the generator's node order (label uN is node N), for the comparison with igraph
  let maxId = 0;
  for (const l of parsed.labels) maxId = Math.max(maxId, Number(l.slice(1)));
  const byId = new Float64Array(maxId + 1);
  parsed.labels.forEach((l, v) => { byId[Number(l.slice(1))] = pr.scores[v]; });
  writeFileSync(prOut, byId);
  console.log(JSON.stringify({
    times,
    cpu,
    rssMb: process.resourceUsage().maxRSS / 1024,
    nodes: ctx.directed.n,
    directedEdges: ctx.directed.out.targets.length,
    undirectedEdges: ctx.undirected.out.targets.length / 2,
    modularity: comm.modularity,
    communities: comm.count,
    composite,
  }));
}
