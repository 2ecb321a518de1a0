import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';
import { jsonl, msg } from '../../api/test-support/tmp.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { XSS } from '../test-support/case.js';
import type { NetworkEgoResponse, NetworkPathResponse, NetworkResponse, WireError } from '../wire.js';
import { call } from '../test-support/http.js';

const get = (srv: RunningServer, path: string) => call(srv, 'GET', path);

// A chain A–B–C–D in March, E–F in April (a separate pair), plus A–B again in April.
const [A, B, C, D, E, F] = ['skyecc:A', 'skyecc:B', 'skyecc:C', 'skyecc:D', 'skyecc:E', 'skyecc:F'];
let srv: RunningServer;
let root: string;

describe('network endpoints', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-network-'));
    const src = join(root, 'n.jsonl');
    writeFileSync(
      src,
      jsonl([
        { type: 'account', ref: A, kind: 'pin', display_name: `Kum ${XSS}` },
        msg(A!, B!, '2021-03-01T10:00:00Z', 'a'),
        msg(B!, A!, '2021-03-01T10:01:00Z', 'b'),
        msg(A!, B!, '2021-03-01T10:02:00Z', 'c'),
        msg(B!, C!, '2021-03-02T10:00:00Z', 'd'),
        msg(C!, D!, '2021-03-03T10:00:00Z', 'e'),
        msg(E!, F!, '2021-04-01T10:00:00Z', 'f'),
        msg(A!, B!, '2021-04-02T10:00:00Z', 'g'),
      ]),
    );
    const casePath = join(root, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, src));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const edgesOf = (r: NetworkResponse) => r.graph.src.map((s, i) => `${r.graph.keys[s]}~${r.graph.keys[r.graph.dst[i]!]}:${r.graph.weight[i]}`).sort();

  it('sends the contact network with measures, communities and the case time span', async () => {
    const res = await get(srv, '/api/network');
    expect(res.status).toBe(200);
    const r = res.json<NetworkResponse>();
    expect(r).toMatchObject({ nodes: 6, edges: 4, truncated: false, rankedBy: 'pagerank', filter: { after: null, before: null, channels: null, minWeight: 0 } });
    expect([...r.graph.keys].sort()).toEqual([A, B, C, D, E, F]);
    expect(edgesOf(r).map((e) => e.replace(/skyecc:/g, ''))).toEqual(expect.arrayContaining(['C~D:1', 'E~F:1']));
    const ab = r.graph.src.findIndex((s, i) => new Set([r.graph.keys[s], r.graph.keys[r.graph.dst[i]!]]).size === 2 && [A, B].includes(r.graph.keys[s]!) && [A, B].includes(r.graph.keys[r.graph.dst[i]!]!));
    expect(r.graph.weight[ab]).toBe(4); // three in March, one in April, both directions summed
    expect(r.graph.labels[r.graph.keys.indexOf(A!)]).toBe(`Kum ${XSS}`); // sent as data, drawn as text by the view
    for (const m of ['degree', 'strength', 'pagerank', 'betweenness'] as const) expect(r.graph.measures[m]).toHaveLength(6);
    expect(r.graph.measures.degree[r.graph.keys.indexOf(B!)]).toBe(2);
    expect(r.graph.community).toHaveLength(6);
    expect(r.communities).toBeGreaterThanOrEqual(2);
    expect(r.span).toEqual({ first: Date.UTC(2021, 2, 1, 10), last: Date.UTC(2021, 3, 2, 10) });
    expect(r.betweenness.sampled).toBe(false);
  });

  it('restricts the network to a time window, and caps it to the top nodes by a measure', async () => {
    const march = (await get(srv, '/api/network?after=2021-03-01&before=2021-03-02T12:00')).json<NetworkResponse>();
    expect([...march.graph.keys].sort()).toEqual([A, B, C]);
    expect(march.graph.weight[0]).toBeDefined();
    expect(edgesOf(march)).toHaveLength(2);
    expect(march.filter).toMatchObject({ after: Date.UTC(2021, 2, 1), before: Date.UTC(2021, 2, 2, 12) });
    const top = (await get(srv, '/api/network?maxNodes=2&by=degree')).json<NetworkResponse>();
    expect(top).toMatchObject({ nodes: 6, edges: 4, truncated: true, rankedBy: 'degree' });
    expect([...top.graph.keys].sort()).toEqual([B, C]);
    expect(edgesOf(top)).toEqual([`${B}~${C}:1`]);
    const heavy = (await get(srv, '/api/network?minWeight=2')).json<NetworkResponse>();
    expect(heavy.graph.src).toHaveLength(1); // A→B (3) only; each direction is weighed on its own
  });

  it('expands an ego network, capped, with distances', async () => {
    const r = (await get(srv, `/api/network/ego?center=${encodeURIComponent(C!)}&hops=1`)).json<NetworkEgoResponse>();
    expect(r.center).toBe(C);
    expect([...r.graph.keys].sort()).toEqual([B, C, D]);
    expect(r.distance[r.graph.keys.indexOf(C!)]).toBe(0);
    const capped = (await get(srv, `/api/network/ego?center=${encodeURIComponent(C!)}&hops=3&maxNodes=2`)).json<NetworkEgoResponse>();
    expect(capped.truncated).toBe(true);
    expect(capped.graph.keys).toHaveLength(2);
  });

  it('finds a shortest path, or says there is none', async () => {
    const r = (await get(srv, `/api/network/path?a=${encodeURIComponent(A!)}&b=${encodeURIComponent(D!)}`)).json<NetworkPathResponse>();
    expect(r.length).toBe(3);
    expect(r.nodes.map((n) => n.key)).toEqual([A, B, C, D]);
    expect(r.hops[0]).toMatchObject({ sent: 3, received: 1, messages: 4 });
    const none = (await get(srv, `/api/network/path?a=${encodeURIComponent(A!)}&b=${encodeURIComponent(E!)}`)).json<NetworkPathResponse>();
    expect(none.length).toBeNull();
  });

  it('draws only a scope when asked (issue 17 part 3): its nodes, measures within it, and the scope stated', async () => {
    const whole = (await get(srv, '/api/network')).json<NetworkResponse>();
    expect(whole.scope).toBeNull();
    const r = (await get(srv, `/api/network?scope=${encodeURIComponent(`ego:${C}:1`)}`)).json<NetworkResponse>();
    expect([...r.graph.keys].sort()).toEqual([B, C, D]);
    expect(r.scope).toMatchObject({ kind: 'ego', nodes: 3, contactPairs: 2, of: { nodes: 6, contactPairs: 4 } });
    expect(r.graph.measures.degree[r.graph.keys.indexOf(B!)]).toBe(1); // A is outside the scope
    const p = (await get(srv, `/api/network/path?a=${encodeURIComponent(B!)}&b=${encodeURIComponent(A!)}&scope=${encodeURIComponent(`ego:${C}:1`)}`));
    expect(p.status).toBe(404); // A is not in the scope
  });

  it('refuses bad input with 400 and unknown people with 404', async () => {
    const bad = [
      '/api/network?maxNodes=0',
      '/api/network?maxNodes=abc',
      '/api/network?by=charisma',
      '/api/network?after=yesterday',
      '/api/network?after=2021-02-30',
      '/api/network?after=2021-03-02&before=2021-03-01',
      '/api/network?channel=pigeon',
      '/api/network?minWeight=-1',
      '/api/network?limit=5',
      '/api/network?by=degree&by=pagerank',
      '/api/network/ego',
      `/api/network/ego?center=${encodeURIComponent(A!)}&hops=9`,
      `/api/network/ego?center=${encodeURIComponent(A!)}&maxNodes=999999`,
      `/api/network/path?a=${encodeURIComponent(A!)}`,
      `/api/network/path?a=${'x'.repeat(400)}&b=y`,
    ];
    for (const p of bad) {
      const r = await get(srv, p);
      expect(r.status, p).toBe(400);
      expect(r.json<WireError>().error.code, p).toBe('INVALID_ARGUMENT');
    }
    const missing = await get(srv, '/api/network/ego?center=skyecc:nobody');
    expect(missing.status).toBe(404);
    expect((await get(srv, `/api/network/path?a=skyecc:nobody&b=${encodeURIComponent(A!)}`)).status).toBe(404);
  });
});
