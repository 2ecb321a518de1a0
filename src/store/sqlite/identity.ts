/**
 * Identity resolution in the case file: what the resolver reads (handles with their activity,
 * contact lists, links, identifiers, statement candidates) and the analyst's decisions (persons,
 * their member accounts, rejected pairs and a log of every decision with who, when and why).
 * Source records are never changed; a merge is undone by a split, a rejection by an unreject.
 * The tables are created on every writable open (IF NOT EXISTS); a case opened read-only before
 * any decision reads as "no persons yet".
 */
import { phraseVariants } from '../../text/query/refold.js';
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { AccountView, IdentityData, IdentityDecision, IdentityDecisionInput, IdentityStore, NameDirectory, PersonView } from '../types.js';
import { type AccountDbRow, toAccount } from './rows.js';
import { bumpGeneration } from './generation.js';
import { cachedStatement } from './statements.js';


/** Entity types that identify a person when two handles share them. */
const IDENTIFIER_MENTION_TYPES = ['phone', 'email', 'iban', 'crypto'];
const DEVICE_KEYS = ['imei', 'imsi', 'serial'];
const MAX_STATEMENT_MESSAGES = 200_000;
const MAX_TEXT = 500;

export function hasIdentityTables(db: Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'identity_decisions'`).get() !== undefined;
}

function ftsPhrase(p: string): string {
  return `"${p.replaceAll('"', '""')}"`;
}

export function loadIdentityData(db: Database, statementPhrases: readonly string[]): IdentityData {
  type Act = { sender: number; h: number; n: number; first: number; last: number; len: number };
  const act = new Map<number, { hours: number[]; n: number; first: number; last: number; len: number }>();
  for (const r of db
    .prepare(`SELECT sender, (ts / 3600000) % 24 AS h, count(*) AS n, min(ts) AS first, max(ts) AS last, sum(length(body)) AS len
              FROM messages WHERE dup_of IS NULL GROUP BY sender, h`)
    .iterate() as Iterable<Act>) {
    let a = act.get(r.sender);
    if (!a) act.set(r.sender, (a = { hours: new Array<number>(24).fill(0), n: 0, first: r.first, last: r.last, len: 0 }));
    a.hours[r.h] = r.n;
    a.n += r.n;
    a.first = Math.min(a.first, r.first);
    a.last = Math.max(a.last, r.last);
    a.len += r.len;
  }
  const handles: IdentityData['handles'] = [];
  for (const r of db.prepare('SELECT * FROM accounts ORDER BY id').iterate() as Iterable<AccountDbRow>) {
    const a = act.get(r.id);
    handles.push({
      id: r.id, ref: r.ref, handle: r.handle, displayName: r.display_name,
      first: a ? a.first : null, last: a ? a.last : null, messages: a?.n ?? 0,
      hours: a ? a.hours : new Array<number>(24).fill(0), meanLength: a && a.n > 0 ? a.len / a.n : 0,
    });
  }
  const contacts = db.prepare('SELECT owner, contact, name FROM contacts').all() as IdentityData['contacts'];
  const links = db.prepare('SELECT src AS a, dst AS b, sum(count) AS count FROM edges GROUP BY src, dst').all() as IdentityData['links'];
  const identifiers: IdentityData['identifiers'] = [];
  for (const r of db.prepare(`SELECT account_id, key, value FROM devices WHERE key IN (${DEVICE_KEYS.map(() => '?').join(',')})`).iterate(...DEVICE_KEYS) as Iterable<{ account_id: number; key: string; value: string }>)
    identifiers.push({ account: r.account_id, type: r.key, value: r.value, messageId: null });
  for (const r of db
    .prepare(`SELECT m.sender AS account, x.type AS type, x.value AS value, x.message_id AS messageId FROM mentions x JOIN messages m ON m.id = x.message_id
              WHERE x.type IN (${IDENTIFIER_MENTION_TYPES.map(() => '?').join(',')}) AND m.dup_of IS NULL`)
    .iterate(...IDENTIFIER_MENTION_TYPES) as Iterable<IdentityData['identifiers'][number]>)
    identifiers.push(r);
  const statements: IdentityData['statements'] = [];
  if (statementPhrases.length > 0) {
    const rec = db.prepare('SELECT account_id FROM message_recipients WHERE message_id = ?').pluck();
    const rows = db
      .prepare(`SELECT m.id, m.sender, m.ts, substr(m.body, 1, 2000) AS body FROM messages_fts f JOIN messages m ON m.id = f.rowid
                WHERE messages_fts MATCH ? AND m.dup_of IS NULL LIMIT ${MAX_STATEMENT_MESSAGES}`)
      .all(statementPhrases.flatMap((p) => phraseVariants(p)).map((t) => ftsPhrase(t.join(' '))).join(' OR ')) as { id: number; sender: number; ts: number; body: string }[];
    for (const r of rows) statements.push({ ...r, recipients: rec.all(r.id) as number[] });
  }
  const members = hasIdentityTables(db) ? (db.prepare('SELECT account_id AS account, person_id AS person FROM person_members').all() as IdentityData['members']) : [];
  const rejected = hasIdentityTables(db) ? (db.prepare('SELECT a, b FROM identity_rejections').raw().all() as [number, number][]) : [];
  return { handles, contacts, links, identifiers, statements, members, rejected };
}

