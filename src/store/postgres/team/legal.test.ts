/**
 * Legal filters on the records that are not messages (legal.ts, schema step 11), in SQL as the
 * team server connects (clew.user set per transaction): a filter by account hides the calls the
 * account made or received, the events it is the actor or subject of and its locations; a filter
 * by time window the calls, events and locations of that time; a filter by conversation its
 * events. A user granted the filters sees them all; so does the admin. The network a user under a
 * filter gets (edgesSql) counts only the calls they see.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../../model/records.js';
import { DAY, call, ingest, msg } from '../../conformance/support.js';
import { openPostgresStore } from '../open.js';
import { edgesSql } from '../read-network.js';
import type { PostgresCaseStore } from '../store.js';
import { testCaseLocator } from '../test-support/pg-case.js';
import { addLegalFilter, grantLegalFilter, type LegalSelection } from './legal.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser, userSql } from './test-support/team.js';

const T0 = Date.UTC(2021, 5, 1, 9);
const MIN = 60_000;
const ev = (kind: 'joined' | 'left', ts: number, text: string, o: { actor?: string; subject?: string; conversation?: string }): ClewRecord => ({ type: 'event', kind, ts, tzOffset: 0, text, ...o });
const at = (ts: number, account: string, label: string): ClewRecord => ({ type: 'location', kind: 'device', lat: 44.8, lon: 20.4, ts, account, label });

const records: ClewRecord[] = [
  msg('sky:ana', ['sky:bob'], T0, 'open talk'),
  msg('sky:bob', ['sky:ana'], T0 + MIN, 'in the defence group', { conversation: 'defence' }),
  // calls: to and from the lawyer, in the window, and one nothing covers
  call('sky:ana', 'sky:lawyer', T0 + 2 * MIN, 60),
  call('sky:lawyer', 'sky:bob', T0 + 3 * MIN, 30),
  call('sky:ana', 'sky:bob', T0 + 2 * DAY, 10),
  call('sky:bob', 'sky:ana', T0 + 4 * MIN, 20),
  // events: of the lawyer (actor, subject), in the window, in the filtered conversation, one nothing covers
  ev('joined', T0 + 5 * MIN, 'lawyer joined', { actor: 'sky:lawyer', conversation: 'grp' }),
  ev('joined', T0 + 6 * MIN, 'bob added the lawyer', { actor: 'sky:bob', subject: 'sky:lawyer', conversation: 'grp' }),
  ev('left', T0 + 2 * DAY + MIN, 'bob left late', { actor: 'sky:bob', conversation: 'grp' }),
  ev('left', T0 + 7 * MIN, 'carl left the defence group', { actor: 'sky:carl', conversation: 'defence' }),
  ev('joined', T0 + 8 * MIN, 'bob joined', { actor: 'sky:bob', conversation: 'grp' }),
  // locations: the lawyer's, one in the window, one nothing covers
  at(T0 + 9 * MIN, 'sky:lawyer', 'lawyer office'),
  at(T0 + 2 * DAY + 2 * MIN, 'sky:bob', 'bob late'),
  at(T0 + 10 * MIN, 'sky:bob', 'bob home'),
];

let f: TeamFixture;
let L: PostgresCaseStore;
let sql: pg.Client;
let admin: pg.Client;
const u = { x: 0, g: 0 };

const { as, count: n } = userSql(() => sql);
const texts = async (q: string) => (await sql.query(q, [L.db.caseId])).rows.map((r: { t: string }) => r.t);

beforeAll(async () => {
  f = await teamFixture();
  L = await openPostgresStore(testCaseLocator('legalrec'), { create: true });
  await ingest(L, records, { analyse: true });
  admin = await f.adminClient();
  const defence = Number((await admin.query(`SELECT id FROM conversations WHERE case_id = $1 AND ref LIKE '%defence%'`, [L.db.caseId])).rows[0].id);
  const lawyer = Number((await admin.query(`SELECT id FROM accounts WHERE case_id = $1 AND ref = 'sky:lawyer'`, [L.db.caseId])).rows[0].id);
  const add = (kind: 'privileged' | 'outside_period', label: string, selection: LegalSelection) => addLegalFilter(L.db.pool, L.db.caseId, { kind, label, selection, createdBy: 'admin' });
  const made = [
    await add('privileged', 'lawyer', { accounts: [lawyer] }),
    await add('outside_period', 'after the warrant', { window: { from: T0 + DAY, to: T0 + 3 * DAY } }),
    await add('privileged', 'defence group', { threads: [defence] }),
  ];
  const names = { x: uniqueUser('legrecx'), g: uniqueUser('legrecg') };
  for (const k of ['x', 'g'] as const) {
    u[k] = (await f.admin.addUser(names[k], PASSWORD)).id;
    await f.admin.grant(names[k], L.db.caseName, 'reader');
  }
  for (const fl of made) await grantLegalFilter(L.db.pool, L.db.caseId, fl.id, names.g, 'admin');
  sql = await f.serverClient();
});
afterAll(async () => {
  await L?.close();
  await f?.close();
});

const CALLS = `SELECT a.ref || '>' || b.ref || '@' || ((c.ts - ${T0}) / ${MIN}) AS t FROM calls c
  JOIN accounts a ON a.case_id = c.case_id AND a.id = c.caller JOIN accounts b ON b.case_id = c.case_id AND b.id = c.callee WHERE c.case_id = $1 ORDER BY c.ts`;
const EVENTS = 'SELECT text AS t FROM events WHERE case_id = $1 ORDER BY ts';
const LOCATIONS = 'SELECT label AS t FROM locations WHERE case_id = $1 ORDER BY ts';

describe('legal filters on calls, events and locations', () => {
  it('the admin sees every record (the preconditions)', async () => {
    expect((await admin.query(CALLS, [L.db.caseId])).rows.length).toBe(4);
    expect((await admin.query(EVENTS, [L.db.caseId])).rows.length).toBe(5);
    expect((await admin.query(LOCATIONS, [L.db.caseId])).rows.length).toBe(3);
  });

  it('a user not granted the filters sees only the records none of them covers, and a network counted from those', async () => {
    await as(u.x, async () => {
      expect(await texts(CALLS)).toEqual(['sky:bob>sky:ana@4']);
      expect(await texts(EVENTS)).toEqual(['bob joined']);
      expect(await texts(LOCATIONS)).toEqual(['bob home']);
      // the counts a view makes see the same
      expect(await n('SELECT count(*) AS n FROM calls WHERE case_id = $1 AND dup_of IS NULL', [L.db.caseId])).toBe(1);
      expect(await n(`SELECT count(*) AS n FROM calls WHERE case_id = $1 AND ts >= $2`, [L.db.caseId, T0 + DAY])).toBe(0);
      // edges: the message ana→bob (the group's is hidden) and the call bob→ana
      const e = (await sql.query(`SELECT e.channel, e.count FROM ${edgesSql('$1')} e ORDER BY e.channel`, [L.db.caseId])).rows.map((r: { channel: string; count: number }) => [r.channel, Number(r.count)]);
      expect(e).toEqual([
        ['call', 1],
        ['chat', 1],
      ]);
    });
  });

  it('a user granted the filters sees every record', async () => {
    await as(u.g, async () => {
      expect((await texts(CALLS)).length).toBe(4);
      expect(await texts(EVENTS)).toEqual((await admin.query(EVENTS, [L.db.caseId])).rows.map((r: { t: string }) => r.t));
      expect((await texts(LOCATIONS)).length).toBe(3);
    });
  });

  it('a call ingested later by the filtered account, or in the window, is hidden from the moment its row exists', async () => {
    await ingest(L, [call('sky:lawyer', 'sky:ana', T0 + 20 * MIN, 5), call('sky:bob', 'sky:ana', T0 + DAY + MIN, 5), call('sky:ana', 'sky:bob', T0 + 21 * MIN, 5)], {
      sha: 'b',
      name: 'b.jsonl',
      analyse: true,
    });
    await as(u.x, async () => {
      expect(await texts(CALLS)).toEqual(['sky:bob>sky:ana@4', 'sky:ana>sky:bob@21']);
    });
  });
});
