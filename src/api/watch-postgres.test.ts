/** Watchlists and saved searches through the API on a PostgreSQL case: the same answers as on SQLite (watch.test.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropCase } from '../store/postgres/cases.js';
import { openPostgresStore } from '../store/postgres/open.js';
import { testCaseLocator } from '../store/postgres/test-support/pg-case.js';
import { ingestFile } from './ingest.js';
import { saveSearch, savedSearchReport } from './saved-search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';
import { addWatchlist, runWatchlist } from './watch.js';

const tmp = useTmp();
const A = 'skyecc:7K9P2X';
const B = 'skyecc:BBQ123';
const IBAN = 'RS35260005601001611379';

describe('watchlists and saved searches on PostgreSQL', () => {
  it('match a list and flag the new hits of an ingest', async () => {
    const d = tmp();
    writeFileSync(
      join(d, 'a.jsonl'),
      jsonl([
        { type: 'account', ref: A, kind: 'pin', display_name: 'Марко Јовановић' },
        msg(A, B, '2021-02-03T10:15:00Z', `plati na ${IBAN}, kafa`),
        msg(B, A, '2021-02-03T11:00:00Z', 'zovi +381 64 123 4567'),
      ]),
    );
    writeFileSync(join(d, 'b.jsonl'), jsonl([msg(B, A, '2021-01-01T10:00:00Z', 'stara kafa')]));
    const loc = testCaseLocator('watch-api');
    const store = await openPostgresStore(loc, { create: true });
    try {
      await ingestFile(store, join(d, 'a.jsonl'));
      const added = await addWatchlist(store, 'l', `${IBAN}\n00381641234567\nMarko Jovanovic\n+3\n`, { by: 'x' });
      expect(added.problems.map((p) => p.line)).toEqual([4]);
      const r = await runWatchlist(store, 'l');
      expect(r.rows.map((x) => [x.type, x.messages, x.accounts.map((a) => a.ref)])).toEqual([
        ['iban', 1, []],
        ['phone', 1, []],
        ['name', 2, [A]],
      ]);
      expect(await saveSearch(store, { name: 'kafa', query: 'kafa', by: 'x' })).toMatchObject({ runs: 1, hits: 1 });
      const sum = await ingestFile(store, join(d, 'b.jsonl'));
      expect(sum.savedSearches).toEqual([{ name: 'kafa', newHits: 1, error: null }]);
      expect((await savedSearchReport(store))[0]!.newHitList.map((h) => h.snippet.text)).toEqual(['stara kafa']);
    } finally {
      await dropCase(store.db.pool, loc.case);
      await store.close();
    }
  });
});
