/**
 * The legal filter routes (routes/legal.ts) through a real team server on a real PostgreSQL: the
 * owner of the case lists, adds, grants, revokes and removes filters, each change in the audit log
 * as `clew filter` records it; the filter holds at once for the other users (the owner included,
 * until granted it). An analyst, a reader and an auditor of the case are refused (403, the refusal
 * audited) and nothing changes. Bad input answers with its code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLog, openAuditLog } from '../src/api/audit.js';
import { listFilters } from '../src/api/legal.js';
import { ingest, msg } from '../src/store/conformance/support.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import type { PostgresCaseStore } from '../src/store/postgres/store.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser } from '../src/store/postgres/team/test-support/team.js';
import { testCaseLocator } from '../src/store/postgres/test-support/pg-case.js';
import type {} from '../src/store/postgres/test-support/global-setup.js';
import { type RunningTeamServer, startTeamServer } from '../src/server/server.js';
import { teamCall, teamSignIn, type Who } from '../src/server/test-support/team-http.js';

const T0 = Date.UTC(2021, 4, 1, 8);
const ROLES = ['owner', 'analyst', 'reader', 'auditor'] as const;
type Role = (typeof ROLES)[number];

let f: TeamFixture;
let L: PostgresCaseStore;
let srv: RunningTeamServer;
let audit: AuditLog;
let base = '';
const names = {} as Record<Role, string>;
const who = {} as Record<Role, Who>;

interface WireFilter {
  id: number;
  kind: string;
  label: string;
  selection: Record<string, unknown>;
  accountRefs: string[] | null;
  grantees: string[];
  createdBy: string;
  evaluatedAt: number | null;
  fixedMessages: number | null;
}

const call = (r: Role, method: string, path: string, body?: unknown) => teamCall(srv.port, method, `${base}${path}`, { who: who[r], body });
/** The bodies of the messages `r` finds for a word. */
const found = async (r: Role, q: string) => ((await call(r, 'GET', `/search?q=${encodeURIComponent(q)}`)).body.hits as { body?: string; snippet?: string }[]).length;

beforeAll(async () => {
  f = await teamFixture();
  L = await openPostgresStore(testCaseLocator('legalroutes'), { create: true });
  await ingest(
    L,
    [
      msg('sky:ana', ['sky:lawyer'], T0, 'privileged kafa advice'),
      msg('sky:lawyer', ['sky:ana'], T0 + 60_000, 'privileged kafa answer'),
      msg('sky:ana', ['sky:bob'], T0 + 120_000, 'kafa with bob'),
      msg('sky:bob', ['sky:ana'], T0 + 86_400_000 * 40, 'kafa much later'),
    ],
    { analyse: true },
  );
  base = `/api/cases/${encodeURIComponent(L.db.caseName)}`;
  for (const r of ROLES) {
    names[r] = uniqueUser(`leg${r}`);
    await f.admin.addUser(names[r], PASSWORD, 'NL-Politie');
    await f.admin.grant(names[r], L.db.caseName, r);
  }
  audit = await openAuditLog(f.serverUrl, { keyFile: join(mkdtempSync(join(tmpdir(), 'clew-audit-')), 'key.pem') });
  srv = await startTeamServer({
    directory: f.server,
    audit,
    loginRate: { perAddress: { capacity: 1000, perSecond: 100 }, perUser: { capacity: 1000, perSecond: 100 } },
    log: () => {},
  });
  for (const r of ROLES) who[r] = await teamSignIn(srv.port, names[r], PASSWORD);
});
afterAll(async () => {
  await srv?.close();
  await audit?.close();
  await L?.close();
  await f?.close();
});

/** The newest audit entry of `user` with `action`. */
const lastEntry = async (user: string, action: string) => (await audit.query({ user, action, limit: 1, newestFirst: true }))[0];

