/**
 * The communication network as the graph engine takes it: parallel arrays over nodes 0..n-1,
 * from a case (accounts; persons once identity resolution exists) or from an edge-list or
 * adjacency-matrix CSV file. Weights are message and call counts summed over channels.
 */
import { readFileSync } from 'node:fs';
import type { EdgeList } from '../graph/csr.js';
import { parseEdgeCsv, parseMatrixCsv } from '../graph/index.js';
import { ClewError } from '../model/errors.js';
import { bestNames } from '../identity/resolve-ref.js';
import type { Channel } from '../model/records.js';
import type { AccountView, IdentityPort, NetworkPort } from '../store/types.js';

export interface NetworkOptions {
  channels?: Channel[];
  after?: number;
  before?: number;
  /** Drop node pairs whose summed weight is below this. */
  minWeight?: number;
  /**
   * `account` (default): one node per account. `person`: the accounts merged into a person
   * (identity resolution) are one node, key `person:<id>`, labelled with the person's name;
   * unmerged accounts stand for themselves; edges between them are summed and a person's
   * messages between their own handles are dropped.
   */
  level?: NetworkLevel;
}

export { NETWORK_LEVELS, type NetworkLevel } from './graph-options.js';
import type { NetworkLevel } from './graph-options.js';

/** The node key of a person at person level. */
export function personKey(id: number): string {
  return `person:${id}`;
}

export interface Network {
  /** Human label per node: a person's name; an account's display name, else the name most phones saved it under, else its handle. */
  labels: string[];
  /** Stable key per node: the account reference, or the label for file networks. */
  keys: string[];
  /** Account per node (case networks only; null for a person node at person level). */
  accounts: (AccountView | null)[];
  /** Person level: the member accounts of each person node (null for an account node). */
  members?: (AccountView[] | null)[];
  edges: EdgeList;
  /** First and last contact per edge (UTC ms; NaN for file networks). */
  first: Float64Array;
  last: Float64Array;
}

export async function loadCaseNetwork(store: NetworkPort & IdentityPort, opts: NetworkOptions = {}): Promise<Network> {
  const person = opts.level === 'person';
  // person level: account id → person id (negative node ids stand for persons)
  const personOf = new Map<number, { person: number; name: string }>(person ? await store.identity().members() : []);
  const index = new Map<number, number>();
  const nodeIds: number[] = [];
  const pairs = new Map<string, { s: number; d: number; w: number; first: number; last: number }>();
  const node = (id: number) => {
    const p = personOf.get(id);
    const nid = p ? -p.person : id;
    let i = index.get(nid);
    if (i === undefined) {
      i = nodeIds.length;
      index.set(nid, i);
      nodeIds.push(nid);
    }
    return i;
  };
  for await (const chunk of store.edges({ channels: opts.channels, after: opts.after, before: opts.before }))
    for (const e of chunk) {
      const s = node(e.src);
      const d = node(e.dst);
      if (s === d && person && (personOf.has(e.src) || personOf.has(e.dst))) continue; // a person's own handles
      const k = `${s}>${d}`;
      const p = pairs.get(k);
      if (p) {
        p.w += e.count;
        p.first = Math.min(p.first, e.first);
        p.last = Math.max(p.last, e.last);
      } else pairs.set(k, { s, d, w: e.count, first: e.first, last: e.last });
    }
  const kept = [...pairs.values()].filter((p) => p.w >= (opts.minWeight ?? 0));
  // an account's label: its display name, else the name most of its contacts saved it under, else its handle
  const directory = await store.identity().names();
  const best = bestNames(directory);
  const accounts = new Map<number, AccountView>(directory.accounts.map((a) => [a.id, a]));
  const views = nodeIds.map((id) => (id > 0 ? (accounts.get(id) ?? null) : null));
  let members: (AccountView[] | null)[] | undefined;
  const names = new Map<number, string>();
  if (person) {
    const byPerson = new Map<number, AccountView[]>();
    for (const p of await store.identity().persons()) {
      byPerson.set(p.id, p.accounts);
      names.set(p.id, p.name);
    }
    members = nodeIds.map((id) => (id < 0 ? (byPerson.get(-id) ?? []) : null));
  }
  return {
    labels: views.map((a, i) => (nodeIds[i]! < 0 ? (names.get(-nodeIds[i]!) ?? personKey(-nodeIds[i]!)) : (best.get(nodeIds[i]!)?.label ?? a?.displayName ?? a?.handle ?? String(nodeIds[i])))),
    keys: views.map((a, i) => (nodeIds[i]! < 0 ? personKey(-nodeIds[i]!) : (a?.ref ?? String(nodeIds[i])))),
    accounts: views,
    ...(members ? { members } : {}),
    edges: {
      n: nodeIds.length,
      src: Int32Array.from(kept, (p) => p.s),
      dst: Int32Array.from(kept, (p) => p.d),
      weight: Float64Array.from(kept, (p) => p.w),
    },
    first: Float64Array.from(kept, (p) => p.first),
    last: Float64Array.from(kept, (p) => p.last),
  };
}

/** A network from `source,target[,weight]` lines (`kind: 'edges'`) or an adjacency matrix with a header row. */
export function loadFileNetwork(path: string, kind: 'edges' | 'matrix'): Network {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ClewError('SOURCE_NOT_FOUND', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path });
  }
  const { labels, edges } = kind === 'edges' ? parseEdgeCsv(bytes) : parseMatrixCsv(bytes);
  const m = edges.src.length;
  return { labels, keys: labels, accounts: labels.map(() => null), edges, first: new Float64Array(m).fill(NaN), last: new Float64Array(m).fill(NaN) };
}
