/**
 * The map tests' case (records in src/store/sqlite/test-support/map-records.ts) as a canonical JSONL file,
 * ingested like any source: for the API, route and browser tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClewRecord } from '../../model/records.js';
import { A, B, C, MAP_RECORDS } from '../../store/sqlite/test-support/map-records.js';
import { withCase } from '../case.js';
import { ingestFile } from '../ingest.js';

export { A, B, C, MAP_XSS } from '../../store/sqlite/test-support/map-records.js';

function canonical(r: ClewRecord): Record<string, unknown> {
  switch (r.type) {
    case 'account':
      return { type: 'account', ref: r.ref, kind: r.kind, display_name: r.displayName };
    case 'message': {
      const { nativeId, tzOffset: _tz, channel: _ch, ts, to, ...rest } = r;
      return { ...rest, id: nativeId, ts: new Date(ts).toISOString(), ...(to.length > 0 ? { to } : {}) };
    }
    case 'attachment': {
      const { nativeId, ...rest } = r;
      return { ...rest, id: nativeId };
    }
    case 'location':
      return { ...r, ts: r.ts === undefined ? undefined : new Date(r.ts).toISOString() };
    default:
      return r as unknown as Record<string, unknown>;
  }
}

/**
 * Messages that state shipment routes (src/api/shipment-route.ts): Guayaquil → Lomé → Antwerp
 * twice (a route by default), Santos → Rotterdam once (only when one statement is enough).
 */
export const ROUTE_MESSAGES = [
  { type: 'message', id: 'r1', from: A, to: [B], ts: '2021-03-11T10:00:00Z', body: 'Container MSCU1234566 goes from Guayaquil via Lomé to Antwerp' },
  { type: 'message', id: 'r2', from: B, to: [A], ts: '2021-03-12T10:00:00Z', body: 'Confirmed: the ship sails from Guayaquil via Lomé to Antwerp' },
  { type: 'message', id: 'r3', from: C, to: [A], ts: '2021-03-13T10:00:00Z', body: 'Next load from Santos to Rotterdam, 300 kg' },
];

/** Writes `dir/map.jsonl` and `dir/routes.jsonl` (ROUTE_MESSAGES) and ingests them into `dir/case.clew`. */
export async function buildMapCase(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'map.jsonl');
  writeFileSync(source, MAP_RECORDS.map((r) => JSON.stringify(canonical(r))).join('\n') + '\n');
  const routes = join(dir, 'routes.jsonl');
  writeFileSync(routes, ROUTE_MESSAGES.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, async (s) => {
    await ingestFile(s, source);
    await ingestFile(s, routes);
  });
  return casePath;
}
