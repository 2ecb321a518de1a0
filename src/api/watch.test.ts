import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from './case.js';
import { ingestFile } from './ingest.js';
import { refreshSavedSearches, saveSearch, savedSearchReport } from './saved-search.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';
import { addWatchlist, matchSelectors, runWatchlist, WATCH_CSV_HEADER, watchCsv } from './watch.js';

const tmp = useTmp();

const A = 'skyecc:7K9P2X';
const B = 'skyecc:BBQ123';
const C = 'phone:+381641234567';
const D = 'email:Dule@Example.org';
const W = 'whatsapp:31612345678@s.whatsapp.net';
const IBAN = 'RS35260005601001611379';

function first(): string {
  return jsonl([
    { type: 'account', ref: A, kind: 'pin', display_name: 'Марко Јовановић' },
    { type: 'account', ref: B, kind: 'pin', display_name: 'Boban' },
    msg(A, B, '2021-02-03T10:15:00Z', `Kontejner MSCU1234566 stiže, plati na ${IBAN}`, { id: 'm1' }),
    msg(B, A, '2021-02-03T11:00:00Z', 'zovi 064 123 4567 ili +381 64 123 4567', { id: 'm2' }),
    msg(A, C, '2021-02-04T09:00:00Z', 'kafa je spremna'),
    msg(D, A, '2021-02-05T09:00:00Z', 'kafa sutra, IMO 9074729, brod MV Ocean Star'),
    msg(W, A, '2021-02-06T09:00:00Z', 'ok'),
  ]);
}