/**
 * What the review of a few handles needs — their activity by hour, the names others saved for
 * them, their links — read through the indexes for those accounts only (the whole-case
 * `loadIdentityData` takes seconds on a big case). Identifiers and statements are left empty.
 */
export function loadHandlesData(db: Database, accountIds: readonly number[]): IdentityData {
  const ids = [...new Set(accountIds)].slice(0, 100);
  const empty: IdentityData = { handles: [], contacts: [], links: [], identifiers: [], statements: [], members: [], rejected: [] };
  if (ids.length === 0) return empty;
  const inIds = `(${ids.map(() => '?').join(',')})`;
  type Act = { sender: number; h: number; n: number; first: number; last: number; len: number };
  const act = new Map<number, { hours: number[]; n: number; first: number; last: number; len: number }>();
  for (const r of db
    .prepare(`SELECT sender, (ts / 3600000) % 24 AS h, count(*) AS n, min(ts) AS first, max(ts) AS last, sum(length(body)) AS len
              FROM messages WHERE sender IN ${inIds} AND dup_of IS NULL GROUP BY sender, h`)
    .iterate(...ids) as Iterable<Act>) {
    let a = act.get(r.sender);
    if (!a) act.set(r.sender, (a = { hours: new Array<number>(24).fill(0), n: 0, first: r.first, last: r.last, len: 0 }));
    a.hours[r.h] = r.n;
    a.n += r.n;
    a.first = Math.min(a.first, r.first);
    a.last = Math.max(a.last, r.last);
    a.len += r.len;
  }
  for (const r of db.prepare(`SELECT * FROM accounts WHERE id IN ${inIds} ORDER BY id`).iterate(...ids) as Iterable<AccountDbRow>) {
    const a = act.get(r.id);
    empty.handles.push({
      id: r.id, ref: r.ref, handle: r.handle, displayName: r.display_name,
      first: a ? a.first : null, last: a ? a.last : null, messages: a?.n ?? 0,
      hours: a ? a.hours : new Array<number>(24).fill(0), meanLength: a && a.n > 0 ? a.len / a.n : 0,
    });
  }
  empty.contacts.push(...(db.prepare(`SELECT owner, contact, name FROM contacts WHERE contact IN ${inIds}`).all(...ids) as IdentityData['contacts']));
  empty.links.push(
    ...(db
      .prepare(
        `SELECT src AS a, dst AS b, sum(count) AS count FROM edges WHERE src IN ${inIds} GROUP BY src, dst
         UNION ALL SELECT src AS a, dst AS b, sum(count) AS count FROM edges WHERE dst IN ${inIds} AND src NOT IN ${inIds} GROUP BY src, dst`,
      )
      .all(...ids, ...ids, ...ids) as IdentityData['links']),
  );
  return empty;
}

// ------------------------------------------------------------------------------ decisions

function account(db: Database, id: number): AccountView {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountDbRow | undefined;
  if (!r) throw new ClewError('NOT_FOUND', `no account ${id}`, { id });
  return toAccount(r);
}

function personOf(db: Database, id: number): number | null {
  const r = db.prepare('SELECT person_id FROM person_members WHERE account_id = ?').pluck().get(id) as number | undefined;
  return r ?? null;
}

