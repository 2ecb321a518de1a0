/**
 * Legal filters through the team server (src/store/postgres/team/legal.ts, src/api/legal.ts): two
 * analysts of one case, one granted the filter. The other's search, message, stats, dossier, CSV
 * export and network hold nothing of the filtered messages nor of the filtered account's calls, and an id taken from the filter answers
 * NOT_FOUND exactly as an id that does not exist; the granted one sees them.
 */
import { teamCall } from '../src/server/test-support/team-http.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFilter, grantFilter } from '../src/api/legal.js';
import { type RunningTeamServer, startTeamServer } from '../src/server/server.js';
import type { DossierResponse, SessionResponse, StatsResponse } from '../src/server/wire.js';
import { call, ingest, msg } from '../src/store/conformance/support.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import type { PostgresCaseStore } from '../src/store/postgres/store.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser } from '../src/store/postgres/team/test-support/team.js';
import { testCaseLocator } from '../src/store/postgres/test-support/pg-case.js';
import type {} from '../src/store/postgres/test-support/global-setup.js';

const req = (srv: RunningTeamServer, method: string, path: string, cookie = '', body?: unknown) => teamCall(srv.port, method, path, { who: { cookie, csrf: '' }, body });

let f: TeamFixture;
let L: PostgresCaseStore;
let srv: RunningTeamServer;
let C: string;
const cookies = { x: '', g: '' };
let secretId = 0;
const T0 = Date.UTC(2021, 4, 1, 8);

beforeAll(async () => {
  f = await teamFixture();
  L = await openPostgresStore(testCaseLocator('legalsrv'), { create: true });
  await ingest(
    L,
    [
      msg('sky:ana', ['sky:lawyer'], T0, 'privileged kafa advice'),
      msg('sky:lawyer', ['sky:ana'], T0 + 60_000, 'privileged kafa answer'),
      msg('sky:ana', ['sky:bob'], T0 + 120_000, 'kafa with bob'),
      msg('sky:bob', ['sky:ana'], T0 + 180_000, 'kafa back to ana'),
      // calls under the same filter (by account) and one it does not cover
      call('sky:ana', 'sky:lawyer', T0 + 240_000, 60),
      call('sky:bob', 'sky:ana', T0 + 300_000, 30),
    ],
    { analyse: true },
  );
  C = L.db.caseName;
  secretId = (await L.search({ text: 'advice', mode: 'folded' } as never, { limit: 5 }).catch(() => null))?.hits[0]?.id ?? 0;
  const fl = await addFilter(L, { kind: 'privileged', label: 'lawyer', accounts: ['sky:lawyer'] }, 'admin');
  const names = { x: uniqueUser('legx'), g: uniqueUser('legg') };
  for (const k of ['x', 'g'] as const) {
    await f.admin.addUser(names[k], PASSWORD);
    await f.admin.grant(names[k], C, 'analyst');
  }
  await grantFilter(L, fl.id, names.g, 'admin');
  srv = await startTeamServer({
    directory: f.server,
    loginRate: { perAddress: { capacity: 1000, perSecond: 100 }, perUser: { capacity: 1000, perSecond: 100 } },
    signInRateLimit: { capacity: 1000, perSecond: 100 },
    log: () => {},
  });
  for (const k of ['x', 'g'] as const) {
    const r = await req(srv, 'POST', '/api/session', '', { user: names[k], password: PASSWORD });
    expect((r.body as unknown as SessionResponse).user).toBeDefined();
    cookies[k] = r.cookie;
  }
});
afterAll(async () => {
  await srv?.close();
  await L?.close();
  await f?.close();
});

