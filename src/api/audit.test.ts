/**
 * The audit log in a real PostgreSQL (each scenario in a database of its own, copied from one
 * log made once): appends from many requests at once, signed heads, verification by the CLI,
 * proofs checked without the database (the command line: src/cli/audit.test.ts), the database refusing UPDATE and DELETE, a log edited
 * behind the trigger's back found and named, a failed append refused.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPg } from '../store/postgres/test-support/pg-case.js';
import { PostgresAuditLog } from '../store/postgres/audit.js';
import { auditProof, checkAuditProof, openAuditLog, queryAuditLog, verifyAuditLog } from './audit.js';
import { caught } from '../store/conformance/support.js';
import { tamper } from './test-support/audit-tamper.js';

const tag = `${process.pid}`;
const base = `clew_audit_${tag}`;
let admin: pg.Client;
let n = 0;
const dir = mkdtempSync(join(tmpdir(), 'clew-audit-'));
const keyFile = join(dir, 'key', 'audit-key.pem');

function dbUrl(name: string, user?: { name: string; password: string }): string {
  const u = new URL(testPg().url);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user.name;
    u.password = user.password;
  }
  return u.toString();
}

/** A copy of the base log, to tamper with. */
async function copy(): Promise<string> {
  const name = `${base}_${++n}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${base}`);
  return dbUrl(name);
}

