import type { Mode } from '../build.js';
import type { Adjacency, CSRGraph } from '../csr.js';

/**
 * Coreness (k-core number) of every node by the Batagelj–Zaversnik bucket algorithm, O(n + m):
 * the largest k such that the node belongs to a subgraph where every node has degree >= k.
 * Degrees count distinct neighbours; for a directed graph `mode` picks in-, out- or total degree
 * ('all', the default, counts a mutual pair twice), matching igraph `coreness`.
 */
export function coreness(g: CSRGraph, mode: Mode = 'all'): Int32Array {
  const n = g.n;
  const deg = new Int32Array(n);
  const outRows = !g.directed || mode !== 'in';
  const inRows = g.directed && mode !== 'out';
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    let d = 0;
    if (outRows) d += (g.out.offsets[v + 1] as number) - (g.out.offsets[v] as number);
    if (inRows) d += (g.in.offsets[v + 1] as number) - (g.in.offsets[v] as number);
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  // Bucket sort nodes by degree: vert is the sorted order, pos[v] its index, bin[d] the first index of degree d.
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) {
    const d = deg[v] as number;
    bin[d] = (bin[d] as number) + 1;
  }
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const c = bin[d] as number;
    bin[d] = start;
    start += c;
  }
  const vert = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const d = deg[v] as number;
    const p = bin[d] as number;
    pos[v] = p;
    vert[p] = v;
    bin[d] = p + 1;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1] as number;
  bin[0] = 0;
  // Removing v lowers the degree of nodes whose counted edges touch v: with out-degree that is
  // v's predecessors, with in-degree its successors. A node u with deg[u] > deg[v] moves down one
  // bucket by swapping with the first node of its bucket.
  const passes: Adjacency[] = [];
  if (outRows) passes.push(g.in);
  if (inRows) passes.push(g.out);
  for (let i = 0; i < n; i++) {
    const v = vert[i] as number;
    const dv = deg[v] as number;
    for (let a = 0; a < passes.length; a++) {
      const { offsets, targets } = passes[a] as Adjacency;
      const end = offsets[v + 1] as number;
      for (let p = offsets[v] as number; p < end; p++) {
        const u = targets[p] as number;
        const du = deg[u] as number;
        if (du <= dv) continue;
        const pu = pos[u] as number;
        const pw = bin[du] as number;
        const w = vert[pw] as number;
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du] = pw + 1;
        deg[u] = du - 1;
      }
    }
  }
  return deg;
}
