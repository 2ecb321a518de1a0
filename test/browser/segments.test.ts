/** The web app's highlight splitter (pure; lives in web/src/lib, tested here with fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelledSegments, segments } from '../../web/src/lib/segments.js';

describe('segments', () => {
  it('splits text into plain and marked runs', () => {
    expect(segments('the kafa is here', [[4, 8]])).toEqual([
      { text: 'the ', mark: false },
      { text: 'kafa', mark: true },
      { text: ' is here', mark: false },
    ]);
    expect(segments('', [])).toEqual([{ text: '', mark: false }]);
  });

  it('clamps, sorts and merges hostile offsets', () => {
    expect(segments('abcdef', [[4, 99], [-5, 2], [1, 3], [3, 3], [NaN, 2]])).toEqual([
      { text: 'abc', mark: true },
      { text: 'd', mark: false },
      { text: 'ef', mark: true },
    ]);
  });

  it('always rebuilds the text exactly, and marks exactly the covered characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: -5, max: 70 })), { maxLength: 8 }), (text, hs) => {
        const segs = segments(text, hs);
        expect(segs.map((s) => s.text).join('')).toBe(text);
        const covered = new Set<number>();
        for (const [s, e] of hs) for (let i = Math.max(0, s); i < Math.min(text.length, e); i++) covered.add(i);
        for (let i = 1; i < segs.length; i++) expect(segs[i]!.mark).not.toBe(segs[i - 1]!.mark); // runs alternate
        let at = 0;
        for (const s of segs) {
          for (let i = at; i < at + s.text.length; i++) expect(covered.has(i)).toBe(s.mark);
          at += s.text.length;
        }
      }),
    );
  });
});

describe('labelledSegments', () => {
  it('labels mention spans and keeps the first of overlapping ones', () => {
    const text = 'call +381641234567 or IBAN RS35';
    const phone = { start: 5, end: 18, type: 'phone' };
    const inner = { start: 6, end: 9, type: 'other' };
    const r = labelledSegments(text, [inner, phone]);
    expect(r.map((x) => [x.text, x.item?.type ?? null])).toEqual([
      ['call ', null],
      ['+381641234567', 'phone'],
      [' or IBAN RS35', null],
    ]);
  });

  it('always rebuilds the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.record({ start: fc.integer({ min: -5, max: 70 }), end: fc.integer({ min: -5, max: 70 }) }), { maxLength: 8 }), (text, ms) => {
        expect(labelledSegments(text, ms).map((s) => s.text).join('')).toBe(text);
      }),
    );
  });
});
