import { buffer } from 'node:stream/consumers';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackedRows } from '../../audit/check-rows.js';
import { int8, timestampMs } from '../../audit/check-rows.js';
import { TupleChunker } from './copy-tuples.js';
import { testPg } from './test-support/pg-case.js';

const SQL = `SELECT i::int8 AS a, (i * 1000)::int8 AS b, CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' || i || 'é' END AS c, convert_to(repeat('x', i % 50), 'UTF8') AS d
             FROM generate_series(0, 499) i ORDER BY i`;
let c: pg.Client;
let stream: Buffer;

beforeAll(async () => {
  c = new pg.Client({ connectionString: testPg().url });
  await c.connect();
  stream = await buffer(c.query(copyTo(`COPY (${SQL}) TO STDOUT (FORMAT binary)`)));
});

afterAll(async () => {
  await c.end();
});

/** Every tuple of the chunks, decoded. */
function decode(chunks: PackedRows[]): unknown[][] {
  const out: unknown[][] = [];
  for (const ch of chunks) {
    const b = Buffer.from(ch.bytes.buffer, ch.bytes.byteOffset, ch.bytes.byteLength);
    for (let k = 0; k < ch.count; k++) {
      const f = (i: number) => [ch.fields[2 * (4 * k + i)]!, ch.fields[2 * (4 * k + i) + 1]!] as const;
      const [o2, l2] = f(2);
      const [o3, l3] = f(3);
      out.push([int8(b, f(0)[0]), int8(b, f(1)[0]), o2 < 0 ? null : b.toString('utf8', o2, o2 + l2), b.toString('latin1', o3, o3 + l3)]);
    }
  }
  return out;
}

function feed(pieceSize: (i: number) => number, chunkBytes: number): PackedRows[] {
  const t = new TupleChunker(4, chunkBytes);
  const chunks: PackedRows[] = [];
  for (let p = 0, i = 0; p < stream.length; i++) {
    const n = Math.max(1, pieceSize(i));
    chunks.push(...t.push(stream.subarray(p, p + n)));
    p += n;
  }
  const last = t.end();
  if (last) chunks.push(last);
  return chunks;
}

describe("PostgreSQL's binary COPY cut into packed chunks", () => {
  it('gives every tuple and field, whole, however the stream is cut', async () => {
    const want = (await c.query(SQL)).rows.map((r: Record<string, unknown>) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)));
    expect(want).toHaveLength(500);
    const whole = feed(() => stream.length, 1 << 20);
    expect(whole).toHaveLength(1);
    expect(decode(whole)).toEqual(want);
    for (const [piece, chunkBytes] of [
      [() => 1, 700],
      [(i: number) => (i * 7919) % 97, 2000],
      [() => 4096, 10_000],
    ] as const) {
      const chunks = feed(piece, chunkBytes);
      expect(chunks.length).toBeGreaterThan(2);
      expect(decode(chunks)).toEqual(want);
      // chunks of about chunkBytes, each in buffers of its own (a thread may take them)
      for (const ch of chunks.slice(0, -1)) expect(ch.bytes.byteLength).toBeLessThan(chunkBytes + 200);
      expect(new Set(chunks.map((ch) => ch.bytes.buffer)).size).toBe(chunks.length);
    }
  });

  it('refuses a stream that is cut short, has other tuples, or is not binary COPY', () => {
    const t = new TupleChunker(4, 1 << 20);
    t.push(stream.subarray(0, stream.length - 1));
    expect(() => t.end()).toThrow(/ended inside a tuple or without its trailer/);
    expect(() => new TupleChunker(5, 1 << 20).push(stream)).toThrow(/a tuple of 4 fields, not 5/);
    expect(() => new TupleChunker(4, 1 << 20).push(Buffer.from('0\tabc\n'.repeat(10)))).toThrow(/no PGCOPY signature/);
    expect(() => new TupleChunker(4, 1 << 20).push(Buffer.concat([stream, Buffer.from([0])]))).toThrow(/bytes after the trailer/);
  });
});

describe('the time column as the audit verifier reads it (check-rows.ts timestampMs)', () => {
  it('reads whole milliseconds exactly, before 1970 and far ahead too, and no other value as one', async () => {
    const ms = [0, 1, -1, 1_767_225_600_000, -5_000_000_000_000, 32_503_680_000_000, 4_102_444_800_123, 9_000_000_000_000_000];
    const sql = `SELECT ${ms.map((x) => `timestamptz 'epoch' + ${x}::int8 * interval '1 millisecond'`).join(', ')},
                 timestamptz 'epoch' + interval '1767225600000.5 milliseconds', timestamptz 'infinity', timestamptz '-infinity'`;
    const chunker = new TupleChunker(ms.length + 3, 1 << 20);
    const chunks = chunker.push(await buffer(c.query(copyTo(`COPY (${sql}) TO STDOUT (FORMAT binary)`))));
    const last = chunker.end();
    if (last) chunks.push(last);
    expect(chunks.map((k) => k.count)).toEqual([1]);
    const { bytes, fields } = chunks[0]!;
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const got = Array.from({ length: ms.length + 3 }, (_, k) => (fields[2 * k + 1] === 8 ? timestampMs(b, fields[2 * k]!) : -1));
    expect(got).toEqual([...ms, Number.NaN, Number.NaN, Number.NaN]);
  });
});
