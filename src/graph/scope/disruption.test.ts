import { describe, expect, it } from 'vitest';
import { runNetworkx } from '../../model/test-support/networkx.js';
import { buildCSR } from '../build.js';
import { degree } from '../measures/degree.js';
import { createRng } from '../random.js';
import type { TemporalEdges } from '../temporal/windows.js';
import { competitionRanks, scopedDisruption } from './disruption.js';
import type { ScopedDisruption } from './disruption.js';
import { resolveScope } from './scope.js';
import type { ScopeSpec } from './scope.js';

/**
 * A trafficking-like network of 8 cells (6–10 members, dense inside) joined by a few bridges,
 * with one timestamped contact per message (several per pair), directed sender → recipient.
 */
function network(): { contacts: TemporalEdges; cell: Int32Array } {
  const rng = createRng(17);
  const cell: number[] = [];
  const src: number[] = [];
  const dst: number[] = [];
  const ts: number[] = [];
  const starts: number[] = [];
  for (let c = 0; c < 8; c++) {
    starts.push(cell.length);
    const size = 6 + rng.int(5);
    for (let i = 0; i < size; i++) cell.push(c);
  }
  starts.push(cell.length);
  const n = cell.length;
  const T0 = Date.UTC(2020, 0, 1);
  const DAY = 86_400_000;
  const contact = (a: number, b: number): void => {
    const k = 1 + rng.int(4);
    for (let i = 0; i < k; i++) {
      const fwd = rng.next() < 0.5;
      src.push(fwd ? a : b);
      dst.push(fwd ? b : a);
      ts.push(T0 + rng.int(365) * DAY + rng.int(DAY));
    }
  };
  for (let c = 0; c < 8; c++)
    for (let a = starts[c] as number; a < (starts[c + 1] as number); a++)
      for (let b = a + 1; b < (starts[c + 1] as number); b++) if (rng.next() < 0.45 || b === a + 1) contact(a, b);
  for (let c = 0; c + 1 < 8; c++) contact((starts[c] as number) + rng.int(3), (starts[c + 1] as number) + rng.int(3));
  for (let i = 0; i < 4; i++) contact(rng.int(n), rng.int(n));
  return { contacts: { n, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: new Float64Array(src.length).fill(1), ts: Float64Array.from(ts) }, cell: Int32Array.from(cell) };
}

/** networkx's answer for one case: the scope as networkx selects it, the removals, the watched sets. */
const NX = `
import json, sys
import networkx as nx
d = json.load(sys.stdin)
def ranks(values):
    ids = sorted(values, key=lambda v: (-values[v], v))
    out, lead = {}, None
    for i, v in enumerate(ids):
        if lead is None or not (values[v] == values[lead] or abs(values[v] - values[lead]) <= 1e-9 * max(abs(values[v]), abs(values[lead]))):
            lead = v
            r = i + 1
        out[v] = r
    return out
def figures(H, n0):
    comps = list(nx.connected_components(H))
    lcc = max((len(c) for c in comps), default=0)
    return {'nodes': H.number_of_nodes(), 'largestComponent': lcc, 'largestComponentShare': lcc / n0 if n0 else 0,
            'components': len(comps), 'globalEfficiency': nx.global_efficiency(H)}
results = []
for case in d['cases']:
    G = nx.Graph()
    G.add_nodes_from(range(d['n']))
    for s, t, ts in d['contacts']:
        if s == t:
            continue
        if case['kind'] == 'window' and not (case['from'] <= ts < case['to']):
            continue
        G.add_edge(s, t)
    if case['kind'] == 'window':
        S = G.subgraph([v for v in G if G.degree(v) > 0]).copy()
    elif case['kind'] == 'community':
        c = case['membership'][case['node']]
        S = G.subgraph([v for v in G if case['membership'][v] == c]).copy()
    elif case['kind'] == 'ego':
        nodes = set()
        for t in case['targets']:
            nodes |= set(nx.ego_graph(G, t, radius=case['hops']).nodes())
        S = G.subgraph(nodes).copy()
    elif case['kind'] == 'nodes':
        S = G.subgraph(case['nodes']).copy()
    else:
        S = G
    n0 = S.number_of_nodes()
    removed = [v for v in case['remove'] if v in S]
    A = S.copy()
    A.remove_nodes_from(removed)
    bb = nx.betweenness_centrality(S, normalized=False)
    ba = nx.betweenness_centrality(A, normalized=False)
    rb, ra = ranks(bb), ranks(ba)
    cut = []
    for w in case['watch']:
        members = sorted(v for v in set(w['nodes']) if v in S)
        surviving = [v for v in members if v in A]
        reached = [v for v in A if v not in members and any(nx.has_path(S, v, m) for m in members)]
        lost = sorted(v for v in reached if not any(nx.has_path(A, v, m) for m in surviving))
        cut.append({'name': w['name'], 'members': members, 'surviving': surviving, 'reachedBefore': len(reached), 'lost': lost})
    brokers = sorted(A.nodes(), key=lambda v: (ra[v], v))[:case['brokers']]
    results.append({
        'nodes': n0, 'edges': S.number_of_edges(), 'removed': removed,
        'before': figures(S, n0), 'after': figures(A, n0), 'cutOff': cut,
        'brokers': [{'node': v, 'betweennessBefore': bb[v], 'betweennessAfter': ba[v], 'rankBefore': rb[v], 'rankAfter': ra[v], 'change': rb[v] - ra[v]} for v in brokers],
    })
print(json.dumps(results))
`;

