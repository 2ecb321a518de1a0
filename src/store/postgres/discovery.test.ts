/**
 * Cross-case discovery in SQL (discovery.ts), as the team server's role connects: clew_discover
 * answers only the cases a user may NOT read that hold exactly the selector, with their owners,
 * nothing else (no count, no id, no content), notifies those owners (each sees only their own
 * notifications), spends an hourly budget, refuses what is not a compared selector; the server's
 * role reads neither the keys table nor anyone else's notifications.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, ingest, msg } from '../conformance/support.js';
import { DISCOVERY_KEYS_PER_HOUR } from './discovery.js';
import { openPostgresStore } from './open.js';
import type { PostgresCaseStore } from './store.js';
import { testCaseLocator } from './test-support/pg-case.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser } from './team/test-support/team.js';

let f: TeamFixture;
let A: PostgresCaseStore;
let B: PostgresCaseStore;
let sql: pg.Client;
const users = { ownerA: 0, ownerB: 0, both: 0, none: 0, auditorB: 0 };
const names = { ownerA: '', ownerB: '', both: '', none: '', auditorB: '' };

// selectors of this run only (the test database holds other tests' cases)
const tag = randomBytes(4).toString('hex');
const phone = `+38164${String(randomInt(1_000_000, 9_999_999))}`;
const phoneOnlyA = `+38165${String(randomInt(1_000_000, 9_999_999))}`;
const email = `x${tag}@example.org`;
const pin = `pin${tag}`;

async function makeCase(stem: string, records: Parameters<typeof ingest>[1]): Promise<PostgresCaseStore> {
  const s = await openPostgresStore(testCaseLocator(stem), { create: true });
  await ingest(s, records, { analyse: true });
  return s;
}

beforeAll(async () => {
  f = await teamFixture();
  const t = Date.UTC(2021, 0, 1);
  A = await makeCase('disca', [msg(`sky:a${tag}`, [`sky:${pin}`], t, `zovi ${phone} ili ${phoneOnlyA}`), msg(`sky:${pin}`, [`sky:a${tag}`], t + 60_000, 'ok')]);
  B = await makeCase('discb', [
    msg(`sky:b${tag}`, [`sky:${pin}`], Date.UTC(2022, 0, 1), `novi broj ${phone}, mail ${email}`),
    msg(`sky:${pin}`, [`sky:b${tag}`], Date.UTC(2022, 0, 1) + 60_000, 'tajna poruka slucaja b'),
  ]);
  const add = async (key: keyof typeof users, agency: string | null, grants: [PostgresCaseStore, 'owner' | 'reader' | 'auditor'][]) => {
    const name = uniqueUser(key);
    users[key] = (await f.admin.addUser(name, PASSWORD, agency)).id;
    names[key] = name;
    for (const [s, role] of grants) await f.admin.grant(name, s.db.caseName, role);
  };
  await add('ownerA', 'NL-Politie', [[A, 'owner']]);
  await add('ownerB', 'RS-MUP', [[B, 'owner']]);
  await add('both', null, [
    [A, 'reader'],
    [B, 'reader'],
  ]);
  await add('none', 'BE-FGP', []);
  await add('auditorB', null, [
    [A, 'reader'],
    [B, 'auditor'],
  ]);
  sql = await f.serverClient();
});
afterAll(async () => {
  await A?.close();
  await B?.close();
  await f?.close();
});

/** Run `fn` in a transaction of the server role's client with clew.user set, committed (notifications stay) unless it throws. */
async function as<T>(user: number, fn: () => Promise<T>): Promise<T> {
  await sql.query('BEGIN');
  try {
    await sql.query(`SELECT set_config('clew.user', $1, true)`, [String(user)]);
    const r = await fn();
    await sql.query('COMMIT');
    return r;
  } catch (e) {
    await sql.query('ROLLBACK');
    throw e;
  }
}

const discover = (user: number, keys: string[], from: string | null) =>
  as(user, async () => (await sql.query('SELECT * FROM clew_discover($1::text[], $2)', [keys, from])) as pg.QueryResult<Record<string, unknown>>);

