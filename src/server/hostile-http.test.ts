/**
 * What a hostile or unlucky client meets over real HTTP (issue 16): an empty upload is a 4xx
 * EMPTY_FILE, a 431 names the URL or the header, a file refused as a whole is not listed as a
 * source to resume and leaves no copy, an already-ingested file is not kept again, and uploads
 * cut short by a killed server are cleaned at start-up.
 */
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';
import { buildTestCase } from './test-support/case.js';
import type { StatsResponse, UploadResponse, WireError } from './wire.js';
import { call, upload, waitJob } from './test-support/http.js';

/** Every file under the uploads folder. */
function uploadedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => readdirSync(join(dir, f)).map((n) => `${f}/${n}`));
}

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures');

describe('hostile and unlucky requests over HTTP', () => {
  let root: string;
  let uploads: string;
  let srv: RunningServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-hostile-http-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    uploads = `${casePath}.uploads`;
    // a server killed with -9 mid-transfer left this behind (and a live one would have touched it in the last minute)
    mkdirSync(join(uploads, '20260101T000000-abcdef'), { recursive: true });
    const left = join(uploads, '20260101T000000-abcdef', 'chat.txt.part');
    writeFileSync(left, 'half a fi');
    utimesSync(left, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    srv = await startServer({ casePath, webRoot: join(root, 'noweb'), log: () => {}, rateLimit: { capacity: 10_000, perSecond: 10_000 } });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('cleaned the partial upload a killed server left, at start-up', () => {
    expect(uploadedFiles(uploads)).toEqual([]);
  });

  it('answers an empty upload with 422 EMPTY_FILE, not 500', async () => {
    const r = await upload(srv, 'empty.txt', Buffer.alloc(0));
    expect(r.status).toBe(422);
    expect(r.json<WireError>().error.code).toBe('EMPTY_FILE');
    expect(uploadedFiles(uploads)).toEqual([]);
  });

  it('names the header or the URL in a 431, not the body', async () => {
    const h = await call(srv, 'GET', '/api/stats', undefined, { 'X-Filler': 'a'.repeat(20_000) });
    expect(h.status).toBe(431);
    expect(h.json<WireError>().error).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
    expect(h.json<WireError>().error.message).toMatch(/^the X-Filler header \(\d+\+? bytes\) is too large/);
    const u = await call(srv, 'GET', `/api/search?q=${'k'.repeat(20_000)}`);
    expect(u.status).toBe(431);
    expect(u.json<WireError>().error.message).toMatch(/^the URL .* is too long/);
    expect(u.text).not.toMatch(/body/i);
  });

  it('reads JSON bodies within the cap, refusing bad UTF-8, bad JSON and other types, each with its code', async () => {
    const post = (body: Buffer | string, headers: Record<string, string> = {}) =>
      call(srv, 'POST', '/api/watch/searches', Buffer.isBuffer(body) ? body : Buffer.from(body), { 'Content-Type': 'application/json', ...headers });
    const cases: [Buffer | string, Record<string, string>, number, string][] = [
      [Buffer.from([0x7b, 0xff, 0x7d]), {}, 400, 'INVALID_UTF8'],
      ['{"name":', {}, 400, 'JSON_SYNTAX'],
      ['{}', { 'Content-Type': 'text/plain' }, 400, 'INVALID_ARGUMENT'],
      ['{}', { 'Content-Type': '' }, 400, 'INVALID_ARGUMENT'],
      // past the 64 KiB cap: announced (refused before the token is even looked at), or streamed without a length
      [`{"name":"${'x'.repeat(70_000)}"}`, { Cookie: '' }, 413, 'TOO_LARGE'],
      [`{"name":"${'x'.repeat(70_000)}"}`, { 'Transfer-Encoding': 'chunked' }, 413, 'TOO_LARGE'],
      ['{"name": 1}', {}, 400, 'INVALID_ARGUMENT'], // parsed, then refused by the route's schema
    ];
    for (const [body, headers, status, code] of cases) {
      const r = await post(body, headers);
      expect([r.status, r.json<WireError>().error.code], `${String(body).slice(0, 20)} ${JSON.stringify(headers)}`).toEqual([status, code]);
    }
    expect((await post('{}', { 'Content-Type': 'text/plain' })).json<WireError>().error.message).toContain('application/json');
  });

  it('answers odd methods, paths and URLs with a JSON error and the strict headers', async () => {
    const cases: [string, string, number, string][] = [
      ['PUT', '/api/stats', 405, 'METHOD_NOT_ALLOWED'],
      ['PATCH', '/api/stats', 405, 'METHOD_NOT_ALLOWED'],
      ['POST', '/api/stats', 405, 'METHOD_NOT_ALLOWED'],
      ['DELETE', '/', 405, 'METHOD_NOT_ALLOWED'],
      ['GET', '/api', 404, 'NOT_FOUND'],
      ['GET', '/api/stats/', 404, 'NOT_FOUND'],
      ['GET', '/api/messages/1%2Fthread', 404, 'NOT_FOUND'],
      ['GET', '/api/messages/%E0%A4%A', 400, 'INVALID_ARGUMENT'],
    ];
    for (const [method, path, status, code] of cases) {
      const r = await call(srv, method, path);
      expect([r.status, r.json<WireError>().error.code], `${method} ${path}`).toEqual([status, code]);
    }
    const head = await call(srv, 'HEAD', '/api/stats');
    expect([head.status, head.text]).toEqual([200, '']);
    const r = await call(srv, 'GET', '/api/%2e%2e/api/stats'); // resolved as a browser would: /api/stats
    expect(r.status).toBe(200);
  });

  it('keeps one copy of a file uploaded three times; the repeats add nothing', async () => {
    const chat = readFileSync(join(FIX, 'whatsapp', 'WhatsApp Chat with Ana Primer.txt'));
    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await upload(srv, 'WhatsApp Chat with Ana Primer.txt', chat);
      expect(r.status).toBe(200);
      const job = await waitJob(srv, r.json<UploadResponse>().job.id);
      expect(job.state).toBe('done');
      results.push(job.result!.outcome);
    }
    expect(results).toEqual(['ingested', 'already-ingested', 'already-ingested']);
    expect(uploadedFiles(uploads)).toHaveLength(1);
  });

  it('lists a zip bomb as refused with its reason, not as a partial source to upload again, and keeps no copy', async () => {
    const before = uploadedFiles(uploads);
    const r = await upload(srv, 'WhatsApp Chat - bomb.zip', readFileSync(join(FIX, 'whatsapp', 'unsafe-bomb.zip')));
    expect(r.status).toBe(200);
    const job = await waitJob(srv, r.json<UploadResponse>().job.id);
    expect(job.state).toBe('failed');
    expect(['ARCHIVE_UNSAFE', 'TOO_LARGE']).toContain(job.error!.code);
    expect(job.error!.message).not.toMatch(/internal|bug/i);
    const stats = (await call(srv, 'GET', '/api/stats')).json<StatsResponse>();
    expect(stats.sources.filter((s) => s.status !== 'complete')).toEqual([]);
    await expect.poll(() => uploadedFiles(uploads)).toEqual(before);
  });
});

