/**
 * Identity resolution in a PostgreSQL case, as the SQLite case keeps it
 * (src/store/sqlite/identity.ts): what the resolver reads (handles with their activity, contact
 * lists, links, identifiers, statement candidates) and the analyst's decisions (persons, their
 * member accounts, rejected pairs and a log of every decision). Each decision is one
 * transaction, serialised per case by an advisory lock (SQLite takes the file's write lock).
 * Every list comes in the order SQLite reads it (its key order), so the resolver sees the same
 * input on both backends.
 */
import type pg from 'pg';
import { ClewError } from '../../model/errors.js';
import type { AccountView, IdentityData, NameDirectory, IdentityDecision, IdentityDecisionInput, IdentityStore, PersonView } from '../types.js';
import { anyPhraseTsquery } from './fts.js';
import { edgesSql } from './read-network.js';
import { searchableSql } from './schema.js';
import { type AccountDbRow, type PgReadCase, type Queryable, all, one, scalar, toAccount, transaction } from './read-util.js';

/** Entity types that identify a person when two handles share them. */
const IDENTIFIER_MENTION_TYPES = ['phone', 'email', 'iban', 'crypto'];
const DEVICE_KEYS = ['imei', 'imsi', 'serial'];
const MAX_STATEMENT_MESSAGES = 200_000;
const MAX_TEXT = 500;
const ACCOUNT_COLS = 'id, ref, platform, handle, kind, display_name';

type Handle = IdentityData['handles'][number];

async function handles(db: PgReadCase, ids: readonly number[] | null): Promise<Handle[]> {
  const args = ids === null ? [db.caseId] : [db.caseId, ids];
  const only = ids === null ? '' : 'AND sender = ANY($2::bigint[])';
  type Act = { sender: number; h: number; n: number; first: number; last: number; len: number };
  const act = new Map<number, { hours: number[]; n: number; first: number; last: number; len: number }>();
  for (const r of await all<Act>(
    db.pool,
    `SELECT sender, (ts / 3600000) % 24 AS h, count(*) AS n, min(ts) AS first, max(ts) AS last, sum(length(body)) AS len
     FROM messages WHERE case_id = $1 ${only} AND dup_of IS NULL GROUP BY sender, (ts / 3600000) % 24`,
    args,
  )) {
    let a = act.get(r.sender);
    if (!a) act.set(r.sender, (a = { hours: new Array<number>(24).fill(0), n: 0, first: r.first, last: r.last, len: 0 }));
    a.hours[r.h] = r.n;
    a.n += r.n;
    a.first = Math.min(a.first, r.first);
    a.last = Math.max(a.last, r.last);
    a.len += r.len;
  }
  const rows = await all<AccountDbRow>(
    db.pool,
    `SELECT ${ACCOUNT_COLS} FROM accounts WHERE case_id = $1 ${ids === null ? '' : 'AND id = ANY($2::bigint[])'} ORDER BY id`,
    args,
  );
  return rows.map((r) => {
    const a = act.get(r.id);
    return {
      id: r.id,
      ref: r.ref,
      handle: r.handle,
      displayName: r.display_name,
      first: a ? a.first : null,
      last: a ? a.last : null,
      messages: a?.n ?? 0,
      hours: a ? a.hours : new Array<number>(24).fill(0),
      meanLength: a && a.n > 0 ? a.len / a.n : 0,
    };
  });
}

