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
import { hash } from 'node:crypto';
import { HASH_SIZE, leafHash, nodeHashInto } from './hash.js';
import { ScannedLeaf, scanLeaf } from './leaf-scan.js';

/**
 * The fields of a packed entry, in order: idx (int8, big-endian), at (timestamptz as PostgreSQL sends it in binary: an int8 of
 * microseconds since 2000-01-01 UTC), user, agency, case, action (UTF-8 text), leaf and leaf_hash (bytes).
 */
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

/** 2000-01-01T00:00Z, PostgreSQL's epoch, in ms since 1970. */
const PG_EPOCH_MS = 946_684_800_000;

/** A binary timestamptz (int8 µs since 2000-01-01) in ms since 1970; NaN when it is no whole millisecond or not exact as a number. */
export function timestampMs(b: Buffer, off: number): number {
  const high = b.readInt32BE(off);
  // |µs| < 2^52: exact as a number (past the year 2142 and before 1857, BigInt)
  if (high >= -0x100000 && high < 0x100000) {
    const us = high * 2 ** 32 + b.readUInt32BE(off + 4);
    return us % 1000 === 0 ? us / 1000 + PG_EPOCH_MS : Number.NaN;
  }
  const us = b.readBigInt64BE(off);
  if (us % 1000n !== 0n) return Number.NaN;
  const ms = Number(us / 1000n) + PG_EPOCH_MS;
  return Number.isSafeInteger(ms) ? ms : Number.NaN;
}

const scan = new ScannedLeaf();

/** Whether the entry at `base` (its fields' index) is intact, to the last byte, at place `i`: its leaf hash, else null. */
function fast(b: Buffer, f: Int32Array, base: number, i: number): Buffer | null {
  if (f[2 * (base + IDX) + 1] !== 8 || int8(b, f[2 * (base + IDX)]!) !== i) return null;
  const leaf = f[2 * (base + LEAF)]!;
  const leafEnd = leaf + f[2 * (base + LEAF) + 1]!;
  if (leaf < 0 || !scanLeaf(b, leaf, leafEnd, scan) || scan.index !== i) return null;
  if (f[2 * (base + AT) + 1] !== 8 || timestampMs(b, f[2 * (base + AT)]!) !== scan.at) return null;
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
  const h = leafHashInPlace(b, leaf, leafEnd);
  for (let j = 0; j < HASH_SIZE; j++) if (h[j] !== b[hash + j]) return null;
  return h;
}

/**
 * SHA-256(0x00 ‖ b[start, end)) without copying the leaf: the byte before it (the last of its
 * length in the COPY tuple, or noise in the tests' packing) is set to 0x00 for the hash and put back.
 */
function leafHashInPlace(b: Buffer, start: number, end: number): Buffer {
  if (start === 0) return leafHash(b.subarray(start, end));
  const before = b[start - 1]!;
  b[start - 1] = 0x00;
  const h = hash('sha256', b.subarray(start - 1, end), 'buffer');
  b[start - 1] = before;
  return h;
}

/** The entry at `base` as a row, for the reference checks. */
function row(b: Buffer, f: Int32Array, base: number): StoredAuditRow {
  const bytes = (k: number): Buffer => (f[2 * (base + k)]! < 0 ? Buffer.alloc(0) : b.subarray(f[2 * (base + k)]!, f[2 * (base + k)]! + f[2 * (base + k) + 1]!));
  // NULL where the schema says NOT NULL is kept as null: the columns then differ from the leaf
  const text = (k: number): string => (f[2 * (base + k)]! < 0 ? (null as unknown as string) : bytes(k).toString('utf8'));
  const num = (k: number, read: (b: Buffer, off: number) => number): number => (f[2 * (base + k) + 1] === 8 ? read(b, f[2 * (base + k)]!) : Number.NaN);
  return { index: num(IDX, int8), at: num(AT, timestampMs), user: text(USER), agency: text(USER + 1), case: text(USER + 2), action: text(USER + 3), leaf: bytes(LEAF), leafHash: bytes(HASH) };
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
  // each level folded in place in a copy of the leaf hashes: the pair at 2j and 2j + 1 becomes node j
  const level = Buffer.from(hashes.subarray(0, n * HASH_SIZE));
  let k = 0;
  subtrees.forEach((size, i) => {
    const at = k * HASH_SIZE;
    for (let width = size; width > 1; width /= 2)
      for (let j = 0; j < width; j += 2) nodeHashInto(level, at + j * HASH_SIZE, level, at + (j / 2) * HASH_SIZE);
    subtreeHashes.set(level.subarray(at, at + HASH_SIZE), i * HASH_SIZE);
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
