/**
 * The ingest pipeline's analyse stage (src/ingest/analyse.ts) is where messages are analysed
 * (parse → analyse → write; the writers only store): the same file ingested in batches of 37 and
 * in one batch gives every message the same language and the same mentions, on a mixed corpus
 * (languages, conversations, one-to-one threads, duplicates, code words), and without the stage
 * nothing is analysed.
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
  it('gives every message its language and mentions, whatever the batches, and the writers add none', async () => {
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
    // the stage reads a source whole: how it is cut into batches changes nothing
    const inOneBatch = await withCase(join(tmp(), 'w.clew'), { create: true }, async (s) => {
      await lexicon(s);
      await ingestFile(s, file, { batchSize: 10_000 });
      return analysed(s);
    });
    // the writers analyse nothing themselves: without the stage, no language and no mention is stored
    const unanalysed = await withCase(join(tmp(), 'n.clew'), { create: true }, async (s) => {
      await lexicon(s);
      await ingestFile(s, file, { analyse: false });
      return analysed(s);
    });
    expect(Object.keys(viaPipeline)).toHaveLength(160);
    const some = Object.values(viaPipeline) as { lang: string | null; mentions: unknown[] }[];
    expect(some.filter((m) => m.mentions.length > 0).length).toBeGreaterThan(50);
    expect(new Set(some.map((m) => m.lang)).size).toBeGreaterThan(3);
    expect(viaPipeline).toEqual(inOneBatch);
    expect(Object.values(unanalysed)).toHaveLength(160);
    expect(Object.values(unanalysed).every((m) => (m as { lang: unknown; mentions: unknown[] }).lang === null && (m as { mentions: unknown[] }).mentions.length === 0)).toBe(true);
  });
});
