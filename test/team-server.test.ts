/**
 * The team server (`clew server --db`, src/server/server.ts startTeamServer) over a real team
 * directory in the test run's PostgreSQL, connected as a role row-level security binds: sign in
 * and out, wrong passwords, disabled users, expired and revoked sessions, CSRF, a cross-site form
 * post, another case's name in every route, roles, the login rate limit, the shared case state.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type TeamCallOptions, teamCall, teamSignIn } from '../src/server/test-support/team-http.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTeamServer, startTeamServer, type TeamServeOptions } from '../src/server/server.js';
import { ROUTES } from '../src/server/routes.js';
import type { PostgresCaseStore } from '../src/store/postgres/store.js';
import { PgTeamDirectory } from '../src/store/postgres/team/directory.js';
import { PASSWORD, type TeamFixture, caseWith, teamFixture, uniqueUser } from '../src/store/postgres/team/test-support/team.js';
import type { AuditEntriesResponse, CasesResponse, SearchResponse, SessionResponse } from '../src/server/wire.js';
// the type of the test run's PostgreSQL, which vitest provides (inject('clewTestPg'))
import type {} from '../src/store/postgres/test-support/global-setup.js';

const req = (srv: RunningTeamServer, method: string, path: string, o: TeamCallOptions = {}) => teamCall(srv.port, method, path, o);

const signIn = (srv: RunningTeamServer, user: string, password = PASSWORD, headers: Record<string, string> = {}) => teamSignIn(srv.port, user, password, headers);

/** A path standing for each route (each capture a plausible value). */
function samplePath(pattern: RegExp): string {
  return pattern.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\\\//g, '/')
    .replace(/\\\./g, '.')
    .replace(/\(\.\+\)/g, 'x')
    .replace(/\(([A-Za-z0-9_-]+)(\|[A-Za-z0-9_-]+)*\)/g, '$1')
    .replace(/\([^)]*\)/g, '1');
}

let f: TeamFixture;
let caseA: PostgresCaseStore;
let caseB: PostgresCaseStore;
let A: string;
let B: string;
let srv: RunningTeamServer;
const users = { analyst: '', reader: '', auditor: '', other: '', doomed: '' };

const generous: Partial<TeamServeOptions> = {
  loginRate: { perAddress: { capacity: 1000, perSecond: 100 }, perUser: { capacity: 1000, perSecond: 100 } },
  signInRateLimit: { capacity: 1000, perSecond: 100 },
  log: () => {},
};

beforeAll(async () => {
  f = await teamFixture();
  caseA = await caseWith('srva', ['kafa alpha one', 'kafa alpha two', 'brod stiže sutra']);
  caseB = await caseWith('srvb', ['kafa bravo secret', 'bravo only words']);
  A = caseA.db.caseName;
  B = caseB.db.caseName;
  users.analyst = uniqueUser('ana');
  users.reader = uniqueUser('rea');
  users.auditor = uniqueUser('aud');
  users.other = uniqueUser('bob');
  users.doomed = uniqueUser('dis');
  await f.admin.addUser(users.analyst, PASSWORD, 'NL-Politie');
  await f.admin.addUser(users.reader, PASSWORD, 'FR-PJ');
  await f.admin.addUser(users.auditor, PASSWORD, 'EU-Agency');
  await f.admin.addUser(users.other, PASSWORD, 'RS-Policija');
  await f.admin.addUser(users.doomed, PASSWORD, 'BE-FGP');
  await f.admin.grant(users.analyst, A, 'analyst');
  await f.admin.grant(users.reader, A, 'reader');
  await f.admin.grant(users.auditor, A, 'auditor');
  await f.admin.grant(users.other, B, 'analyst');
  await f.admin.grant(users.doomed, A, 'reader');
  srv = await startTeamServer({ directory: f.server, ...generous });
});

afterAll(async () => {
  await srv?.close();
  await caseA?.close();
  await caseB?.close();
  await f?.close();
});

