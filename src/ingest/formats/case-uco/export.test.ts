import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../../model/records.js';
import { collect, records, sourceFromBytes } from '../csv/test-support/source.js';
import { CaseBundleWriter, type ExportRecordItem, type ExportSourceInfo, locatorText } from './export.js';
import { caseUcoParser } from './parser.js';
import { expandedTerms, undeclared } from './test-support/vocabulary.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SOURCES: ExportSourceInfo[] = [
  { id: 1, path: '/evidence/a.jsonl', name: 'a.jsonl', size: 100, sha256: SHA_A, format: 'canonical', startedAt: Date.UTC(2024, 0, 1), finishedAt: Date.UTC(2024, 0, 1, 0, 1) },
  { id: 2, path: '/evidence/b.txt', name: 'b.txt', size: 50, sha256: SHA_B, format: 'whatsapp', startedAt: Date.UTC(2024, 0, 2), finishedAt: null },
];
const TS = Date.UTC(2021, 5, 1, 12);
const rec = (record: ClewRecord, sourceId: number | null, line?: number): ExportRecordItem => ({ record, provenance: sourceId === null ? null : { sourceId, locator: line === undefined ? null : { line } } });
const ITEMS: ExportRecordItem[] = [
  rec({ type: 'account', ref: 'sky:ana', kind: 'pin', displayName: 'Ana' }, null),
  rec({ type: 'conversation', ref: 'chat', title: 'Posao', members: ['sky:ana', 'sky:bob'] }, 1),
  rec({ type: 'conversation', ref: 'chat', title: 'Druga', members: ['sky:ana', 'sky:bob'] }, 2), // the same ref in another source: another thread
  rec({ type: 'message', from: 'sky:ana', to: ['sky:bob'], channel: 'chat', body: 'ok', ts: TS, tzOffset: 0, conversation: 'chat' }, 1, 3),
  rec({ type: 'message', from: 'sky:ana', to: ['sky:bob'], channel: 'chat', body: 'ok', ts: TS, tzOffset: 0, conversation: 'chat' }, 1, 4), // the same words again, another line
  rec({ type: 'message', from: 'sky:bob', to: ['sky:ana'], channel: 'chat', body: 'druga', ts: TS + 1000, tzOffset: 0, conversation: 'chat', nativeId: 'm1' }, 2, 7),
  rec({ type: 'attachment', nativeId: 'f1', message: 'm1', filename: 'x.jpg', sha256: 'c'.repeat(64) }, 2, 8),
  rec({ type: 'call', from: 'sky:ana', to: 'sky:bob', ts: TS + 5000, tzOffset: 0, duration: 9 }, 1, 5),
];

async function write(chunks: ExportRecordItem[][], at = Date.UTC(2026, 0, 1)): Promise<string> {
  let text = '';
  const w = new CaseBundleWriter(SOURCES, { tool: { name: 'clew', version: '9.9.9' }, at, selection: 'every record of case t' }, (s) => {
    text += s;
  });
  await w.start();
  for (const c of chunks) await w.add(c);
  await w.finish();
  return text;
}

type Graph = Record<string, unknown>[];
const graphOf = (text: string) => (JSON.parse(text) as { '@graph': Graph })['@graph'];
const ids = (v: unknown) => ((v ?? []) as { '@id': string }[]).map((x) => x['@id']);

