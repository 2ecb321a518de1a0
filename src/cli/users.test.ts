/**
 * clew users add|disable|list, clew grant, clew revoke against the test run's PostgreSQL: the
 * password only ever from standard input, never echoed; typed errors with their exit codes.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { runCli } from './test-support/run.js';

const tmp = useTmp();
afterEach(() => vi.restoreAllMocks());

const PASSWORD = `pw-${randomBytes(9).toString('base64url')}-secret`;
const tag = `${process.pid}${randomBytes(2).toString('hex')}`;
const caseName = `cli_team_${tag}`;
let db: string;

/** Run the CLI with `input` as its standard input. */
async function runWith(input: string | null, argv: string[]) {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  if (input !== null) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(input)]), configurable: true });
  try {
    return await runCli(argv);
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

beforeAll(async () => {
  const pg = inject('clewTestPg');
  db = pg.url;
  const u = new URL(db);
  u.searchParams.set('case', caseName);
  const f = join(tmp(), 'm.jsonl');
  writeFileSync(f, `${JSON.stringify({ type: 'message', from: 'sky:a', to: ['sky:b'], ts: '2021-03-05T10:00:00Z', body: 'kafa' })}\n`);
  const r = await runCli(['ingest', '--no-analyse', '--case', u.toString(), f]);
  expect(r.code).toBe(0);
});

describe('clew users, grant, revoke', () => {
  it('add a user from a password on standard input, grant, list (no hash), revoke, disable', async () => {
    const name = `ana.${tag}`;
    let r = await runWith(`${PASSWORD}\n`, ['users', 'add', name, '--agency', 'NL-Politie', '--password-stdin', '--db', db]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`user ${name} added (NL-Politie)`);
    r = await runCli(['grant', name, caseName, 'analyst', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${name} is analyst of case ${caseName}`);
    r = await runCli(['--json', 'users', 'list', '--db', db]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { users: { name: string; agency: string | null; disabled: boolean; cases: { name: string; role: string }[] }[] };
    expect(j.users.find((u) => u.name === name)).toMatchObject({ agency: 'NL-Politie', disabled: false, cases: [{ name: caseName, role: 'analyst' }] });
    expect(r.out).not.toMatch(/argon2|password|hash/i);
    r = await runCli(['users', 'list', '--db', db]);
    expect(r.out).toContain(`${name} (NL-Politie): ${caseName} analyst`);
    r = await runCli(['--json', 'revoke', name, caseName, '--db', db]);
    expect(JSON.parse(r.out)).toEqual({ revoked: { user: name, case: caseName } });
    r = await runCli(['users', 'disable', name, '--db', db]);
    expect(r.code).toBe(0);
    r = await runCli(['users', 'list', '--db', db]);
    expect(r.out).toContain(`${name} (NL-Politie) [disabled]: no cases`);
    // the password was never printed nor kept anywhere but as its hash
    for (const x of [r.out, r.err]) expect(x).not.toContain(PASSWORD);
    // each change is in the audit log, as the operating-system user who ran it
    const { cliUser, queryAuditLog } = await import('../api/audit.js');
    const mine = (await queryAuditLog(db, { user: cliUser(), newestFirst: true, limit: 200 })).filter((e) => e.detail?.user === name).reverse();
    expect(mine.map((e) => [e.action, e.case])).toEqual([
      ['user-add', null],
      ['grant', caseName],
      ['revoke', caseName],
      ['user-disable', null],
    ]);
    expect(mine[0]!.detail).toEqual({ user: name, agency: 'NL-Politie', via: 'clew' });
    expect(mine[1]!.detail).toEqual({ user: name, role: 'analyst', via: 'clew' });
    expect(JSON.stringify(mine)).not.toContain(PASSWORD);
  });

  it('refuse, with typed errors and their exit codes, never echoing the password', async () => {
    const name = `bo.${tag}`;
    // no --password-stdin: refused before anything is read or stored
    let r = await runWith(`${PASSWORD}\n`, ['users', 'add', name, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('INVALID_ARGUMENT');
    expect(r.err).toContain('--password-stdin');
    // a password on the command line is not an option at all
    r = await runCli(['users', 'add', name, '--password', PASSWORD, '--db', db]);
    expect(r.code).toBe(2);
    r = await runWith('short\n', ['users', 'add', name, '--password-stdin', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('short\n');
    r = await runWith(PASSWORD, ['users', 'add', name, '--password-stdin', '--db', db]);
    expect(r.code).toBe(0);
    r = await runWith(PASSWORD, ['--json', 'users', 'add', name, '--password-stdin', '--db', db]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('USER_EXISTS');
    expect((await runCli(['grant', name, caseName, 'boss', '--db', db])).code).toBe(2);
    r = await runCli(['grant', `ghost.${tag}`, caseName, 'reader', '--db', db]);
    expect([r.code, r.err.includes('USER_NOT_FOUND')]).toEqual([5, true]);
    r = await runCli(['grant', name, `no_such_${tag}`, 'reader', '--db', db]);
    expect([r.code, r.err.includes('CASE_NOT_FOUND')]).toEqual([3, true]);
    expect((await runCli(['users', 'disable', `ghost.${tag}`, '--db', db])).code).toBe(5);
    // a wrong database password: named without it
    const bad = new URL(db);
    bad.password = 'not-the-password-123';
    r = await runCli(['users', 'list', '--db', bad.toString()]);
    expect(r.code).toBe(8);
    expect(r.err).toContain('DB_AUTH');
    expect(r.err).not.toContain('not-the-password-123');
    for (const x of [r.out, r.err]) expect(x).not.toContain(PASSWORD);
  });
});
