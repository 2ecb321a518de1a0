/**
 * Conformance: machine translations cached in the case (issue 23): stored with engine, pair and
 * versions, read back by message and target, replaced only for the same message, target, engine,
 * pair and version, surviving a reopen; refused for a message of no case; never changing a source
 * record; moving the change counter.
 */
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import { openCase } from '../open.js';
import type { CaseStore, StoredTranslation } from '../types.js';
import { parseQuery } from '../../text/query/parse.js';
import type { SearchQuery } from '../../text/query/ast.js';
import { type CaseFactory, HOUR, codeOf, filters, ingest, msg } from './support.js';

const T0 = Date.UTC(2022, 5, 1, 8);
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:tana';
const B = 'sky:tboban';
const BODIES = ['Kontejner stiže u Antwerpen u petak', 'Контејнер стиже у петак', 'dobro'];

const RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Boban' },
  ...BODIES.map((b, i) => msg(i % 2 ? B : A, [i % 2 ? A : B], at(i + 1), b)),
];

const tr = (messageId: number, text: string, more: Partial<StoredTranslation> = {}): StoredTranslation => ({
  messageId,
  target: 'en',
  engine: 'apertium',
  pair: 'hbs-eng',
  version: '0.5.1-2',
  engineVersion: '3.8.3-1',
  sourceLang: 'sr',
  text,
  failure: null,
  failed: null,
  at: at(10),
  lexicon: null,
  ...more,
});

async function messageIds(s: CaseStore): Promise<number[]> {
  const hits = (await s.search(filters({}), { limit: 10 })).hits;
  return BODIES.map((b) => hits.find((h) => h.body === b)!.id);
}

