import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { buildTestCase, XSS } from '../test-support/case.js';
import type { DossierIndexResponse, DossierResponse, WireError } from '../wire.js';
import { call } from '../test-support/http.js';

let srv: RunningServer;
let root: string;

const get = (path: string) => call(srv, 'GET', path);

describe('dossier routes', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-dossier-route-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a dossier for an URL-encoded reference, hostile names as JSON strings', async () => {
    const r = await get(`/api/dossier/${encodeURIComponent('skyecc:AAA111')}?contacts=5`);
    expect(r.status).toBe(200);
    const d = r.body as DossierResponse;
    expect(d.accounts[0]!.displayName).toContain(XSS);
    expect(d.contacts[0]!.account.ref).toBe('skyecc:BBB222');
    expect(d.activity.first).toBe(Date.UTC(2021, 2, 1, 10, 0));
  });

  it('lists accounts and the most active ones', async () => {
    const r = await get(`/api/dossier?q=${encodeURIComponent('أبو خالد')}&top=1`);
    expect(r.status).toBe(200);
    const d = r.body as DossierIndexResponse;
    expect(d.matches.map((a) => a.ref)).toEqual(['skyecc:BBB222']);
    expect(d.top).toHaveLength(1);
  });

  it('is 404 for an unknown account and 400 for bad input', async () => {
    const cases: [string, number][] = [
      [`/api/dossier/${encodeURIComponent('skyecc:NOPE')}`, 404],
      ['/api/dossier/skyecc%3AAAA111?contacts=0', 400],
      ['/api/dossier/skyecc%3AAAA111?contacts=abc', 400],
      ['/api/dossier/skyecc%3AAAA111?evil=1', 400],
      [`/api/dossier/${'x'.repeat(400)}`, 400],
      [`/api/dossier?q=${'x'.repeat(400)}`, 400],
      ['/api/dossier?top=1000', 400],
    ];
    for (const [path, status] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      expect((r.body as WireError).error.code, path).toBe(status === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT');
    }
  });
});
