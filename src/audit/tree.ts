/**
 * A Merkle tree held whole in memory, by its leaf hashes, answering MTH(D[start:end]) for the
 * ranges that RFC 6962's proofs need (inclusion.ts, consistency.ts). Every complete, aligned
 * power-of-two subtree is computed once (2n hashes in all, built when first asked); any other
 * range is split as the RFC splits it, at the largest power of two below its size, which
 * reaches aligned subtrees after at most log2(n) steps.
 */
import { EMPTY_ROOT, nodeHash, splitPoint } from './hash.js';

export interface SubtreeHashes {
  readonly size: number;
  /** MTH(D[start:end]), 0 ≤ start < end ≤ size. */
  range(start: number, end: number): Buffer;
}

export class MemoryTree implements SubtreeHashes {
  /** levels[h][i]: the hash of the complete subtree of 2^h leaves starting at leaf i·2^h. */
  private readonly levels: Buffer[][];

  constructor(leafHashes: readonly Buffer[]) {
    let prev = leafHashes.slice();
    this.levels = [prev];
    while (prev.length > 1) {
      const next: Buffer[] = new Array<Buffer>(Math.floor(prev.length / 2));
      for (let i = 0; i < next.length; i++) next[i] = nodeHash(prev[2 * i]!, prev[2 * i + 1]!);
      this.levels.push(next);
      prev = next;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  root(): Buffer {
    return this.size === 0 ? EMPTY_ROOT : this.range(0, this.size);
  }

  range(start: number, end: number): Buffer {
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start < end && end <= this.size))
      throw new RangeError(`no subtree [${start}, ${end}) in a tree of ${this.size}`);
    const n = end - start;
    // a complete subtree aligned on its own size
    if ((n & (n - 1)) === 0 && n <= 2 ** 30 && start % n === 0) return this.levels[Math.log2(n)]![start / n]!;
    const k = splitPoint(n);
    return nodeHash(this.range(start, start + k), this.range(start + k, end));
  }
}

const isAligned = (start: number, n: number): boolean => n > 0 && 2 ** Math.round(Math.log2(n)) === n && start % n === 0;
/** An aligned subtree's number, unique among them: its place in the tree's in-order walk. */
const node = (start: number, n: number): number => 2 * start + n - 1;

/**
 * Only the subtrees some proofs need, kept as the leaves stream past (tree-head.ts onSubtree),
 * so proofs over a large log need no copy of it: `want` the ranges first (a dry run of the proof
 * over `wanting()`), `keep` each complete subtree as it is made, then ask the proofs again.
 */
export class SparseTree implements SubtreeHashes {
  private readonly wanted = new Set<number>();
  private readonly kept = new Map<number, Buffer>();
  /** The wanted subtrees' first leaves and sizes, ordered by first leaf (made when first asked). */
  private within: { start: number; size: number }[] | null = null;
  private readonly wantedList: { start: number; size: number }[] = [];
  size = 0;

  /** A tree of `size` leaves that records every range a proof asks of it (answering zeros). */
  wanting(size: number): SubtreeHashes {
    const zero = Buffer.alloc(32);
    return {
      size,
      range: (start: number, end: number): Buffer => {
        this.want(start, end);
        return zero;
      },
    };
  }

  private want(start: number, end: number): void {
    const n = end - start;
    if (isAligned(start, n)) {
      if (!this.wanted.has(node(start, n))) this.wantedList.push({ start, size: n });
      this.wanted.add(node(start, n));
      this.within = null;
    } else {
      const k = splitPoint(n);
      this.want(start, start + k);
      this.want(start + k, end);
    }
  }

  /** Hear of a complete subtree (TreeHead's onSubtree). */
  keep(start: number, size: number, hash: Buffer): void {
    if (this.wanted.has(node(start, size))) this.kept.set(node(start, size), hash);
    if (start + size > this.size) this.size = start + size;
  }

  /** Whether a wanted subtree smaller than the aligned subtree [start, start + size) lies inside it (appending it whole would not keep that one). */
  wantsWithin(start: number, size: number): boolean {
    this.within ??= [...this.wantedList].sort((a, b) => a.start - b.start);
    const w = this.within;
    let lo = 0;
    let hi = w.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (w[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < w.length && w[i]!.start < start + size; i++) if (w[i]!.size < size) return true;
    return false;
  }

  range(start: number, end: number): Buffer {
    const n = end - start;
    if (isAligned(start, n)) {
      const h = this.kept.get(node(start, n));
      if (!h) throw new RangeError(`subtree [${start}, ${end}) was not kept`);
      return h;
    }
    const k = splitPoint(n);
    return nodeHash(this.range(start, start + k), this.range(start + k, end));
  }
}
