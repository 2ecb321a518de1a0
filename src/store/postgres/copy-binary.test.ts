import { afterAll, describe, expect, it } from 'vitest';
import { ClewError } from '../../model/errors.js';
import { copyBinaryRows } from './copy-binary.js';
import { copyRows } from './copy.js';
import { rows } from './db.js';
import { openPostgresStore } from './open.js';
import { columnNames } from './schema.js';
import type { PostgresCaseStore } from './store.js';
import { testCaseLocator } from './test-support/pg-case.js';
import { ftsLexemes, ftsVector } from './writer.js';

const stores: PostgresCaseStore[] = [];
afterAll(async () => {
  for (const s of stores.splice(0)) await s.close();
});

// a body with what the text format escapes, a NUL, characters outside ASCII and one outside the BMP
const BODY = 'tab\there\nnew line \\ back\0slash Čačak 🚀 kafa kafa';
// past position 16383 every position is 16383: `kraj` has it once (the binary format refuses it twice)
const LONG = `${Array.from({ length: 16_400 }, (_, i) => (i % 2 === 0 ? 'kafa' : `w${i}`)).join(' ')} kraj kraj kraj`;

/** A message row after case_id, in columnNames('messages') order, with its full text as `fts`. */
function message(id: number, body: string, fts: unknown): unknown[] {
  return [id, 1, 'line 1', 42, null, 'chat', -86_400_000, -330, '2021-03-01T12:00:00', body, 'Naslov', 'n-1', null, null, 3, 2 ** 40 + 7, 'hr', 0.25, fts];
}

describe('binary COPY (the ingest writer)', () => {
  it('stores each value as the text format stores it: integers, reals, strings, NUL, tsvectors past 16383 positions', async () => {
    const s = await openPostgresStore(testCaseLocator('copy-binary'), { create: true });
    stores.push(s);
    const c = await s.db.pool.connect();
    try {
      const cols = columnNames('messages');
      for (const [i, body] of [BODY, LONG, ''].entries()) {
        await copyRows(c, 'messages', cols, s.db.caseId, [message(10 + i, body, ftsVector('Naslov', body)) as never]);
        await copyBinaryRows(c, 'messages', cols, s.db.caseId, [message(20 + i, body, ftsLexemes('Naslov', body)) as never]);
      }
      await copyBinaryRows(c, 'messages', cols, s.db.caseId, [message(30, 'x', null) as never]);
      const got = await rows<Record<string, unknown>>(c, `SELECT *, fts::text AS fts FROM messages WHERE case_id = $1 ORDER BY id`, [s.db.caseId]);
      expect(got).toHaveLength(7);
      for (let i = 0; i < 3; i++) {
        const [text, binary] = [got[i]!, got[3 + i]!];
        expect({ ...binary, id: 0 }).toEqual({ ...text, id: 0 });
      }
      expect(got[3]!.body).toBe(BODY.replace('\0', '\uFFFD'));
      expect(got[3]!.dup_of).toBe(2 ** 40 + 7);
      expect(got[3]!.ts).toBe(-86_400_000);
      expect(got[3]!.lang_conf).toBe(0.25);
      expect(got[3]!.fts).toMatch(/'kafa':\d+,\d+/);
      expect(got[4]!.fts).toContain("'kraj':16383");
      expect(got[6]!.fts).toBeNull();
    } finally {
      c.release();
    }
  });

  it('refuses a value that is not of its column type (an integer column given a fraction)', async () => {
    const s = await openPostgresStore(testCaseLocator('copy-binary-refuse'), { create: true });
    stores.push(s);
    const c = await s.db.pool.connect();
    try {
      const row = message(1, 'x', null);
      row[7] = 1.5; // tz_offset: integer
      const e = await copyBinaryRows(c, 'messages', columnNames('messages'), s.db.caseId, [row as never]).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ClewError);
      expect((e as ClewError).code).toBe('INTERNAL');
      expect((await rows(c, 'SELECT 1 FROM messages WHERE case_id = $1', [s.db.caseId])).length).toBe(0);
    } finally {
      c.release();
    }
  });
});
