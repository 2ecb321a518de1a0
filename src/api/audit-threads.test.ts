/**
 * `clew audit verify` with its entries checked in worker threads (src/audit/verify-threads.ts),
 * on a log in the test PostgreSQL spread over many small chunks: an intact log passes, and an
 * entry edited, deleted, reordered or rewritten in a chunk that a thread checked is named by
 * its own number, as the one-thread pass names it. The threads run the compiled worker
 * (dist/audit/verify-worker.js), so this test runs the compiled verifier: `npm run build` first.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPg } from '../store/postgres/test-support/pg-case.js';
import type * as AuditModule from './audit.js';
import { tamper } from './test-support/audit-tamper.js';

type Audit = typeof AuditModule;
const DIST = join(process.cwd(), 'dist');
const base = `clew_audit_thr_${process.pid}`;
const keyFile = join(mkdtempSync(join(tmpdir(), 'clew-audit-thr-')), 'audit-key.pem');
let audit: Audit;
let admin: pg.Client;
let n = 0;

function dbUrl(name: string): string {
  const u = new URL(testPg().url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function copy(): Promise<string> {
  const name = `${base}_${++n}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${base}`);
  return dbUrl(name);
}

/** Verified with 2 threads over chunks of about 2 KB (5 entries), and in one thread: the same report. */
async function verify(url: string) {
  const threaded = { ...(await audit.verifyAuditLog(url, { threads: 2, chunkBytes: 2000 })), ms: 0 };
  const single = { ...(await audit.verifyAuditLog(url, { threads: 0 })), ms: 0 };
  expect(threaded).toEqual(single);
  return threaded;
}

describe('verify in threads', () => {
  beforeAll(async () => {
    expect(existsSync(join(DIST, 'audit', 'verify-worker.js')), 'run npm run build first').toBe(true);
    audit = (await import(pathToFileURL(join(DIST, 'api', 'audit.js')).href)) as Audit;
    admin = new pg.Client({ connectionString: testPg().url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${base}`);
    const log = await audit.openAuditLog(dbUrl(base), { keyFile });
    for (const upTo of [100, 200, 300]) {
      await Promise.all(
        Array.from({ length: 100 }, (_, k) => {
          const i = upTo - 100 + k;
          return log.append({ user: `user${i % 7}`, agency: 'NL-Politie', case: i % 2 ? 'alpha' : 'beta', action: 'search', query: `q${i} "x"`, records: [i, i + 1], at: Date.now() });
        }),
      );
      await log.signNow();
    }
    await log.close();
  }, 60_000);

  afterAll(async () => {
    await admin.end();
  });

  it('passes an intact log', async () => {
    expect(await verify(dbUrl(base))).toMatchObject({ ok: true, entries: 300, heads: 3, signed: 300, problem: null });
  });

  it.each([
    ['an edited column', "UPDATE audit_entries SET user_name = 'nobody' WHERE idx = 257", { kind: 'columns', index: 257 }],
    ['an edited leaf', "UPDATE audit_entries SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '\"q233 ', '\"q2 '), 'UTF8') WHERE idx = 233", { kind: 'hash', index: 233 }],
    ['a deleted entry', 'DELETE FROM audit_entries WHERE idx = 143', { kind: 'missing', index: 143 }],
    [
      'two entries reordered',
      'UPDATE audit_entries SET idx = idx + 1000000 WHERE idx IN (201, 202); UPDATE audit_entries SET idx = CASE idx WHEN 1000202 THEN 201 ELSE 202 END WHERE idx >= 1000000',
      { kind: 'moved', index: 201 },
    ],
    [
      'an entry rewritten whole, found by the head that signed it',
      `UPDATE audit_entries SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"q150 ', '"qq '), 'UTF8') WHERE idx = 150;
       UPDATE audit_entries SET leaf_hash = sha256('\\x00'::bytea || leaf) WHERE idx = 150`,
      { kind: 'root', index: 100, head: 200 },
    ],
  ])('names %s by its number', async (_what, sql, problem) => {
    const url = await copy();
    await tamper(url, sql);
    const r = await verify(url);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject(problem);
    if (problem.kind !== 'root') expect(r.entries).toBe(problem.index + 1);
  });
});
