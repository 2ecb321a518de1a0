/**
 * The ground truth and the graph engine agree (issue 17, parts 3 and 7): on a generated case, the
 * scoped arrest of the leaders over the organisation's persons gives exactly the figures
 * truth.json states for the network the traffic used (`observed_organisation_network`), while the
 * same arrest over the whole seized population says next to nothing. Persons are taken from the
 * truth here (perfect identity resolution); wiring the scope to a case is the API's job.
 */
import { describe, expect, it } from 'vitest';
import { buildCSR, resolveScope, scopedDisruption } from '../graph/index.js';
import { generateCase } from '../synth/index.js';

describe('scoped arrest of the leaders on a generated case', () => {
  const c = generateCase({ messages: 30_000, seed: 4242 });
  for (const chunk of c.chunks()) void chunk;
  const truth = c.truth;
  const observed = c.observedNetwork();
  const ids = truth.persons.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const src: number[] = [];
  const dst: number[] = [];
  for (const [a, b] of observed.edge_list) {
    src.push(index.get(a)!);
    dst.push(index.get(b)!);
  }
  // the rest of the population: everyone has friends and family, some of them in the organisation
  const org = truth.persons.flatMap((p, i) => (p.role === 'background' ? [] : [i]));
  truth.persons.forEach((p, i) => {
    if (p.role !== 'background') return;
    src.push(i, i);
    dst.push(org[i % org.length]!, (i + 1) % ids.length);
  });
  const g = buildCSR({ n: ids.length, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: new Float64Array(src.length).fill(1) }, { directed: false });
  const leaders = truth.leaders.map((l) => index.get(l)!);
  const byRole = (r: string) => truth.persons.flatMap((p, i) => (p.role === r ? [i] : []));

  it('gives the figures truth.json states', () => {
    const scope = resolveScope(g, { kind: 'nodes', nodes: org, label: 'the organisation' });
    const d = scopedDisruption(scope, { remove: leaders, watch: [{ name: 'suppliers', nodes: byRole('supplier') }, { name: 'port insiders', nodes: byRole('port_insider') }] });
    const t = observed.arrest_of_leaders;
    expect(d.scope.nodes).toBe(observed.members);
    expect(d.scope.edges).toBe(observed.edges);
    for (const k of ['before', 'after'] as const) {
      expect(d[k].nodes).toBe(t[k].members);
      expect(d[k].largestComponent).toBe(t[k].largest_component);
      expect(d[k].components).toBe(t[k].components);
      expect(d[k].largestComponentShare).toBeCloseTo(t[k].largest_component_share, 5);
      expect(d[k].globalEfficiency).toBeCloseTo(t[k].global_efficiency, 5);
    }
    expect(d.removed.sort((a, b) => a - b)).toEqual([...leaders].sort((a, b) => a - b));
    // the new brokers are lieutenants: the ones who bridge the cells once the leaders are gone
    expect(truth.persons[d.brokers[0]!.node]!.role).toBe('lieutenant');
  });

  it('over the whole population the same arrest shows nothing but the leaders gone', () => {
    const whole = scopedDisruption(resolveScope(g, { kind: 'all' }), { remove: leaders, brokers: 0, efficiencySamples: 200 });
    expect(whole.after.largestComponent).toBe(whole.before.largestComponent - leaders.length);
    expect(observed.arrest_of_leaders.after.global_efficiency).toBeLessThan(observed.arrest_of_leaders.before.global_efficiency * 0.95);
  });
});
