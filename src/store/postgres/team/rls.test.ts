/**
 * Need-to-know in the database (rls.ts), tested in SQL as the team server's role connects: a user
 * of case A reads no row of case B from any case table, by any query (counts, ids guessed from
 * B, a partition named directly), may write none into it, and an auditor, a disabled user, a
 * transaction that names no user or garbage read nothing; a revoke holds from the next query.
 * Then the same through the store opened as a user (scoped.ts), even one pointed at the wrong case.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, query } from '../../conformance/support.js';
import { CASE_TABLES, partitionName } from '../schema.js';
import { PostgresCaseStore } from '../store.js';
import { userScopedPool } from './scoped.js';
import { PASSWORD, type TeamFixture, caseWith, teamFixture, uniqueUser, userSql } from './test-support/team.js';

let f: TeamFixture;
let A: PostgresCaseStore;
let B: PostgresCaseStore;
let sql: pg.Client;
const users: Record<'reader' | 'analyst' | 'auditor' | 'ownerB' | 'disabled', number> = { reader: 0, analyst: 0, auditor: 0, ownerB: 0, disabled: 0 };
/** Rows of case B, by table, as the admin counts them. */
const rowsOfB: Record<string, number> = {};
let bMessageIds: number[] = [];

async function fill(s: PostgresCaseStore, word: string): Promise<void> {
  const ids = (await s.search(query(word), { limit: 10 })).hits.map((h) => h.id);
  await s.annotate({ item: { type: 'message', key: String(ids[0]) }, kind: 'tag', action: 'add', key: `tag${word}`, value: `tag${word}`, by: 'admin' });
  await s.annotate({ item: { type: 'message', key: String(ids[0]) }, kind: 'note', action: 'add', key: '', value: `note ${word}`, by: 'admin' });
  await s.saveTranslations([
    { messageId: ids[0]!, target: 'en', engine: 'apertium', pair: 'hbs-eng', version: '1', engineVersion: '1', sourceLang: 'sr', text: `tr ${word}`, failure: null, failed: null, at: 1, lexicon: [] },
  ]);
  await s.addLexiconEntry({ term: word, means: `means ${word}` });
  await s.putWatchlist(`w${word}`, [{ line: 1, raw: 'sky:x', type: 'account', value: 'sky:x' }], 'admin');
}

beforeAll(async () => {
  f = await teamFixture();
  A = await caseWith('rlsa', ['kafa u gradu sa bratom', 'brod stiže sutra u Bar', 'kafa opet']);
  // other times, so other message ids (ts * 2048 + slot) than A's
  B = await caseWith('rlsb', ['tajna kafa slucaja b', 'brod b stiže', 'treća poruka b'], Date.UTC(2022, 5, 1));
  await fill(A, 'kafa');
  await fill(B, 'kafa');
  const add = async (key: keyof typeof users, role: 'reader' | 'analyst' | 'auditor' | 'owner', on: PostgresCaseStore) => {
    const name = uniqueUser(key);
    users[key] = (await f.admin.addUser(name, PASSWORD)).id;
    await f.admin.grant(name, on.db.caseName, role);
    return name;
  };
  await add('reader', 'reader', A);
  await add('analyst', 'analyst', A);
  await add('auditor', 'auditor', A);
  await add('ownerB', 'owner', B);
  await f.admin.disableUser(await add('disabled', 'owner', A));
  const admin = await f.adminClient();
  for (const t of CASE_TABLES) rowsOfB[t.name] = (await admin.query(`SELECT count(*)::int AS n FROM ${t.name} WHERE case_id = $1`, [B.db.caseId])).rows[0].n;
  bMessageIds = (await admin.query('SELECT id FROM messages WHERE case_id = $1', [B.db.caseId])).rows.map((r: { id: number }) => Number(r.id));
  sql = await f.serverClient();
});
afterAll(async () => {
  await A?.close();
  await B?.close();
  await f?.close();
});

// as(user, fn): clew.user set to `user` (a raw string: garbage too), rolled back
const { as, count, sqlstate } = userSql(() => sql);

