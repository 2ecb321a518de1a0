import { checkMask, type NodeMask } from '../build.js';
import type { CSRGraph } from '../csr.js';

/**
 * A partition of the (alive) nodes. Components are numbered 0..count-1 in the order of their
 * smallest node id, so the labelling is canonical: the same graph always gets the same labels.
 */
export interface Components {
  count: number;
  /** Component of each node; -1 for masked-out nodes. */
  membership: Int32Array;
  /** Number of nodes in each component. */
  sizes: Int32Array;
}

/**
 * Weakly connected components (direction ignored; for an undirected graph, the connected
 * components). Iterative BFS, O(n + m). Masked nodes belong to no component.
 */
export function weakComponents(g: CSRGraph, mask?: NodeMask): Components {
  checkMask(g, mask);
  const n = g.n;
  const membership = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  const lists = g.directed ? [g.out, g.in] : [g.out];
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (membership[s] !== -1 || (mask !== undefined && mask[s] === 0)) continue;
    const c = count++;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    membership[s] = c;
    while (head < tail) {
      const u = queue[head++] as number;
      for (const adj of lists) {
        const { offsets, targets } = adj;
        const end = offsets[u + 1] as number;
        for (let p = offsets[u] as number; p < end; p++) {
          const v = targets[p] as number;
          if (membership[v] !== -1 || (mask !== undefined && mask[v] === 0)) continue;
          membership[v] = c;
          queue[tail++] = v;
        }
      }
    }
    sizes.push(tail);
  }
  return { count, membership, sizes: Int32Array.from(sizes) };
}

/**
 * Strongly connected components of a directed graph (Tarjan, iterative so it cannot overflow
 * the call stack; O(n + m)). For an undirected graph this equals `weakComponents`.
 */
export function strongComponents(g: CSRGraph, mask?: NodeMask): Components {
  checkMask(g, mask);
  if (!g.directed) return weakComponents(g, mask);
  const n = g.n;
  const { offsets, targets } = g.out;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const raw = new Int32Array(n).fill(-1);
  let sp = 0;
  let next = 0;
  let rawCount = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1 || (mask !== undefined && mask[s] === 0)) continue;
    let depth = 0;
    callNode[0] = s;
    callEdge[0] = offsets[s] as number;
    index[s] = low[s] = next++;
    stack[sp++] = s;
    onStack[s] = 1;
    while (depth >= 0) {
      const u = callNode[depth] as number;
      const end = offsets[u + 1] as number;
      let p = callEdge[depth] as number;
      let descended = false;
      for (; p < end; p++) {
        const v = targets[p] as number;
        if (mask !== undefined && mask[v] === 0) continue;
        if (index[v] === -1) {
          callEdge[depth] = p + 1;
          depth++;
          callNode[depth] = v;
          callEdge[depth] = offsets[v] as number;
          index[v] = low[v] = next++;
          stack[sp++] = v;
          onStack[v] = 1;
          descended = true;
          break;
        }
        if (onStack[v] === 1 && (index[v] as number) < (low[u] as number)) low[u] = index[v] as number;
      }
      if (descended) continue;
      if (low[u] === index[u]) {
        let w: number;
        do {
          w = stack[--sp] as number;
          onStack[w] = 0;
          raw[w] = rawCount;
        } while (w !== u);
        rawCount++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth] as number;
        if ((low[u] as number) < (low[parent] as number)) low[parent] = low[u] as number;
      }
    }
  }
  // Relabel in order of smallest member.
  const relabel = new Int32Array(rawCount).fill(-1);
  const membership = new Int32Array(n).fill(-1);
  const sizes = new Int32Array(rawCount);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const r = raw[v] as number;
    if (r === -1) continue;
    if (relabel[r] === -1) relabel[r] = count++;
    const c = relabel[r] as number;
    membership[v] = c;
    sizes[c] = (sizes[c] as number) + 1;
  }
  return { count, membership, sizes };
}

/** Node ids of the largest component (ties: the lowest-numbered component), ascending. */
export function largestComponent(c: Components): Int32Array {
  if (c.count === 0) return new Int32Array(0);
  let best = 0;
  for (let i = 1; i < c.count; i++) if ((c.sizes[i] as number) > (c.sizes[best] as number)) best = i;
  const out = new Int32Array(c.sizes[best] as number);
  let k = 0;
  for (let v = 0; v < c.membership.length; v++) if (c.membership[v] === best) out[k++] = v;
  return out;
}
