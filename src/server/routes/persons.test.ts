/**
 * Person level across the workspace (issue 8), over a real HTTP server on a case where analysts
 * merged two handles into one person: key players, disruption, activity and the map.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCase } from '../../api/case.js';
import { decide } from '../../api/identity.js';
import { ingestFile } from '../../api/ingest.js';
import { buildIdentityCase, KUM_CONTACTS, NEW, OLD, SAILOR1 } from '../../api/test-support/identity-case.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { call as http } from '../test-support/http.js';
import type { ActivityResponse, DisruptResponse, KeyPlayersResponse, PlacesResponse, WireKeyPlayer } from '../wire.js';

let srv: RunningServer;
let root: string;
let pk: string;

const call = (method: string, path: string, body?: unknown) => http(srv, method, path, body);
async function get<T>(path: string): Promise<T> {
  const r = await call('GET', path);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body as T;
}
async function disrupt(body: unknown): Promise<DisruptResponse> {
  const r = await call('POST', '/api/disrupt', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as DisruptResponse;
}
const contactMessages = (row: WireKeyPlayer) => new Map(row.contacts.map((c) => [c.key, c.messages]));

describe('person level: key players, disruption, activity, map', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-persons-route-'));
    const casePath = await buildIdentityCase(join(root, 'case'));
    // place mentions by both of Kum's handles (the map per person)
    const at = (day: number) => new Date(Date.UTC(2021, 0, day, 12)).toISOString();
    const places = join(root, 'places.jsonl');
    writeFileSync(
      places,
      [
        { type: 'message', from: OLD, to: [KUM_CONTACTS[0]], ts: at(3), body: 'meet me in Rotterdam' },
        { type: 'message', from: NEW, to: [KUM_CONTACTS[1]], ts: at(25), body: 'meet me in Rotterdam again' },
        { type: 'message', from: NEW, to: [KUM_CONTACTS[1]], ts: at(26), body: 'the container arrives in Antwerp' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
    await withCase(casePath, { threadedWriter: false }, (s) => ingestFile(s, places));
    const d = await decide(casePath, { action: 'merge', a: OLD, b: NEW, name: 'Kum' }, { by: 'test' });
    if (d.action !== 'merge') throw new Error('not a merge');
    pk = `person:${d.person.id}`;
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('ranks the merged person as one row whose measures are the merged node’s; account level keeps the handles', async () => {
    const acc = await get<KeyPlayersResponse>('/api/keyplayers?top=200');
    expect(acc.level).toBe('account');
    const per = await get<KeyPlayersResponse>('/api/keyplayers?top=200&level=person');
    expect(per.level).toBe('person');
    expect(per.nodes).toBe(acc.nodes - 1);
    const keys = per.rows.map((r) => r.key);
    expect(keys.filter((k) => k === pk)).toHaveLength(1);
    expect(keys).not.toContain(OLD);
    expect(keys).not.toContain(NEW);
    expect(keys).toContain(SAILOR1); // not merged: stands for itself
    const person = per.rows.find((r) => r.key === pk)!;
    expect(person.label).toBe('Kum');
    expect(person.account).toBeNull();
    expect(person.members?.map((a) => a.ref).sort()).toEqual([OLD, NEW].sort());
    const old = acc.rows.find((r) => r.key === OLD)!;
    const neu = acc.rows.find((r) => r.key === NEW)!;
    // the person's contact with each shared partner sums both handles' messages
    const [po, pn, pp] = [contactMessages(old), contactMessages(neu), contactMessages(person)];
    expect(pp.size).toBeGreaterThan(0);
    for (const [k, n] of pp) expect(n, k).toBe((po.get(k) ?? 0) + (pn.get(k) ?? 0));
    // one node outranks either handle alone
    expect(person.position).toBeLessThan(Math.min(old.position, neu.position) + 1);
    expect(person.measures.pagerank!.value).toBeGreaterThan(Math.max(old.measures.pagerank!.value, neu.measures.pagerank!.value));
    // both answers stay cached side by side
    expect((await get<KeyPlayersResponse>('/api/keyplayers?level=account')).rows[0]!.key).toBe(acc.rows[0]!.key);
    expect((await call('GET', '/api/keyplayers?level=people')).status).toBe(400);
  });

  it('disruption: removing the person removes all its handles, at either level', async () => {
    const person = await disrupt({ remove: [pk], level: 'person' });
    expect(person.level).toBe('person');
    expect(person.arrests[0]!.nodes.map((n) => n.key)).toEqual([pk]);
    expect(person.steps.at(-1)!.removedTotal).toBe(1);
    // a member's reference names the person's node too
    expect((await disrupt({ remove: [OLD], level: 'person' })).arrests[0]!.nodes.map((n) => n.key)).toEqual([pk]);
    // at account level, person:<id> removes every handle of the person
    const accounts = await disrupt({ remove: [pk] });
    expect(accounts.level).toBe('account');
    expect(accounts.arrests[0]!.nodes.map((n) => n.key).sort()).toEqual([OLD, NEW].sort());
    const oneHandle = await disrupt({ remove: [OLD] });
    // the other handle still holds Kum's contacts together: arresting one handle disrupts less
    expect(accounts.steps.at(-1)!.components).toBeGreaterThan(oneHandle.steps.at(-1)!.components);
    // same result measured on the person-level network
    expect(person.steps.at(-1)!.components).toBe(accounts.steps.at(-1)!.components);
    const missing = await call('POST', '/api/disrupt', { remove: ['person:999'], level: 'person' });
    expect(missing.status).toBe(404);
    const strat = await disrupt({ strategy: 'degree', steps: 1, level: 'person' });
    expect(strat.nodes).toBe(person.nodes);
  });

  it('activity for a person is one series summing its accounts', async () => {
    const one = await get<ActivityResponse>(`/api/activity?unit=month&account=${encodeURIComponent(pk)}`);
    expect(one.series).toHaveLength(1);
    const s = one.series[0]!;
    expect(s.key).toBe(pk);
    expect(s.label).toBe('Kum (2 accounts)');
    expect(s.person?.accounts.map((a) => a.ref).sort()).toEqual([OLD, NEW].sort());
    const both = await get<ActivityResponse>(`/api/activity?unit=month&account=${OLD}&account=${NEW}`);
    const [o, n] = both.series;
    expect(s.totals.messages).toBe(o!.totals.messages + n!.totals.messages);
    expect(s.totals.messages).toBeGreaterThan(Math.max(o!.totals.messages, n!.totals.messages));
    expect(s.messages.reduce((a, b) => a + b, 0)).toBe(s.totals.messages);
    const heat = await get<{ total: number; label: string }>(`/api/activity/heat?account=${encodeURIComponent(pk)}`);
    expect(heat.total).toBe(s.totals.messages + s.totals.calls);
    expect(heat.label).toBe('Kum');
    expect((await call('GET', '/api/activity?account=person:999')).status).toBe(404);
  });

  it('places for a person are those of all its accounts', async () => {
    const person = await get<PlacesResponse>(`/api/places?account=${encodeURIComponent(pk)}`);
    const old = await get<PlacesResponse>(`/api/places?account=${OLD}`);
    const neu = await get<PlacesResponse>(`/api/places?account=${NEW}`);
    const count = (r: PlacesResponse, name: string) => r.points.find((p) => p.label.startsWith(name))?.count ?? 0;
    expect(count(old, 'Rotterdam')).toBe(1);
    expect(count(neu, 'Rotterdam')).toBe(1);
    expect(count(person, 'Rotterdam')).toBe(2);
    expect(count(person, 'Antwerp')).toBe(1);
    const rotterdam = person.points.find((p) => p.label.startsWith('Rotterdam'))!;
    expect(rotterdam.evidence.map((e) => e.account?.ref).sort()).toEqual([OLD, NEW].sort());
    expect(person.filter.account).toBe(pk);
    expect((await call('GET', '/api/places?account=person:999')).status).toBe(404);
  });
});
