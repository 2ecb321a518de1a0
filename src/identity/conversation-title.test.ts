import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationTitle, isRealTitle, titleFromMembers } from './conversation-title.js';

describe('conversation titles', () => {
  it('keeps a real title and replaces emoji, empty, one-letter and PIN titles by the members', () => {
    for (const t of ['Porodica', 'Kumovi', "Collega's", 'Фудбал', 'Los parceros ☕', 'عائلة']) expect(isRealTitle(t), t).toBe(true);
    for (const t of ['☕', '', '   ', 'S', '🔥🔥', '9C9254', '12345678', null, '+381 64']) expect(isRealTitle(t), String(t)).toBe(false);
    const members = ['Tata', 'Kum', 'Ljuba', 'Sova', 'Zmaj', 'Buraz'];
    expect(conversationTitle('☕', members)).toBe('Tata, Kum, Ljuba +3');
    expect(conversationTitle('Porodica', members)).toBe('Porodica');
    expect(conversationTitle(null, ['Tata', 'Kum'])).toBe('Tata, Kum');
    expect(conversationTitle('', [])).toBeNull();
  });

  it('says how many members are left out, whatever the names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '' && !s.includes(',')), { maxLength: 20 }), (names) => {
        const t = titleFromMembers(names);
        if (names.length <= 3) expect(t).toBe(names.join(', '));
        else expect(t.endsWith(` +${names.length - 3}`)).toBe(true);
      }),
    );
  });
});
