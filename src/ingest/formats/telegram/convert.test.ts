import { describe, expect, it } from 'vitest';
import { convertMessage, flattenText, messageTime, telegramRef, type AccountState, type ChatState } from './convert.js';

const chat = (type = 'personal_chat'): ChatState => ({ ref: 'chat:7', idPrefix: '7:', id: 7, type, peer: 'telegram:user7', members: new Set() });

describe('telegram conversion', () => {
  it('flattens text entities', () => {
    expect(flattenText(['a ', { type: 'bold', text: 'b' }, { type: 'x' }, 3, ' c'])).toBe('a b c');
    expect(flattenText('plain')).toBe('plain');
    expect(flattenText(null)).toBe('');
  });
  it('times: unixtime with the local date gives the original offset', () => {
    expect(messageTime({ date: '2021-07-01T10:00:00', date_unixtime: '1625126400' }, 'UTC')).toEqual({ ts: 1625126400000, tzOffset: 120, tsLocal: '2021-07-01T10:00:00' });
    expect(messageTime({ date_unixtime: '1625126400' }, 'UTC')).toEqual({ ts: 1625126400000, tzOffset: null });
    expect(() => messageTime({ date: 'yesterday' }, 'UTC')).toThrow();
  });
  it('references', () => {
    expect(telegramRef('user123')).toBe('telegram:user123');
    expect(telegramRef(123)).toBe('telegram:user123');
    expect(telegramRef('channel9')).toBe('telegram:channel9');
    expect(telegramRef('')).toBeUndefined();
    expect(telegramRef({})).toBeUndefined();
  });
  it('learns the exporting account in a one-to-one chat and addresses the peer', () => {
    const acc: AccountState = { names: new Map() };
    const c = chat();
    const recs = convertMessage({ id: 1, type: 'message', date_unixtime: '1', from_id: 'user9', from: 'Me', text: 'x' }, c, acc, 'UTC');
    expect(acc.self).toBe('telegram:user9');
    expect(recs.find((r) => r.type === 'message')).toMatchObject({ from: 'telegram:user9', to: ['telegram:user7'] });
    const back = convertMessage({ id: 2, type: 'message', date_unixtime: '1', from_id: 'user7', text: 'y' }, c, acc, 'UTC');
    expect(back.find((r) => r.type === 'message')).toMatchObject({ to: ['telegram:user9'] });
  });
  it('phone calls without a known counterpart become events', () => {
    const acc: AccountState = { names: new Map() };
    const recs = convertMessage({ id: 3, type: 'service', date_unixtime: '1', actor_id: 'user7', action: 'phone_call', discard_reason: 'missed' }, chat(), acc, 'UTC');
    expect(recs.at(-1)).toMatchObject({ type: 'event', kind: 'call_missed', actor: 'telegram:user7' });
  });
  it('rejects what it cannot read', () => {
    const acc: AccountState = { names: new Map() };
    expect(() => convertMessage('x', chat(), acc, 'UTC')).toThrow(expect.objectContaining({ code: 'SCHEMA' }));
    expect(() => convertMessage({ id: 1, type: 'poll', date_unixtime: '1' }, chat(), acc, 'UTC')).toThrow(expect.objectContaining({ code: 'SCHEMA' }));
  });
});
