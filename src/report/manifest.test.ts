import { describe, expect, it } from 'vitest';
import { canonicalJson, MANIFEST_FORMAT, parseManifest, REPORT_FORMAT_VERSION, sealManifest, serialiseManifest, type ManifestBody } from './manifest.js';

const body: ManifestBody = {
  format: MANIFEST_FORMAT,
  version: REPORT_FORMAT_VERSION,
  case: { kind: 'sqlite', name: 'c.clew', locator: 'cases/c.clew' },
  clew: { version: '0.1.0', commit: 'unknown' },
  introduction: 'What this shows <script>',
  selection: { tag: 'evidence', itemsFile: null },
  queries: [],
  context: { before: 3, after: 3 },
  items: [{ type: 'message', id: 12, commentary: 'Kum <b>' }],
  figures: [{ kind: 'rank', measure: 'pagerank', top: 5, scope: 'ego:Kum:1', seed: 1, samples: 512 }],
  sources: [{ id: 1, name: 'a.jsonl', size: 9, sha256: 'c'.repeat(64), format: 'canonical', status: 'complete', ingestStarted: 1, ingestFinished: 2, timeZone: null, records: 3 }],
  annotations: [{ item: 'message:12', kind: 'tag', value: 'evidence', by: 'ana', at: 5 }],
};

describe('report manifest', () => {
  it('hashes the canonical body, reads back what it wrote, refuses a hand-edited or foreign file', () => {
    const m = { ...sealManifest(body), reportSha256: 'd'.repeat(64) };
    expect(canonicalJson({ b: [1, { d: 1, c: null }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":null,"d":1}]}');
    const text = serialiseManifest(m);
    expect(parseManifest(text)).toEqual(m);
    // the hash does not depend on formatting or key order
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()));
    expect(parseManifest(reordered).manifestSha256).toBe(m.manifestSha256);
    expect(() => parseManifest(text.replace('Kum <b>', 'Kum <i>'))).toThrow(/changed after it was written/);
    expect(() => parseManifest(text.replace('"id": 12', '"id": 13'))).toThrow(/changed after it was written/);
    expect(() => parseManifest(text.replace('"records": 3', '"records": 3, "extra": 1'))).toThrow(/schema at sources.0/);
    expect(() => parseManifest('{')).toThrow(/not JSON/);
    expect(() => parseManifest('{"format":"x"}')).toThrow(/not a clew report manifest/);
    expect(() => parseManifest(text.replace('"version": 3', '"version": 2'))).toThrow(/version 2; this clew reads version 3/);
    expect(() => parseManifest(text.replace('What this shows', 'What this proves'))).toThrow(/changed after it was written/);
  });
});
