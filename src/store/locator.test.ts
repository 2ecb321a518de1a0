import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { parseLocator, printableLocator } from './locator.js';
import { openCase } from './open.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ClewError ? e.code : 'not a ClewError';
  }
  return undefined;
}

describe('case locators', () => {
  it('reads a path as an SQLite case file', () => {
    for (const p of ['case.clew', '/srv/cases/op x.clew', './a:b.clew', 'C:\\cases\\x.clew', 'weird?case=x'])
      expect(parseLocator(p)).toEqual({ kind: 'sqlite', path: p, printable: p });
  });

  it('reads a postgres URI: the url without the case, the case name, and a printable form without the password', () => {
    const l = parseLocator('postgres://ann:s3cr%40t@db.example:5433/clew?case=op_nightfall&sslmode=require');
    expect(l).toEqual({
      kind: 'postgres',
      url: 'postgres://ann:s3cr%40t@db.example:5433/clew?sslmode=require',
      case: 'op_nightfall',
      printable: 'postgres://ann:***@db.example:5433/clew?sslmode=require&case=op_nightfall',
    });
    expect(parseLocator('postgresql://ann@127.0.0.1:5432/clew?case=c1')).toMatchObject({ kind: 'postgres', url: 'postgresql://ann@127.0.0.1:5432/clew', case: 'c1', printable: 'postgresql://ann@127.0.0.1:5432/clew?case=c1' });
    // the printable form reads back as the same case
    expect(parseLocator(l.printable)).toMatchObject({ kind: 'postgres', case: 'op_nightfall' });
  });

  it('refuses other schemes, and postgres URIs without a host, a database or a valid case', () => {
    for (const bad of [
      'mysql://u:p@h:3306/db?case=x',
      'http://example.org/case.clew',
      'file:///tmp/x.clew',
      '',
      'postgres://u:p@h:5432/db',
      'postgres://u:p@h:5432/db?case=a&case=b',
      'postgres://u:p@h:5432/?case=x',
      'postgres://u:p@h:5432/db?case=Upper',
      'postgres://u:p@h:5432/db?case=1abc',
      'postgres://u:p@h:5432/db?case=drop%20table',
      `postgres://u:p@h:5432/db?case=a${'b'.repeat(63)}`,
    ])
      expect(codeOf(() => parseLocator(bad)), bad).toBe('CASE_LOCATOR');
    expect(codeOf(() => parseLocator(`postgres://u:p@h:5432/db?case=a${'b'.repeat(62)}`))).toBeUndefined();
  });

  it('never shows the password: not in the printable form, not in an error', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }), fc.constantFrom('op_x', 'Bad-Case', ''), (pw, c) => {
        const enc = encodeURIComponent(pw);
        const loc = `postgres://analyst:${enc}@db.internal:5432/clew${c === '' ? '' : `?case=${c}`}`;
        const rest = loc.replace(enc, '');
        fc.pre(!rest.includes(pw) && !rest.includes(enc) && pw !== '***');
        let shown: string;
        try {
          shown = printableLocator(loc);
        } catch (e) {
          shown = `${(e as Error).message} ${JSON.stringify((e as ClewError).details ?? {})}`;
        }
        expect(shown).not.toContain(pw);
        expect(shown).not.toContain(enc);
      }),
    );
  });

  it('opens a postgres locator through the PostgreSQL backend, and refuses other schemes before opening anything', async () => {
    await expect(openCase('mysql://u:p@h/db?case=x')).rejects.toMatchObject({ code: 'CASE_LOCATOR' });
    const r = await openCase('postgres://u:hunter2hunter2@127.0.0.1:1/nodb?case=x').then(
      async (s) => {
        await s.close();
        return null;
      },
      (e: unknown) => e as ClewError,
    );
    // the stub says the backend is missing; the real backend cannot connect to port 1: either way no password in the error
    expect(r).toBeInstanceOf(ClewError);
    expect(r!.message).not.toContain('hunter2');
  });
});
