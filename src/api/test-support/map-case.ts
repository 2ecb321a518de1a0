/**
 * The map tests' case (records in src/store/sqlite/test-support/map-records.ts) as a canonical JSONL file,
 * ingested like any source: for the API, route and browser tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClewRecord } from '../../model/records.js';
import { MAP_RECORDS } from '../../store/sqlite/test-support/map-records.js';
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

/** Writes `dir/map.jsonl` and ingests it into `dir/case.clew`. */
export async function buildMapCase(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'map.jsonl');
  writeFileSync(source, MAP_RECORDS.map((r) => JSON.stringify(canonical(r))).join('\n') + '\n');
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, source));
  return casePath;
}
