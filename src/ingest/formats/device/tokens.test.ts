import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonEventChunks, TOO_LONG, type JsonEvent } from './tokens.js';

async function events(text: string | Buffer, cap = 1000): Promise<JsonEvent[]> {
  const b = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += 2) parts.push(b.subarray(i, i + 2));
  const out: JsonEvent[] = [];
  for await (const evs of jsonEventChunks(Readable.from(parts), (k) => (k === 'small' ? 3 : cap))) out.push(...evs);
  return out;
}

describe('jsonEventChunks', () => {
  it('assembles keys, strings (multi-byte split across chunks) and numbers', async () => {
    expect(await events('\uFEFF{"a":"ž🚤","n":-1.5e2,"t":true,"z":null}')).toEqual([
      { t: 'startObject' },
      { t: 'key', key: 'a' },
      { t: 'value', value: 'ž🚤' },
      { t: 'key', key: 'n' },
      { t: 'value', value: -150 },
      { t: 'key', key: 't' },
      { t: 'value', value: true },
      { t: 'key', key: 'z' },
      { t: 'value', value: null },
      { t: 'endObject' },
    ]);
  });

  it('caps strings per key', async () => {
    expect((await events('{"small":"abcd","big":"abcd"}')).filter((e) => e.t === 'value')).toEqual([
      { t: 'value', value: TOO_LONG },
      { t: 'value', value: 'abcd' },
    ]);
  });

  it('throws on invalid JSON', async () => {
    await expect(events('{"a":1,,}')).rejects.toThrow();
    await expect(events('{"a":')).rejects.toThrow();
  });
});
