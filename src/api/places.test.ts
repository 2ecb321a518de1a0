import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeoPlaceMention } from '../store/types.js';
import { withCase } from './case.js';
import { groupRoutes, listPlaces, MAX_STOPS, placeRoutes, routeEpisodes } from './places.js';
import { buildMapCase } from './test-support/map-case.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const DAY = 86_400_000;

function m(thread: string, day: number, placeId: string, messageId = day * 10): GeoPlaceMention {
  return { messageId, ts: day * DAY, thread, placeId, name: placeId, lat: 0, lon: 0, port: true };
}

describe('route episodes', () => {
  it('orders stops by first mention, collapses repeats, cuts on gaps, keeps threads apart', () => {
    const eps = routeEpisodes(
      [m('a', 1, 'GYE'), m('b', 1, 'X'), m('a', 2, 'GYE'), m('a', 4, 'LFW'), m('b', 30, 'Y'), m('a', 9, 'ANR'), m('a', 10, 'GYE'), m('a', 40, 'RTM'), m('a', 41, 'SSZ')],
      14 * DAY,
    );
    expect(eps.map((e) => `${e.thread}:${e.stops.map((s) => s.placeId).join('>')}`)).toEqual(['a:GYE>LFW>ANR', 'a:RTM>SSZ']);
    expect(eps[0]!.stopMessages).toEqual([10, 40, 90]);
    expect(eps[0]!.messageIds).toEqual([10, 20, 40, 90, 100]);
    // with revisits kept, the thread talking about Guayaquil again is a further stop
    expect(routeEpisodes([m('a', 1, 'GYE'), m('a', 4, 'LFW'), m('a', 10, 'GYE')], 14 * DAY, true)[0]!.stops.map((s) => s.placeId)).toEqual(['GYE', 'LFW', 'GYE']);
  });

  it('holds its definition for any mentions (property)', () => {
    const mention = fc.record({ thread: fc.constantFrom('a', 'b', 'c'), day: fc.integer({ min: 0, max: 120 }), place: fc.constantFrom('P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y') });
    fc.assert(
      fc.property(fc.array(mention, { maxLength: 80 }), fc.integer({ min: 1, max: 30 }), (raw, w) => {
        const sorted = raw.map((r, i) => ({ ...r, i })).sort((x, y) => x.day - y.day || x.i - y.i);
        const input = sorted.map((r) => m(r.thread, r.day, r.place, r.i));
        const eps = routeEpisodes(input, w * DAY);
        for (const e of eps) {
          const ids = e.stops.map((s) => s.placeId);
          expect(new Set(ids).size).toBe(ids.length); // no place twice
          expect(ids.length).toBeGreaterThanOrEqual(2);
          expect(ids.length).toBeLessThanOrEqual(MAX_STOPS);
          expect(e.last - e.first).toBeGreaterThanOrEqual(0);
          // every stop's message is one of the episode's, in order
          const pos = e.stopMessages.map((id) => e.messageIds.indexOf(id));
          expect(pos.every((p) => p >= 0)).toBe(true);
          expect([...pos].sort((x, y) => x - y)).toEqual(pos);
        }
        // grouping loses no episode
        expect(groupRoutes(eps).reduce((n, r) => n + r.episodes, 0)).toBe(eps.length);
      }),
    );
  });
});

describe('map API on a case', () => {
  it('finds the shipment route in mention order, traceable to its messages', async () => {
    const path = await buildMapCase(join(tmp(), 'c'));
    await withCase(path, { readonly: true }, async (s) => {
      const r = await placeRoutes(s);
      expect(r.windowDays).toBe(14);
      expect(r.stops).toBe('ports');
      expect(r.routes.map((x) => x.stops.map((p) => p.name).join(' → '))).toEqual(['Guayaquil → Lomé → Antwerp']);
      const ep = r.routes[0]!.evidence[0]!;
      expect(await Promise.all(ep.stopMessages.map(async (id) => (await s.message(id)).body))).toEqual([
        'The load leaves from Guayaquil next week',
        'It goes via Lomé, the port there is easy',
        'Container arrives in Antwerp on Friday',
      ]);
      expect(r.routes[0]).toMatchObject({ episodes: 1, threads: 1, messages: 5 });
      // every place as a stop: Belgrade (no port) joins, between Guayaquil and Lomé
      expect((await placeRoutes(s, { stops: 'all' })).routes.map((x) => x.key)).toEqual(['ec-guayaquil>rs-belgrade>tg-lome>be-antwerp']);
      // the pair's two places are 25 days apart: a route only with a wider window
      expect((await placeRoutes(s, { windowDays: 30 })).routes.map((x) => x.key).sort()).toEqual(['ec-guayaquil>tg-lome>be-antwerp', 'nl-rotterdam>br-santos']);
      expect((await placeRoutes(s, { windowDays: 30, minStops: 3 })).routes).toHaveLength(1);
      // from March 3 on, Guayaquil is first named after Antwerp ("back in Guayaquil")
      expect((await placeRoutes(s, { after: Date.UTC(2021, 2, 3) })).routes.map((x) => x.key)).toEqual(['tg-lome>be-antwerp>ec-guayaquil']);
    });
  });

  it('lists points within caps and refuses bad filters', async () => {
    const path = await buildMapCase(join(tmp(), 'c'));
    await withCase(path, { readonly: true }, async (s) => {
      const r = await listPlaces(s, { limit: 3, evidence: 1 });
      expect(r.points).toHaveLength(3);
      expect(r.truncated).toBe(true);
      expect(r.points.every((p) => p.evidence.length === 1)).toBe(true);
      expect((await listPlaces(s, { kinds: ['exif'] })).points.map((p) => p.key)).toEqual(['exif:51.2,4.4']);
      await expect(listPlaces(s, { after: 5, before: 5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(placeRoutes(s, { windowDays: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });
  });
});