describe('legal filters through the team server', () => {
  it('search, message, stats, dossier, CSV export and network hold none of the filtered messages for the user not granted them', async () => {
    const base = `/api/cases/${encodeURIComponent(C)}`;
    const gSearch = await req(srv, 'GET', `${base}/search?q=kafa`, cookies.g);
    expect(gSearch.status).toBe(200);
    const all = (gSearch.body.hits as { id: number; body?: string; snippet?: string }[]).map((h) => h.id);
    expect(all).toHaveLength(4);
    const xSearch = await req(srv, 'GET', `${base}/search?q=kafa`, cookies.x);
    const seen = (xSearch.body.hits as { id: number }[]).map((h) => h.id);
    expect(seen).toHaveLength(2);
    const hidden = all.filter((id) => !seen.includes(id));
    expect(hidden).toHaveLength(2);
    expect(secretId === 0 || hidden.includes(secretId)).toBe(true);
    expect((await req(srv, 'GET', `${base}/search?q=privileged`, cookies.x)).body.hits).toEqual([]);
    for (const path of ['/stats', `/dossier/${encodeURIComponent('sky:ana')}`, '/csv/search?q=kafa', '/network']) {
      const x = await req(srv, 'GET', `${base}${path}`, cookies.x);
      expect(x.status, path).toBe(200);
      expect(x.text, path).not.toContain('privileged');
      expect(x.text, path).not.toContain('sky:lawyer');
      for (const id of hidden) expect(x.text, path).not.toContain(String(id));
    }
    const gDossier = await req(srv, 'GET', `${base}/dossier/${encodeURIComponent('sky:ana')}`, cookies.g);
    expect(gDossier.text).toContain('sky:lawyer');
    const gNet = await req(srv, 'GET', `${base}/network`, cookies.g);
    expect(gNet.text).toContain('sky:lawyer');
    // an id taken from the filter: NOT_FOUND, in the same words as an id that does not exist
    const x1 = await req(srv, 'GET', `${base}/messages/${hidden[0]}`, cookies.x);
    const x2 = await req(srv, 'GET', `${base}/messages/${hidden[0]! + 7}`, cookies.x);
    expect(x1.status).toBe(404);
    expect(x1.body.error?.code).toBe('NOT_FOUND');
    expect([x1.status, x1.body.error?.code, x1.body.error?.message.replace(/\d+/g, 'N')]).toEqual([x2.status, x2.body.error?.code, x2.body.error?.message.replace(/\d+/g, 'N')]);
    expect((await req(srv, 'GET', `${base}/messages/${hidden[0]}`, cookies.g)).status).toBe(200);
    // the language counts: g's first (kept for the pool and case), then x's, which must not be g's
    const total = (r: { body: unknown }) => (r.body as { languages: { messages: number }[] }).languages.reduce((n, l) => n + l.messages, 0);
    expect(total(await req(srv, 'GET', `${base}/languages`, cookies.g))).toBe(4);
    expect(total(await req(srv, 'GET', `${base}/languages`, cookies.x))).toBe(2);
    expect(total(await req(srv, 'GET', `${base}/languages`, cookies.g))).toBe(4);
    // calls: the lawyer's are hidden too, from the counts as from the lists
    const calls = async (cookie: string) => ((await req(srv, 'GET', `${base}/stats`, cookie)).body as unknown as StatsResponse).stats.calls;
    expect([await calls(cookies.x), await calls(cookies.g)]).toEqual([1, 2]);
    const xAna = (await req(srv, 'GET', `${base}/dossier/${encodeURIComponent('sky:ana')}`, cookies.x)).body as unknown as DossierResponse;
    expect([xAna.activity.callsMade, xAna.activity.callsReceived]).toEqual([0, 1]);
    const gAna = (await req(srv, 'GET', `${base}/dossier/${encodeURIComponent('sky:ana')}`, cookies.g)).body as unknown as DossierResponse;
    expect([gAna.activity.callsMade, gAna.activity.callsReceived]).toEqual([1, 1]);
    // their states are not shared: x's network was not served to g from a cache, nor g's to x
    expect(srv.openCases()).toEqual([C]);
  });
});
