/**
 * The per-entry checks of verification (check-entry.ts) over a chunk of entries packed as bytes,
 * as the store reads them (PostgreSQL's binary COPY: src/store/postgres/copy-tuples.ts), so a
 * chunk can be handed to a worker thread whole. The checks of one entry need no other entry;
 * only folding the leaf hashes into the tree is sequential, and that stays with the caller
 * (verify-threads.ts), which gets the hashes back in order.
 *
 * Each entry takes the fast path when it can: its leaf scanned at the byte level (leaf-scan.ts)
 * and its columns compared with the leaf's fields as bytes. An entry the fast path does not
 * accept whole (anything not plainly intact) is checked by checkEntry, the reference, which
 * names the problem, or passes it.
 */
import { type AuditProblem, type StoredAuditRow, checkEntry, isProblem } from './check-entry.js';
import { HASH_SIZE, leafHash, nodeHash } from './hash.js';
import { ScannedLeaf, scanLeaf } from './leaf-scan.js';

/** The fields of a packed entry, in order: idx and at_ms (int8, big-endian), user, agency, case, action (UTF-8 text), leaf and leaf_hash (bytes). */
export const ROW_FIELDS = 8;
const IDX = 0;
const AT = 1;
const USER = 2;
const LEAF = 6;
const HASH = 7;

/** Entries packed as bytes. */
export interface PackedRows {
  count: number;
  bytes: Uint8Array;
  /** For entry k and field f (ROW_FIELDS): fields[2·(8k + f)] its offset in bytes (−1: NULL), fields[2·(8k + f) + 1] its length. */
  fields: Int32Array;
}

/** What checking a chunk found. */
export interface CheckedRows {
  /** Entries that passed, from the chunk's first. */
  passed: number;
  /** Their leaf hashes (32 bytes each, in order) and times. */
  hashes: Uint8Array;
  ats: Float64Array;
  /**
   * The entries that passed as complete, aligned subtrees (RFC 6962: 2^k entries from a multiple
   * of 2^k, the largest that fit, in order): their sizes and hashes (MTH), so the caller can fold
   * a subtree at once instead of its entries one by one.
   */
  subtrees: number[];
  subtreeHashes: Uint8Array;
  /** The first entry that failed (the rest of the chunk was not checked). */
  problem: AuditProblem | null;
}

/** A big-endian int8 as a number (exact below 2^53). */
export function int8(b: Buffer, off: number): number {
  return b.readInt32BE(off) * 2 ** 32 + b.readUInt32BE(off + 4);
}

const scan = new ScannedLeaf();

/** Whether the entry at `base` (its fields' index) is intact, to the last byte, at place `i`: its leaf hash, else null. */
function fast(b: Buffer, f: Int32Array, base: number, i: number): Buffer | null {
  if (f[2 * (base + IDX) + 1] !== 8 || int8(b, f[2 * (base + IDX)]!) !== i) return null;
  const leaf = f[2 * (base + LEAF)]!;
  const leafEnd = leaf + f[2 * (base + LEAF) + 1]!;
  if (leaf < 0 || !scanLeaf(b, leaf, leafEnd, scan) || scan.index !== i) return null;
  if (f[2 * (base + AT) + 1] !== 8 || int8(b, f[2 * (base + AT)]!) !== scan.at) return null;
  for (let k = 0; k < 4; k++) {
    const col = f[2 * (base + USER + k)]!;
    const start = scan.names[2 * k]!;
    if (col < 0 || start < 0) {
      if (col !== start) return null;
      continue;
    }
    const n = f[2 * (base + USER + k) + 1]!;
    if (scan.escaped & (1 << k) || scan.names[2 * k + 1]! - start !== n) return null;
    for (let j = 0; j < n; j++) if (b[col + j] !== b[start + j]) return null;
  }
  const hash = f[2 * (base + HASH)]!;
  if (hash < 0 || f[2 * (base + HASH) + 1] !== HASH_SIZE) return null;
  const h = leafHash(b.subarray(leaf, leafEnd));
  for (let j = 0; j < HASH_SIZE; j++) if (h[j] !== b[hash + j]) return null;
  return h;
}

/** The entry at `base` as a row, for the reference checks. */
function row(b: Buffer, f: Int32Array, base: number): StoredAuditRow {
  const bytes = (k: number): Buffer => (f[2 * (base + k)]! < 0 ? Buffer.alloc(0) : b.subarray(f[2 * (base + k)]!, f[2 * (base + k)]! + f[2 * (base + k) + 1]!));
  // NULL where the schema says NOT NULL is kept as null: the columns then differ from the leaf
  const text = (k: number): string => (f[2 * (base + k)]! < 0 ? (null as unknown as string) : bytes(k).toString('utf8'));
  const num = (k: number): number => (f[2 * (base + k) + 1] === 8 ? int8(b, f[2 * (base + k)]!) : Number.NaN);
  return { index: num(IDX), at: num(AT), user: text(USER), agency: text(USER + 1), case: text(USER + 2), action: text(USER + 3), leaf: bytes(LEAF), leafHash: bytes(HASH) };
}

/** The entries [first, first + n), by their leaf hashes, cut into the largest aligned subtrees, with their hashes. */
function subtreesOf(hashes: Uint8Array, first: number, n: number): Pick<CheckedRows, 'subtrees' | 'subtreeHashes'> {
  const subtrees: number[] = [];
  for (let s = first; s < first + n; ) {
    let size = 1;
    while (s % (2 * size) === 0 && s + 2 * size <= first + n && size < 2 ** 30) size *= 2;
    subtrees.push(size);
    s += size;
  }
  const subtreeHashes = new Uint8Array(subtrees.length * HASH_SIZE);
  let k = 0;
  subtrees.forEach((size, i) => {
    let level: Uint8Array[] = [];
    for (let j = 0; j < size; j++) level.push(hashes.subarray((k + j) * HASH_SIZE, (k + j + 1) * HASH_SIZE));
    while (level.length > 1) {
      const up: Uint8Array[] = [];
      for (let j = 0; j < level.length; j += 2) up.push(nodeHash(level[j]!, level[j + 1]!));
      level = up;
    }
    subtreeHashes.set(level[0]!, i * HASH_SIZE);
    k += size;
  });
  return { subtrees, subtreeHashes };
}

/** Check the chunk's entries, the first at place `first`, stopping at the first that fails. */
export function checkRows(rows: PackedRows, first: number): CheckedRows {
  const b = Buffer.from(rows.bytes.buffer, rows.bytes.byteOffset, rows.bytes.byteLength);
  const f = rows.fields;
  const hashes = new Uint8Array(rows.count * HASH_SIZE);
  const ats = new Float64Array(rows.count);
  for (let k = 0; k < rows.count; k++) {
    const base = ROW_FIELDS * k;
    const h = fast(b, f, base, first + k);
    if (h) {
      hashes.set(h, k * HASH_SIZE);
      ats[k] = scan.at;
      continue;
    }
    const r = checkEntry(row(b, f, base), first + k);
    if (isProblem(r)) return { passed: k, hashes, ats, problem: r, ...subtreesOf(hashes, first, k) };
    hashes.set(r.hash, k * HASH_SIZE);
    ats[k] = r.at;
  }
  return { passed: rows.count, hashes, ats, problem: null, ...subtreesOf(hashes, first, rows.count) };
}