describe('clew_discover', () => {
  it('names only the other case and its owners for an exact selector, nothing else', async () => {
    const r = await discover(users.ownerA, [`phone:${phone}`, `phone:${phoneOnlyA}`, `email:${email}`, `handle:${pin}`], A.db.caseName);
    expect(r.fields.map((x) => x.name)).toEqual(['selector', 'case_name', 'owner_name', 'owner_agency']);
    expect(r.rows).toEqual([
      { selector: `email:${email}`, case_name: B.db.caseName, owner_name: names.ownerB, owner_agency: 'RS-MUP' },
      { selector: `handle:${pin}`, case_name: B.db.caseName, owner_name: names.ownerB, owner_agency: 'RS-MUP' },
      { selector: `phone:${phone}`, case_name: B.db.caseName, owner_name: names.ownerB, owner_agency: 'RS-MUP' },
    ]);
  });

  it('matches whole selectors only', async () => {
    const r = await discover(users.ownerA, [`phone:${phone.slice(0, -1)}`, `email:${email.toUpperCase()}`, `handle:${pin}x`, `handle:${pin.slice(0, -1)}`], A.db.caseName);
    expect(r.rows).toEqual([]);
  });

  it('never returns a case the user may read', async () => {
    expect((await discover(users.both, [`phone:${phone}`, `email:${email}`, `handle:${pin}`], A.db.caseName)).rows).toEqual([]);
    // an auditor does not read the case: it is another case to them
    expect((await discover(users.auditorB, [`email:${email}`], A.db.caseName)).rows.map((x) => x.case_name)).toEqual([B.db.caseName]);
    // the owner of B looking from B: A holds the phone, B's own hit is not told
    expect((await discover(users.ownerB, [`phone:${phone}`, `email:${email}`], B.db.caseName)).rows).toEqual([
      { selector: `phone:${phone}`, case_name: A.db.caseName, owner_name: names.ownerA, owner_agency: 'NL-Politie' },
    ]);
  });

  it('gives a user with no grants only names and owners, from no case; a case they may not read is refused as the case to look from', async () => {
    const r = await discover(users.none, [`phone:${phone}`], null);
    expect(r.rows.map((x) => x.case_name).sort()).toEqual([A.db.caseName, B.db.caseName].sort());
    for (const row of r.rows) expect(Object.keys(row)).toEqual(['selector', 'case_name', 'owner_name', 'owner_agency']);
    expect(await codeOf(discover(users.none, [`phone:${phone}`], B.db.caseName))).toBe('CL400');
    expect(await codeOf(discover(users.ownerA, [`phone:${phone}`], B.db.caseName))).toBe('CL400');
  });

  it('answers nothing to a transaction that names no user, and refuses what is not a compared selector', async () => {
    await sql.query('BEGIN');
    try {
      expect((await sql.query('SELECT * FROM clew_discover($1::text[], NULL)', [[`phone:${phone}`]])).rows).toEqual([]);
    } finally {
      await sql.query('ROLLBACK');
    }
    expect(await codeOf(discover(users.ownerA, ['name:ana', `phone:${phone}`], null))).toBe('CL400');
    expect(await codeOf(discover(users.ownerA, ['phone:+3'], null))).toBe('CL400');
    expect(await codeOf(discover(users.ownerA, Array.from({ length: 501 }, (_, i) => `handle:x${i}xx`), null))).toBe('CL400');
  });

  it('notifies the owners, each of their own only, once a day per looker, selector and case', async () => {
    const mine = (user: number) => as(user, async () => (await sql.query('SELECT looker_name, looker_agency, from_case, case_name, selector, seen_at FROM clew_notifications ORDER BY id')).rows);
    const forB = await mine(users.ownerB);
    const fromA = forB.filter((n) => n.looker_name === names.ownerA).sort((x, y) => String(x.selector).localeCompare(String(y.selector)));
    expect(fromA).toEqual([
      { looker_name: names.ownerA, looker_agency: 'NL-Politie', from_case: A.db.caseName, case_name: B.db.caseName, selector: `email:${email}`, seen_at: null },
      { looker_name: names.ownerA, looker_agency: 'NL-Politie', from_case: A.db.caseName, case_name: B.db.caseName, selector: `handle:${pin}`, seen_at: null },
      { looker_name: names.ownerA, looker_agency: 'NL-Politie', from_case: A.db.caseName, case_name: B.db.caseName, selector: `phone:${phone}`, seen_at: null },
    ]);
    await discover(users.ownerA, [`phone:${phone}`], A.db.caseName);
    expect((await mine(users.ownerB)).length).toBe(forB.length);
    // A's owner sees B's owner's look at A, never B's notifications
    expect((await mine(users.ownerA)).every((n) => n.case_name === A.db.caseName)).toBe(true);
    expect(await mine(users.both)).toEqual([]);
    // a notification is marked seen, not changed otherwise, and only one's own
    expect(await codeOf(as(users.ownerA, () => sql.query(`UPDATE clew_notifications SET selector = 'x'`)))).toBe('42501');
    await as(users.ownerA, () => sql.query('UPDATE clew_notifications SET seen_at = 1'));
    expect((await mine(users.ownerB)).some((n) => n.seen_at === null)).toBe(true);
  });

  it('keeps the keys out of the server role’s reach, and of any notification it would write itself', async () => {
    expect(await codeOf(as(users.ownerA, () => sql.query('SELECT count(*) FROM clew_case_selectors')))).toBe('42501');
    expect(await codeOf(as(users.ownerA, () => sql.query('SELECT * FROM clew_discovery_budget')))).toBe('42501');
    expect(
      await codeOf(
        as(users.ownerA, () => sql.query(`INSERT INTO clew_notifications (user_id, at, kind, looker_name, case_name, selector) VALUES ($1, 1, 'discovery', 'x', 'y', 'z')`, [users.ownerB])),
      ),
    ).toBe('42501');
    // the table holds hashes only
    const admin = await f.adminClient();
    const cols = (await admin.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'clew_case_selectors' ORDER BY ordinal_position`)).rows.map((r) => r.column_name);
    expect(cols).toEqual(['key_sha256', 'case_id']);
  });

  it('spends an hourly budget of selectors per user', async () => {
    const admin = await f.adminClient();
    await admin.query('UPDATE clew_discovery_budget SET used = $2, hour = (extract(epoch FROM clock_timestamp()) * 1000)::bigint / 3600000 WHERE user_id = $1', [users.ownerA, DISCOVERY_KEYS_PER_HOUR - 1]);
    expect((await discover(users.ownerA, [`handle:${pin}`], A.db.caseName)).rows.length).toBe(1);
    expect(await codeOf(discover(users.ownerA, [`handle:${pin}`], A.db.caseName))).toBe('CL429');
    // another user's budget is their own
    expect((await discover(users.none, [`handle:${pin}`], null)).rows.length).toBe(2);
    // the store's error: RATE_LIMITED
    const store = await f.server.openCaseAs(users.ownerA, A.db.caseName);
    try {
      expect(await codeOf(store.discover!([`handle:${pin}`]))).toBe('RATE_LIMITED');
    } finally {
      await store.close();
    }
    await admin.query('UPDATE clew_discovery_budget SET used = 0 WHERE user_id = $1', [users.ownerA]);
  });
});

describe('the case store', () => {
  it('discovers as the user the team server opened it for, and not at all for the admin', async () => {
    const store = await f.server.openCaseAs(users.ownerA, A.db.caseName);
    try {
      expect(await store.discover!([`phone:${phone}`, `phone:${phoneOnlyA}`])).toEqual([{ selector: `phone:${phone}`, case: B.db.caseName, owners: [{ name: names.ownerB, agency: 'RS-MUP' }] }]);
    } finally {
      await store.close();
    }
    expect(await A.discover([`phone:${phone}`])).toBeNull();
  });

  it('notifications through the directory: the user’s own, newest first, marked seen', async () => {
    const n = await f.server.notifications(users.ownerB, 50);
    expect(n.unseen).toBeGreaterThanOrEqual(3);
    expect(n.notifications.some((x) => x.looker.name === names.ownerA && x.case === B.db.caseName && x.fromCase === A.db.caseName)).toBe(true);
    await f.server.markNotificationsSeen(users.ownerB, n.notifications[0]!.id);
    expect((await f.server.notifications(users.ownerB, 50)).unseen).toBe(0);
    expect((await f.server.notifications(users.none, 50)).notifications).toEqual([]);
  });
});