describe('the audit log in PostgreSQL', () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: testPg().url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${base}`);
    // the base log: 30 entries from requests at once, heads at 10, 20 and 30
    const log = await openAuditLog(dbUrl(base), { keyFile });
    for (const upTo of [10, 20, 30]) {
      const from = upTo - 10;
      const r = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          log.append({ user: `user${(from + i) % 3}`, agency: (from + i) % 2 ? 'FR-PJ' : 'NL-Politie', case: (from + i) % 2 ? 'alpha' : 'beta', action: 'search', query: `q${from + i}`, records: [from + i], at: Date.now() }),
        ),
      );
      expect(r.map((x) => x.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => from + i));
      expect((await log.signNow())!.size).toBe(upTo);
    }
    expect(await log.signNow()).toBeNull();
    await log.close();
  }, 60_000);

  afterAll(async () => {
    await admin.end();
  });

  it('appends many entries at once without gaps, keeps the key 0600 with its public half beside it, and verifies', async () => {
    const url = await copy();
    const log = await openAuditLog(url, { keyFile });
    const r = await Promise.all(Array.from({ length: 200 }, (_, i) => log.append({ user: 'ana', case: 'alpha', action: 'show', records: [i] })));
    expect(new Set(r.map((x) => x.index)).size).toBe(200);
    expect(Math.min(...r.map((x) => x.index))).toBe(30);
    expect(Math.max(...r.map((x) => x.index))).toBe(229);
    expect((await log.signNow())!.size).toBe(230);
    expect((await log.head())!.publicKey.equals(log.publicKey)).toBe(true);
    await log.close();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(`${keyFile}.pub`, 'utf8').trim(), 'base64').equals(log.publicKey)).toBe(true);
    const v = await verifyAuditLog(url, { publicKey: log.publicKey });
    expect(v).toMatchObject({ ok: true, entries: 230, heads: 4, signed: 230, unsigned: null, problem: null });
  });

  it('lists entries for auditors by user, case and time', async () => {
    const url = dbUrl(base);
    expect((await queryAuditLog(url, { user: 'user1' })).map((e) => e.index)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    expect((await queryAuditLog(url, { case: 'alpha', user: 'user1' })).map((e) => e.query)).toEqual(['q1', 'q7', 'q13', 'q19', 'q25']);
    expect(await queryAuditLog(url, { since: Date.now() + 60_000 })).toEqual([]);
    expect((await queryAuditLog(url, { until: Date.now() + 60_000, after: 27 })).map((e) => e.index)).toEqual([28, 29]);
    expect((await queryAuditLog(url, { case: 'beta', limit: 2 })).map((e) => e.index)).toEqual([0, 2]);
  });

  it('proves an entry to a third party who holds only the proof and the public key', async () => {
    const url = dbUrl(base);
    const doc = JSON.parse(JSON.stringify(await auditProof(url, 13)));
    const pub = Buffer.from(readFileSync(`${keyFile}.pub`, 'utf8').trim(), 'base64');
    expect(checkAuditProof(JSON.stringify(doc), { publicKey: pub }).entry.query).toBe('q13');
    doc.entry.query = 'innocent';
    expect((await caught(Promise.resolve().then(() => checkAuditProof(JSON.stringify(doc)))))).toMatchObject({ code: 'AUDIT_PROOF_INVALID', message: expect.stringContaining('differs from its leaf') });
    expect((await caught(auditProof(url, 99))).code).toBe('NOT_FOUND');
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database: even a superuser owner, even in replica mode; the server role has no privilege to', async () => {
    const url = dbUrl(base);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const sql of ["UPDATE audit_entries SET user_name = 'x' WHERE idx = 1", 'DELETE FROM audit_entries WHERE idx = 1', 'TRUNCATE audit_entries', 'UPDATE audit_heads SET signed_at = 0', 'DELETE FROM audit_heads']) {
        await expect(c.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
      }
      await c.query('SET session_replication_role = replica');
      await expect(c.query('DELETE FROM audit_entries WHERE idx = 1')).rejects.toMatchObject({ code: '42501' });
      // the server's role: may read and append, nothing else
      const role = { name: `clew_audit_srv_${tag}`, password: 'srv-secret-123' };
      await admin.query(`CREATE ROLE ${role.name} LOGIN PASSWORD '${role.password}'`);
      await c.query(`GRANT SELECT, INSERT ON audit_entries, audit_heads TO ${role.name}`);
      const srv = new pg.Client({ connectionString: dbUrl(base, role) });
      await srv.connect();
      try {
        await expect(srv.query("UPDATE audit_entries SET user_name = 'x' WHERE idx = 1")).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('permission denied') });
        await expect(srv.query('DELETE FROM audit_heads')).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('permission denied') });
        await expect(srv.query('ALTER TABLE audit_entries DISABLE TRIGGER USER')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await srv.end();
      }
    } finally {
      await c.end();
    }
    expect((await verifyAuditLog(url)).ok).toBe(true);
  });

  describe('edited in the database behind the trigger, is found by verify, which names the entry', () => {
    async function verifyCli(url: string): Promise<{ code: number; err: string; index: number | undefined }> {
      const r = await verifyAuditLog(url);
      return { code: r.ok ? 0 : 9, err: r.problem?.message ?? '', index: r.problem?.index };
    }

    it('an edited column', async () => {
      const url = await copy();
      await tamper(url, "UPDATE audit_entries SET user_name = 'nobody' WHERE idx = 5");
      const r = await verifyCli(url);
      expect(r).toMatchObject({ code: 9, index: 5 });
      expect(r.err).toContain('entry 5: its user, agency, case, action or time were changed');
    });

    it('an entry rewritten whole (leaf, columns and hash), found by the head that signed it', async () => {
      const url = await copy();
      await tamper(
        url,
        `UPDATE audit_entries SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"q15"', '"qq"'), 'UTF8') WHERE idx = 15;
         UPDATE audit_entries SET leaf_hash = sha256('\\x00'::bytea || leaf) WHERE idx = 15`,
      );
      const r = await verifyCli(url);
      expect(r).toMatchObject({ code: 9, index: 10 });
      expect(r.err).toContain('entries 10 to 19 do not match the head');
    });

    it('a deleted entry', async () => {
      const url = await copy();
      await tamper(url, 'DELETE FROM audit_entries WHERE idx = 12');
      const r = await verifyCli(url);
      expect(r).toMatchObject({ code: 9, index: 12 });
      expect(r.err).toContain('entry 12 is missing');
    });

    it('two entries reordered', async () => {
      const url = await copy();
      await tamper(url, 'UPDATE audit_entries SET idx = idx + 1000000 WHERE idx IN (3, 4); UPDATE audit_entries SET idx = CASE idx WHEN 1000004 THEN 3 ELSE 4 END WHERE idx >= 1000000');
      const r = await verifyCli(url);
      expect(r).toMatchObject({ code: 9, index: 3 });
      expect(r.err).toContain('entry 3 holds the entry written as 4');
    });

    it('an entry appended without a signed head covering it (older than the signing interval); a fresh one is only reported', async () => {
      const url = await copy();
      const pool = new pg.Pool({ connectionString: url });
      const store = new PostgresAuditLog(pool, 'test', true);
      await store.append({ user: 'mallory', action: 'search', at: Date.now() });
      await store.close();
      const fresh = await verifyAuditLog(url);
      expect(fresh).toMatchObject({ ok: true, unsigned: { from: 30, to: 30 } });
      expect((await verifyAuditLog(url, { graceMs: 0, now: Date.now() + 1 })).problem).toMatchObject({ index: 30, kind: 'unsigned' });
    });

    it('a head deleted and a forged one put in its place', async () => {
      const url = await copy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('BEGIN');
      await c.query('ALTER TABLE audit_heads DISABLE TRIGGER USER');
      await c.query("UPDATE audit_heads SET root = sha256('forged') WHERE size = 20");
      await c.query('COMMIT');
      await c.end();
      const r = await verifyCli(url);
      expect(r).toMatchObject({ code: 9, index: 10 });
      expect(r.err).toContain('bad signature');
    });
  });

  it('refuses an append it could not write (AUDIT_WRITE_FAILED), so the request fails closed', async () => {
    const url = await copy();
    const role = { name: `clew_audit_ro_${tag}`, password: 'ro-secret-123' };
    await admin.query(`CREATE ROLE ${role.name} LOGIN PASSWORD '${role.password}'`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role.name}`);
    await c.end();
    const log = await openAuditLog(dbUrl(url.split('/').pop()!.split('?')[0]!, role), { keyFile });
    const e = await caught(log.append({ user: 'ana', action: 'search', query: 'x' }));
    expect(e.code).toBe('AUDIT_WRITE_FAILED');
    expect((await caught(log.append({ user: '', action: 'search' }))).code).toBe('INVALID_ARGUMENT');
    await log.close();
  });
});
