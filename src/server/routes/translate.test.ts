/** The translation endpoints over a real HTTP server and the real Apertium: translate and store, read back, refuse bad input. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSerbianCase, SERBIAN } from '../../api/test-support/serbian-case.js';
import { translationEngine } from '../../api/translate.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { call as http } from '../test-support/http.js';
import type { SearchResponse, TranslateResponse } from '../wire.js';

const engine = await translationEngine();
const ready = engine?.pairs.some((p) => p.mode === 'hbs-eng') ?? false;
if (!ready) console.warn('SKIPPED src/server/routes/translate.test.ts: Apertium with apertium-hbs-eng is not installed (run `npm test`, which installs it)');

let srv: RunningServer;
let root: string;

const call = (method: string, path: string, body?: unknown) => http(srv, method, path, body);

describe.skipIf(!ready)('translation routes', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-translate-route-'));
    mkdirSync(join(root, 'case'));
    const { casePath } = await buildSerbianCase(join(root, 'case'));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('translate messages and store them (POST), then read them from the case (GET), originals beside', async () => {
    const hits = ((await call('GET', `/api/search?q=${encodeURIComponent('kontejner')}`)).body as SearchResponse).hits;
    const ids = hits.map((h) => h.id);
    expect(ids).toHaveLength(3);
    let r = await call('GET', `/api/translations?ids=${ids.join(',')}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body as TranslateResponse).messages.map((m) => m.translation)).toEqual([null, null, null]);

    r = await call('POST', '/api/translate', { ids, to: 'en' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const made = r.body as TranslateResponse;
    expect(made.translated).toBe(3);
    const first = made.messages.find((m) => m.original === SERBIAN[0])!;
    expect(first.label).toMatch(/^machine translation \(Apertium hbs-eng, \d/);
    expect(first.translation!.text).toMatch(/Friday/);

    r = await call('GET', `/api/translations?ids=${ids.join(',')}&to=en`);
    const read = r.body as TranslateResponse;
    expect(read.cached).toBe(3);
    expect(read.messages.find((m) => m.id === first.id)!.translation).toEqual({ ...first.translation, cached: true });
  });

  it('refuse bad input with a clear error', async () => {
    expect((await call('POST', '/api/translate', { ids: [] })).status).toBe(400);
    expect((await call('POST', '/api/translate', { ids: [1], to: '<b>' })).status).toBe(400);
    expect((await call('POST', '/api/translate', { ids: [1], extra: 1 })).status).toBe(400);
    expect((await call('GET', '/api/translations?ids=1,abc')).status).toBe(400);
    expect((await call('POST', '/api/translate', { ids: [424242] })).status).toBe(404);
  });
});