export function describeTranslations(factory: CaseFactory): void {
  describe('translations', () => {
    it('store and read back translations with engine, pair and versions, replacing only the same key, surviving a reopen', async () => {
      const tc = await factory();
      let reopened: CaseStore | null = null;
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const [m0, m1, m2] = await messageIds(s);
        expect(await s.translationsOf([m0!, m1!], 'en')).toEqual([]);

        const gen0 = await s.generation();
        const first = [
          tr(m0!, 'Container arrives in Antwerpen on Friday'),
          tr(m1!, 'Container arrives on Friday'),
          tr(m2!, '', { failure: 'too-long', failed: 'text too long to translate' }),
        ];
        await s.saveTranslations(first);
        expect(await s.generation()).toBeGreaterThan(gen0);
        // in the order asked, one message asked twice answered once, an unknown id answered with nothing
        expect(await s.translationsOf([m1!, m0!, m1!, 999_999], 'en')).toEqual([first[1], first[0]]);
        expect(await s.translationsOf([m2!], 'en')).toEqual([first[2]]);
        expect(await s.translationsOf([m0!], 'fr')).toEqual([]);

        // the same key is replaced; another pair version is kept beside it, newest first
        const again = tr(m0!, 'The container arrives in Antwerpen on Friday', { at: at(11), engineVersion: '3.8.4-1' });
        const newer = tr(m0!, 'Container reaches Antwerpen Friday', { version: '0.6.0-1', at: at(12) });
        await s.saveTranslations([again, newer]);
        expect(await s.translationsOf([m0!], 'en')).toEqual([newer, again]);

        // text is stored as given: quotes, markup, astral characters, Cyrillic
        const odd = tr(m1!, `<b>'x'</b> "y" 🚢 Контејнер \\ %_`, { target: 'de', pair: 'hbs-deu' });
        await s.saveTranslations([odd]);
        expect(await s.translationsOf([m1!], 'de')).toEqual([odd]);

        // the source records are untouched
        expect((await s.message(m0!)).body).toBe(BODIES[0]);
        expect((await s.message(m1!)).body).toBe(BODIES[1]);

        reopened = await openCase(tc.locator, { readonly: true });
        expect(await reopened.translationsOf([m0!, m1!, m2!], 'en')).toEqual([newer, again, first[1], first[2]]);
        expect(await codeOf(reopened.saveTranslations([tr(m0!, 'x')]))).toBe('CASE_READ_ONLY');
      } finally {
        await reopened?.close();
        await tc.cleanup();
      }
    });

    it('keep the code words a translation kept (its lexicon), replaced with it', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const [m0] = await messageIds(s);
        const kept = tr(m0!, 'Container arrives', { lexicon: ['kum', 'antwerpen'] });
        await s.saveTranslations([kept]);
        expect(await s.translationsOf([m0!], 'en')).toEqual([{ ...kept, lexicon: ['antwerpen', 'kum'] }]);
        const none = tr(m0!, 'Container arrives', { lexicon: [] });
        await s.saveTranslations([none]);
        expect(await s.translationsOf([m0!], 'en')).toEqual([none]);
        expect(await codeOf(s.saveTranslations([tr(m0!, 'x', { lexicon: [1] as unknown as string[] })]))).toBe('INVALID_ARGUMENT');
      } finally {
        await tc.cleanup();
      }
    });

    it('search the stored translations when asked (folded mode): hits through a translation marked, paged and counted with the originals', async () => {
      const tc = await factory();
      let reopened: CaseStore | null = null;
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const [m0, m1, m2] = await messageIds(s);
        const langs = ['sr', 'en'];
        const q = (text: string, more: Partial<SearchQuery> = {}): SearchQuery => ({ ...parseQuery(text, 'folded', { langs }), translated: true, ...more });
        const ids = async (st: CaseStore, query: SearchQuery, limit = 10) => (await st.search(query, { limit })).hits.map((h) => [h.id, h.viaTranslation === true]);

        // nothing translated yet: the originals only
        expect(await ids(s, q('container'))).toEqual([]);
        await s.saveTranslations([
          tr(m0!, 'Container arrives in Antwerp on Friday'),
          tr(m1!, 'The containers arrive on Friday'),
          tr(m2!, '', { failure: 'too-long', failed: 'text too long to translate' }),
          // another target language is searched too; a failed one is not
          tr(m2!, 'Behälter Container', { target: 'de', pair: 'hbs-deu', failure: 'crashed', failed: 'crashed' }),
        ]);
        // an English word finds the Serbian messages whose translation holds it (any inflection: containers), newest first
        expect(await ids(s, q('container'))).toEqual([
          [m1, true],
          [m0, true],
        ]);
        // the default searches the originals only
        expect(await ids(s, { ...q('container'), translated: false })).toEqual([]);
        // a word of the original is a match of the original (not through the translation), in both scripts
        expect(await ids(s, q('kontejner'))).toEqual([
          [m1, false],
          [m0, false],
        ]);
        // words matched across original and translation do not combine: each text matches on its own
        expect(await ids(s, q('container petak'))).toEqual([]);
        // the other filters apply to the translated hits too
        expect(await ids(s, q('friday', { from: ['sky:tana'] }))).toEqual([[m0, true]]);
        expect(await ids(s, q('friday', { after: at(2) }))).toEqual([[m1, true]]);
        // paging by cursor over both, and the count of both (each message once)
        const p1 = await s.search(q('container OR dobro'), { limit: 2, count: 100 });
        expect(p1.hits.map((h) => [h.id, h.viaTranslation === true])).toEqual([
          [m2, false],
          [m1, true],
        ]);
        expect(p1.total).toEqual({ count: 3, capped: false });
        expect(p1.nextCursor).not.toBeNull();
        const p2 = await s.search(q('container OR dobro'), { limit: 2, cursor: p1.nextCursor! });
        expect(p2.hits.map((h) => h.id)).toEqual([m0]);
        expect(p2.nextCursor).toBeNull();
        // exact mode searches the originals, and says so
        const exact = await s.search({ ...parseQuery('container', 'exact', { langs }), translated: true }, { limit: 10 });
        expect(exact.hits).toEqual([]);
        expect(exact.notes.join(' ')).toMatch(/folded mode only/);
        // user input stays data, never index syntax
        expect(await ids(s, q('"arrives in antwerp" OR NEAR'))).toEqual([[m0, true]]);

        // a translation replaced (same key) is searched as it now reads
        await s.saveTranslations([tr(m1!, 'The box arrives on Friday')]);
        expect(await ids(s, q('container'))).toEqual([[m0, true]]);
        expect(await ids(s, q('box'))).toEqual([[m1, true]]);

        reopened = await openCase(tc.locator, { readonly: true });
        expect(await ids(reopened, q('container'))).toEqual([[m0, true]]);
        expect((await reopened.message(m0!)).body).toBe(BODIES[0]);
      } finally {
        await reopened?.close();
        await tc.cleanup();
      }
    });

    it('refuse a message the case does not hold, or a row without its key, storing nothing', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const [m0] = await messageIds(s);
        const gen0 = await s.generation();
        expect(await codeOf(s.saveTranslations([tr(m0!, 'ok'), tr(424_242, 'no such message')]))).toBe('NOT_FOUND');
        expect(await codeOf(s.saveTranslations([tr(m0!, 'ok', { version: '' })]))).toBe('INVALID_ARGUMENT');
        expect(await codeOf(s.saveTranslations([tr(0, 'ok')]))).toBe('INVALID_ARGUMENT');
        expect(await s.translationsOf([m0!, 424_242], 'en')).toEqual([]);
        expect(await s.generation()).toBe(gen0);
        await s.saveTranslations([]);
        expect(await s.generation()).toBe(gen0);
      } finally {
        await tc.cleanup();
      }
    });
  });
}
