/**
 * Test-only CSR builder, so tests in communities/, investigate/, temporal/ and export/ do not
 * depend on the engine core (src/graph/build.ts) being finished. Parallel edges are kept.
 */
import type { Adjacency, CSRGraph } from '../../csr.js';

function adjacency(n: number, src: ArrayLike<number>, dst: ArrayLike<number>, w: ArrayLike<number>): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < src.length; i++) offsets[src[i]! + 1] = offsets[src[i]! + 1]! + 1;
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v + 1]! + offsets[v]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(src.length);
  const weights = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const p = fill[src[i]!]!;
    fill[src[i]!] = p + 1;
    targets[p] = dst[i]!;
    weights[p] = w[i]!;
  }
  return { offsets, targets, weights };
}

/** edges as [u, v] or [u, v, w]; undirected graphs store both directions (a loop once). */
export function tinyCSR(n: number, edges: ReadonlyArray<readonly number[]>, directed = false): CSRGraph {
  const s: number[] = [];
  const d: number[] = [];
  const w: number[] = [];
  for (const e of edges) {
    const [a, b] = e as [number, number];
    const wt = e[2] ?? 1;
    s.push(a);
    d.push(b);
    w.push(wt);
    if (!directed && a !== b) {
      s.push(b);
      d.push(a);
      w.push(wt);
    }
  }
  const out = adjacency(n, s, d, w);
  if (!directed) return { n, directed, out, in: out };
  return { n, directed, out, in: adjacency(n, d, s, w) };
}
