import { describe, expect, it } from 'vitest';
import { runNetworkx } from '../model/test-support/networkx.js';
import { generateCase } from './generate.js';
import type { OrgNetworkTruth } from './network.js';

/** networkx's figures for a truth network: the same measures, computed by networkx itself. */
const NX = `
import json, sys
import networkx as nx
d = json.load(sys.stdin)
out = []
for net in d:
    G = nx.Graph()
    G.add_nodes_from(net['members'])
    G.add_edges_from(net['edges'])
    n = G.number_of_nodes()
    def figs(H):
        comps = list(nx.connected_components(H))
        return {'members': H.number_of_nodes(), 'largest_component': max((len(c) for c in comps), default=0),
                'components': len(comps), 'global_efficiency': nx.global_efficiency(H)}
    H = G.copy()
    H.remove_nodes_from(net['leaders'])
    hist = nx.degree_histogram(G)
    out.append({'members': n, 'edges': G.number_of_edges(), 'density': nx.density(G),
                'mean_degree': 2 * G.number_of_edges() / n, 'degree_histogram': hist,
                'before': figs(G), 'after': figs(H)})
print(json.dumps(out))
`;

interface NxFigures {
  members: number;
  edges: number;
  density: number;
  mean_degree: number;
  degree_histogram: number[];
  before: { members: number; largest_component: number; components: number; global_efficiency: number };
  after: { members: number; largest_component: number; components: number; global_efficiency: number };
}

const membersOf = (net: OrgNetworkTruth): string[] => {
  const s = new Set<string>();
  for (const [a, b] of net.edge_list) s.add(a).add(b);
  return [...s];
};

describe('the generated organisation is shaped like a real trafficking network', () => {
  const sizes = [[3000, 11], [20_000, 12], [200_000, 13], [1_000_000, 14]] as const;
  const cases = sizes.map(([messages, seed]) => ({ messages, truth: generateCase({ messages, seed }).truth }));

  it('has about as many contacts per member as CAVIAR (~3.7) and the Montagna phone network (~2.5), not 8', () => {
    for (const { messages, truth } of cases) {
      const net = truth.organisation_network;
      expect(net.members, `${messages}`).toBe(truth.persons.filter((p) => p.role !== 'background').length);
      expect(net.mean_degree, `${messages}`).toBeGreaterThanOrEqual(2.5);
      expect(net.mean_degree, `${messages}`).toBeLessThanOrEqual(4.2);
      // skewed: most members have 2-3 contacts, a few brokers many more
      const degrees = net.degree_histogram.flatMap((c, k) => Array<number>(c).fill(k));
      expect(degrees[Math.floor(degrees.length / 2)], `${messages}: median degree`).toBeLessThanOrEqual(3);
      expect(Math.max(...degrees), `${messages}: max degree`).toBeGreaterThanOrEqual(3 * net.mean_degree - 2);
    }
  });

  it('is compartmentalised: suppliers and port insiders known to few, leaders away from the street', () => {
    for (const { messages, truth } of cases) {
      const role = new Map(truth.persons.map((p) => [p.id, p.role]));
      const nbrs = new Map<string, string[]>();
      for (const [a, b] of truth.organisation_network.edge_list) {
        nbrs.set(a, [...(nbrs.get(a) ?? []), b]);
        nbrs.set(b, [...(nbrs.get(b) ?? []), a]);
      }
      for (const p of truth.persons) {
        const ns = nbrs.get(p.id) ?? [];
        if (p.role === 'supplier' || p.role === 'port_insider') expect(ns.length, `${messages}: ${p.role} ${p.id}`).toBeLessThanOrEqual(3);
        if (p.role === 'leader') {
          for (const q of ns) expect(['courier', 'port_insider', 'buyer', 'logistics'], `${messages}: leader ${p.id} knows ${role.get(q)}`).not.toContain(role.get(q));
        }
        // a courier's contacts outside its own cell: buyers only (cells reach each other through lieutenants)
        if (p.role === 'courier') {
          for (const q of ns) {
            const r = role.get(q);
            if (r === 'courier' || r === 'lieutenant') expect(truth.persons.find((x) => x.id === q)?.group, `${messages}: courier ${p.id}`).toBe(p.group);
            else expect(r, `${messages}: courier ${p.id}`).toBe('buyer');
          }
        }
      }
    }
  });

  it("states the leaders' arrest as networkx computes it, for the design and for the traffic actually written", () => {
    const c = generateCase({ messages: 20_000, seed: 12 });
    for (const _ of c.chunks()) void _;
    const nets = [c.truth.organisation_network, c.observedNetwork()];
    const nx = runNetworkx<NxFigures[]>(NX, nets.map((net) => ({ members: membersOf(net).concat(c.truth.persons.filter((p) => p.role !== 'background').map((p) => p.id)), edges: net.edge_list, leaders: c.truth.leaders })));
    nets.forEach((net, i) => {
      const ref = nx[i] as NxFigures;
      expect(net.members).toBe(ref.members);
      expect(net.edges).toBe(ref.edges);
      expect(net.density).toBeCloseTo(ref.density, 6);
      expect(net.mean_degree).toBeCloseTo(ref.mean_degree, 6);
      expect(net.degree_histogram).toEqual(ref.degree_histogram);
      expect(net.arrest_of_leaders.removed).toEqual(c.truth.leaders);
      for (const k of ['before', 'after'] as const) {
        const mine = net.arrest_of_leaders[k];
        expect(mine.members).toBe(ref[k].members);
        expect(mine.largest_component).toBe(ref[k].largest_component);
        expect(mine.largest_component_share).toBeCloseTo(ref[k].largest_component / ref.members, 6);
        expect(mine.components).toBe(ref[k].components);
        expect(mine.global_efficiency).toBeCloseTo(ref[k].global_efficiency, 6);
      }
      // the arrest costs the organisation efficiency
      expect(net.arrest_of_leaders.after.global_efficiency).toBeLessThan(net.arrest_of_leaders.before.global_efficiency);
    });
  });

  it('the observed network is exactly what the records show, and uses only designed contacts', () => {
    const c = generateCase({ messages: 8000, seed: 15 });
    let text = '';
    for (const chunk of c.chunks()) text += chunk.data.toString('utf8');
    const truth = c.truth;
    const org = new Set(truth.persons.filter((p) => p.role !== 'background').map((p) => p.id));
    const conv = new Map<string, string[]>();
    const seen = new Set<string>();
    const edge = (a: string | undefined, b: string | undefined): void => {
      if (a === undefined || b === undefined || a === b || !org.has(a) || !org.has(b)) return;
      seen.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    };
    for (const line of text.split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { type: string; ref?: string; members?: string[]; from?: string; to?: string | string[]; conversation?: string };
      if (r.type === 'conversation') conv.set(r.ref as string, r.members ?? []);
      if (r.type !== 'message' && r.type !== 'call') continue;
      const to = typeof r.to === 'string' ? [r.to] : (r.to ?? conv.get(r.conversation as string) ?? []);
      for (const h of to) edge(truth.handles[r.from as string], truth.handles[h]);
    }
    const key = ([a, b]: [string, string]): string => (a < b ? `${a} ${b}` : `${b} ${a}`);
    const observed = c.observedNetwork();
    expect(new Set(observed.edge_list.map(key))).toEqual(seen);
    const designed = new Set(truth.organisation_network.edge_list.map(key));
    for (const e of seen) expect(designed.has(e), e).toBe(true);
    expect(seen.size).toBeGreaterThan(designed.size * 0.8);
  });
});
