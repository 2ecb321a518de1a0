import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator } from '../model/records.js';
import type { MessageView } from '../store/types.js';
import { checkSourceFile } from './report-sources.js';
import { MAX_RAW, readRaw } from './show.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();

const account = { id: 1, ref: 'x:1', kind: 'pin', handle: '1', displayName: null } as unknown as MessageView['sender'];
const view = (id: number, path: string, sha256: string, locator: Locator): MessageView => ({
  id,
  ts: 0,
  tzOffset: null,
  tsLocal: null,
  channel: 'chat',
  sender: account,
  recipients: [],
  conversationId: null,
  conversationTitle: null,
  body: '',
  subject: null,
  flags: { edited: false, deleted: false },
  duplicateOf: null,
  duplicates: [],
  lang: null,
  attachments: [],
  provenance: { sourceId: 1, path, sha256, format: 'canonical', locator },
});

describe('checkSourceFile', () => {
  it('hashes the file and copies out its records in one read: the same text as clew show reads, across read chunks', async () => {
    const dir = tmp();
    const path = join(dir, 'src.jsonl');
    // 3 MiB of lines with UTF-8 text; records straddle the 1 MiB reads
    const line = (i: number) => `{"n":${i},"body":"čaša ${'x'.repeat(i % 300)} ✓"}\n`;
    const lines: string[] = [];
    const starts: number[] = [];
    for (let i = 0, at = 0; at < 3 * 1024 * 1024; i++) {
      starts.push(at);
      lines.push(line(i));
      at += Buffer.byteLength(lines[i]!);
    }
    const bytes = Buffer.from(lines.join(''));
    writeFileSync(path, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const mib = 1024 * 1024;
    const cut = starts.findIndex((s) => s > mib) - 1; // the record across the first 1 MiB boundary
    const end = (i: number) => (starts[i + 1] ?? bytes.length) - starts[i]!;
    const messages = [
      view(1, path, sha, { line: 1, offset: 0, length: end(0) }),
      view(2, path, sha, { line: cut + 1, offset: starts[cut]!, length: end(cut) }),
      view(3, path, sha, { offset: 2 * mib - 10, length: MAX_RAW + 50 }), // cut at MAX_RAW, with an ellipsis
      view(4, path, sha, { offset: bytes.length - 5, length: 5 }),
      view(5, path, sha, { offset: bytes.length - 5, length: 6 }), // past the end: left to readRaw
      view(6, path, sha, { path: '$.x' }), // a JSON path: left to readRaw
      view(7, path, sha, { entry: 'a.txt', offset: 0, length: 4 }), // an archive member: left to readRaw
    ];
    const r = await checkSourceFile(path, sha, messages);
    expect(r.check).toEqual({ status: 'same' });
    expect([...r.records.keys()].map((m) => m.id).sort()).toEqual([1, 2, 3, 4]);
    expect(bytes.subarray(starts[cut]!, starts[cut]! + end(cut)).length).toBeGreaterThan(0);
    expect(starts[cut]! < mib && starts[cut]! + end(cut) > mib).toBe(true);
    for (const m of messages.slice(0, 4)) expect(r.records.get(m)).toBe((await readRaw(m)).text);
    expect(r.records.get(messages[2]!)!.endsWith('…')).toBe(true);
    expect(r.records.get(messages[0]!)).toBe(line(0));
  });

  it('says a changed file (its hash now) and a missing one, and gives no record from either', async () => {
    const dir = tmp();
    const path = join(dir, 'src.jsonl');
    writeFileSync(path, 'one\ntwo\n');
    const m = [view(1, path, 'a'.repeat(64), { offset: 0, length: 3 })];
    const now = createHash('sha256').update('one\ntwo\n').digest('hex');
    expect(await checkSourceFile(path, 'a'.repeat(64), m)).toEqual({ check: { status: 'changed', sha256: now }, records: new Map() });
    expect((await checkSourceFile(path, now, m)).records.get(m[0]!)).toBe('one');
    rmSync(path);
    expect(await checkSourceFile(path, now, m)).toEqual({ check: { status: 'missing' }, records: new Map() });
  });
});
