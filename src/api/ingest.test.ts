import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import type { SqliteCaseStore } from '../store/sqlite/store.js';
import { collect } from '../store/chunks.js';
import { openCase } from './case.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { show } from './show.js';
import { caseDigest, jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();

async function expectCode(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(ClewError);
    expect((e as ClewError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

const A = 'skyecc:AAAAAA';
const B = 'skyecc:BBBBBB';
const C = 'phone:+381641234567';

function sample(): string {
  return jsonl([
    { type: 'account', ref: A, kind: 'pin', display_name: 'Vuk' },
    { type: 'conversation', ref: 'c1', title: 'posao', members: [A, B] },
    msg(A, B, '2021-02-03T10:15:00+01:00', 'Kontejner MSCU1234566 stiže u Antwerpen', { conversation: 'c1', id: 'm1' }),
    { type: 'message', from: B, conversation: 'c1', ts: '2021-02-03T10:16:00+01:00', body: 'ок брате, кафа је спремна', id: 'm2' },
    msg(A, C, '2021-02-04T09:00:00Z', 'the money is ready'),
    { type: 'call', from: C, to: A, ts: '2021-02-04T09:05:00Z', duration: 74 },
  ]);
}

describe('ingestFile', () => {
  it('ingests canonical records with provenance, edges and a search index', async () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    writeFileSync(f, sample());
    const store = await openCase(join(d, 'c.clew'), { create: true });
    const s = await ingestFile(store, f);
    expect(s.outcome).toBe('ingested');
    expect(s.added).toEqual({ records: 6, rejected: 0, duplicates: 0 });
    const st = await store.stats();
    expect(st.messages).toBe(3);
    expect(st.calls).toBe(1);
    expect(st.accounts).toBe(3);
    // B wrote to the conversation: recipients are the other members
    const edges = (await collect(store.edges())).map((e) => `${e.src}>${e.dst}:${e.channel}:${e.count}`).sort();
    expect(edges).toHaveLength(4);
    const hits = (await search(store, { query: 'kafa' })).hits;
    expect(hits).toHaveLength(1);
    const m = await store.message(hits[0]!.id);
    expect(m.provenance).toMatchObject({ sha256: s.sha256, format: 'canonical', locator: { line: 4 } });
    expect(m.recipients.map((r) => r.ref)).toEqual([A]);
    const shown = await show(store, m.id);
    expect(JSON.parse(shown.raw.text!)).toMatchObject({ body: 'ок брате, кафа је спремна' });
    expect(shown.thread.map((t) => t.body)).toEqual(['Kontejner MSCU1234566 stiže u Antwerpen', 'ок брате, кафа је спремна']);
    await store.close();
  });

  it('adds nothing when the same file is ingested again, and says so', async () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    writeFileSync(f, sample());
    const store = await openCase(join(d, 'c.clew'), { create: true });
    await ingestFile(store, f);
    const before = caseDigest((store as SqliteCaseStore).raw);
    const copy = join(d, 'copy-elsewhere.jsonl');
    writeFileSync(copy, readFileSync(f));
    const again = await ingestFile(store, copy);
    expect(again.outcome).toBe('already-ingested');
    expect(again.added).toEqual({ records: 0, rejected: 0, duplicates: 0 });
    expect(caseDigest((store as SqliteCaseStore).raw)).toEqual(before);
    await store.close();
  });

  it('links the same message found in two sources instead of dropping it', async () => {
    const d = tmp();
    const one = join(d, 'phone1.jsonl');
    const two = join(d, 'phone2.jsonl');
    const m = msg(A, B, '2021-03-01T12:00:00Z', 'isti tekst');
    writeFileSync(one, jsonl([m]));
    writeFileSync(two, jsonl([msg(B, A, '2021-03-01T12:01:00Z', 'drugi'), m]));
    const store = await openCase(join(d, 'c.clew'), { create: true });
    await ingestFile(store, one);
    const s2 = await ingestFile(store, two);
    expect(s2.added).toEqual({ records: 2, rejected: 0, duplicates: 1 });
    expect((await store.stats()).messages).toBe(3);
    expect((await store.stats()).duplicates).toBe(1);
    const hits = (await search(store, { query: 'isti' })).hits;
    expect(hits).toHaveLength(1); // indexed once
    const view = await store.message(hits[0]!.id);
    expect(view.duplicates).toHaveLength(1);
    const copy = await store.message(view.duplicates[0]!);
    expect(copy.duplicateOf).toBe(view.id);
    expect(copy.provenance.path).toBe(two);
    // the edge counts the communication once
    const e = (await collect(store.edges())).find((x) => x.src === view.sender.id);
    expect(e?.count).toBe(1);
    await store.close();
  });

  it('quarantines bad records with file, line and reason, and keeps every other record', async () => {
    const d = tmp();
    const f = join(d, 'bad.jsonl');
    const good = (i: number) => JSON.stringify(msg(A, B, `2021-02-0${i}T10:00:00Z`, `good ${i}`)) + '\n';
    const parts: Buffer[] = [
      Buffer.from(good(1)),
      Buffer.from('{"type":"message","from":"skyecc:AAAAAA","to":["skyecc:BBBBBB"],"ts":"2021-02-01T10:00:00Z","body":"x\xff"}\n', 'latin1'), // invalid UTF-8
      Buffer.from(good(2)),
      Buffer.from('{"type":"message","from":42,"to":"nobody","ts":true,"body":null}\n'), // wrong JSON types
      Buffer.from(JSON.stringify(msg(A, B, '2021-02-30T10:00:00Z', 'impossible')) + '\n'),
      Buffer.from(JSON.stringify(msg(A, B, '2021-02-03 10:00:00', 'ambiguous')) + '\n'),
      Buffer.from('{"type":"message", this is not json}\n'),
      Buffer.from(`{"type":"message","body":"${'x'.repeat(50 * 1024 * 1024)}"}\n`), // a 50 MB line: over the cap
      Buffer.from(`${'['.repeat(40)}${']'.repeat(40)}\n`),
      Buffer.from(good(3)),
      Buffer.from('{"type":"message","from":"skyecc:AAAAAA","to":["skyecc:BBBB'), // truncated last line
    ];
    writeFileSync(f, Buffer.concat(parts));
    const store = await openCase(join(d, 'c.clew'), { create: true });
    const s = await ingestFile(store, f);
    expect(s.added).toEqual({ records: 3, rejected: 8, duplicates: 0 });
    const q = await store.quarantine({ limit: 100 });
    expect(q.map((r) => [r.locator.line, r.code])).toEqual([
      [2, 'INVALID_UTF8'],
      [4, 'SCHEMA'],
      [5, 'TIMESTAMP_INVALID'],
      [6, 'TIMESTAMP_AMBIGUOUS'],
      [7, 'JSON_SYNTAX'],
      [8, 'LINE_TOO_LONG'],
      [9, 'JSON_TOO_DEEP'],
      [11, 'TRUNCATED_LINE'],
    ]);
    expect(q.every((r) => r.sourcePath === f && r.message.length > 0)).toBe(true);
    expect((await search(store, { query: 'good' })).hits.map((h) => h.snippet.text)).toEqual(['good 3', 'good 2', 'good 1']);
    await store.close();
  });

  it('addresses earlier messages to conversation members announced later (streamed exports)', async () => {
    const d = tmp();
    const f = join(d, 'late.jsonl');
    const C2 = 'skyecc:CCCCCC';
    writeFileSync(
      f,
      jsonl([
        { type: 'message', from: A, conversation: 'g', ts: '2021-02-01T10:00:00Z', body: 'first' },
        { type: 'message', from: B, conversation: 'g', ts: '2021-02-01T10:01:00Z', body: 'second' },
        { type: 'conversation', ref: 'g', title: 'group', members: [A, B, C2] },
        { type: 'message', from: C2, conversation: 'g', ts: '2021-02-01T10:02:00Z', body: 'third' },
      ]),
    );
    const store = await openCase(join(d, 'c.clew'), { create: true });
    await ingestFile(store, f, { analyse: false });
    const first = await store.message((await search(store, { query: 'first' })).hits[0]!.id);
    expect(first.recipients.map((r) => r.ref).sort()).toEqual([B, C2]);
    const refs = new Map((await collect(store.accounts())).map((a) => [a.id, a.ref]));
    const edges = (await collect(store.edges())).map((e) => `${refs.get(e.src)}>${refs.get(e.dst)}:${e.count}`).sort();
    expect(edges).toEqual([`${A}>${B}:1`, `${A}>${C2}:1`, `${B}>${A}:1`, `${B}>${C2}:1`, `${C2}>${A}:1`, `${C2}>${B}:1`]);
    await store.close();
  });

  it('reads local times in the zone given by --tz', async () => {
    const d = tmp();
    const f = join(d, 'local.jsonl');
    writeFileSync(f, jsonl([msg(A, B, '2021-07-03 10:00:00', 'summer')]));
    const store = await openCase(join(d, 'c.clew'), { create: true });
    await ingestFile(store, f, { timeZone: 'Europe/Belgrade' });
    const hit = (await search(store, { query: 'summer' })).hits[0]!;
    expect(hit.ts).toBe(Date.UTC(2021, 6, 3, 8, 0, 0));
    expect((await store.message(hit.id)).tzOffset).toBe(120);
    await store.close();
  });

  it('refuses an empty file, a binary file and a missing file with clear errors, writing nothing', async () => {
    const d = tmp();
    const store = await openCase(join(d, 'c.clew'), { create: true });
    writeFileSync(join(d, 'empty.jsonl'), '');
    await expectCode(ingestFile(store, join(d, 'empty.jsonl')), 'EMPTY_FILE');
    writeFileSync(join(d, 'photo.bin'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0, 0]));
    await expectCode(ingestFile(store, join(d, 'photo.bin')), 'BINARY_FILE');
    writeFileSync(join(d, 'notes.txt'), 'just some notes\nnothing here\n');
    await expectCode(ingestFile(store, join(d, 'notes.txt')), 'FORMAT_UNKNOWN');
    await expectCode(ingestFile(store, join(d, 'missing.jsonl')), 'SOURCE_NOT_FOUND');
    await expectCode(ingestFile(store, d), 'INVALID_ARGUMENT');
    expect(await store.sources()).toEqual([]);
    await store.close();
  });

  it('refuses a case path that is a directory or read-only', async () => {
    const d = tmp();
    mkdirSync(join(d, 'dir.clew'));
    await expectCode(() => openCase(join(d, 'dir.clew'), { create: true }), 'CASE_IS_DIRECTORY');
    const ro = join(d, 'ro.clew');
    await (await openCase(ro, { create: true })).close();
    chmodSync(ro, 0o444);
    await expectCode(() => openCase(ro, { create: true }), 'CASE_READ_ONLY');
    // read-only opening still works for reading
    const r = await openCase(ro, { readonly: true });
    expect((await r.stats()).messages).toBe(0);
    await r.close();
    await expectCode(() => openCase(join(d, 'nope.clew')), 'CASE_NOT_FOUND');
    writeFileSync(join(d, 'text.clew'), 'not a database at all, just text that is long enough to be a header');
    await expectCode(() => openCase(join(d, 'text.clew')), 'CASE_INVALID');
  });

  it('continues an interrupted ingest to exactly the state of one clean run', async () => {
    const d = tmp();
    const f = join(d, 'many.jsonl');
    const recs: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      recs.push(msg(`skyecc:P${i % 37}`, `skyecc:P${(i * 7) % 41}`, `2021-03-${day}T10:${String(i % 60).padStart(2, '0')}:00Z`, `the message ${i % 500}`));
      if (i % 300 === 0) recs.push({ type: 'message', broken: true });
    }
    writeFileSync(f, jsonl(recs));

    const clean = await openCase(join(d, 'clean.clew'), { create: true });
    await ingestFile(clean, f, { batchSize: 100 });
    const want = caseDigest((clean as SqliteCaseStore).raw);
    await clean.close();

    const path = join(d, 'crash.clew');
    for (const stopAfter of [3, 11]) {
      const store = await openCase(path, { create: true });
      let batches = 0;
      const crash = new Error('simulated crash');
      await expect(
        ingestFile(store, f, {
          batchSize: 100,
          progressIntervalMs: 0,
          onProgress: (p) => {
            if (p.phase === 'ingesting' && ++batches >= stopAfter) throw crash;
          },
        }),
      ).rejects.toBe(crash);
      expect((await store.sources())[0]?.status).toBe('partial');
      await store.close();
    }
    const store = await openCase(path, { create: true });
    const s = await ingestFile(store, f, { batchSize: 100 });
    expect(s.outcome).toBe('resumed');
    const got = caseDigest((store as SqliteCaseStore).raw);
    await store.close();
    expect(got).toEqual(want);
  });
});
