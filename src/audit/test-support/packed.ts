/** Stored rows packed as the store packs them (check-rows.ts PackedRows), for the pure tests of the fast path. */
import { type PackedRows, ROW_FIELDS } from '../check-rows.js';
import type { StoredAuditRow } from '../verify-log.js';

function int8(n: number | bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

/** A time in ms (a fraction: to the µs) as PostgreSQL sends a timestamptz in binary: µs since 2000-01-01. */
function timestamptz(ms: number): Buffer {
  return int8(BigInt(Math.round(ms * 1000)) - 946_684_800_000_000n);
}

/** `rows` in chunks of `perChunk`, each field preceded by a byte of noise (a reader must keep to its offsets). */
export function packRows(rows: readonly StoredAuditRow[], perChunk: number): PackedRows[] {
  const out: PackedRows[] = [];
  for (let c = 0; c < rows.length; c += perChunk) {
    const part = rows.slice(c, c + perChunk);
    const pieces: Buffer[] = [];
    const fields = new Int32Array(2 * ROW_FIELDS * part.length);
    let at = 0;
    part.forEach((r, k) => {
      const values = [int8(r.index), timestamptz(r.at), r.user, r.agency, r.case, r.action, r.leaf, r.leafHash].map((v) => (v === null ? null : typeof v === 'string' ? Buffer.from(v, 'utf8') : v));
      values.forEach((v, f) => {
        pieces.push(Buffer.from('}'));
        at++;
        fields[2 * (ROW_FIELDS * k + f)] = v === null ? -1 : at;
        fields[2 * (ROW_FIELDS * k + f) + 1] = v === null ? 0 : v.length;
        if (v) {
          pieces.push(v);
          at += v.length;
        }
      });
    });
    const bytes = new Uint8Array(at);
    bytes.set(Buffer.concat(pieces));
    out.push({ count: part.length, bytes, fields });
  }
  return out;
}

export async function* chunksOf(packed: readonly PackedRows[]): AsyncIterable<PackedRows> {
  yield* packed;
}
