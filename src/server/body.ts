/**
 * Reading a request body for future write endpoints (annotations, saved searches): capped in
 * bytes while streaming (a missing or lying Content-Length cannot get past the cap), UTF-8 and
 * JSON checked, then validated with zod by the route.
 */
import type { IncomingMessage } from 'node:http';
import { ClewError } from '../model/errors.js';

export async function readBody(req: AsyncIterable<Buffer | string>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    size += b.length;
    if (size > maxBytes) throw new ClewError('TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export async function readJsonBody(req: IncomingMessage | AsyncIterable<Buffer | string>, maxBytes: number): Promise<unknown> {
  const type = 'headers' in req ? String(req.headers['content-type'] ?? '') : 'application/json';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ClewError('INVALID_ARGUMENT', 'the request body must be application/json');
  const buf = await readBody(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new ClewError('INVALID_UTF8', 'the request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClewError('JSON_SYNTAX', 'the request body is not valid JSON');
  }
}
