/**
 * The Merkle tree hash MTH(D[n]) of RFC 6962 section 2.1, computed as the leaves arrive: the
 * tree keeps only the roots of its complete power-of-two subtrees (the set bits of its size, at
 * most 53 hashes), which are folded from the right to give the root of any size without keeping
 * the leaves. This is the RFC's recursive definition (split at the largest power of two below
 * n) evaluated bottom-up: for 7 leaves the subtrees are [0,4), [4,6), [6,7) and the root is
 * H(0x01 || h[0,4) || H(0x01 || h[4,6) || h[6,7))).
 */
import { EMPTY_ROOT, leafHash, nodeHash } from './hash.js';

export class TreeHead {
  /** Roots of the complete subtrees, largest (leftmost) first, with their sizes. */
  private readonly peaks: Buffer[] = [];
  private readonly sizes: number[] = [];
  private n = 0;

  /** `onSubtree` hears of every complete subtree as it is made: its first leaf, its size (a power of two) and its hash. */
  constructor(private readonly onSubtree?: (start: number, size: number, hash: Buffer) => void) {}

  get size(): number {
    return this.n;
  }

  /**
   * Append a leaf by its leaf hash (hash.ts leafHash); or, with `count`, the complete subtree of
   * that many leaves (a power of two, the tree's size a multiple of it) by its hash MTH, the
   * same as appending its leaves one by one.
   */
  appendHash(h: Buffer, count = 1): void {
    if (count !== 1 && ((count & (count - 1)) !== 0 || count > 2 ** 30 || this.n % count !== 0)) throw new RangeError(`no aligned subtree of ${count} leaves at ${this.n}`);
    const end = this.n + count;
    let hash = h;
    let size = count;
    this.onSubtree?.(this.n, count, hash);
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      hash = nodeHash(this.peaks.pop()!, hash);
      size += this.sizes.pop()!;
      this.onSubtree?.(end - size, size, hash);
    }
    this.peaks.push(hash);
    this.sizes.push(size);
    this.n = end;
  }

  /** Append a leaf by its bytes. */
  appendLeaf(leaf: Uint8Array): void {
    this.appendHash(leafHash(leaf));
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    let acc = this.peaks[this.peaks.length - 1]!;
    for (let i = this.peaks.length - 2; i >= 0; i--) acc = nodeHash(this.peaks[i]!, acc);
    return acc;
  }
}

/** MTH(D[n]) of the leaves given by their leaf hashes. */
export function treeHeadOf(leafHashes: readonly Buffer[]): Buffer {
  const t = new TreeHead();
  for (const h of leafHashes) t.appendHash(h);
  return t.root();
}
