/** The built `clew` command: exit codes, JSON errors, safe terminal output. (npm test builds first.) */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, msg, useTmp } from '../src/api/test-support/tmp.js';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');
const tmp = useTmp();
const clew = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('clew CLI', () => {
  it('is built', () => expect(existsSync(BIN), 'run `npm run build` first (npm test does)').toBe(true));

  it('ingests, searches and shows, with JSON on request and documented exit codes', () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    writeFileSync(
      f,
      jsonl([
        msg('skyecc:AAA', 'skyecc:BBB', '2021-01-01T10:00:00Z', 'kafa stiže \u001b]0;pwned\u0007\u001b[2J sutra'),
        { type: 'account', ref: 'skyecc:BBB', display_name: 'Evil\u001b[31mName' },
      ]),
    );
    const c = join(d, 'c.clew');
    const ing = clew('--json', 'ingest', '--case', c, f);
    expect(ing.status, ing.stderr).toBe(0);
    expect(JSON.parse(ing.stdout).ingested[0]).toMatchObject({ outcome: 'ingested', format: 'canonical', added: { records: 2 } });

    const s = clew('search', '--case', c, 'KAFA');
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('[kafa]');
    // control characters from the message never reach the terminal raw
    expect(s.stdout).not.toContain('\u001b');
    expect(s.stdout).toContain('\\x1b');

    const id = JSON.parse(clew('--json', 'search', '--case', c, 'kafa').stdout).hits[0].id;
    const show = clew('show', '--case', c, String(id));
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('raw source record:');
    expect(show.stdout).not.toContain('\u001b');

    const bad = clew('--json', 'search', '--case', c, '"unterminated');
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe('QUERY_SYNTAX');

    const hostile = clew('--json', 'search', '--case', c, 'kafa "a*" OR NEAR(a b) ^x {col}:y AND kafa*');
    expect(hostile.status, hostile.stdout).toBe(0);
    // a column filter of the full-text engine is an unknown filter here, named as such
    const column = clew('--json', 'search', '--case', c, 'kafa body:*');
    expect(column.status).toBe(2);
    expect(JSON.parse(column.stdout).error).toMatchObject({ code: 'QUERY_SYNTAX', details: { filter: 'body' } });

    expect(clew('show', '--case', c, '999').status).toBe(5);
  });

  it('ingests call records from CSV through a column mapping', () => {
    const d = tmp();
    const c = join(d, 'c.clew');
    const fixture = join(import.meta.dirname, 'fixtures', 'csv', 'calls.csv');
    const r = clew('--json', 'ingest', '--case', c, '--map', 'from=caller,to=callee,ts=start,duration=secs', '--region', 'RS', '--tz', 'Europe/Belgrade', fixture);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const s = JSON.parse(r.stdout).ingested[0];
    expect(s.format).toBe('csv');
    expect(s.added.records).toBeGreaterThan(0);
    const stats = JSON.parse(clew('--json', 'stats', '--case', c).stdout);
    expect(stats.calls).toBeGreaterThan(0);
    const bad = clew('ingest', '--case', join(d, 'other.clew'), '--map', 'from=caller,nonsense=x', fixture);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/CSV_MAPPING/);
    // the failed start leaves nothing behind: the right mapping then works on the same case
    const good = clew('--json', 'ingest', '--case', join(d, 'other.clew'), '--map', 'from=caller,to=callee,ts=start,duration=secs', '--tz', 'UTC', fixture);
    expect(good.status, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout).ingested[0].outcome).toBe('ingested');
  });

  it('exits 3 for an unusable case and 4 for an unusable source, saying why', () => {
    const d = tmp();
    mkdirSync(join(d, 'dir.clew'));
    const r = clew('ingest', '--case', join(d, 'dir.clew'), join(d, 'x.jsonl'));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/is a directory/);
    writeFileSync(join(d, 'empty.jsonl'), '');
    const e = clew('ingest', '--case', join(d, 'c.clew'), join(d, 'empty.jsonl'));
    expect(e.status).toBe(4);
    expect(e.stderr).toMatch(/EMPTY_FILE/);
    expect(clew('search', '--case', join(d, 'missing.clew'), 'x').status).toBe(3);
  });
});
