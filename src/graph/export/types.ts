/** What the graph exporters take: an edge list with labels and per-node/per-edge columns. */
import type { EdgeList } from '../csr.js';
import { ClewError } from '../../model/errors.js';

export type Column = ArrayLike<number> | readonly string[];

export interface NetworkExport {
  /** Node labels (display names), index = node id. */
  labels: readonly string[];
  directed: boolean;
  edges: EdgeList;
  /**
   * Per-node columns: measures (numbers; Int32Array/Uint8Array columns are written as integers),
   * community ids, types. NaN is written as a missing value.
   */
  nodeAttributes?: Readonly<Record<string, Column>>;
  /** Per-edge columns, parallel to `edges` (e.g. first/last contact in ms, message count). */
  edgeAttributes?: Readonly<Record<string, Column>>;
}

export function isStringColumn(c: Column): c is readonly string[] {
  return Array.isArray(c) && c.length > 0 && typeof c[0] === 'string';
}

export function isIntegerColumn(c: Column): boolean {
  return c instanceof Int32Array || c instanceof Uint8Array || c instanceof Int16Array || c instanceof Uint32Array || c instanceof Uint16Array || c instanceof Int8Array;
}


/** Throws INVALID_ARGUMENT when labels or columns do not match the node/edge counts. */
export function checkExport(x: NetworkExport): void {
  const { n, src, dst, weight } = x.edges;
  if (x.labels.length !== n) throw new ClewError('INVALID_ARGUMENT', 'labels length differs from node count', { labels: x.labels.length, n });
  if (dst.length !== src.length || weight.length !== src.length) throw new ClewError('INVALID_ARGUMENT', 'edge arrays differ in length');
  for (let i = 0; i < src.length; i++) {
    if (!(src[i]! >= 0 && src[i]! < n && dst[i]! >= 0 && dst[i]! < n)) throw new ClewError('INVALID_ARGUMENT', 'edge endpoint out of range', { edge: i });
  }
  for (const [name, c] of Object.entries(x.nodeAttributes ?? {})) {
    if (c.length !== n) throw new ClewError('INVALID_ARGUMENT', 'node attribute length differs from node count', { attribute: name, length: c.length, n });
  }
  for (const [name, c] of Object.entries(x.edgeAttributes ?? {})) {
    if (c.length !== src.length) throw new ClewError('INVALID_ARGUMENT', 'edge attribute length differs from edge count', { attribute: name, length: c.length });
  }
}
