/**
 * Gould–Fernandez brokerage roles (Gould & Fernandez 1989, "Structures of mediation", Soc.
 * Methodology 19:89–126), as in R sna::brokerage. For every two-path i -> v -> j with i != j and
 * no direct tie i -> j, broker v gets one count in the role given by the groups of i, v, j:
 *
 *   coordinator    (w_I)   g(i) = g(v) = g(j)          broker mediates inside its own group
 *   itinerant      (w_O)   g(i) = g(j) != g(v)         a.k.a. consultant: outsider serving a group
 *   gatekeeper     (b_IO)  g(v) = g(j) != g(i)         controls what enters the broker's group
 *   representative (b_OI)  g(i) = g(v) != g(j)         speaks for its group to outsiders
 *   liaison        (b_O)   g(i), g(v), g(j) all differ
 *
 * Edge weights are ignored. For an undirected graph each edge counts as two arcs, so every
 * unordered pair is counted twice and gatekeeper/representative counts coincide.
 * Cost: sum over v of in(v) * out(v) pair checks, plus marking out-lists; `maxPairs` caps it.
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';

export const BROKERAGE_ROLES = ['coordinator', 'itinerant', 'gatekeeper', 'representative', 'liaison'] as const;
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number];

export interface Brokerage {
  /** Per role, count per node (Float64Array so very large counts stay exact up to 2^53). */
  coordinator: Float64Array;
  itinerant: Float64Array;
  gatekeeper: Float64Array;
  representative: Float64Array;
  liaison: Float64Array;
  /** Sum over the five roles, per node. */
  total: Float64Array;
}

export interface BrokerageOptions {
  /** Cap on the number of (in-neighbour, out-neighbour) pairs examined; default 2e9. */
  maxPairs?: number;
}

export function brokerage(g: CSRGraph, groups: ArrayLike<number>, opts: BrokerageOptions = {}): Brokerage {
  const n = g.n;
  if (groups.length !== n) throw new ClewError('INVALID_ARGUMENT', 'groups length differs from node count', { groups: groups.length, n });
  const maxPairs = opts.maxPairs ?? 2e9;
  let pairs = 0;
  for (let v = 0; v < n; v++) {
    pairs += (g.in.offsets[v + 1]! - g.in.offsets[v]!) * (g.out.offsets[v + 1]! - g.out.offsets[v]!);
  }
  if (pairs > maxPairs) throw new ClewError('TOO_LARGE', 'too many two-paths for brokerage', { pairs, maxPairs });
  const r: Brokerage = {
    coordinator: new Float64Array(n),
    itinerant: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    representative: new Float64Array(n),
    liaison: new Float64Array(n),
    total: new Float64Array(n),
  };
  // mark[j] === i + 1 when arc i -> j exists (stamp by the current i); jseen dedups parallel arcs
  const mark = new Int32Array(n);
  const jseen = new Int32Array(n);
  const iseen = new Int32Array(n);
  let stamp = 0;
  for (let v = 0; v < n; v++) {
    const gv = groups[v]!;
    const iStamp = v + 1;
    for (let a = g.in.offsets[v]!; a < g.in.offsets[v + 1]!; a++) {
      const i = g.in.targets[a]!;
      if (i === v || iseen[i] === iStamp) continue;
      iseen[i] = iStamp;
      stamp++;
      for (let e = g.out.offsets[i]!; e < g.out.offsets[i + 1]!; e++) mark[g.out.targets[e]!] = stamp;
      const gi = groups[i]!;
      for (let b = g.out.offsets[v]!; b < g.out.offsets[v + 1]!; b++) {
        const j = g.out.targets[b]!;
        if (j === v || j === i || mark[j] === stamp || jseen[j] === -stamp) continue;
        jseen[j] = -stamp;
        const gj = groups[j]!;
        let role: Float64Array;
        if (gi === gv) role = gv === gj ? r.coordinator : r.representative;
        else if (gv === gj) role = r.gatekeeper;
        else if (gi === gj) role = r.itinerant;
        else role = r.liaison;
        role[v] = role[v]! + 1;
        r.total[v] = r.total[v]! + 1;
      }
    }
  }
  return r;
}

/** The role with the highest count for node v (first in BROKERAGE_ROLES order on ties); null if none. */
export function dominantRole(b: Brokerage, v: number): BrokerageRole | null {
  let best: BrokerageRole | null = null;
  let bestCount = 0;
  for (const role of BROKERAGE_ROLES) {
    const c = b[role][v]!;
    if (c > bestCount) {
      bestCount = c;
      best = role;
    }
  }
  return best;
}
