/**
 * The hashes of an RFC 6962 Merkle tree (section 2.1), SHA-256: a leaf is hashed as
 * H(0x00 || leaf), an inner node as H(0x01 || left || right), so that no leaf can be passed off
 * as a node or the other way round. The empty tree's hash is H() (the hash of no bytes).
 */
import { createHash, hash } from 'node:crypto';

export const HASH_SIZE = 32;

// one-shot hashing (crypto.hash) over a scratch buffer: about half the cost of createHash per call
const NODE = Buffer.alloc(1 + 2 * HASH_SIZE);
NODE[0] = 0x01;
let LEAF = Buffer.alloc(4096);

export function leafHash(leaf: Uint8Array): Buffer {
  if (leaf.length + 1 > LEAF.length) LEAF = Buffer.alloc(2 * (leaf.length + 1));
  LEAF[0] = 0x00;
  LEAF.set(leaf, 1);
  return hash('sha256', LEAF.subarray(0, leaf.length + 1), 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return createHash('sha256').update(NODE.subarray(0, 1)).update(left).update(right).digest();
  NODE.set(left, 1);
  NODE.set(right, 1 + HASH_SIZE);
  return hash('sha256', NODE, 'buffer');
}

/** nodeHash of the two hashes at `from` in `src` (left, then right), written at `to` in `dest` (which may be `src`, at or before `from`). */
export function nodeHashInto(src: Buffer, from: number, dest: Uint8Array, to: number): void {
  src.copy(NODE, 1, from, from + 2 * HASH_SIZE);
  dest.set(hash('sha256', NODE, 'buffer'), to);
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** The largest power of two smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Two hashes are equal (length and bytes). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
