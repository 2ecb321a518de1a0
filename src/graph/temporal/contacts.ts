/**
 * First and last contact per edge: for every distinct pair (ordered when directed, unordered
 * otherwise), the earliest and latest timestamp, the number of contacts and the summed weight.
 * Output sorted by (src, dst). O(m log m).
 */
import { ClewError } from '../../model/errors.js';
import type { TemporalEdges } from './windows.js';

export interface EdgeContacts {
  src: Int32Array;
  dst: Int32Array;
  first: Float64Array;
  last: Float64Array;
  count: Int32Array;
  weight: Float64Array;
}

export function edgeContacts(e: TemporalEdges, directed = true): EdgeContacts {
  const m = e.src.length;
  if (e.dst.length !== m || e.weight.length !== m || e.ts.length !== m) {
    throw new ClewError('INVALID_ARGUMENT', 'temporal edge arrays differ in length');
  }
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const s = e.src[i]!;
    const d = e.dst[i]!;
    if (!Number.isFinite(e.ts[i]!)) throw new ClewError('TIMESTAMP_INVALID', 'edge timestamp is not a finite number', { edge: i });
    if (directed || s <= d) {
      a[i] = s;
      b[i] = d;
    } else {
      a[i] = d;
      b[i] = s;
    }
  }
  const order = Int32Array.from({ length: m }, (_, i) => i).sort((x, y) => a[x]! - a[y]! || b[x]! - b[y]!);
  let k = 0;
  for (let i = 0; i < m; i++) if (i === 0 || a[order[i]!] !== a[order[i - 1]!] || b[order[i]!] !== b[order[i - 1]!]) k++;
  const r: EdgeContacts = {
    src: new Int32Array(k),
    dst: new Int32Array(k),
    first: new Float64Array(k).fill(Infinity),
    last: new Float64Array(k).fill(-Infinity),
    count: new Int32Array(k),
    weight: new Float64Array(k),
  };
  let p = -1;
  for (let i = 0; i < m; i++) {
    const x = order[i]!;
    if (i === 0 || a[x] !== a[order[i - 1]!] || b[x] !== b[order[i - 1]!]) {
      p++;
      r.src[p] = a[x]!;
      r.dst[p] = b[x]!;
    }
    const t = e.ts[x]!;
    if (t < r.first[p]!) r.first[p] = t;
    if (t > r.last[p]!) r.last[p] = t;
    r.count[p] = r.count[p]! + 1;
    r.weight[p] = r.weight[p]! + e.weight[x]!;
  }
  return r;
}
