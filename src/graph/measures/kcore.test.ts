import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCSR } from '../build.js';
import type { CSRGraph } from '../csr.js';
import { expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { coreness } from './kcore.js';

const fixtures = loadFixtures();

/** Naive peeling: repeatedly delete nodes of degree < k. */
function naiveCoreness(g: CSRGraph): number[] {
  const n = g.n;
  const core = new Array<number>(n).fill(0);
  for (let k = 1; ; k++) {
    const alive = new Array<boolean>(n).fill(true);
    let changed = true;
    while (changed) {
      changed = false;
      for (let v = 0; v < n; v++) {
        if (!alive[v]) continue;
        let d = 0;
        for (let p = g.out.offsets[v] as number; p < (g.out.offsets[v + 1] as number); p++) if (alive[g.out.targets[p] as number]) d++;
        if (d < k) {
          alive[v] = false;
          changed = true;
        }
      }
    }
    if (!alive.some(Boolean)) return core;
    for (let v = 0; v < n; v++) if (alive[v]) core[v] = k;
  }
}

describe('coreness', () => {
  for (const f of fixtures) {
    it(`${f.name}: identical to igraph`, () => {
      expect([...coreness(f.graph)]).toEqual(expectedVector(f, 'coreness'));
      if (f.directed) {
        expect([...coreness(f.graph, 'in')]).toEqual(expectedVector(f, 'coreness_in'));
        expect([...coreness(f.graph, 'out')]).toEqual(expectedVector(f, 'coreness_out'));
      }
    });
  }

  it('equals naive peeling on random undirected graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 50 }))),
        ([n, list]) => {
          const g = buildCSR(
            { n, src: Int32Array.from(list.map((e) => e[0])), dst: Int32Array.from(list.map((e) => e[1])), weight: new Float64Array(list.length).fill(1) },
            { directed: false },
          );
          expect([...coreness(g)]).toEqual(naiveCoreness(g));
        },
      ),
    );
  });
});
