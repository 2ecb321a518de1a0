/** `clew audit verify|proof|check-proof|log` on a log in the test PostgreSQL (the log itself: src/api/audit.test.ts). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAuditLog } from '../api/audit.js';
import { runCli } from './test-support/run.js';

const name = `clew_audit_cli_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'clew-audit-cli-'));
const keyFile = join(dir, 'audit-key.pem');
let admin: pg.Client;
let url: string;

describe('clew audit', () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: inject('clewTestPg').url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(inject('clewTestPg').url);
    u.pathname = `/${name}`;
    url = u.toString();
    const log = await openAuditLog(url, { keyFile });
    for (let i = 0; i < 12; i++) await log.append({ user: i % 2 ? 'ana' : 'bo', agency: 'NL-Politie', case: 'alpha', action: i === 5 ? 'export' : 'search', query: `q${i}`, records: [i] });
    await log.close(); // signs the head of 12
  }, 60_000);

  afterAll(async () => {
    await admin.end();
  });

  it('verify passes an intact log, pinned to the server key, and names the first bad entry (exit 10) in an edited one', async () => {
    const ok = await runCli(['audit', 'verify', '--db', url, '--public-key', `${keyFile}.pub`]);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toContain('12 entries, 1 signed heads');
    // edited behind the trigger, in a copy
    const copy = `${name}_edited`;
    await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${name}`);
    const u = new URL(url);
    u.pathname = `/${copy}`;
    const e = new pg.Client({ connectionString: u.toString() });
    await e.connect();
    await e.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    await e.query("UPDATE audit_entries SET case_name = 'beta' WHERE idx = 7");
    await e.end();
    const bad = await runCli(['audit', 'verify', '--db', u.toString()]);
    expect(bad.code).toBe(10);
    expect(bad.err).toContain('entry 7');
    const j = await runCli(['--json', 'audit', 'verify', '--db', u.toString()]);
    expect(JSON.parse(j.out).error).toMatchObject({ code: 'AUDIT_INVALID', details: { index: 7, kind: 'columns' } });
  });

  it('proof writes a document that check-proof verifies with no database, and refuses when it was changed', async () => {
    const out = join(dir, 'proof.json');
    expect((await runCli(['audit', 'proof', '5', '--db', url, '--out', out])).code).toBe(0);
    const ok = await runCli(['audit', 'check-proof', out, '--public-key', readFileSync(`${keyFile}.pub`, 'utf8').trim()]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('entry 5 (export by ana');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    doc.entry.records = [99];
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(doc));
    const bad = await runCli(['audit', 'check-proof', join(dir, 'forged.json')]);
    expect(bad.code).toBe(10);
    expect(bad.err).toContain('differs from its leaf');
    const stdout = await runCli(['audit', 'proof', '2', '--db', url]);
    expect(JSON.parse(stdout.out)).toMatchObject({ format: 'clew-audit-inclusion-proof/1', entry: { index: 2, query: 'q2' }, head: { size: 12 } });
    expect((await runCli(['audit', 'proof', '12', '--db', url])).code).toBe(5);
  });

  it('log lists entries filtered by user, case, action and time', async () => {
    const r = await runCli(['--json', 'audit', 'log', '--db', url, '--user', 'ana', '--action', 'search', '--since', '2000-01-01T00:00Z']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).entries.map((e: { index: number }) => e.index)).toEqual([1, 3, 7, 9, 11]);
    const h = await runCli(['audit', 'log', '--db', url, '--case', 'alpha', '--limit', '1']);
    expect(h.out).toMatch(/^0\t\d{4}-.*\tbo \(NL-Politie\)\talpha\tsearch\t"q0", 1 records\n$/);
    expect((await runCli(['audit', 'log', '--db', url, '--since', 'yesterday-ish'])).code).toBe(2);
  });
});
