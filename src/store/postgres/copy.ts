/**
 * COPY FROM STDIN in PostgreSQL's text format: the ingest writer's bulk rows. Values are
 * escaped here (backslash, tab, newline, carriage return); PostgreSQL text cannot hold NUL, so
 * a NUL character in a string is stored as U+FFFD (pgText).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { partitionName } from './schema.js';

export type CopyValue = string | number | boolean | null | undefined | Uint8Array;

/** A string as PostgreSQL text stores it: NUL (which it cannot hold) becomes U+FFFD. */
export function pgText(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
}

const ESCAPES = /[\\\n\r\t\0]/g;
const NEEDS_ESCAPE = /[\\\n\r\t\0]/;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\uFFFD' };

export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? v.replace(ESCAPES, (c) => ESCAPED[c]!) : v;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return String(v);
    return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
}

const CHUNK = 1 << 20;

function* encode(caseId: number, rows: readonly CopyValue[][]): Generator<string> {
  const prefix = `${caseId}\t`;
  let buf = '';
  for (const r of rows) {
    let line = prefix;
    for (let i = 0; i < r.length; i++) line += (i > 0 ? '\t' : '') + copyField(r[i]);
    buf += `${line}\n`;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * COPY rows (each without the case id, which every row gets first) into case table `table`:
 * straight into the case's partition, sparing PostgreSQL the routing of each row.
 */
export async function copyRows(c: pg.PoolClient, table: string, columns: readonly string[], caseId: number, rows: readonly CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const stream = c.query(copyFrom(`COPY ${partitionName(table, caseId)} (case_id, ${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(encode(caseId, rows)), stream);
}
