import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, leafHash } from './hash.js';
import { inclusionProof, verifyInclusion } from './inclusion.js';
import { INCLUSION, LEAF_INPUTS, ROOTS, flipBit, leaves } from './test-support/vectors.js';
import { MemoryTree } from './tree.js';

const hex = (bs: readonly Buffer[]) => bs.map((b) => b.toString('hex'));
const some = Buffer.from('abacaba000000000000000000000000000000000000000000060061e00123456', 'hex');

describe('RFC 6962 inclusion proofs', () => {
  const tree = new MemoryTree(LEAF_INPUTS.map(leafHash));

  it('are the Certificate Transparency test vectors, and verify', () => {
    for (const v of INCLUSION) {
      expect(hex(inclusionProof(tree, v.index, v.size))).toEqual(hex(v.path));
      expect(verifyInclusion(v.index, v.size, leafHash(LEAF_INPUTS[v.index]!), v.path, ROOTS[v.size]!)).toBe(true);
    }
  });

  it('fail for a wrong index, size, leaf or root, and for a path with a node added, removed or changed', () => {
    for (const v of INCLUSION.filter((x) => x.path.length > 0)) {
      const leaf = leafHash(LEAF_INPUTS[v.index]!);
      const root = ROOTS[v.size]!;
      const bad: [number, number, Buffer, Buffer[], Buffer][] = [
        [v.index - 1, v.size, leaf, v.path, root],
        [v.index + 1, v.size, leaf, v.path, root],
        [v.index ^ 2, v.size, leaf, v.path, root],
        [v.index, v.size * 2, leaf, v.path, root],
        [v.index, Math.floor(v.size / 2), leaf, v.path, root],
        [v.index, v.size, Buffer.from('WrongLeaf'), v.path, root],
        [v.index, v.size, leaf, v.path, EMPTY_ROOT],
        [v.index, v.size, leaf, v.path, some],
        [v.index, v.size, leaf, [...v.path, Buffer.alloc(0)], root],
        [v.index, v.size, leaf, [...v.path, root], root],
        [v.index, v.size, leaf, [root, ...v.path], root],
        [v.index, v.size, leaf, v.path.slice(0, -1), root],
        [v.index, v.size, leaf, [v.path[0]!, some, ...v.path.slice(1)], root],
        ...v.path.map((_, i): [number, number, Buffer, Buffer[], Buffer] => {
          const p = v.path.map((x) => Buffer.from(x));
          flipBit(p[i]!, 0, 3);
          return [v.index, v.size, leaf, p, root];
        }),
      ];
      for (const [i, n, l, p, r] of bad) expect(verifyInclusion(i, n, l, p, r)).toBe(false);
    }
  });

  it('for every leaf of random trees verify, and fail with any flipped byte of the leaf, the path or the root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), (size, which, at, bit) => {
        const tree = new MemoryTree(leaves(size).map(leafHash));
        const index = which % size;
        const path = inclusionProof(tree, index, size);
        const leaf = tree.range(index, index + 1);
        const root = tree.root();
        expect(verifyInclusion(index, size, leaf, path, root)).toBe(true);
        const parts = [leaf, root, ...path];
        const target = at % parts.length;
        const flipped = parts.map((b, i) => (i === target ? Buffer.from(b) : b));
        flipBit(flipped[target]!, at, bit);
        const [l2, r2, ...p2] = flipped as [Buffer, Buffer, ...Buffer[]];
        expect(verifyInclusion(index, size, l2, p2, r2)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('also prove a leaf in an earlier, smaller tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.nat(), fc.nat(), (total, s, i) => {
        const tree = new MemoryTree(leaves(total).map(leafHash));
        const size = (s % total) + 1;
        const index = i % size;
        const root = new MemoryTree(leaves(size).map(leafHash)).root();
        expect(verifyInclusion(index, size, tree.range(index, index + 1), inclusionProof(tree, index, size), root)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