function log(db: Database, action: IdentityDecision['action'], accounts: number[], person: number | null, d: IdentityDecisionInput): number {
  const cap = (s: string | undefined): string | null => (s === undefined ? null : s.slice(0, MAX_TEXT));
  return Number(
    db
      .prepare('INSERT INTO identity_decisions (action, accounts, person_id, by, at, why, score, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(action, JSON.stringify(accounts), person, d.by.slice(0, 200), d.at ?? Date.now(), cap(d.why), d.score ?? null, d.evidence === undefined ? null : JSON.stringify(d.evidence).slice(0, 100_000))
      .lastInsertRowid,
  );
}

/** Merge two accounts (or their persons) into one person. Returns the person. */
export function mergeAccounts(db: Database, a: number, b: number, d: IdentityDecisionInput & { name?: string }): PersonView {
  if (a === b) throw new ClewError('INVALID_ARGUMENT', 'cannot merge an account with itself', { a, b });
  const tx = db.transaction((): number => {
    bumpGeneration(db);
    const va = account(db, a);
    account(db, b);
    let pa = personOf(db, a);
    const pb = personOf(db, b);
    if (pa !== null && pa === pb) {
      if (d.name) db.prepare('UPDATE persons SET name = ? WHERE id = ?').run(d.name.slice(0, MAX_TEXT), pa);
      return pa;
    }
    const at = d.at ?? Date.now();
    if (pa === null && pb !== null) pa = pb;
    const decision = log(db, 'merge', [a, b], null, d);
    if (pa === null) {
      pa = Number(db.prepare('INSERT INTO persons (name, created_at, created_by) VALUES (?, ?, ?)').run((d.name ?? va.displayName ?? va.handle).slice(0, MAX_TEXT), at, d.by.slice(0, 200)).lastInsertRowid);
    } else if (d.name) db.prepare('UPDATE persons SET name = ? WHERE id = ?').run(d.name.slice(0, MAX_TEXT), pa);
    const other = personOf(db, a) === pa ? pb : personOf(db, a);
    if (other !== null && other !== pa) {
      db.prepare('UPDATE person_members SET person_id = ? WHERE person_id = ?').run(pa, other);
      db.prepare('UPDATE persons SET merged_into = ? WHERE id = ?').run(pa, other);
    }
    const put = db.prepare('INSERT OR IGNORE INTO person_members (account_id, person_id, decision_id) VALUES (?, ?, ?)');
    put.run(a, pa, decision);
    put.run(b, pa, decision);
    db.prepare('UPDATE identity_decisions SET person_id = ? WHERE id = ?').run(pa, decision);
    db.prepare('DELETE FROM identity_rejections WHERE a = ? AND b = ?').run(Math.min(a, b), Math.max(a, b));
    return pa;
  });
  return personView(db, tx.immediate());
}

/** Take an account out of its person (a person left with one account dissolves). */
export function splitAccount(db: Database, a: number, d: IdentityDecisionInput): { person: number; remaining: number } {
  const tx = db.transaction(() => {
    bumpGeneration(db);
    account(db, a);
    const p = personOf(db, a);
    if (p === null) throw new ClewError('NOT_FOUND', `account ${a} belongs to no person`, { account: a });
    log(db, 'split', [a], p, d);
    db.prepare('DELETE FROM person_members WHERE account_id = ?').run(a);
    const left = db.prepare('SELECT account_id FROM person_members WHERE person_id = ?').pluck().all(p) as number[];
    if (left.length === 1) db.prepare('DELETE FROM person_members WHERE person_id = ?').run(p);
    return { person: p, remaining: left.length === 1 ? 0 : left.length };
  });
  return tx.immediate();
}

/** Record that two accounts are different people: the pair is never suggested again. */
export function rejectPair(db: Database, a: number, b: number, d: IdentityDecisionInput): number {
  if (a === b) throw new ClewError('INVALID_ARGUMENT', 'cannot reject an account against itself', { a, b });
  const tx = db.transaction(() => {
    bumpGeneration(db);
    account(db, a);
    account(db, b);
    const id = log(db, 'reject', [a, b], null, d);
    db.prepare('INSERT OR REPLACE INTO identity_rejections (a, b, decision_id) VALUES (?, ?, ?)').run(Math.min(a, b), Math.max(a, b), id);
    return id;
  });
  return tx.immediate();
}

export function unrejectPair(db: Database, a: number, b: number, d: IdentityDecisionInput): boolean {
  const tx = db.transaction(() => {
    bumpGeneration(db);
    const r = db.prepare('DELETE FROM identity_rejections WHERE a = ? AND b = ?').run(Math.min(a, b), Math.max(a, b));
    if (r.changes > 0) log(db, 'unreject', [a, b], null, d);
    return r.changes > 0;
  });
  return tx.immediate();
}

export function personView(db: Database, id: number): PersonView {
  const p = db.prepare('SELECT id, name, created_at, created_by FROM persons WHERE id = ?').get(id) as { id: number; name: string; created_at: number; created_by: string } | undefined;
  if (!p) throw new ClewError('NOT_FOUND', `no person ${id}`, { id });
  const accounts = (db.prepare('SELECT a.* FROM person_members m JOIN accounts a ON a.id = m.account_id WHERE m.person_id = ? ORDER BY a.id').all(id) as AccountDbRow[]).map(toAccount);
  return { id: p.id, name: p.name, createdAt: p.created_at, createdBy: p.created_by, accounts };
}

/** Persons with at least one member account. */
export function listPersons(db: Database): PersonView[] {
  if (!hasIdentityTables(db)) return [];
  const ids = db.prepare('SELECT DISTINCT person_id FROM person_members ORDER BY person_id').pluck().all() as number[];
  return ids.map((id) => personView(db, id));
}

export function listDecisions(db: Database, limit: number): IdentityDecision[] {
  if (!hasIdentityTables(db)) return [];
  type Row = { id: number; action: IdentityDecision['action']; accounts: string; person_id: number | null; by: string; at: number; why: string | null; score: number | null };
  return (db.prepare('SELECT id, action, accounts, person_id, by, at, why, score FROM identity_decisions ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
    id: r.id, action: r.action, accounts: JSON.parse(r.accounts) as number[], person: r.person_id, by: r.by, at: r.at, why: r.why, score: r.score,
  }));
}

