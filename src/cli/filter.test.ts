/**
 * clew filter add|list|grant|revoke|remove against the test run's PostgreSQL: each change is in
 * the audit log; a SQLite case is refused with CASE_BACKEND_UNAVAILABLE before it is opened.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { runCli } from './test-support/run.js';

const tmp = useTmp();
const tag = `${process.pid}${randomBytes(2).toString('hex')}`;
const caseName = `cli_filter_${tag}`;
let db: string;

beforeAll(async () => {
  db = inject('clewTestPg').url;
  const u = new URL(db);
  u.searchParams.set('case', caseName);
  const f = join(tmp(), 'm.jsonl');
  writeFileSync(
    f,
    [
      { type: 'message', from: 'sky:a', to: ['sky:lawyer'], ts: '2021-03-05T10:00:00Z', body: 'kafa advice' },
      { type: 'message', from: 'sky:a', to: ['sky:b'], ts: '2021-03-05T11:00:00Z', body: 'brod' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  expect((await runCli(['ingest', '--no-analyse', '--case', u.toString(), f])).code).toBe(0);
});

describe('clew filter', () => {
  it('adds, lists, grants, revokes and removes filters, each change in the audit log', async () => {
    const key = join(tmp(), 'audit-key.pem');
    const base = ['--db', db, '--case', caseName, '--audit-key', key, '--by', 'admin:test'];
    let r = await runCli(['--json', 'filter', 'add', ...base, '--kind', 'privileged', '--label', 'lawyer', '--account', 'sky:lawyer']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const id = (JSON.parse(r.out) as { filter: { id: number } }).filter.id;
    r = await runCli(['filter', 'add', ...base, '--kind', 'outside_period', '--label', 'late', '--from', '2021-03-05T10:30', '--to', '2021-04-01']);
    expect(r.code).toBe(0);
    r = await runCli(['filter', 'add', ...base, '--kind', 'privileged', '--label', 'q', '--query', 'brod']);
    expect(r.out).toMatch(/evaluated .*, 1 messages/);
    r = await runCli(['filter', 'add', ...base, '--kind', 'secret', '--label', 'x', '--account', 'sky:a']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--kind');
    r = await runCli(['filter', 'add', ...base, '--kind', 'privileged', '--label', 'x', '--account', 'sky:a', '--query', 'kafa']);
    expect(r.code).not.toBe(0);
    r = await runCli(['filter', 'list', '--db', db, '--case', caseName]);
    expect(r.out).toContain(`#${id} privileged "lawyer"`);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(3);
    expect((await runCli(['filter', 'grant', ...base, String(id), `nobody.${tag}`])).code).not.toBe(0);
    expect((await runCli(['filter', 'remove', ...base, String(id)])).code).toBe(0);
    expect((await runCli(['filter', 'remove', ...base, String(id)])).code).not.toBe(0);
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    try {
      const actions = (await c.query(`SELECT action FROM audit_entries WHERE case_name = $1 ORDER BY idx`, [caseName])).rows.map((x: { action: string }) => x.action);
      expect(actions).toEqual(['legal-filter-add', 'legal-filter-add', 'legal-filter-add', 'legal-filter-remove']);
      expect((await c.query(`SELECT DISTINCT user_name FROM audit_entries WHERE case_name = $1`, [caseName])).rows).toEqual([{ user_name: 'admin:test' }]);
    } finally {
      await c.end();
    }
  });

  it('refuses a SQLite case with CASE_BACKEND_UNAVAILABLE, creating nothing', async () => {
    const file = join(tmp(), 'one.clew');
    const r = await runCli(['--json', 'filter', 'add', '--case', file, '--kind', 'privileged', '--label', 'x', '--account', 'sky:a']);
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).toContain('CASE_BACKEND_UNAVAILABLE');
    expect(existsSync(file)).toBe(false);
    const r2 = await runCli(['filter', 'list', '--db', file, '--case', 'x']);
    expect(r2.err).toContain('PostgreSQL');
  });
});
