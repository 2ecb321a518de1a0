/**
 * clew export --format case-uco end to end, on both backends: a case ingested from a mixed set of
 * sources (WhatsApp exports, a device dump, a calls CSV, a UFED report: messages, calls,
 * contacts, devices, locations, attachments) is exported, the bundle is ingested into a new case
 * with --format case-uco, and both cases answer the same (stats and search hits). The bundle is
 * expanded by jsonld.js and every class and property checked against CASE/UCO; the same case
 * exports to the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { expandedTerms, undeclared } from '../ingest/formats/case-uco/test-support/vocabulary.js';
import { dropCase } from '../store/postgres/cases.js';
import { openPostgresStore } from '../store/postgres/open.js';
import { postgresLocator } from '../store/postgres/locator.js';
import { testCaseLocator, testPg } from '../store/postgres/test-support/pg-case.js';
import { withCase } from './case.js';
import { exportCase } from './export.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { useTmp } from './test-support/tmp.js';

const FIX = join(import.meta.dirname, '../../test/fixtures');
const SOURCES: [string, Parameters<typeof ingestFile>[2]][] = [
  [join(FIX, 'whatsapp/WhatsApp Chat - Ana Primer.zip'), {}],
  [join(FIX, 'whatsapp/android-de-group.txt'), {}],
  [join(FIX, 'device/skyecc-4F2A9C.json'), {}],
  [join(FIX, 'csv/calls.csv'), { csvMapping: { from: 'caller', to: 'callee', ts: 'start', duration: 'secs', channel: 'kind' }, defaultRegion: 'NL', timeZone: 'Europe/Amsterdam' }],
  [join(FIX, 'ufed/report.xml'), { timeZone: 'UTC' }],
];
const QUERIES = ['kafa', 'antwerpen', 'MSCU1234566', 'from:whatsapp:"Ana Primer"', 'channel:sms', 'ok', 'brod OR kontejner', 'after:2021-01-01 before:2022-01-01'];
const AT = Date.UTC(2026, 11, 1);

const tmp = useTmp();

/** Case locators on a backend: SQLite files in a temporary folder, or cases in the test run's PostgreSQL. */
type Backend = { name: string; locator: (n: string) => string };
const pgCases: string[] = [];
const BACKENDS: Backend[] = [
  { name: 'sqlite', locator: (n) => join(tmp(), `${n}.clew`) },
  {
    name: 'postgres',
    locator: (n) => {
      // a case name the locator syntax takes (lower-case letters, digits, underscores)
      const loc = postgresLocator(testPg().url, `export_${n}_${process.pid}_${randomBytes(3).toString('hex')}`);
      pgCases.push(loc.case);
      const u = new URL(loc.url);
      u.searchParams.set('case', loc.case);
      return u.toString();
    },
  },
];

afterAll(async () => {
  if (pgCases.length === 0) return;
  const loc = testCaseLocator('export-cleanup');
  const s = await openPostgresStore(loc, { create: true });
  try {
    for (const c of [...pgCases, loc.case]) await dropCase(s.db.pool, c);
  } finally {
    await s.close();
  }
});

async function exportTo(locator: string, file: string, opts: { messageIds?: number[] } = {}) {
  return withCase(locator, { readonly: true }, async (s) => {
    const out = createWriteStream(file);
    await once(out, 'open');
    try {
      return await exportCase(s, out, { format: 'case-uco', at: AT, caseName: 'original', ...opts });
    } finally {
      out.end();
      await finished(out);
    }
  });
}

/** What a case answers: stats (without what an export does not carry) and search hits by content. */
async function answers(locator: string) {
  return withCase(locator, { readonly: true }, async (s) => {
    const { sources: _s, topTalkers, quarantine: _q, ...stats } = await s.stats({ top: 50 });
    const hits: Record<string, string[]> = {};
    for (const q of QUERIES) hits[q] = (await search(s, { query: q, limit: 100 })).hits.map((h) => `${h.ts} ${h.sender.ref} ${h.conversationTitle} ${JSON.stringify(h.snippet)}`).sort();
    return { stats, talkers: topTalkers.map((t) => `${t.account.ref} ${t.sent} ${t.received} ${t.contacts}`).sort(), hits };
  });
}