interface NxResult {
  nodes: number;
  edges: number;
  removed: number[];
  before: ScopedDisruption['before'];
  after: ScopedDisruption['after'];
  cutOff: ScopedDisruption['cutOff'];
  brokers: ScopedDisruption['brokers'];
}

describe('scoped disruption equals networkx on the same scope and removals', () => {
  const { contacts, cell } = network();
  const g = buildCSR(contacts, { directed: true });
  const n = g.n;
  const T0 = Date.UTC(2020, 0, 1);
  const suppliers = [0, 1, (cell.indexOf(3) as number) + 2];
  const ports = [cell.indexOf(5) as number, (cell.indexOf(6) as number) + 1];
  const watch = [{ name: 'suppliers', nodes: suppliers }, { name: 'port insiders', nodes: ports }];
  const specs: { spec: ScopeSpec; nx: Record<string, unknown> }[] = [
    { spec: { kind: 'all' }, nx: { kind: 'all' } },
    { spec: { kind: 'community', node: 20, membership: cell }, nx: { kind: 'community', node: 20, membership: Array.from(cell) } },
    { spec: { kind: 'ego', targets: [3, 40], hops: 2 }, nx: { kind: 'ego', targets: [3, 40], hops: 2 } },
    { spec: { kind: 'window', from: T0 + 90 * 86_400_000, to: T0 + 200 * 86_400_000, contacts }, nx: { kind: 'window', from: T0 + 90 * 86_400_000, to: T0 + 200 * 86_400_000 } },
    { spec: { kind: 'nodes', nodes: Array.from({ length: 40 }, (_, i) => i + 5), label: 'tag "suspects"' }, nx: { kind: 'nodes', nodes: Array.from({ length: 40 }, (_, i) => i + 5) } },
  ];
  // In each scope, arrest its three highest-degree members (the "leaders").
  const runs = specs.map(({ spec, nx }) => {
    const scope = resolveScope(g, spec);
    const d = degree(scope.graph, 'all');
    const top = Array.from(scope.original).sort((a, b) => (d[scope.local(b)] as number) - (d[scope.local(a)] as number) || a - b).slice(0, 3);
    const remove = [...top, n - 1]; // the last node: outside most scopes
    const mine = scopedDisruption(scope, { remove, watch, brokers: 8 });
    return { scope, mine, nx: { ...nx, remove, watch: watch.map((w) => ({ name: w.name, nodes: w.nodes })), brokers: 8 } };
  });
  const ref = runNetworkx<NxResult[]>(NX, { n, contacts: Array.from(contacts.ts, (t, i) => [contacts.src[i], contacts.dst[i], t]), cases: runs.map((r) => r.nx) });

  it.each(runs.map((r, i) => [r.scope.kind, i] as const))('%s scope', (_kind, i) => {
    const { mine } = runs[i]!;
    const nx = ref[i]!;
    expect(mine.scope.nodes).toBe(nx.nodes);
    expect(mine.scope.edges).toBe(nx.edges);
    expect(mine.scope.nodes).toBeGreaterThan(5);
    expect([...mine.removed].sort((a, b) => a - b)).toEqual([...nx.removed].sort((a, b) => a - b));
    for (const k of ['before', 'after'] as const) {
      expect(mine[k].nodes).toBe(nx[k].nodes);
      expect(mine[k].largestComponent).toBe(nx[k].largestComponent);
      expect(mine[k].components).toBe(nx[k].components);
      expect(mine[k].largestComponentShare).toBeCloseTo(nx[k].largestComponentShare, 12);
      expect(mine[k].globalEfficiency).toBeCloseTo(nx[k].globalEfficiency, 12);
    }
    expect(mine.cutOff).toEqual(nx.cutOff);
    expect(mine.brokers.map((b) => [b.node, b.rankBefore, b.rankAfter, b.change])).toEqual(nx.brokers.map((b) => [b.node, b.rankBefore, b.rankAfter, b.change]));
    mine.brokers.forEach((b, j) => {
      expect(b.betweennessBefore).toBeCloseTo(nx.brokers[j]!.betweennessBefore, 9);
      expect(b.betweennessAfter).toBeCloseTo(nx.brokers[j]!.betweennessAfter, 9);
    });
  });

  it('the cases are not trivial: arrests disconnect someone from a watched set and promote new brokers', () => {
    expect(runs.some((r) => r.mine.cutOff.some((c) => c.lost.length > 0))).toBe(true);
    expect(runs.some((r) => r.mine.brokers.some((b) => b.change > 0))).toBe(true);
    expect(runs.every((r) => r.mine.after.globalEfficiency < r.mine.before.globalEfficiency)).toBe(true);
    expect(runs.some((r) => r.mine.outsideScope.length > 0)).toBe(true);
  });
});

describe('competitionRanks', () => {
  it('gives tied values the best shared rank and skips the next ones', () => {
    expect(Array.from(competitionRanks([1, 5, 5, 3, 5 + 1e-12]))).toEqual([5, 1, 1, 4, 1]);
    expect(Array.from(competitionRanks([2, 9, 1], Uint8Array.from([1, 0, 1])))).toEqual([1, 0, 2]);
  });
});