/** Account → person for every member account (empty before any merge). */
export function personMembers(db: Database): Map<number, { person: number; name: string }> {
  const out = new Map<number, { person: number; name: string }>();
  if (!hasIdentityTables(db)) return out;
  for (const r of db.prepare('SELECT m.account_id, m.person_id, p.name FROM person_members m JOIN persons p ON p.id = m.person_id').iterate() as Iterable<{ account_id: number; person_id: number; name: string }>)
    out.set(r.account_id, { person: r.person_id, name: r.name });
  return out;
}

/** Every account, its saved names (distinct owners) and device phone numbers. */
export function loadNameDirectory(db: Database): NameDirectory {
  const accounts = (db.prepare('SELECT * FROM accounts ORDER BY id').all() as AccountDbRow[]).map(toAccount);
  const saved = db.prepare('SELECT contact, name, count(DISTINCT owner) AS owners FROM contacts GROUP BY contact, name ORDER BY contact, name').all() as NameDirectory['saved'];
  const phones = db.prepare(`SELECT account_id AS account, value FROM devices WHERE key IN ('msisdn', 'phone') ORDER BY account_id, value`).all() as NameDirectory['phones'];
  return { accounts, saved, phones };
}

/** The saved names of a few accounts (see IdentityStore.savedNamesOf), read through the contacts(contact) index. */
export function loadSavedNamesOf(db: Database, accountIds: readonly number[]): NameDirectory['saved'] {
  const ids = [...new Set(accountIds)].filter((x) => Number.isSafeInteger(x)).sort((a, b) => a - b);
  const out: NameDirectory['saved'] = [];
  for (let i = 0; i < ids.length; i += SAVED_NAMES_CHUNK) {
    const chunk = ids.slice(i, i + SAVED_NAMES_CHUNK);
    out.push(
      ...(cachedStatement(db, `SELECT contact, name, count(DISTINCT owner) AS owners FROM contacts WHERE contact IN (${chunk.map(() => '?').join(',')}) GROUP BY contact, name ORDER BY contact, name`)
        .all(...chunk) as NameDirectory['saved']),
    );
  }
  return out;
}
/** Ids bound per statement (well under SQLite's variable limit). */
const SAVED_NAMES_CHUNK = 500;

export class SqliteIdentityStore implements IdentityStore {
  constructor(private readonly db: Database) {}
  async names(): Promise<NameDirectory> {
    return loadNameDirectory(this.db);
  }
  async data(statementPhrases: readonly string[]): Promise<IdentityData> {
    return loadIdentityData(this.db, statementPhrases);
  }
  async dataFor(accountIds: readonly number[]): Promise<IdentityData> {
    return loadHandlesData(this.db, accountIds);
  }
  async savedNamesOf(accountIds: readonly number[]): Promise<NameDirectory['saved']> {
    return loadSavedNamesOf(this.db, accountIds);
  }
  async persons(): Promise<PersonView[]> {
    return listPersons(this.db);
  }
  async person(id: number): Promise<PersonView> {
    if (!hasIdentityTables(this.db)) throw new ClewError('NOT_FOUND', `no person ${id}`, { id });
    return personView(this.db, id);
  }
  async members(): Promise<Map<number, { person: number; name: string }>> {
    return personMembers(this.db);
  }
  async decisions(limit: number): Promise<IdentityDecision[]> {
    return listDecisions(this.db, limit);
  }
  async merge(a: number, b: number, d: IdentityDecisionInput & { name?: string }): Promise<PersonView> {
    return mergeAccounts(this.db, a, b, d);
  }
  async split(accountId: number, d: IdentityDecisionInput): Promise<{ person: number; remaining: number }> {
    return splitAccount(this.db, accountId, d);
  }
  async reject(a: number, b: number, d: IdentityDecisionInput): Promise<number> {
    return rejectPair(this.db, a, b, d);
  }
  async unreject(a: number, b: number, d: IdentityDecisionInput): Promise<boolean> {
    return unrejectPair(this.db, a, b, d);
  }
}