describe('rate limits that fit the user', () => {
  let root: string;
  let srv: RunningServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-rate-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    // small budgets so the test is quick: each session 20 at once, the sign-in limiter 5 at once
    srv = await startServer({ casePath, webRoot: join(root, 'noweb'), log: () => {}, rateLimit: { capacity: 20, perSecond: 0.01 }, signInRateLimit: { capacity: 5, perSecond: 0.01 } });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Trade the URL token for the cookies, as a browser opening the printed URL does. */
  async function signIn(): Promise<string> {
    const r = await new Promise<{ status: number; cookies: string[] }>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: srv.port, path: `/?token=${srv.token}`, headers: { Host: `127.0.0.1:${srv.port}` } }, (res) => {
        res.resume();
        res.on('end', () => ok({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [] }));
      });
      req.on('error', fail);
      req.end();
    });
    expect(r.status).toBe(303);
    return r.cookies.map((c) => c.split(';')[0]).join('; ');
  }

  it('gives every signed-in session its own budget: 4 workspaces on one address all get through', async () => {
    const sessions = await Promise.all([signIn(), signIn(), signIn(), signIn()]);
    expect(new Set(sessions).size).toBe(4);
    const codes: number[] = [];
    // 4 × 20 requests from 127.0.0.1: one bucket per address would refuse 60 of them
    await Promise.all(sessions.map(async (cookie) => {
      for (let i = 0; i < 20; i++) codes.push((await call(srv, 'GET', '/api/stats', undefined, { Cookie: cookie })).status);
    }));
    expect(codes.filter((c) => c !== 200)).toEqual([]);
    // each session's own budget still holds
    const over = await call(srv, 'GET', '/api/stats', undefined, { Cookie: sessions[0]! });
    expect(over.status).toBe(429);
    expect(over.json<WireError>().error.code).toBe('RATE_LIMITED');
  });

  it('keeps the sign-in limiter strict: wrong tokens from one address are cut off after a few', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await call(srv, 'GET', `/api/stats?token=${'0'.repeat(43)}`, undefined, { Cookie: '' })).status);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(3);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
  });
});
