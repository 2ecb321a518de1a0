import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCSR } from '../build.js';
import type { EdgeList } from '../csr.js';
import { expectedVector, expectSamePartition, loadFixtures } from '../test-support/fixtures.js';
import { largestComponent, strongComponents, weakComponents } from './components.js';

function edges(n: number, list: ReadonlyArray<readonly [number, number]>): EdgeList {
  return {
    n,
    src: Int32Array.from(list.map((e) => e[0])),
    dst: Int32Array.from(list.map((e) => e[1])),
    weight: new Float64Array(list.length).fill(1),
  };
}

/** reach[u][v]: v reachable from u along arcs (Floyd–Warshall closure), skipping masked nodes. */
function reachability(el: EdgeList, mask: Uint8Array | undefined, directed: boolean): boolean[][] {
  const n = el.n;
  const r = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
  for (let i = 0; i < el.src.length; i++) {
    const u = el.src[i] as number;
    const v = el.dst[i] as number;
    if (mask && (mask[u] === 0 || mask[v] === 0)) continue;
    r[u]![v] = true;
    if (!directed) r[v]![u] = true;
  }
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (r[i]![k] && r[k]![j]) r[i]![j] = true;
  return r;
}

const caseArb = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.record({
    el: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }).map((l) => edges(n, l)),
    mask: fc.option(fc.array(fc.constantFrom(0, 1, 1, 1), { minLength: n, maxLength: n }).map((a) => Uint8Array.from(a)), { nil: undefined }),
  }),
);

describe('components', () => {
  it('weak components: same component iff mutually reachable ignoring direction; canonical labels', () => {
    fc.assert(
      fc.property(caseArb, ({ el, mask }) => {
        const g = buildCSR(el, { directed: true });
        const c = weakComponents(g, mask);
        const r = reachability(el, mask, false);
        let seen = -1;
        for (let u = 0; u < el.n; u++) {
          if (mask && mask[u] === 0) {
            expect(c.membership[u]).toBe(-1);
            continue;
          }
          const cu = c.membership[u] as number;
          if (cu > seen) {
            expect(cu).toBe(seen + 1);
            seen = cu;
          }
          for (let v = 0; v < el.n; v++) {
            if (mask && mask[v] === 0) continue;
            expect(cu === c.membership[v]).toBe(r[u]![v]);
          }
        }
        expect(c.count).toBe(seen + 1);
        expect([...c.sizes].reduce((a, b) => a + b, 0)).toBe([...c.membership].filter((x) => x >= 0).length);
      }),
    );
  });

  it('strong components: same component iff mutually reachable; canonical labels', () => {
    fc.assert(
      fc.property(caseArb, ({ el, mask }) => {
        const g = buildCSR(el, { directed: true });
        const c = strongComponents(g, mask);
        const r = reachability(el, mask, true);
        let seen = -1;
        for (let u = 0; u < el.n; u++) {
          if (mask && mask[u] === 0) {
            expect(c.membership[u]).toBe(-1);
            continue;
          }
          const cu = c.membership[u] as number;
          if (cu > seen) {
            expect(cu).toBe(seen + 1);
            seen = cu;
          }
          for (let v = 0; v < el.n; v++) {
            if (mask && mask[v] === 0) continue;
            expect(cu === c.membership[v]).toBe(r[u]![v]! && r[v]![u]!);
          }
        }
        expect(c.count).toBe(seen + 1);
      }),
    );
  });

  it('does not overflow the stack on a 100k-node directed cycle and path', () => {
    const n = 100_000;
    const src = new Int32Array(n);
    const dst = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      src[i] = i;
      dst[i] = (i + 1) % n;
    }
    const cycle = buildCSR({ n, src, dst, weight: new Float64Array(n).fill(1) }, { directed: true });
    expect(strongComponents(cycle).count).toBe(1);
    const path = buildCSR({ n, src: src.subarray(0, n - 1), dst: dst.subarray(0, n - 1), weight: new Float64Array(n - 1).fill(1) }, { directed: true });
    expect(strongComponents(path).count).toBe(n);
    expect(weakComponents(path).count).toBe(1);
  });

  it('largestComponent returns the members of the biggest component', () => {
    const g = buildCSR(edges(7, [[0, 1], [2, 3], [3, 4], [5, 6]]), { directed: false });
    expect([...largestComponent(weakComponents(g))]).toEqual([2, 3, 4]);
    expect(largestComponent(weakComponents(g, new Uint8Array(7)))).toEqual(new Int32Array(0));
  });
});

describe('components against igraph', () => {
  for (const f of loadFixtures()) {
    it(`${f.name}: weak and strong partitions identical to igraph`, () => {
      const weak = weakComponents(f.graph);
      const strong = strongComponents(f.graph);
      expectSamePartition(weak.membership, expectedVector(f, 'weak')!, 'weak');
      expectSamePartition(strong.membership, expectedVector(f, 'strong')!, 'strong');
      expect(weak.count).toBe(new Set(expectedVector(f, 'weak')).size);
      expect(strong.count).toBe(new Set(expectedVector(f, 'strong')).size);
    });
  }
});
