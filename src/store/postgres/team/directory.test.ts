/**
 * The team directory (directory.ts) against the test run's PostgreSQL: users, grants, sessions,
 * authentication and a case opened as a user, through the admin's URI and through a team server
 * role of the test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClewError } from '../../../model/errors.js';
import { codeOf, query } from '../../conformance/support.js';
import type { PostgresCaseStore } from '../store.js';
import { PASSWORD, type TeamFixture, caseWith, teamFixture, uniqueUser } from './test-support/team.js';

let f: TeamFixture;
let caseA: PostgresCaseStore;
let caseB: PostgresCaseStore;

beforeAll(async () => {
  f = await teamFixture();
  caseA = await caseWith('dira', ['kafa u gradu', 'brod stiže sutra']);
  caseB = await caseWith('dirb', ['secret of case b', 'kafa also in b']);
});
afterAll(async () => {
  await caseA?.close();
  await caseB?.close();
  await f?.close();
});

describe('the team directory', () => {
  it('adds users (argon2id, never the password), refuses a taken name, a short password or a bad name', async () => {
    const name = uniqueUser('ana');
    const u = await f.admin.addUser(name, PASSWORD, 'NL-Politie');
    expect(u).toMatchObject({ name, agency: 'NL-Politie', disabled: false });
    expect(u.id).toBeGreaterThan(0);
    const c = await f.adminClient();
    const h = (await c.query('SELECT password_hash FROM clew_users WHERE id = $1', [u.id])).rows[0].password_hash as string;
    expect(h).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(h).not.toContain(PASSWORD);
    expect(await codeOf(f.admin.addUser(name, PASSWORD))).toBe('USER_EXISTS');
    const short = await f.admin.addUser(uniqueUser('b'), 'short').catch((e: ClewError) => e);
    expect(short).toBeInstanceOf(ClewError);
    expect((short as ClewError).code).toBe('INVALID_ARGUMENT');
    expect((short as ClewError).message).not.toContain('short');
    expect(await codeOf(f.admin.addUser('bad name\n', PASSWORD))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(f.admin.addUser(uniqueUser('c'), PASSWORD, '\u202eevil'))).toBe('INVALID_ARGUMENT');
    // listed without the hash
    const listed = (await f.admin.users()).find((x) => x.name === name)!;
    expect(listed).toEqual({ id: u.id, name, agency: 'NL-Politie', disabled: false, cases: [] });
  });

  it('authenticates the right password only; an unknown or disabled user is null, in about the same time', async () => {
    const name = uniqueUser('bo');
    const u = await f.admin.addUser(name, PASSWORD);
    expect(await f.server.authenticate(name, PASSWORD)).toEqual(u);
    expect(await f.server.authenticate(name, `${PASSWORD}!`)).toBeNull();
    expect(await f.server.authenticate(name, '')).toBeNull();
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    // an argon2id verification each: an unknown name is not answered at once
    const known = await time(() => f.server.authenticate(name, 'wrong password 123'));
    const unknown = await time(() => f.server.authenticate(uniqueUser('nobody'), 'wrong password 123'));
    expect(unknown).toBeGreaterThan(known / 4);
    expect(await f.server.authenticate('x'.repeat(10_000), PASSWORD)).toBeNull();
    await f.admin.disableUser(name);
    expect(await f.server.authenticate(name, PASSWORD)).toBeNull();
    expect(await codeOf(f.admin.disableUser(uniqueUser('ghost')))).toBe('USER_NOT_FOUND');
  });

  it('grants one role per case (a new grant replaces it), lists the cases, revokes', async () => {
    const name = uniqueUser('cy');
    const u = await f.admin.addUser(name, PASSWORD, 'FR-OFAST');
    await f.admin.grant(name, caseA.db.caseName, 'reader');
    expect(await f.server.roleIn(u.id, caseA.db.caseName)).toBe('reader');
    await f.admin.grant(name, caseA.db.caseName, 'analyst');
    await f.admin.grant(name, caseB.db.caseName, 'auditor');
    expect(await f.server.casesOf(u.id)).toEqual(
      [
        { name: caseA.db.caseName, role: 'analyst' },
        { name: caseB.db.caseName, role: 'auditor' },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    expect((await f.admin.users()).find((x) => x.id === u.id)!.cases).toHaveLength(2);
    await f.admin.revoke(name, caseB.db.caseName);
    expect(await f.server.roleIn(u.id, caseB.db.caseName)).toBeNull();
    expect(await f.server.casesOf(u.id)).toEqual([{ name: caseA.db.caseName, role: 'analyst' }]);
    expect(await codeOf(f.admin.grant(name, caseA.db.caseName, 'boss' as never))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(f.admin.grant(uniqueUser('ghost'), caseA.db.caseName, 'reader'))).toBe('USER_NOT_FOUND');
    expect(await codeOf(f.admin.grant(name, 'no_such_case_at_all', 'reader'))).toBe('CASE_NOT_FOUND');
    expect(await codeOf(f.admin.revoke(name, 'no_such_case_at_all'))).toBe('CASE_NOT_FOUND');
    // the server's role may not grant, add or disable: the database refuses it (without a user, it sees no case to grant)
    expect(await codeOf(f.server.grant(name, caseB.db.caseName, 'owner'))).toBe('CASE_NOT_FOUND');
    expect(await codeOf(f.server.addUser(uniqueUser('evil'), PASSWORD))).toBe('42501');
    expect(await codeOf(f.server.disableUser(name))).toBe('42501');
    expect(await f.server.roleIn(u.id, caseB.db.caseName)).toBeNull();
  });

  it('lets an owner grant and revoke on their case through the server, and nobody else', async () => {
    const [owner, reader, other] = [uniqueUser('own'), uniqueUser('rdr'), uniqueUser('oth')];
    const o = await f.admin.addUser(owner, PASSWORD);
    const r = await f.admin.addUser(reader, PASSWORD);
    const x = await f.admin.addUser(other, PASSWORD);
    await f.admin.grant(owner, caseA.db.caseName, 'owner');
    await f.admin.grant(reader, caseA.db.caseName, 'reader');
    await f.server.grantAs(o.id, other, caseA.db.caseName, 'analyst');
    expect(await f.server.roleIn(x.id, caseA.db.caseName)).toBe('analyst');
    // a reader may not grant, even themselves; nor may anyone on a case they hold no role on
    expect(await codeOf(f.server.grantAs(r.id, reader, caseA.db.caseName, 'owner'))).toBe('NOT_OWNER');
    expect(await codeOf(f.server.revokeAs(r.id, other, caseA.db.caseName))).toBe('NOT_OWNER');
    expect(await codeOf(f.server.grantAs(o.id, other, caseB.db.caseName, 'reader'))).toBe('CASE_NOT_FOUND');
    expect(await codeOf(f.server.grantAs(o.id, uniqueUser('ghost'), caseA.db.caseName, 'reader'))).toBe('USER_NOT_FOUND');
    expect(await f.server.roleIn(r.id, caseA.db.caseName)).toBe('reader');
    await f.server.revokeAs(o.id, other, caseA.db.caseName);
    expect(await f.server.roleIn(x.id, caseA.db.caseName)).toBeNull();
    // an owner disabled since: no more
    await f.admin.disableUser(owner);
    expect(await codeOf(f.server.grantAs(o.id, other, caseA.db.caseName, 'reader'))).toBe('CASE_NOT_FOUND');
  });

  it('keeps sessions by their hash only; they expire, are revoked, and end when the user is disabled', async () => {
    const name = uniqueUser('di');
    const u = await f.admin.addUser(name, PASSWORD);
    const s = await f.server.createSession(u.id, 60_000);
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.csrf).not.toBe(s.id);
    const c = await f.adminClient();
    const stored = (await c.query('SELECT * FROM clew_sessions WHERE user_id = $1', [u.id])).rows;
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(s.id);
    expect(await f.server.session(s.id)).toEqual({ ...s, user: u });
    expect(await f.server.session(`${s.id}x`)).toBeNull();
    expect(await f.server.session('')).toBeNull();

    const short = await f.server.createSession(u.id, 1);
    await new Promise((ok) => setTimeout(ok, 10));
    expect(await f.server.session(short.id)).toBeNull();

    await f.server.revokeSession(s.id);
    expect(await f.server.session(s.id)).toBeNull();

    const a = await f.server.createSession(u.id, 60_000);
    const b = await f.server.createSession(u.id, 60_000);
    expect(await f.server.session(a.id)).not.toBeNull();
    await f.admin.disableUser(name);
    expect(await f.server.session(a.id)).toBeNull();
    expect(await f.server.session(b.id)).toBeNull();
    expect((await c.query('SELECT count(*)::int AS n FROM clew_sessions WHERE user_id = $1 AND revoked_at IS NULL', [u.id])).rows[0].n).toBe(0);
    expect(await codeOf(f.server.createSession(u.id, 60_000))).toBe('USER_NOT_FOUND');
    expect(await codeOf(f.server.createSession(u.id, 0))).toBe('INVALID_ARGUMENT');
  });

  it('opens a case as a user: what they hold a role on only, CASE_NOT_FOUND in the same words otherwise', async () => {
    const name = uniqueUser('ed');
    const u = await f.admin.addUser(name, PASSWORD);
    await f.admin.grant(name, caseA.db.caseName, 'reader');
    const s = await f.server.openCaseAs(u.id, caseA.db.caseName);
    try {
      const hits = await s.search(query('kafa'), { limit: 10 });
      expect(hits.hits.map((h) => h.body)).toEqual(['kafa u gradu']);
      expect((await s.stats()).messages).toBe(2);
      // a reader may not write
      expect(await codeOf(s.annotate({ item: { type: 'message', key: String(hits.hits[0]!.id) }, kind: 'tag', action: 'add', key: 'x', value: null, by: name } as never))).toBe(
        'CASE_READ_ONLY',
      );
    } finally {
      await s.close();
    }
    const other = await f.server.openCaseAs(u.id, caseB.db.caseName).catch((e: ClewError) => e);
    const none = await f.server.openCaseAs(u.id, 'no_such_case_at_all').catch((e: ClewError) => e);
    expect([(other as ClewError).code, (none as ClewError).code]).toEqual(['CASE_NOT_FOUND', 'CASE_NOT_FOUND']);
    expect((other as ClewError).message.replace(caseB.db.caseName, 'X')).toBe((none as ClewError).message.replace('no_such_case_at_all', 'X'));
    // the role and the case in one query (the team server's request): the same answers as roleIn and openCaseAs
    expect(await f.server.caseAs(u.id, caseB.db.caseName)).toBeNull();
    expect(await f.server.caseAs(u.id, 'no_such_case_at_all')).toBeNull();
    const found = await f.server.caseAs(u.id, caseA.db.caseName);
    expect(found?.role).toBe(await f.server.roleIn(u.id, caseA.db.caseName));
    const viaCaseAs = found!.open();
    expect((await viaCaseAs.stats()).messages).toBe(2);
    expect(viaCaseAs.readonly).toBe(true);
    await viaCaseAs.close();
    // the server's pool is shared: closing a user's store leaves it open for the next
    const again = await f.server.openCaseAs(u.id, caseA.db.caseName);
    expect((await again.stats()).messages).toBe(2);
    await again.close();
  });

  it('says which role it is connected as: the server role is bound by row-level security, the admin is not', async () => {
    expect(await f.server.connectedRole()).toEqual({ name: f.role, superuser: false, bypassRls: false, ownsTables: false });
    const a = await f.admin.connectedRole();
    expect(a.superuser || a.bypassRls).toBe(true);
  });

  it('refuses a URI that is not PostgreSQL, and names the database without its password when it cannot connect', async () => {
    const { openTeamDirectory } = await import('./directory.js');
    expect(await codeOf(openTeamDirectory('/tmp/case.clew'))).toBe('INVALID_ARGUMENT');
    const e = await openTeamDirectory('postgres://clew:hunter2secret@127.0.0.1:1/clew').catch((x: ClewError) => x);
    expect((e as ClewError).code).toBe('DB_UNREACHABLE');
    expect((e as ClewError).message).not.toContain('hunter2secret');
  });
});
