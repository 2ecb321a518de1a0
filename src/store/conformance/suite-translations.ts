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
