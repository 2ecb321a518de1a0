/**
 * The node-moving step shared by Louvain and Leiden: state of a partition of a WGraph
 * (community totals) and the best-move computation for one node.
 *
 * Gain of putting node v (already taken out of its community) into community C, in edge-weight
 * units (ΔQ times m): w(v, C) - gamma * k_v * tot_C / (2m).
 */
import type { WGraph } from './wgraph.js';

export class Partition {
  readonly comm: Int32Array;
  /** Sum of strengths per community id (ids range over 0..n-1). */
  readonly tot: Float64Array;
  readonly size: Int32Array;
  /** Scratch: weight from the current node to each neighbouring community. */
  private readonly acc: Float64Array;
  private readonly mark: Int32Array;
  private readonly touched: Int32Array;
  private nt = 0;
  private stamp = 0;

  constructor(
    readonly g: WGraph,
    initial?: Int32Array,
  ) {
    const n = g.n;
    this.comm = initial ? Int32Array.from(initial) : Int32Array.from({ length: n }, (_, i) => i);
    this.tot = new Float64Array(n);
    this.size = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      this.tot[this.comm[v]!] = this.tot[this.comm[v]!]! + g.strength[v]!;
      this.size[this.comm[v]!] = this.size[this.comm[v]!]! + 1;
    }
    this.acc = new Float64Array(n);
    this.mark = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  /** Fills the neighbour-community weights of v (excluding v's loop); returns how many. */
  gather(v: number, filter?: Int32Array, keep?: number): number {
    const g = this.g;
    this.stamp++;
    this.nt = 0;
    const own = this.comm[v]!;
    // own community first, so ties keep the node where it is
    this.mark[own] = this.stamp;
    this.acc[own] = 0;
    this.touched[this.nt++] = own;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const u = g.targets[e]!;
      if (filter && filter[u] !== keep) continue;
      const c = this.comm[u]!;
      if (this.mark[c] !== this.stamp) {
        this.mark[c] = this.stamp;
        this.acc[c] = 0;
        this.touched[this.nt++] = c;
      }
      this.acc[c] = this.acc[c]! + g.weights[e]!;
    }
    return this.nt;
  }

  touchedAt(i: number): number {
    return this.touched[i]!;
  }

  weightTo(c: number): number {
    return this.mark[c] === this.stamp ? this.acc[c]! : 0;
  }

  remove(v: number): void {
    const c = this.comm[v]!;
    this.tot[c] = this.tot[c]! - this.g.strength[v]!;
    this.size[c] = this.size[c]! - 1;
  }

  insert(v: number, c: number): void {
    this.comm[v] = c;
    this.tot[c] = this.tot[c]! + this.g.strength[v]!;
    this.size[c] = this.size[c]! + 1;
  }

  /**
   * Best community for v among its own and its neighbours' (call gather(v) first, then remove(v)).
   * Returns the community id; ties keep the current community, then the first seen.
   */
  best(v: number, resolution: number): { c: number; gain: number } {
    const kv = this.g.strength[v]!;
    const scale = (resolution * kv) / this.g.total;
    const own = this.comm[v]!;
    let bestC = own;
    let bestGain = this.acc[own]! - scale * this.tot[own]!;
    for (let i = 1; i < this.nt; i++) {
      const c = this.touched[i]!;
      const gain = this.acc[c]! - scale * this.tot[c]!;
      if (gain > bestGain + 1e-12 * (Math.abs(bestGain) + 1)) {
        bestGain = gain;
        bestC = c;
      }
    }
    return { c: bestC, gain: bestGain };
  }
}
