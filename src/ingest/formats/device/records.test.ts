import { describe, expect, it } from 'vitest';
import { contactRecord, conversationRecord, deviceRecords, messageRecords, participants } from './records.js';
import { TOO_LONG } from './walker.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('device-dump records', () => {
  const ctx = { platform: 'encrochat', owner: 'encrochat:bravo' };

  it('builds device identifiers and owner account', () => {
    expect(deviceRecords({ platform: 'EncroChat', owner: 'bravo', imei: '356938035643809', serial: 'X1' }).records).toEqual([
      { type: 'device', account: 'encrochat:bravo', identifiers: { platform: 'encrochat', imei: '356938035643809', serial: 'X1' } },
      { type: 'account', ref: 'encrochat:bravo', kind: 'pin' },
    ]);
    expect(code(() => deviceRecords({ platform: 'Sky ECC!', owner: 'x' }))).toBe('SCHEMA');
    expect(code(() => deviceRecords({ platform: 'skyecc' }))).toBe('SCHEMA');
  });

  it('keeps nicknames exactly, rejects missing ones', () => {
    expect(contactRecord({ handle: 'alpha', nickname: '\t Kum\u0007 ' }, ctx)).toEqual({ type: 'contact', owner: 'encrochat:bravo', contact: 'encrochat:alpha', name: '\t Kum\u0007 ' });
    expect(code(() => contactRecord({ handle: 'alpha' }, ctx))).toBe('SCHEMA');
    expect(code(() => contactRecord({ handle: 'alpha', nickname: TOO_LONG }, ctx))).toBe('TOO_LARGE');
  });

  it('addresses messages to the other participants by default', () => {
    const members = participants(['bravo', 'alpha', 'charlie'], 'encrochat');
    const conv = conversationRecord({ id: 'g', participants: members }, 'fallback');
    const { message } = messageRecords({ id: 'm', from: 'alpha', ts: '2020-04-01T08:00:00+02:00', body: 'x', deleted: true }, 'encrochat', { ref: conv.ref, members }, undefined);
    expect(message).toEqual({
      type: 'message',
      nativeId: 'm',
      from: 'encrochat:alpha',
      to: ['encrochat:bravo', 'encrochat:charlie'],
      conversation: 'g',
      channel: 'chat',
      body: 'x',
      ts: Date.UTC(2020, 3, 1, 6),
      tzOffset: 120,
      deleted: true,
    });
    expect(code(() => messageRecords({ from: 'a', ts: '2020-04-01 08:00:00' }, 'encrochat', { ref: 'g' }, undefined))).toBe('TIMESTAMP_AMBIGUOUS');
    expect(code(() => messageRecords({ from: 'a', ts: 0, deleted: 'yes' }, 'encrochat', { ref: 'g' }, undefined))).toBe('SCHEMA');
    expect(code(() => messageRecords({ from: 'a', ts: 0, body: TOO_LONG }, 'encrochat', { ref: 'g' }, undefined))).toBe('TOO_LARGE');
  });
});
