import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCallEdge, addMessageEdges, type EdgeIncrements, mergeEdge, messageRecipients } from './edges.js';
import { CHANNELS } from './records.js';

const rows = (e: EdgeIncrements) => [...e.values()].map((x) => `${x.src}>${x.dst}:${x.channel}:${x.count}:${x.first}-${x.last}`).sort();

describe('edge derivation', () => {
  it('one increment per distinct recipient; the conversation members when there are no explicit recipients', () => {
    expect(messageRecipients(1, [2, 3, 2], [1, 4])).toEqual([2, 3]);
    expect(messageRecipients(1, [], [1, 4, 5, 4])).toEqual([4, 5]);
    expect(messageRecipients(1, [], undefined)).toEqual([]);
    const e: EdgeIncrements = new Map();
    addMessageEdges(e, 1, [2, 3], 'chat', 10, false);
    addMessageEdges(e, 1, [2], 'chat', 5, false);
    addMessageEdges(e, 1, [2], 'sms', 7, false);
    expect(rows(e)).toEqual(['1>2:chat:2:5-10', '1>2:sms:1:7-7', '1>3:chat:1:10-10']);
  });

  it('gives nothing for a duplicate or a self-loop', () => {
    const e: EdgeIncrements = new Map();
    addMessageEdges(e, 1, [2], 'chat', 1, true);
    addCallEdge(e, 3, 4, 'call', 1, true);
    addMessageEdges(e, 1, [1], 'chat', 1, false);
    addCallEdge(e, 5, 5, 'call', 1, false);
    expect(rows(e)).toEqual([]);
    addCallEdge(e, 3, 4, 'call', 2, false);
    expect(rows(e)).toEqual(['3>4:call:1:2-2']);
  });

  it('sums the same way whether counted at once or in parts merged later, for small and huge ids', () => {
    const comm = fc.record({ src: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2 ** 24, max: 2 ** 30 })), dst: fc.integer({ min: 1, max: 5 }), ch: fc.constantFrom(...CHANNELS), ts: fc.integer({ min: 0, max: 1e6 }) });
    fc.assert(
      fc.property(fc.array(comm, { maxLength: 40 }), fc.nat(40), (cs, cut) => {
        const whole: EdgeIncrements = new Map();
        const a: EdgeIncrements = new Map();
        const b: EdgeIncrements = new Map();
        cs.forEach((c, i) => {
          addMessageEdges(whole, c.src, [c.dst], c.ch, c.ts, false);
          addMessageEdges(i < cut ? a : b, c.src, [c.dst], c.ch, c.ts, false);
        });
        for (const [k, v] of b) mergeEdge(a, k, v);
        expect(rows(a)).toEqual(rows(whole));
        expect([...whole.values()].reduce((n, x) => n + x.count, 0)).toBe(cs.filter((c) => c.src !== c.dst).length);
      }),
    );
  });
});
