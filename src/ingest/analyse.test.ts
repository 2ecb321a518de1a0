import { describe, expect, it } from 'vitest';
import type { ClewRecord, MessageRecord } from '../model/records.js';
import { type AnalysableItem, AnalyseStage, threadKey } from './analyse.js';

const msg = (from: string, to: string[], body: string, conversation?: string): MessageRecord => ({
  type: 'message',
  from,
  to,
  channel: 'chat',
  ts: 0,
  tzOffset: 0,
  body,
  ...(conversation ? { conversation } : {}),
});

describe('threadKey', () => {
  it('is the conversation, else the pair of a one-to-one message either way round, else none', () => {
    expect(threadKey(msg('a', ['b'], 'x', 'g1'))).toBe('c:g1');
    expect(threadKey(msg('a', ['b'], 'x'))).toBe(threadKey(msg('b', ['a'], 'y')));
    expect(threadKey(msg('a', ['b', 'b'], 'x'))).toBe(threadKey(msg('a', ['b'], 'x')));
    expect(threadKey(msg('a', ['b'], 'x'))).not.toBe(threadKey(msg('a', ['c'], 'x')));
    expect(threadKey(msg('a', ['b', 'c'], 'x'))).toBeNull();
    expect(threadKey(msg('a', [], 'x'))).toBeNull();
  });
});

describe('AnalyseStage', () => {
  it("attaches each message's language and mentions, code words included, and leaves other items alone", async () => {
    const stage = await AnalyseStage.create({ defaultRegion: 'RS', lexicon: [{ term: 'lubenica', means: 'kilo', type: null }] });
    const account: ClewRecord = { type: 'account', ref: 'sky:a' };
    const items: AnalysableItem[] = [
      { kind: 'record', record: msg('sky:a', ['sky:b'], 'Zovi me na 064 123 4567, stigla je lubenica u luku') },
      { kind: 'record', record: account },
      { kind: 'reject' },
    ];
    stage.run(items);
    const a = (items[0] as { analysis?: { lang: string | null; mentions: { type: string; value: string }[] } }).analysis!;
    expect(['sr', 'hr', 'bs']).toContain(a.lang); // Serbo-Croatian without a cue either way
    expect(a.mentions.map((m) => m.type)).toEqual(expect.arrayContaining(['phone', 'codeword']));
    expect(a.mentions.find((m) => m.type === 'phone')!.value).toBe('+381641234567');
    expect((items[1] as { analysis?: unknown }).analysis).toBeUndefined();
  });
});
