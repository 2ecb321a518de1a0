/**
 * Consistency proofs of RFC 6962 section 2.1.2: the node hashes that show the tree of `first`
 * leaves is a prefix of the tree of `second` leaves (nothing in it was changed, removed or
 * reordered, only leaves appended). Generation follows the RFC's PROOF(m, D[n]) =
 * SUBPROOF(m, D[n], true); verification the algorithm of RFC 9162 section 2.1.4.2.
 */
import { HASH_SIZE, nodeHash, sameHash, splitPoint } from './hash.js';
import type { SubtreeHashes } from './tree.js';

/** PROOF(first, D[second]) over the first `second` leaves of `tree`. */
export function consistencyProof(tree: SubtreeHashes, first: number, second: number): Buffer[] {
  if (!(Number.isSafeInteger(second) && second >= 0 && second <= tree.size)) throw new RangeError(`no tree of ${second} leaves in a tree of ${tree.size}`);
  if (!(Number.isSafeInteger(first) && first >= 0 && first <= second)) throw new RangeError(`no tree of ${first} leaves before one of ${second}`);
  const proof: Buffer[] = [];
  if (first === 0 || first === second) return proof;
  const sub = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) proof.push(tree.range(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, whole);
      proof.push(tree.range(start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(tree.range(start, start + k));
    }
  };
  sub(first, 0, second, true);
  return proof;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/**
 * Whether `proof` shows that the tree of `first` leaves with root `firstRoot` is a prefix of the
 * tree of `second` leaves with root `secondRoot`. An empty tree is a prefix of every tree; two
 * trees of the same size are consistent when their roots are equal (and the proof empty).
 */
export function verifyConsistency(first: number, second: number, proof: readonly Uint8Array[], firstRoot: Uint8Array, secondRoot: Uint8Array): boolean {
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first >= 0 && first <= second)) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  if (first === second) return proof.length === 0 && sameHash(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0 || firstRoot.length !== HASH_SIZE || secondRoot.length !== HASH_SIZE) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameHash(fr, firstRoot) && sameHash(sr, secondRoot);
}
