/**
 * Measures per time window. Given timestamped edges (one per message/call: src, dst, weight,
 * ts in ms since the epoch, UTC), cut time into windows of `size` units (day, ISO week starting
 * Monday, calendar month, or raw milliseconds) advancing by `step` units (default = size:
 * tumbling windows; step < size: sliding). Windows are aligned to the UTC start of the unit
 * containing the earliest timestamp. For each window the edges with start <= ts < end form a
 * graph (parallel edges merged, weights summed) on which each requested measure is computed.
 *
 * "Rising" and "falling" actors: between consecutive windows, the nodes whose rank by
 * `rankBy` changed most. Rank is 1 for the highest value among nodes active in the window
 * (ties share the best rank); inactive nodes rank after every active one
 * (rank = active + 1). Change = previous rank - current rank (> 0 rising).
 */
import { buildCSR } from '../build.js';
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';
import { windowPagerank } from './window-measures.js';

export interface TemporalEdges {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  ts: Float64Array;
}

export type WindowUnit = 'day' | 'week' | 'month' | 'ms';
export type WindowMeasure = (g: CSRGraph) => ArrayLike<number>;

export interface WindowOptions {
  unit: WindowUnit;
  /** Window length in units (default 1). */
  size?: number;
  /** Advance in units (default = size). */
  step?: number;
  directed?: boolean;
  /** Measures to compute per window; default { degree: distinct contacts (in + out), pagerank }. */
  measures?: Readonly<Record<string, WindowMeasure>>;
  /** Measure used for rising/falling (default the first of `measures`). */
  rankBy?: string;
  /** Movers listed per direction (default 10). */
  movers?: number;
  /** Keep the full per-node vectors (default true); otherwise only movers/top. */
  keepVectors?: boolean;
  /** Refuse more windows than this (default 10 000). */
  maxWindows?: number;
}

export interface Mover {
  node: number;
  previousRank: number;
  rank: number;
  /** previousRank - rank: positive = rising. */
  change: number;
  previousValue: number;
  value: number;
}

export interface WindowResult {
  start: number;
  end: number;
  edges: number;
  /** Nodes with at least one edge in the window. */
  active: number;
  measures: Record<string, Float64Array>;
  /** Top nodes by `rankBy` in this window (up to `movers`). */
  top: { node: number; value: number }[];
  /** Empty for the first window. */
  rising: Mover[];
  falling: Mover[];
}

const DAY = 86_400_000;

/** Distinct contacts per node (in and out merged). */
export const distinctDegree: WindowMeasure = (g) => {
  const d = new Float64Array(g.n);
  const lists = g.directed ? [g.out, g.in] : [g.out];
  const mark = new Int32Array(g.n).fill(-1);
  for (let v = 0; v < g.n; v++) {
    let c = 0;
    for (const a of lists) {
      for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) {
        const u = a.targets[e]!;
        if (u !== v && mark[u] !== v) {
          mark[u] = v;
          c++;
        }
      }
    }
    d[v] = c;
  }
  return d;
};

/** Start of the unit containing t (UTC). */
export function unitStart(t: number, unit: WindowUnit): number {
  if (unit === 'ms') return t;
  const day = Math.floor(t / DAY) * DAY;
  if (unit === 'day') return day;
  if (unit === 'week') {
    const dow = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
    return day - dow * DAY;
  }
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** t advanced by k units (months: calendar months). */
export function addUnits(t: number, k: number, unit: WindowUnit): number {
  if (unit === 'ms') return t + k;
  if (unit === 'day') return t + k * DAY;
  if (unit === 'week') return t + 7 * k * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1);
}

/** Competition ranks (1 = highest) among nodes with activity; inactive get active + 1. */
function ranks(values: Float64Array, activeMask: Uint8Array): Int32Array {
  const n = values.length;
  const act: number[] = [];
  for (let v = 0; v < n; v++) if (activeMask[v]) act.push(v);
  act.sort((a, b) => values[b]! - values[a]! || a - b);
  const r = new Int32Array(n).fill(act.length + 1);
  for (let i = 0; i < act.length; i++) {
    const v = act[i]!;
    r[v] = i > 0 && values[act[i - 1]!] === values[v] ? r[act[i - 1]!]! : i + 1;
  }
  return r;
}

function checkEdges(e: TemporalEdges): void {
  const m = e.src.length;
  if (e.dst.length !== m || e.weight.length !== m || e.ts.length !== m) {
    throw new ClewError('INVALID_ARGUMENT', 'temporal edge arrays differ in length', { src: m, dst: e.dst.length, weight: e.weight.length, ts: e.ts.length });
  }
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(e.ts[i]!)) throw new ClewError('TIMESTAMP_INVALID', 'edge timestamp is not a finite number', { edge: i });
  }
}

