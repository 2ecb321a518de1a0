/** The Watchlists endpoints over a real HTTP server: upload a list, run it, CSV, saved searches flagged after an upload's ingest. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';
import { buildTestCase } from '../test-support/case.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import type { SavedSearchSaveResponse, WatchCsvResponse, WatchlistAddResponse, WatchOverviewResponse, WatchRunResponse } from '../wire.js';
import { call as http } from '../test-support/http.js';

let srv: RunningServer;
let root: string;
let casePath: string;

/** A JSON body, or `raw` bytes sent as text/plain (an uploaded list). */
const call = (method: string, path: string, body?: unknown, raw?: Buffer) => http(srv, method, path, raw ?? body, raw ? { 'Content-Type': 'text/plain' } : {});

describe('watchlist routes', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-watch-route-'));
    ({ casePath } = await buildTestCase(join(root, 'case')));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('store an uploaded list, run it, give the CSV, and remove it', async () => {
    let r = await call('POST', '/api/watch/lists?name=case%2012', undefined, Buffer.from('\ufeff+381641234567\n+3\nAAA111\nNL91ABNA0417164300\n'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const added = r.body as WatchlistAddResponse;
    expect(added.summary).toMatchObject({ name: 'case 12', selectors: 3 });
    expect(added.problems.map((p) => [p.line, p.code])).toEqual([[2, 'too_broad']]);
    r = await call('GET', '/api/watch/lists/case%2012/run');
    expect(r.status).toBe(200);
    const run = r.body as WatchRunResponse;
    expect(run).toMatchObject({ matched: 2, selectors: 3, omitted: 1, scope: { kind: 'case' } });
    expect(run.rows.map((x) => [x.line, x.type, x.messages])).toEqual([[1, 'phone', 1], [3, 'handle', 124]]);
    // no cross-case discovery in clew serve
    expect(run.otherCases).toEqual({ available: false, hits: [], skipped: 0, limited: false });
    expect(((await call('GET', '/api/watch/lists/case%2012/run?all=1')).body as WatchRunResponse).rows).toHaveLength(3);
    const csv = (await call('GET', '/api/watch/lists/case%2012/csv')).body as WatchCsvResponse;
    expect(csv.filename).toBe('case_12.csv');
    expect(csv.csv.split('\r\n')).toHaveLength(5);
    expect((await call('GET', '/api/watch/lists/nosuch/run')).status).toBe(404);
    expect((await call('POST', '/api/watch/lists?name=x', undefined, Buffer.from('+3\n'))).status).toBe(400);
    expect(((await call('GET', '/api/watch')).body as WatchOverviewResponse).watchlists.map((w) => w.name)).toEqual(['case 12']);
    expect((await call('DELETE', '/api/watch/lists/case%2012')).status).toBe(200);
    expect((await call('DELETE', '/api/watch/lists/case%2012')).status).toBe(404);
  });

  it('save a search, refuse one that does not parse, and flag the new hits of an ingest', async () => {
    let r = await call('POST', '/api/watch/searches', { name: 'bar', query: 'baru OR bar' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body as SavedSearchSaveResponse).runs).toBe(1);
    r = await call('POST', '/api/watch/searches', { name: 'bad', query: 'kafa AND (' });
    expect(r.status).toBe(400);
    expect((r.body as { error: { code: string } }).error.code).toBe('QUERY_SYNTAX');
    const more = join(root, 'more.jsonl');
    writeFileSync(more, `${JSON.stringify({ type: 'message', from: 'skyecc:BBB222', to: ['skyecc:AAA111'], ts: '2021-03-05T10:00:00Z', body: 'vidimo se u Baru' })}\n`);
    await withCase(casePath, { threadedWriter: false }, (s) => ingestFile(s, more));
    const o = (await call('GET', '/api/watch')).body as WatchOverviewResponse;
    expect(o.newHits).toBe(1);
    expect(o.savedSearches[0]!.newHitList.map((h) => h.snippet.text)).toEqual(['vidimo se u Baru']);
    expect((await call('DELETE', '/api/watch/searches/bar')).status).toBe(200);
  });
});