describe('CaseBundleWriter: records with their provenance as a CASE bundle', () => {
  it('writes the source files, their ingest actions, provenance records and locators', async () => {
    const g = graphOf(await write([ITEMS]));
    const files = g.filter((n) => String(n['@id']).startsWith('kb:source-file-'));
    expect(files).toHaveLength(2);
    const prov = g.filter((n) => n['@type'] === 'case-investigation:ProvenanceRecord');
    const objects = (sha: string) => prov.filter((n) => String(n['@id']) === prov.find((p) => String(p['uco-core:description']).includes(sha))!['@id']).flatMap((n) => ids(n['uco-core:object']));
    // source 1: its thread, two messages and a call; source 2: its thread, a message and a file
    expect(objects(SHA_A)).toHaveLength(4);
    expect(objects(SHA_B)).toHaveLength(3);
    const ingest = g.filter((n) => n['uco-core:name'] === 'ingest');
    expect(ingest.map((n) => n['uco-core:description'])).toEqual(['clew ingest --format canonical a.jsonl', 'clew ingest --format whatsapp b.txt']);
    expect(ingest[1]!['uco-action:endTime']).toBeUndefined(); // a partial source has no end
    const msgs = g.filter((n) => n['@type'] === 'uco-observable:Message');
    expect(msgs).toHaveLength(3);
    expect(new Set(msgs.map((m) => m['@id'])).size).toBe(3); // the same words on two lines are two nodes
    expect(msgs.map((m) => m['uco-core:description'])).toEqual([
      `clew: read from a.jsonl (SHA-256 ${SHA_A}), line 3`,
      `clew: read from a.jsonl (SHA-256 ${SHA_A}), line 4`,
      `clew: read from b.txt (SHA-256 ${SHA_B}), line 7`,
    ]);
    const threads = g.filter((n) => n['@type'] === 'uco-observable:MessageThread');
    expect(threads.map((t) => t['uco-core:name']).sort()).toEqual(['Druga', 'Posao']);
    const exp = g.find((n) => n['uco-core:name'] === 'export')!;
    expect(ids(exp['case-investigation:wasInformedBy'])).toEqual(ingest.map((n) => n['@id']));
    expect(undeclared(await expandedTerms(JSON.parse(await write([ITEMS]))))).toEqual({ classes: [], properties: [] });
  });

  it('gives the same bytes however the records are chunked, but for the provenance fragments; and the same bytes for the same input', async () => {
    const one = await write([ITEMS]);
    expect(await write([ITEMS])).toBe(one);
    expect(await write([ITEMS], Date.UTC(2026, 0, 2))).not.toBe(one);
    // chunked: the same nodes, provenance records split in more fragments that JSON-LD merges
    const split = graphOf(await write([ITEMS.slice(0, 4), ITEMS.slice(4)]));
    const norm = (g: Graph) => g.filter((n) => n['@type'] !== 'case-investigation:ProvenanceRecord').map((n) => JSON.stringify(n)).sort();
    expect(norm(split)).toEqual(norm(graphOf(one)));
    const objs = (g: Graph) => g.filter((n) => n['@type'] === 'case-investigation:ProvenanceRecord').flatMap((n) => ids(n['uco-core:object'])).sort();
    expect(objs(split)).toEqual(objs(graphOf(one)));
  });

  it('reads back through the CASE reader: the records, not the provenance', async () => {
    const back = records(await collect(caseUcoParser, sourceFromBytes(await write([ITEMS]), 'x.jsonld', { timeZone: 'UTC' })));
    const count = (t: string) => back.filter((r) => r.type === t).length;
    expect([count('message'), count('call'), count('attachment'), count('conversation')]).toEqual([3, 1, 1, 2]);
    const file = back.find((r) => r.type === 'attachment');
    expect(file).toMatchObject({ filename: 'x.jpg', sha256: 'c'.repeat(64) });
    const m1 = back.find((r) => r.type === 'message' && r.body === 'druga');
    expect(m1).toMatchObject({ attachments: [file?.type === 'attachment' ? file.nativeId : ''] });
  });

  it('says where a record sits in words', () => {
    expect(locatorText({ line: 12 })).toBe('line 12');
    expect(locatorText({ line: 12, endLine: 14, offset: 300, length: 80 })).toBe('lines 12-14, byte 300 (80 bytes)');
    expect(locatorText({ entry: 'chat.txt', path: '$.a[1]' })).toBe('entry chat.txt, JSON path $.a[1]');
  });
});
