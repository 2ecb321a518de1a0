import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { readBody, readJsonBody } from './body.js';
import { statusFor } from './errors.js';

async function* chunks(...parts: (string | Buffer)[]): AsyncIterable<Buffer | string> {
  for (const p of parts) yield p;
}

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  return e instanceof ClewError ? e.code : 'none';
}

describe('request bodies', () => {
  it('reads up to the cap and refuses one byte more while streaming', async () => {
    expect((await readBody(chunks('ab', 'cd'), 4)).toString()).toBe('abcd');
    expect(await code(readBody(chunks('ab', 'cde'), 4))).toBe('TOO_LARGE');
  });

  it('parses JSON and refuses bad UTF-8, bad JSON and other types, each with its code', async () => {
    expect(await readJsonBody(chunks('{"a":', '1}'), 100)).toEqual({ a: 1 });
    expect(await code(readJsonBody(chunks(Buffer.from([0x7b, 0xff, 0x7d])), 100))).toBe('INVALID_UTF8');
    expect(await code(readJsonBody(chunks('{"a":'), 100))).toBe('JSON_SYNTAX');
    const req = Object.assign(chunks('{}'), { headers: { 'content-type': 'text/plain' } });
    expect(await code(readJsonBody(req as never, 100))).toBe('INVALID_ARGUMENT');
    expect(['TOO_LARGE', 'INVALID_UTF8', 'JSON_SYNTAX', 'INVALID_ARGUMENT'].map((c) => statusFor(c as never))).toEqual([413, 400, 400, 400]);
  });
});