describe('legal filters through the owner routes', () => {
  it('the owner adds a filter by account: it holds at once for every user not granted it, the owner included; the change is audited as clew filter audits it', async () => {
    expect((await call('owner', 'GET', '/legal-filters')).body).toEqual({ filters: [] });
    expect(await found('analyst', 'privileged')).toBe(2);
    const r = await call('owner', 'POST', '/legal-filters', { kind: 'privileged', label: 'lawyer–client', accounts: ['sky:lawyer'] });
    expect(r.status).toBe(200);
    const made = r.body.filter as unknown as WireFilter;
    expect(made).toMatchObject({ kind: 'privileged', label: 'lawyer–client', accountRefs: ['sky:lawyer'], grantees: [], createdBy: names.owner, evaluatedAt: null });
    expect(await found('analyst', 'privileged')).toBe(0);
    expect(await found('reader', 'kafa')).toBe(2);
    expect(await found('owner', 'privileged')).toBe(0);
    const e = await lastEntry(names.owner, 'legal-filter-add');
    expect(e).toMatchObject({ case: L.db.caseName, agency: 'NL-Politie', records: [made.id], detail: { kind: 'privileged', label: 'lawyer–client', selection: JSON.stringify(made.selection), evaluatedAt: null } });
    const listed = (await call('owner', 'GET', '/legal-filters')).body.filters as unknown as WireFilter[];
    expect(listed.map((x) => x.id)).toEqual([made.id]);
  });

  it('grant, revoke and remove hold at the next request and are audited', async () => {
    const [fl] = (await call('owner', 'GET', '/legal-filters')).body.filters as unknown as WireFilter[];
    const g = await call('owner', 'POST', `/legal-filters/${fl!.id}/grants`, { user: names.analyst });
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ filter: { id: fl!.id, grantees: [names.analyst] }, user: names.analyst });
    expect(await found('analyst', 'privileged')).toBe(2);
    expect(await found('reader', 'privileged')).toBe(0);
    expect(await lastEntry(names.owner, 'legal-filter-grant')).toMatchObject({ records: [fl!.id], detail: { label: 'lawyer–client', user: names.analyst } });

    const v = await call('owner', 'DELETE', `/legal-filters/${fl!.id}/grants/${encodeURIComponent(names.analyst)}`);
    expect(v.status).toBe(200);
    expect((v.body.filter as unknown as WireFilter).grantees).toEqual([]);
    expect(await found('analyst', 'privileged')).toBe(0);
    expect(await lastEntry(names.owner, 'legal-filter-revoke')).toMatchObject({ records: [fl!.id], detail: { user: names.analyst } });

    const d = await call('owner', 'DELETE', `/legal-filters/${fl!.id}`);
    expect(d.status).toBe(200);
    expect((d.body.removed as unknown as WireFilter).id).toBe(fl!.id);
    expect(await found('reader', 'privileged')).toBe(2);
    expect(await lastEntry(names.owner, 'legal-filter-remove')).toMatchObject({ records: [fl!.id], detail: { kind: 'privileged', label: 'lawyer–client' } });
    expect((await call('owner', 'GET', '/legal-filters')).body).toEqual({ filters: [] });
  });

  it('a window and a search: the window hides what falls in it, the search is evaluated now and fixed', async () => {
    const w = await call('owner', 'POST', '/legal-filters', { kind: 'outside_period', label: 'after the warrant', from: T0 + 86_400_000, to: T0 + 86_400_000 * 60 });
    expect(w.status).toBe(200);
    expect(await found('reader', 'later')).toBe(0);
    const s = await call('owner', 'POST', '/legal-filters', { kind: 'privileged', label: 'advice', query: 'advice' });
    expect(s.body.filter).toMatchObject({ selection: { query: 'advice' }, fixedMessages: 1, accountRefs: null });
    expect(await found('reader', 'kafa')).toBe(2);
    for (const x of [w, s]) expect((await call('owner', 'DELETE', `/legal-filters/${(x.body.filter as unknown as WireFilter).id}`)).status).toBe(200);
    expect(await found('reader', 'kafa')).toBe(4);
  });

  it('refuses an analyst, a reader and an auditor (403, the refusal audited) and changes nothing', async () => {
    const fl = (await call('owner', 'POST', '/legal-filters', { kind: 'privileged', label: 'kept', accounts: ['sky:bob'] })).body.filter as unknown as WireFilter;
    for (const r of ['analyst', 'reader', 'auditor'] as const) {
      const tries = [
        await call(r, 'GET', '/legal-filters'),
        await call(r, 'POST', '/legal-filters', { kind: 'privileged', label: 'mine', accounts: ['sky:ana'] }),
        await call(r, 'DELETE', `/legal-filters/${fl.id}`),
        await call(r, 'POST', `/legal-filters/${fl.id}/grants`, { user: names[r] }),
      ];
      expect(tries.map((x) => [x.status, x.body.error?.code]), r).toEqual(tries.map(() => [403, 'FORBIDDEN']));
      for (const x of tries) expect(x.text).not.toContain('kept');
    }
    const refused = await audit.query({ user: names.reader, action: 'refused', limit: 10 });
    expect(refused.map((e) => (e.detail as { action: string }).action)).toEqual(['get:legal-filters', 'post:legal-filters', 'delete:legal-filters._', 'post:legal-filters._.grants']);
    expect(refused[1]).toMatchObject({ case: L.db.caseName, detail: { reason: 'role', role: 'reader' } });
    // nothing changed: one filter, granted to nobody, and the reader still does not see bob's messages
    expect((await listFilters(L)).map((x) => [x.id, x.grantees])).toEqual([[fl.id, []]]);
    expect(await found('reader', 'bob')).toBe(0);
    expect((await call('owner', 'DELETE', `/legal-filters/${fl.id}`)).status).toBe(200);
  });

  it('answers bad input with its code', async () => {
    const bad = async (method: string, path: string, body?: unknown) => {
      const r = await call('owner', method, path, body);
      return [r.status, r.body.error?.code];
    };
    expect(await bad('POST', '/legal-filters', { kind: 'privileged', label: 'two', accounts: ['sky:bob'], query: 'x' })).toEqual([400, 'INVALID_ARGUMENT']);
    expect(await bad('POST', '/legal-filters', { kind: 'secret', label: 'x', accounts: ['sky:bob'] })).toEqual([400, 'INVALID_ARGUMENT']);
    expect(await bad('POST', '/legal-filters', { kind: 'privileged', label: 'x', accounts: ['sky:nobody'] })).toEqual([404, 'NOT_FOUND']);
    expect(await bad('POST', '/legal-filters', { kind: 'outside_period', label: 'x', from: T0, to: T0 })).toEqual([400, 'INVALID_ARGUMENT']);
    expect(await bad('DELETE', '/legal-filters/999999')).toEqual([404, 'NOT_FOUND']);
    const fl = (await call('owner', 'POST', '/legal-filters', { kind: 'privileged', label: 'x', accounts: ['sky:bob'] })).body.filter as unknown as WireFilter;
    expect(await bad('POST', `/legal-filters/${fl.id}/grants`, { user: 'nobody.at.all' })).toEqual([404, 'USER_NOT_FOUND']);
    expect((await call('owner', 'DELETE', `/legal-filters/${fl.id}`)).status).toBe(200);
  });
});
