import { describe, it } from 'vitest';
import { maskWithout } from '../build.js';
import { inducedSubgraph } from '../subgraph.js';
import { expectClose, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { closeness } from './closeness.js';

const fixtures = loadFixtures();

describe('closeness against igraph and networkx', () => {
  for (const f of fixtures) {
    it(`${f.name}: igraph convention (reachable only, NaN if isolated), unweighted and weighted`, () => {
      expectClose(closeness(f.graph), expectedVector(f, 'closeness')!, 1e-12, 1e-9, 'closeness');
      expectClose(closeness(f.graph, { weighted: true }), expectedVector(f, 'closeness_weighted')!, 1e-12, 1e-9, 'weighted');
    });
    it(`${f.name}: Wasserman–Faust (networkx default; incoming distance on directed graphs)`, () => {
      expectClose(closeness(f.graph, { wassermanFaust: true, mode: 'in' }), expectedVector(f, 'closeness_wf')!, 1e-12, 1e-9, 'wf');
    });
  }

  it('with a mask equals closeness of the induced subgraph', () => {
    const f = fixtures.find((x) => x.name === 'er-directed-weighted')!;
    const removed = [0, 5, 17, 33, 60];
    const mask = maskWithout(f.n, removed);
    const alive = [...mask.keys()].filter((v) => mask[v] === 1);
    const sub = inducedSubgraph(f.graph, alive);
    const masked = closeness(f.graph, { mask, weighted: true, wassermanFaust: true });
    const expected = closeness(sub.graph, { weighted: true, wassermanFaust: true });
    expectClose(Float64Array.from(sub.original, (v) => masked[v] as number), [...expected], 1e-12, 1e-12, 'masked');
    expectClose(removed.map((v) => masked[v] as number), removed.map(() => Number.NaN), 0, 0, 'removed');
  });
});
