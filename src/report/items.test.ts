import { describe, expect, it } from 'vitest';
import { parseItemsText } from './items.js';

describe('parseItemsText', () => {
  it('reads items in order with commentary, queries, comments; refuses bad lines with their numbers', () => {
    const r = parseItemsText('\ufeff# selection\nquery: kafa from:Kum\n\nmessage:12  Kum confirms <b>it</b>\n7\nMESSAGE:3\t\u202etxet\n', 'sel.txt');
    expect(r.queries).toEqual(['kafa from:Kum']);
    expect(r.items).toEqual([
      { type: 'message', id: 12, commentary: 'Kum confirms <b>it</b>' },
      { type: 'message', id: 7, commentary: null },
      { type: 'message', id: 3, commentary: '\u202etxet' },
    ]);
    expect(() => parseItemsText('12\nabc\n12\ncall:4\nquery:\n', 'f')).toThrow(/line 2: .*line 3: message 12 is listed twice; line 5: query: needs/);
    expect(() => parseItemsText('# nothing\n', 'f')).toThrow(/no items/);
  });

  it('reads calls as items: call:ID with commentary, a call and a message of the same id both, a call listed twice refused', () => {
    expect(parseItemsText('call:12  the call <b>before</b>\n12\nCALL:7\n', 'f').items).toEqual([
      { type: 'call', id: 12, commentary: 'the call <b>before</b>' },
      { type: 'message', id: 12, commentary: null },
      { type: 'call', id: 7, commentary: null },
    ]);
    expect(() => parseItemsText('call:12\ncall:12 again\ncall:x\n', 'f')).toThrow(/line 2: call 12 is listed twice; line 3: "call:x" is not message:ID, call:ID/);
    expect(() => parseItemsText(`1 ${'x'.repeat(10_001)}`, 'f')).toThrow(/at most 10000/);
  });
});
