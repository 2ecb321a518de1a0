/**
 * The ingest pipeline's analyse stage (src/ingest/analyse.ts) finds what the writers' own
 * analysers found: the same file ingested through the pipeline, and its records written straight
 * through the store's writer with its analyser, give every message the same language and the
 * same mentions, on a mixed corpus (languages, conversations, one-to-one threads, duplicates,
 * code words).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../model/records.js';
import type { CaseStore } from '../store/types.js';
import { withCase } from './case.js';
import { ingestFile } from './ingest.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const T0 = Date.UTC(2021, 4, 1);
const BODIES = [
  'Zovi me na 064 123 4567 sutra',
  'lubenica stiže u Bar',
  'ok',
  'Контејнер у Бару, 850 кг',
  'De container komt morgen in Antwerpen aan',
  'الشحنة وصلت إلى الميناء',
  'send 5000 EUR to NL91ABNA0417164300',
  'da',
  'Je t’appelle ce soir au +33 6 12 34 56 78',
  'mail me at mark@example.com',
];
const PEOPLE = ['sky:a', 'sky:b', 'sky:c', 'sky:d'];

function records(): ClewRecord[] {
  const out: ClewRecord[] = [];
  for (let i = 0; i < 160; i++) {
    const from = PEOPLE[i % 4]!;
    const conv = i % 3 === 0 ? 'g1' : i % 7 === 0 ? 'g2' : undefined;
    const r: ClewRecord = {
      type: 'message',
      from,
      to: conv ? [] : [PEOPLE[(i + 1 + (i % 2)) % 4]!],
      channel: 'chat',
      ts: T0 + i * 60_000,
      tzOffset: 0,
      body: `${BODIES[i % BODIES.length]}${i % 5 === 0 ? '' : ` ${i}`}`,
      ...(conv ? { conversation: conv } : {}),
    };
    out.push(r);
    if (i % 11 === 0) out.push({ ...r });
  }
  return out;
}

async function analysed(store: CaseStore) {
  const out: Record<string, unknown> = {};
  const page = await store.search({ text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded' }, { limit: 1000 });
  for (const h of page.hits) {
    const m = await store.message(h.id);
    out[`${m.ts}|${m.body}`] = { lang: m.lang, mentions: (await store.mentions(h.id)).map((x) => [x.type, x.value, x.start, x.end]) };
  }
  return out;
}

describe('the analyse stage', () => {
  it('gives every message the language and mentions the writer analysing it itself gives', async () => {
    const recs = records();
    const file = join(tmp(), 'chat.jsonl');
    writeFileSync(
      file,
      recs.map((r) => JSON.stringify({ ...r, ts: new Date((r as { ts: number }).ts).toISOString(), tzOffset: undefined })).join('\n') + '\n',
    );
    const lexicon = async (s: CaseStore) => void (await s.addLexiconEntry({ term: 'lubenica', means: 'cocaine', type: 'drug' }));
    const viaPipeline = await withCase(join(tmp(), 'p.clew'), { create: true }, async (s) => {
      await lexicon(s);
      await ingestFile(s, file, { batchSize: 37 });
      return analysed(s);
    });
    const viaWriter = await withCase(join(tmp(), 'w.clew'), { create: true }, async (s) => {
      await lexicon(s);
      const w = await s.beginSource({ path: file, name: 'chat.jsonl', size: 1, sha256: 'e'.repeat(64), format: 'canonical', options: {} }, { analyse: true });
      for (let i = 0; i < recs.length; i += 37)
        await w.writeBatch(
          recs.slice(i, i + 37).map((record, k) => ({ kind: 'record', record, locator: { line: i + k + 1 } })),
          { offset: null, line: i + 38, itemsDone: Math.min(recs.length, i + 37) },
        );
      await w.finish();
      return analysed(s);
    });
    expect(Object.keys(viaPipeline)).toHaveLength(160);
    const some = Object.values(viaPipeline) as { lang: string | null; mentions: unknown[] }[];
    expect(some.filter((m) => m.mentions.length > 0).length).toBeGreaterThan(50);
    expect(new Set(some.map((m) => m.lang)).size).toBeGreaterThan(3);
    expect(viaPipeline).toEqual(viaWriter);
  });
});