describe('watchlists', () => {
  it('match every kind of selector against accounts and messages, report bad lines and write CSV', async () => {
    const d = tmp();
    writeFileSync(join(d, 'a.jsonl'), first());
    const store = await openCase(join(d, 'c.clew'), { create: true });
    try {
      await ingestFile(store, join(d, 'a.jsonl'), { defaultRegion: 'RS' });
      const list = [
        '# selectors from case 12',
        '00381 (64) 123-4567\tVuk\'s phone',
        'rs35 2600 0560 1001 6113 79',
        'MSCU 123456 6',
        'IMO 9074729',
        'MV Ocean Star',
        'dule@example.ORG',
        '7k9p2x',
        'Marko Jovanovic',
        'boban',
        '+3',
        'iban:RS35260005601001611378',
        'NL91ABNA0417164300',
      ].join('\n');
      const added = await addWatchlist(store, 'case 12', Buffer.from(list), { by: 'ana' });
      expect(added.summary).toMatchObject({ name: 'case 12', selectors: 10 });
      expect(added.problems.map((p) => [p.line, p.code])).toEqual([
        [11, 'too_broad'],
        [12, 'malformed'],
      ]);
      const r = await runWatchlist(store, 'case 12');
      const row = (line: number) => r.rows.find((x) => x.line === line)!;
      // the phone: C's account, mentioned in m2 (twice, one message), and C received a message
      expect(row(2)).toMatchObject({ type: 'phone', value: '+381641234567', messages: 2, accountsTotal: 1 });
      expect(row(2).accounts.map((a) => a.ref)).toEqual([C]);
      expect(row(3)).toMatchObject({ type: 'iban', messages: 1, first: Date.parse('2021-02-03T10:15:00Z'), last: Date.parse('2021-02-03T10:15:00Z') });
      expect(row(4)).toMatchObject({ type: 'container', messages: 1 });
      expect(row(5)).toMatchObject({ type: 'imo', messages: 1 });
      expect(row(6)).toMatchObject({ type: 'vessel', messages: 1 });
      expect(row(7).accounts.map((a) => a.ref)).toEqual([D]);
      expect(row(7).messages).toBe(1);
      // the PIN and the Cyrillic display name: A, who sent or received 5 messages
      expect(row(8).accounts.map((a) => a.ref)).toEqual([A]);
      expect(row(8).messages).toBe(5);
      expect(row(9)).toMatchObject({ type: 'name', messages: 5 });
      expect(row(9).accounts.map((a) => a.ref)).toEqual([A]);
      expect(row(10).accounts.map((a) => a.ref)).toEqual([B]);
      expect(row(13)).toMatchObject({ messages: 0, accounts: [], first: null });
      expect(r.matched).toBe(9);
      // a messenger account whose address is a phone number
      const wa = await matchSelectors(store, [{ line: 1, raw: '+31 6 12345678', type: 'phone', value: '+31612345678' }]);
      expect(wa.rows[0]!.accounts.map((a) => a.ref)).toEqual([W]);
      // the first ids are the oldest messages, and open
      const ids = row(8).ids;
      expect(ids).toHaveLength(5);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect((await store.message(ids[0]!)).body).toContain('Kontejner');

      const csv = watchCsv(r.rows).split('\r\n');
      expect(csv[0]).toBe(`\ufeff${WATCH_CSV_HEADER.join(',')}`);
      // a cell that begins with + is a formula to a spreadsheet: the phone number is prefixed with '
      expect(csv[1]!.startsWith(`2,00381 (64) 123-4567,phone,'+381641234567,Vuk's phone,${C},1,2,`)).toBe(true);
      expect(csv).toHaveLength(r.rows.length + 2);
      expect((await store.watchlists()).map((w) => w.name)).toEqual(['case 12']);
    } finally {
      await store.close();
    }
  });

  it('guard CSV cells against formulas, and refuse a list with no usable selector', async () => {
    const d = tmp();
    const store = await openCase(join(d, 'c.clew'), { create: true });
    try {
      const r = await matchSelectors(store, [{ line: 1, raw: '=HYPERLINK("x")', type: 'handle', value: '=hyperlink("x")', note: '@cmd' }]);
      const csv = watchCsv(r.rows);
      expect(csv).toContain(`'=HYPERLINK`);
      expect(csv).toContain(`'@cmd`);
      const plus = watchCsv([{ ...r.rows[0]!, raw: '+1+cmd|calc', value: '-2+3', note: '＝1' }]);
      expect(plus).toContain(`,'+1+cmd|calc,`);
      expect(plus).toContain(`,'-2+3,`);
      expect(plus).toContain(`,'＝1,`);
      await expect(addWatchlist(store, 'x', '+3\na\n')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(runWatchlist(store, 'none')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await store.close();
    }
  });
});

describe('saved searches', () => {
  it('run again after every ingest and flag the hits no earlier run had; a query that no longer parses says why', async () => {
    const d = tmp();
    writeFileSync(join(d, 'a.jsonl'), first());
    writeFileSync(
      join(d, 'b.jsonl'),
      jsonl([msg(B, A, '2021-03-01T10:00:00Z', 'kafa opet stiže'), msg(B, A, '2021-01-01T10:00:00Z', 'stara kafa, ranije'), msg(B, A, '2021-03-02T10:00:00Z', 'nista')]),
    );
    const store = await openCase(join(d, 'c.clew'), { create: true });
    try {
      await ingestFile(store, join(d, 'a.jsonl'));
      const s = await saveSearch(store, { name: 'kafa', query: 'kafa', by: 'ana' });
      expect(s).toMatchObject({ runs: 1, newHits: 0, hits: 2, error: null });
      await expect(saveSearch(store, { name: 'bad', query: 'kafa AND (' })).rejects.toMatchObject({ code: 'QUERY_SYNTAX' });
      // saved by an older clew whose syntax allowed it: stored as is
      await store.putSavedSearch({ name: 'old syntax', query: 'kafa AND (', mode: 'folded', scope: null, by: 'x' });
      const sum = await ingestFile(store, join(d, 'b.jsonl'));
      expect(sum.added.records).toBe(3);
      expect(sum.savedSearches).toEqual([
        { name: 'kafa', newHits: 2, error: null },
        { name: 'old syntax', newHits: 0, error: { code: 'QUERY_SYNTAX', message: expect.any(String) } },
      ]);
      const report = await savedSearchReport(store);
      const k = report.find((x) => x.name === 'kafa')!;
      // the new hits, including one older than everything seen before (ids are time-ordered: a max id would miss it)
      expect(k.newHitList.map((h) => h.snippet.text)).toEqual(['kafa opet stiže', 'stara kafa, ranije']);
      expect(k.newHitList[0]!.snippet.highlights.length).toBeGreaterThan(0);
      expect(report.find((x) => x.name === 'old syntax')!.error?.code).toBe('QUERY_SYNTAX');
      // nothing new since: the flag clears on the next run
      expect((await refreshSavedSearches(store)).find((x) => x.name === 'kafa')).toEqual({ name: 'kafa', newHits: 0, error: null });
      expect((await search(store, { query: 'kafa' })).hits).toHaveLength(4);
      // an ingest that adds nothing runs nothing
      expect((await ingestFile(store, join(d, 'b.jsonl'))).savedSearches).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
