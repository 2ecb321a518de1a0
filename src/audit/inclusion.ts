/**
 * Inclusion proofs (audit paths) of RFC 6962 section 2.1.1: the shortest list of node hashes
 * that, with a leaf's hash, recompute the root of the tree of `size` leaves, proving that the
 * leaf is the `index`-th entry of that tree. Generation follows the RFC's PATH(m, D[n]);
 * verification the algorithm of RFC 9162 section 2.1.3.2, which needs only the sizes, the leaf
 * hash and the path.
 */
import { HASH_SIZE, nodeHash, sameHash, splitPoint } from './hash.js';
import type { SubtreeHashes } from './tree.js';

/** PATH(index, D[size]) over the first `size` leaves of `tree`. */
export function inclusionProof(tree: SubtreeHashes, index: number, size: number): Buffer[] {
  if (!(Number.isSafeInteger(size) && size > 0 && size <= tree.size)) throw new RangeError(`no tree of ${size} leaves in a tree of ${tree.size}`);
  if (!(Number.isSafeInteger(index) && index >= 0 && index < size)) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(tree.range(start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(tree.range(start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** The root that `path` and `leaf` lead to for leaf `index` of a tree of `size`; null when the path cannot be one. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, path: readonly Uint8Array[]): Buffer | null {
  if (!(Number.isSafeInteger(size) && Number.isSafeInteger(index) && index >= 0 && index < size)) return null;
  if (leaf.length !== HASH_SIZE || path.some((p) => p.length !== HASH_SIZE)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** Whether `path` proves that the leaf with hash `leaf` is leaf `index` of the tree of `size` whose root is `root`. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): boolean {
  const r = rootFromInclusionProof(index, size, leaf, path);
  return r !== null && root.length === HASH_SIZE && sameHash(r, root);
}
