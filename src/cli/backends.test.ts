/**
 * Every CLI command that takes --case works on a case in PostgreSQL as on a case file (issue 15,
 * part 8): the test case is copied into the test run's PostgreSQL (clew case copy), then each
 * read command runs with --json against both and must print the same; the writing commands
 * (lexicon, identity decisions, ingest) then run against the PostgreSQL case.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildTestCase } from '../server/test-support/case.js';
import { runCli } from './test-support/run.js';

let dir: string;

const run = runCli;

afterEach(() => vi.restoreAllMocks());

let file: string;
let sourcePath: string;
let pg: string;

/** The test run's PostgreSQL (src/store/postgres/test-support/global-setup.ts), with its password. */
function testPgUrl(): string {
  const pg = inject('clewTestPg');
  if (!pg) throw new Error('no test PostgreSQL: vitest.config.ts must list the store\'s global-setup.ts in globalSetup');
  return pg.url;
}

function pgLocator(name: string): string {
  const u = new URL(testPgUrl());
  u.searchParams.set('case', name);
  return u.toString();
}

/** The --json output without what names the case itself (its locator) or wall-clock times. */
function comparable(out: string, locators: string[]): unknown {
  let s = out;
  for (const l of locators) s = s.split(JSON.stringify(l).slice(1, -1)).join('<case>');
  return JSON.parse(s, (k, v: unknown) => (['startedAt', 'finishedAt', 'elapsedMs', 'ms', 'seconds', 'case', 'locator'].includes(k) ? '<volatile>' : v));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clew-backends-'));
  ({ casePath: file, sourcePath } = await buildTestCase(join(dir, 'c')));
  pg = pgLocator(`cli_backends_${process.pid}`);
  const r = await run(['--json', 'case', 'copy', file, pg]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READS: string[][] = [
  ['stats'],
  ['search', 'kafa'],
  ['search', '--exact', 'Kafa'],
  ['search', 'from:skyecc:AAA111', 'filler'],
  ['quarantine'],
  ['dossier', 'skyecc:AAA111'],
  ['entities'],
  ['lexicon', 'list'],
  ['graph', 'rank'],
  ['graph', 'rank', '--by', 'composite'],
  ['graph', 'communities'],
  ['graph', 'keyplayers', '--k', '1'],
  ['graph', 'ego', 'skyecc:AAA111'],
  ['graph', 'windows', '--unit', 'day'],
  ['identity', 'suggest'],
  ['identity', 'list'],
];

describe('every command on a PostgreSQL case', () => {
  it.each(READS)('%s %s %s answers as on the case file', async (...argv: string[]) => {
    const a = await run(['--json', ...argv, '--case', file]);
    const b = await run(['--json', ...argv, '--case', pg]);
    expect(a.code, a.err + a.out).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(b.out).not.toContain(decodeURIComponent(new URL(testPgUrl()).password)); // never the password
    expect(comparable(b.out, [pg, file])).toEqual(comparable(a.out, [pg, file]));
  });

  it('show and graph export answer as on the case file', async () => {
    const hit = JSON.parse((await run(['--json', 'search', 'kafa', '--case', file])).out) as { hits: { id: number }[] };
    const id = String(hit.hits[0]!.id);
    const a = await run(['show', id, '--case', file]);
    const b = await run(['show', id, '--case', pg]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('raw source record');
    expect(b.out).toEqual(a.out);
    for (const [loc, stem] of [[file, 'f'], [pg, 'p']] as const) {
      const r = await run(['graph', 'export', '--format', 'gexf', '--out', join(dir, `${stem}.gexf`), '--case', loc]);
      expect(r.code, r.err).toBe(0);
    }
    const gexf = (stem: string) => readFileSync(join(dir, `${stem}.gexf`), 'utf8').replace(/<meta[\s\S]*?<\/meta>/, '');
    expect(gexf('p')).toEqual(gexf('f'));
    expect(gexf('p')).toContain('AAA111');
  });

  it('writes too: lexicon, identity decisions, a second ingest', async () => {
    expect((await run(['lexicon', 'add', 'kafa', '--means', 'cocaine', '--case', pg])).code).toBe(0);
    expect(JSON.parse((await run(['--json', 'lexicon', 'list', '--case', pg])).out)).toMatchObject([{ term: 'kafa', means: 'cocaine' }]);
    const merged = await run(['identity', 'merge', 'skyecc:AAA111', 'skyecc:BBB222', '--by', 'test', '--case', pg]);
    expect(merged.code, merged.err).toBe(0);
    const list = await run(['--json', 'identity', 'list', '--case', pg]);
    expect(list.out).toContain('merge');
    // the same file again: nothing new; it is known by its hash
    const again = await run(['--json', 'ingest', '--case', pg, sourcePath]);
    expect(again.code, again.err).toBe(0);
    // a copy into a case that holds data: refused, exit 3
    const again2 = await run(['--json', 'case', 'copy', file, pg]);
    expect(again2.code).toBe(3);
    expect(JSON.parse(again2.out)).toMatchObject({ error: { code: 'CASE_NOT_EMPTY' } });
    const empty = await run(['--json', 'stats', '--case', pgLocator(`cli_backends_new_${process.pid}`)]);
    expect(empty.code).not.toBe(0);
    expect(JSON.parse(empty.out)).toMatchObject({ error: { code: 'CASE_NOT_FOUND' } });
    expect(empty.out).toContain('clew ingest');
  });

  it('case migrate brings a PostgreSQL case written by an older clew to this schema, once, and says what changed', async () => {
    const current = JSON.parse((await run(['--json', 'case', 'migrate', '--case', pg])).out) as { backend: string; from: number; to: number; applied: unknown[] };
    expect(current).toMatchObject({ backend: 'postgres', applied: [] });
    expect(current.from).toBe(current.to);
    // the case as schema 1 recorded it
    const db = new postgres.Client({ connectionString: testPgUrl() });
    await db.connect();
    try {
      await db.query('UPDATE clew_cases SET schema_version = 1 WHERE name = $1', [`cli_backends_${process.pid}`]);
      const r = await run(['case', 'migrate', '--case', pg]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`schema 1 → ${current.to}`);
      expect(r.out).toContain('stems');
      expect(r.out).not.toContain(decodeURIComponent(new URL(testPgUrl()).password));
      expect((await db.query('SELECT schema_version FROM clew_cases WHERE name = $1', [`cli_backends_${process.pid}`])).rows[0].schema_version).toBe(current.to);
    } finally {
      await db.end();
    }
    expect(JSON.parse((await run(['--json', 'case', 'migrate', '--case', pg])).out)).toMatchObject({ from: current.to, applied: [] });
    const a = await run(['--json', 'search', 'kafa', '--case', file]);
    const b = await run(['--json', 'search', 'kafa', '--case', pg]);
    expect(comparable(b.out, [pg, file])).toEqual(comparable(a.out, [pg, file]));
  });
});