export async function loadIdentityData(db: PgReadCase, statementPhrases: readonly string[]): Promise<IdentityData> {
  const c = db.caseId;
  const contacts = await all<IdentityData['contacts'][number]>(db.pool, 'SELECT owner, contact, name FROM contacts WHERE case_id = $1 ORDER BY owner, contact, name', [c]);
  const links = await all<IdentityData['links'][number]>(db.pool, `SELECT src AS a, dst AS b, sum(count) AS count FROM ${edgesSql('$1')} e GROUP BY src, dst ORDER BY src, dst`, [c]);
  const identifiers: IdentityData['identifiers'] = [];
  for (const r of await all<{ account_id: number; key: string; value: string }>(
    db.pool,
    'SELECT account_id, key, value FROM devices WHERE case_id = $1 AND key = ANY($2::text[]) ORDER BY account_id, key, value',
    [c, DEVICE_KEYS],
  ))
    identifiers.push({ account: r.account_id, type: r.key, value: r.value, messageId: null });
  identifiers.push(
    ...(await all<IdentityData['identifiers'][number]>(
      db.pool,
      `SELECT m.sender AS account, x.type AS type, x.value AS value, x.message_id AS "messageId"
       FROM mentions x JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id
       WHERE x.case_id = $1 AND x.type = ANY($2::text[]) AND m.dup_of IS NULL ORDER BY x.type, x.value, x.message_id`,
      [c, IDENTIFIER_MENTION_TYPES],
    )),
  );
  const statements: IdentityData['statements'] = [];
  const tsq = anyPhraseTsquery(statementPhrases);
  if (tsq !== null) {
    const rows = await all<{ id: number; sender: number; ts: number; body: string; recipients: number[] | null }>(
      db.pool,
      `SELECT m.id, m.sender, m.ts, substr(m.body, 1, 2000) AS body,
              (SELECT array_agg(r.account_id ORDER BY r.account_id) FROM message_recipients r WHERE r.case_id = m.case_id AND r.message_id = m.id) AS recipients
       FROM messages m WHERE m.case_id = $1 AND m.fts @@ $2::tsquery AND ${searchableSql('m', '$1')} AND m.dup_of IS NULL ORDER BY m.id LIMIT ${MAX_STATEMENT_MESSAGES}`,
      [c, tsq],
    );
    for (const r of rows) statements.push({ id: r.id, sender: r.sender, ts: r.ts, body: r.body, recipients: (r.recipients ?? []).map(Number) });
  }
  const members = await all<IdentityData['members'][number]>(db.pool, 'SELECT account_id AS account, person_id AS person FROM person_members WHERE case_id = $1 ORDER BY account_id', [c]);
  const rejected = (await all<{ a: number; b: number }>(db.pool, 'SELECT a, b FROM identity_rejections WHERE case_id = $1 ORDER BY a, b', [c])).map((r): [number, number] => [r.a, r.b]);
  return { handles: await handles(db, null), contacts, links, identifiers, statements, members, rejected };
}

/** What the review of a few handles needs (≤ 100): their activity by hour, the names others saved for them, their links. */
export async function loadHandlesData(db: PgReadCase, accountIds: readonly number[]): Promise<IdentityData> {
  const ids = [...new Set(accountIds)].filter((x) => Number.isSafeInteger(x)).slice(0, 100);
  const out: IdentityData = { handles: [], contacts: [], links: [], identifiers: [], statements: [], members: [], rejected: [] };
  if (ids.length === 0) return out;
  out.handles.push(...(await handles(db, ids)));
  out.contacts.push(
    ...(await all<IdentityData['contacts'][number]>(db.pool, 'SELECT owner, contact, name FROM contacts WHERE case_id = $1 AND contact = ANY($2::bigint[]) ORDER BY contact, owner, name', [
      db.caseId,
      ids,
    ])),
  );
  out.links.push(
    ...(await all<IdentityData['links'][number]>(
      db.pool,
      `(SELECT src AS a, dst AS b, sum(count) AS count FROM ${edgesSql('$1')} e1 WHERE src = ANY($2::bigint[]) GROUP BY src, dst ORDER BY src, dst)
       UNION ALL (SELECT src AS a, dst AS b, sum(count) AS count FROM ${edgesSql('$1')} e2 WHERE dst = ANY($2::bigint[]) AND src != ALL($2::bigint[]) GROUP BY src, dst ORDER BY src, dst)`,
      [db.caseId, ids],
    )),
  );
  return out;
}

// ------------------------------------------------------------------------------ decisions

async function account(q: Queryable, caseId: number, id: number): Promise<AccountView> {
  const r = Number.isSafeInteger(id) ? await one<AccountDbRow>(q, `SELECT ${ACCOUNT_COLS} FROM accounts WHERE case_id = $1 AND id = $2`, [caseId, id]) : undefined;
  if (!r) throw new ClewError('NOT_FOUND', `no account ${id}`, { id });
  return toAccount(r);
}