export function windows(e: TemporalEdges, opts: WindowOptions): WindowResult[] {
  checkEdges(e);
  const { n } = e;
  const unit = opts.unit;
  const size = opts.size ?? 1;
  const step = opts.step ?? size;
  if (!(size > 0) || !(step > 0) || !Number.isInteger(size) || !Number.isInteger(step)) {
    throw new ClewError('INVALID_ARGUMENT', 'window size and step must be positive integers', { size, step });
  }
  const measures = opts.measures ?? { degree: distinctDegree, pagerank: windowPagerank };
  const names = Object.keys(measures);
  if (names.length === 0) throw new ClewError('INVALID_ARGUMENT', 'no measure requested');
  const rankBy = opts.rankBy ?? names[0]!;
  if (!measures[rankBy]) throw new ClewError('INVALID_ARGUMENT', 'rankBy names no requested measure', { rankBy });
  const moversN = opts.movers ?? 10;
  const keep = opts.keepVectors ?? true;
  const maxWindows = opts.maxWindows ?? 10_000;
  const m = e.src.length;
  if (m === 0) return [];

  const order = Int32Array.from({ length: m }, (_, i) => i).sort((a, b) => e.ts[a]! - e.ts[b]! || a - b);
  const t0 = e.ts[order[0]!]!;
  const t1 = e.ts[order[m - 1]!]!;
  const origin = unitStart(t0, unit);
  // count windows first (cap)
  let count = 0;
  for (let k = 0; addUnits(origin, k * step, unit) <= t1; k++) {
    if (++count > maxWindows) throw new ClewError('TOO_LARGE', 'too many windows', { maxWindows });
  }

  const out: WindowResult[] = [];
  let lo = 0;
  let prevRank: Int32Array | null = null;
  let prevVal: Float64Array | null = null;
  for (let k = 0; k < count; k++) {
    const start = addUnits(origin, k * step, unit);
    const end = addUnits(start, size, unit);
    while (lo < m && e.ts[order[lo]!]! < start) lo++;
    let hi = lo;
    while (hi < m && e.ts[order[hi]!]! < end) hi++;
    const cnt = hi - lo;
    const src = new Int32Array(cnt);
    const dst = new Int32Array(cnt);
    const weight = new Float64Array(cnt);
    const activeMask = new Uint8Array(n);
    for (let i = 0; i < cnt; i++) {
      const idx = order[lo + i]!;
      src[i] = e.src[idx]!;
      dst[i] = e.dst[idx]!;
      weight[i] = e.weight[idx]!;
      activeMask[src[i]!] = 1;
      activeMask[dst[i]!] = 1;
    }
    let active = 0;
    for (let v = 0; v < n; v++) active += activeMask[v]!;
    const g = buildCSR({ n, src, dst, weight }, { directed: opts.directed ?? true });
    const vals: Record<string, Float64Array> = {};
    for (const name of names) {
      const r = measures[name]!(g);
      if (r.length !== n) throw new ClewError('INTERNAL', 'measure returned a vector of the wrong length', { measure: name });
      vals[name] = Float64Array.from(r);
    }
    const cur = vals[rankBy]!;
    const rank = ranks(cur, activeMask);
    const top: WindowResult['top'] = [];
    const byRank = Int32Array.from({ length: n }, (_, i) => i).filter((v) => activeMask[v] === 1);
    byRank.sort((a, b) => rank[a]! - rank[b]! || a - b);
    for (let i = 0; i < Math.min(moversN, byRank.length); i++) top.push({ node: byRank[i]!, value: cur[byRank[i]!]! });
    let rising: Mover[] = [];
    let falling: Mover[] = [];
    if (prevRank && prevVal) {
      const movers: Mover[] = [];
      for (let v = 0; v < n; v++) {
        const change = prevRank[v]! - rank[v]!;
        if (change !== 0) movers.push({ node: v, previousRank: prevRank[v]!, rank: rank[v]!, change, previousValue: prevVal[v]!, value: cur[v]! });
      }
      rising = movers.filter((x) => x.change > 0).sort((a, b) => b.change - a.change || a.node - b.node).slice(0, moversN);
      falling = movers.filter((x) => x.change < 0).sort((a, b) => a.change - b.change || a.node - b.node).slice(0, moversN);
    }
    out.push({ start, end, edges: cnt, active, measures: keep ? vals : {}, top, rising, falling });
    prevRank = rank;
    prevVal = cur;
  }
  return out;
}
