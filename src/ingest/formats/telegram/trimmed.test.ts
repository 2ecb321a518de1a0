import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../model/records.js';
import { collect, sourceFromBytes } from '../csv/test-support/source.js';
import { telegramParser } from './parser.js';

const msg = (i: number, extra: Record<string, unknown> = {}) => ({ type: 'message', date: '2021-03-01T10:00:00', date_unixtime: String(1614592800 + i), from: 'Ana', from_id: 'user1', text: `m${i}`, ...extra });

describe('telegram exports trimmed by other tools', () => {
  it('messages without "id" get ids from their position, and the summary says so', async () => {
    const doc = { name: 'Ana', type: 'personal_chat', id: 42, messages: [msg(0), msg(1, { id: 7 }), msg(2)] };
    const items = await collect(telegramParser, sourceFromBytes(JSON.stringify(doc), 'result.json', { timeZone: 'UTC' }));
    const ids = items.flatMap((i) => (i.kind === 'record' && i.record.type === 'message' ? [(i.record as MessageRecord).nativeId] : []));
    expect(ids).toEqual(['42:#1', '42:7', '42:#3']);
    expect(items.filter((i) => i.kind === 'reject')).toEqual([]);
    const w = items.filter((i) => i.kind === 'warning');
    expect(w.map((x) => x.kind === 'warning' && x.code)).toEqual(['TELEGRAM_IDS_DERIVED']);
    expect(w[0]!.kind === 'warning' && w[0]!.message).toContain('2 message(s) had no "id"');
    // the same file again derives the same ids (idempotent ingest)
    const again = await collect(telegramParser, sourceFromBytes(JSON.stringify(doc), 'result.json', { timeZone: 'UTC' }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(items));
  });

  it('an export with ids everywhere gives no warning', async () => {
    const doc = { name: 'Ana', type: 'personal_chat', id: 42, messages: [msg(0, { id: 1 })] };
    const items = await collect(telegramParser, sourceFromBytes(JSON.stringify(doc), 'result.json', { timeZone: 'UTC' }));
    expect(items.filter((i) => i.kind === 'warning')).toEqual([]);
  });
});
