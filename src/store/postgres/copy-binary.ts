/**
 * COPY FROM STDIN in PostgreSQL's binary format (PostgreSQL docs, "COPY", Binary Format): the
 * ingest writer's bulk rows, whose values it makes itself with the column's type. Cheaper than
 * the text format at both ends: no escaping and no string building here, no parsing of numbers
 * and of tsvector literals by the server. The stream: the signature "PGCOPY\n\377\r\n\0", a flags
 * int32 and a header extension length int32 (both 0); each row a field count (int16) and per
 * field its length (int32, −1 for NULL) and its bytes; the trailer a field count of −1.
 * Integers are big-endian; each type's bytes are its binary send format (int4, int8, float8,
 * text and bytea as they are, tsvector as tsvectorsend writes it).
 *
 * A string is stored as copy.ts stores it (pgText: NUL, which text cannot hold, as U+FFFD).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ClewError } from '../../model/errors.js';
import { caseTable, partitionName } from './schema.js';

/** A tsvector: each lexeme with its positions (1-based, increasing, at most 16383). */
export type Lexemes = ReadonlyMap<string, readonly number[]>;
export type BinaryValue = string | number | null | undefined | Uint8Array | Lexemes;

type FieldType = 'int4' | 'int8' | 'float8' | 'text' | 'bytea' | 'tsvector';

const SQL_TYPES: Record<string, FieldType> = { integer: 'int4', bigint: 'int8', double: 'float8', text: 'text', bytea: 'bytea', tsvector: 'tsvector' };

/** The binary type of each named column of a case table (its declared type's first word). */
function fieldTypes(table: string, columns: readonly string[]): FieldType[] {
  const t = caseTable(table);
  return columns.map((name) => {
    const col = t.columns.find((c) => c.name === name);
    const type = col ? SQL_TYPES[col.type.split(' ')[0]!] : undefined;
    if (!type) throw new ClewError('INTERNAL', `no binary COPY for column ${table}.${name}`);
    return type;
  });
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK = 1 << 20;
const TWO_32 = 4294967296;

/** Rows encoded into buffers of about CHUNK bytes (a row may span two: COPY data is a byte stream). */
class Encoder {
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  readonly full: Buffer[] = [];

  /** Room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.pos = 0;
  }

  int16(v: number): void {
    this.room(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
  }

  int32(v: number): void {
    this.room(4);
    this.pos = this.buf.writeInt32BE(v, this.pos);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  field(type: FieldType, v: BinaryValue, column: string): void {
    if (v === null || v === undefined) return this.int32(-1);
    switch (type) {
      case 'int4':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw notOf('an integer', column, v);
        this.room(8);
        this.buf.writeInt32BE(4, this.pos);
        this.pos = this.buf.writeInt32BE(v, this.pos + 4);
        return;
      case 'int8': {
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw notOf('an integer', column, v);
        const hi = Math.floor(v / TWO_32);
        this.room(12);
        this.buf.writeInt32BE(8, this.pos);
        this.buf.writeInt32BE(hi, this.pos + 4);
        this.pos = this.buf.writeUInt32BE(v - hi * TWO_32, this.pos + 8);
        return;
      }
      case 'float8':
        if (typeof v !== 'number') throw notOf('a number', column, v);
        this.room(12);
        this.buf.writeInt32BE(8, this.pos);
        this.pos = this.buf.writeDoubleBE(v, this.pos + 4);
        return;
      case 'text': {
        let s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
        if (s === null) throw notOf('a string', column, v);
        if (s.includes('\0')) s = s.replaceAll('\0', '\uFFFD');
        this.room(4 + 3 * s.length);
        const n = this.buf.write(s, this.pos + 4, 'utf8');
        this.buf.writeInt32BE(n, this.pos);
        this.pos += 4 + n;
        return;
      }
      case 'bytea':
        if (!(v instanceof Uint8Array)) throw notOf('bytes', column, v);
        this.int32(v.length);
        this.bytes(v);
        return;
      case 'tsvector':
        if (!(v instanceof Map)) throw notOf('a tsvector', column, v);
        return this.tsvector(v as Lexemes);
    }
  }

  /** tsvectorsend's format: the lexeme count, then per lexeme its bytes and a NUL, its position count (int16) and positions (int16 each, weight D). */
  private tsvector(v: Lexemes): void {
    let size = 4;
    for (const [t, p] of v) size += 3 * t.length + 3 + 2 * p.length;
    this.room(4 + size);
    const lenAt = this.pos;
    let pos = this.buf.writeInt32BE(v.size, lenAt + 4);
    for (const [t, p] of v) {
      pos += this.buf.write(t, pos, 'utf8');
      this.buf[pos++] = 0;
      pos = this.buf.writeUInt16BE(p.length, pos);
      for (const x of p) pos = this.buf.writeUInt16BE(x, pos);
    }
    this.buf.writeInt32BE(pos - lenAt - 4, lenAt);
    this.pos = pos;
  }

  /** What is written and not yet taken, as whole buffers. */
  take(final: boolean): Buffer[] {
    if (final && this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.pos = 0;
    }
    return this.full.splice(0);
  }
}

function notOf(what: string, column: string, v: unknown): ClewError {
  return new ClewError('INTERNAL', `COPY: column ${column} takes ${what}, not ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v)}`);
}

function* encode(caseId: number, columns: readonly string[], types: readonly FieldType[], rows: readonly BinaryValue[][]): Generator<Buffer> {
  const e = new Encoder();
  e.bytes(SIGNATURE);
  e.int32(0);
  e.int32(0);
  const fields = types.length + 1;
  for (const r of rows) {
    e.int16(fields);
    e.field('int4', caseId, 'case_id');
    for (let i = 0; i < types.length; i++) e.field(types[i]!, r[i], columns[i]!);
    if (e.full.length > 0) yield* e.take(false);
  }
  e.int16(-1);
  yield* e.take(true);
}

/**
 * COPY rows (each without the case id, which every row gets first) into case table `table` in
 * the binary format, straight into the case's partition: each value of the column's type (a
 * tsvector as its Lexemes).
 */
export async function copyBinaryRows(c: pg.PoolClient, table: string, columns: readonly string[], caseId: number, rows: readonly BinaryValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const types = fieldTypes(table, columns);
  const stream = c.query(copyFrom(`COPY ${partitionName(table, caseId)} (case_id, ${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
  await pipeline(Readable.from(encode(caseId, columns, types, rows)), stream);
}
