import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { main } from './main.js';

const tmp = useTmp();
afterEach(() => vi.restoreAllMocks());

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  const code = await main(['node', 'clew', ...argv]);
  vi.restoreAllMocks();
  return { code, out: out.join('') };
}

describe('clew db', () => {
  it('initialises, starts, reports a running server, stops; the URI it prints connects, 127.0.0.1 only', async () => {
    const parent = tmp();
    // as root, PostgreSQL runs as the postgres user, which must reach the directory
    chmodSync(parent, 0o711);
    const dir = join(parent, 'db');
    const first = await run(['db', 'start', '--dir', dir]);
    try {
      expect(first.code).toBe(0);
      expect(first.out).toContain('initialised and started');
      const uri = /postgres:\/\/clew:[^@\s]+@127\.0\.0\.1:\d+\/clew/.exec(first.out)![0];
      expect(statSync(join(dir, 'password')).mode & 0o777).toBe(0o600);
      const c = new pg.Client({ connectionString: uri });
      await c.connect();
      const r = await c.query(`SELECT current_setting('listen_addresses') AS l, (SELECT array_agg(extname::text ORDER BY extname) FROM pg_extension) AS ext`);
      await c.end();
      expect(r.rows[0].l).toBe('127.0.0.1');
      expect(r.rows[0].ext).toEqual(expect.arrayContaining(['btree_gin', 'pg_trgm', 'unaccent']));
      // the team server's role: its own password, bound by row-level security
      const serverUri = /postgres:\/\/clew_server:[^@\s]+@127\.0\.0\.1:\d+\/clew/.exec(first.out)![0];
      expect(statSync(join(dir, 'server-password')).mode & 0o777).toBe(0o600);
      expect(new URL(serverUri).password).not.toBe(new URL(uri).password);
      const s = new pg.Client({ connectionString: serverUri });
      await s.connect();
      const role = await s.query('SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = current_user');
      await s.end();
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
      // idempotent: a running server is only reported; --json never shows the password
      const again = await run(['--json', 'db', 'start', '--dir', dir]);
      const j = JSON.parse(again.out) as { uri: string; alreadyRunning: boolean; passwordFile: string; serverUri: string };
      expect(j.serverUri).toContain('clew_server:***@');
      expect(j.alreadyRunning).toBe(true);
      expect(j.uri).toContain(':***@');
      expect(again.out).not.toContain(new URL(uri).password);
      expect(again.out).not.toContain(new URL(serverUri).password);
      expect(j.passwordFile).toBe(join(dir, 'password'));
    } finally {
      expect((await run(['db', 'stop', '--dir', dir])).out).toContain('stopped');
    }
    expect((await run(['db', 'stop', '--dir', dir])).out).toContain('was not running');
    // a later start keeps the password and the port
    const later = await run(['db', 'start', '--dir', dir]);
    expect(later.out).toContain('PostgreSQL started');
    expect(later.out).toContain(/postgres:\/\/\S+/.exec(first.out)![0]);
    await run(['db', 'stop', '--dir', dir]);
  });

  it('as root, says when the postgres user cannot reach the directory', async () => {
    if (process.getuid?.() !== 0) return;
    const r = await run(['db', 'start', '--dir', join(tmp(), 'db')]); // mkdtemp makes it 0700
    expect(r.code).toBe(8);
  });

  it('stop in a directory without a server says so', async () => {
    const r = await run(['db', 'stop', '--dir', join(tmp(), 'none')]);
    expect(r.code).not.toBe(0);
  });
});
