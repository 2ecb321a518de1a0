import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, leafHash, nodeHash, splitPoint } from './hash.js';
import { LEAF_INPUTS, NODE_HASHES, ROOTS, flipBit, leaves } from './test-support/vectors.js';
import { MemoryTree } from './tree.js';
import { TreeHead, treeHeadOf } from './tree-head.js';

/** MTH exactly as RFC 6962 section 2.1 defines it, recursively. */
function mth(d: readonly Buffer[]): Buffer {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return leafHash(d[0]!);
  const k = splitPoint(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

describe('RFC 6962 tree head', () => {
  it('gives the Certificate Transparency test vectors: every root from 0 to 8 leaves, every complete subtree', () => {
    for (let n = 0; n <= 8; n++) expect(treeHeadOf(LEAF_INPUTS.slice(0, n).map(leafHash)).toString('hex')).toBe(ROOTS[n]!.toString('hex'));
    const tree = new MemoryTree(LEAF_INPUTS.map(leafHash));
    NODE_HASHES.forEach((level, h) => level.forEach((hash, i) => expect(tree.range(i * 2 ** h, (i + 1) * 2 ** h).toString('hex')).toBe(hash.toString('hex'))));
    expect(tree.root().toString('hex')).toBe(ROOTS[8]!.toString('hex'));
  });

  it('appending a complete aligned subtree by its hash is appending its leaves', () => {
    const hashes = leaves(100).map(leafHash);
    const one = new TreeHead();
    const seen: string[] = [];
    const whole = new TreeHead((start, size) => seen.push(`${start}+${size}`));
    for (const h of hashes) one.appendHash(h);
    // 64 + 32 + 4 leaves, each by its subtree's hash
    for (const [start, size] of [[0, 64], [64, 32], [96, 4]] as const) whole.appendHash(new MemoryTree(hashes.slice(start, start + size)).root(), size);
    expect(whole.size).toBe(100);
    expect(whole.root().equals(one.root())).toBe(true);
    expect(seen).toEqual(['0+64', '64+32', '96+4']);
    expect(() => whole.appendHash(hashes[0]!, 8)).toThrow(RangeError); // 100 is no multiple of 8
    expect(() => new TreeHead().appendHash(hashes[0]!, 3)).toThrow(RangeError);
  });

  it('computed as leaves arrive, and over any range in memory, equals the recursive definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 299 }), (n, s) => {
        const d = leaves(n);
        const t = new TreeHead();
        for (const l of d) t.appendLeaf(l);
        expect(t.size).toBe(n);
        expect(t.root().equals(mth(d))).toBe(true);
        if (n > 0) {
          const start = s % n;
          expect(new MemoryTree(d.map(leafHash)).range(start, n).equals(mth(d.slice(start)))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('changes with any flipped byte of any leaf', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (n, which, bit) => {
        const d = leaves(n);
        const before = treeHeadOf(d.map(leafHash));
        const i = which % n;
        const changed = Buffer.from(d[i]!);
        flipBit(changed, which, bit);
        d[i] = changed;
        expect(treeHeadOf(d.map(leafHash)).equals(before)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
