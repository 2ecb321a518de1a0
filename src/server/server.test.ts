import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { ClewError } from '../model/errors.js';
import { generation, languages } from './contract/case.js';

const languagesResponse = languages.response;
const generationResponse = generation.response;
import { type RunningServer, startServer } from './server.js';
import { ARABIC, buildTestCase, XSS } from './test-support/case.js';
import { ENTITY_TYPES } from '../api/entities.js';
import { checkReply } from './test-support/http.js';
import type {
  EntitiesResponse,
  KeyPlayersResponse,
  MessageResponse,
  QuarantineResponse,
  SearchResponse,
  StatsResponse,
  ThreadResponse,
  WireError,
} from './wire.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T>(): T;
}

function get(srv: RunningServer, path: string, opts: { headers?: Record<string, string>; method?: string; auth?: boolean; body?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${srv.port}`, ...opts.headers };
  if (opts.auth !== false) headers.Cookie ??= `clew_token_${srv.port}=${srv.token}`;
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          checkReply(opts.method ?? 'GET', path, { status: res.statusCode ?? 0, headers: res.headers, text });
        } catch (e) {
          fail(e);
          return;
        }
        ok({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

const tmp = useTmp();
let srv: RunningServer;
let web: string;

describe('clew serve HTTP API', () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-serve-')); // lives for the whole suite (useTmp cleans after each test)
    const dir = join(root, 'case');
    const { casePath } = await buildTestCase(dir);
    web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>clew</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    srv = await startServer({ casePath, webRoot: web, log: () => {}, rateLimit: { capacity: 1000, perSecond: 1000 } });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${srv.token}`);
    expect(srv.token.length).toBeGreaterThanOrEqual(43);
  });

  it('requires the token', async () => {
    for (const p of ['/api/stats', '/', '/assets/app.js']) {
      const r = await get(srv, p, { auth: false });
      expect(r.status, p).toBe(401);
      expect(r.json<WireError>().error.code).toBe('UNAUTHORIZED');
    }
    const browser = await get(srv, '/', { auth: false, headers: { Accept: 'text/html,*/*' } });
    expect(browser.status).toBe(401);
    expect(browser.headers['content-type']).toMatch(/^text\/plain/);
    expect(browser.text).toContain('access token');
    const wrong = await get(srv, '/api/stats', { headers: { Cookie: `clew_token_${srv.port}=nope` } });
    expect(wrong.status).toBe(401);
    expect((await get(srv, '/api/stats', { auth: false, headers: { Authorization: `Bearer ${srv.token}` } })).status).toBe(200);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const r = await get(srv, `/m/12?token=${srv.token}`, { auth: false });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/m/12');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`clew_token_${srv.port}=${srv.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const sneaky = await get(srv, `/a/..//evil.example/?token=${srv.token}`, { auth: false });
    expect(sneaky.status).toBe(303);
    expect(sneaky.headers.location).toBe('/evil.example/');
    const bad = await get(srv, '/?token=guess', { auth: false });
    expect(bad.status).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    const stale = await get(srv, '/?token=guess', { auth: false, headers: { Accept: 'text/html' } });
    expect(stale.status).toBe(401);
    expect(stale.text).toContain('wrong or from an earlier run');
    expect(stale.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a wrong Host (DNS rebinding) even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${srv.port}`, `127.0.0.1:${srv.port + 1}`, '127.0.0.1']) {
      const r = await get(srv, '/api/stats', { headers: { Host: host } });
      expect(r.status, host).toBe(403);
      expect(r.json<WireError>().error.code).toBe('FORBIDDEN');
    }
    expect((await get(srv, '/api/stats', { headers: { Host: `localhost:${srv.port}` } })).status).toBe(200);
  });

  it('refuses foreign Origins and non-GET methods', async () => {
    expect((await get(srv, '/api/stats', { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await get(srv, '/api/stats', { method: 'POST', body: '{}' })).status).toBe(403);
    const post = await get(srv, '/api/stats', { method: 'POST', body: '{}', headers: { Origin: `http://127.0.0.1:${srv.port}` } });
    expect(post.status).toBe(405);
    expect(post.json<WireError>().error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('caps the URL length and the body size', async () => {
    const long = await get(srv, `/api/search?q=${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.json<WireError>().error.code).toBe('URI_TOO_LONG');
    const big = await get(srv, '/api/stats', { headers: { 'Content-Length': String(1 << 20) }, body: 'x'.repeat(1 << 20) });
    expect(big.status).toBe(413);
    expect(big.json<WireError>().error.code).toBe('TOO_LARGE');
  });

  it('sends the strict headers on every response', async () => {
    for (const p of ['/api/stats', '/', '/api/nope']) {
      const r = await get(srv, p);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves the app shell for app routes, assets as files, 404 for missing assets', async () => {
    const shell = await get(srv, '/m/123');
    expect(shell.status).toBe(200);
    expect(shell.headers['content-type']).toMatch(/^text\/html/);
    const js = await get(srv, '/assets/app.js');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await get(srv, '/assets/nope.js')).status).toBe(404);
    expect((await get(srv, '/../../etc/passwd')).status).toBe(200); // normalised to /etc/passwd: an app route, the shell
    expect((await get(srv, '/%2e%2e/%2e%2e/etc/passwd.txt')).status).toBe(404);
  });

  it('reports stats and sources', async () => {
    const r = await get(srv, '/api/stats');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const s = r.json<StatsResponse>();
    expect(s.stats.messages).toBe(124);
    expect(s.sources[0]!.name).toContain(XSS);
    expect(s.stats.quarantine.reduce((n, q) => n + q.count, 0)).toBe(1);
  });

  it('searches, newest first, with highlight offsets into plain-text snippets, and pages with the cursor', async () => {
    const r = await get(srv, '/api/search?q=kafa&limit=50');
    expect(r.status).toBe(200);
    const s = r.json<SearchResponse>();
    expect(s.hits).toHaveLength(50);
    expect(s.hits.map((h) => h.ts)).toEqual([...s.hits.map((h) => h.ts)].sort((a, b) => b - a));
    for (const h of s.hits) for (const [a, b] of h.snippet.highlights) expect(h.snippet.text.slice(a, b).toLowerCase()).toMatch(/^(kafa|кафа|كافا)$/);
    expect(s.nextCursor).not.toBeNull();
    const seen = new Set(s.hits.map((h) => h.id));
    let cursor = s.nextCursor;
    while (cursor !== null) {
      const p = (await get(srv, `/api/search?q=kafa&limit=50&cursor=${cursor}`)).json<SearchResponse>();
      for (const h of p.hits) {
        expect(seen.has(h.id)).toBe(false);
        seen.add(h.id);
      }
      cursor = p.nextCursor;
    }
    expect(seen.size).toBe(124); // the Arabic one too: the case holds Arabic, so kafa is also searched as كافا
    const xss = (await get(srv, `/api/search?q=${encodeURIComponent('"the kafa is here"')}`)).json<SearchResponse>();
    expect(xss.hits[0]!.snippet.text).toContain(XSS); // data, untouched: the client renders it as text
    const exact = (await get(srv, '/api/search?q=KAFA&mode=exact')).json<SearchResponse>();
    expect(exact.hits).toHaveLength(0);
    const arabic = (await get(srv, `/api/search?q=${encodeURIComponent('الميناء')}`)).json<SearchResponse>();
    expect(arabic.hits[0]!.snippet.text).toBe(ARABIC);
  });

  it('refuses bad input with 400 and a code', async () => {
    const cases: [string, string][] = [
      ['/api/search', 'INVALID_ARGUMENT'],
      ['/api/search?q=', 'INVALID_ARGUMENT'],
      ['/api/search?q=kafa&mode=fuzzy', 'INVALID_ARGUMENT'],
      ['/api/search?q=kafa&limit=0', 'INVALID_ARGUMENT'],
      ['/api/search?q=kafa&limit=1e3', 'INVALID_ARGUMENT'],
      ['/api/search?q=kafa&cursor=-1', 'INVALID_ARGUMENT'],
      ['/api/search?q=kafa&q=kokain', 'INVALID_ARGUMENT'],
      ['/api/search?q=kafa&evil=1', 'INVALID_ARGUMENT'],
      ['/api/search?q=%22unterminated', 'QUERY_SYNTAX'],
      ['/api/messages/abc', 'INVALID_ARGUMENT'],
      ['/api/messages/0', 'INVALID_ARGUMENT'],
      ['/api/messages/99999999999999999', 'INVALID_ARGUMENT'],
      ['/api/messages/1/thread?before=999', 'INVALID_ARGUMENT'],
      ['/api/quarantine?limit=x', 'INVALID_ARGUMENT'],
    ];
    for (const [p, code] of cases) {
      const r = await get(srv, p);
      expect(r.status, p).toBe(400);
      const e = r.json<WireError>().error;
      expect(e.code, p).toBe(code);
      expect(e.message.length, p).toBeGreaterThan(5);
    }
    const nf = await get(srv, '/api/messages/1');
    expect(nf.status).toBe(404);
    expect(nf.json<WireError>().error.code).toBe('NOT_FOUND');
    expect((await get(srv, '/api/nope')).json<WireError>().error.code).toBe('NOT_FOUND');
  });

  it('shows a message with its thread, provenance and raw source record', async () => {
    const hit = (await get(srv, `/api/search?q=${encodeURIComponent('الميناء')}`)).json<SearchResponse>().hits[0]!;
    const r = (await get(srv, `/api/messages/${hit.id}?context=10`)).json<MessageResponse>();
    expect(r.message.body).toBe(ARABIC);
    expect(r.message.sender.displayName).toBe('أبو خالد');
    expect(r.thread.map((m) => m.id)).toContain(hit.id);
    expect(r.thread).toHaveLength(4);
    expect(r.message.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.message.provenance.locator.line).toBe(5);
    expect(r.raw.unavailable).toBeNull();
    expect(JSON.parse(r.raw.text!)).toMatchObject({ body: ARABIC });
    const first = (await get(srv, `/api/messages/${r.thread[0]!.id}?context=0`)).json<MessageResponse>();
    const phone = first.mentions.find((x) => x.type === 'phone');
    expect(phone?.value).toBe('+381641234567');
    expect(first.message.body.slice(phone!.start, phone!.end)).toBe('+381641234567');
    const t = (await get(srv, `/api/messages/${hit.id}/thread?before=1&after=1`)).json<ThreadResponse>();
    expect(t.messages).toHaveLength(3);
    expect(t).toMatchObject({ moreBefore: false, moreAfter: true }); // it is the 2nd of 4
  });

  it('serves its OpenAPI document, the committed one, to a signed-in client only', async () => {
    const r = await get(srv, '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.text).toBe(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect((await get(srv, '/api/openapi.json', { auth: false })).status).toBe(401);
  });

  it('answers as its zod schemas declare (schemas.ts)', async () => {
    const langs = languagesResponse.parse((await get(srv, '/api/languages')).json());
    expect(langs.languages.reduce((n, l) => n + l.messages, 0)).toBe(124);
    expect(generationResponse.parse((await get(srv, '/api/generation')).json()).generation).toBeGreaterThanOrEqual(0);
    // strict: a field more or less is a different contract
    expect(languagesResponse.safeParse({ languages: [{ lang: 'sr' }] }).success).toBe(false);
    expect(generationResponse.safeParse({ generation: 1, extra: true }).success).toBe(false);
  });

  it('lists the quarantine', async () => {
    const r = (await get(srv, '/api/quarantine')).json<QuarantineResponse>();
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.sourcePath).toContain(XSS);
  });

  it('lists entities, most mentioned first, by type, and refuses bad input', async () => {
    const all = await get(srv, '/api/entities');
    expect(all.status).toBe(200);
    const r = all.json<EntitiesResponse>();
    expect(r.type).toBeNull();
    expect(r.types).toEqual([...ENTITY_TYPES]);
    expect(r.rows.map((e) => e.mentions)).toEqual([...r.rows.map((e) => e.mentions)].sort((a, b) => b - a));
    const phone = r.rows.find((e) => e.type === 'phone' && e.value === '+381641234567');
    expect(phone).toMatchObject({ mentions: 1, messages: 1, raw: ['+381641234567'], first: Date.UTC(2021, 2, 1, 10, 0) });
    expect(phone!.accounts.map((a) => a.account.ref)).toEqual(['skyecc:AAA111']);
    expect(phone!.accounts[0]!.account.displayName).toContain(XSS); // data, untouched: the client renders it as text
    const phones = (await get(srv, '/api/entities?type=phone&limit=1')).json<EntitiesResponse>();
    expect(phones.type).toBe('phone');
    expect(phones.rows).toHaveLength(1);
    expect(phones.rows[0]!.value).toBe('+381641234567');
    for (const p of ['/api/entities?type=nope', '/api/entities?type=', '/api/entities?limit=0', '/api/entities?limit=1001', '/api/entities?limit=ten', '/api/entities?evil=1']) {
      const bad = await get(srv, p);
      expect(bad.status, p).toBe(400);
      expect(bad.json<WireError>().error.code, p).toBe('INVALID_ARGUMENT');
    }
  });

  it('ranks key players by the composite score and refuses bad input', async () => {
    const res = await get(srv, '/api/keyplayers');
    expect(res.status).toBe(200);
    const r = res.json<KeyPlayersResponse>();
    expect(r).toMatchObject({ nodes: 2, edges: 2, betweenness: { sampled: false } });
    expect(Object.keys(r.weights).sort()).toEqual(['betweenness', 'degree', 'eigenvector', 'pagerank']);
    expect(r.rows.map((p) => p.key).sort()).toEqual(['skyecc:AAA111', 'skyecc:BBB222']);
    for (const p of r.rows) {
      expect(Object.keys(p.measures).sort()).toEqual(['betweenness', 'degree', 'eigenvector', 'pagerank']);
      expect(Object.values(p.measures).reduce((s, m) => s + m.contribution, 0)).toBeCloseTo(p.score, 9);
      expect(p.account?.ref).toBe(p.key);
      expect(p.contacts).toHaveLength(1);
    }
    const kum = r.rows.find((p) => p.key === 'skyecc:AAA111')!;
    expect(kum.label).toContain(XSS);
    expect(kum.contacts[0]).toEqual({ key: 'skyecc:BBB222', label: 'أبو خالد', messages: 124 });
    const one = (await get(srv, '/api/keyplayers?top=1')).json<KeyPlayersResponse>();
    expect(one.rows).toEqual(r.rows.slice(0, 1));
    for (const p of ['/api/keyplayers?top=0', '/api/keyplayers?top=201', '/api/keyplayers?top=-1', '/api/keyplayers?top=1&top=2', '/api/keyplayers?by=degree']) {
      const bad = await get(srv, p);
      expect(bad.status, p).toBe(400);
      expect(bad.json<WireError>().error.code, p).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('clew serve limits', () => {
  it('rate-limits a client with 429 and Retry-After', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const s = await startServer({ casePath, webRoot: '/nonexistent', log: () => {}, rateLimit: { capacity: 3, perSecond: 0.5 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await get(s, '/api/stats')).status);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const r = await get(s, '/api/stats');
      // fixed windows of capacity ÷ rate (3 ÷ 0.5 = 6 s): wait for the rest of this one
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(5);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(6);
      expect(r.json<WireError>().error.code).toBe('RATE_LIMITED');
    } finally {
      await s.close();
    }
  });

  it('says so when the web app is not built', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const s = await startServer({ casePath, webRoot: '/nonexistent', log: () => {} });
    try {
      expect(s.webBuilt).toBe(false);
      const r = await get(s, '/');
      expect(r.status).toBe(503);
      expect(r.text).toContain('npm run build:web');
    } finally {
      await s.close();
    }
  });

  it('warms the network in the background (clew serve): same answers, nothing logged, a quick close is clean', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const logged: string[] = [];
    const quick = await startServer({ casePath, warm: true, log: (l) => logged.push(l) });
    await quick.close(); // before the warm-up fires
    const cold = await startServer({ casePath, log: (l) => logged.push(l) });
    const warm = await startServer({ casePath, warm: true, log: (l) => logged.push(l) });
    try {
      await new Promise((ok) => setTimeout(ok, 300));
      const a = (await get(cold, '/api/network')).json<{ nodes: number; keys?: unknown }>();
      const b = (await get(warm, '/api/network')).json<{ nodes: number; keys?: unknown }>();
      expect(b.nodes).toBeGreaterThan(0);
      expect({ ...b, elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
      expect(logged).toEqual([]);
    } finally {
      await cold.close();
      await warm.close();
    }
  });

  it('refuses a non-loopback host (a team uses clew server --db)', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    for (const host of ['0.0.0.0', '192.168.1.10', '::']) {
      const e = await startServer({ casePath, host }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ClewError);
      expect((e as ClewError).code).toBe('INVALID_ARGUMENT');
      expect((e as ClewError).message).toContain('clew server --db');
    }
  });

  it('fails clearly on a taken port, or falls back to a free one when asked', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const a = await startServer({ casePath, log: () => {} });
    try {
      const e = await startServer({ casePath, port: a.port }).catch((x: unknown) => x);
      expect((e as ClewError).code).toBe('INVALID_ARGUMENT');
      expect((e as ClewError).message).toContain(`port ${a.port} is in use`);
      const b = await startServer({ casePath, port: a.port, portFallback: true, log: () => {} });
      expect(b.port).not.toBe(a.port);
      await b.close();
    } finally {
      await a.close();
    }
  });

  it('fails clearly on a missing case', async () => {
    const e = await startServer({ casePath: join(tmp(), 'none.clew') }).catch((x: unknown) => x);
    expect((e as ClewError).code).toBe('CASE_NOT_FOUND');
  });
});
