import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClewError } from '../../model/errors.js';
import type { CaseStore } from '../types.js';
import { A, B, C, MAP_XSS, writeMapCase } from './test-support/map-records.js';
import { collect } from '../chunks.js';
import { parseGeoKey } from '../geo.js';
import { openSqliteCase } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function buildMapCase(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'clew-places-'));
  dirs.push(d);
  await writeMapCase(join(d, 'c.clew'));
  return join(d, 'c.clew');
}

async function withCase<T>(path: string, _opts: unknown, fn: (s: CaseStore) => T): Promise<T> {
  const s = openSqliteCase(path, { readonly: true });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
const day = (d: number) => Date.UTC(2021, 2, d, 10, 0);

describe('SQLite map reader', () => {
  it('aggregates places, coordinates and location records, each with the records behind it', async () => {
    const path = await buildMapCase();
    await withCase(path, { readonly: true }, async (s) => {
      const pts = await s.geo().points({}, { limit: 100, evidence: 10 });
      const by = new Map(pts.map((p) => [p.key, p]));
      expect([...by.keys()].sort()).toEqual(
        [
          'antenna:45.25,19.84', 'coordinate:44.8125,20.4612', 'coordinate:51.2194,4.4025', 'exif:51.2,4.4', 'place:be-antwerp',
          'place:br-santos', 'place:ec-guayaquil', 'place:nl-rotterdam', 'place:rs-belgrade', 'place:tg-lome', 'shared:44.8125,20.4612',
        ].sort(),
      );
      const g = by.get('place:ec-guayaquil')!;
      expect(g).toMatchObject({ kind: 'place', label: 'Guayaquil, EC', count: 3, messages: 3, first: day(1), last: day(10) });
      expect(g.lat).toBeCloseTo(-2.19, 1);
      // the evidence is the three messages, newest first, each one readable and naming the place
      expect(g.evidence.map((e) => e.ts)).toEqual([day(10), day(2), day(1)]);
      for (const e of g.evidence) expect((await s.message(e.messageId!)).body).toContain('Guayaquil');
      expect(g.evidence.map((e) => e.account!.ref)).toEqual([A, A, B]);
      // location records: the antenna's two records by their locators, hostile label kept as data
      const ant = by.get('antenna:45.25,19.84')!;
      expect(ant).toMatchObject({ count: 2, label: `cell ${MAP_XSS}`, first: day(7), last: day(8) });
      expect(ant.evidence.map((e) => e.locator.line)).toEqual([18, 17]); // the records' lines in the source
      expect(ant.evidence.every((e) => e.messageId === null && e.account?.ref === A)).toBe(true);
      // shared location tied to its message; EXIF position tied to its attachment's message
      expect((await s.message(by.get('shared:44.8125,20.4612')!.evidence[0]!.messageId!)).body).toContain('44.8125');
      expect((await s.message(by.get('exif:51.2,4.4')!.evidence[0]!.messageId!)).body).toContain('google.com/maps');
      // most counted first
      expect(pts[0]!.key).toBe('place:ec-guayaquil');
    });
  });

  it('filters by account, time, kind and key', async () => {
    const path = await buildMapCase();
    await withCase(path, { readonly: true }, async (s) => {
      const keys = async (f: Parameters<ReturnType<typeof s.geo>['points']>[0], key?: string) =>
        (await s
          .geo()
          .points(f, { limit: 100, evidence: 0, key }))
          .map((p) => `${p.key}=${p.count}`)
          .sort();
      // C sent or received: the pair messages and the shared location
      expect(await keys({ account: C, kinds: ['place', 'coordinate', 'shared', 'antenna'] })).toEqual(
        ['coordinate:44.8125,20.4612=1', 'coordinate:51.2194,4.4025=1', 'place:br-santos=1', 'place:nl-rotterdam=1', 'shared:44.8125,20.4612=1'].sort(),
      );
      // the time range bounds mentions and records: [Mar 2, Mar 9)
      expect(await keys({ after: day(2), before: day(9), kinds: ['place', 'antenna'] })).toEqual(['antenna:45.25,19.84=2', 'place:ec-guayaquil=1', 'place:nl-rotterdam=1', 'place:rs-belgrade=1', 'place:tg-lome=1']);
      expect(await keys({ before: day(2) }, 'place:ec-guayaquil')).toEqual(['place:ec-guayaquil=1']);
      expect(await keys({}, 'antenna:45.25,19.84')).toEqual(['antenna:45.25,19.84=2']);
      expect(await keys({}, 'place:nowhere')).toEqual([]);
      await expect(keys({ account: 'skyecc:NOPE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('lists place mentions with their thread, in time order', async () => {
    const path = await buildMapCase();
    await withCase(path, { readonly: true }, async (s) => {
      const ms = await collect(s.geo().placeMentions({}));
      expect(ms.map((m) => m.placeId)).toEqual(['ec-guayaquil', 'ec-guayaquil', 'rs-belgrade', 'nl-rotterdam', 'tg-lome', 'be-antwerp', 'ec-guayaquil', 'br-santos']);
      expect(ms.filter((m) => !m.port).map((m) => m.placeId)).toEqual(['rs-belgrade']);
      const threads = ms.map((m) => m.thread);
      expect(new Set(threads.filter((t) => t.startsWith('c'))).size).toBe(1); // the conversation
      expect(threads[3]).toBe(threads[7]); // A→C and C→A: one pair thread
      expect(threads[3]).toMatch(/^p[0-9]+-[0-9]+$/);
      expect((await collect(s.geo().placeMentions({ account: C }))).map((m) => m.placeId)).toEqual(['nl-rotterdam', 'br-santos']);
    });
  });

  it('parses point keys and refuses others', () => {
    expect(parseGeoKey('place:be-antwerp')).toEqual({ kind: 'place', value: 'be-antwerp' });
    expect(parseGeoKey('antenna:45.25,-19.84')).toMatchObject({ kind: 'antenna', lat: 45.25, lon: -19.84 });
    for (const bad of ['be-antwerp', 'nowhere:x', 'place:', 'antenna:north', 'coordinate:1,2,3'])
      expect(() => parseGeoKey(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as ClewError);
  });
});