describe('row-level security, in SQL as the team server connects', () => {
  it('binds the server role: no superuser, no BYPASSRLS, owns no table; every case table and partition ENABLEs and FORCEs it', async () => {
    const r = (await sql.query('SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user')).rows[0];
    expect(r).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    expect(await count(`SELECT count(*) AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`)).toBe(0);
    const rels = [...CASE_TABLES.map((t) => t.name), ...CASE_TABLES.flatMap((t) => [partitionName(t.name, A.db.caseId), partitionName(t.name, B.db.caseId)])];
    const flags = (await sql.query(`SELECT relname, relrowsecurity AS e, relforcerowsecurity AS f FROM pg_class WHERE relname = ANY($1)`, [rels])).rows;
    expect(flags).toHaveLength(rels.length);
    expect(flags.filter((x: { e: boolean; f: boolean }) => !x.e || !x.f)).toEqual([]);
    const policies = (await sql.query(`SELECT tablename, array_agg(policyname::text ORDER BY policyname) AS p FROM pg_policies WHERE tablename = ANY($1) GROUP BY tablename`, [rels])).rows;
    expect(policies).toHaveLength(rels.length);
    for (const p of policies) expect(p.p).toEqual(['clew_admin', 'clew_read', 'clew_write']);
  });

  it('a user of case A counts and selects no row of case B in any case table, and all of A', async () => {
    // case B has rows in most tables (else this proves little)
    expect(Object.values(rowsOfB).filter((n) => n > 0).length).toBeGreaterThanOrEqual(12);
    const admin = await f.adminClient();
    for (const user of [users.reader, users.analyst]) {
      await as(user, async () => {
        for (const t of CASE_TABLES) {
          expect(await count(`SELECT count(*) AS n FROM ${t.name} WHERE case_id = $1`, [B.db.caseId]), t.name).toBe(0);
          // no filter at all: only A's rows
          const seen = (await sql.query(`SELECT DISTINCT case_id FROM ${t.name}`)).rows.map((r: { case_id: number }) => r.case_id);
          expect(seen.filter((c: number) => c !== A.db.caseId), t.name).toEqual([]);
          const all = (await admin.query(`SELECT count(*)::int AS n FROM ${t.name} WHERE case_id = $1`, [A.db.caseId])).rows[0].n;
          expect(await count(`SELECT count(*) AS n FROM ${t.name}`), t.name).toBe(all);
        }
        // ids guessed from B, with and without its case id, and in a full-text search
        expect(await count('SELECT count(*) AS n FROM messages WHERE id = ANY($1::bigint[])', [bMessageIds])).toBe(0);
        expect(await count('SELECT count(*) AS n FROM messages WHERE case_id = $1 AND id = ANY($2::bigint[])', [B.db.caseId, bMessageIds])).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM messages WHERE fts @@ 'tajna'::tsquery`)).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM messages WHERE body LIKE '%tajna%'`)).toBe(0);
        // the registry shows A only; the grants only the user's own
        expect((await sql.query('SELECT id FROM clew_cases')).rows.map((r: { id: number }) => r.id)).toEqual([A.db.caseId]);
        expect((await sql.query('SELECT DISTINCT user_id FROM clew_grants')).rows.map((r: { user_id: number }) => r.user_id)).toEqual([user]);
      });
    }
  });

  it('a partition named directly is refused (the server role holds no privilege on any), A\'s as well as B\'s', async () => {
    await as(users.reader, async () => {
      for (const t of CASE_TABLES) {
        expect(await sqlstate(`SELECT count(*) FROM ${partitionName(t.name, B.db.caseId)}`), t.name).toBe('42501');
        expect(await sqlstate(`SELECT count(*) FROM ${partitionName(t.name, A.db.caseId)}`), t.name).toBe('42501');
      }
    });
  });

  it('writes: nothing into B (WITH CHECK), no row of B changed or deleted, nothing as a reader, no evidence table ever', async () => {
    const B_ = B.db.caseId;
    const A_ = A.db.caseId;
    const lex = `INSERT INTO lexicon (case_id, term, means, type, added_at) VALUES ($1, 'x', 'y', NULL, 1)`;
    await as(users.analyst, async () => {
      expect(await sqlstate(lex, [B_])).toBe('42501');
      expect(await sqlstate(lex, [A_])).toBe('ok');
      // moving a row of A into B fails its check; B's rows are not there to change or delete
      expect(await sqlstate(`UPDATE lexicon SET case_id = $2 WHERE case_id = $1`, [A_, B_])).toBe('42501');
      expect((await sql.query(`UPDATE lexicon SET means = 'changed' WHERE case_id = $1`, [B_])).rowCount).toBe(0);
      expect((await sql.query(`DELETE FROM annotations WHERE case_id = $1`, [B_])).rowCount).toBe(0);
      expect((await sql.query(`DELETE FROM translations`)).rowCount).toBe(1); // A's only
      // meta: the change counter only
      expect(await sqlstate(`UPDATE meta SET value = '99' WHERE case_id = $1 AND key = 'clew_schema'`, [A_])).toBe('ok');
      expect((await sql.query(`UPDATE meta SET value = '99' WHERE case_id = $1 AND key = 'clew_schema'`, [A_])).rowCount).toBe(0);
      expect(await sqlstate(`INSERT INTO meta (case_id, key, value) VALUES ($1, 'generation', '1') ON CONFLICT (case_id, key) DO UPDATE SET value = (meta.value::bigint + 1)::text`, [A_])).toBe('ok');
      // the evidence: no privilege at all
      expect(await sqlstate(`UPDATE messages SET body = 'forged' WHERE case_id = $1`, [A_])).toBe('42501');
      expect(await sqlstate(`INSERT INTO accounts (case_id, id, ref, platform, handle, kind) VALUES ($1, 999999, 'sky:forged', 'sky', 'forged', 'handle')`, [A_])).toBe('42501');
      expect(await sqlstate(`DELETE FROM sources WHERE case_id = $1`, [A_])).toBe('42501');
      // nor the directory's own tables, nor the schema
      expect(await sqlstate(`INSERT INTO clew_grants (user_id, case_id, role, granted_at) VALUES ($1, $2, 'owner', 1)`, [users.analyst, B_])).toBe('42501');
      expect(await sqlstate(`UPDATE clew_users SET disabled = false`)).toBe('42501');
      expect(await sqlstate(`ALTER TABLE messages DISABLE ROW LEVEL SECURITY`)).toBe('42501');
      expect(await sqlstate(`SET LOCAL row_security = off; SELECT count(*) FROM messages`)).toBe('42501');
    });
    // grants: an owner's cases only
    await as(users.ownerB, async () => {
      expect(await sqlstate(`INSERT INTO clew_grants (user_id, case_id, role, granted_at) VALUES ($1, $2, 'reader', 1)`, [users.reader, B_])).toBe('ok');
      expect(await sqlstate(`INSERT INTO clew_grants (user_id, case_id, role, granted_at) VALUES ($1, $2, 'owner', 1)`, [users.ownerB, A_])).toBe('42501');
      expect((await sql.query(`DELETE FROM clew_grants WHERE case_id = $1`, [A_])).rowCount).toBe(0);
    });
    await as(users.reader, async () => {
      expect(await sqlstate(`INSERT INTO clew_grants (user_id, case_id, role, granted_at) VALUES ($1, $2, 'owner', 1)`, [users.reader, B_])).toBe('42501');
      expect(await sqlstate(`UPDATE clew_grants SET role = 'owner' WHERE user_id = $1`, [users.reader])).toBe('ok');
      expect((await sql.query(`UPDATE clew_grants SET role = 'owner' WHERE user_id = $1`, [users.reader])).rowCount).toBe(0);
      expect(await sqlstate(lex, [A_])).toBe('42501');
      expect((await sql.query(`DELETE FROM annotations WHERE case_id = $1`, [A_])).rowCount).toBe(0);
      expect((await sql.query(`UPDATE watchlists SET name = 'renamed' WHERE case_id = $1`, [A_])).rowCount).toBe(0);
    });
    // nothing of that was kept (each `as` rolls back), and B is as it was
    const admin = await f.adminClient();
    expect((await admin.query(`SELECT count(*)::int AS n FROM lexicon WHERE case_id = $1`, [B_])).rows[0].n).toBe(rowsOfB.lexicon);
  });

  it('no user, an unknown one, garbage, an auditor, a disabled user: no case row at all', async () => {
    for (const who of [null, '', '999999999', '1 OR 1=1', `${users.reader}; RESET ALL`, users.auditor, users.disabled]) {
      await as(who, async () => {
        for (const t of CASE_TABLES) expect(await count(`SELECT count(*) AS n FROM ${t.name}`), `${String(who)} ${t.name}`).toBe(0);
      });
    }
    // the auditor sees its case in the registry (to read its audit log), nothing in it
    await as(users.auditor, async () => {
      expect((await sql.query('SELECT id FROM clew_cases')).rows.map((r: { id: number }) => r.id)).toEqual([A.db.caseId]);
    });
    await as(null, async () => expect(await count('SELECT count(*) AS n FROM clew_cases')).toBe(0));
  });

  it('the setting is SET LOCAL: gone once the transaction ends, never left on a pooled connection', async () => {
    await as(users.reader, async () => expect(await count('SELECT count(*) AS n FROM messages')).toBe(3));
    expect(await count('SELECT count(*) AS n FROM messages')).toBe(0);
    const pool = new pg.Pool({ connectionString: f.serverUrl, max: 1 });
    try {
      const scoped = userScopedPool(pool, users.reader);
      expect(Number((await scoped.query('SELECT count(*) AS n FROM messages')).rows[0].n)).toBe(3);
      const c = await scoped.connect();
      await c.query('BEGIN READ ONLY');
      expect(Number((await c.query('SELECT count(*) AS n FROM messages')).rows[0].n)).toBe(3);
      await c.query('COMMIT');
      expect(Number((await c.query('SELECT count(*) AS n FROM messages')).rows[0].n)).toBe(3);
      c.release();
      // the same (only) connection, used without the façade: no user
      expect((await pool.query(`SELECT current_setting('clew.user', true) AS u`)).rows[0].u ?? '').toBe('');
      expect(Number((await pool.query('SELECT count(*) AS n FROM messages')).rows[0].n)).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('reads of two users at once through one small pool each see their own case only (reads answered before their COMMIT)', async () => {
    const pool = new pg.Pool({ connectionString: f.serverUrl, max: 2 });
    try {
      const ofA = userScopedPool(pool, users.reader);
      const ofB = userScopedPool(pool, users.ownerB);
      const casesSeen = async (p: pg.Pool) => (await p.query('SELECT DISTINCT case_id FROM messages')).rows.map((r: { case_id: number }) => Number(r.case_id));
      const seen = await Promise.all(Array.from({ length: 40 }, (_, i) => casesSeen(i % 2 === 0 ? ofA : ofB)));
      seen.forEach((ids, i) => expect(ids).toEqual([i % 2 === 0 ? A.db.caseId : B.db.caseId]));
      // a connection freed after such reads carries no user
      for (let i = 0; i < 2; i++) expect((await pool.query(`SELECT current_setting('clew.user', true) AS u`)).rows[0].u ?? '').toBe('');
    } finally {
      await pool.end();
    }
  });
});

describe('row-level security and the indexes', () => {
  it("a user's full-text condition may use the case's GIN index: tsvector @@ tsquery is LEAKPROOF here (else a rare word reads the whole case)", async () => {
    const r = await sql.query(`SELECT p.proleakproof FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
      WHERE o.oprname = '@@' AND o.oprleft = 'tsvector'::regtype AND o.oprright = 'tsquery'::regtype`);
    expect(r.rows).toEqual([{ proleakproof: true }]);
  });
});

describe('a case opened as a user', () => {
  it('a revoke holds from the next query of a store already open', async () => {
    const name = uniqueUser('rev');
    const u = await f.admin.addUser(name, PASSWORD);
    await f.admin.grant(name, A.db.caseName, 'analyst');
    const s = await f.server.openCaseAs(u.id, A.db.caseName);
    try {
      expect((await s.search(query('kafa'), { limit: 10 })).hits).toHaveLength(2);
      await f.admin.revoke(name, A.db.caseName);
      expect((await s.search(query('kafa'), { limit: 10 })).hits).toHaveLength(0);
      expect((await s.stats()).messages).toBe(0);
      expect(await codeOf(s.addLexiconEntry({ term: 'novo', means: 'new' }))).toBe('42501');
    } finally {
      await s.close();
    }
  });

  it('even a store pointed at case B by a bug above the store reads nothing of B and writes nothing into it', async () => {
    const pool = new pg.Pool({ connectionString: f.serverUrl, max: 2 });
    try {
      const wrong = new PostgresCaseStore({ pool: userScopedPool(pool, users.analyst), caseId: B.db.caseId, caseName: B.db.caseName }, 'wrong', false);
      const st = await wrong.stats();
      expect([st.messages, st.accounts, st.sources.total, st.edges, st.topTalkers.length].map(Number)).toEqual([0, 0, 0, 0, 0]);
      expect((await wrong.search(query('kafa'), { limit: 10 })).hits).toEqual([]);
      expect(await codeOf(wrong.message(bMessageIds[0]!))).toBe('NOT_FOUND');
      expect(await wrong.annotationEvents({ limit: 10 })).toEqual([]);
      expect(await wrong.watchlists()).toEqual([]);
      expect(await wrong.lexicon()).toEqual([]);
      expect(await wrong.translationsOf(bMessageIds, 'en')).toEqual([]);
      expect(await codeOf(wrong.addLexiconEntry({ term: 'planted', means: 'x' }))).toBe('42501');
      expect(await codeOf(wrong.putWatchlist('planted', [{ line: 1, raw: 'sky:x', type: 'account', value: 'sky:x' }], 'evil'))).toBe('42501');
    } finally {
      await pool.end();
    }
  });
});