async function personOf(q: Queryable, caseId: number, id: number): Promise<number | null> {
  return (await scalar<number>(q, 'SELECT person_id FROM person_members WHERE case_id = $1 AND account_id = $2', [caseId, id])) ?? null;
}

async function log(q: Queryable, caseId: number, action: IdentityDecision['action'], accounts: number[], person: number | null, d: IdentityDecisionInput): Promise<number> {
  const cap = (s: string | undefined): string | null => (s === undefined ? null : s.slice(0, MAX_TEXT));
  return (await scalar<number>(
    q,
    `INSERT INTO identity_decisions (case_id, action, accounts, person_id, "by", at, why, score, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      caseId,
      action,
      JSON.stringify(accounts),
      person,
      d.by.slice(0, 200),
      d.at ?? Date.now(),
      cap(d.why),
      d.score ?? null,
      d.evidence === undefined ? null : JSON.stringify(d.evidence).slice(0, 100_000),
    ],
  ))!;
}

export async function personView(q: Queryable, caseId: number, id: number): Promise<PersonView> {
  const p = Number.isSafeInteger(id)
    ? await one<{ id: number; name: string; created_at: number; created_by: string }>(q, 'SELECT id, name, created_at, created_by FROM persons WHERE case_id = $1 AND id = $2', [
        caseId,
        id,
      ])
    : undefined;
  if (!p) throw new ClewError('NOT_FOUND', `no person ${id}`, { id });
  const accounts = (
    await all<AccountDbRow>(
      q,
      `SELECT a.id, a.ref, a.platform, a.handle, a.kind, a.display_name FROM person_members m JOIN accounts a ON a.case_id = m.case_id AND a.id = m.account_id
       WHERE m.case_id = $1 AND m.person_id = $2 ORDER BY a.id`,
      [caseId, id],
    )
  ).map(toAccount);
  return { id: p.id, name: p.name, createdAt: p.created_at, createdBy: p.created_by, accounts };
}

/** Persons with at least one member account. */
export async function listPersons(db: PgReadCase): Promise<PersonView[]> {
  const rows = await all<{ pid: number; name: string; created_at: number; created_by: string } & AccountDbRow>(
    db.pool,
    `SELECT p.id AS pid, p.name, p.created_at, p.created_by, a.id, a.ref, a.platform, a.handle, a.kind, a.display_name
     FROM person_members m JOIN persons p ON p.case_id = m.case_id AND p.id = m.person_id JOIN accounts a ON a.case_id = m.case_id AND a.id = m.account_id
     WHERE m.case_id = $1 ORDER BY p.id, a.id`,
    [db.caseId],
  );
  const out: PersonView[] = [];
  for (const r of rows) {
    let p = out[out.length - 1];
    if (!p || p.id !== r.pid) out.push((p = { id: r.pid, name: r.name, createdAt: r.created_at, createdBy: r.created_by, accounts: [] }));
    p.accounts.push(toAccount(r));
  }
  return out;
}

export async function listDecisions(db: PgReadCase, limit: number): Promise<IdentityDecision[]> {
  type Row = { id: number; action: IdentityDecision['action']; accounts: unknown; person_id: number | null; by: string; at: number; why: string | null; score: number | null };
  const rows = await all<Row>(
    db.pool,
    'SELECT id, action, accounts, person_id, "by", at, why, score FROM identity_decisions WHERE case_id = $1 ORDER BY id DESC LIMIT $2',
    [db.caseId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    accounts: (typeof r.accounts === 'string' ? (JSON.parse(r.accounts) as number[]) : (r.accounts as number[])).map(Number),
    person: r.person_id,
    by: r.by,
    at: r.at,
    why: r.why,
    score: r.score,
  }));
}

export async function personMembers(db: PgReadCase): Promise<Map<number, { person: number; name: string }>> {
  const out = new Map<number, { person: number; name: string }>();
  for (const r of await all<{ account_id: number; person_id: number; name: string }>(
    db.pool,
    'SELECT m.account_id, m.person_id, p.name FROM person_members m JOIN persons p ON p.case_id = m.case_id AND p.id = m.person_id WHERE m.case_id = $1',
    [db.caseId],
  ))
    out.set(r.account_id, { person: r.person_id, name: r.name });
  return out;
}

/** Merge two accounts (or their persons) into one person. Returns the person. */
export async function mergeAccounts(db: PgReadCase, a: number, b: number, d: IdentityDecisionInput & { name?: string }): Promise<PersonView> {
  if (a === b) throw new ClewError('INVALID_ARGUMENT', 'cannot merge an account with itself', { a, b });
  const c = db.caseId;
  return transaction(
    db,
    async (q: pg.PoolClient) => {
      const va = await account(q, c, a);
      await account(q, c, b);
      let pa = await personOf(q, c, a);
      const pb = await personOf(q, c, b);
      const rename = (p: number) => q.query('UPDATE persons SET name = $3 WHERE case_id = $1 AND id = $2', [c, p, d.name!.slice(0, MAX_TEXT)]);
      if (pa !== null && pa === pb) {
        if (d.name) await rename(pa);
        return personView(q, c, pa);
      }
      const at = d.at ?? Date.now();
      if (pa === null && pb !== null) pa = pb;
      const decision = await log(q, c, 'merge', [a, b], null, d);
      if (pa === null) {
        pa = (await scalar<number>(q, 'INSERT INTO persons (case_id, name, created_at, created_by) VALUES ($1, $2, $3, $4) RETURNING id', [
          c,
          (d.name ?? va.displayName ?? va.handle).slice(0, MAX_TEXT),
          at,
          d.by.slice(0, 200),
        ]))!;
      } else if (d.name) await rename(pa);
      const ofA = await personOf(q, c, a);
      const other = ofA === pa ? pb : ofA;
      if (other !== null && other !== pa) {
        await q.query('UPDATE person_members SET person_id = $2 WHERE case_id = $1 AND person_id = $3', [c, pa, other]);
        await q.query('UPDATE persons SET merged_into = $2 WHERE case_id = $1 AND id = $3', [c, pa, other]);
      }
      await q.query(
        'INSERT INTO person_members (case_id, account_id, person_id, decision_id) VALUES ($1, $2, $4, $5), ($1, $3, $4, $5) ON CONFLICT (case_id, account_id) DO NOTHING',
        [c, a, b, pa, decision],
      );
      await q.query('UPDATE identity_decisions SET person_id = $2 WHERE case_id = $1 AND id = $3', [c, pa, decision]);
      await q.query('DELETE FROM identity_rejections WHERE case_id = $1 AND a = $2 AND b = $3', [c, Math.min(a, b), Math.max(a, b)]);
      return personView(q, c, pa);
    },
    'identity',
  );
}

/** Take an account out of its person (a person left with one account dissolves). */
export async function splitAccount(db: PgReadCase, a: number, d: IdentityDecisionInput): Promise<{ person: number; remaining: number }> {
  const c = db.caseId;
  return transaction(
    db,
    async (q) => {
      await account(q, c, a);
      const p = await personOf(q, c, a);
      if (p === null) throw new ClewError('NOT_FOUND', `account ${a} belongs to no person`, { account: a });
      await log(q, c, 'split', [a], p, d);
      await q.query('DELETE FROM person_members WHERE case_id = $1 AND account_id = $2', [c, a]);
      const left = await all<{ account_id: number }>(q, 'SELECT account_id FROM person_members WHERE case_id = $1 AND person_id = $2', [c, p]);
      if (left.length === 1) await q.query('DELETE FROM person_members WHERE case_id = $1 AND person_id = $2', [c, p]);
      return { person: p, remaining: left.length === 1 ? 0 : left.length };
    },
    'identity',
  );
}

/** Record that two accounts are different people: the pair is never suggested again. */
export async function rejectPair(db: PgReadCase, a: number, b: number, d: IdentityDecisionInput): Promise<number> {
  if (a === b) throw new ClewError('INVALID_ARGUMENT', 'cannot reject an account against itself', { a, b });
  const c = db.caseId;
  return transaction(
    db,
    async (q) => {
      await account(q, c, a);
      await account(q, c, b);
      const id = await log(q, c, 'reject', [a, b], null, d);
      await q.query(
        `INSERT INTO identity_rejections (case_id, a, b, decision_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, a, b) DO UPDATE SET decision_id = excluded.decision_id`,
        [c, Math.min(a, b), Math.max(a, b), id],
      );
      return id;
    },
    'identity',
  );
}

export async function unrejectPair(db: PgReadCase, a: number, b: number, d: IdentityDecisionInput): Promise<boolean> {
  const c = db.caseId;
  return transaction(
    db,
    async (q) => {
      const r = await q.query('DELETE FROM identity_rejections WHERE case_id = $1 AND a = $2 AND b = $3', [c, Math.min(a, b), Math.max(a, b)]);
      const removed = (r.rowCount ?? 0) > 0;
      if (removed) await log(q, c, 'unreject', [a, b], null, d);
      return removed;
    },
    'identity',
  );
}

/** Every account, its saved names (distinct owners) and device phone numbers, in SQLite's key order. */
export async function loadNameDirectory(db: PgReadCase): Promise<NameDirectory> {
  const c = db.caseId;
  const accounts = (await all<AccountDbRow>(db.pool, `SELECT ${ACCOUNT_COLS} FROM accounts WHERE case_id = $1 ORDER BY id`, [c])).map(toAccount);
  const saved = await all<NameDirectory['saved'][number]>(
    db.pool,
    'SELECT contact, name COLLATE "C" AS name, count(DISTINCT owner)::int AS owners FROM contacts WHERE case_id = $1 GROUP BY contact, name COLLATE "C" ORDER BY contact, name COLLATE "C"',
    [c],
  );
  const phones = await all<NameDirectory['phones'][number]>(
    db.pool,
    `SELECT account_id AS account, value FROM devices WHERE case_id = $1 AND key IN ('msisdn', 'phone') ORDER BY account_id, value COLLATE "C"`,
    [c],
  );
  return { accounts, saved, phones };
}

/** The saved names of a few accounts (see IdentityStore.savedNamesOf), read through the contacts (case_id, contact) index. */
export async function loadSavedNamesOf(db: PgReadCase, accountIds: readonly number[]): Promise<NameDirectory['saved']> {
  const ids = [...new Set(accountIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length === 0) return [];
  return all<NameDirectory['saved'][number]>(
    db.pool,
    'SELECT contact, name COLLATE "C" AS name, count(DISTINCT owner)::int AS owners FROM contacts WHERE case_id = $1 AND contact = ANY($2::bigint[]) GROUP BY contact, name COLLATE "C" ORDER BY contact, name COLLATE "C"',
    [db.caseId, ids],
  );
}

export class PgIdentityStore implements IdentityStore {
  /** `assertWritable`: throws when the case is open read-only (before every decision). */
  constructor(
    private readonly db: PgReadCase,
    private readonly assertWritable: () => void = () => undefined,
  ) {}
  names(): Promise<NameDirectory> {
    return loadNameDirectory(this.db);
  }
  data(statementPhrases: readonly string[]): Promise<IdentityData> {
    return loadIdentityData(this.db, statementPhrases);
  }
  dataFor(accountIds: readonly number[]): Promise<IdentityData> {
    return loadHandlesData(this.db, accountIds);
  }
  savedNamesOf(accountIds: readonly number[]): Promise<NameDirectory['saved']> {
    return loadSavedNamesOf(this.db, accountIds);
  }
  persons(): Promise<PersonView[]> {
    return listPersons(this.db);
  }
  person(id: number): Promise<PersonView> {
    return personView(this.db.pool, this.db.caseId, id);
  }
  members(): Promise<Map<number, { person: number; name: string }>> {
    return personMembers(this.db);
  }
  decisions(limit: number): Promise<IdentityDecision[]> {
    return listDecisions(this.db, limit);
  }
  async merge(a: number, b: number, d: IdentityDecisionInput & { name?: string }): Promise<PersonView> {
    this.assertWritable();
    return mergeAccounts(this.db, a, b, d);
  }
  async split(account: number, d: IdentityDecisionInput): Promise<{ person: number; remaining: number }> {
    this.assertWritable();
    return splitAccount(this.db, account, d);
  }
  async reject(a: number, b: number, d: IdentityDecisionInput): Promise<number> {
    this.assertWritable();
    return rejectPair(this.db, a, b, d);
  }
  async unreject(a: number, b: number, d: IdentityDecisionInput): Promise<boolean> {
    this.assertWritable();
    return unrejectPair(this.db, a, b, d);
  }
}
