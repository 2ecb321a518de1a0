import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, verifyConsistency } from './consistency.js';
import { EMPTY_ROOT, leafHash } from './hash.js';
import { CONSISTENCY, LEAF_INPUTS, ROOTS, flipBit, leaves } from './test-support/vectors.js';
import { MemoryTree, SparseTree } from './tree.js';
import { TreeHead } from './tree-head.js';

const hex = (bs: readonly Buffer[]) => bs.map((b) => b.toString('hex'));

describe('RFC 6962 consistency proofs', () => {
  const tree = new MemoryTree(LEAF_INPUTS.map(leafHash));

  it('are the Certificate Transparency test vectors, and verify', () => {
    for (const v of CONSISTENCY) {
      expect(hex(consistencyProof(tree, v.first, v.second))).toEqual(hex(v.proof));
      expect(verifyConsistency(v.first, v.second, v.proof, ROOTS[v.first]!, ROOTS[v.second]!)).toBe(true);
    }
  });

  it('hold trivially only where they should (empty trees, equal sizes with equal roots)', () => {
    const r1 = Buffer.from("don't care 1");
    const r2 = Buffer.from("don't care 2");
    expect(verifyConsistency(0, 0, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 1, [], r1, r2)).toBe(false);
    expect(verifyConsistency(0, 0, [], r1, r1)).toBe(true);
    expect(verifyConsistency(0, 1, [], r1, r2)).toBe(true);
    expect(verifyConsistency(1, 1, [], r2, r2)).toBe(true);
    expect(verifyConsistency(1, 0, [], r1, r2)).toBe(false);
    expect(verifyConsistency(2, 1, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 2, [], r1, r2)).toBe(false);
    expect(verifyConsistency(0, 0, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)).toBe(false);
    expect(verifyConsistency(0, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)).toBe(false);
    expect(verifyConsistency(1, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)).toBe(false);
  });

  it('fail for wrong sizes or roots and for a proof with a node added, removed or changed', () => {
    for (const v of CONSISTENCY.filter((x) => x.proof.length > 0)) {
      const [r1, r2] = [ROOTS[v.first]!, ROOTS[v.second]!];
      const bad: [number, number, Buffer[], Buffer, Buffer][] = [
        [v.first - 1, v.second, v.proof, r1, r2],
        [v.first + 1, v.second, v.proof, r1, r2],
        [v.first ^ 2, v.second, v.proof, r1, r2],
        [v.first, v.second * 2, v.proof, r1, r2],
        [v.first, Math.floor(v.second / 2), v.proof, r1, r2],
        [v.first, v.second, v.proof, Buffer.from('WrongRoot'), r2],
        [v.first, v.second, v.proof, r1, Buffer.from('WrongRoot')],
        [v.first, v.second, v.proof, r2, r1],
        [v.first, v.second, [], r1, r2],
        [v.first, v.second, [...v.proof, Buffer.alloc(0)], r1, r2],
        [v.first, v.second, [...v.proof, r1], r1, r2],
        [v.first, v.second, [...v.proof, r2], r1, r2],
        [v.first, v.second, [Buffer.alloc(0), ...v.proof], r1, r2],
        [v.first, v.second, [r1, ...v.proof], r1, r2],
        [v.first, v.second, [r2, ...v.proof], r1, r2],
        [v.first, v.second, [v.proof[0]!, ...v.proof], r1, r2],
        [v.first, v.second, v.proof.slice(0, -1), r1, r2],
        ...v.proof.map((_, i): [number, number, Buffer[], Buffer, Buffer] => {
          const p = v.proof.map((x) => Buffer.from(x));
          flipBit(p[i]!, 0, 4);
          return [v.first, v.second, p, r1, r2];
        }),
      ];
      for (const [m, n, p, a, b] of bad) expect(verifyConsistency(m, n, p, a, b)).toBe(false);
    }
  });

  it('between random sizes verify, and fail with any flipped byte of the proof or either root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), (second, f, at, bit) => {
        const tree = new MemoryTree(leaves(second).map(leafHash));
        const first = (f % second) + 1;
        const r1 = new MemoryTree(leaves(first).map(leafHash)).root();
        const r2 = tree.root();
        const proof = consistencyProof(tree, first, second);
        expect(verifyConsistency(first, second, proof, r1, r2)).toBe(true);
        const parts = [r1, r2, ...proof];
        const target = at % parts.length;
        const flipped = parts.map((b, i) => (i === target ? Buffer.from(b) : b));
        flipBit(flipped[target]!, at, bit);
        const [a, b, ...p] = flipped as [Buffer, Buffer, ...Buffer[]];
        expect(verifyConsistency(first, second, p, a, b)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('fail between a tree and one that changed a leaf of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100 }), fc.nat(), fc.nat(), (second, f, w) => {
        const first = (f % (second - 1)) + 1;
        const d = leaves(second);
        const r1 = new MemoryTree(d.slice(0, first).map(leafHash)).root();
        d[w % first] = Buffer.from('forged');
        const tree = new MemoryTree(d.map(leafHash));
        expect(verifyConsistency(first, second, consistencyProof(tree, first, second), r1, tree.root())).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('from the subtrees kept as the leaves stream past (SparseTree) are the proofs of the whole tree in memory', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 2, maxLength: 6 }), (raw) => {
        const sizes = [...new Set(raw)].sort((a, b) => a - b);
        const total = sizes[sizes.length - 1]!;
        const hashes = leaves(total).map(leafHash);
        const sparse = new SparseTree();
        for (let k = 1; k < sizes.length; k++) consistencyProof(sparse.wanting(sizes[k]!), sizes[k - 1]!, sizes[k]!);
        const t = new TreeHead((start, size, hash) => sparse.keep(start, size, hash));
        for (const h of hashes) t.appendHash(h);
        const mem = new MemoryTree(hashes);
        for (let k = 1; k < sizes.length; k++) expect(hex(consistencyProof(sparse, sizes[k - 1]!, sizes[k]!))).toEqual(hex(consistencyProof(mem, sizes[k - 1]!, sizes[k]!)));
      }),
      { numRuns: 60 },
    );
  });
});
