import { describe, expect, it } from 'vitest';
import { ftmId, toFtmEntities, toFtmNdjson } from './ftm.js';
import { HOSTILE } from './test-support/hostile.js';

const input = {
  persons: [{ key: 'p1', name: HOSTILE, phones: ['+31612345678'] }],
  accounts: [
    { key: 'sky:ABC123', username: 'ABC123', service: 'Sky ECC', owner: 'p1', phone: '+31612345678' },
    { key: 'sky:XYZ', username: 'XYZ', service: 'Sky ECC' },
  ],
  messages: [{ key: 'm1', from: 'sky:ABC123', to: ['sky:XYZ'], date: Date.UTC(2020, 2, 2, 10, 5, 7, 900), body: 'bring the <stuff> & "money"\u0000' }],
  calls: [{ key: 'c1', from: 'sky:XYZ', to: 'sky:ABC123', date: Date.UTC(2020, 2, 3), duration: 61 }],
};

describe('FollowTheMoney export', () => {
  it('writes schema-shaped entities with deterministic ids and references', () => {
    const es = toFtmEntities(input);
    expect(es.map((e) => e.schema)).toEqual(['Person', 'UserAccount', 'UserAccount', 'Message', 'Call']);
    const [p, a1, a2, m, c] = es;
    expect(p!.id).toBe(ftmId('Person', 'p1'));
    expect(p!.id).toMatch(/^clew-[0-9a-f]{40}$/);
    expect(a1!.properties).toEqual({ username: ['ABC123'], service: ['Sky ECC'], number: ['+31612345678'], owner: [p!.id] });
    expect(a2!.properties.owner).toBeUndefined();
    expect(m!.properties).toMatchObject({ sender: [p!.id], senderAccount: [a1!.id], recipientAccount: [a2!.id], date: ['2020-03-02T10:05:07'] });
    expect(m!.properties.recipients).toBeUndefined();
    expect(c!.properties).toMatchObject({ receiver: [p!.id], receiverNumber: ['+31612345678'], duration: ['61'], date: ['2020-03-03T00:00:00'] });
    expect(toFtmEntities(input)).toEqual(es);
  });
  it('NDJSON lines are valid JSON holding hostile text unchanged', () => {
    const lines = toFtmNdjson(input).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const p = JSON.parse(lines[0]!) as { properties: { name: string[] } };
    expect(p.properties.name[0]).toBe(HOSTILE);
  });
  it('refuses dangling references', () => {
    expect(() => toFtmEntities({ accounts: [{ key: 'a', username: 'a', owner: 'nobody' }] })).toThrow();
    expect(() => toFtmEntities({ accounts: [], messages: [{ key: 'm', from: 'x', to: [], date: 0 }] })).toThrow();
    expect(() => toFtmEntities({ accounts: [{ key: 'a', username: '' }] })).toThrow();
  });
});