describe.each(BACKENDS)('clew export --format case-uco on $name', (b) => {
  it('round-trips: the bundle ingested into a new case gives the same stats and search hits', async () => {
    const original = b.locator('original');
    await withCase(original, { create: true }, async (s) => {
      for (const [file, o] of SOURCES) await ingestFile(s, file, { ...o, analyse: true });
    });
    const dir = tmp();
    const bundle = join(dir, 'case.jsonld');
    const summary = await exportTo(original, bundle);
    expect(summary.sources).toBe(SOURCES.length);
    expect(summary.notExported).toEqual({});

    const copy = b.locator('copy');
    const ingested = await withCase(copy, { create: true }, (s) => ingestFile(s, bundle, { format: 'case-uco' }));
    expect(ingested.added.rejected).toBe(0);
    const [a, c] = [await answers(original), await answers(copy)];
    expect(a.stats.messages).toBeGreaterThan(15);
    expect(a.stats.calls).toBeGreaterThan(0);
    expect(a.stats.attachments).toBeGreaterThan(0);
    expect(a.stats.locations).toBeGreaterThan(0);
    expect(a.stats.events).toBeGreaterThan(0);
    expect(c.stats).toEqual(a.stats);
    expect(c.talkers).toEqual(a.talkers);
    expect(c.hits).toEqual(a.hits);
    expect(Object.values(a.hits).filter((h) => h.length > 0).length).toBeGreaterThanOrEqual(5);

    // the same case exports to the same bytes
    const again = join(dir, 'again.jsonld');
    await exportTo(original, again);
    expect(readFileSync(again).equals(readFileSync(bundle))).toBe(true);

    // valid CASE: expanded by jsonld.js, every class and property is declared by UCO or CASE
    const doc = JSON.parse(readFileSync(bundle, 'utf8')) as unknown;
    const terms = await expandedTerms(doc);
    expect(undeclared(terms)).toEqual({ classes: [], properties: [] });
    for (const t of ['core:Event', 'investigation:ProvenanceRecord', 'investigation:InvestigativeAction', 'tool:Tool', 'observable:File', 'observable:Message', 'observable:Call', 'observable:Contact', 'observable:MobileDevice', 'location:Location', 'observable:MessageThread'])
      expect(terms.classes).toContain(t);
    for (const p of ['action:instrument', 'action:object', 'action:result', 'action:startTime', 'action:endTime', 'investigation:wasInformedBy', 'core:description', 'types:hashValue'])
      expect(terms.properties).toContain(p);
    // the check can fail: a made-up term is caught
    const bad = { ...(doc as Record<string, unknown>), '@graph': [{ '@id': 'kb:x', '@type': 'case-investigation:ProvenanceRecords', 'uco-core:objects': 'x' }] };
    expect(undeclared(await expandedTerms(bad))).toEqual({ classes: ['investigation:ProvenanceRecords'], properties: ['core:objects'] });
  }, 180_000);
});

describe('clew export provenance (sqlite)', () => {
  it('links every exported object to the provenance record of its source file, and the ingest actions to the files', async () => {
    const loc = join(tmp(), 'p.clew');
    await withCase(loc, { create: true }, async (s) => {
      for (const [file, o] of SOURCES.slice(2, 4)) await ingestFile(s, file, o);
    });
    const file = join(tmp(), 'p.jsonld');
    await exportTo(loc, file);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { '@graph': Record<string, unknown>[] };
    const g = doc['@graph'];
    const sources = await withCase(loc, { readonly: true }, (s) => s.sources());
    const files = g.filter((n) => n['@type'] === 'uco-observable:File' && String(n['@id']).startsWith('kb:source-file-'));
    expect(files).toHaveLength(2);
    const hashes = files.map((f) => JSON.stringify(f)).join(' ');
    for (const s of sources) expect(hashes).toContain(s.sha256);
    const ingests = g.filter((n) => n['@type'] === 'case-investigation:InvestigativeAction' && n['uco-core:name'] === 'ingest');
    expect(ingests).toHaveLength(2);
    for (const a of ingests) {
      expect(files.map((f) => f['@id'])).toContain((a['uco-action:object'] as { '@id': string }[])[0]!['@id']);
      expect(a['uco-action:startTime']).toBeDefined();
    }
    // every message and call is in one provenance record and says where it was read
    const inRecords = new Set(g.filter((n) => n['@type'] === 'case-investigation:ProvenanceRecord').flatMap((n) => ((n['uco-core:object'] as { '@id': string }[] | undefined) ?? []).map((o) => o['@id'])));
    const evidence = g.filter((n) => n['@type'] === 'uco-observable:Message' || n['@type'] === 'uco-observable:Call');
    expect(evidence.length).toBeGreaterThan(5);
    for (const n of evidence) {
      expect(inRecords.has(n['@id'] as string)).toBe(true);
      expect(n['uco-core:description']).toMatch(/^clew: read from \S+ \(SHA-256 [0-9a-f]{64}\), (line \d+|JSON path \$)/);
    }
    const exp = g.filter((n) => n['uco-core:name'] === 'export');
    expect(exp).toHaveLength(1);
    expect(exp[0]!['uco-action:startTime']).toEqual({ '@type': 'xsd:dateTime', '@value': new Date(AT).toISOString() });
    expect((exp[0]!['case-investigation:wasInformedBy'] as unknown[]).length).toBe(2);
  });

  it('exports chosen messages with what they reference, and refuses ids the case does not hold', async () => {
    const loc = join(tmp(), 's.clew');
    await withCase(loc, { create: true }, (s) => ingestFile(s, SOURCES[4]![0], SOURCES[4]![1]));
    const hits = await withCase(loc, { readonly: true }, (s) => search(s, { query: 'after:2000-01-01', limit: 100 }));
    const chosen = hits.hits.slice(0, 2).map((h) => h.id);
    const file = join(tmp(), 's.jsonld');
    const summary = await exportTo(loc, file, { messageIds: chosen });
    expect(summary.messages).toBe(2);
    const g = (JSON.parse(readFileSync(file, 'utf8')) as { '@graph': Record<string, unknown>[] })['@graph'];
    expect(g.filter((n) => ['uco-observable:Message', 'uco-observable:SMSMessage', 'uco-observable:EmailMessage'].includes(n['@type'] as string))).toHaveLength(2);
    expect(g.filter((n) => n['@type'] === 'uco-observable:Call')).toHaveLength(0);
    const copy = join(tmp(), 'c.clew');
    await withCase(copy, { create: true }, (s) => ingestFile(s, file, { format: 'case-uco' }));
    const back = await withCase(copy, { readonly: true }, (s) => search(s, { query: 'after:2000-01-01', limit: 100 }));
    expect(back.hits.map((h) => JSON.stringify(h.snippet)).sort()).toEqual(hits.hits.slice(0, 2).map((h) => JSON.stringify(h.snippet)).sort());
    await expect(exportTo(loc, join(tmp(), 'x.jsonld'), { messageIds: [chosen[0]!, 424242] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