describe('signing in and out', () => {
  it('signs in with JSON, sets an HttpOnly SameSite=Strict cookie, and says who is signed in', async () => {
    const who = await signIn(srv, users.analyst);
    expect(who.reply.status).toBe(200);
    const set = String(who.reply.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\//);
    const s = who.reply.body as unknown as SessionResponse;
    expect(s).toMatchObject({ mode: 'team', user: { name: users.analyst, agency: 'NL-Politie' }, cases: [{ name: A, role: 'analyst' }] });
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const me = await req(srv, 'GET', '/api/session', { who });
    expect(me.status).toBe(200);
    expect((me.body as unknown as SessionResponse).user?.name).toBe(users.analyst);
    expect((await req(srv, 'GET', '/api/cases', { who })).body as unknown as CasesResponse).toEqual({ cases: [{ name: A, role: 'analyst' }] });
    const hits = await req(srv, 'GET', `/api/cases/${A}/search?q=kafa`, { who });
    expect(hits.status).toBe(200);
    expect((hits.body as unknown as SearchResponse).hits.length).toBe(2);
  });

  it('answers 401 to nobody signed in, on the API only (the app shell is public)', async () => {
    expect((await req(srv, 'GET', '/api/session')).status).toBe(401);
    expect((await req(srv, 'GET', '/api/cases')).status).toBe(401);
    expect((await req(srv, 'GET', `/api/cases/${A}/stats`)).status).toBe(401);
    expect((await req(srv, 'GET', '/api/search?q=kafa')).status).toBe(401);
  });

  it('refuses a wrong password, an unknown user and a disabled one alike', async () => {
    const wrong = await signIn(srv, users.analyst, `${PASSWORD}x`);
    const unknown = await signIn(srv, uniqueUser('nobody'));
    expect(wrong.reply.status).toBe(401);
    expect(unknown.reply.status).toBe(401);
    expect(wrong.reply.body).toEqual(unknown.reply.body);
    expect(wrong.reply.headers['set-cookie']).toBeUndefined();
    const bad = await req(srv, 'POST', '/api/session', { body: { user: users.analyst } });
    expect(bad.status).toBe(400);
  });

  it("a disabled user's sessions die, and they cannot sign in again", async () => {
    const who = await signIn(srv, users.doomed);
    expect((await req(srv, 'GET', `/api/cases/${A}/stats`, { who })).status).toBe(200);
    await f.admin.disableUser(users.doomed);
    expect((await req(srv, 'GET', `/api/cases/${A}/stats`, { who })).status).toBe(401);
    const again = await signIn(srv, users.doomed);
    expect(again.reply.status).toBe(401);
    expect(again.reply.body).toEqual((await signIn(srv, users.analyst, 'not the password at all')).reply.body);
  });

  it('signs out: the session is revoked, a stolen copy of the cookie opens nothing', async () => {
    const who = await signIn(srv, users.reader);
    expect((await req(srv, 'GET', '/api/cases', { who })).status).toBe(200);
    // sign-out is a DELETE: it needs the CSRF token too
    expect((await req(srv, 'DELETE', '/api/session', { who, csrf: null })).status).toBe(403);
    const out = await req(srv, 'DELETE', '/api/session', { who });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
    for (const path of ['/api/session', '/api/cases', `/api/cases/${A}/search?q=kafa`]) expect((await req(srv, 'GET', path, { who })).status).toBe(401);
  });

  it('a session expires', async () => {
    const short = await startTeamServer({ directory: f.server, ...generous, sessionTtlMs: 1200 });
    try {
      const who = await signIn(short, users.reader);
      expect((await req(short, 'GET', '/api/cases', { who })).status).toBe(200);
      await new Promise((ok) => setTimeout(ok, 1500));
      expect((await req(short, 'GET', '/api/cases', { who })).status).toBe(401);
      expect((await req(short, 'GET', `/api/cases/${A}/stats`, { who })).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('CSRF and cross-site requests', () => {
  it('refuses a POST or DELETE without the session CSRF token, or with a forged one', async () => {
    const who = await signIn(srv, users.analyst);
    const hit = ((await req(srv, 'GET', `/api/cases/${A}/search?q=kafa`, { who })).body as unknown as SearchResponse).hits[0]!;
    const body = { action: 'star', item: `message:${hit.id}` };
    for (const csrf of [null, '', 'forged-token-forged-token-forged-token-xx', (await signIn(srv, users.reader)).csrf]) {
      const r = await req(srv, 'POST', `/api/cases/${A}/annotations`, { who, body, csrf });
      expect([r.status, r.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    }
    const ok = await req(srv, 'POST', `/api/cases/${A}/annotations`, { who, body });
    expect(ok.status).toBe(200);
  });

  it('refuses a cross-site form post, signed in or not', async () => {
    const who = await signIn(srv, users.analyst);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' };
    const post = await req(srv, 'POST', `/api/cases/${A}/annotations`, { who, body: 'action=star&item=message%3A1', headers: form });
    expect([post.status, post.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    const login = await req(srv, 'POST', '/api/session', { body: `user=${users.analyst}&password=x`, headers: form });
    expect(login.status).toBe(403);
    // no Origin at all: refused too
    const bare = await req(srv, 'POST', '/api/session', { body: { user: users.analyst, password: PASSWORD }, headers: { Origin: '' } });
    expect(bare.status).toBe(403);
  });
});

describe('need-to-know at the API', () => {
  it("gives the same NOT_FOUND for another case's name as for no case, in every route", async () => {
    const who = await signIn(srv, users.other); // analyst on B only
    const missing = `no_such_case_${process.pid}`;
    for (const route of ROUTES) {
      const path = samplePath(route.pattern);
      const body = route.method === 'GET' || route.streamBody ? undefined : {};
      const theirs = await req(srv, route.method, `/api/cases/${A}${path}`, { who, body });
      const none = await req(srv, route.method, `/api/cases/${missing}${path}`, { who, body });
      expect([route.method, path, theirs.status, theirs.body.error?.code]).toEqual([route.method, path, 404, 'NOT_FOUND']);
      expect(none.status).toBe(404);
      expect(theirs.text.replace(A, 'CASE')).toBe(none.text.replace(missing, 'CASE'));
      expect(theirs.text).not.toContain('alpha');
    }
  });

  it('shows each user only their case', async () => {
    const a = await signIn(srv, users.analyst);
    const b = await signIn(srv, users.other);
    const hitsA = (await req(srv, 'GET', `/api/cases/${A}/search?q=kafa`, { who: a })).body as unknown as SearchResponse;
    const hitsB = (await req(srv, 'GET', `/api/cases/${B}/search?q=kafa`, { who: b })).body as unknown as SearchResponse;
    expect(JSON.stringify(hitsA)).toContain('alpha');
    expect(JSON.stringify(hitsA)).not.toContain('bravo');
    expect(JSON.stringify(hitsB)).toContain('bravo');
    expect(JSON.stringify(hitsB)).not.toContain('alpha');
  });

  it('a reader reads but may not write; an analyst may', async () => {
    const who = await signIn(srv, users.reader);
    expect((await req(srv, 'GET', `/api/cases/${A}/search?q=kafa`, { who })).status).toBe(200);
    // a read sent as POST (annotations of a list of items) is a reader's too
    expect((await req(srv, 'POST', `/api/cases/${A}/annotations/lookup`, { who, body: { items: [] } })).status).toBe(200);
    for (const [path, body] of [
      ['/annotations', { action: 'tag', item: 'message:1', tag: 'x' }],
      ['/watch/searches', { name: 'w', query: 'kafa' }],
      ['/translate', { ids: [1], to: 'en' }],
      ['/identity/decide', { action: 'merge', a: 'x', b: 'y' }],
    ] as const) {
      const r = await req(srv, 'POST', `/api/cases/${A}${path}`, { who, body });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    const up = await req(srv, 'POST', `/api/cases/${A}/uploads?name=x.jsonl`, { who, body: '{}' });
    expect(up.status).toBe(403);
  });

  it('an auditor reads none of the case routes', async () => {
    const who = await signIn(srv, users.auditor);
    // listed with their role (the workspace shows them the Audit view only)
    expect(((await req(srv, 'GET', '/api/cases', { who })).body as unknown as CasesResponse).cases).toEqual([{ name: A, role: 'auditor' }]);
    for (const path of ['/search?q=kafa', '/messages/1', '/stats', '/network', '/entities']) {
      const r = await req(srv, 'GET', `/api/cases/${A}${path}`, { who });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
      expect(r.text).not.toContain('kafa');
    }
  });

  it("runs a case's analyses as jobs opened as its users (in this process), and a reader's request shares them", async () => {
    const a = await signIn(srv, users.analyst);
    const r = await signIn(srv, users.reader);
    let first = await req(srv, 'GET', `/api/cases/${A}/keyplayers`, { who: a });
    for (let i = 0; i < 200 && first.status === 202; i++) {
      const job = (first.body as { job: { id: string } }).job;
      await req(srv, 'GET', `/api/cases/${A}/jobs/${job.id}`, { who: a });
      await new Promise((ok) => setTimeout(ok, 50));
      first = await req(srv, 'GET', `/api/cases/${A}/keyplayers`, { who: a });
    }
    expect(first.status).toBe(200);
    expect((first.body as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    const shared = await req(srv, 'GET', `/api/cases/${A}/keyplayers`, { who: r });
    expect(shared.status).toBe(200);
    expect(shared.text).toBe(first.text);
    expect(shared.text).not.toContain('srvb');
  });

  it('a revoked grant ends what the user could read at once', async () => {
    const name = uniqueUser('tmp');
    await f.admin.addUser(name, PASSWORD);
    await f.admin.grant(name, A, 'reader');
    const who = await signIn(srv, name);
    expect((await req(srv, 'GET', `/api/cases/${A}/stats`, { who })).status).toBe(200);
    await f.admin.revoke(name, A);
    expect((await req(srv, 'GET', `/api/cases/${A}/stats`, { who })).status).toBe(404);
  });

  it('keeps one state per open case, shared by its users, dropped when idle', async () => {
    const idle = await startTeamServer({ directory: f.server, ...generous, idleCaseMs: 600 });
    try {
      const a = await signIn(idle, users.analyst);
      const r = await signIn(idle, users.reader);
      await req(idle, 'GET', `/api/cases/${A}/stats`, { who: a });
      await req(idle, 'GET', `/api/cases/${A}/stats`, { who: r });
      expect(idle.openCases()).toEqual([A]);
      await new Promise((ok) => setTimeout(ok, 2000));
      expect(idle.openCases()).toEqual([]);
      expect((await req(idle, 'GET', `/api/cases/${A}/search?q=kafa`, { who: r })).status).toBe(200);
    } finally {
      await idle.close();
    }
  });
});

describe('one read-only transaction per request', () => {
  it('every GET route, answered, failed or refused, ends its transaction and gives its connection back: a server on a pool of two serves them all in turn', async () => {
    // a pool of two lends one connection to a request at a time: one never given back stops the next request
    const app = `clew-txn-${randomBytes(4).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: f.serverUrl, max: 2, application_name: app });
    const small = await startTeamServer({ directory: new PgTeamDirectory(pool, 'test'), ...generous });
    const admin = await f.adminClient();
    const open = async () => (await admin.query(`SELECT state FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle'`, [app])).rows;
    try {
      const reader = await signIn(small, users.reader);
      const auditor = await signIn(small, users.auditor);
      const statuses = new Set<number>();
      for (const route of ROUTES.filter((r) => r.method === 'GET'))
        for (const [who, name] of [
          [reader, A],
          [reader, B],
          [auditor, A],
        ] as const) {
          const r = await teamCall(small.port, 'GET', `/api/cases/${name}${samplePath(route.pattern)}`, { who });
          expect([route.pattern.source, r.status === 500 ? r.text : 'ok']).toEqual([route.pattern.source, 'ok']);
          statuses.add(r.status);
        }
      expect([...statuses]).toEqual(expect.arrayContaining([200, 403, 404]));
      const hits = await req(small, 'GET', `/api/cases/${A}/search?q=kafa`, { who: reader });
      expect((hits.body as unknown as SearchResponse).hits).toHaveLength(2);
      // the last request's COMMIT may still be on its way
      for (let i = 0; i < 50 && (await open()).length > 0; i++) await new Promise((ok) => setTimeout(ok, 20));
      expect(await open()).toEqual([]);
      expect(pool.idleCount).toBe(pool.totalCount);
    } finally {
      await small.close();
      await pool.end();
    }
  });
});

describe('the login rate limit', () => {
  it('holds over 1,000 failed logins from one address, while signed-in users go on', async () => {
    const limited = await startTeamServer({ directory: f.server, log: () => {}, loginRate: { perAddress: { capacity: 10, perSecond: 10 / 60 }, perUser: { capacity: 5, perSecond: 5 / 60 } } });
    try {
      const who = await signIn(limited, users.analyst);
      expect(who.reply.status).toBe(200);
      const statuses = new Map<number, number>();
      const names = Array.from({ length: 1000 }, (_, i) => `attacker${i % 50}`);
      const busy: number[] = [];
      const fire = async (batch: string[]) => {
        const rs = await Promise.all(batch.map((n) => req(limited, 'POST', '/api/session', { body: { user: n, password: 'guess-guess-guess' } })));
        for (const r of rs) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      };
      const quiet: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        expect((await req(limited, 'GET', `/api/cases/${A}/stats`, { who })).status).toBe(200);
        quiet.push(performance.now() - t);
      }
      for (let i = 0; i < names.length; i += 50) {
        // a burst of 50 guesses and, meanwhile, a signed-in user's request
        const burst = fire(names.slice(i, i + 50));
        const t = performance.now();
        const r = await req(limited, 'GET', `/api/cases/${A}/stats`, { who });
        busy.push(performance.now() - t);
        expect(r.status).toBe(200);
        await burst;
      }
      // at most the address's budget reached a password check; every other attempt was refused unread
      expect((statuses.get(401) ?? 0) + (statuses.get(400) ?? 0)).toBeLessThanOrEqual(10);
      expect(statuses.get(429)).toBeGreaterThanOrEqual(990);
      // the signed-in user's requests all went through between the bursts
      expect(busy.length).toBe(20);
      if (process.env.CLEW_PRINT_TIMINGS) {
        const med = (xs: number[]) => Math.round([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!);
        console.log(`signed-in GET /stats, median ms: quiet ${med(quiet)}, during the flood ${med(busy)}`);
      }
    } finally {
      await limited.close();
    }
  });

  it('limits attempts on one user name from many addresses (a trusted proxy forwards them), and believes X-Forwarded-For only from it', async () => {
    const proxied = await startTeamServer({
      directory: f.server,
      log: () => {},
      trustProxy: ['127.0.0.1'],
      loginRate: { perAddress: { capacity: 100, perSecond: 100 / 60 }, perUser: { capacity: 5, perSecond: 5 / 60 } },
    });
    const direct = await startTeamServer({ directory: f.server, log: () => {}, loginRate: { perAddress: { capacity: 5, perSecond: 5 / 60 }, perUser: { capacity: 100, perSecond: 100 / 60 } } });
    try {
      const target = users.reader;
      const viaProxy: number[] = [];
      for (let i = 0; i < 20; i++) viaProxy.push((await signIn(proxied, target, 'wrong-password-here', { 'X-Forwarded-For': `203.0.113.${i + 1}` })).reply.status);
      expect(viaProxy.filter((s) => s === 401).length).toBe(5);
      expect(viaProxy.filter((s) => s === 429).length).toBe(15);
      // another user is not slowed by it
      expect((await signIn(proxied, users.analyst, PASSWORD, { 'X-Forwarded-For': '203.0.113.99' })).reply.status).toBe(200);
      // without a trusted proxy, a forged X-Forwarded-For does not make a new address
      const forged: number[] = [];
      for (let i = 0; i < 10; i++) forged.push((await signIn(direct, uniqueUser('x'), 'wrong-password-here', { 'X-Forwarded-For': `198.51.100.${i + 1}` })).reply.status);
      expect(forged.filter((s) => s === 429).length).toBe(5);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });
});

describe('the audit log (fail closed)', () => {
  it('records sign-ins, refused sign-ins and every case read with its query and the records returned; a request whose entry cannot be written is refused', async () => {
    const { openAuditLog } = await import('../src/api/audit.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const audit = await openAuditLog(f.serverUrl, { keyFile: join(mkdtempSync(join(tmpdir(), 'clew-audit-')), 'key.pem') });
    const audited = await startTeamServer({ directory: f.server, ...generous, audit });
    const admin = await f.adminClient();
    try {
      expect((await signIn(audited, users.reader, 'wrong password')).reply.status).toBe(401);
      const who = await signIn(audited, users.reader);
      const hits = await req(audited, 'GET', `/api/cases/${A}/search?q=kafa&limit=5`, { who });
      expect(hits.status).toBe(200);
      const ids = (hits.body as unknown as SearchResponse).hits.map((h) => h.id);
      expect(ids.length).toBeGreaterThan(0);
      const mine = await audit.query({ user: users.reader, limit: 100 });
      expect(mine.map((e) => e.action)).toEqual(['signin-refused', 'signin', 'get:search']);
      const read = mine[2]!;
      expect(read).toMatchObject({ case: A, agency: 'FR-PJ', query: 'kafa', filters: { limit: '5' } });
      for (const id of ids) expect(read.records).toContain(id);
      // a case the user holds no role on stays unknown to them
      expect((await req(audited, 'GET', `/api/cases/${B}/search?q=kafa`, { who })).status).toBe(404);

      // the log cannot be written: the read is refused, nothing of the case leaves
      await admin.query(`REVOKE INSERT ON audit_entries FROM ${f.role}`);
      const refused = await req(audited, 'GET', `/api/cases/${A}/search?q=kafa`, { who });
      expect(refused.status).toBe(503);
      expect(refused.body.error?.code).toBe('AUDIT_WRITE_FAILED');
      expect(refused.text).not.toContain('kafa alpha');
      await admin.query(`GRANT INSERT ON audit_entries TO ${f.role}`);
      // a signed tree head covers the entries (the minute's signing, made now)
      expect((await audit.signNow())?.size ?? (await audit.head())?.size).toBeGreaterThan(read.index);
    } finally {
      await admin.query(`GRANT INSERT ON audit_entries TO ${f.role}`);
      await audited.close();
      await audit.close();
    }
  });

  it("shows an auditor the case's entries (newest first, filtered, with a proof that checks), refuses analysts and readers, and records refusals and who annotated", async () => {
    const { openAuditLog, checkAuditProof } = await import('../src/api/audit.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const audit = await openAuditLog(f.serverUrl, { keyFile: join(mkdtempSync(join(tmpdir(), 'clew-audit-')), 'key.pem') });
    const audited = await startTeamServer({ directory: f.server, ...generous, audit });
    try {
      const analyst = await signIn(audited, users.analyst);
      const reader = await signIn(audited, users.reader);
      const auditor = await signIn(audited, users.auditor);
      const other = await signIn(audited, users.other);
      const word = `kafa${Date.now() % 100000}`;
      expect((await req(audited, 'GET', `/api/cases/${A}/search?q=${word}&limit=7`, { who: analyst })).status).toBe(200);
      const hits = await req(audited, 'GET', `/api/cases/${A}/search?q=kafa`, { who: analyst });
      const ids = (hits.body as unknown as SearchResponse).hits.map((h) => h.id);

      // the auditor's view: the analyst's searches, newest first, with their query text and records
      const page = await req(audited, 'GET', `/api/cases/${A}/audit?user=${users.analyst}&action=get:search`, { who: auditor });
      expect(page.status).toBe(200);
      const entries = (page.body as unknown as AuditEntriesResponse).entries;
      expect(entries.map((e) => e.query).slice(0, 2)).toEqual(['kafa', word]);
      expect(entries[0]!.index).toBeGreaterThan(entries[1]!.index);
      expect(entries[0]).toMatchObject({ user: users.analyst, agency: 'NL-Politie', action: 'get:search' });
      // the message ids and the accounts the hits name
      expect(entries[0]!.records.count).toBeGreaterThanOrEqual(ids.length);
      expect(entries[0]!.records.first.length).toBe(Math.min(5, entries[0]!.records.count));
      expect(entries[1]!.filters).toEqual({ limit: '7' });
      // paging: the next page starts before the last entry
      const one = (await req(audited, 'GET', `/api/cases/${A}/audit?user=${users.analyst}&limit=1`, { who: auditor })).body as unknown as AuditEntriesResponse;
      expect(one.entries).toHaveLength(1);
      expect(one.next).toBe(one.entries[0]!.index);
      const two = (await req(audited, 'GET', `/api/cases/${A}/audit?user=${users.analyst}&limit=1&before=${one.next}`, { who: auditor })).body as unknown as AuditEntriesResponse;
      expect(two.entries[0]!.index).toBeLessThan(one.entries[0]!.index);
      // a time window that holds nothing
      const none = (await req(audited, 'GET', `/api/cases/${A}/audit?since=${Date.now() + 3_600_000}`, { who: auditor })).body as unknown as AuditEntriesResponse;
      expect(none.entries).toEqual([]);
      expect((await req(audited, 'GET', `/api/cases/${A}/audit?since=yesterday`, { who: auditor })).body.error?.code).toBe('INVALID_ARGUMENT');

      // a proof of the entry, once a head covers it: what clew audit check-proof accepts
      await audit.signNow();
      const proof = await req(audited, 'GET', `/api/cases/${A}/audit/${entries[0]!.index}/proof`, { who: auditor });
      expect(proof.status).toBe(200);
      const checked = checkAuditProof(proof.text, { publicKey: audit.publicKey });
      expect(checked.entry).toMatchObject({ index: entries[0]!.index, query: 'kafa', case: A });
      // another case's entry (the other user's search of B), or one of no case (a sign-in): not this auditor's
      expect((await req(audited, 'GET', `/api/cases/${B}/search?q=kafa`, { who: other })).status).toBe(200);
      const [ofB] = await audit.query({ case: B, user: users.other, action: 'get:search', newestFirst: true, limit: 1 });
      const [signin] = await audit.query({ user: users.auditor, action: 'signin', newestFirst: true, limit: 1 });
      await audit.signNow();
      for (const i of [ofB!.index, signin!.index, 10_000_000]) {
        const r = await req(audited, 'GET', `/api/cases/${A}/audit/${i}/proof`, { who: auditor });
        expect([i, r.status, r.body.error?.code]).toEqual([i, 404, 'NOT_FOUND']);
      }
      // the auditor's own reading of the log is recorded too
      expect((await audit.query({ user: users.auditor, case: A, action: 'get:audit', limit: 1 })).length).toBe(1);

      // analysts and readers may not read the log; someone without a role on the case does not learn it exists
      for (const who of [analyst, reader]) {
        const r = await req(audited, 'GET', `/api/cases/${A}/audit`, { who });
        expect([r.status, r.body.error?.code]).toEqual([403, 'FORBIDDEN']);
        expect(r.text).not.toContain(word);
      }
      expect((await req(audited, 'GET', `/api/cases/${A}/audit`, { who: other })).status).toBe(404);
      expect((await req(audited, 'GET', `/api/cases/${A}/audit/${entries[0]!.index}/proof`, { who: reader })).status).toBe(403);

      // every refusal is recorded: another case's name, a role that may not
      expect((await req(audited, 'GET', `/api/cases/${B}/messages/1`, { who: reader })).status).toBe(404);
      expect((await req(audited, 'POST', `/api/cases/${A}/annotations`, { who: reader, body: { action: 'tag', item: 'message:1', tag: 'x' } })).status).toBe(403);
      expect((await req(audited, 'GET', `/api/cases/${A}/search?q=kafa`, { who: auditor })).status).toBe(403);
      const refused = await audit.query({ action: 'refused', newestFirst: true, limit: 20 });
      expect(refused.find((e) => e.user === users.reader && e.case === B)).toMatchObject({ detail: { action: 'get:messages._', path: `/api/cases/${B}/messages/1`, reason: 'no-role', role: null } });
      expect(refused.find((e) => e.user === users.reader && e.case === A)).toMatchObject({ detail: { action: 'post:annotations', reason: 'role', role: 'reader' } });
      expect(refused.find((e) => e.user === users.auditor && e.case === A)).toMatchObject({ detail: { action: 'get:search', reason: 'role', role: 'auditor' } });
      expect(refused.find((e) => e.user === users.analyst && e.action === 'refused' && e.detail?.action === 'get:audit')).toMatchObject({ case: A, detail: { reason: 'role', role: 'analyst' } });

      // an annotation made in the workspace is the signed-in user's
      const tag = `t${Date.now() % 100000}`;
      const made = await req(audited, 'POST', `/api/cases/${A}/annotations`, { who: analyst, body: { action: 'tag', item: `message:${ids[0]}`, tag } });
      expect(made.status).toBe(200);
      expect((made.body as { event: { by: string } }).event.by).toBe(users.analyst);
      const history = await req(audited, 'GET', `/api/cases/${A}/annotations/history?item=message:${ids[0]}`, { who: reader });
      expect((history.body as { events: { by: string; value: string }[] }).events.find((e) => e.value === tag)?.by).toBe(users.analyst);
    } finally {
      await audited.close();
      await audit.close();
    }
  });
});
