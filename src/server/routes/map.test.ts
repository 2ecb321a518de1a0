import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, buildMapCase, MAP_XSS } from '../../api/test-support/map-case.js';
import { type RunningServer, startServer } from '../server.js';
import type { PlacesResponse, RoutesResponse, WireError } from '../wire.js';
import { checkReply } from '../test-support/http.js';

let srv: RunningServer;
let dir: string;

async function call<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${srv.origin}${path}`, { headers: { Cookie: `clew_token_${srv.port}=${srv.token}` } });
  const text = await res.text();
  checkReply('GET', path, { status: res.status, headers: Object.fromEntries(res.headers), text });
  return { status: res.status, body: JSON.parse(text) as T };
}

describe('GET /api/places and /api/routes', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clew-map-routes-'));
    const casePath = await buildMapCase(join(dir, 'case'));
    srv = await startServer({ casePath, log: () => {}, rateLimit: { capacity: 1000, perSecond: 1000 } });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers points with their evidence, filtered through the query', async () => {
    const all = await call<PlacesResponse>('/api/places');
    expect(all.status).toBe(200);
    expect(all.body.points).toHaveLength(11);
    expect(all.body.filter).toEqual({ account: null, after: null, before: null, kinds: ['place', 'coordinate', 'exif', 'antenna', 'shared', 'device'] });
    const ant = await call<PlacesResponse>(`/api/places?key=${encodeURIComponent('antenna:45.25,19.84')}&evidence=5`);
    expect(ant.body.points[0]).toMatchObject({ label: `cell ${MAP_XSS}`, count: 2 });
    expect(ant.body.points[0]!.evidence).toHaveLength(2);
    const some = await call<PlacesResponse>(`/api/places?account=${encodeURIComponent(A)}&kind=place,antenna&after=2021-03-02&before=2021-03-09T00:00Z`);
    expect(some.body.points.map((p) => `${p.key}=${p.count}`).sort()).toEqual(['antenna:45.25,19.84=2', 'place:ec-guayaquil=1', 'place:nl-rotterdam=1', 'place:rs-belgrade=1', 'place:tg-lome=1']);
    expect(some.body.filter).toMatchObject({ account: A, after: Date.UTC(2021, 2, 2), before: Date.UTC(2021, 2, 9), kinds: ['place', 'antenna'] });
  });

  it('answers the routes messages state, weighted, with a threshold the client can relax', async () => {
    const r = await call<RoutesResponse>('/api/routes');
    expect(r.status).toBe(200);
    expect(r.body.routes.map((x) => x.stops.map((s) => s.placeId))).toEqual([['ec-guayaquil', 'tg-lome', 'be-antwerp']]);
    expect(r.body.routes[0]!.stops.map((s) => s.name)).toEqual(['Guayaquil', 'Lomé', 'Antwerp']);
    expect(r.body).toMatchObject({ minEvidence: 2, statements: 3, belowThreshold: 1 });
    const relaxed = await call<RoutesResponse>('/api/routes?minEvidence=1&minStops=2&limit=10');
    expect(relaxed.body.routes.map((x) => x.key)).toEqual(['ec-guayaquil>tg-lome>be-antwerp', 'br-santos>nl-rotterdam']);
    // a second identical request is answered from the case's state, with the same body
    expect((await call<RoutesResponse>('/api/routes?minEvidence=1&minStops=2&limit=10')).body).toEqual(relaxed.body);
  });

  it('refuses bad input with a 400 that names the parameter, and an unknown account with a 404', async () => {
    const bad: [string, string][] = [
      ['/api/places?kind=tiles', 'kind'],
      ['/api/places?kind=', 'kind'],
      ['/api/places?after=yesterday', 'after'],
      ['/api/places?after=2021-02-30T99:00Z', 'after'],
      ['/api/places?limit=0', 'limit'],
      ['/api/places?limit=99999', 'limit'],
      ['/api/places?evidence=-1', 'evidence'],
      ['/api/places?key=nowhere:1', 'key'],
      ['/api/places?zoom=3', 'zoom'],
      ['/api/places?after=2021-03-02&before=2021-03-01', 'after'],
      ['/api/places?limit=1&limit=2', 'limit'],
      ['/api/routes?minEvidence=0', 'minEvidence'],
      ['/api/routes?window=14', 'window'],
      ['/api/routes?minStops=1', 'minStops'],
      ['/api/routes?kind=place', 'kind'],
    ];
    for (const [path, param] of bad) {
      const r = await call<WireError>(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.body.error.code).toBe('INVALID_ARGUMENT');
      expect(r.body.error.message).toContain(param);
    }
    const none = await call<WireError>('/api/places?account=skyecc%3ANOPE');
    expect(none.status).toBe(404);
    expect((await call<WireError>('/api/routes?account=skyecc%3ANOPE')).status).toBe(404);
  });
});
