import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { listPlaces, placeRoutes } from './places.js';
import { buildMapCase, C } from './test-support/map-case.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();

describe('map API on a case', () => {
  it('builds routes from what messages state about shipments, weighted by them; chatter across a thread is not a route', async () => {
    const path = await buildMapCase(join(tmp(), 'c'));
    await withCase(path, { readonly: true }, async (s) => {
      const r = await placeRoutes(s);
      // the thread that names Guayaquil, Belgrade, Lomé and Antwerp over ten days states no route in any one message
      expect(r.routes.map((x) => x.stops.map((p) => p.name).join(' → '))).toEqual(['Guayaquil → Lomé → Antwerp']);
      expect(r).toMatchObject({ statements: 3, belowThreshold: 1, minEvidence: 2, truncated: false });
      const route = r.routes[0]!;
      expect(route).toMatchObject({ key: 'ec-guayaquil>tg-lome>be-antwerp', messages: 2, threads: 1 });
      expect(route.cues).toEqual(expect.arrayContaining(['MSCU1234566', 'ship']));
      expect(await Promise.all(route.evidence.map(async (e) => (await s.message(e.messageId)).body))).toEqual([
        'Confirmed: the ship sails from Guayaquil via Lomé to Antwerp',
        'Container MSCU1234566 goes from Guayaquil via Lomé to Antwerp',
      ]);
      // the analyst relaxes the threshold: the route stated once appears
      expect((await placeRoutes(s, { minEvidence: 1 })).routes.map((x) => x.key)).toEqual(['ec-guayaquil>tg-lome>be-antwerp', 'br-santos>nl-rotterdam']);
      expect((await placeRoutes(s, { minEvidence: 1, minStops: 3 })).routes).toHaveLength(1);
      expect((await placeRoutes(s, { after: Date.UTC(2021, 2, 12) })).routes).toHaveLength(0); // one statement left
      expect((await placeRoutes(s, { account: C, minEvidence: 1 })).routes.map((x) => x.key)).toEqual(['br-santos>nl-rotterdam']);
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
      await expect(placeRoutes(s, { minEvidence: 1.5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });
  });
});
