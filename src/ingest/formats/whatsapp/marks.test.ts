import { describe, expect, it } from 'vitest';
import { isMark, normaliseHead, stripMarks } from './marks.js';

describe('marks', () => {
  it('strips direction marks and trims', () => {
    expect(stripMarks('\u200e\u202aAna\u202c \u200f')).toBe('Ana');
    expect(isMark(0x200e)).toBe(true);
    expect(isMark(0x41)).toBe(false);
  });
  it('normalises a head and maps indices back', () => {
    const s = '\u200e٣١\u200f/١٢، ١١:٥٩\u202fم - x';
    const { norm, map } = normaliseHead(s, 80);
    expect(norm).toBe('31/12, 11:59 م - x');
    expect(s[map[norm.indexOf('x')]!]).toBe('x');
    expect(map[norm.length]).toBe(s.length);
    expect(normaliseHead('abcdef', 3).norm).toBe('abc');
  });
});
