/**
 * `clew serve` answers every case route under /api/cases/CASE/… (CASE: the case file's name), the
 * older /api/… paths too; GET /api/cases and GET /api/session name the one case, role owner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';
import { ROUTES } from './routes.js';
import { buildTestCase } from './test-support/case.js';
import { call } from './test-support/http.js';
import type { CasesResponse, SearchResponse, SessionResponse, StatsResponse } from './wire.js';

let srv: RunningServer;
let root: string;
const base = '/api/cases/case.clew';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'clew-case-paths-'));
  const { casePath } = await buildTestCase(join(root, 'c'));
  // the sweep below makes hundreds of requests at once: not this test's budget to test
  srv = await startServer({ casePath, log: () => {}, rateLimit: { capacity: 100_000, perSecond: 100_000 } });
});
afterAll(async () => {
  await srv?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('case-scoped paths in clew serve', () => {
  it('lists the one case, role owner, and says nobody in particular is signed in', async () => {
    const cases = await call(srv, 'GET', '/api/cases');
    expect(cases.status).toBe(200);
    expect(cases.json<CasesResponse>().cases).toEqual([{ name: 'case.clew', role: 'owner' }]);
    const s = (await call(srv, 'GET', '/api/session')).json<SessionResponse>();
    expect(s).toMatchObject({ mode: 'single', user: null, csrf: null, cases: [{ name: 'case.clew', role: 'owner' }] });
  });

  it('answers a route under /api/cases/CASE/… as under /api/…', async () => {
    const scoped = await call(srv, 'GET', `${base}/search?q=kafa&limit=5`);
    const old = await call(srv, 'GET', '/api/search?q=kafa&limit=5');
    expect(scoped.status).toBe(200);
    expect(scoped.json<SearchResponse>().hits.map((h) => h.id)).toEqual(old.json<SearchResponse>().hits.map((h) => h.id));
    expect(scoped.json<SearchResponse>().hits.length).toBe(5);
    const stats = await call(srv, 'GET', `/api/cases/${encodeURIComponent('case.clew')}/stats`);
    expect(stats.json<StatsResponse>().case.name).toBe('case.clew');
  });

  it('gives the same NOT_FOUND for any other case name, on every route', async () => {
    for (const route of ROUTES) {
      const path = String(route.pattern.source)
        .replace(/^\^/, '')
        .replace(/\$$/, '')
        .replace(/\\\//g, '/')
        .replace(/\\\./g, '.')
        .replace(/\(\.\+\)/g, 'x')
        .replace(/\(([A-Za-z0-9_-]+)(\|[A-Za-z0-9_-]+)*\)/g, '$1')
        .replace(/\([^)]*\)/g, '1');
      for (const other of ['other.clew', 'case.clew.bak', 'CASE.CLEW', 'case.clew%00']) {
        const r = await call(srv, route.method, `/api/cases/${other}${path}`, route.method === 'GET' ? undefined : {});
        expect([r.status, route.method, path, other]).toEqual([404, route.method, path, other]);
        expect((r.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      }
    }
  });

  it('refuses a case route without the access token', async () => {
    const r = await call(srv, 'GET', `${base}/stats`, undefined, { Cookie: '' });
    expect(r.status).toBe(401);
  });

  it('has no sign-in in single-analyst mode', async () => {
    const r = await call(srv, 'POST', '/api/session', { user: 'a', password: 'b' });
    expect(r.status).toBe(404);
  });
});
