/**
 * The whole-case map on a generated case (issue 17 part 4): the routes drawn by default are the
 * shipments' routes that truth.json states, origin → transit → port, few enough to read at a
 * glance, and no route joins places no shipment goes between.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCase } from '../synth/index.js';
import { withCase } from './case.js';
import { ingestFile } from './ingest.js';
import { placeRoutes } from './places.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();

describe('routes on a generated case', () => {
  it('draws the shipments truth.json states, and nothing else', async () => {
    const dir = tmp();
    await writeCase(join(dir, 'synth'), { messages: 20_000, seed: 1717 });
    const truth = JSON.parse(readFileSync(join(dir, 'synth', 'truth.json'), 'utf8')) as { shipments: { route: string[] }[] };
    const casePath = join(dir, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, join(dir, 'synth', 'records.jsonl')));
    const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    const shipped = new Set(truth.shipments.map((s) => s.route.map(fold).join(' → ')));
    const legs = new Set(truth.shipments.flatMap((s) => s.route.flatMap((a, i) => s.route.slice(i + 1).map((b) => `${fold(a)} → ${fold(b)}`))));
    await withCase(casePath, { readonly: true }, async (s) => {
      const r = await placeRoutes(s);
      const drawn = r.routes.map((x) => x.stops.map((p) => fold(p.name)).join(' → '));
      // legible at a glance: a handful of routes, not dozens of chatter lines
      expect(r.routes.length).toBeGreaterThan(0);
      expect(r.routes.length).toBeLessThanOrEqual(truth.shipments.length + 5);
      // the routes stated three times or more are exactly the shipments' whole routes, in their direction
      // (the generator also has the organisation talk of shipments that never happen: stated twice at most here)
      const strong = r.routes.filter((x) => x.messages >= 3).map((x) => x.stops.map((p) => fold(p.name)).join(' → '));
      expect(new Set(strong)).toEqual(shipped);
      for (const d of strong) {
        const stops = d.split(' → ');
        for (let i = 1; i < stops.length; i++) expect(legs, d).toContain(`${stops[i - 1]} → ${stops[i]}`);
      }
      expect(shipped).toContain(drawn[0]);
      // each route lists the messages that state it, naming the shipment's vessel or containers
      expect(r.routes[0]!.evidence.length).toBeGreaterThanOrEqual(3);
      expect(r.routes[0]!.cues.length).toBeGreaterThan(0);
    });
  }, 180_000);
});
