/**
 * Cross-case discovery through the team server (POST /api/cases/CASE/discovery, GET
 * /api/notifications): two cases, two users of two agencies. The user of case A looking at a
 * phone number that case B also holds learns "case B, owner userB" and nothing of B's content;
 * userB is told who looked; a selector B does not hold gives nothing; a too-broad selector is not
 * looked up; every lookup and notification read is in the audit log. A watchlist's run says the
 * same of its selectors (matched in A or not), within the same hourly budget: past it, the run
 * answers its rows and says other cases were not asked. In `clew serve` (SQLite) the same route
 * answers `available: false` and nothing breaks.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamCall, teamSignIn } from '../src/server/test-support/team-http.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog, type AuditLog } from '../src/api/audit.js';
import { type RunningTeamServer, startTeamServer } from '../src/server/server.js';
import { ingest, msg } from '../src/store/conformance/support.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import type { PostgresCaseStore } from '../src/store/postgres/store.js';
import { testCaseLocator } from '../src/store/postgres/test-support/pg-case.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser } from '../src/store/postgres/team/test-support/team.js';
import type { NotificationsResponse } from '../src/server/contract/discovery.js';
import type { WatchRunResponse } from '../src/server/wire.js';
import type {} from '../src/store/postgres/test-support/global-setup.js';

const req = teamCall;

const signIn = (port: number, user: string) => teamSignIn(port, user, PASSWORD);

const tag = randomBytes(4).toString('hex');
const phone = `+38164${String(randomInt(1_000_000, 9_999_999))}`;
const phoneOnlyA = `+38165${String(randomInt(1_000_000, 9_999_999))}`;
const secret = `tajna${tag}`;

let f: TeamFixture;
let A: PostgresCaseStore;
let B: PostgresCaseStore;
let srv: RunningTeamServer;
let audit: AuditLog;
const u = { a: '', b: '' };

beforeAll(async () => {
  f = await teamFixture();
  A = await openPostgresStore(testCaseLocator('tdsa'), { create: true });
  await ingest(A, [msg(`sky:a${tag}`, [`sky:a2${tag}`], Date.UTC(2021, 0, 1), `zovi ${phone} ili ${phoneOnlyA}`)], { analyse: true });
  B = await openPostgresStore(testCaseLocator('tdsb'), { create: true });
  await ingest(B, [msg(`sky:b${tag}`, [`sky:b2${tag}`], Date.UTC(2022, 0, 1), `${secret}: novi broj ${phone}`)], { analyse: true });
  u.a = uniqueUser('usera');
  u.b = uniqueUser('userb');
  await f.admin.addUser(u.a, PASSWORD, 'NL-Politie');
  await f.admin.addUser(u.b, PASSWORD, 'RS-MUP');
  await f.admin.grant(u.a, A.db.caseName, 'owner');
  await f.admin.grant(u.b, B.db.caseName, 'owner');
  audit = await openAuditLog(f.serverUrl, { keyFile: join(mkdtempSync(join(tmpdir(), 'clew-audit-')), 'key.pem') });
  srv = await startTeamServer({ directory: f.server, audit, log: () => {} });
});
afterAll(async () => {
  await srv?.close();
  await audit?.close();
  await A?.close();
  await B?.close();
  await f?.close();
});

describe('cross-case discovery in the team server', () => {
  it('tells user A only that case B holds the phone number and who owns it; user B is told who looked', async () => {
    const a = await signIn(srv.port, u.a);
    const r = await req(srv.port, 'POST', `/api/cases/${A.db.caseName}/discovery`, { who: a, body: { selectors: [`phone:${phone}`, `phone:${phoneOnlyA}`, '+3'], accounts: [`sky:a${tag}`] } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      available: true,
      hits: [{ selector: `phone:${phone}`, inputs: [`phone:${phone}`], case: B.db.caseName, owners: [{ name: u.b, agency: 'RS-MUP' }] }],
      refused: [{ selector: '+3', reason: expect.stringMatching(/too broad/) }],
    });
    // nothing of B's content, no count, no id
    expect(r.text).not.toContain(secret);
    expect(r.text).not.toContain(`b${tag}`);

    const b = await signIn(srv.port, u.b);
    const n = await req(srv.port, 'GET', '/api/notifications', { who: b });
    expect(n.status).toBe(200);
    const body = n.body as unknown as NotificationsResponse;
    expect(body.unseen).toBe(1);
    expect(body.notifications).toEqual([
      { id: expect.any(Number), at: expect.any(Number), kind: 'discovery', looker: { name: u.a, agency: 'NL-Politie' }, fromCase: A.db.caseName, case: B.db.caseName, selector: `phone:${phone}`, seenAt: null },
    ]);
    expect((await req(srv.port, 'POST', '/api/notifications/seen', { who: b, body: { upTo: body.notifications[0]!.id } })).status).toBe(200);
    expect(((await req(srv.port, 'GET', '/api/notifications', { who: b })).body as unknown as NotificationsResponse).unseen).toBe(0);
    // A's own notifications hold nothing of B's
    expect(((await req(srv.port, 'GET', '/api/notifications', { who: a })).body as unknown as NotificationsResponse).notifications).toEqual([]);

    // in the audit log: the lookup with its selectors, the notification read
    const ofA = await audit.query({ user: u.a, limit: 100 });
    const look = ofA.find((e) => e.action === 'post:discovery')!;
    expect(look).toMatchObject({ case: A.db.caseName });
    expect(JSON.stringify(look.detail)).toContain(phone);
    expect((await audit.query({ user: u.b, limit: 100 })).map((e) => e.action)).toContain('get:notifications');
  });

  it('a selector case B does not hold gives nothing, and nobody is told', async () => {
    const a = await signIn(srv.port, u.a);
    const r = await req(srv.port, 'POST', `/api/cases/${A.db.caseName}/discovery`, { who: a, body: { selectors: [`phone:${phoneOnlyA}`, `email:nobody${tag}@example.org`] } });
    expect(r.body).toEqual({ available: true, hits: [], refused: [] });
    const b = await signIn(srv.port, u.b);
    expect(((await req(srv.port, 'GET', '/api/notifications', { who: b })).body as unknown as NotificationsResponse).notifications.length).toBe(1);
  });

  it("a watchlist run tells user A which other case holds a selector of the list (matched in A or not), and its owner only; B's owner is told", async () => {
    const a = await signIn(srv.port, u.a);
    const onlyB = `+38166${String(randomInt(1_000_000, 9_999_999))}`;
    await ingest(B, [msg(`sky:b${tag}`, [`sky:b2${tag}`], Date.UTC(2022, 0, 2), `${secret} drugi broj ${onlyB}`)], { sha: 'b2', name: 'b2.jsonl', analyse: true });
    const list = `phone:${phone}\nphone:${onlyB}\nphone:${phoneOnlyA}\nname:Marko Markovic\n`;
    const up = await req(srv.port, 'POST', `/api/cases/${A.db.caseName}/watch/lists?name=disc`, { who: a, body: list, headers: { 'Content-Type': 'text/plain' } });
    expect(up.status, up.text).toBe(200);
    const r = await req(srv.port, 'GET', `/api/cases/${A.db.caseName}/watch/lists/disc/run`, { who: a });
    expect(r.status).toBe(200);
    const run = r.body as unknown as WatchRunResponse;
    // the phone A holds too is matched in A; the one only B holds is not, and is found in B all the same
    expect(run.rows.map((x) => x.value)).toEqual([phone, phoneOnlyA]);
    expect(run.otherCases).toEqual({
      available: true,
      hits: [
        { selector: `phone:${phone}`, inputs: [`phone:${phone}`], case: B.db.caseName, owners: [{ name: u.b, agency: 'RS-MUP' }] },
        { selector: `phone:${onlyB}`, inputs: [`phone:${onlyB}`], case: B.db.caseName, owners: [{ name: u.b, agency: 'RS-MUP' }] },
      ],
      skipped: 0,
      limited: false,
    });
    expect(r.text).not.toContain(secret);
    const b = await signIn(srv.port, u.b);
    const told = ((await req(srv.port, 'GET', '/api/notifications', { who: b })).body as unknown as NotificationsResponse).notifications;
    expect(told.map((n) => n.selector)).toContain(`phone:${onlyB}`);
  });

  it("a watchlist run past the user's hourly budget answers its rows, and says other cases were not asked", async () => {
    const c = uniqueUser('userc');
    await f.admin.addUser(c, PASSWORD, 'NL-Politie');
    await f.admin.grant(c, A.db.caseName, 'analyst');
    const who = await signIn(srv.port, c);
    // spend the budget: 10 lookups of 500 numbers nobody holds
    for (let k = 0; k < 10; k++) {
      const selectors = Array.from({ length: 500 }, (_, i) => `phone:+38164${String(1_000_000 + k * 500 + i)}`);
      expect((await req(srv.port, 'POST', `/api/cases/${A.db.caseName}/discovery`, { who, body: { selectors } })).status).toBe(200);
    }
    const r = await req(srv.port, 'GET', `/api/cases/${A.db.caseName}/watch/lists/disc/run`, { who });
    expect(r.status).toBe(200);
    const run = r.body as unknown as WatchRunResponse;
    expect(run.rows.length).toBe(2);
    expect(run.otherCases).toEqual({ available: true, hits: [], skipped: 3, limited: true });
  });

  it('looks up only from a case the user may read; notifications need a session', async () => {
    const a = await signIn(srv.port, u.a);
    expect((await req(srv.port, 'POST', `/api/cases/${B.db.caseName}/discovery`, { who: a, body: { selectors: [`phone:${phone}`] } })).status).toBe(404);
    expect((await req(srv.port, 'GET', '/api/notifications')).status).toBe(401);
  });
});

describe('clew serve (SQLite)', () => {
  it('answers available: false and nothing breaks', async () => {
    const { startServer } = await import('../src/server/server.js');
    const { openCase } = await import('../src/api/case.js');
    const dir = mkdtempSync(join(tmpdir(), 'clew-disc-'));
    const path = join(dir, 'c.clew');
    const s = await openCase(path, { create: true });
    await ingest(s, [msg('sky:x1', ['sky:x2'], Date.UTC(2021, 0, 1), `zovi ${phone}`)], { analyse: true });
    await s.close();
    const running = await startServer({ casePath: path, token: 't'.repeat(32), log: () => {} });
    try {
      for (const path of ['/api/cases/c.clew/discovery', '/api/discovery']) {
        const r = await req(running.port, 'POST', path, { token: 't'.repeat(32), body: { selectors: [`phone:${phone}`, 'x'] } });
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ available: false, hits: [], refused: [{ selector: 'x', reason: expect.stringMatching(/too broad/) }] });
      }
      expect((await req(running.port, 'GET', '/api/notifications', { token: 't'.repeat(32) })).status).toBe(404);
    } finally {
      await running.close();
    }
  });
});
