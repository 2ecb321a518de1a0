/**
 * ForceAtlas2 in a web worker (a same-origin module file, as the CSP requires: the library's
 * own supervisor builds its worker from a blob: URL, which the CSP and the Trusted Types policy
 * refuse). Runs the library's iteration function over the byte matrices the page sends and
 * posts positions back after each chunk of iterations, until the layout settles or is stopped.
 */
import iterate from 'graphology-layout-forceatlas2/iterate.js';
import type { LayoutRequest, LayoutUpdate } from './layout-protocol';

const PPN = 10; // values per node in the library's NodeMatrix

let run = 0;

function positions(nodes: Float32Array): Float32Array {
  const n = nodes.length / PPN;
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = nodes[i * PPN]!;
    xy[2 * i + 1] = nodes[i * PPN + 1]!;
  }
  return xy;
}

/** Mean distance moved per node since `prev`, relative to the layout's spread. */
function movement(prev: Float32Array, xy: Float32Array): number {
  const n = xy.length / 2;
  if (n === 0) return 0;
  let moved = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    moved += Math.hypot(x - prev[2 * i]!, y - prev[2 * i + 1]!);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const spread = Math.hypot(maxX - minX, maxY - minY) || 1;
  return moved / n / spread;
}

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const msg = e.data;
  run++;
  if (msg.type === 'stop') return;
  const me = run;
  const { nodes, edges, settings, chunk, maxIterations, settleBelow, run: id } = msg;
  let done = 0;
  let prev = positions(nodes);
  const t0 = performance.now();
  const step = () => {
    if (me !== run) return; // stopped or restarted
    const k = Math.min(chunk, maxIterations - done);
    for (let i = 0; i < k; i++) iterate(settings, nodes, edges);
    done += k;
    const xy = positions(nodes);
    const moved = movement(prev, xy) / Math.max(1, k);
    prev = xy;
    const settled = done >= maxIterations || moved < settleBelow;
    const update: LayoutUpdate = { type: 'positions', run: id, xy, iterations: done, moved, settled, ms: performance.now() - t0 };
    (self as unknown as Worker).postMessage(update);
    if (!settled) setTimeout(step, 0);
  };
  step();
};
